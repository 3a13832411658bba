//! The one place that talks to the YAML parser, so it can be swapped here alone.
//!
//! Input is screened before parsing: the parser's own limits let some hostile
//! documents (deep nesting, alias fan-out) cost far more than their size.

use serde::{de::DeserializeOwned, Serialize};
use std::fmt;

/// Largest YAML document accepted. Case files are a few kilobytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted (flow or block); the model needs about six levels.
pub const MAX_DEPTH: usize = 32;
/// Aliases are never needed in fairuse files; a few are tolerated.
pub const MAX_ALIASES: usize = 64;

/// A parse failure, with the position in the document when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for YamlError {}

impl YamlError {
    fn at(message: impl Into<String>, line: usize, column: usize) -> Self {
        YamlError {
            message: message.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

/// Parses one document into `T`, after screening it for size, depth and aliases.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    screen(text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        let mut message = e.to_string();
        // The parser appends the position in prose; we print it as line:column.
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        YamlError {
            message,
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        message: e.to_string(),
        line: None,
        column: None,
    })
}

/// A cheap pass over the raw text that refuses what no fairuse file needs:
/// huge documents, deep nesting and many aliases. It errs on the side of
/// counting too much (an asterisk in a quoted string may count as an alias),
/// which real case files never come near.
fn screen(text: &str) -> Result<(), YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            message: format!(
                "file is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_BYTES
            ),
            line: None,
            column: None,
        });
    }
    let mut aliases = 0;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let body = line.trim_start_matches([' ', '-', '?', ':']);
        let indent = line.len() - body.len();
        // Block nesting: every level costs at least one column of indentation.
        if !body.is_empty() && !body.starts_with('#') && indent / 2 > MAX_DEPTH * 2 {
            return Err(YamlError::at(
                format!("nesting is deeper than {MAX_DEPTH} levels"),
                line_no,
                indent + 1,
            ));
        }
        let mut depth: usize = 0;
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '#' if prev == ' ' => break,
                    '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(YamlError::at(
                                format!("nesting is deeper than {MAX_DEPTH} levels"),
                                line_no,
                                col + 1,
                            ));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    '*' if matches!(prev, ' ' | '[' | '{' | ',' | ':' | '-') => {
                        aliases += 1;
                        if aliases > MAX_ALIASES {
                            return Err(YamlError::at(
                                format!("more than {MAX_ALIASES} aliases; fairuse files do not need aliases"),
                                line_no,
                                col + 1,
                            ));
                        }
                    }
                    _ => {}
                },
            }
            prev = c;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn reports_line_and_column() {
        let err = parse::<BTreeMap<String, String>>("a: b\nc: [d\n").unwrap_err();
        assert!(err.line.is_some(), "{err}");
        assert!(!err.message.contains(" at line "), "{err}");
    }

    #[test]
    fn refuses_deep_flow_nesting() {
        let text = format!("a: {}{}", "[".repeat(100), "]".repeat(100));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(err.message, "nesting is deeper than 32 levels");
        assert_eq!((err.line, err.column), (Some(1), Some(36)));
    }

    #[test]
    fn refuses_alias_fan_out() {
        let mut text = String::from("a: &a [x]\n");
        for i in 0..100 {
            text.push_str(&format!("b{i}: [*a, *a]\n"));
        }
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(err.message.starts_with("more than 64 aliases"), "{err}");
    }

    #[test]
    fn refuses_oversized_documents() {
        let text = "a: ".to_string() + &"x".repeat(MAX_BYTES);
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(err.message.contains("the limit is 1048576 bytes"), "{err}");
    }

    #[test]
    fn asterisks_in_prose_are_fine() {
        let v: BTreeMap<String, String> = parse("a: \"*quoted*\"\nb: plain *emphasis* text\n").unwrap();
        assert_eq!(v["b"], "plain *emphasis* text");
    }
}
