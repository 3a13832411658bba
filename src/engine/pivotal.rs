//! Pivotal facts: the single answer changes that would change the conclusion.

use super::score::Sides;
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
    let mut facts = Vec::new();
    let mut changed = answers.clone();
    for factor in &rubric.factors {
        for question in &factor.questions {
            if question.is_scope() || !super::applies(question, answers) {
                continue;
            }
            let from = answers.get(&question.id);
            for option in &question.options {
                if from == Some(&option.id) {
                    continue;
                }
                changed.insert(question.id.clone(), option.id.clone());
                let (score, conclusion) = super::conclude(rubric, &changed, pins);
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
            match from {
                Some(a) => changed.insert(question.id.clone(), a.clone()),
                None => changed.remove(&question.id),
            };
        }
    }
    facts
}
