//! The one place that talks to the YAML parser, so it can be swapped here alone.
//!
//! Input is screened before parsing: the parser's own limits let some hostile
//! documents (deep nesting, alias fan-out) cost far more than their size.
//! First the size is checked, and the depth on the parser's event stream,
//! stopping at the first level too deep; then a walk over the parsed
//! document, with aliases expanded as the parser expands them, enforces a
//! budget for alias expansion (and depth through aliases) and unique keys in
//! every mapping. Only then is the document read into its type.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use serde::Serialize;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

/// Largest YAML document accepted. Case files are a few kilobytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted (flow or block); the model needs about six levels.
pub const MAX_DEPTH: usize = 32;
/// Most values (scalars, lists, mappings) a document may hold, aliases not
/// expanded. The largest case accepted holds about 10,000.
pub const MAX_VALUES: usize = 100_000;
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
    let guard = || {
        let left = Cell::new(MAX_EXPANDED);
        Guard {
            depth: 0,
            left: &left,
        }
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(|e| convert(text, e))
    };
    // Only aliases can make the parsed document bigger or deeper than the
    // text, so the walk that bounds them runs only when there are any (or to
    // report a syntax error). Repeated keys are refused by the model's own
    // types: serde for struct fields, `model::unique_keys` for maps.
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
    if needs_screen(text) && screen(text)? {
        guard()?;
    }
    serde_yaml::from_str(text).map_err(|e| {
        // The model refuses repeated keys too, but can only point at the
        // mapping; the walk points at the repeated key itself.
        if e.to_string().starts_with("duplicate") || e.to_string().contains(": duplicate") {
            if let Err(precise) = guard() {
                return precise;
            }
        }
        convert(text, e)
    })
}

const ALIAS_BOMB: &str = "aliases expand this document too far; fairuse files do not need aliases";

fn convert(text: &str, e: serde_yaml::Error) -> YamlError {
    let mut location = e.location().map(|l| (l.line(), l.column()));
    let mut message = e.to_string();
    // The parser writes positions in prose ("at line 3 column 1"): the error's
    // own goes in front as line:column, any other (where the enclosing list or
    // mapping began) is kept as line:column.
    if let Some((line, column)) = location {
        message = message.replacen(&format!(" at line {line} column {column}"), "", 1);
    }
    while let Some(at) = message.find(" at line ") {
        let rest = &message[at + " at line ".len()..];
        let line_len = digits(rest);
        let Some(after) = rest[line_len..].strip_prefix(" column ") else {
            break;
        };
        let column_len = digits(after);
        let replaced = format!(" at {}:{}", &rest[..line_len], &after[..column_len]);
        let end = at + " at line ".len() + line_len + " column ".len() + column_len;
        message.replace_range(at..end, &replaced);
    }
    // Errors found while reading (a control character) end with a byte offset.
    if let Some(at) = message.rfind(" at position ") {
        if let Ok(offset) = message[at + " at position ".len()..].parse::<usize>() {
            location = Some(line_column(text, offset));
            message.truncate(at);
        }
    }
    if message == "repetition limit exceeded" {
        message = ALIAS_BOMB.into();
    }
    YamlError {
        message: shorten(&message),
        line: location.map(|l| l.0),
        column: location.map(|l| l.1),
    }
}

fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The parser quotes the file's own text in some messages (`string "…"`, a
/// field name in backticks, a path of keys): each quotation and each long
/// word is cut short, and line breaks and other control characters in it are
/// escaped, so a message stays one readable line.
fn shorten(message: &str) -> String {
    const QUOTED: usize = 64;
    const WORD: usize = 100;
    let show = |out: &mut String, c: char| {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    };
    let mut out = String::with_capacity(message.len().min(512));
    let mut chars = message.chars();
    let mut word = 0;
    while let Some(c) = chars.next() {
        if c == '"' || c == '`' {
            out.push(c);
            let mut kept = 0;
            while let Some(q) = chars.next() {
                if q == c {
                    break;
                }
                // serde writes strings with their escapes: keep `\"` whole.
                let escaped = (q == '\\' && c == '"').then(|| chars.next()).flatten();
                kept += 1;
                if kept <= QUOTED {
                    show(&mut out, q);
                    out.extend(escaped);
                } else if kept == QUOTED + 1 {
                    out.push('…');
                }
            }
            out.push(c);
            word = 0;
            continue;
        }
        word = if c.is_whitespace() { 0 } else { word + 1 };
        if word < WORD {
            show(&mut out, c);
        } else if word == WORD {
            out.push('…');
        }
    }
    out
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        message: e.to_string(),
        line: None,
        column: None,
    })
}

