//! The legal guidance the memo reads (`cases/law/guidance.yaml`): rule
//! statements, circuits, splits, the courts' own weighing of decided uses,
//! issues beyond fair use and recommended steps. Data a lawyer edits, kept
//! here rather than in the loader so the memo owns its own vocabulary.

use crate::model::{FactorId, Litigation, Role, Use};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const BUNDLED_GUIDANCE: &str = include_str!("../../../cases/law/guidance.yaml");
const BUNDLED_NAME: &str = "cases/law/guidance.yaml (bundled)";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub version: u32,
    pub rules: BTreeMap<FactorId, String>,
    pub circuits: Vec<Circuit>,
    pub splits: Vec<Split>,
    pub decisions: Vec<Decision>,
    pub issues: Vec<Issue>,
    pub preservation: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circuit {
    pub id: String,
    pub name: String,
    /// The court of appeals, as authorities.yaml names it in `court`.
    pub court: String,
    /// District abbreviations as a case's `forum` writes them ("S.D.N.Y.").
    pub districts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub id: String,
    /// The rubric's legal view this split is, when it is one.
    #[serde(default)]
    pub view: Option<String>,
    pub factor: FactorId,
    pub when: Vec<Condition>,
    pub topic: String,
    pub text: String,
    pub sides: Vec<Side>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub authority: String,
    /// The name a lawyer uses in running text: "Ross".
    pub name: String,
    pub result: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub authority: String,
    #[serde(default)]
    pub r#use: Option<String>,
    /// The fact the holding turns on, for the Brief Answer.
    pub turns_on: String,
    pub holding: String,
    pub weighing: String,
    pub reach: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub when: Vec<Condition>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub when: Vec<Condition>,
    #[serde(default)]
    pub unless: Vec<Condition>,
    /// Deletes, deduplicates, retrains or changes data, models, logs or settings.
    #[serde(default)]
    pub changes: bool,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Condition {
    Answer {
        question: String,
        any_of: Vec<String>,
    },
    Mentions {
        mentions: Vec<String>,
    },
    Litigation {
        litigation: Vec<Litigation>,
    },
    Role {
        role: Vec<Role>,
    },
}

/// What a condition is tested against: one use, with its case's text and posture.
pub struct Scene<'a> {
    pub facts: &'a str,
    pub the_use: &'a Use,
    pub litigation: Option<Litigation>,
    pub role: Option<Role>,
}

impl Scene<'_> {
    /// The sentence or note that meets a `mentions` condition, if one does.
    pub fn mention(&self, words: &[String]) -> Option<String> {
        let notes = self.the_use.notes.values().map(String::as_str);
        let texts = std::iter::once(self.facts).chain(notes);
        for text in texts {
            for sentence in sentences(text) {
                let lower = format!(" {} ", sentence.to_lowercase());
                if words.iter().any(|w| lower.contains(&w.to_lowercase())) {
                    return Some(sentence);
                }
            }
        }
        None
    }

    pub fn holds(&self, c: &Condition) -> bool {
        match c {
            Condition::Answer { question, any_of } => self
                .the_use
                .answers
                .get(question)
                .is_some_and(|a| any_of.contains(a)),
            Condition::Mentions { mentions } => self.mention(mentions).is_some(),
            Condition::Litigation { litigation } => {
                litigation.contains(&self.litigation.unwrap_or(Litigation::None))
            }
            // No role set: the usual case, counselling a client.
            Condition::Role { role } => role.contains(&self.role.unwrap_or(Role::Counselling)),
        }
    }

    pub fn all(&self, cs: &[Condition]) -> bool {
        cs.iter().all(|c| self.holds(c))
    }

    pub fn any(&self, cs: &[Condition]) -> bool {
        cs.iter().any(|c| self.holds(c))
    }
}

/// Sentences of prose, whitespace folded, split after . ! ? followed by a space.
fn sentences(text: &str) -> Vec<String> {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = folded.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(folded[start..=i].to_string());
            start = i + 2;
        }
    }
    if start < folded.len() {
        out.push(folded[start..].to_string());
    }
    out
}

