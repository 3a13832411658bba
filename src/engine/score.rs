//! Factor scores: a weighted mean of the chosen options' leans.

use super::Label;
use crate::model::{FactorId, Question, Rubric};
use serde::Serialize;
use std::collections::BTreeMap;

/// One factor's result for a use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorScore {
    pub factor: FactorId,
    /// In [-1, +1]; positive favors fair use.
    pub score: f64,
    pub label: Label,
    /// The scored answers behind the score, in rubric order.
    pub drivers: Vec<Driver>,
    /// Applicable questions with no answer, in rubric order.
    pub unanswered: Vec<String>,
    /// Applicable questions answered "not established" (an open option).
    pub open: Vec<String>,
    /// How many questions apply to this use.
    pub applicable: usize,
}

/// A scored answer and its pull on the factor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Driver {
    pub question: String,
    pub option: String,
    pub lean: i8,
    /// Signed share of the factor score this answer contributes.
    pub contribution: f64,
}

/// Whether a question is asked, given the answers so far.
pub fn applies(question: &Question, answers: &BTreeMap<String, String>) -> bool {
    match &question.when {
        None => true,
        Some(cond) => answers
            .get(&cond.question)
            .is_some_and(|a| cond.any_of.iter().any(|o| o == a)),
    }
}

/// Scores one factor: Σ(weight × lean/2) / Σ weight over scored answers.
pub fn score_factor(
    rubric: &Rubric,
    factor: FactorId,
    answers: &BTreeMap<String, String>,
) -> FactorScore {
    let mut drivers = Vec::new();
    let mut unanswered = Vec::new();
    let mut open = Vec::new();
    let mut applicable = 0;
    let mut weights = 0.0;
    let questions = rubric.factor(factor).map(|f| f.questions.as_slice());
    for question in questions.unwrap_or_default() {
        if !applies(question, answers) {
            continue;
        }
        applicable += 1;
        let Some(option) = answers.get(&question.id).and_then(|a| question.option(a)) else {
            unanswered.push(question.id.clone());
            continue;
        };
        if option.open {
            open.push(question.id.clone());
        }
        if let Some(lean) = option.lean {
            weights += question.weight;
            drivers.push(Driver {
                question: question.id.clone(),
                option: option.id.clone(),
                lean,
                contribution: question.weight * f64::from(lean) / 2.0,
            });
        }
    }
    if weights > 0.0 {
        for d in &mut drivers {
            d.contribution /= weights;
        }
    }
    let score = drivers
        .iter()
        .map(|d| d.contribution)
        .sum::<f64>()
        .clamp(-1.0, 1.0);
    FactorScore {
        factor,
        score,
        label: Label::from_score(score),
        drivers,
        unanswered,
        open,
        applicable,
    }
}

/// The four factor scores and their weighted mean.
pub fn overall(rubric: &Rubric, answers: &BTreeMap<String, String>) -> (f64, Vec<FactorScore>) {
    let factors: Vec<FactorScore> = FactorId::ALL
        .iter()
        .map(|&f| score_factor(rubric, f, answers))
        .collect();
    let (sum, weights) = factors.iter().fold((0.0, 0.0), |(sum, weights), f| {
        let w = rubric.factor(f.factor).map_or(0.0, |f| f.weight);
        (sum + w * f.score, weights + w)
    });
    let score = if weights > 0.0 { sum / weights } else { 0.0 };
    (score.clamp(-1.0, 1.0), factors)
}
