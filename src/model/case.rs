//! A case file: one scenario, its facts, and the uses to be analysed.

use super::{FactorId, Finding};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub title: String,
    pub jurisdiction: String,
    /// The date the facts are current to (YYYY-MM-DD).
    pub facts_as_of: String,
    /// The facts, in prose; say which are alleged, assumed or found.
    pub facts: String,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Procedural posture, for litigated cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posture: Option<String>,
    pub uses: Vec<Use>,
}

/// One use of the works, analysed on its own (Bartz; Warhol).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Use {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The question presented, as the words between "Whether" and "is a fair
    /// use": who copied what to do what, where the decisive facts are these.
    /// The memo falls back to the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Question id to option id.
    #[serde(default, deserialize_with = "super::unique_keys")]
    pub answers: BTreeMap<String, String>,
    /// Question id to the fact the answer rests on.
    #[serde(default, deserialize_with = "super::unique_keys")]
    pub notes: BTreeMap<String, String>,
    /// For a decided use: what the court held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub court: Option<CourtRuling>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    FairUse,
    NotFairUse,
}

impl Holding {
    pub fn as_str(self) -> &'static str {
        match self {
            Holding::FairUse => "fair_use",
            Holding::NotFairUse => "not_fair_use",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtRuling {
    /// Id of the decision in the authority library.
    pub authority: String,
    pub holding: Holding,
    #[serde(deserialize_with = "super::unique_keys")]
    pub factors: BTreeMap<FactorId, Finding>,
    /// Where the tool and the court part ways, and why.
    #[serde(default)]
    pub note: String,
}
