//! The rubric: the four statutory factors, each with the questions that bear on it.

use super::index::RubricIndex;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// The four factors of 17 U.S.C. § 107, in statutory order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorId {
    Purpose,
    Nature,
    Amount,
    Market,
}

impl FactorId {
    pub const ALL: [FactorId; 4] = [
        FactorId::Purpose,
        FactorId::Nature,
        FactorId::Amount,
        FactorId::Market,
    ];

    /// The factor's number in § 107 (1..=4).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FactorId::Purpose => "purpose",
            FactorId::Nature => "nature",
            FactorId::Amount => "amount",
            FactorId::Market => "market",
        }
    }
}

impl fmt::Display for FactorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Schema version of the rubric file.
    pub version: u32,
    /// Why the factor weights are what they are; the weights are a heuristic.
    pub weighting: Weighting,
    /// Points of law on which courts split; see `View`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Pairs of answers that contradict each other; `check` warns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradictions: Vec<Contradiction>,
    /// Ids earlier versions used, with what to use instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<Retired>,
    /// Exactly four, in statutory order.
    pub factors: Vec<Factor>,
    /// Positions of everything above, built on first use (see `index`).
    #[serde(skip)]
    index: OnceLock<RubricIndex>,
}

/// A point of law on which courts have split. The engine scores a use under
/// each side of every view its answers engage.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub id: String,
    /// The point on which the courts split, as a "whether" clause.
    pub point: String,
    /// At least two.
    pub sides: Vec<Side>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub id: String,
    pub label: String,
    /// The rule on this side, in one sentence.
    pub rule: String,
    #[serde(default)]
    pub authorities: Vec<String>,
}

/// Two answers that cannot both be true of one use.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contradiction {
    pub when: Condition,
    pub and: Condition,
    pub message: String,
    pub fix: String,
}

/// A question (or one of its options) that an earlier rubric had.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    pub question: String,
    /// Absent: the whole question was retired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// The ids to use instead (options of the same question, or questions).
    #[serde(default, rename = "use")]
    pub replaced_by: Vec<String>,
    pub why: String,
}

/// An option's lean that depends on a legal view: one lean per side.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewLean {
    pub view: String,
    /// The view is engaged only when this holds (e.g. only for training
    /// uses); otherwise the option's plain `lean` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_when: Option<Condition>,
    pub leans: std::collections::BTreeMap<String, i8>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weighting {
    pub note: String,
    #[serde(default)]
    pub authorities: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: FactorId,
    /// Short name, e.g. "Purpose and character of the use".
    pub name: String,
    /// The statute's own words for the factor.
    pub statute: String,
    /// Relative weight in the overall score (a heuristic; see `Weighting`).
    pub weight: f64,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    /// What the question is about, as a noun phrase for prose: "how the
    /// copies were obtained". The memo falls back to the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default)]
    pub help: String,
    /// Relative weight within the factor.
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// Asked only when another (scope) question has one of the given answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The threshold question: is what was taken protected expression?
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub threshold: bool,
    pub options: Vec<AnswerOption>,
}

fn default_weight() -> f64 {
    1.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub id: String,
    pub label: String,
    /// The answer as a phrase that reads in a sentence: "copies downloaded
    /// from a shadow library". The memo falls back to the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// -2..=2, positive toward fair use. Absent: the answer records context only
    /// and does not count in the factor's score (e.g. "not applicable").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lean: Option<i8>,
    /// A lean that depends on a legal view; where the view is engaged it
    /// replaces `lean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lean_by_view: Option<ViewLean>,
    /// On the threshold question: nothing protected was taken.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unprotected: bool,
    pub rationale: String,
    #[serde(default)]
    pub authorities: Vec<String>,
    /// The answer says the fact is not established (unknown, alleged, not yet
    /// tested): it counts against confidence and is listed as an open question.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// A step a client could take when this is the answer (e.g. purge pirated
    /// copies); the memo gathers them under "Recommended steps".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// A warning `check` gives when this is the answer (e.g. "split the use").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<OptionWarning>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionWarning {
    pub message: String,
    pub fix: String,
}

impl Rubric {
    /// The rubric by position, for the engine. A rubric is not changed after
    /// it is loaded, so the index, built once, stays true.
    pub fn index(&self) -> &RubricIndex {
        self.index.get_or_init(|| RubricIndex::new(self))
    }

    pub fn factor(&self, id: FactorId) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// Every question with the factor it belongs to, in rubric order.
    pub fn questions(&self) -> impl Iterator<Item = (&Factor, &Question)> {
        self.factors
            .iter()
            .flat_map(|f| f.questions.iter().map(move |q| (f, q)))
    }

    pub fn question(&self, id: &str) -> Option<(&Factor, &Question)> {
        self.questions().find(|(_, q)| q.id == id)
    }

    pub fn view(&self, id: &str) -> Option<&View> {
        self.views.iter().find(|v| v.id == id)
    }

    /// The threshold question, if the rubric has one.
    pub fn threshold(&self) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.threshold)
    }

    /// What an earlier rubric's question (and option) became, if retired.
    pub fn retired(&self, question: &str, option: Option<&str>) -> Option<&Retired> {
        self.retired
            .iter()
            .find(|r| r.question == question && r.option.as_deref() == option)
    }
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn option_ids(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.id.as_str()).collect()
    }

    /// A scope question classifies the use; it carries no lean, so other
    /// questions may depend on it without breaking monotonicity of scores.
    pub fn is_scope(&self) -> bool {
        self.options
            .iter()
            .all(|o| o.lean.is_none() && o.lean_by_view.is_none())
    }

    /// Whether the question is asked, given the answers so far.
    pub fn applies(&self, answers: &std::collections::BTreeMap<String, String>) -> bool {
        match &self.when {
            None => true,
            Some(cond) => answers
                .get(&cond.question)
                .is_some_and(|a| cond.any_of.iter().any(|o| o == a)),
        }
    }
}
