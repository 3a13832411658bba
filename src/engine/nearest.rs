//! Closest decided cases: the decided uses whose answers are nearest to a
//! use's, as analogies a lawyer would draw.
//!
//! The distance is deterministic and documented (README, "Closest decided
//! cases"): over every question that applies to either use, each question
//! weighs its factor's weight times its share of the factor's question
//! weights; a question contributes 0 when both uses give the same answer
//! (or both leave it unanswered),
//! |lean a − lean b| / 4 when both answers carry a plain lean, and 1
//! otherwise (different unscored answers, or answered or applicable for one
//! use only). The distance is the weighted mean, from 0 (same answers) to 1.

use super::applies;
use crate::model::{AuthorityLibrary, Case, Holding, Rubric};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many closest cases a use lists.
pub const NEAREST: usize = 3;

/// One decided use: its answers and what the court held.
#[derive(Debug, Clone, PartialEq)]
pub struct Precedent {
    pub case: String,
    pub use_id: String,
    pub authority: String,
    /// The decision's name and citation from the authority library (empty if
    /// the library lacks it).
    pub name: String,
    pub citation: String,
    pub holding: Holding,
    pub answers: BTreeMap<String, String>,
}

/// The decided uses the closest cases are drawn from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    pub precedents: Vec<Precedent>,
}

impl Corpus {
    /// Every use with a court ruling among the given cases.
    pub fn from_cases<'c>(
        authorities: &AuthorityLibrary,
        cases: impl IntoIterator<Item = &'c Case>,
    ) -> Corpus {
        let mut precedents = Vec::new();
        for case in cases {
            for u in &case.uses {
                let Some(court) = &u.court else { continue };
                let authority = authorities.get(&court.authority);
                precedents.push(Precedent {
                    case: case.id.clone(),
                    use_id: u.id.clone(),
                    authority: court.authority.clone(),
                    name: authority.map_or_else(String::new, |a| a.name.clone()),
                    citation: authority.map_or_else(String::new, |a| a.citation.clone()),
                    holding: court.holding,
                    answers: u.answers.clone(),
                });
            }
        }
        Corpus { precedents }
    }
}

/// A closest decided case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nearest {
    pub case: String,
    #[serde(rename = "use")]
    pub use_id: String,
    pub authority: String,
    pub name: String,
    pub citation: String,
    pub holding: Holding,
    pub distance: f64,
    /// The answers that differ most, heaviest first (at most three).
    pub differs: Vec<Difference>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub question: String,
    /// This use's answer (`None`: unanswered or not asked).
    pub this: Option<String>,
    /// The decided use's answer.
    pub that: Option<String>,
    /// This question's share of the distance.
    pub weight: f64,
}

/// The distance between two sets of answers, with each question's share.
pub fn distance(
    rubric: &Rubric,
    a: &BTreeMap<String, String>,
    b: &BTreeMap<String, String>,
) -> (f64, Vec<Difference>) {
    let (mut sum, mut total) = (0.0, 0.0);
    let mut parts = Vec::new();
    for factor in &rubric.factors {
        let factor_questions: f64 = factor.questions.iter().map(|q| q.weight).sum();
        if factor_questions <= 0.0 {
            continue;
        }
        for q in &factor.questions {
            let (in_a, in_b) = (applies(q, a), applies(q, b));
            if !in_a && !in_b {
                continue;
            }
            let answer = |answers: &BTreeMap<String, String>, asked: bool| {
                if asked {
                    answers.get(&q.id).cloned()
                } else {
                    None
                }
            };
            let (x, y) = (answer(a, in_a), answer(b, in_b));
            let lean = |id: &Option<String>| id.as_deref().and_then(|i| q.option(i)?.lean);
            let d = if x == y {
                0.0
            } else {
                match (lean(&x), lean(&y)) {
                    (Some(l), Some(m)) => f64::from((l - m).abs()) / 4.0,
                    _ => 1.0,
                }
            };
            let w = factor.weight * q.weight / factor_questions;
            sum += w * d;
            total += w;
            if d > 0.0 {
                parts.push(Difference {
                    question: q.id.clone(),
                    this: x,
                    that: y,
                    weight: w * d,
                });
            }
        }
    }
    if total <= 0.0 {
        return (0.0, Vec::new());
    }
    for p in &mut parts {
        p.weight /= total;
    }
    (sum / total, parts)
}

/// The `NEAREST` decided uses closest to these answers, leaving out every use
/// of the case `exclude` (the use's own case). Ties go to case, then use id.
pub fn nearest(
    rubric: &Rubric,
    corpus: &Corpus,
    exclude: Option<&str>,
    answers: &BTreeMap<String, String>,
) -> Vec<Nearest> {
    let mut found: Vec<Nearest> = corpus
        .precedents
        .iter()
        .filter(|p| Some(p.case.as_str()) != exclude)
        .map(|p| {
            let (distance, mut differs) = distance(rubric, answers, &p.answers);
            // Heaviest first; rubric order among equals (the sort is stable).
            differs.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            differs.truncate(3);
            Nearest {
                case: p.case.clone(),
                use_id: p.use_id.clone(),
                authority: p.authority.clone(),
                name: p.name.clone(),
                citation: p.citation.clone(),
                holding: p.holding,
                distance,
                differs,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        a.distance
            .total_cmp(&b.distance)
            .then_with(|| a.case.cmp(&b.case))
            .then_with(|| a.use_id.cmp(&b.use_id))
    });
    found.truncate(NEAREST);
    found
}

/// The holding most of the closest cases reached; `None` on a tie or with none.
pub fn vote(nearest: &[Nearest]) -> Option<Holding> {
    let fair = nearest
        .iter()
        .filter(|n| n.holding == Holding::FairUse)
        .count();
    let not = nearest.len() - fair;
    match fair.cmp(&not) {
        std::cmp::Ordering::Greater => Some(Holding::FairUse),
        std::cmp::Ordering::Less => Some(Holding::NotFairUse),
        std::cmp::Ordering::Equal => None,
    }
}