/// Whether the event-level screen can find anything in this text. Without
/// flow brackets, anchors or aliases, nothing can grow faster than the text
/// itself, and block nesting shows in each line's lead (indentation and
/// `- `, `? `, `: ` indicators), so a short lead everywhere means shallow.
/// Skipping the screen then roughly halves the cost of reading a case file.
fn needs_screen(text: &str) -> bool {
    let lead_limit = MAX_DEPTH - 1;
    text.bytes().any(|b| matches!(b, b'[' | b'{' | b'&' | b'*'))
        || text.lines().any(|line| {
            line.bytes()
                .take_while(|b| matches!(b, b' ' | b'-' | b'?' | b':'))
                .count()
                >= lead_limit
        })
}

/// Refuses what no fairuse file needs before the parser spends time on it:
/// nesting deeper than [`MAX_DEPTH`], and more than
/// [`MAX_VALUES`] values. Says whether the document needs the walk of
/// [`Guard`]: it has aliases, or a syntax error the walk should report.
///
/// The parser's work grows with the square of the nesting depth of `[` and
/// `{` (half a million levels fit in 1 MiB and take minutes), and no look at
/// the raw text can tell for sure which brackets are inside quotes, comments
/// or block text. So the depth is measured on the parser's own events, read
/// one at a time, and reading stops at the first level too deep.
fn screen(text: &str) -> Result<bool, YamlError> {
    /// An error at an event's position (libyaml counts from 0).
    fn at_mark(message: String, mark: libyaml_rs::yaml_mark_t) -> YamlError {
        YamlError::at(message, mark.line as usize + 1, mark.column as usize + 1)
    }

    use libyaml_rs as sys;
    use std::mem::MaybeUninit;

    /// Owns an initialised parser, and frees it when dropped.
    struct Parser(Box<MaybeUninit<sys::yaml_parser_t>>);
    impl Drop for Parser {
        fn drop(&mut self) {
            // SAFETY: only built after yaml_parser_initialize succeeded.
            unsafe { sys::yaml_parser_delete(self.0.as_mut_ptr()) }
        }
    }
    let mut parser = Box::new(MaybeUninit::<sys::yaml_parser_t>::uninit());
    // SAFETY: initialises the boxed parser in place; it never moves after.
    if unsafe { sys::yaml_parser_initialize(parser.as_mut_ptr()) }.fail {
        return Ok(true); // Out of memory: the parse proper will say so.
    }
    let mut parser = Parser(parser);
    let p = parser.0.as_mut_ptr();
    // SAFETY: `text` outlives the parser, which is dropped at the end of this function.
    unsafe {
        sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
        sys::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as _);
    }
    let (mut depth, mut values, mut aliases): (usize, usize, bool) = (0, 0, false);
    loop {
        let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
        // SAFETY: the parser is initialised; a successful call fills `event`,
        // which is read and then deleted exactly once.
        let (kind, mark) = unsafe {
            if sys::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                // A syntax error: the walk, which takes any shape, reports it
                // with its position before a typed parse trips on something else.
                return Ok(true);
            }
            let read = (
                event.assume_init_ref().type_,
                event.assume_init_ref().start_mark,
            );
            sys::yaml_event_delete(event.as_mut_ptr());
            read
        };
        if matches!(
            kind,
            sys::YAML_SCALAR_EVENT
                | sys::YAML_ALIAS_EVENT
                | sys::YAML_SEQUENCE_START_EVENT
                | sys::YAML_MAPPING_START_EVENT
        ) {
            values += 1;
            if values > MAX_VALUES {
                return Err(at_mark(
                    format!("more than {MAX_VALUES} values; fairuse files are far smaller"),
                    mark,
                ));
            }
        }
        match kind {
            sys::YAML_SEQUENCE_START_EVENT | sys::YAML_MAPPING_START_EVENT => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(at_mark(
                        format!("nesting is deeper than {MAX_DEPTH} levels"),
                        mark,
                    ));
                }
            }
            sys::YAML_SEQUENCE_END_EVENT | sys::YAML_MAPPING_END_EVENT => {
                depth = depth.saturating_sub(1);
            }
            sys::YAML_ALIAS_EVENT => aliases = true,
            sys::YAML_STREAM_END_EVENT | sys::YAML_NO_EVENT => return Ok(aliases),
            _ => {}
        }
    }
}

