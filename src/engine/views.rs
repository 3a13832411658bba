//! Legal views: points on which courts split. A use engages a view when one
//! of its answers has a lean that depends on it; the use is then scored under
//! every combination of the sides of the views it engages and has not pinned.

use super::score::{asked, engaged_view, value, Sides};
use super::Conclusion;
use crate::model::{Rubric, RubricIndex, SidePositions};
use serde::Serialize;
use std::collections::BTreeMap;

/// Views may multiply the work by the product of their sides; validation
/// keeps a rubric to this many.
pub use crate::model::MAX_VIEWS;

/// How the use comes out under the legal views it engages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewsAnalysis {
    /// Engaged views, in rubric order.
    pub engaged: Vec<EngagedView>,
    /// Every combination of sides of the unpinned engaged views (pinned ones
    /// at their pinned side), in rubric order of views and sides. One entry,
    /// with no sides varied, when no unpinned view is engaged.
    pub combinations: Vec<Combination>,
    /// Views whose side alone changes the conclusion in some combination.
    pub turns_on: Vec<String>,
    /// The sides the reported score and factor scores were computed under:
    /// the pinned side, else the first side the rubric lists.
    pub primary: Sides,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngagedView {
    pub view: String,
    /// The question whose answer engages the view.
    pub question: String,
    pub pinned: Option<String>,
    /// Every side, with the result under it (for a pinned view, only the
    /// pinned side has results from the combinations).
    pub sides: Vec<SideResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideResult {
    pub side: String,
    /// The conclusion every combination with this side reaches; a close call
    /// if they differ; `None` for a side not evaluated (the view is pinned
    /// to another side).
    pub conclusion: Option<Conclusion>,
    /// The overall score with this side and the other views at their primary side.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    pub sides: Sides,
    pub score: f64,
    pub conclusion: Conclusion,
}

impl ViewsAnalysis {
    /// The conclusion is the same under every combination.
    pub fn holds_under_every_view(&self) -> bool {
        self.turns_on.is_empty()
    }
}

/// The views a use's answers engage, with the question that engages each, in
/// rubric order; a view engaged by several answers is listed once.
pub fn engaged(rubric: &Rubric, answers: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let index = rubric.index();
    let positions = index.positions(rubric, answers);
    let questions: Vec<&str> = rubric.questions().map(|(_, q)| q.id.as_str()).collect();
    engaged_at(index, &positions)
        .into_iter()
        .map(|(view, question)| {
            (
                rubric.views[view].id.clone(),
                questions[question].to_string(),
            )
        })
        .collect()
}

/// The engaged views by position, each with the first question (in rubric
/// order) that engages it, in view order.
fn engaged_at(index: &RubricIndex, answers: &[Option<usize>]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, q) in index.questions.iter().enumerate() {
        if !asked(q, answers) {
            continue;
        }
        let Some(view) = answers[i].and_then(|o| engaged_view(&q.options[o], answers)) else {
            continue;
        };
        if !found.iter().any(|(v, _)| *v == view) {
            found.push((view, i));
        }
    }
    found.sort_by_key(|(view, _)| *view);
    found
}

/// The sides pinned on a use, by view position.
#[derive(Debug, Clone)]
pub(super) struct Pins {
    /// The view is pinned (perhaps to a side the rubric lacks, which takes
    /// no side).
    pub(super) pinned: Vec<bool>,
    pub(super) sides: SidePositions,
}

impl Pins {
    pub(super) fn new(rubric: &Rubric, pins: &Sides) -> Pins {
        let index = rubric.index();
        let mut pinned = vec![false; index.sides.len()];
        for view in pins.keys() {
            if let Some(v) = index.view(view) {
                pinned[v] = true;
            }
        }
        Pins {
            pinned,
            sides: index.side_positions(rubric, pins),
        }
    }
}

/// The primary score and the conclusion across every combination of the
/// sides of the engaged, unpinned views (the threshold aside): what
/// `analyse` reaches, without the detail, for the pivotal facts' many trials.
pub(super) fn conclusion_at(
    index: &RubricIndex,
    answers: &[Option<usize>],
    pins: &Pins,
) -> (f64, Conclusion) {
    let mut sides = pins.sides.clone();
    let mut free: Vec<usize> = Vec::new();
    for (view, _) in engaged_at(index, answers) {
        if !pins.pinned[view] {
            sides[view] = (index.sides[view] > 0).then_some(0);
            free.push(view);
        }
    }
    let first = value(index, answers, &sides);
    if free.iter().any(|&v| index.sides[v] == 0) {
        // No combination at all (a view without sides): nothing is firm.
        return (first, Conclusion::CloseCall);
    }
    let conclusion = Conclusion::from_score(first);
    // Every other combination, as an odometer over the free views' sides.
    loop {
        let Some(turn) = free
            .iter()
            .rposition(|&v| sides[v] != Some(index.sides[v] - 1))
        else {
            return (first, conclusion);
        };
        for &v in &free[turn + 1..] {
            sides[v] = Some(0);
        }
        let v = free[turn];
        sides[v] = sides[v].map(|s| s + 1);
        if Conclusion::from_score(value(index, answers, &sides)) != conclusion {
            return (first, Conclusion::CloseCall);
        }
    }
}

