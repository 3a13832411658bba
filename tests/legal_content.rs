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
            // A section of title 17, or a pending bill cited by number, Congress and year.
            let section = a
                .citation
                .strip_prefix("17 U.S.C. § ")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            let bill = a.citation.contains(", S. ") || a.citation.contains(", H.R. ");
            assert!(section || bill, "{}: {}", a.id, a.citation);
            if bill {
                assert!(
                    a.citation.ends_with(&format!("Cong. ({})", a.year)) && a.pending.is_some(),
                    "{}: a bill says its Congress and year, and that it is pending",
                    a.id
                );
            }
            continue;
        }
        // "<name>, <reporter or docket> (<court and date> <year>)"
        // Bluebook puts "(en banc)" or "(per curiam)" after the court-and-year parenthetical.
        let citation = [" (en banc)", " (per curiam)"]
            .iter()
            .fold(a.citation.as_str(), |c, tail| {
                c.strip_suffix(tail).unwrap_or(c)
            });
        let open = citation
            .rfind(" (")
            .unwrap_or_else(|| panic!("{}: no parenthetical", a.id));
        let paren = &citation[open + 2..];
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
                .any(|w| ["U.S.", "F.2d", "F.3d", "F.4th"].contains(&w))
                || cite.contains(" F. Supp. 2d ");
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

#[test]
fn the_law_is_stated_as_of_december_2026_or_later() {
    let lib = library();
    assert!(
        fairuse::date::is_valid(&lib.authorities.current_to),
        "{}",
        lib.authorities.current_to
    );
    // ISO dates compare as strings.
    assert!(
        lib.authorities.current_to.as_str() >= "2026-12-01",
        "current_to {} predates the research of 2026-12-01",
        lib.authorities.current_to
    );
}

/// An entry whose every source is marked "(secondary)" is known only from
/// reports: its caveat must say so, and it records no factor findings, which
/// were not read.
#[test]
fn every_secondary_only_authority_is_stated_as_reported() {
    let lib = library();
    let secondary: Vec<_> = lib
        .authorities
        .authorities
        .iter()
        .filter(|a| a.checked_against.iter().all(|s| s.contains("(secondary")))
        .collect();
    let ids: Vec<&str> = secondary.iter().map(|a| a.id.as_str()).collect();
    assert!(
        ids.contains(&"ross-3d-cir"),
        "the Third Circuit's Ross ruling is known only from reports: {ids:?}"
    );
    for a in secondary {
        let caveat = a.caveat.as_deref().unwrap_or("").to_lowercase();
        assert!(
            caveat.contains("reported"),
            "{}: caveat must say reported",
            a.id
        );
        assert!(a.findings.is_empty(), "{}: findings were not read", a.id);
        assert!(
            a.holding.to_lowercase().contains("reportedly"),
            "{}: holding must say reportedly",
            a.id
        );
    }
}

#[test]
fn the_ross_ruling_points_to_its_reported_affirmance() {
    let lib = library();
    let ross = lib.authorities.get("ross").unwrap();
    let appeal = lib.authorities.get("ross-3d-cir").unwrap();
    assert!(appeal.citation.contains("No. 25-2153"));
    assert!(appeal.citation.contains("3d Cir."));
    for note in [ross.caveat.as_deref(), ross.pending.as_deref()] {
        let note = note.unwrap_or("");
        assert!(
            note.contains("reportedly") && note.contains("25-2153"),
            "ross: {note}"
        );
    }
}

/// Items precedents.md marks [unconfirmed] stay out of the library, so no memo can cite them.
#[test]
fn unconfirmed_developments_have_no_entry() {
    let lib = library();
    for a in &lib.authorities.authorities {
        for name in ["GitHub", "Andersen"] {
            assert!(!a.name.contains(name), "{}: {name} is unconfirmed", a.id);
        }
        assert!(!a.citation.contains("24-7700"), "{}", a.id);
    }
}

#[test]
fn every_bundled_case_has_a_forum_litigation_status_and_memo_heading() {
    use fairuse::model::Litigation;
    let lib = library();
    for case in lib.bundled_cases().unwrap() {
        let hypothetical = case.facts.trim_start().starts_with("HYPOTHETICAL");
        let litigation = case
            .litigation
            .unwrap_or_else(|| panic!("{}: no litigation status", case.id));
        let forum = case.forum.as_deref().unwrap_or("");
        assert!(
            !forum.trim().is_empty() || hypothetical,
            "{}: a litigated case names its forum",
            case.id
        );
        if !hypothetical {
            assert!(
                case.jurisdiction.contains(forum),
                "{}: forum {forum} vs jurisdiction {}",
                case.id,
                case.jurisdiction
            );
        }
        if litigation == Litigation::Pending {
            assert!(
                case.posture.is_some(),
                "{}: pending without posture",
                case.id
            );
        }
        let memo = case
            .memo
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no memo heading", case.id));
        assert!(memo.role.is_some(), "{}: memo role", case.id);
    }
}
