//! Properties of the engine, over random answer sets for the bundled rubric
//! and over small random rubrics: scores stay in range, the same answers give
//! the same analysis, a better answer never lowers its factor, the conclusion
//! follows the score, every pivotal fact (and only those) flips the
//! conclusion, and a case saved and loaded again is the same case.

use fairuse::engine::{self, analyse_use, Conclusion, FAIR_USE_LINE, NOT_FAIR_USE_LINE};
use fairuse::model::{Case, CourtRuling, FactorId, Finding, Holding, Rubric, Use};
use fairuse::report::memo::MemoOptions;
use fairuse::{Library, Source};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn bundled() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| Library::bundled().expect("the bundled library loads"))
}

/// One choice per question, in rubric order: `None` leaves it unanswered,
/// `Some(n)` picks option `n % options`. Questions whose condition does not
/// hold are skipped, as the loader requires.
fn answers_from(rubric: &Rubric, picks: &[Option<usize>]) -> BTreeMap<String, String> {
    let mut answers = BTreeMap::new();
    for ((_, q), pick) in rubric.questions().zip(picks.iter().cycle()) {
        if let Some(n) = pick {
            if engine::applies(q, &answers) && !q.options.is_empty() {
                answers.insert(q.id.clone(), q.options[n % q.options.len()].id.clone());
            }
        }
    }
    answers
}

fn picks() -> impl Strategy<Value = Vec<Option<usize>>> {
    prop::collection::vec(prop::option::weighted(0.8, 0..8usize), 1..40)
}

fn a_use(answers: BTreeMap<String, String>) -> Use {
    Use {
        id: "u".into(),
        title: "a use".into(),
        description: String::new(),
        question: None,
        answers,
        notes: BTreeMap::new(),
        views: BTreeMap::new(),
        court: None,
    }
}

/// A small rubric as YAML, loaded through the real loader: one scope question
/// in factor 1, and in each factor a few scored questions with random
/// weights and leans, some asked only for one scope answer.
fn small_rubric() -> impl Strategy<Value = Rubric> {
    let question = (
        1u32..=40,                                                           // weight ×0.25
        prop::collection::vec(prop::option::weighted(0.85, -2i8..=2), 1..5), // leans
        prop::option::of(0usize..3),                                         // condition
    );
    let factor = (1u32..=40, prop::collection::vec(question, 0..4));
    prop::collection::vec(factor, 4).prop_map(|factors| {
        let mut yaml = String::from(
            "version: 1\nweighting: {note: \"random\"}\nfactors:\n",
        );
        let mut n = 0;
        for (fi, (weight, questions)) in factors.iter().enumerate() {
            yaml.push_str(&format!(
                "  - id: {}\n    name: F\n    statute: s\n    weight: {}\n    questions:\n",
                FactorId::ALL[fi].as_str(),
                f64::from(*weight) * 0.25
            ));
            if fi == 0 {
                yaml.push_str(
                    "      - id: kind\n        prompt: p\n        options:\n          - {id: k0, label: l, rationale: r}\n          - {id: k1, label: l, rationale: r}\n          - {id: k2, label: l, rationale: r}\n",
                );
            }
            if fi != 0 && questions.is_empty() {
                // An empty list must be written as one: the reader refuses a
                // bare `questions:` (null) where a list belongs.
                yaml.push_str("      []\n");
            }
            for (weight, leans, when) in questions {
                n += 1;
                yaml.push_str(&format!(
                    "      - id: q{n}\n        prompt: p\n        weight: {}\n",
                    f64::from(*weight) * 0.25
                ));
                if let Some(k) = when {
                    yaml.push_str(&format!(
                        "        when: {{question: kind, any_of: [k{k}]}}\n"
                    ));
                }
                yaml.push_str("        options:\n");
                for (oi, lean) in leans.iter().enumerate() {
                    let lean = lean.map_or(String::new(), |l| format!(", lean: {l}"));
                    yaml.push_str(&format!(
                        "          - {{id: o{oi}, label: l, rationale: r{lean}}}\n"
                    ));
                }
            }
        }
        let library = Library::from_sources(
            &Source {
                name: "random-rubric.yaml".into(),
                text: yaml.clone(),
            },
            &Source {
                name: "authorities.yaml".into(),
                text: "current_to: 2026-01-01\nauthorities: []\n".into(),
            },
        );
        match library {
            Ok(library) => library.rubric,
            Err(e) => panic!("the generated rubric does not load: {e}\n{yaml}"),
        }
    })
}

