//! Engine tests over a small rubric written for them, so they do not move when
//! the bundled legal content is revised.

use super::*;
use crate::model::{CourtRuling, Rubric, Use};
use std::collections::BTreeMap;

const RUBRIC: &str = r#"
version: 1
weighting: { note: "test weights" }
factors:
  - id: purpose
    name: "Purpose"
    statute: "purpose"
    weight: 0.4
    questions:
      - id: kind
        prompt: "Kind?"
        options:
          - { id: training, label: "Training", rationale: "scope" }
          - { id: other, label: "Other", rationale: "scope" }
      - id: transform
        prompt: "Transformative?"
        weight: 2
        options:
          - { id: highly, label: "Highly", lean: 2, rationale: "r" }
          - { id: some, label: "Somewhat", lean: 1, rationale: "r" }
          - { id: none, label: "Not", lean: -2, rationale: "r" }
      - id: source
        prompt: "Source?"
        when: { question: kind, any_of: [training] }
        options:
          - { id: licensed, label: "Licensed", lean: 1, rationale: "r" }
          - { id: pirated, label: "Pirated", lean: -2, rationale: "r" }
          - { id: unknown, label: "Unknown", rationale: "context only" }
  - id: nature
    name: "Nature"
    statute: "nature"
    weight: 0.1
    questions:
      - id: creative
        prompt: "Creative?"
        options:
          - { id: "yes", label: "Yes", lean: -1, rationale: "r" }
          - { id: "no", label: "No", lean: 1, rationale: "r" }
  - id: amount
    name: "Amount"
    statute: "amount"
    weight: 0.1
    questions:
      - id: portion
        prompt: "Portion?"
        options:
          - { id: whole, label: "Whole", lean: -1, rationale: "r" }
          - { id: snippet, label: "Snippet", lean: 2, rationale: "r" }
  - id: market
    name: "Market"
    statute: "market"
    weight: 0.4
    questions:
      - id: substitute
        prompt: "Substitute?"
        options:
          - { id: "yes", label: "Yes", lean: -2, rationale: "r" }
          - { id: "no", label: "No", lean: 2, rationale: "r" }
"#;

fn rubric() -> Rubric {
    crate::yaml::parse(RUBRIC).expect("test rubric parses")
}

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(q, o)| (q.to_string(), o.to_string()))
        .collect()
}

fn a_use(pairs: &[(&str, &str)]) -> Use {
    Use {
        id: "u".into(),
        title: "a use".into(),
        description: String::new(),
        question: None,
        answers: answers(pairs),
        notes: BTreeMap::new(),
        views: BTreeMap::new(),
        court: None,
    }
}

/// Every complete, condition-respecting answer set of the test rubric.
fn all_answer_sets(rubric: &Rubric) -> Vec<BTreeMap<String, String>> {
    let mut sets = vec![BTreeMap::new()];
    for (_, q) in rubric.questions() {
        let mut next = Vec::new();
        for set in sets {
            if !applies(q, &set) {
                next.push(set);
                continue;
            }
            for o in &q.options {
                let mut s = set.clone();
                s.insert(q.id.clone(), o.id.clone());
                next.push(s);
            }
        }
        sets = next;
    }
    sets
}

#[test]
fn factor_score_is_weighted_mean_of_leans() {
    let r = rubric();
    // transform: 2 × (2/2) = 2; source: 1 × (-2/2) = -1; weights 3 → 1/3.
    let a = answers(&[
        ("kind", "training"),
        ("transform", "highly"),
        ("source", "pirated"),
    ]);
    let f = score_factor(&r, FactorId::Purpose, &a, &Sides::new());
    assert!((f.score - 1.0 / 3.0).abs() < 1e-12, "{}", f.score);
    assert_eq!(f.label, Label::Favors);
    assert_eq!(f.drivers.len(), 2);
    assert!(f.unanswered.is_empty());
    assert_eq!(f.applicable, 3);
}

#[test]
fn context_only_answers_do_not_count() {
    let r = rubric();
    let a = answers(&[
        ("kind", "training"),
        ("transform", "some"),
        ("source", "unknown"),
    ]);
    let f = score_factor(&r, FactorId::Purpose, &a, &Sides::new());
    assert!((f.score - 0.5).abs() < 1e-12);
}

#[test]
fn conditional_questions_follow_the_scope_answer() {
    let r = rubric();
    let training = score_factor(
        &r,
        FactorId::Purpose,
        &answers(&[("kind", "training")]),
        &Sides::new(),
    );
    assert_eq!(training.unanswered, ["transform", "source"]);
    let other = score_factor(
        &r,
        FactorId::Purpose,
        &answers(&[("kind", "other")]),
        &Sides::new(),
    );
    assert_eq!(other.unanswered, ["transform"]);
    // An answer kept for a question that no longer applies is ignored.
    let stale = answers(&[
        ("kind", "other"),
        ("transform", "none"),
        ("source", "licensed"),
    ]);
    assert_eq!(
        score_factor(&r, FactorId::Purpose, &stale, &Sides::new()).score,
        -1.0
    );
}

