//! The one place that talks to the YAML parsers, so they can be swapped here alone.
//!
//! Reading goes through serde-saphyr (safe Rust), whose budgets bound what a
//! hostile document can cost before anything is built: its size, depth,
//! values, aliases and alias expansion. It refuses a key repeated in one
//! mapping, with the repeated key's line:column. serde_path_to_error keeps
//! the field path (`uses[0].answers`) for messages. Writing goes through
//! serde_yaml (as yaml_serde), whose output the project's files follow.

use crate::error::{Invalid, Problem};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Largest YAML document accepted. Case files are a few kilobytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted (flow or block); the model needs about six levels.
pub const MAX_DEPTH: usize = 32;
/// Most values (scalars, lists, mappings) a document may hold, aliases not
/// expanded. The largest case accepted holds about 10,000.
pub const MAX_VALUES: usize = 100_000;
/// Most aliases (`*name`) a document may use; fairuse files never need any.
pub const MAX_ALIASES: usize = 64;
/// Most values aliases may add to a document when they are expanded.
pub const MAX_EXPANDED: usize = 100_000;

/// What a failure says without its place: field path, message and hint, as
/// the shortening below compares them.
fn unplaced(problem: &Problem) -> String {
    Problem {
        line: None,
        column: None,
        ..problem.clone()
    }
    .to_string()
}

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_VALUES;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = MAX_BYTES;
    budget.flow_nesting_limit = MAX_DEPTH;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_EXPANDED;
    options.alias_limits.max_replay_stack_depth = MAX_DEPTH;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

/// Parses one document into `T`, within the budgets above. A failure is one
/// problem with its line:column and field path but no file: the caller
/// knows which file it read ([`Invalid::in_file`]).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Invalid> {
    if text.len() > MAX_BYTES {
        return Err(Invalid::bare(format!(
            "file is {} bytes; the limit is {} bytes",
            text.len(),
            MAX_BYTES
        )));
    }
    // The parser names a control character only as "unexpected"; say what
    // it is, and where, before it gets that far.
    if let Some(at) = first_control(text) {
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let problem = Problem::bare("control characters are not allowed")
            .at(
                before.matches('\n').count() + 1,
                before[line_start..].chars().count() + 1,
            )
            .hint("delete the invisible character here");
        return Err(problem.into());
    }
    // Tracking the field path costs a copy of every key read, and only a
    // failure needs it: a document that fails is read again, tracked, and
    // fails the same way, now with its path.
    if let Ok(parsed) = serde_saphyr::from_str_with_options(text, options()) {
        return Ok(parsed);
    }
    let mut track = serde_path_to_error::Track::new();
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        T::deserialize(serde_path_to_error::Deserializer::new(de, &mut track))
    });
    parsed.map_err(|e| convert(&e, &track.path()).into())
}

/// Where the first control character other than a tab or a line break is,
/// found by byte: every file is scanned, and almost none has one. Control
/// characters are U+0000-U+001F, U+007F and U+0080-U+009F (in UTF-8, C2 80
/// to C2 9F); NEL, U+0085, is a YAML line break.
fn first_control(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // A cheap test finds each byte that may start one; only those are looked at.
    let mut i = 0;
    loop {
        i += crate::sanitize::leading(&b[i..], |c| c >= 0x20 && c != 0x7f && c != 0xc2);
        if i == b.len() {
            return None;
        }
        let control = match b[i] {
            b'\t' | b'\n' | b'\r' => false,
            0xc2 => b
                .get(i + 1)
                .is_some_and(|&n| (0x80..=0x9f).contains(&n) && n != 0x85),
            _ => true,
        };
        if control {
            return Some(i);
        }
        i += 1;
    }
}

const ALIAS_BOMB: &str = "aliases expand this document too far; fairuse files do not need aliases";

