//! Factor scores: a weighted mean of the chosen options' leans.

use super::Label;
use crate::model::{
    AnswerOption, FactorId, FactorIndex, OptionIndex, Question, QuestionIndex, Rubric, RubricIndex,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// The side taken on each legal view, view id to side id.
pub type Sides = BTreeMap<String, String>;

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

// The same three, by position: what the engine's inner loops use.

/// Whether the question at this position is asked.
pub(super) fn asked(question: &QuestionIndex, answers: &[Option<usize>]) -> bool {
    question.when.as_ref().is_none_or(|c| c.holds(answers))
}

/// The view an option engages for this use, by position.
pub(super) fn engaged_view(option: &OptionIndex, answers: &[Option<usize>]) -> Option<usize> {
    let by_view = option.by_view.as_ref()?;
    let holds = by_view.only_when.as_ref().is_none_or(|c| c.holds(answers));
    holds.then_some(by_view.view)
}

/// An option's lean under the sides taken, by position.
fn lean_at(option: &OptionIndex, answers: &[Option<usize>], sides: &[Option<usize>]) -> Option<i8> {
    engaged_view(option, answers)
        .and_then(|view| sides.get(view).copied().flatten())
        .and_then(|side| option.by_view.as_ref()?.leans.get(side).copied().flatten())
        .or(option.lean)
}

/// Σ(weight × lean/2) / Σ weight over the factor's scored answers: the one
/// formula for a factor score.
pub(super) fn factor_value(
    index: &RubricIndex,
    factor: &FactorIndex,
    answers: &[Option<usize>],
    sides: &[Option<usize>],
) -> f64 {
    let (mut sum, mut weights) = (0.0, 0.0);
    for i in factor.questions.clone() {
        let question = &index.questions[i];
        if !asked(question, answers) {
            continue;
        }
        let Some(option) = answers[i].map(|o| &question.options[o]) else {
            continue;
        };
        if let Some(lean) = lean_at(option, answers, sides) {
            sum += question.weight * f64::from(lean) / 2.0;
            weights += question.weight;
        }
    }
    if weights > 0.0 {
        (sum / weights).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

/// The factor scores' weighted mean: the one formula for the overall score.
pub(super) fn combine_values(weighted: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (sum, weights) = weighted.fold((0.0, 0.0), |(sum, weights), (weight, score)| {
        (sum + weight * score, weights + weight)
    });
    let score = if weights > 0.0 { sum / weights } else { 0.0 };
    score.clamp(-1.0, 1.0)
}

/// The overall score by position, without the factor detail: what the
/// views' combinations and pivotal facts need, many times a use.
pub(super) fn value(
    index: &RubricIndex,
    answers: &[Option<usize>],
    sides: &[Option<usize>],
) -> f64 {
    combine_values(
        index
            .factors
            .iter()
            .map(|f| (f.weight, factor_value(index, f, answers, sides))),
    )
}

/// Scores one factor, with the answers behind the score.
pub fn score_factor(
    rubric: &Rubric,
    factor: FactorId,
    answers: &BTreeMap<String, String>,
    sides: &Sides,
) -> FactorScore {
    let index = rubric.index();
    let positions = index.positions(rubric, answers);
    let sides = index.side_positions(rubric, sides);
    score_factor_at(rubric, factor, &positions, &sides)
}

fn score_factor_at(
    rubric: &Rubric,
    factor: FactorId,
    answers: &[Option<usize>],
    sides: &[Option<usize>],
) -> FactorScore {
    let index = rubric.index();
    let Some(at) = rubric.factors.iter().position(|f| f.id == factor) else {
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
    let (f, fi) = (&rubric.factors[at], &index.factors[at]);
    let (mut drivers, mut unanswered, mut open, mut applicable) =
        (Vec::new(), Vec::new(), Vec::new(), 0);
    let mut weights = 0.0;
    for (question, i) in f.questions.iter().zip(fi.questions.clone()) {
        let q = &index.questions[i];
        if !asked(q, answers) {
            continue;
        }
        applicable += 1;
        let Some(o) = answers[i] else {
            unanswered.push(question.id.clone());
            continue;
        };
        if q.options[o].open {
            open.push(question.id.clone());
        }
        if let Some(lean) = lean_at(&q.options[o], answers, sides) {
            weights += question.weight;
            drivers.push(Driver {
                question: question.id.clone(),
                option: question.options[o].id.clone(),
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
    let score = factor_value(index, fi, answers, sides);
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
    combine_values(scores.map(|(id, score)| (rubric.factor(id).map_or(0.0, |f| f.weight), score)))
}

/// The four factor scores and their weighted mean.
pub fn overall(
    rubric: &Rubric,
    answers: &BTreeMap<String, String>,
    sides: &Sides,
) -> (f64, Vec<FactorScore>) {
    let index = rubric.index();
    let positions = index.positions(rubric, answers);
    let sides = index.side_positions(rubric, sides);
    let factors: Vec<FactorScore> = FactorId::ALL
        .iter()
        .map(|&f| score_factor_at(rubric, f, &positions, &sides))
        .collect();
    let score = combine(rubric, factors.iter().map(|f| (f.factor, f.score)));
    (score, factors)
}
