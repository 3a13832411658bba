//! Removes control characters and terminal escape sequences from text that came
//! from a file, so that nothing a case file says can drive the user's terminal.

/// Cleans multi-line text: keeps newlines, turns tabs into spaces, drops every
/// other control character, escape sequence and bidirectional override.
pub fn text(input: &str) -> String {
    if is_plain(input) {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // U+2028 and U+2029 separate lines too, but YAML 1.2 readers
            // disagree on them: written as plain line breaks, a save reads back.
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\r' => {
                // CRLF becomes LF; a lone CR (which would overwrite the line) is dropped.
                if chars.peek() != Some(&'\n') {
                    continue;
                }
            }
            '\u{1b}' => skip_escape(&mut chars),
            // CSI as a single C1 character: skip its parameters too.
            '\u{9b}' => skip_csi(&mut chars),
            // OSC, DCS, APC, PM, SOS as single C1 characters: skip to the terminator.
            '\u{9d}' | '\u{90}' | '\u{9f}' | '\u{9e}' | '\u{98}' => skip_string(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans multi-line text in place, as `text`. Text with nothing to remove,
/// which is almost all of it, is left as it is, not copied.
pub fn clean_text(s: &mut String) {
    if !is_plain(s) {
        *s = text(s);
    }
}

/// Cleans a one-line field in place, as `line`, without a copy when there is
/// nothing to change.
pub fn clean_line(s: &mut String) {
    let b = s.as_bytes();
    let folded = b.iter().all(|c| (0x20..0x7f).contains(c))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !s.contains("  ");
    if !folded {
        *s = line(s);
    }
}

/// Printable ASCII and line breaks: nothing to remove.
fn is_plain(s: &str) -> bool {
    s.bytes().all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
}

/// Cleans a one-line field: as `text`, with line breaks folded into spaces.
pub fn line(input: &str) -> String {
    let cleaned = text(input);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        // Bidirectional overrides and isolates can reorder what the reader sees.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('_') | Some('^') | Some('X') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7, ...) and intermediate forms (ESC ( B).
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates up to the final byte (0x40..=0x7e).
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// A control string, ended by BEL, ST (ESC \) or the C1 ST character.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_and_controls() {
        assert_eq!(text("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(text("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            text("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(text("bell\u{7}\u{8}\u{0}z"), "bellz");
        assert_eq!(text("c1\u{9b}2Jz"), "c1z");
        assert_eq!(text("a\u{202e}b"), "ab");
    }

    #[test]
    fn keeps_newlines_and_folds_lines() {
        assert_eq!(text("one\r\ntwo\rthree\tfour"), "one\ntwothree    four");
        assert_eq!(line("  a\n b\tc  "), "a b c");
    }

    #[test]
    fn cleans_in_place_as_the_copying_forms_do() {
        for input in [
            "plain words",
            " lead",
            "trail ",
            "two  spaces",
            "one\ntwo",
            "a\u{1b}[31mb",
            "",
            "tab\there",
            "Condé",
        ] {
            let mut t = input.to_string();
            clean_text(&mut t);
            assert_eq!(t, text(input), "{input:?}");
            let mut l = input.to_string();
            clean_line(&mut l);
            assert_eq!(l, line(input), "{input:?}");
        }
    }

    proptest::proptest! {
        /// The in-place forms are the copying forms, for any text: the fast
        /// path may skip work, never change the result.
        #[test]
        fn cleaning_in_place_equals_cleaning_a_copy(input in "(?s).{0,40}|[ -~\n]{0,40}") {
            let mut t = input.clone();
            clean_text(&mut t);
            proptest::prop_assert_eq!(&t, &text(&input));
            let mut l = input.clone();
            clean_line(&mut l);
            proptest::prop_assert_eq!(&l, &line(&input));
        }
    }

    #[test]
    fn keeps_ordinary_unicode() {
        assert_eq!(
            text("§ 107 — Condé Nast, “quotes”"),
            "§ 107 — Condé Nast, “quotes”"
        );
    }
}