fn convert(e: &serde_saphyr::Error, path: &serde_path_to_error::Path) -> Problem {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::Error as E;
    let mut e = e.without_snippet();
    while let E::AliasError { error, .. } = e {
        e = error.without_snippet();
    }
    let location = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as usize, l.column() as usize));
    // Segments that name the key being read, not a place: dropped.
    let mut segments: Vec<&serde_path_to_error::Segment> = path.iter().collect();
    while matches!(segments.last(), Some(serde_path_to_error::Segment::Unknown)) {
        segments.pop();
    }
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut hinted: Option<String> = None;
    let message = match e {
        E::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => format!("nesting is deeper than {MAX_DEPTH} levels"),
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => format!(
                "more than {MAX_ALIASES} aliases or anchors; fairuse files do not need them"
            ),
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
                format!("more than {MAX_VALUES} values; fairuse files are far smaller")
            }
            BudgetBreach::Documents { .. } => MORE_THAN_ONE.into(),
            _ => ALIAS_BOMB.into(),
        },
        E::MultipleDocuments { .. } => MORE_THAN_ONE.into(),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => ALIAS_BOMB.into(),
        E::AliasReplayStackDepthExceeded { .. } | E::RecursiveReferencesRequireWeakTypes { .. } => {
            format!("nesting is deeper than {MAX_DEPTH} levels")
        }
        E::DuplicateMappingKey { key, .. } => match key {
            Some(key) => format!(
                "duplicate key {}; each key may appear once in a mapping",
                crate::error::quote(key)
            ),
            None => "duplicate key; each key may appear once in a mapping".into(),
        },
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            // The path ends with the unknown field itself.
            if matches!(segments.last(), Some(serde_path_to_error::Segment::Map { key }) if key == field)
            {
                segments.pop();
            }
            hinted = crate::error::closest(field, expected.iter().copied())
                .map(|close| format!("did you mean `{close}`?"));
            format!(
                "unknown field `{field}`, expected one of {}",
                quoted(expected)
            )
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            hinted = crate::error::closest(variant, expected.iter().copied())
                .map(|close| format!("did you mean `{close}`?"));
            format!(
                "unknown value `{variant}`, expected one of {}",
                quoted(expected)
            )
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => {
            if expected.contains("map") || expected.starts_with("struct") {
                "expected a mapping here: 'key: value' lines".into()
            } else if expected.contains("sequence") {
                "expected a list here: one item a line, each starting with '- '".into()
            } else if expected.contains("string") {
                "expected text here, not a list or a mapping".into()
            } else {
                format!("found {unexpected}, expected {expected}")
            }
        }
        E::SerdeMissingField { field, .. } => format!("missing field `{field}`"),
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => {
                "expected a list here: one item a line, each starting with '- '".into()
            }
            "mapping start" => "expected a mapping here: 'key: value' lines".into(),
            "string scalar" => "expected text here, not a list or a mapping".into(),
            other => format!("expected {other}"),
        },
        E::Eof { .. } if segments.is_empty() => {
            "the file holds no YAML values, only comments or blank lines".into()
        }
        E::UnknownAnchor { .. } => {
            "alias refers to an unknown anchor; fairuse files do not need aliases".into()
        }
        other => {
            use serde_saphyr::MessageFormatter;
            let text = serde_saphyr::DefaultMessageFormatter.format_message(other);
            if text.contains("recursion limit") {
                format!("nesting is deeper than {MAX_DEPTH} levels")
            } else {
                hinted = hint(&text).map(String::from);
                text.into_owned()
            }
        }
    };
    let path = crate::error::path(segments.iter().map(|s| match s {
        serde_path_to_error::Segment::Seq { index } => crate::error::Step::Item(*index),
        serde_path_to_error::Segment::Map { key } => crate::error::Step::Key(key),
        serde_path_to_error::Segment::Enum { variant } => crate::error::Step::Key(variant),
        serde_path_to_error::Segment::Unknown => crate::error::Step::Key("?"),
    }));
    let mut error = Problem::bare(shorten(&message)).field(shorten(&path));
    error.hint = hinted.as_deref().map(shorten);
    if let Some((line, column)) = location {
        error = error.at(line, column);
    }
    // The parts are shortened one by one; a quotation the file's own text
    // left open across them would be shortened differently as one line, and
    // then the line, as shortened whole, is kept as the message.
    let mut unshortened = Problem::bare(message).field(path);
    unshortened.hint = hinted;
    let whole = shorten(&unplaced(&unshortened));
    if unplaced(&error) != whole {
        error.field = None;
        error.hint = None;
        error.message = whole;
    }
    error
}

const MORE_THAN_ONE: &str =
    "more than one YAML document (a second '---' line); a fairuse file is one document";

