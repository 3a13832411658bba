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

/// One step of a path into a file: a mapping key, or an item of a list
/// (counted from 0 here, shown counted from 1).
pub enum Step<'a> {
    Key(&'a str),
    Item(usize),
}

/// A field path for a message, with list items counted from 1 as a person
/// counts them: `use 2, answers.acquisition`, `factor 1, question 3, when`.
pub fn path<'a>(steps: impl IntoIterator<Item = Step<'a>>) -> String {
    let mut out = String::new();
    // A key is held back until the next step says whether it names a list.
    let mut held: Option<&str> = None;
    let mut after_item = false;
    let push_key = |out: &mut String, key: &str, after_item: &mut bool| {
        if *after_item {
            out.push_str(", ");
        } else if !out.is_empty() {
            out.push('.');
        }
        *after_item = false;
        out.push_str(&shown(key));
    };
    for step in steps {
        match step {
            Step::Key(key) => {
                if let Some(name) = held.replace(key) {
                    push_key(&mut out, name, &mut after_item);
                }
            }
            Step::Item(index) => {
                if !out.is_empty() {
                    out.push_str(", ");
                }
                let name = held.take().unwrap_or("item");
                out.push_str(&format!("{} {}", singular(name), index + 1));
                after_item = true;
            }
        }
    }
    if let Some(name) = held {
        push_key(&mut out, name, &mut after_item);
    }
    out
}

/// The word for one item of a list named `name`.
pub fn singular(name: &str) -> String {
    match name {
        "authorities" => "authority".into(),
        "uses" | "factors" | "questions" | "options" | "sources" | "authorities_cited" => {
            name.trim_end_matches('s').into()
        }
        _ => format!("{} item", shown(name)),
    }
}

/// The candidate closest to a mistyped `word`, if one is close enough to be
/// what was meant: at most a third of its letters wrong (at least one).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance in characters, a swap of two neighbours counting as one
/// edit (`titel` is one edit from `title`).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_count_items_from_one() {
        let p = path([
            Step::Key("uses"),
            Step::Item(1),
            Step::Key("answers"),
            Step::Key("x"),
        ]);
        assert_eq!(p, "use 2, answers.x");
        let p = path([
            Step::Key("factors"),
            Step::Item(0),
            Step::Key("questions"),
            Step::Item(2),
            Step::Key("when"),
        ]);
        assert_eq!(p, "factor 1, question 3, when");
        assert_eq!(path([Step::Key("sources"), Step::Item(9)]), "source 10");
        assert_eq!(path([Step::Key("uses")]), "uses");
    }

    #[test]
    fn did_you_mean_only_when_close() {
        assert_eq!(closest("titel", ["id", "title", "uses"]), Some("title"));
        assert_eq!(
            closest("acquisiton", ["acquisition", "use-type"]),
            Some("acquisition")
        );
        assert_eq!(closest("zzz", ["id", "title"]), None);
    }
}
