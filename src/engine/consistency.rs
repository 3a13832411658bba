//! Consistency warnings: answers that no longer fit the use. A case file
//! with them still scores (validation refuses only what cannot be read); the
//! warnings tell the user what to fix, in `check`, the TUI and the memo's
//! "before sending" list.

use super::applies;
use crate::model::{Rubric, Use};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// An answer to a question that does not apply to this use (left over
    /// after the use type changed); it is ignored in scoring.
    Leftover,
    /// A note on a question that has no applicable answer, so it likely
    /// describes something else.
    StrayNote,
    /// Two answers that cannot both be true (the rubric's `contradictions`).
    Contradiction,
    /// An answer the rubric flags (`warning:` on the option), such as one
    /// use that combines several acts.
    Flagged,
}

/// One problem with one use's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// The question the warning is about.
    pub question: String,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to do about it, in a sentence.
    pub fix: String,
}

/// Every consistency warning for one use, in rubric order.
pub fn warnings(rubric: &Rubric, the_use: &Use) -> Vec<Warning> {
    let mut out = Vec::new();
    for (_, q) in rubric.questions() {
        let answered = the_use.answers.contains_key(&q.id);
        let applicable = applies(q, &the_use.answers);
        if answered && !applicable {
            out.push(Warning {
                kind: WarningKind::Leftover,
                question: q.id.clone(),
                message: format!(
                    "{} is answered, but the question does not apply to this use",
                    q.id
                ),
                fix: "remove the answer, or change the answer it depends on".into(),
            });
        }
        if the_use.notes.contains_key(&q.id) && !(answered && applicable) {
            out.push(Warning {
                kind: WarningKind::StrayNote,
                question: q.id.clone(),
                message: format!("the note on {} has no answer beside it", q.id),
                fix: "answer the question, or remove the note".into(),
            });
        }
    }
    let holds = |cond: &crate::model::Condition| {
        the_use
            .answers
            .get(&cond.question)
            .is_some_and(|a| cond.any_of.contains(a))
    };
    for c in &rubric.contradictions {
        if holds(&c.when) && holds(&c.and) {
            out.push(Warning {
                kind: WarningKind::Contradiction,
                question: c.and.question.clone(),
                message: format!(
                    "{} and {} contradict each other: {}",
                    c.when.question, c.and.question, c.message
                ),
                fix: c.fix.clone(),
            });
        }
    }
    for (_, q) in rubric.questions() {
        let chosen = the_use.answers.get(&q.id).and_then(|a| q.option(a));
        if let Some(w) = chosen.and_then(|o| o.warning.as_ref()) {
            if applies(q, &the_use.answers) {
                out.push(Warning {
                    kind: WarningKind::Flagged,
                    question: q.id.clone(),
                    message: w.message.clone(),
                    fix: w.fix.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Use;

    // A rubric written for the test, so it does not move with the legal content.
    const RUBRIC: &str = r#"
version: 1
weighting: { note: "test weights" }
factors:
  - id: purpose
    name: "Purpose"
    statute: "purpose"
    weight: 1
    questions:
      - id: use-type
        prompt: "Kind?"
        options:
          - { id: ai-training, label: "Training", rationale: "scope" }
          - { id: distribution, label: "Distribution", rationale: "scope" }
      - id: retention
        prompt: "Kept?"
        when: { question: use-type, any_of: [ai-training] }
        options:
          - { id: general-library, label: "Kept", lean: -1, rationale: "r" }
      - id: commercial
        prompt: "Commercial?"
        options:
          - { id: yes, label: "Yes", lean: -1, rationale: "r" }
"#;

    fn rubric() -> Rubric {
        serde_yaml::from_str(RUBRIC).expect("test rubric parses")
    }

    fn training_use() -> Use {
        Use {
            id: "u".into(),
            title: "t".into(),
            description: String::new(),
            question: None,
            answers: [
                ("use-type", "ai-training"),
                ("retention", "general-library"),
            ]
            .into_iter()
            .map(|(q, o)| (q.to_string(), o.to_string()))
            .collect(),
            notes: Default::default(),
            views: Default::default(),
            court: None,
        }
    }

    #[test]
    fn a_consistent_use_has_no_warning() {
        assert_eq!(warnings(&rubric(), &training_use()), vec![]);
    }

    #[test]
    fn an_answer_left_from_another_use_type_is_flagged() {
        let mut u = training_use();
        u.answers.insert("use-type".into(), "distribution".into());
        let w = warnings(&rubric(), &u);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].kind, WarningKind::Leftover);
        assert_eq!(w[0].question, "retention");
    }

    #[test]
    fn a_note_without_an_answer_is_flagged() {
        let mut u = training_use();
        u.notes
            .insert("commercial".into(), "sold to the public".into());
        let w = warnings(&rubric(), &u);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].kind, WarningKind::StrayNote);
        assert_eq!(w[0].question, "commercial");
    }
}
