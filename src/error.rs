//! The error for input that cannot be used, and the plain words it is written
//! in. It sits at the bottom of the crate: every layer may report with it.

use std::fmt;

/// One or more problems, each one line naming its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<String>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for Invalid {}

impl Invalid {
    pub fn one(message: impl Into<String>) -> Self {
        Invalid(vec![message.into()])
    }
}

/// An I/O error in plain words, without the OS error number.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

/// An id, quoted for a message with anything unprintable escaped.
pub fn quote(id: &str) -> String {
    format!("'{}'", shown(id))
}

/// An id for a message or a field path: at most 64 characters, anything
/// unprintable escaped.
pub fn shown(id: &str) -> String {
    let shown: String = id.chars().take(64).collect();
    let more = if id.chars().count() > 64 { "…" } else { "" };
    format!("{}{more}", shown.escape_debug())
}