/// A rubric and answers to it: the bundled rubric or a small random one.
fn rubric_and_answers() -> impl Strategy<Value = (Rubric, BTreeMap<String, String>)> {
    prop_oneof![
        picks().prop_map(|p| {
            let rubric = bundled().rubric.clone();
            let answers = answers_from(&rubric, &p);
            (rubric, answers)
        }),
        (small_rubric(), picks()).prop_map(|(rubric, p)| {
            let answers = answers_from(&rubric, &p);
            (rubric, answers)
        }),
    ]
}

fn in_unit(x: f64) -> bool {
    (-1.0..=1.0).contains(&x)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_in_range((rubric, answers) in rubric_and_answers()) {
        let a = analyse_use(&rubric, &a_use(answers));
        prop_assert!(in_unit(a.score), "score {}", a.score);
        prop_assert!((0.0..=1.0).contains(&a.confidence), "confidence {}", a.confidence);
        prop_assert_eq!(a.factors.len(), 4);
        for f in &a.factors {
            prop_assert!(in_unit(f.score), "{:?} score {}", f.factor, f.score);
            for d in &f.drivers {
                prop_assert!(d.contribution.abs() <= 1.0 + 1e-9, "{:?}", d);
            }
        }
        for p in &a.pivotal {
            prop_assert!(in_unit(p.score), "pivotal score {}", p.score);
        }
    }

    #[test]
    fn the_same_answers_give_the_same_analysis((rubric, answers) in rubric_and_answers()) {
        let first = analyse_use(&rubric, &a_use(answers.clone()));
        // The same rubric read again (its index built afresh), and the answers
        // read from a case file that lists them in reverse order.
        let again: Rubric =
            serde_json::from_str(&serde_json::to_string(&rubric).unwrap()).unwrap();
        let listed: String = answers
            .iter()
            .rev()
            .map(|(q, o)| format!("'{q}': '{o}'\n"))
            .collect();
        let read: BTreeMap<String, String> = if listed.is_empty() {
            BTreeMap::new()
        } else {
            serde_yaml::from_str(&listed).unwrap()
        };
        prop_assert_eq!(&read, &answers);
        let second = analyse_use(&again, &a_use(read));
        prop_assert_eq!(&first, &second);
        let json = |a: &engine::UseAnalysis| serde_json::to_string(a).unwrap();
        prop_assert_eq!(json(&first), json(&second));
    }

    #[test]
    fn the_conclusion_follows_the_overall_score((rubric, answers) in rubric_and_answers()) {
        let a = analyse_use(&rubric, &a_use(answers));
        // The threshold unmet, or a split between views, decides on its own
        // (tested in the engine's unit tests); otherwise the score decides.
        prop_assume!(a.views.holds_under_every_view());
        prop_assume!(a.threshold.as_ref().is_none_or(|t| t.protected));
        let expected = if a.score >= FAIR_USE_LINE {
            Conclusion::LikelyFairUse
        } else if a.score <= NOT_FAIR_USE_LINE {
            Conclusion::LikelyNotFairUse
        } else {
            Conclusion::CloseCall
        };
        prop_assert_eq!(a.conclusion, expected, "score {}", a.score);
        // The overall score is the factor-weighted mean of the factor scores.
        let (sum, weights) = a.factors.iter().fold((0.0, 0.0), |(s, w), f| {
            let weight = rubric.factor(f.factor).unwrap().weight;
            (s + weight * f.score, w + weight)
        });
        prop_assert!((a.score - sum / weights).abs() < 1e-9, "{} vs {}", a.score, sum / weights);
    }

    /// Moving one scored answer to an option with a higher lean never lowers
    /// that factor's score, leaves the other factors alone, and never lowers
    /// the overall score. (Conditions may only name scope questions, whose
    /// options have no lean, so no other question appears or disappears.)
    #[test]
    fn a_better_answer_never_lowers_its_factor(
        (rubric, answers) in rubric_and_answers(),
        pick in any::<prop::sample::Index>(),
    ) {
        let scored: Vec<_> = rubric
            .questions()
            .filter(|(_, q)| !q.is_scope() && engine::applies(q, &answers))
            .collect();
        prop_assume!(!scored.is_empty());
        let (factor, question) = scored[pick.index(scored.len())];
        // A view-dependent lean moves with the view, not with the option's
        // plain lean, so such questions are left to the unit tests.
        prop_assume!(question.options.iter().all(|o| o.lean_by_view.is_none()));
        for low in question.options.iter().filter(|o| o.lean.is_some()) {
            for high in question.options.iter().filter(|o| o.lean > low.lean) {
                let with = |option: &str| {
                    let mut changed = answers.clone();
                    changed.insert(question.id.clone(), option.to_string());
                    analyse_use(&rubric, &a_use(changed))
                };
                let (before, after) = (with(&low.id), with(&high.id));
                for (b, a) in before.factors.iter().zip(&after.factors) {
                    if b.factor == factor.id {
                        prop_assert!(
                            a.score >= b.score - 1e-12,
                            "{}: {} ({:?}) scores {} but {} ({:?}) scores {}",
                            question.id, low.id, low.lean, b.score, high.id, high.lean, a.score
                        );
                    } else {
                        prop_assert_eq!(a.score, b.score, "{:?} moved", a.factor);
                        prop_assert_eq!(a.applicable, b.applicable);
                    }
                }
                prop_assert!(after.score >= before.score - 1e-12);
            }
        }
    }

    /// Every listed pivotal fact, applied alone, gives the conclusion and
    /// score it promises; and every single change that would flip the
    /// conclusion is listed.
    #[test]
    fn pivotal_facts_are_exactly_the_changes_that_flip_the_conclusion(
        (rubric, answers) in rubric_and_answers(),
    ) {
        let current = analyse_use(&rubric, &a_use(answers.clone()));
        let mut flips = Vec::new();
        for (_, q) in rubric.questions() {
            if q.is_scope() || !engine::applies(q, &answers) {
                continue;
            }
            for o in &q.options {
                if answers.get(&q.id) == Some(&o.id) {
                    continue;
                }
                let mut changed = answers.clone();
                changed.insert(q.id.clone(), o.id.clone());
                let after = analyse_use(&rubric, &a_use(changed));
                if after.conclusion != current.conclusion {
                    flips.push((q.id.clone(), o.id.clone(), after.conclusion, after.score));
                }
            }
        }
        let listed: Vec<_> = current
            .pivotal
            .iter()
            .map(|p| (p.question.clone(), p.to.clone(), p.conclusion, p.score))
            .collect();
        prop_assert_eq!(&listed, &flips);
        for p in &current.pivotal {
            prop_assert_ne!(p.conclusion, current.conclusion);
            prop_assert_eq!(p.from.as_ref(), answers.get(&p.question));
        }
    }
}

