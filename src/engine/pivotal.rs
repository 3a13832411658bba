//! Pivotal facts: the single answer changes that would change the conclusion.

use super::score::{combine, factor_value_with, FactorScore};
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

/// Tries every other option of every applicable, scored question. Scope
/// questions are left out: they say what the use is, not a fact about it.
/// Because only scope questions gate others, a change moves one factor only,
/// so only that factor is rescored.
pub fn pivotal_facts(
    rubric: &Rubric,
    answers: &BTreeMap<String, String>,
    factors: &[FactorScore],
    current: Conclusion,
) -> Vec<PivotalFact> {
    let mut facts = Vec::new();
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
                let changed = factor_value_with(factor, answers, &question.id, &option.id);
                let score = combine(
                    rubric,
                    factors.iter().map(|f| {
                        let value = if f.factor == factor.id {
                            changed
                        } else {
                            f.score
                        };
                        (f.factor, value)
                    }),
                );
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
        }
    }
    facts
}
