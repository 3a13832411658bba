//! Factor scores: a weighted mean of the chosen options' leans.

use super::Label;
use crate::model::{AnswerOption, Factor, FactorId, Question, Rubric};
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
    question.applies(answers)
}

/// The factor's applicable questions, each with its chosen option (if any),
/// optionally as if one question had another answer.
fn chosen<'r>(
    factor: &'r Factor,
    answers: &'r BTreeMap<String, String>,
    replace: Option<(&'r str, &'r str)>,
) -> impl Iterator<Item = (&'r Question, Option<&'r AnswerOption>)> {
    factor
        .questions
        .iter()
        .filter(move |q| applies(q, answers))
        .map(move |q| {
            let answer = match replace {
                Some((id, option)) if id == q.id => Some(option),
                _ => answers.get(&q.id).map(String::as_str),
            };
            (q, answer.and_then(|a| q.option(a)))
        })
}

/// Σ(weight × lean/2) / Σ weight over the scored answers: the one formula.
fn mean<'r>(scored: impl Iterator<Item = (&'r Question, &'r AnswerOption)>) -> f64 {
    let (sum, weights) = scored.fold((0.0, 0.0), |(sum, weights), (q, o)| match o.lean {
        Some(lean) => (sum + q.weight * f64::from(lean) / 2.0, weights + q.weight),
        None => (sum, weights),
    });
    if weights > 0.0 {
        (sum / weights).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

/// Scores one factor, with the answers behind the score.
pub fn score_factor(
    rubric: &Rubric,
    factor: FactorId,
    answers: &BTreeMap<String, String>,
) -> FactorScore {
    let Some(f) = rubric.factor(factor) else {
        return FactorScore {
            factor,
            score: 0.0,
            label: Label::Neutral,
            drivers: Vec::new(),
            unanswered: Vec::new(),
            open: Vec::new(),
            applicable: 0,
        };
    };
    let (mut drivers, mut unanswered, mut open, mut applicable) =
        (Vec::new(), Vec::new(), Vec::new(), 0);
    let mut weights = 0.0;
    for (question, option) in chosen(f, answers, None) {
        applicable += 1;
        let Some(option) = option else {
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
    let score = mean(chosen(f, answers, None).filter_map(|(q, o)| Some((q, o?))));
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

/// A factor's score alone, as if `question` were answered `option`; no allocation.
pub(super) fn factor_value_with(
    factor: &Factor,
    answers: &BTreeMap<String, String>,
    question: &str,
    option: &str,
) -> f64 {
    mean(chosen(factor, answers, Some((question, option))).filter_map(|(q, o)| Some((q, o?))))
}

/// The overall score: the factor scores' weighted mean, in statutory order.
pub(super) fn combine(rubric: &Rubric, scores: impl Iterator<Item = (FactorId, f64)>) -> f64 {
    let (sum, weights) = scores.fold((0.0, 0.0), |(sum, weights), (id, score)| {
        let w = rubric.factor(id).map_or(0.0, |f| f.weight);
        (sum + w * score, weights + w)
    });
    let score = if weights > 0.0 { sum / weights } else { 0.0 };
    score.clamp(-1.0, 1.0)
}

/// The four factor scores and their weighted mean.
pub fn overall(rubric: &Rubric, answers: &BTreeMap<String, String>) -> (f64, Vec<FactorScore>) {
    let factors: Vec<FactorScore> = FactorId::ALL
        .iter()
        .map(|&f| score_factor(rubric, f, answers))
        .collect();
    let score = combine(rubric, factors.iter().map(|f| (f.factor, f.score)));
    (score, factors)
}