impl Guidance {
    /// The bundled guidance; it is checked by the test suite, so a failure here
    /// is a build defect, reported as one line rather than a panic.
    pub fn bundled() -> Result<Guidance, crate::error::Invalid> {
        crate::yaml::parse(BUNDLED_GUIDANCE).map_err(|e| e.in_file(BUNDLED_NAME))
    }

    pub fn decision(&self, authority: &str, use_id: &str) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|d| d.authority == authority && d.r#use.as_deref().is_none_or(|u| u == use_id))
    }

    /// The circuit whose law binds in a forum such as "S.D.N.Y." or
    /// "United States (N.D. Cal.)".
    pub fn circuit_for(&self, forum: &str) -> Option<&Circuit> {
        let squeeze = |s: &str| s.replace(' ', "").to_lowercase();
        let forum = squeeze(forum);
        self.circuits.iter().find(|c| {
            c.districts.iter().any(|d| {
                let d = squeeze(d);
                forum == d || forum.contains(&format!("({d})")) || forum.ends_with(&d)
            })
        })
    }

    /// The circuit an authority's court sits in, if it is a court of appeals.
    pub fn circuit_of_court(&self, court: &str) -> Option<&Circuit> {
        self.circuits.iter().find(|c| c.court == court)
    }

    /// Every `[[cite:ID]]` in the guidance and every authority a split names,
    /// for validation against the authority library.
    pub fn cited_ids(&self) -> Vec<String> {
        let mut texts: Vec<&str> = self.rules.values().map(String::as_str).collect();
        texts.extend(self.splits.iter().map(|s| s.text.as_str()));
        for d in &self.decisions {
            texts.extend([
                d.turns_on.as_str(),
                d.holding.as_str(),
                d.weighing.as_str(),
                d.reach.as_str(),
            ]);
        }
        texts.extend(self.issues.iter().map(|i| i.text.as_str()));
        texts.extend(self.steps.iter().map(|s| s.text.as_str()));
        let mut ids: Vec<String> = texts.iter().flat_map(|t| cite_ids(t)).collect();
        ids.extend(
            self.splits
                .iter()
                .flat_map(|s| s.sides.iter().map(|x| x.authority.clone())),
        );
        ids.extend(self.decisions.iter().map(|d| d.authority.clone()));
        ids
    }

    /// Every question id a condition names.
    pub fn question_ids(&self) -> Vec<(&str, &[String])> {
        let conditions = self
            .splits
            .iter()
            .flat_map(|s| &s.when)
            .chain(self.issues.iter().flat_map(|i| &i.when))
            .chain(
                self.steps
                    .iter()
                    .flat_map(|s| s.when.iter().chain(&s.unless)),
            );
        conditions
            .filter_map(|c| match c {
                Condition::Answer { question, any_of } => {
                    Some((question.as_str(), any_of.as_slice()))
                }
                _ => None,
            })
            .collect()
    }
}

/// The ids in `[[cite:ID]]` markers, in order.
pub fn cite_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[[cite:") {
        let after = &rest[start + 7..];
        match after.find("]]") {
            Some(end) => {
                ids.push(after[..end].to_string());
                rest = &after[end + 2..];
            }
            None => break,
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_guidance_parses_and_finds_circuits() {
        let g = Guidance::bundled().unwrap();
        assert_eq!(g.rules.len(), 4);
        assert_eq!(g.circuit_for("S.D.N.Y.").unwrap().id, "second");
        assert_eq!(
            g.circuit_for("United States (N.D. Cal.)").unwrap().id,
            "ninth"
        );
        assert_eq!(g.circuit_for("D. Del.").unwrap().id, "third");
        assert!(g.circuit_for("United States (hypothetical)").is_none());
    }

    #[test]
    fn cite_markers_are_found_in_order() {
        assert_eq!(
            cite_ids("a [[cite:x]] b [[cite:y-z]] c [[cite:"),
            vec!["x".to_string(), "y-z".to_string()]
        );
    }

    #[test]
    fn sentences_split_after_stops() {
        assert_eq!(
            sentences("One two.  Three\nfour! Five"),
            vec!["One two.", "Three four!", "Five"]
        );
    }
}
