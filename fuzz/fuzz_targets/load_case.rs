//! Arbitrary bytes as a case file, against the bundled rubric and authorities.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(source) = common::source("case.yaml", data) else {
        return;
    };
    match common::library().case(&source) {
        Ok(case) => {
            common::assert_all_clean(&case);
            common::assert_clean(&case.title, false);
            common::assert_clean(&case.facts, true);
            for u in &case.uses {
                common::assert_clean(&u.title, false);
                common::assert_clean(&u.description, true);
            }
        }
        Err(invalid) => common::assert_problems("case.yaml", &invalid),
    }
});
