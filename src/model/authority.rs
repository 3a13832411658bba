//! The authority library: statutes, cases, reports and studies the rubric cites.

use super::{FactorId, Finding};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityLibrary {
    /// The date the law in this library is stated as of (YYYY-MM-DD).
    pub current_to: String,
    pub authorities: Vec<Authority>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    Statute,
    Case,
    Report,
    Article,
}

/// What a decision held on fair use overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    FairUse,
    NotFairUse,
    /// Different answers for different uses in the same decision.
    Mixed,
    /// No final answer on fair use (remanded, preliminary, or not a decision).
    Undecided,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub id: String,
    pub kind: AuthorityKind,
    /// Case name or title, e.g. "Campbell v. Acuff-Rose Music, Inc.".
    pub name: String,
    /// Full citation for first mention.
    pub citation: String,
    /// Short form for later mentions.
    pub short: String,
    pub court: String,
    pub year: u16,
    pub outcome: Outcome,
    /// The holding, paraphrased in a sentence or two.
    pub holding: String,
    /// The court's finding on each factor it decided.
    #[serde(default, deserialize_with = "super::unique_keys")]
    pub findings: BTreeMap<FactorId, Finding>,
    pub summary: String,
    /// Caveats a reader must see: unconfirmed reporter cites, pending appeals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// What is still open: a pending appeal, an undecided claim, a draft report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
    /// The sources this entry was checked against.
    pub checked_against: Vec<String>,
}

impl AuthorityLibrary {
    pub fn get(&self, id: &str) -> Option<&Authority> {
        self.authorities.iter().find(|a| a.id == id)
    }
}
