//! The data model: what the YAML files say, as typed Rust values.
//!
//! Every struct denies unknown fields so that a typo in a case file is an error,
//! not a silently ignored answer.

mod authority;
mod case;
mod index;
mod rubric;
mod unique;

pub(crate) use unique::unique_keys;

pub use authority::{Authority, AuthorityKind, AuthorityLibrary, Outcome};
pub use case::{Case, CourtRuling, Holding, Litigation, MemoHeading, Role, Use};
pub use index::{
    ConditionIndex, FactorIndex, OptionIndex, Positions, QuestionIndex, RubricIndex, SidePositions,
    ViewLeanIndex,
};
pub use rubric::{
    AnswerOption, Condition, Contradiction, Factor, FactorId, OptionWarning, Question, Retired,
    Rubric, Side, View, ViewLean, Weighting,
};

use serde::{Deserialize, Serialize};

/// Most legal views a rubric may have: the engine scores a use under every
/// combination of the sides of the views it engages, so the work grows with
/// their product. Validation holds a rubric to this; the engine relies on it.
pub const MAX_VIEWS: usize = 6;

/// How a court (or the tool) came out on one factor, stated from the fair-use side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Favors,
    Neutral,
    Disfavors,
    NotReached,
}

impl Finding {
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Favors => "favors",
            Finding::Neutral => "neutral",
            Finding::Disfavors => "disfavors",
            Finding::NotReached => "not_reached",
        }
    }

    /// Words for a memo or a screen: "favors fair use".
    pub fn describe(self) -> &'static str {
        match self {
            Finding::Favors => "favors fair use",
            Finding::Neutral => "neutral",
            Finding::Disfavors => "disfavors fair use",
            Finding::NotReached => "not reached",
        }
    }
}
