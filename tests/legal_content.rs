//! The bundled legal content: every reference resolves, citations follow one
//! format, and the engine agrees with the courts on every decided use.

use fairuse::engine::analyse;
use fairuse::model::AuthorityKind;
use fairuse::Library;

fn library() -> Library {
    Library::bundled().expect("bundled rubric and authorities load")
}

#[test]
fn every_authority_id_referenced_anywhere_exists() {
    let lib = library();
    let mut referenced: Vec<(String, String)> = Vec::new();
    for id in &lib.rubric.weighting.authorities {
        referenced.push(("rubric weighting".into(), id.clone()));
    }
    for (_, q) in lib.rubric.questions() {
        for o in &q.options {
            for id in &o.authorities {
                referenced.push((format!("{}.{}", q.id, o.id), id.clone()));
            }
        }
    }
    for case in lib.bundled_cases().unwrap() {
        for u in &case.uses {
            if let Some(court) = &u.court {
                referenced.push((format!("{}/{}", case.id, u.id), court.authority.clone()));
            }
        }
    }
    assert!(
        referenced.len() > 50,
        "the rubric cites authority throughout"
    );
    for (place, id) in referenced {
        assert!(
            lib.authorities.get(&id).is_some(),
            "{place} cites unknown authority {id}"
        );
    }
}

#[test]
fn every_citation_follows_one_format() {
    let lib = library();
    for a in &lib.authorities.authorities {
        if a.kind == AuthorityKind::Statute {
            assert_eq!(a.citation, "17 U.S.C. § 107", "{}", a.id);
            continue;
        }
        // "<name>, <reporter or docket> (<court and date> <year>)"
        let open = a
            .citation
            .rfind(" (")
            .unwrap_or_else(|| panic!("{}: no parenthetical", a.id));
        let paren = &a.citation[open + 2..];
        assert!(
            paren.ends_with(&format!("{})", a.year)),
            "{}: {}",
            a.id,
            a.citation
        );
        if a.kind == AuthorityKind::Case {
            assert!(
                a.citation.starts_with(&format!("{}, ", a.name)),
                "{}: name first",
                a.id
            );
            assert!(a.name.contains(" v. "), "{}: a case name has 'v.'", a.id);
            let cite = &a.citation[a.name.len() + 2..open];
            let reporter = cite
                .split(' ')
                .any(|w| ["U.S.", "F.2d", "F.3d", "F.4th"].contains(&w));
            let docket = cite.starts_with("No. ");
            assert!(
                reporter ^ docket,
                "{}: reporter or docket cite: {cite}",
                a.id
            );
            // The 2025 district rulings are cited by docket: their reporter cites are unconfirmed.
            if docket {
                assert!(a.citation.contains(" 20"), "{}", a.id);
            }
        }
        let short_name = a.short.split(',').next().unwrap();
        assert!(
            !short_name.is_empty() && a.short.len() < a.citation.len(),
            "{}: short form",
            a.id
        );
    }
}

#[test]
fn no_unconfirmed_reporter_cite_is_printed_as_a_citation() {
    let lib = library();
    for a in &lib.authorities.authorities {
        for cite in ["F. Supp. 3d", "WL "] {
            assert!(
                !a.citation.contains(cite),
                "{}: unconfirmed cite in citation",
                a.id
            );
            assert!(
                !a.short.contains(cite),
                "{}: unconfirmed cite in short form",
                a.id
            );
        }
    }
}

#[test]
fn every_authority_names_what_it_was_checked_against() {
    for a in &library().authorities.authorities {
        assert!(!a.checked_against.is_empty(), "{}", a.id);
        assert!(a.checked_against.iter().all(|s| s.len() > 5), "{}", a.id);
    }
}

#[test]
fn the_engine_reaches_every_courts_holding_and_explains_factor_differences() {
    let lib = library();
    let mut decided = 0;
    for case in lib.bundled_cases().unwrap() {
        let analysis = analyse(&lib.rubric, &case);
        for (u, a) in case.uses.iter().zip(&analysis.uses) {
            let (Some(ruling), Some(cmp)) = (&u.court, &a.court) else {
                continue;
            };
            decided += 1;
            assert!(
                cmp.conclusion_agrees,
                "{}/{}: court {:?}, tool {:?} ({:+.2})",
                case.id, u.id, ruling.holding, a.conclusion, a.score
            );
            if cmp.factors.iter().any(|f| !f.agrees) {
                assert!(
                    !ruling.note.trim().is_empty(),
                    "{}/{}: explain the difference",
                    case.id,
                    u.id
                );
            }
        }
    }
    assert!(decided >= 5, "only {decided} decided uses");
}

#[test]
fn every_bundled_case_answers_every_applicable_question_with_a_note() {
    let lib = library();
    let cases = lib.bundled_cases().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        for u in &case.uses {
            for (_, q) in lib.rubric.questions() {
                if fairuse::engine::applies(q, &u.answers) {
                    assert!(
                        u.answers.contains_key(&q.id),
                        "{}/{}: {} unanswered",
                        case.id,
                        u.id,
                        q.id
                    );
                    assert!(
                        u.notes.get(&q.id).is_some_and(|n| !n.trim().is_empty()),
                        "{}/{}: {} has no note",
                        case.id,
                        u.id,
                        q.id
                    );
                }
            }
        }
    }
}

#[test]
fn the_bundled_library_is_exactly_the_yaml_files() {
    let read = |name: &str| fairuse::Source {
        name: name.to_string(),
        text: std::fs::read_to_string(name).unwrap(),
    };
    let from_yaml = Library::from_sources(
        &read("cases/law/rubric.yaml"),
        &read("cases/law/authorities.yaml"),
    )
    .unwrap();
    let bundled = library();
    assert_eq!(
        format!("{:?}", from_yaml.rubric),
        format!("{:?}", bundled.rubric)
    );
    assert_eq!(
        format!("{:?}", from_yaml.authorities),
        format!("{:?}", bundled.authorities)
    );
}
