//! Golden files: the memo and the JSON for every bundled case. A change to the
//! rubric, the engine or the template shows up here as a reviewable diff.

use fairuse::report::memo::MemoOptions;
use fairuse::{engine, report, Library};

#[test]
fn memo_and_json_for_every_bundled_case() {
    let lib = Library::bundled().unwrap();
    let cases = lib.bundled_cases().unwrap();
    assert!(cases.len() >= 8);
    for case in &cases {
        let memo =
            fairuse::report::memo::render_case(&lib, case, &MemoOptions::new("2026-11-28".into()))
                .unwrap();
        insta::assert_snapshot!(format!("memo-{}", case.id), memo);
        let analysis = engine::analyse(&lib.rubric, case);
        let json = report::json::case_json(&lib, case, &analysis);
        insta::assert_json_snapshot!(format!("json-{}", case.id), json);
    }
}