/// Walks a parsed document as the parser expands it, without building
/// anything: refuses nesting deeper than [`MAX_DEPTH`] (recursive aliases
/// included), expansion beyond
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
            None => Err(E::custom(ALIAS_BOMB)),
        }
    }

    fn nest<E: de::Error>(&self) -> Result<Guard<'_>, E> {
        self.spend(1)?;
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!(
                "nesting is deeper than {MAX_DEPTH} levels"
            )));
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
            Err(E::custom(format!(
                "duplicate key {}",
                crate::error::quote(&key)
            )))
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
        assert_eq!(
            err.to_string(),
            "3:1: did not find expected ',' or ']', while parsing a flow sequence at 2:4"
        );
    }

    #[test]
    fn places_control_characters_and_shortens_quoted_text() {
        let err = parse::<serde_json::Value>("a: b\nc: d\u{1b}[2J\n").unwrap_err();
        assert_eq!(err.to_string(), "2:5: control characters are not allowed");
        let text = format!("a: \"{}\"\n", "é".repeat(500));
        let err = parse::<BTreeMap<String, Vec<String>>>(&text).unwrap_err();
        let quoted = "é".repeat(64);
        assert_eq!(
            err.to_string(),
            format!("1:4: a: invalid type: string \"{quoted}…\", expected a sequence")
        );
        assert_eq!(shorten(&"x".repeat(300)), format!("{}…", "x".repeat(99)));
    }

    #[test]
    fn refuses_deep_flow_nesting() {
        let text = format!("a: {}{}", "[".repeat(100), "]".repeat(100));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(err.message, "nesting is deeper than 32 levels");
        assert_eq!((err.line, err.column), (Some(1), Some(35)));
    }

    #[test]
    fn refuses_alias_fan_out() {
        // Each level holds ten aliases of the one before: 10^6 copies of 100 bytes.
        let mut text = format!("l0: &l0 \"{}\"\n", "x".repeat(100));
        for i in 1..=6 {
            let refs = vec![format!("*l{}", i - 1); 10].join(", ");
            text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(err.message, ALIAS_BOMB);
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn quoted_text_cannot_hide_aliases_or_nesting() {
        // The text screen thinks the second line opens a quotation; it closes one.
        let big = "x".repeat(400_000);
        let aliases = vec!["*b"; 10_000].join(", ");
        let text = format!("a: &b \"{big}\"\nc: [\"x\n \", {aliases}]\n");
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            err.message.ends_with("fairuse files do not need aliases"),
            "{err}"
        );
        let text = format!("c: [\"x\n \", {}{}]\n", "[".repeat(100), "]".repeat(100));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(err.to_string(), "2:35: nesting is deeper than 32 levels");
        // One bracket a line: flow nesting runs across lines.
        let text = format!("c: {}{}\n", "[\n".repeat(300_000), "]".repeat(300_000));
        let started = std::time::Instant::now();
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(err.to_string(), "32:1: nesting is deeper than 32 levels");
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn refuses_too_many_values_early() {
        let text = format!("a: [{}]\n", vec!["1"; 400_000].join(","));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(
            err.message,
            "more than 100000 values; fairuse files are far smaller"
        );
        assert_eq!((err.line, err.column), (Some(1), Some(199_999)));
    }

    #[test]
    fn refuses_recursive_aliases() {
        let err = parse::<serde_json::Value>("a: &a [*a]\n").unwrap_err();
        assert!(
            err.message.ends_with("nesting is deeper than 32 levels"),
            "{err}"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        a: Option<String>,
        b: Option<String>,
        #[serde(default, deserialize_with = "crate::model::unique_keys")]
        m: BTreeMap<String, String>,
    }

    #[test]
    fn refuses_duplicate_keys_with_their_position() {
        let err = parse::<Doc>("a: x\nb: y\na: z\n").unwrap_err();
        assert_eq!(err.to_string(), "3:1: duplicate key 'a'");
        let text = "m:\n  a: x\n  b: y\n  \"a\": z\n";
        let err = parse::<Doc>(text).unwrap_err();
        assert_eq!(err.to_string(), "4:3: m: duplicate key 'a'");
        // The same key in different mappings is fine.
        parse::<serde_json::Value>("- a: x\n- a: y\n").unwrap();
    }

    #[test]
    fn the_screen_runs_whenever_it_could_find_something() {
        let plain = "id: x\ntitle: Plain prose, with commas: and colons.\nuses:\n  - id: a\n";
        assert!(!needs_screen(plain));
        for risky in ["a: [b]", "a: {b: c}", "a: &x b", "a: *x", "a: \"[quoted]\""] {
            assert!(needs_screen(risky), "{risky}");
        }
        let indented = (0..32).fold(String::new(), |t, d| t + &" ".repeat(d) + "k:\n");
        assert!(needs_screen(&indented));
        assert!(needs_screen(&format!("{}x\n", "- ".repeat(16))));
        let err = parse::<serde_json::Value>(&format!("{}x\n", "- ".repeat(40))).unwrap_err();
        assert_eq!(err.message, "nesting is deeper than 32 levels");
    }

    #[test]
    fn refuses_oversized_documents() {
        let text = "a: ".to_string() + &"x".repeat(MAX_BYTES);
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(err.message.contains("the limit is 1048576 bytes"), "{err}");
    }

    #[test]
    fn much_emphasis_in_prose_is_fine() {
        let prose = vec!["*Campbell* and *Warhol*"; 200].join(", ");
        let v: BTreeMap<String, String> = parse(&format!("facts: |\n  {prose}\n")).unwrap();
        assert!(v["facts"].starts_with("*Campbell*"));
    }

    #[test]
    fn asterisks_in_prose_are_fine() {
        let v: BTreeMap<String, String> =
            parse("a: \"*quoted*\"\nb: plain *emphasis* text\n").unwrap();
        assert_eq!(v["b"], "plain *emphasis* text");
    }
}
