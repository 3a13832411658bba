//! Closest decided cases: the decisions with a decided use whose answers are
//! nearest to a use's, as analogies a lawyer would draw.
//!
//! The distance is deterministic and documented (README, "Closest decided
//! cases"): over every question that applies to either use, each question
//! weighs its factor's weight times its share of the factor's question
//! weights; a question contributes 0 when both uses give the same answer
//! (or both leave it unanswered),
//! |lean a − lean b| / 4 when both answers carry a plain lean, and 1
//! otherwise (different unscored answers, or answered or applicable for one
//! use only). The distance is the weighted mean, from 0 (same answers) to 1.

use super::score::asked;
use crate::model::{AuthorityLibrary, Case, Holding, Rubric, RubricIndex};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many closest cases a use lists (distinct cases).
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
    /// Each question as it stands for this use, by position in the rubric
    /// the corpus was made for.
    pub standing: Vec<Standing>,
}

/// A question as it stands for one use: whether it is asked, the answer's
/// position (none when unanswered or not asked) and that answer's plain
/// lean, looked up once so that the distance loop reads no rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    asked: bool,
    answer: Option<usize>,
    lean: Option<i8>,
}

fn standing(index: &RubricIndex, answers: &[Option<usize>]) -> Vec<Standing> {
    index
        .questions
        .iter()
        .zip(answers)
        .map(|(q, &answer)| {
            let asked = asked(q, answers);
            let answer = answer.filter(|_| asked);
            Standing {
                asked,
                answer,
                lean: answer.and_then(|o| q.options[o].lean),
            }
        })
        .collect()
}

/// Each question's weight in the distance: its factor's weight times its
/// share of the factor's question weights (0 in a factor without weight).
fn shares(index: &RubricIndex) -> Vec<f64> {
    let mut out = vec![0.0; index.questions.len()];
    for f in &index.factors {
        if f.question_weights > 0.0 {
            for i in f.questions.clone() {
                out[i] = f.weight * index.questions[i].weight / f.question_weights;
            }
        }
    }
    out
}

/// The decided uses the closest cases are drawn from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    pub precedents: Vec<Precedent>,
}

impl Corpus {
    /// Every use with a court ruling among the given cases, for this rubric.
    pub fn from_cases<'c>(
        rubric: &Rubric,
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
                    standing: standing(
                        rubric.index(),
                        &rubric.index().positions(rubric, &u.answers),
                    ),
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
    let index = rubric.index();
    let [a, b] = [a, b].map(|answers| standing(index, &index.positions(rubric, answers)));
    let mut parts = Vec::new();
    let d = distance_at(rubric, &shares(index), &a, &b, Some(&mut parts));
    (d, parts)
}

/// The distance by position; each differing question's share goes into
/// `parts` when asked for. Answers the rubric lacks count as unanswered.
fn distance_at(
    rubric: &Rubric,
    shares: &[f64],
    a: &[Standing],
    b: &[Standing],
    mut parts: Option<&mut Vec<Difference>>,
) -> f64 {
    let (mut sum, mut total) = (0.0, 0.0);
    for (i, ((x, y), &w)) in a.iter().zip(b).zip(shares).enumerate() {
        if !(x.asked || y.asked) || w <= 0.0 {
            continue;
        }
        let d = if x.answer == y.answer {
            0.0
        } else {
            match (x.lean, y.lean) {
                (Some(l), Some(m)) => f64::from((l - m).abs()) / 4.0,
                _ => 1.0,
            }
        };
        sum += w * d;
        total += w;
        if let Some(parts) = parts.as_mut().filter(|_| d > 0.0) {
            let question = rubric.questions().nth(i).map(|(_, q)| q).expect("indexed");
            let id = |o: Option<usize>| o.map(|o| question.options[o].id.clone());
            parts.push(Difference {
                question: question.id.clone(),
                this: id(x.answer),
                that: id(y.answer),
                weight: w * d,
            });
        }
    }
    if total <= 0.0 {
        if let Some(parts) = parts {
            parts.clear();
        }
        return 0.0;
    }
    if let Some(parts) = parts {
        for p in parts.iter_mut() {
            p.weight /= total;
        }
    }
    sum / total
}

/// The `NEAREST` decided cases closest to these answers, each by its closest
/// use, leaving out every use of the case `exclude` (the use's own case).
/// Ties go to case, then use id.
pub fn nearest(
    rubric: &Rubric,
    corpus: &Corpus,
    exclude: Option<&str>,
    answers: &BTreeMap<String, String>,
) -> Vec<Nearest> {
    let index = rubric.index();
    let this = standing(index, &index.positions(rubric, answers));
    let shares = shares(index);
    // A corpus made for another rubric is read again by id.
    let distance_to = |p: &Precedent, parts: Option<&mut Vec<Difference>>| {
        if p.standing.len() == index.questions.len() {
            distance_at(rubric, &shares, &this, &p.standing, parts)
        } else {
            let that = standing(index, &index.positions(rubric, &p.answers));
            distance_at(rubric, &shares, &this, &that, parts)
        }
    };
    let mut found: Vec<(f64, &Precedent)> = corpus
        .precedents
        .iter()
        .filter(|p| Some(p.case.as_str()) != exclude)
        .map(|p| (distance_to(p, None), p))
        .collect();
    found.sort_by(|(a, p), (b, q)| {
        a.total_cmp(b)
            .then_with(|| p.case.cmp(&q.case))
            .then_with(|| p.use_id.cmp(&q.use_id))
    });
    // Three cases, not three uses: a decision with several close uses is one
    // analogy, drawn from its closest use.
    let mut cases: Vec<&str> = Vec::with_capacity(NEAREST);
    found.retain(|(_, p)| {
        let fresh = cases.len() < NEAREST && !cases.contains(&p.case.as_str());
        if fresh {
            cases.push(&p.case);
        }
        fresh
    });
    found
        .into_iter()
        .map(|(distance, p)| {
            let mut differs = Vec::new();
            distance_to(p, Some(&mut differs));
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
        .collect()
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
