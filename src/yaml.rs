//! The one place that talks to the YAML parser, so it can be swapped here alone.
//!
//! Input is screened before parsing: the parser's own limits let some hostile
//! documents (deep nesting, alias fan-out) cost far more than their size. A
//! cheap pass over the text refuses what is plainly too big or too deep; then
//! a walk over the parsed document, as the parser expands it, enforces depth,
//! a budget for alias expansion, and unique keys in every mapping.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use serde::Serialize;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

/// Largest YAML document accepted. Case files are a few kilobytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted (flow or block); the model needs about six levels.
pub const MAX_DEPTH: usize = 32;
/// What a document may expand to, counting one per value (scalar, list or
/// mapping) plus the length of every scalar, with each alias expanded where it
/// is used. A document without aliases stays below twice its size, so only
/// aliases can reach this; fairuse files never need them.
pub const MAX_EXPANDED: usize = 4 * MAX_BYTES;

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
    let left = Cell::new(MAX_EXPANDED);
    Guard { depth: 0, left: &left }
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(convert)?;
    serde_yaml::from_str(text).map_err(convert)
}

fn convert(e: serde_yaml::Error) -> YamlError {
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
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        message: e.to_string(),
        line: None,
        column: None,
    })
}

/// A cheap pass over the raw text that refuses what no fairuse file needs:
/// huge documents and deep nesting, before the parser spends time on them. It
/// is a first line only: quoting can hide brackets from it, so [`Guard`]
/// checks depth again on what the parser actually read.
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
                    _ => {}
                },
            }
            prev = c;
        }
    }
    Ok(())
}

/// Walks a parsed document as the parser expands it, without building
/// anything: refuses nesting deeper than [`MAX_DEPTH`], expansion beyond
/// [`MAX_EXPANDED`] and a key repeated in one mapping (the parser would keep
/// one of the two answers silently). Errors carry the parser's position.
struct Guard<'a> {
    depth: usize,
    left: &'a Cell<usize>,
}

impl Guard<'_> {
    fn spend<E: de::Error>(&self, cost: usize) -> Result<(), E> {
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => Err(E::custom(format!(
                "aliases expand this document beyond {MAX_EXPANDED} bytes; fairuse files do not need aliases"
            ))),
        }
    }

    fn nest<E: de::Error>(&self) -> Result<Guard<'_>, E> {
        self.spend(1)?;
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!("nesting is deeper than {MAX_DEPTH} levels")));
        }
        Ok(Guard {
            depth: self.depth + 1,
            left: self.left,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Guard<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Guard<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(1 + v.len())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(1 + v.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.nest()?;
        while seq.next_element_seed(inner.child())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.nest()?;
        let mut keys = HashSet::new();
        while map
            .next_key_seed(Key {
                guard: inner.child(),
                keys: &mut keys,
            })?
            .is_some()
        {
            map.next_value_seed(inner.child())?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`): the tag, then the value.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let inner = self.nest()?;
        let ((), variant) = data.variant_seed(inner.child())?;
        de::VariantAccess::newtype_variant_seed(variant, inner.child())
    }
}

impl Guard<'_> {
    fn child(&self) -> Guard<'_> {
        Guard {
            depth: self.depth,
            left: self.left,
        }
    }
}

/// A mapping key: checked like any value, and refused if already seen.
struct Key<'a, 'k> {
    guard: Guard<'a>,
    keys: &'k mut HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for Key<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Key<'_, '_> {
    fn seen<E: de::Error>(self, key: String) -> Result<(), E> {
        self.guard.spend(1 + key.len())?;
        if self.keys.insert(key.clone()) {
            Ok(())
        } else {
            Err(E::custom(format!("duplicate key {}", crate::validate::quote(&key))))
        }
    }
}

impl<'de> Visitor<'de> for Key<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.seen(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.seen(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.seen(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.seen(v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.seen(v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.seen("null".into())
    }

    // Anything else (a list or mapping as a key) is checked but not compared.
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.guard.visit_bytes(v)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.guard.deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.guard.visit_seq(seq)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.guard.visit_map(map)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        self.guard.visit_enum(data)
    }
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
        let v: BTreeMap<String, String> =
            parse("a: \"*quoted*\"\nb: plain *emphasis* text\n").unwrap();
        assert_eq!(v["b"], "plain *emphasis* text");
    }
}
