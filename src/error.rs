//! The error for input that cannot be used, and the plain words it is written
//! in. It sits at the bottom of the crate: every layer may report with it.

use std::fmt;

/// One problem with one piece of input: where it is, what is wrong, and what
/// to do when that is known. Printed as one line, the file first:
/// `cases/x.yaml:3:5: use 1, answers.acquisition: unknown option 'foo'; did you mean 'bar'?`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or pseudo-file, such as `--view`); none for a problem with
    /// what is being edited, which has no file yet.
    pub file: Option<String>,
    /// Line and column, counted from 1, when a parser knows them (a
    /// template error knows only its line).
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// A field path (`use 2, answers.acquisition`); a YAML parse error may
    /// have one as well as a position.
    pub field: Option<String>,
    pub message: String,
    /// Advice printed after the message: `did you mean 'x'?`.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem with the whole of `file`.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: Some(file.into()),
            ..Problem::bare(message)
        }
    }

    /// A problem that belongs to no file.
    pub fn bare(message: impl Into<String>) -> Self {
        Problem {
            file: None,
            line: None,
            column: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    /// At line:column (from 1).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// At a line (from 1), column unknown.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// At a field path; an empty path is no path.
    pub fn field(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.field = (!path.is_empty()).then_some(path);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem, in `file`: for one found before its file was known
    /// (a parse error).
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// The same problem, without its file: for a screen that names it already.
    pub fn without_file(mut self) -> Self {
        self.file = None;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            f.write_str(file)?;
        }
        let mut place = self.file.is_some();
        if let Some(line) = self.line {
            if place {
                f.write_str(":")?;
            }
            write!(f, "{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
            place = true;
        }
        if place {
            f.write_str(": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

/// Input that cannot be used: one or more problems, each printed on its own
/// line. Never empty, so there is always something to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(Vec<Problem>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

impl From<Problem> for Invalid {
    fn from(problem: Problem) -> Self {
        Invalid(vec![problem])
    }
}

impl Invalid {
    pub fn one(problem: Problem) -> Self {
        Invalid(vec![problem])
    }

    /// One problem with the whole of `file`.
    pub fn at(file: impl Into<String>, message: impl Into<String>) -> Self {
        Invalid::one(Problem::new(file, message))
    }

    /// One problem that belongs to no file.
    pub fn bare(message: impl Into<String>) -> Self {
        Invalid::one(Problem::bare(message))
    }

    /// `Err` with every problem, or `Ok` when there is none.
    pub fn check(problems: Vec<Problem>) -> Result<(), Invalid> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Invalid(problems))
        }
    }

    pub fn problems(&self) -> &[Problem] {
        &self.0
    }

    pub fn into_problems(self) -> Vec<Problem> {
        self.0
    }

    /// Each problem as the line printed for it.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(Problem::to_string)
    }

    /// The problems of `other` after these.
    pub fn extend(&mut self, other: Invalid) {
        self.0.extend(other.0);
    }

    /// Every problem, in `file`: for problems found before their file was
    /// known (a parse error).
    pub fn in_file(self, file: &str) -> Self {
        Invalid(self.0.into_iter().map(|p| p.in_file(file)).collect())
    }

    /// Every problem without its file.
    pub fn without_file(self) -> Self {
        Invalid(self.0.into_iter().map(Problem::without_file).collect())
    }
}

/// A file that could not be written: the disk, a folder or permissions, not
/// a fault in the input, so it is no [`Invalid`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailed {
    pub file: String,
    /// Plain words, without the OS error number.
    pub reason: String,
}

impl fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot write: {}", self.file, self.reason)
    }
}

impl std::error::Error for WriteFailed {}

/// Whatever stops an operation that both reads input and writes a file: the
/// walkthrough's save and export, a Word memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Invalid(Invalid),
    Write(WriteFailed),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(e) => e.fmt(f),
            Error::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid(e)
    }
}

impl From<Problem> for Error {
    fn from(e: Problem) -> Self {
        Error::Invalid(e.into())
    }
}

impl From<WriteFailed> for Error {
    fn from(e: WriteFailed) -> Self {
        Error::Write(e)
    }
}

impl Error {
    /// Each line to show: every problem, or the one failure.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Invalid(e) => e.lines().collect(),
            Error::Write(e) => vec![e.to_string()],
        }
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
    fn a_problem_prints_as_one_line_with_what_it_has() {
        let p = Problem::new("cases/x.yaml", "file is empty");
        assert_eq!(p.to_string(), "cases/x.yaml: file is empty");
        let p = Problem::new("cases/x.yaml", "unknown field `titel`")
            .at(3, 5)
            .field("use 1")
            .hint("did you mean `title`?");
        assert_eq!(
            p.to_string(),
            "cases/x.yaml:3:5: use 1: unknown field `titel`; did you mean `title`?"
        );
        let p = Problem::new("cases/x.yaml", "unknown option 'foo'")
            .field("use 2, answers.acquisition")
            .hint("did you mean 'food'?");
        assert_eq!(
            p.to_string(),
            "cases/x.yaml: use 2, answers.acquisition: unknown option 'foo'; did you mean 'food'?"
        );
        let p = Problem::bare("a scenario needs a title");
        assert_eq!(p.to_string(), "a scenario needs a title");
        assert_eq!(Problem::bare("x").at(1, 2).to_string(), "1:2: x");
        assert_eq!(
            Problem::new("memo.j2", "syntax error")
                .at_line(4)
                .to_string(),
            "memo.j2:4: syntax error"
        );
        assert_eq!(
            Problem::new("f", "m").field("").to_string(),
            "f: m",
            "an empty path is none"
        );
        let p = Problem::new("scenario", "needs a title").field("use 1");
        assert_eq!(p.without_file().to_string(), "use 1: needs a title");
    }

    #[test]
    fn invalid_prints_every_problem_on_its_own_line() {
        let one = Invalid::at("a.yaml", "file is empty");
        assert_eq!(one.to_string(), "a.yaml: file is empty");
        assert!(Invalid::check(Vec::new()).is_ok());
        let mut both = Invalid::check(vec![
            Problem::new("b.yaml", "must be a date").field("facts_as_of"),
            Problem::new("b.yaml", "a case needs at least one use").field("uses"),
        ])
        .unwrap_err();
        both.extend(one);
        assert_eq!(
            both.to_string(),
            "b.yaml: facts_as_of: must be a date\n\
             b.yaml: uses: a case needs at least one use\n\
             a.yaml: file is empty"
        );
        assert_eq!(both.problems().len(), 3);
        assert_eq!(both.lines().count(), 3);
        let write = WriteFailed {
            file: "m.md".into(),
            reason: "is a folder".into(),
        };
        assert_eq!(write.to_string(), "m.md: cannot write: is a folder");
        let e: Error = write.into();
        assert_eq!(e.lines(), ["m.md: cannot write: is a folder"]);
        assert_eq!(Error::from(both).lines().len(), 3);
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