// ------------------------------------------------------------ round trip

/// Text a person might type, with what YAML finds hard: indicators, quotes,
/// words YAML 1.1 reads as booleans or nulls, numbers, dates, leading and
/// trailing spaces, line breaks, non-ASCII, and control characters.
fn raw_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Bartz",
        " ",
        "  ",
        ": ",
        ":",
        "#",
        " #",
        "- ",
        "-",
        "? ",
        "\"",
        "'",
        "''",
        "{",
        "}",
        "[",
        "]",
        "&a",
        "*a",
        "!tag",
        "|",
        ">",
        "%",
        "@",
        "`",
        ",",
        "\\",
        "\\n",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "yes",
        "no",
        "No",
        "on",
        "off",
        "null",
        "~",
        "true",
        "FALSE",
        "0",
        "007",
        "1e3",
        "0x1F",
        "0o17",
        ".inf",
        "-.5",
        "2026-01-15",
        "12:30",
        "---",
        "...",
        "§ 107",
        "é",
        "—",
        "“",
        "”",
        "\u{a0}",
        "\u{2028}",
        "\u{feff}",
        "🙂",
        "\u{1b}[31m",
        "\u{7}",
        "\u{9b}",
        "\u{202e}",
        "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

fn an_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9][a-z0-9_-]{0,20}",
        prop::sample::select(vec![
            "null",
            "true",
            "no",
            "yes",
            "y",
            "n",
            "on",
            "off",
            "0",
            "007",
            "1e3",
            "0x1f",
            "0o17",
            "-",
            "--",
            "_",
            "1-2",
            "2026-01-15",
            "inf",
            "nan",
        ])
        .prop_map(String::from),
    ]
}

