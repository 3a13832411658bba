//! Legal views, the threshold and closest cases, over a rubric written for
//! the test so that it does not move with the legal content.

use super::*;
use crate::model::{CourtRuling, Rubric, Use};
use std::collections::BTreeMap;

const RUBRIC: &str = r#"
version: 2
weighting: { note: "test weights" }
views:
  - id: split
    point: "whether the fact counts"
    sides:
      - { id: counts, label: "Counts", rule: "It counts." }
      - { id: ignored, label: "Ignored", rule: "It does not." }
  - id: other
    point: "whether the other fact counts"
    sides:
      - { id: counts, label: "Counts", rule: "It counts." }
      - { id: ignored, label: "Ignored", rule: "It does not." }
factors:
  - id: purpose
    name: "Purpose"
    statute: "purpose"
    weight: 1
    questions:
      - id: taken
        prompt: "What was taken?"
        threshold: true
        options:
          - { id: expression, label: "Expression", rationale: "r" }
          - { id: facts, label: "Facts", unprotected: true, rationale: "Facts are free." }
          - { id: unknown, label: "Unknown", open: true, rationale: "r" }
      - id: aim
        prompt: "Aim?"
        options:
          - { id: good, label: "Good", lean: 2, rationale: "r" }
          - { id: bad, label: "Bad", lean: -2, rationale: "r" }
  - id: nature
    name: "Nature"
    statute: "nature"
    weight: 1
    questions:
      - id: kind
        prompt: "Kind?"
        options:
          - { id: plain, label: "Plain", lean: 0, rationale: "r" }
  - id: amount
    name: "Amount"
    statute: "amount"
    weight: 1
    questions:
      - id: much
        prompt: "How much?"
        options:
          - { id: little, label: "Little", lean: 0, rationale: "r" }
  - id: market
    name: "Market"
    statute: "market"
    weight: 1
    questions:
      - id: harm
        prompt: "Harm?"
        options:
          - id: disputed
            label: "Disputed harm"
            lean: -2
            lean_by_view: { view: split, leans: { counts: -2, ignored: 2 } }
            rationale: "r"
          - id: none
            label: "None"
            lean: 2
            rationale: "r"
      - id: second
        prompt: "Second?"
        options:
          - id: maybe
            label: "Maybe"
            lean: 0
            lean_by_view: { view: other, leans: { counts: -1, ignored: 1 } }
            rationale: "r"
"#;

fn rubric() -> Rubric {
    serde_yaml::from_str(RUBRIC).expect("test rubric parses")
}

fn a_use(pairs: &[(&str, &str)]) -> Use {
    Use {
        id: "u".into(),
        title: "t".into(),
        description: String::new(),
        question: None,
        answers: pairs
            .iter()
            .map(|(q, o)| (q.to_string(), o.to_string()))
            .collect(),
        notes: BTreeMap::new(),
        views: BTreeMap::new(),
        court: None,
    }
}

fn base() -> Vec<(&'static str, &'static str)> {
    vec![
        ("taken", "expression"),
        ("kind", "plain"),
        ("much", "little"),
    ]
}

#[test]
fn a_use_that_engages_no_view_holds_under_every_view() {
    let mut pairs = base();
    pairs.extend([("aim", "good"), ("harm", "none")]);
    let a = analyse_use(&rubric(), &a_use(&pairs));
    assert!(a.views.engaged.is_empty());
    assert_eq!(a.views.combinations.len(), 1);
    assert!(a.views.holds_under_every_view());
    assert_eq!(a.conclusion, Conclusion::LikelyFairUse);
}

