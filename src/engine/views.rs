//! Legal views: points on which courts split. A use engages a view when one
//! of its answers has a lean that depends on it; the use is then scored under
//! every combination of the sides of the views it engages and has not pinned.

use super::score::{engages, overall_value, Sides};
use super::{applies, Conclusion};
use crate::model::Rubric;
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
    let mut found: Vec<(String, String)> = Vec::new();
    for (_, q) in rubric.questions() {
        if !applies(q, answers) {
            continue;
        }
        let Some(option) = answers.get(&q.id).and_then(|a| q.option(a)) else {
            continue;
        };
        if let Some(view) = engages(option, answers) {
            if !found.iter().any(|(v, _)| v == view) {
                found.push((view.to_string(), q.id.clone()));
            }
        }
    }
    let position = |id: &str| rubric.views.iter().position(|v| v.id == id);
    found.sort_by_key(|(v, _)| position(v));
    found
}

/// Scores the use under every combination of the sides of its engaged,
/// unpinned views.
pub fn analyse(rubric: &Rubric, answers: &BTreeMap<String, String>, pins: &Sides) -> ViewsAnalysis {
    let engaged = engaged(rubric, answers);
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
            let score = overall_value(rubric, answers, &sides);
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