fn a_case() -> impl Strategy<Value = Case> {
    let library = bundled();
    let authorities: Vec<String> = library
        .authorities
        .authorities
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let finding = prop::sample::select(vec![
        Finding::Favors,
        Finding::Neutral,
        Finding::Disfavors,
        Finding::NotReached,
    ]);
    let court = (
        prop::sample::select(authorities),
        any::<bool>(),
        prop::collection::btree_map(prop::sample::select(FactorId::ALL.to_vec()), finding, 0..4),
        raw_text(),
    )
        .prop_map(|(authority, fair, factors, note)| CourtRuling {
            authority,
            holding: if fair {
                Holding::FairUse
            } else {
                Holding::NotFairUse
            },
            factors,
            note,
        });
    let a_use = (
        (
            an_id(),
            raw_text(),
            raw_text(),
            prop::option::of(raw_text()),
        ),
        picks(),
        prop::collection::vec(raw_text(), 0..6),
        prop::option::of(court),
    )
        .prop_map(
            |((id, title, description, question), picks, notes, court)| {
                let answers = answers_from(&bundled().rubric, &picks);
                let notes = answers.keys().cloned().zip(notes).collect();
                Use {
                    id,
                    title,
                    description,
                    question,
                    answers,
                    notes,
                    views: Default::default(),
                    court,
                }
            },
        );
    (
        (an_id(), raw_text(), raw_text(), raw_text()),
        prop::collection::vec(raw_text(), 0..3),
        prop::option::of(raw_text()),
        prop::collection::vec(a_use, 1..4),
    )
        .prop_map(
            |((id, title, jurisdiction, facts), sources, posture, mut uses)| {
                for (i, u) in uses.iter_mut().enumerate() {
                    u.id = format!("{}-{i}", u.id);
                }
                Case {
                    id,
                    title,
                    jurisdiction,
                    facts_as_of: "2026-01-15".into(),
                    facts,
                    sources,
                    posture,
                    forum: None,
                    litigation: None,
                    memo: None,
                    views: Default::default(),
                    uses,
                }
            },
        )
}

/// Saves a case with the TUI's save code and loads the file back as
/// `fairuse memo FILE` would.
fn save_and_load(case: &Case, folder: &std::path::Path) -> Result<Case, TestCaseError> {
    let yaml = fairuse::yaml::to_string(case).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut target = fairuse::tui::save::Saver::new_in(folder);
    let path = target
        .write(&case.id, &yaml)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let source = fairuse::load::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
    std::fs::remove_file(&path).ok();
    bundled()
        .case(&source)
        .map_err(|e| TestCaseError::fail(format!("{e}\n--- saved ---\n{yaml}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever text a case holds, saving and loading it gives the same
    /// analysis and memo; and a loaded case saved again comes back unchanged.
    #[test]
    fn a_saved_case_loads_back_to_the_same_analysis_and_memo(case in a_case()) {
        let folder = tempfile::tempdir().unwrap();
        let library = bundled();
        let options = MemoOptions::new("2026-01-15".into());
        let loaded = save_and_load(&case, folder.path())?;
        prop_assert_eq!(
            engine::analyse(&library.rubric, &loaded),
            engine::analyse(&library.rubric, &case)
        );
        // What the loader cleaned (control characters, folded lines) is what
        // the TUI holds after loading: from there on, nothing changes.
        let again = save_and_load(&loaded, folder.path())?;
        prop_assert_eq!(&again, &loaded);
        let memo = fairuse::report::memo::render_case(library, &loaded, &options).unwrap();
        prop_assert_eq!(fairuse::report::memo::render_case(library, &again, &options).unwrap(), memo);
    }
}

#[test]
fn clean_text_survives_a_save_unchanged() {
    // Text that is already clean (as the TUI's editor produces it) comes back
    // byte for byte, so the memo of the session and of the file agree.
    let library = bundled();
    let mut case = library
        .case(&fairuse::load::bundled_case("bartz-v-anthropic").unwrap())
        .unwrap();
    case.title = "Title: with # and \"quotes\", 'apostrophes', yes/no, null ~ and § 107".into();
    case.facts = "  Leading spaces\n\n- a dash\n? a question\ntrailing spaces   \n\n\n".into();
    case.id = "null".into();
    let folder = tempfile::tempdir().unwrap();
    let loaded = save_and_load(&case, folder.path()).unwrap();
    assert_eq!(loaded, case);
    let options = MemoOptions::new("2026-01-15".into());
    assert_eq!(
        fairuse::report::memo::render_case(library, &loaded, &options).unwrap(),
        fairuse::report::memo::render_case(library, &case, &options).unwrap()
    );
}