#[test]
fn a_conclusion_that_differs_between_sides_is_a_close_call_that_turns_on_the_view() {
    let mut pairs = base();
    pairs.extend([("aim", "good"), ("harm", "disputed")]);
    let a = analyse_use(&rubric(), &a_use(&pairs));
    assert_eq!(a.views.turns_on, vec!["split".to_string()]);
    assert_eq!(a.conclusion, Conclusion::CloseCall);
    let split = &a.views.engaged[0];
    assert_eq!(split.question, "harm");
    let by_side: Vec<_> = split
        .sides
        .iter()
        .map(|s| (s.side.as_str(), s.conclusion))
        .collect();
    // purpose +1, market -1 (counts) or +1 (ignored); nature and amount 0.
    assert_eq!(
        by_side,
        vec![
            ("counts", Some(Conclusion::CloseCall)),
            ("ignored", Some(Conclusion::LikelyFairUse))
        ]
    );
    // The reported score is under the first side.
    assert_eq!(
        a.views.primary.get("split").map(String::as_str),
        Some("counts")
    );
    assert!((a.score - 0.0).abs() < 1e-12, "{}", a.score);
}

#[test]
fn a_view_engaged_but_not_decisive_holds_under_every_view() {
    let mut pairs = base();
    pairs.extend([("aim", "good"), ("harm", "none"), ("second", "maybe")]);
    let a = analyse_use(&rubric(), &a_use(&pairs));
    assert_eq!(a.views.engaged.len(), 1);
    assert_eq!(a.views.combinations.len(), 2);
    assert!(a.views.holds_under_every_view(), "{:?}", a.views);
}

#[test]
fn two_views_give_the_product_of_their_sides_and_a_pinned_view_is_not_varied() {
    let mut pairs = base();
    pairs.extend([("aim", "good"), ("harm", "disputed"), ("second", "maybe")]);
    let mut u = a_use(&pairs);
    let free = analyse_use(&rubric(), &u);
    assert_eq!(free.views.combinations.len(), 4);
    u.views.insert("split".into(), "ignored".into());
    let pinned = analyse_use(&rubric(), &u);
    assert_eq!(pinned.views.combinations.len(), 2);
    assert_eq!(pinned.views.engaged[0].pinned.as_deref(), Some("ignored"));
    assert!(pinned
        .views
        .combinations
        .iter()
        .all(|c| c.sides["split"] == "ignored"));
    assert!(!pinned.views.turns_on.contains(&"split".to_string()));
}

