//! Word wrapping by display width (`textwrap`), and fitting text into a field.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps text to `width` display columns with `textwrap`: paragraphs split
/// at '\n', words at spaces, words longer than a line broken where they must be.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1)).break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// Display width in columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Cuts text to `width` columns, ending in "…" when it was longer.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// Lays out a field's text in rows of `width` columns, breaking after spaces
/// where it can, and finds the cursor: (rows, (row, column)).
pub fn field_rows(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let chars: Vec<char> = text.chars().collect();
    let cw = |c: char| c.width().unwrap_or(0);
    // Each row as a range of char indices, without the '\n' that ends a line.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut line_ends = Vec::new();
    let mut line_start = 0;
    for i in 0..=chars.len() {
        if i < chars.len() && chars[i] != '\n' {
            continue;
        }
        let mut start = line_start;
        loop {
            let (mut used, mut end, mut space) = (0, start, None);
            while end < i && used + cw(chars[end]) <= width {
                used += cw(chars[end]);
                if chars[end] == ' ' {
                    space = Some(end + 1);
                }
                end += 1;
            }
            if end >= i {
                rows.push((start, i));
                break;
            }
            let cut = space.filter(|&s| s > start).unwrap_or(end.max(start + 1));
            rows.push((start, cut));
            start = cut;
        }
        line_ends.push(i);
        line_start = i + 1;
    }
    let cursor = cursor.min(chars.len());
    let row = rows
        .iter()
        .position(|&(s, e)| s <= cursor && (cursor < e || (cursor == e && line_ends.contains(&e))))
        .unwrap_or(rows.len() - 1);
    let (s, _) = rows[row];
    let mut at = (row, chars[s..cursor].iter().map(|&c| cw(c)).sum::<usize>());
    let mut shown: Vec<String> = rows
        .iter()
        .map(|&(s, e)| chars[s..e].iter().collect())
        .collect();
    if at.1 >= width {
        // A full row with the cursor after it: the cursor starts the next row.
        if row + 1 == shown.len() {
            shown.push(String::new());
            at = (row + 1, 0);
        } else {
            at.1 = width - 1;
        }
    }
    (shown, at)
}

/// The visible window of a one-line field and the cursor column in it.
pub fn field_window(text: &str, cursor: usize, width: usize) -> (String, usize) {
    let width = width.max(2);
    let chars: Vec<char> = text.chars().collect();
    let widths: Vec<usize> = chars.iter().map(|c| c.width().unwrap_or(0)).collect();
    let mut start = 0;
    let before = |start: usize| widths[start..cursor.min(chars.len())].iter().sum::<usize>();
    while start < cursor && before(start) >= width {
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for (c, w) in chars[start..].iter().zip(&widths[start..]) {
        if used + w > width {
            break;
        }
        shown.push(*c);
        used += w;
    }
    (shown, before(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_paragraphs() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        // Wide characters take two columns each.
        assert_eq!(wrap("日本語 テキスト", 6), vec!["日本語", "テキス", "ト"]);
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }

    #[test]
    fn field_rows_track_the_cursor() {
        let (rows, at) = field_rows("abcd\nef", 2, 3);
        assert_eq!(rows, vec!["abc", "d", "ef"]);
        assert_eq!(at, (0, 2));
        let (_, at) = field_rows("abcd\nef", 7, 3);
        assert_eq!(at, (2, 2));
        let (rows, at) = field_rows("abc", 3, 3);
        assert_eq!((rows.len(), at), (2, (1, 0)));
        // Words move to the next row whole; the cursor follows them.
        let (rows, at) = field_rows("one two three", 9, 8);
        assert_eq!(rows, vec!["one two ", "three"]);
        assert_eq!(at, (1, 1));
        let (_, at) = field_rows("one two three", 8, 8);
        assert_eq!(at, (1, 0));
        let (rows, _) = field_rows("", 0, 8);
        assert_eq!(rows, vec![""]);
    }

    #[test]
    fn field_window_follows_the_cursor() {
        assert_eq!(field_window("abcdef", 6, 4), ("def".into(), 3));
        assert_eq!(field_window("abcdef", 0, 4), ("abcd".into(), 0));
    }
}
