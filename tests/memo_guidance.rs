//! The memo's legal guidance (`cases/law/guidance.yaml`) refers only to real
//! questions, options and authorities, so a rubric or library change that
//! orphans a trigger or a citation fails here, not silently in a memo.

use fairuse::report::memo::Guidance;
use fairuse::Library;

#[test]
fn guidance_names_only_real_questions_options_and_authorities() {
    let lib = Library::bundled().unwrap();
    let g = Guidance::bundled().unwrap();
    for (question, options) in g.question_ids() {
        let (_, q) = lib
            .rubric
            .question(question)
            .unwrap_or_else(|| panic!("guidance names unknown question '{question}'"));
        for o in options {
            assert!(q.option(o).is_some(), "'{question}' has no option '{o}'");
        }
    }
    for id in g.cited_ids() {
        assert!(
            lib.authorities.get(&id).is_some(),
            "unknown authority '{id}'"
        );
    }
}
