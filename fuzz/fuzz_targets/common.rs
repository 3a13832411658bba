//! Shared by the fuzz targets: the bundled library, loaded once, and the
//! checks every result must pass.
#![allow(dead_code)]

use fairuse::load::{Invalid, Library, Source};
use std::sync::OnceLock;

pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| Library::bundled().expect("the bundled library loads"))
}

pub fn source(name: &str, data: &[u8]) -> Option<Source> {
    Some(Source {
        name: name.into(),
        text: std::str::from_utf8(data).ok()?.to_string(),
    })
}

/// No control character but a newline may reach the terminal.
pub fn assert_clean(text: &str, multi_line: bool) {
    for c in text.chars() {
        let allowed = multi_line && c == '\n';
        assert!(
            allowed || !c.is_control(),
            "control character {:?} in {:?}",
            c,
            text
        );
    }
}

/// Every text field of a loaded value is clean: no control character but a
/// line break, and no bidirectional override.
pub fn assert_all_clean<T: serde::Serialize>(value: &T) {
    fn walk(value: &serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                assert_clean(s, true);
                assert!(
                    !s.chars()
                        .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
                    "a bidi control in {s:?}"
                );
            }
            serde_json::Value::Array(items) => items.iter().for_each(walk),
            serde_json::Value::Object(fields) => fields.iter().for_each(|(k, v)| {
                assert_clean(k, false);
                walk(v);
            }),
            _ => {}
        }
    }
    walk(&serde_json::to_value(value).expect("serializes"));
}

/// Every problem is one line that names its file, and prints clean.
pub fn assert_problems(name: &str, invalid: &Invalid) {
    assert!(!invalid.problems().is_empty(), "an error with no problem");
    for line in &invalid.lines().collect::<Vec<_>>() {
        assert!(!line.contains('\n'), "a problem spans lines: {line:?}");
        assert!(
            line.starts_with(name),
            "a problem without its file: {line:?}"
        );
        assert_clean(&fairuse::sanitize::line(line), false);
    }
}
