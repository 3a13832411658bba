//! Factor scores: a weighted mean of the chosen options' leans.

use super::Label;
use crate::model::{AnswerOption, Factor, FactorId, Question, Rubric};

/// The side taken on each legal view, view id to side id.
pub type Sides = BTreeMap<String, String>;
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

/// Whether an option's lean depends on a view for this use: it has a
/// `lean_by_view` whose `only_when` (if any) holds.
pub fn engages<'r>(
    option: &'r AnswerOption,
    answers: &BTreeMap<String, String>,
) -> Option<&'r str> {
    let by_view = option.lean_by_view.as_ref()?;
    let holds = by_view.only_when.as_ref().is_none_or(|c| {
        answers
            .get(&c.question)
            .is_some_and(|a| c.any_of.contains(a))
    });
    holds.then_some(by_view.view.as_str())
}

/// The lean an option carries for this use, given the sides taken: the
/// view's lean where the option engages a view whose side is given, else
/// the plain lean.
pub fn lean_of(
    option: &AnswerOption,
    answers: &BTreeMap<String, String>,
    sides: &Sides,
) -> Option<i8> {
    engages(option, answers)
        .and_then(|view| sides.get(view))
        .and_then(|side| option.lean_by_view.as_ref()?.leans.get(side).copied())
        .or(option.lean)
}

/// The factor's applicable questions, each with its chosen option (if any).
fn chosen<'r>(
    factor: &'r Factor,
    answers: &'r BTreeMap<String, String>,
) -> impl Iterator<Item = (&'r Question, Option<&'r AnswerOption>)> {
    factor
        .questions
        .iter()
        .filter(move |q| applies(q, answers))
        .map(move |q| (q, answers.get(&q.id).and_then(|a| q.option(a))))
}

/// Σ(weight × lean/2) / Σ weight over the scored answers: the one formula.
fn mean<'r>(
    scored: impl Iterator<Item = (&'r Question, &'r AnswerOption)>,
    answers: &BTreeMap<String, String>,
    sides: &Sides,
) -> f64 {
    let (sum, weights) = scored.fold((0.0, 0.0), |(sum, weights), (q, o)| {
        match lean_of(o, answers, sides) {
            Some(lean) => (sum + q.weight * f64::from(lean) / 2.0, weights + q.weight),
            None => (sum, weights),
        }
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
    sides: &Sides,
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
    for (question, option) in chosen(f, answers) {
        applicable += 1;
        let Some(option) = option else {
            unanswered.push(question.id.clone());
            continue;
        };
        if option.open {
            open.push(question.id.clone());
        }
        if let Some(lean) = lean_of(option, answers, sides) {
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
    let score = mean(
        chosen(f, answers).filter_map(|(q, o)| Some((q, o?))),
        answers,
        sides,
    );
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

/// The overall score: the factor scores' weighted mean, in statutory order.
pub fn combine(rubric: &Rubric, scores: impl Iterator<Item = (FactorId, f64)>) -> f64 {
    let (sum, weights) = scores.fold((0.0, 0.0), |(sum, weights), (id, score)| {
        let w = rubric.factor(id).map_or(0.0, |f| f.weight);
        (sum + w * score, weights + w)
    });
    let score = if weights > 0.0 { sum / weights } else { 0.0 };
    score.clamp(-1.0, 1.0)
}

/// The four factor scores and their weighted mean.
pub fn overall(
    rubric: &Rubric,
    answers: &BTreeMap<String, String>,
    sides: &Sides,
) -> (f64, Vec<FactorScore>) {
    let factors: Vec<FactorScore> = FactorId::ALL
        .iter()
        .map(|&f| score_factor(rubric, f, answers, sides))
        .collect();
    let score = combine(rubric, factors.iter().map(|f| (f.factor, f.score)));
    (score, factors)
}

/// The overall score alone, without the factor detail: what the views'
/// combinations and pivotal facts need, many times a use.
pub fn overall_value(rubric: &Rubric, answers: &BTreeMap<String, String>, sides: &Sides) -> f64 {
    combine(
        rubric,
        rubric.factors.iter().map(|f| {
            let value = mean(
                chosen(f, answers).filter_map(|(q, o)| Some((q, o?))),
                answers,
                sides,
            );
            (f.id, value)
        }),
    )
}
