//! Arbitrary bytes as a memo template, rendered over a bundled case. The
//! template lives alone in a temporary folder, so includes find nothing.
#![no_main]

use fairuse::report::memo::MemoOptions;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

fn folder() -> &'static tempfile::TempDir {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
}

fuzz_target!(|data: &[u8]| {
    if std::str::from_utf8(data).is_err() {
        return;
    }
    let library = common::library();
    let (id, _) = fairuse::load::bundled_cases()
        .next()
        .expect("a bundled case");
    let case = library
        .case(&fairuse::load::bundled_case(id).expect("listed"))
        .expect("bundled cases load");
    let path = folder().path().join("memo.md.j2");
    std::fs::write(&path, data).expect("write the template");
    let mut options = MemoOptions::new("2026-01-01".into());
    options.template = Some(path.clone());
    match fairuse::report::memo::render_case(library, &case, &options) {
        Ok(memo) => common::assert_clean(&memo, true),
        Err(invalid) => common::assert_problems(&path.display().to_string(), &invalid),
    }
});
