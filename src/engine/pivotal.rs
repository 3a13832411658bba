//! Pivotal facts: the single answer changes that would change the conclusion.

use super::score::{asked, Sides};
use super::views::Pins;
use super::Conclusion;
use crate::model::Rubric;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PivotalFact {
    pub question: String,
    /// The current answer; `None` when the question is unanswered.
    pub from: Option<String>,
    pub to: String,
    /// The conclusion and score after the change.
    pub conclusion: Conclusion,
    pub score: f64,
}

/// Tries every other option of every applicable, scored question, and
/// reaches the full conclusion after each change (legal views and the
/// threshold included, since a change can engage or release a view). Scope
/// questions are left out: they say what the use is, not a fact about it.
pub fn pivotal_facts(
    rubric: &Rubric,
    answers: &BTreeMap<String, String>,
    pins: &Sides,
    current: Conclusion,
) -> Vec<PivotalFact> {
    let index = rubric.index();
    let base = index.positions(rubric, answers);
    let pins = Pins::new(rubric, pins);
    let mut changed = base.clone();
    let mut facts = Vec::new();
    for (i, (_, question)) in rubric.questions().enumerate() {
        let q = &index.questions[i];
        if q.scope || !asked(q, &base) {
            continue;
        }
        let from = answers.get(&question.id);
        for (o, option) in question.options.iter().enumerate() {
            if from == Some(&option.id) {
                continue;
            }
            changed[i] = Some(o);
            let (score, conclusion) = super::conclude_at(index, &changed, &pins);
            if conclusion != current {
                facts.push(PivotalFact {
                    question: question.id.clone(),
                    from: from.cloned(),
                    to: option.id.clone(),
                    conclusion,
                    score,
                });
            }
        }
        changed[i] = base[i];
    }
    facts
}
