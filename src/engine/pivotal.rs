//! Pivotal facts: the single answer changes that would change the conclusion.

use super::{score::overall, Conclusion};
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

/// Tries every other option of every applicable, scored question. Scope
/// questions are left out: they say what the use is, not a fact about it.
pub fn pivotal_facts(
    rubric: &Rubric,
    answers: &BTreeMap<String, String>,
    current: Conclusion,
) -> Vec<PivotalFact> {
    let mut facts = Vec::new();
    let mut trial = answers.clone();
    for (_, question) in rubric.questions() {
        if question.is_scope() || !super::applies(question, answers) {
            continue;
        }
        let from = answers.get(&question.id);
        for option in &question.options {
            if from == Some(&option.id) {
                continue;
            }
            trial.insert(question.id.clone(), option.id.clone());
            let (score, _) = overall(rubric, &trial);
            let conclusion = Conclusion::from_score(score);
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
            Some(a) => trial.insert(question.id.clone(), a.clone()),
            None => trial.remove(&question.id),
        };
    }
    facts
}