#[test]
fn unanswered_factor_is_neutral_and_lowers_confidence() {
    let r = rubric();
    let partial = analyse_use(&r, &a_use(&[("kind", "other"), ("substitute", "no")]));
    assert_eq!(partial.factors[1].score, 0.0);
    assert_eq!(partial.factors[1].unanswered, ["creative"]);
    let full = analyse_use(
        &r,
        &a_use(&[
            ("kind", "other"),
            ("transform", "highly"),
            ("creative", "no"),
            ("portion", "snippet"),
            ("substitute", "no"),
        ]),
    );
    assert_eq!(full.conclusion, Conclusion::LikelyFairUse);
    assert!((full.confidence - 1.0).abs() < 1e-12);
    assert!(partial.confidence < full.confidence);
}

#[test]
fn labels_and_conclusions_follow_their_lines() {
    assert_eq!(Label::from_score(0.7), Label::StronglyFavors);
    // A half-way score is not "strongly": most answers must weigh heavily.
    assert_eq!(Label::from_score(0.5), Label::Favors);
    assert_eq!(Label::from_score(-0.5), Label::Disfavors);
    assert_eq!(Label::from_score(0.15), Label::Favors);
    assert_eq!(Label::from_score(0.0), Label::Neutral);
    assert_eq!(Label::from_score(-0.15), Label::Disfavors);
    assert_eq!(Label::from_score(-0.7), Label::StronglyDisfavors);
    assert_eq!(Conclusion::from_score(0.15), Conclusion::LikelyFairUse);
    assert_eq!(Conclusion::from_score(0.1), Conclusion::CloseCall);
    assert_eq!(Conclusion::from_score(-0.15), Conclusion::LikelyNotFairUse);
}

#[test]
fn all_favorable_answers_never_conclude_likely_not() {
    let r = rubric();
    for set in all_answer_sets(&r) {
        let all_favorable = set.iter().all(|(q, o)| {
            let (_, q) = r.question(q).unwrap();
            q.option(o).unwrap().lean.is_none_or(|l| l >= 0)
        });
        if all_favorable {
            let u = Use {
                answers: set.clone(),
                ..a_use(&[])
            };
            let a = analyse_use(&r, &u);
            assert_ne!(a.conclusion, Conclusion::LikelyNotFairUse, "{set:?}");
            assert!(a.score >= 0.0);
        }
    }
}

#[test]
fn a_more_favorable_answer_never_lowers_its_factor() {
    let r = rubric();
    for set in all_answer_sets(&r) {
        for (factor, q) in r.questions() {
            let Some(current) = set.get(&q.id).and_then(|o| q.option(o)) else {
                continue;
            };
            let before = score_factor(&r, factor.id, &set, &Sides::new()).score;
            for better in q.options.iter().filter(|o| match (o.lean, current.lean) {
                (Some(new), Some(old)) => new > old,
                _ => false,
            }) {
                let mut moved = set.clone();
                moved.insert(q.id.clone(), better.id.clone());
                let after = score_factor(&r, factor.id, &moved, &Sides::new()).score;
                assert!(
                    after >= before,
                    "{}: {} → {}: {before} > {after}",
                    q.id,
                    current.id,
                    better.id
                );
            }
        }
    }
}

#[test]
fn pivotal_facts_really_flip_the_conclusion() {
    let r = rubric();
    let mut checked = 0;
    for set in all_answer_sets(&r) {
        let u = Use {
            answers: set.clone(),
            ..a_use(&[])
        };
        let a = analyse_use(&r, &u);
        for p in &a.pivotal {
            let mut changed = set.clone();
            changed.insert(p.question.clone(), p.to.clone());
            let b = analyse_use(
                &r,
                &Use {
                    answers: changed,
                    ..a_use(&[])
                },
            );
            assert_ne!(b.conclusion, a.conclusion);
            assert_eq!(b.conclusion, p.conclusion);
            assert_ne!(p.question, "kind", "scope questions are not pivotal facts");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} pivotal facts seen");
}

#[test]
fn court_comparison_sets_findings_side_by_side() {
    let r = rubric();
    let mut u = a_use(&[
        ("kind", "training"),
        ("transform", "highly"),
        ("source", "pirated"),
        ("creative", "yes"),
        ("portion", "whole"),
        ("substitute", "no"),
    ]);
    u.court = Some(CourtRuling {
        authority: "kadrey".into(),
        holding: Holding::FairUse,
        factors: [
            (FactorId::Purpose, Finding::Favors),
            (FactorId::Nature, Finding::Disfavors),
            (FactorId::Amount, Finding::Favors),
            (FactorId::Market, Finding::Favors),
        ]
        .into_iter()
        .collect(),
        note: String::new(),
    });
    let a = analyse_use(&r, &u);
    let court = a.court.expect("court comparison");
    assert!(court.conclusion_agrees);
    let agree: Vec<bool> = court.factors.iter().map(|f| f.agrees).collect();
    // Amount: whole copying scores -0.5 here, where the court found for fair use.
    assert_eq!(agree, [true, true, false, true]);
}

#[test]
fn analysis_is_deterministic() {
    let r = rubric();
    let u = a_use(&[
        ("kind", "training"),
        ("transform", "some"),
        ("creative", "yes"),
    ]);
    assert_eq!(analyse_use(&r, &u), analyse_use(&r, &u));
}
