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
    let folded = is_plain(s)
        && s.chars().all(|c| c == ' ' || !c.is_whitespace())
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ");
    if !folded {
        *s = line(s);
    }
}

/// Nothing to remove or change: `text` would give the same text back. Read
/// by block while the text is printable ASCII, which almost all of it is; a
/// character outside ASCII is decoded and checked on its own.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        i += leading(&b[i..], |c| c == b'\n' || (0x20..0x7f).contains(&c));
        match b.get(i) {
            None => return true,
            Some(0x00..=0x7f) => return false,
            // Every byte before it is ASCII or a whole character, so a
            // character starts here.
            Some(_) => {
                let c = s[i..].chars().next().expect("a character starts here");
                if is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}') {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
}

/// How many leading bytes pass `ok`. Tested a block at a time with no early
/// exit inside the block, which the compiler turns into vector instructions:
/// every file and text field is screened, and almost every byte passes.
pub fn leading(bytes: &[u8], ok: impl Fn(u8) -> bool) -> usize {
    const BLOCK: usize = 32;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let whole = blocks
        .by_ref()
        .take_while(|block| block.iter().fold(true, |all, &c| all & ok(c)))
        .count()
        * BLOCK;
    whole + bytes[whole..].iter().take_while(|&&c| ok(c)).count()
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
            "§ 107 — Condé",
            "a\u{a0}b",
            "a\u{2028}b",
            "\u{202e}§",
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
        fn cleaning_in_place_equals_cleaning_a_copy(input in "(?s).{0,40}|[ -~\n]{0,40}|[ -~\n§]{0,70}(?s).{0,6}[ -~\n]{0,40}") {
            let mut t = input.clone();
            clean_text(&mut t);
            proptest::prop_assert_eq!(&t, &text(&input));
            let mut l = input.clone();
            clean_line(&mut l);
            proptest::prop_assert_eq!(&l, &line(&input));
        }
    }

    #[test]
    fn counts_the_leading_bytes_that_pass() {
        let ok = |c: u8| c != b'x';
        for n in [0, 1, 31, 32, 33, 64, 100] {
            let mut bytes = vec![b'a'; n];
            assert_eq!(leading(&bytes, ok), n);
            bytes.push(b'x');
            bytes.extend([b'a'; 40]);
            assert_eq!(leading(&bytes, ok), n, "x after {n}");
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
