//! The whole path a user's file takes: load, score, JSON, table and memo.
#![no_main]

use fairuse::engine::{self, Conclusion};
use fairuse::report::{self, memo::MemoOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(source) = common::source("case.yaml", data) else {
        return;
    };
    let library = common::library();
    let Ok(case) = library.case(&source) else {
        return;
    };
    let analysis = engine::analyse(&library.rubric, &case);
    assert_eq!(
        analysis,
        engine::analyse(&library.rubric, &case),
        "not deterministic"
    );
    for u in &analysis.uses {
        assert!((-1.0..=1.0).contains(&u.score), "score {}", u.score);
        assert!(
            (0.0..=1.0).contains(&u.confidence),
            "confidence {}",
            u.confidence
        );
        assert_eq!(u.conclusion, Conclusion::from_score(u.score));
        for f in &u.factors {
            assert!((-1.0..=1.0).contains(&f.score), "factor score {}", f.score);
        }
        for p in &u.pivotal {
            assert_ne!(
                p.conclusion, u.conclusion,
                "a pivotal fact that changes nothing"
            );
        }
    }
    let json = report::json::case_json(library, &case, &analysis);
    serde_json::to_string(&json).expect("JSON always serializes");
    let rows = report::table::rows(&case, &analysis);
    common::assert_clean(&report::table::render(&rows), true);
    let memo = fairuse::report::memo::render_case(library, &case, &MemoOptions::new("2026-01-01".into()))
        .expect("the bundled template renders every valid case");
    common::assert_clean(&memo, true);
    // What is saved loads back to the same analysis.
    let saved = fairuse::yaml::to_string(&case).expect("a case serializes");
    let again = library
        .case(&fairuse::load::Source {
            name: "saved.yaml".into(),
            text: saved,
        })
        .expect("a saved case loads");
    assert_eq!(engine::analyse(&library.rubric, &again), analysis);
});
