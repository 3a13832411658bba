//! What `check` warns about in a case file that loads: things a memo should
//! not go out with, though the file is valid. Each warning is one line that
//! names the file and, where it is about one use, the use by its number
//! (counted from 1) and id.

use crate::engine;
use crate::model::Case;
use crate::Library;

/// Text `fairuse init` writes for the user to replace. `init`'s own output
/// must draw these warnings; a test holds the two together.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("title", "Short description of the scenario"),
    ("facts", "State the facts that matter to the four factors."),
    ("sources", "Where the facts come from"),
];
const PLACEHOLDER_ID: &str = "my-case";

/// Every warning for a case that loaded, as lines `NAME: warning: ...`.
/// `today` (YYYY-MM-DD) is the date a fact date may not be after.
pub fn warnings(library: &Library, case: &Case, name: &str, today: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut warn = |what: String| out.push(format!("{name}: warning: {what}"));

    if case.id == PLACEHOLDER_ID {
        warn(format!(
            "id is still '{PLACEHOLDER_ID}' from `fairuse init`; give the case its own id"
        ));
    }
    for (field, text) in PLACEHOLDERS {
        let value = match *field {
            "title" => case.title.clone(),
            "facts" => case.facts.clone(),
            _ => case.sources.join("\n"),
        };
        if value.contains(text) {
            warn(format!(
                "{field} still has the placeholder text from `fairuse init` (\"{text}\"); replace it"
            ));
        }
    }
    if case.facts.trim().is_empty() {
        warn("facts are empty; state the facts the answers rest on".into());
    }
    if crate::date::is_valid(&case.facts_as_of) && case.facts_as_of.as_str() > today {
        warn(format!(
            "facts_as_of {} is after today ({today}); give the date the facts are current to",
            case.facts_as_of
        ));
    }

    let analysis = engine::analyse(&library.rubric, case);
    for (i, (u, a)) in case.uses.iter().zip(&analysis.uses).enumerate() {
        let who = format!("use {} ({})", i + 1, u.id);
        let unanswered: Vec<&str> = a
            .factors
            .iter()
            .flat_map(|f| f.unanswered.iter().map(String::as_str))
            .collect();
        if !unanswered.is_empty() {
            let n = unanswered.len();
            warn(format!(
                "{who}: {n} applicable question{} not answered: {}",
                if n == 1 { " is" } else { "s are" },
                unanswered.join(", ")
            ));
        }
        for w in engine::consistency::warnings(&library.rubric, u) {
            warn(format!("{who}: {}; {}", w.message, w.fix));
        }
    }
    out.into_iter().map(|l| crate::sanitize::line(&l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        Library::bundled().unwrap()
    }

    fn load(library: &Library, text: &str) -> Case {
        library
            .case(&crate::Source {
                name: "t.yaml".into(),
                text: text.into(),
            })
            .unwrap()
    }

    #[test]
    fn the_init_skeleton_draws_every_placeholder_warning() {
        let library = library();
        let skeleton = crate::report::skeleton::case_skeleton(&library.rubric, "2026-11-28");
        let case = load(&library, &skeleton);
        let lines = warnings(&library, &case, "my-case.yaml", "2026-11-28");
        for needle in [
            "my-case.yaml: warning: id is still 'my-case'",
            "my-case.yaml: warning: title still has the placeholder text",
            "my-case.yaml: warning: facts still has the placeholder text",
            "my-case.yaml: warning: sources still has the placeholder text",
            "my-case.yaml: warning: use 1 (training): ",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(needle)),
                "{needle} in {lines:#?}"
            );
        }
        let unanswered = lines
            .iter()
            .find(|l| l.contains("use 1 (training)"))
            .unwrap();
        assert!(
            unanswered.contains("not answered: use-type"),
            "{unanswered}"
        );
    }

    #[test]
    fn a_finished_bundled_case_has_no_placeholder_or_date_warning() {
        let library = library();
        for (id, _) in crate::load::bundled_cases() {
            let case = library
                .case(&crate::load::bundled_case(id).unwrap())
                .unwrap();
            let lines = warnings(&library, &case, id, "2026-12-01");
            assert!(
                !lines
                    .iter()
                    .any(|l| l.contains("placeholder") || l.contains("after today")),
                "{lines:#?}"
            );
        }
    }

    #[test]
    fn empty_facts_and_a_future_date_are_named() {
        let library = library();
        let mut case = library
            .case(&crate::load::bundled_case("kadrey-v-meta").unwrap())
            .unwrap();
        case.facts = "  \n".into();
        case.facts_as_of = "2026-12-02".into();
        let lines = warnings(&library, &case, "k.yaml", "2026-12-01");
        assert!(
            lines.contains(
                &"k.yaml: warning: facts are empty; state the facts the answers rest on"
                    .to_string()
            ),
            "{lines:#?}"
        );
        assert!(lines.iter().any(|l| l
            .starts_with("k.yaml: warning: facts_as_of 2026-12-02 is after today (2026-12-01)")));
        assert!(warnings(&library, &case, "k.yaml", "2026-12-02")
            .iter()
            .all(|l| !l.contains("after today")));
    }

    #[test]
    fn uses_are_counted_from_one_and_named_by_id() {
        let library = library();
        let mut case = library
            .case(&crate::load::bundled_case("kadrey-v-meta").unwrap())
            .unwrap();
        let second = &mut case.uses[1];
        let id = second.id.clone();
        let question = second
            .answers
            .keys()
            .find(|q| *q != "use-type")
            .unwrap()
            .clone();
        second.answers.remove(&question);
        second
            .notes
            .insert(question.clone(), "a note left behind".into());
        let lines = warnings(&library, &case, "k.yaml", "2026-12-01");
        let prefix = format!("k.yaml: warning: use 2 ({id}): ");
        assert!(
            lines.iter().any(|l| l.starts_with(&prefix)
                && l.contains(&question)
                && l.contains("not answered")),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&prefix) && l.contains("has no answer beside it")),
            "{lines:#?}"
        );
    }
}