#[test]
fn the_conclusion_under_a_pin_equals_that_combination_when_nothing_else_varies() {
    let r = rubric();
    for aim in ["good", "bad"] {
        for harm in ["disputed", "none"] {
            let mut pairs = base();
            pairs.extend([("aim", aim), ("harm", harm)]);
            let u = a_use(&pairs);
            let free = analyse_use(&r, &u);
            for combination in &free.views.combinations {
                let mut pinned = u.clone();
                pinned.views = combination.sides.clone();
                let a = analyse_use(&r, &pinned);
                assert_eq!(a.conclusion, combination.conclusion, "{aim} {harm}");
                assert!((a.score - combination.score).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn command_line_pins_override_the_case_file() {
    let mut pairs = base();
    pairs.extend([("aim", "good"), ("harm", "disputed")]);
    let mut u = a_use(&pairs);
    u.views.insert("split".into(), "counts".into());
    let cli: Sides = [("split".to_string(), "ignored".to_string())].into();
    let a = analyse_in(
        &rubric(),
        None,
        &u,
        Setting {
            pins: Some(&cli),
            corpus: None,
        },
    );
    assert_eq!(a.conclusion, Conclusion::LikelyFairUse);
}

#[test]
fn nothing_protected_taken_needs_no_defense_and_has_no_pivotal_facts() {
    let mut pairs = base();
    pairs[0] = ("taken", "facts");
    pairs.extend([("aim", "bad"), ("harm", "disputed")]);
    let a = analyse_use(&rubric(), &a_use(&pairs));
    assert_eq!(a.conclusion, Conclusion::NoProtectedExpression);
    let t = a.threshold.unwrap();
    assert!(!t.protected);
    assert_eq!(t.reason.as_deref(), Some("Facts are free."));
    assert!(a.pivotal.is_empty());
    // An unknown threshold is scored as if expression were taken.
    let mut unknown = base();
    unknown[0] = ("taken", "unknown");
    unknown.extend([("aim", "bad"), ("harm", "none")]);
    let b = analyse_use(&rubric(), &a_use(&unknown));
    assert!(b.threshold.as_ref().unwrap().protected && b.threshold.unwrap().open);
    assert_ne!(b.conclusion, Conclusion::NoProtectedExpression);
}

fn decided(case: &str, pairs: &[(&str, &str)], holding: Holding) -> Case {
    let mut u = a_use(pairs);
    u.court = Some(CourtRuling {
        authority: "x".into(),
        holding,
        factors: BTreeMap::new(),
        note: String::new(),
    });
    Case {
        id: case.into(),
        title: "t".into(),
        jurisdiction: "US".into(),
        facts_as_of: "2026-01-01".into(),
        facts: String::new(),
        sources: Vec::new(),
        posture: None,
        forum: None,
        litigation: None,
        memo: None,
        views: BTreeMap::new(),
        uses: vec![u],
    }
}

/// Answers the same as the probe, differing on one question, and on two.
fn three_answer_sets() -> [Vec<(&'static str, &'static str)>; 3] {
    [
        [("aim", "good"), ("harm", "none")],
        [("aim", "bad"), ("harm", "disputed")],
        [("aim", "good"), ("harm", "disputed")],
    ]
    .map(|extra| {
        let mut answers = base();
        answers.extend(extra);
        answers
    })
}

fn corpus_of(r: &Rubric, cases: &[Case]) -> Corpus {
    let library = crate::model::AuthorityLibrary {
        current_to: "2026-12-01".into(),
        authorities: Vec::new(),
    };
    Corpus::from_cases(r, &library, cases)
}

#[test]
fn closest_cases_are_ordered_by_the_documented_distance_and_skip_the_own_case() {
    let r = rubric();
    let [same, far, half] = three_answer_sets();
    let cases = [
        decided("far", &far, Holding::NotFairUse),
        decided("same", &same, Holding::FairUse),
        decided("half", &half, Holding::FairUse),
        decided("mine", &same, Holding::FairUse),
    ];
    let corpus = corpus_of(&r, &cases);
    let found = nearest::nearest(&r, &corpus, Some("mine"), &a_use(&same).answers);
    let order: Vec<&str> = found.iter().map(|n| n.case.as_str()).collect();
    assert_eq!(order, vec!["same", "half", "far"]);
    assert_eq!(found[0].distance, 0.0);
    assert!(found[0].differs.is_empty());
    // Every question applies to both: taken and aim share purpose's weight
    // 1, harm and second share market's 1, kind and much carry 1 each, so
    // the total is 4. Only harm differs: |2 − (−2)| / 4 = 1, at weight 1/2.
    assert!(
        (found[1].distance - 0.5 / 4.0).abs() < 1e-12,
        "{}",
        found[1].distance
    );
    assert_eq!(found[1].differs[0].question, "harm");
    assert_eq!(nearest::vote(&found), Some(Holding::FairUse));
}

#[test]
fn closest_cases_are_distinct_decisions_each_by_its_closest_use() {
    let r = rubric();
    let [same, far, half] = three_answer_sets();
    // One decision with two uses: "u" has the same answers, "second" those of
    // `half` (and would win a tie on its id). Only "u" stands for the case.
    let mut twice = decided("twice", &same, Holding::FairUse);
    let mut second = decided("twice", &half, Holding::FairUse).uses.remove(0);
    second.id = "second".into();
    twice.uses.push(second);
    let cases = [
        twice,
        decided("far", &far, Holding::NotFairUse),
        decided("half", &half, Holding::FairUse),
    ];
    let corpus = corpus_of(&r, &cases);
    assert_eq!(
        corpus.precedents.len(),
        4,
        "every decided use is a precedent"
    );
    let found = nearest::nearest(&r, &corpus, None, &a_use(&same).answers);
    let order: Vec<(&str, &str)> = found
        .iter()
        .map(|n| (n.case.as_str(), n.use_id.as_str()))
        .collect();
    let first = cases[0].uses[0].id.as_str();
    assert_eq!(
        order,
        vec![("twice", first), ("half", first), ("far", first)]
    );
}
