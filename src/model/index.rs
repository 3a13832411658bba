//! The rubric by position: questions, options, views and sides numbered in
//! rubric order, so that the engine, which weighs the same answers many times
//! a use (every combination of views, every alternative answer), compares
//! small integers instead of ids. Built once per rubric, on first use.

use super::{Condition, Rubric};
use std::collections::{BTreeMap, HashMap};

/// The rubric's questions, options, views and sides by position.
#[derive(Debug, Clone)]
pub struct RubricIndex {
    /// Every question in rubric order (factor by factor).
    pub questions: Vec<QuestionIndex>,
    /// The factors in rubric order, each with its questions' positions.
    pub factors: Vec<FactorIndex>,
    /// The number of sides of each view, in rubric order.
    pub sides: Vec<usize>,
    /// The threshold question's position.
    pub threshold: Option<usize>,
    questions_by_id: HashMap<String, usize>,
    views_by_id: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct FactorIndex {
    pub weight: f64,
    pub questions: std::ops::Range<usize>,
    /// The sum of its questions' weights.
    pub question_weights: f64,
}

#[derive(Debug, Clone)]
pub struct QuestionIndex {
    pub weight: f64,
    pub when: Option<ConditionIndex>,
    pub scope: bool,
    /// Another question's `when` or an option's `only_when` names this one:
    /// changing its answer can change what else is asked or engaged.
    pub conditions_others: bool,
    pub options: Vec<OptionIndex>,
}

#[derive(Debug, Clone, Copy)]
pub struct ConditionIndex {
    pub question: usize,
    /// One bit per option position (rubrics have at most 64 options a question).
    pub any_of: u64,
}

#[derive(Debug, Clone)]
pub struct OptionIndex {
    pub lean: Option<i8>,
    pub by_view: Option<ViewLeanIndex>,
    pub open: bool,
    pub unprotected: bool,
}

#[derive(Debug, Clone)]
pub struct ViewLeanIndex {
    pub view: usize,
    pub only_when: Option<ConditionIndex>,
    /// The lean under each side, by side position.
    pub leans: Vec<Option<i8>>,
}

/// One use's answers by question position: the chosen option's position, or
/// `None` when unanswered (or answered with an id the rubric does not have).
pub type Positions = Vec<Option<usize>>;

/// The side taken on each view by view position, `None` where none is taken.
pub type SidePositions = Vec<Option<usize>>;

impl RubricIndex {
    pub fn new(rubric: &Rubric) -> RubricIndex {
        let mut questions_by_id = HashMap::new();
        for (i, (_, q)) in rubric.questions().enumerate() {
            questions_by_id.entry(q.id.clone()).or_insert(i);
        }
        let views_by_id: HashMap<String, usize> = rubric
            .views
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.clone(), i))
            .collect();
        // A condition on a question the rubric lacks never holds (validation
        // refuses one; the engine must still not panic on it).
        let condition = |c: &Condition| -> ConditionIndex {
            let Some(&question) = questions_by_id.get(&c.question) else {
                return ConditionIndex {
                    question: 0,
                    any_of: 0,
                };
            };
            let (_, q) = rubric.questions().nth(question).expect("indexed question");
            let any_of = q
                .options
                .iter()
                .enumerate()
                .filter(|(i, o)| *i < 64 && c.any_of.contains(&o.id))
                .fold(0u64, |bits, (i, _)| bits | 1 << i);
            ConditionIndex { question, any_of }
        };
        let mut questions: Vec<QuestionIndex> = rubric
            .questions()
            .map(|(_, q)| QuestionIndex {
                weight: q.weight,
                when: q.when.as_ref().map(condition),
                scope: q.is_scope(),
                conditions_others: false,
                options: q
                    .options
                    .iter()
                    .map(|o| OptionIndex {
                        lean: o.lean,
                        by_view: o.lean_by_view.as_ref().and_then(|by| {
                            let view = *views_by_id.get(&by.view)?;
                            Some(ViewLeanIndex {
                                view,
                                only_when: by.only_when.as_ref().map(condition),
                                leans: rubric.views[view]
                                    .sides
                                    .iter()
                                    .map(|s| by.leans.get(&s.id).copied())
                                    .collect(),
                            })
                        }),
                        open: o.open,
                        unprotected: o.unprotected,
                    })
                    .collect(),
            })
            .collect();
        let named: Vec<usize> = questions
            .iter()
            .flat_map(|q| {
                let by_view = q.options.iter().filter_map(|o| o.by_view.as_ref());
                q.when
                    .iter()
                    .chain(by_view.filter_map(|b| b.only_when.as_ref()))
                    .map(|c| c.question)
                    .collect::<Vec<_>>()
            })
            .collect();
        for i in named {
            questions[i].conditions_others = true;
        }
        let mut start = 0;
        let factors = rubric
            .factors
            .iter()
            .map(|f| {
                let end = start + f.questions.len();
                let range = start..end;
                start = end;
                FactorIndex {
                    weight: f.weight,
                    questions: range,
                    question_weights: f.questions.iter().map(|q| q.weight).sum(),
                }
            })
            .collect();
        RubricIndex {
            threshold: rubric.questions().position(|(_, q)| q.threshold),
            sides: rubric.views.iter().map(|v| v.sides.len()).collect(),
            questions,
            factors,
            questions_by_id,
            views_by_id,
        }
    }

    pub fn question(&self, id: &str) -> Option<usize> {
        self.questions_by_id.get(id).copied()
    }

    pub fn view(&self, id: &str) -> Option<usize> {
        self.views_by_id.get(id).copied()
    }

    /// A use's answers by position.
    pub fn positions(&self, rubric: &Rubric, answers: &BTreeMap<String, String>) -> Positions {
        rubric
            .questions()
            .map(|(_, q)| {
                let answer = answers.get(&q.id)?;
                q.options.iter().position(|o| &o.id == answer)
            })
            .collect()
    }

    /// Sides by position; a view or side the rubric lacks takes no side.
    pub fn side_positions(
        &self,
        rubric: &Rubric,
        sides: &BTreeMap<String, String>,
    ) -> SidePositions {
        let mut out = vec![None; self.sides.len()];
        for (view, side) in sides {
            if let Some(v) = self.view(view) {
                out[v] = rubric.views[v].sides.iter().position(|s| &s.id == side);
            }
        }
        out
    }
}

impl ConditionIndex {
    pub fn holds(&self, answers: &[Option<usize>]) -> bool {
        answers
            .get(self.question)
            .copied()
            .flatten()
            .is_some_and(|o| o < 64 && self.any_of & (1 << o) != 0)
    }
}