/// Scores the use under every combination of the sides of its engaged,
/// unpinned views.
pub fn analyse(rubric: &Rubric, answers: &BTreeMap<String, String>, pins: &Sides) -> ViewsAnalysis {
    let index = rubric.index();
    let positions = index.positions(rubric, answers);
    let questions: Vec<&str> = rubric.questions().map(|(_, q)| q.id.as_str()).collect();
    let engaged: Vec<(String, String)> = engaged_at(index, &positions)
        .into_iter()
        .map(|(view, question)| {
            (
                rubric.views[view].id.clone(),
                questions[question].to_string(),
            )
        })
        .collect();
    let mut primary: Sides = pins.clone();
    // (view, its sides to vary over)
    let mut free: Vec<(&str, Vec<&str>)> = Vec::new();
    for (view, _) in &engaged {
        let Some(v) = rubric.view(view) else { continue };
        if !pins.contains_key(view) {
            let sides: Vec<&str> = v.sides.iter().map(|s| s.id.as_str()).collect();
            if let Some(first) = sides.first() {
                primary.insert(view.clone(), (*first).to_string());
            }
            free.push((view.as_str(), sides));
        }
    }
    let combinations: Vec<Combination> = product(&free)
        .into_iter()
        .map(|choice| {
            let mut sides = primary.clone();
            for (view, side) in choice {
                sides.insert(view.to_string(), side.to_string());
            }
            let score = value(index, &positions, &index.side_positions(rubric, &sides));
            Combination {
                sides,
                score,
                conclusion: Conclusion::from_score(score),
            }
        })
        .collect();
    let turns_on: Vec<String> = free
        .iter()
        .filter(|(view, _)| {
            combinations.iter().any(|a| {
                combinations.iter().any(|b| {
                    a.conclusion != b.conclusion
                        && a.sides
                            .iter()
                            .all(|(k, s)| k == view || b.sides.get(k) == Some(s))
                })
            })
        })
        .map(|(view, _)| view.to_string())
        .collect();
    let engaged = engaged
        .into_iter()
        .filter_map(|(view, question)| {
            let v = rubric.view(&view)?;
            let pinned = pins.get(&view).cloned();
            let sides = v
                .sides
                .iter()
                .map(|side| {
                    let with: Vec<&Combination> = combinations
                        .iter()
                        .filter(|c| c.sides.get(&view) == Some(&side.id))
                        .collect();
                    let conclusion = with.first().map(|first| {
                        if with.iter().all(|c| c.conclusion == first.conclusion) {
                            first.conclusion
                        } else {
                            Conclusion::CloseCall
                        }
                    });
                    let score = with
                        .iter()
                        .find(|c| {
                            c.sides
                                .iter()
                                .all(|(k, s)| k == &view || primary.get(k) == Some(s))
                        })
                        .map(|c| c.score);
                    SideResult {
                        side: side.id.clone(),
                        conclusion,
                        score,
                    }
                })
                .collect();
            Some(EngagedView {
                view,
                question,
                pinned,
                sides,
            })
        })
        .collect();
    ViewsAnalysis {
        engaged,
        combinations,
        turns_on,
        primary,
    }
}

/// Every choice of one side per view, the first view varying slowest.
fn product<'a>(free: &[(&'a str, Vec<&'a str>)]) -> Vec<Vec<(&'a str, &'a str)>> {
    let mut out: Vec<Vec<(&str, &str)>> = vec![Vec::new()];
    for (view, sides) in free {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                sides.iter().map(move |side| {
                    let mut next = prefix.clone();
                    next.push((*view, *side));
                    next
                })
            })
            .collect();
    }
    out
}

/// The conclusion across the combinations: theirs if they all agree, else a
/// close call.
pub fn conclusion(combinations: &[Combination]) -> Conclusion {
    match combinations.first() {
        Some(first)
            if combinations
                .iter()
                .all(|c| c.conclusion == first.conclusion) =>
        {
            first.conclusion
        }
        Some(_) => Conclusion::CloseCall,
        None => Conclusion::CloseCall,
    }
}
