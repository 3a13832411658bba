//! Pivotal facts: the single answer changes that would change the conclusion.

use super::score::{asked, combine_values, engaged_view, factor_value, Sides};
use super::views::Pins;
use super::Conclusion;
use crate::model::{Positions, Rubric, RubricIndex};
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
    let mut trials = Trials::new(index, &base);
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
            let (score, conclusion) = if q.conditions_others {
                super::conclude_at(index, &changed, &pins)
            } else {
                trials.conclude(index, &changed, i, &pins)
            };
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

/// What one-answer changes share: a change to a question no condition names
/// alters only its own factor and the views its own answer engages, so the
/// other factors' values are kept, by the sides they depend on, across trials.
/// The result is what `conclude_at` gives, to the bit: the same values are
/// combined in the same order.
struct Trials {
    /// The factor of each question.
    factor_of: Vec<usize>,
    /// The view each question's base answer engages.
    engages: Vec<Option<usize>>,
    /// How many base answers engage each view.
    engaged_by: Vec<usize>,
    /// The views each factor's base answers engage.
    factor_views: Vec<Vec<usize>>,
    /// Each factor's base value, by the sides of its views.
    values: Vec<Vec<(Vec<Option<usize>>, f64)>>,
    base: Positions,
}

impl Trials {
    fn new(index: &RubricIndex, base: &[Option<usize>]) -> Trials {
        let mut factor_of = vec![0; index.questions.len()];
        for (f, factor) in index.factors.iter().enumerate() {
            for i in factor.questions.clone() {
                factor_of[i] = f;
            }
        }
        let engages: Vec<Option<usize>> = index
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let o = base[i].filter(|_| asked(q, base))?;
                engaged_view(&q.options[o], base)
            })
            .collect();
        let mut engaged_by = vec![0; index.sides.len()];
        let mut factor_views = vec![Vec::new(); index.factors.len()];
        for (i, view) in engages.iter().enumerate() {
            if let Some(v) = *view {
                engaged_by[v] += 1;
                if !factor_views[factor_of[i]].contains(&v) {
                    factor_views[factor_of[i]].push(v);
                }
            }
        }
        Trials {
            factor_of,
            engages,
            engaged_by,
            factor_views,
            values: vec![Vec::new(); index.factors.len()],
            base: base.to_vec(),
        }
    }

    /// `conclude_at` for `answers`, which differ from the base only at
    /// question `changed`, a question no condition names.
    fn conclude(
        &mut self,
        index: &RubricIndex,
        answers: &[Option<usize>],
        changed: usize,
        pins: &Pins,
    ) -> (f64, Conclusion) {
        let q = &index.questions[changed];
        let now = answers[changed].and_then(|o| engaged_view(&q.options[o], answers));
        let engaged = |v: usize| {
            let before = self.engaged_by[v] - usize::from(self.engages[changed] == Some(v));
            before > 0 || now == Some(v)
        };
        let mut sides = pins.sides.clone();
        let mut free = Vec::new();
        for v in (0..index.sides.len()).filter(|&v| engaged(v) && !pins.pinned[v]) {
            if index.sides[v] == 0 {
                return super::conclude_at(index, answers, pins);
            }
            sides[v] = Some(0);
            free.push(v);
        }
        let own = self.factor_of[changed];
        let first = self.value(index, answers, own, &sides);
        let mut conclusion = Conclusion::from_score(first);
        // Every other combination, as an odometer over the free views' sides.
        while let Some(turn) = free
            .iter()
            .rposition(|&v| sides[v] != Some(index.sides[v] - 1))
        {
            for &v in &free[turn + 1..] {
                sides[v] = Some(0);
            }
            let v = free[turn];
            sides[v] = sides[v].map(|s| s + 1);
            if Conclusion::from_score(self.value(index, answers, own, &sides)) != conclusion {
                conclusion = Conclusion::CloseCall;
                break;
            }
        }
        let unprotected = index
            .threshold
            .is_some_and(|t| answers[t].is_some_and(|o| index.questions[t].options[o].unprotected));
        if unprotected {
            (first, Conclusion::NoProtectedExpression)
        } else {
            (first, conclusion)
        }
    }

    /// The overall value: the changed factor computed afresh, the others
    /// from their base values under these sides. Called for every trial, so
    /// it allocates nothing but a new entry kept.
    fn value(
        &mut self,
        index: &RubricIndex,
        answers: &[Option<usize>],
        own: usize,
        sides: &[Option<usize>],
    ) -> f64 {
        combine_values(index.factors.iter().enumerate().map(|(f, factor)| {
            let value = if f == own {
                factor_value(index, factor, answers, sides)
            } else {
                self.base_value(index, f, sides)
            };
            (factor.weight, value)
        }))
    }

    /// Factor `f`'s base value under these sides, computed once for each
    /// combination of the sides its views take.
    fn base_value(&mut self, index: &RubricIndex, f: usize, sides: &[Option<usize>]) -> f64 {
        let key = || self.factor_views[f].iter().map(|&v| sides[v]);
        if let Some(&(_, value)) = self.values[f]
            .iter()
            .find(|(k, _)| k.iter().copied().eq(key()))
        {
            return value;
        }
        let value = factor_value(index, &index.factors[f], &self.base, sides);
        let key = key().collect();
        self.values[f].push((key, value));
        value
    }
}
