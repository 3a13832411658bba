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
    /// The court where the matter is or would be heard, e.g. "S.D.N.Y."; it
    /// decides which circuit's law binds and which rulings are only persuasive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forum: Option<String>,
    /// Whether litigation is pending or anticipated: it decides the privilege
    /// line and puts a preservation step before any step that changes data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub litigation: Option<Litigation>,
    /// The memo's heading: who it is for, from whom, and our role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<MemoHeading>,
    /// Legal views pinned for every use, view id to side id (for example the
    /// side the forum's circuit has taken); a pinned view is not varied.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_keys"
    )]
    pub views: BTreeMap<String, String>,
    pub uses: Vec<Use>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Litigation {
    Pending,
    Anticipated,
    None,
}

/// What the memo's writer does for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Advising a client on its own conduct.
    Counselling,
    /// Representing a party in a pending or threatened suit.
    Litigation,
    /// Analysis for a policymaker, journalist or the public.
    Policy,
    /// A teaching exercise.
    Teaching,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counselling => "counselling",
            Role::Litigation => "litigation",
            Role::Policy => "policy",
            Role::Teaching => "teaching",
        }
    }
}

/// The memo's To / From / Client / Matter lines. Every field is optional; the
/// memo leaves a bracketed blank for the writer to fill in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoHeading {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
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
    /// Legal views pinned for this use only; they override the case's.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_keys"
    )]
    pub views: BTreeMap<String, String>,
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

    /// The holding in words: "fair use", "not fair use".
    pub fn describe(self) -> &'static str {
        match self {
            Holding::FairUse => "fair use",
            Holding::NotFairUse => "not fair use",
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