/// One plain sentence for the parser's words on the common mistakes.
fn hint(message: &str) -> Option<&'static str> {
    let m = message.to_ascii_lowercase();
    Some(if m.contains("tab") {
        "indent with spaces, not tabs"
    } else if m.contains("mapping values are not allowed") {
        "if this value holds ': ', put it all in double quotes (title: \"Smith v. Jones: a note\"); \
         if this line starts a new key, indent it like the keys above it"
    } else if m.contains("illegal placement of ':'") {
        "a '[' or '{' above may not be closed; otherwise put this value in double quotes"
    } else if m.contains("did not find expected '-'") || m.contains("did not find expected key") {
        "check this line's indentation: it should line up with the lines above it at the same level"
    } else if m.contains("unclosed bracket")
        || m.contains("flow sequence")
        || m.contains("flow mapping")
    {
        "a '[' or '{' is not closed: add the matching ']' or '}', or put the text in quotes"
    } else if m.contains("quote") || m.contains("quoted scalar") || m.contains("end of stream") {
        "a quotation mark is left open: close it on the line where the text ends"
    } else if m.contains("only valid inside a block") || m.contains("block") {
        "check this line's indentation against the lines above it"
    } else {
        return None;
    })
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

pub fn to_string<T: Serialize>(value: &T) -> Result<String, Invalid> {
    let fail = Invalid::bare;
    let text = serde_yaml::to_string(value).map_err(|e| fail(e.to_string()))?;
    // The writer takes U+2028 and U+2029 for line breaks (YAML 1.1) and does
    // not indent after them; the reader takes them for text (YAML 1.2). Such
    // rare text is written as JSON, which is YAML both read the same way.
    if text.contains(['\u{2028}', '\u{2029}']) {
        let json = serde_json::to_string_pretty(value).map_err(|e| fail(e.to_string()))?;
        // Such characters stand only inside JSON strings, where `\uXXXX` is theirs.
        let mut out = String::with_capacity(json.len() + 1);
        for c in json.chars() {
            if matches!(
                c,
                '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
            ) {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push(c);
            }
        }
        out.push('\n');
        return Ok(out);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::{Duration, Instant};

    /// Every hostile document is refused well within this.
    const QUICK: Duration = Duration::from_secs(2);

    #[test]
    fn finds_control_characters_by_byte_as_by_char() {
        for t in [
            "plain: text\n",
            "tab\tand\r\nbreaks",
            "bell\u{7}",
            "del\u{7f}",
            "nel\u{85}kept",
            "c1 \u{9b}csi",
            "\u{80}first",
            "é and ß and ¢ and \u{a0}",
            "§ 107 \u{9f}",
            "",
        ] {
            assert_eq!(first_control(t), by_char(t), "{t:?}");
        }
        // On either side of the 32-byte blocks the screen reads at once.
        for at in 0..100 {
            for control in ["\u{1b}", "\u{9b}", "\u{0}"] {
                let t = format!("{}{control}{}", "a".repeat(at), "é".repeat(20));
                assert_eq!(first_control(&t), Some(at), "{t:?}");
            }
            let t = format!("{}\u{85}\t\r\n{}", "§".repeat(at), "b".repeat(at));
            assert_eq!(first_control(&t), None, "{t:?}");
        }
    }

    /// The first control character other than a tab or a line break, found
    /// by character: what the screen by byte must agree with.
    fn by_char(t: &str) -> Option<usize> {
        t.char_indices()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            .map(|(at, _)| at)
    }

    proptest::proptest! {
        #[test]
        fn the_screen_by_byte_agrees_with_one_by_character(
            t in "[ -~\n]{0,70}(?s).{0,6}[ -~é]{0,40}"
        ) {
            proptest::prop_assert_eq!(first_control(&t), by_char(&t));
        }
    }

    #[test]
    fn reports_line_and_column() {
        let err = parse::<serde_json::Value>("a: b\nc: [d\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "2:4: c: unclosed bracket '['; a '[' or '{' is not closed: add the matching ']' or '}', or put the text in quotes"
        );
    }

    #[test]
    fn refuses_control_characters_and_shortens_quoted_text() {
        let err = parse::<serde_json::Value>("a: b\nc: d\u{1b}[2J\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "2:5: control characters are not allowed; delete the invisible character here"
        );
        assert_eq!(shorten(&"x".repeat(300)), format!("{}…", "x".repeat(99)));
        let quoted = format!("`{}`", "é".repeat(500));
        assert_eq!(shorten(&quoted), format!("`{}…`", "é".repeat(64)));
    }

    #[test]
    fn refuses_deep_nesting() {
        let text = format!("a: {}{}", "[".repeat(100), "]".repeat(100));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(
            unplaced(&err.problems()[0]),
            "a: nesting is deeper than 32 levels"
        );
        let text = (0..40).fold(String::new(), |t, d| t + &" ".repeat(d) + "k:\n");
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            unplaced(&err.problems()[0]).ends_with("nesting is deeper than 32 levels"),
            "{err}"
        );
        // One bracket a line: flow nesting runs across lines.
        let text = format!("c: {}{}\n", "[\n".repeat(300_000), "]".repeat(300_000));
        let started = Instant::now();
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            unplaced(&err.problems()[0]).ends_with("nesting is deeper than 32 levels"),
            "{err}"
        );
        assert!(started.elapsed() < QUICK);
    }

    #[test]
    fn refuses_alias_fan_out() {
        // Each level holds ten aliases of the one before: 10^6 copies of 100 bytes.
        let mut text = format!("l0: &l0 \"{}\"\n", "x".repeat(100));
        for i in 1..=6 {
            let refs = vec![format!("*l{}", i - 1); 10].join(", ");
            text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        let started = Instant::now();
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            unplaced(&err.problems()[0]).contains("fairuse files do not need"),
            "{err}"
        );
        assert!(started.elapsed() < QUICK);
    }

    /// The README's promise: more than 64 aliases are refused, 64 are not.
    #[test]
    fn the_aliases_limit_is_64() {
        let doc = |n: usize| format!("a: &x \"y\"\nb: [{}]\n", vec!["*x"; n].join(", "));
        let ok: BTreeMap<String, serde_json::Value> = parse(&doc(MAX_ALIASES)).unwrap();
        assert_eq!(ok["b"].as_array().unwrap().len(), 64);
        let err = parse::<serde_json::Value>(&doc(MAX_ALIASES + 1)).unwrap_err();
        assert_eq!(
            unplaced(&err.problems()[0]),
            "b: more than 64 aliases or anchors; fairuse files do not need them"
        );
        // And a case with 100 aliases, once passed, is refused.
        let err = parse::<serde_json::Value>(&doc(100)).unwrap_err();
        assert!(
            unplaced(&err.problems()[0]).contains("more than 64 aliases"),
            "{err}"
        );
    }

    #[test]
    fn quoted_text_cannot_hide_aliases_or_nesting() {
        let big = "x".repeat(400_000);
        let aliases = vec!["*b"; 10_000].join(", ");
        let text = format!("a: &b \"{big}\"\nc: [\"x\n \", {aliases}]\n");
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            unplaced(&err.problems()[0]).contains("fairuse files do not need"),
            "{err}"
        );
        let text = format!("c: [\"x\n \", {}{}]\n", "[".repeat(100), "]".repeat(100));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(err.to_string(), "2:36: c: nesting is deeper than 32 levels");
    }

    #[test]
    fn refuses_too_many_values_early() {
        // How long it takes is checked on the release binary (tests/bad_input.rs,
        // benches/hostile.sh); a debug build reading untyped values is slow.
        let text = format!("a: [{}]\n", vec!["1"; 120_000].join(","));
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            unplaced(&err.problems()[0])
                .ends_with("more than 100000 values; fairuse files are far smaller"),
            "{err}"
        );
    }

    #[test]
    fn refuses_recursive_aliases() {
        let err = parse::<serde_json::Value>("a: &a [*a]\n").unwrap_err();
        assert!(unplaced(&err.problems()[0]).contains("a: "), "{err}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        a: Option<String>,
        b: Option<String>,
        #[serde(default, deserialize_with = "crate::model::unique_keys")]
        m: BTreeMap<String, String>,
        #[serde(default)]
        list: Vec<Doc>,
    }

    #[test]
    fn refuses_duplicate_keys_with_their_position() {
        let err = parse::<Doc>("a: x\nb: y\na: z\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "3:1: duplicate key 'a'; each key may appear once in a mapping"
        );
        let text = "m:\n  a: x\n  b: y\n  \"a\": z\n";
        let err = parse::<Doc>(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "4:3: m: duplicate key 'a'; each key may appear once in a mapping"
        );
        // The same key in different mappings is fine.
        parse::<serde_json::Value>("- a: x\n- a: y\n").unwrap();
    }

    #[test]
    fn field_paths_count_list_items_from_one() {
        let err = parse::<Doc>("list:\n  - a: x\n  - m: [y]\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "3:5: list item 2, m: expected a mapping here: 'key: value' lines"
        );
        let err = parse::<Doc>("list:\n  - a: x\n  - bb: y\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "3:5: list item 2: unknown field `bb`, expected one of `a`, `b`, `m`, `list`; did you mean `b`?"
        );
    }

    #[test]
    fn refuses_oversized_documents() {
        let text = "a: ".to_string() + &"x".repeat(MAX_BYTES);
        let err = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(
            unplaced(&err.problems()[0]).contains("the limit is 1048576 bytes"),
            "{err}"
        );
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
