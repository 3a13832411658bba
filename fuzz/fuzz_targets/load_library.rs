//! Arbitrary bytes as a rubric, an authority library, or both.
//!
//! The first byte chooses: 0 mod 3, the input is a rubric beside the bundled
//! authorities; 1, it is an authority library beside the bundled rubric; 2, it
//! is both, split at the first line that reads `---8<---`.
#![no_main]

use fairuse::load::{Library, Source};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const RUBRIC: &str = include_str!("../../cases/law/rubric.yaml");
const AUTHORITIES: &str = include_str!("../../cases/law/authorities.yaml");

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (rubric, authorities) = match mode % 3 {
        0 => (text, AUTHORITIES),
        1 => (RUBRIC, text),
        _ => text.split_once("\n---8<---\n").unwrap_or((text, "")),
    };
    let rubric = Source {
        name: "rubric.yaml".into(),
        text: rubric.into(),
    };
    let authorities = Source {
        name: "authorities.yaml".into(),
        text: authorities.into(),
    };
    match Library::from_sources(&rubric, &authorities) {
        Ok(library) => {
            common::assert_all_clean(&library.rubric);
            common::assert_all_clean(&library.authorities);
            // A library that loads must score any case without panicking.
            let skeleton = fairuse::report::skeleton::case_skeleton(&library.rubric, "2026-01-01");
            let _ = library.case(&Source {
                name: "skeleton.yaml".into(),
                text: skeleton,
            });
        }
        Err(invalid) => {
            let name = invalid.problems()[0].file.clone().unwrap_or_default();
            assert!(
                name == "rubric.yaml" || name == "authorities.yaml",
                "{invalid}"
            );
            common::assert_problems(&name, &invalid);
        }
    }
});
