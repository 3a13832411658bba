//! The dated record at the end of every memo: when and by what it was made,
//! the law's date, and digests of what it was made from, so a later reader
//! can tell whether the memo still matches the case file (`memo --verify`).
//!
//! It is appended in code after the template renders, so a user's own
//! template gets it too, and the Word memo carries it because it is made
//! from the same Markdown.

use crate::error::Problem;
use crate::model::{Case, Rubric};
use crate::{Invalid, Library};
use sha2::{Digest, Sha256};
use std::fmt::Write;
use std::path::Path;

/// The name of the canonical form hashed for the answers digest. A change to
/// that form gets a new name, so an old memo is never compared against a
/// digest computed another way.
pub const ANSWERS_FORM: &str = "fairuse-answers-v1";

const HEADING: &str = "## Record of this analysis";
const GENERATED: &str = "Generated:";
const VERSION: &str = "By:";
const LAW: &str = "Law current to:";
const CASE_ID: &str = "Case:";
const ANSWERS: &str = "Answers digest (SHA-256, fairuse-answers-v1):";
const RUBRIC: &str = "Rubric digest (SHA-256):";

/// What a memo records about its own making.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// A UTC time (`2026-12-02T04:10:00Z`) or a date (`2026-11-28`).
    pub generated: String,
    /// `fairuse 0.1.0`.
    pub version: String,
    pub law_current_to: String,
    pub case_id: String,
    pub answers: String,
    pub rubric: String,
}

impl Record {
    pub fn new(library: &Library, case: &Case, generated: &str) -> Record {
        Record {
            generated: crate::sanitize::line(generated),
            version: format!("fairuse {}", env!("CARGO_PKG_VERSION")),
            law_current_to: library.authorities.current_to.clone(),
            case_id: case.id.clone(),
            answers: answers_digest(case),
            rubric: rubric_digest(&library.rubric),
        }
    }

    /// The record as Markdown, to follow the memo.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("\n{HEADING}\n\n");
        let mut item = |label: &str, value: &str| {
            let _ = writeln!(out, "- {label} {value}");
        };
        item(GENERATED, &self.generated);
        item(VERSION, &self.version);
        item(LAW, &self.law_current_to);
        item(CASE_ID, &code_span(&self.case_id));
        item(ANSWERS, &code_span(&self.answers));
        item(RUBRIC, &code_span(&self.rubric));
        out
    }

    /// Reads a record back from a memo's lines (Markdown lines, or the
    /// paragraphs of a Word memo). The last record wins, so quoting an older
    /// memo's record above does not confuse it.
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Record> {
        let mut found: Option<Record> = None;
        let mut current: Option<Record> = None;
        for line in lines {
            let line = line.trim();
            if line.trim_start_matches('#').trim() == HEADING.trim_start_matches('#').trim() {
                found = current.take().filter(Record::is_complete).or(found);
                current = Some(Record::empty());
                continue;
            }
            let Some(record) = current.as_mut() else {
                continue;
            };
            let item = line.strip_prefix("- ").unwrap_or(line);
            let value = |label: &str| item.strip_prefix(label).map(|v| uncode(v.trim()));
            if let Some(v) = value(GENERATED) {
                record.generated = v;
            } else if let Some(v) = value(VERSION) {
                record.version = v;
            } else if let Some(v) = value(LAW) {
                record.law_current_to = v;
            } else if let Some(v) = value(CASE_ID) {
                record.case_id = v;
            } else if let Some(v) = value(ANSWERS) {
                record.answers = v;
            } else if let Some(v) = value(RUBRIC) {
                record.rubric = v;
            }
        }
        current.filter(Record::is_complete).or(found)
    }

    fn empty() -> Record {
        Record {
            generated: String::new(),
            version: String::new(),
            law_current_to: String::new(),
            case_id: String::new(),
            answers: String::new(),
            rubric: String::new(),
        }
    }

    fn is_complete(&self) -> bool {
        !self.answers.is_empty() && !self.rubric.is_empty()
    }
}

/// Appends the record to a rendered memo.
pub fn append(memo: &str, record: &Record) -> String {
    let mut out = memo.trim_end().to_string();
    out.push('\n');
    out.push_str(&record.to_markdown());
    out
}

/// SHA-256 of the case's answers in the canonical form [`ANSWERS_FORM`]:
/// lines of UTF-8 text, each ending in `\n`:
///
/// ```text
/// fairuse-answers-v1
/// case <case id>
/// use <use id>                       (each use, in file order)
/// answer <question id>=<option id>   (its answers, by question id)
/// note <question id>=<JSON string>   (its notes, by question id)
/// ```
///
/// Ids are compared byte by byte; a note is written as a JSON string so that
/// line breaks and quotes inside it cannot change the form's lines. Titles,
/// descriptions, facts and court rulings are prose or history, not answers,
/// and are left out, so fixing a typo in the facts does not break the match.
pub fn answers_digest(case: &Case) -> String {
    hex(&Sha256::digest(canonical_answers(case).as_bytes()))
}

pub fn canonical_answers(case: &Case) -> String {
    let mut out = format!("{ANSWERS_FORM}\ncase {}\n", case.id);
    for u in &case.uses {
        let _ = writeln!(out, "use {}", u.id);
        for (q, o) in &u.answers {
            let _ = writeln!(out, "answer {q}={o}");
        }
        for (q, note) in &u.notes {
            let note = serde_json::to_string(note).unwrap_or_default();
            let _ = writeln!(out, "note {q}={note}");
        }
    }
    out
}

/// SHA-256 of the rubric as fairuse reads it (after defaults are filled in),
/// written as compact JSON with fields in the model's order: the same for the
/// bundled rubric and for the same rubric given with `--rubric`.
pub fn rubric_digest(rubric: &Rubric) -> String {
    let json = serde_json::to_vec(rubric).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A Markdown code span that holds any text: its fence is longer than any
/// run of backticks inside.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The text inside a code span, or the text itself.
fn uncode(value: &str) -> String {
    let fence = value.len() - value.trim_start_matches('`').len();
    if fence > 0 && value.len() > 2 * fence && value.ends_with(&"`".repeat(fence)) {
        let inner = &value[fence..value.len() - fence];
        let inner = match inner.strip_prefix(' ').and_then(|s| s.strip_suffix(' ')) {
            Some(s) if s.starts_with('`') || s.ends_with('`') => s,
            _ => inner,
        };
        inner.to_string()
    } else {
        value.to_string()
    }
}

/// How a memo compares with the case file and rubric it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Matches,
    /// What differs, in words, one item each.
    Differs(Vec<String>),
}

/// Recomputes the digests for `case` and compares them with `recorded`.
pub fn verify(recorded: &Record, library: &Library, case: &Case) -> Verdict {
    let now = Record::new(library, case, "");
    let mut differs = Vec::new();
    if recorded.case_id != now.case_id {
        differs.push(format!(
            "the memo is for case '{}', this file is case '{}'",
            recorded.case_id, now.case_id
        ));
    }
    if recorded.answers != now.answers {
        differs.push(format!(
            "the answers or notes have changed (recorded {}, now {})",
            short(&recorded.answers),
            short(&now.answers)
        ));
    }
    if recorded.rubric != now.rubric {
        differs.push(format!(
            "the rubric has changed (recorded {}, now {})",
            short(&recorded.rubric),
            short(&now.rubric)
        ));
    }
    if recorded.law_current_to != now.law_current_to {
        differs.push(format!(
            "the law's date has changed (recorded {}, now {})",
            recorded.law_current_to, now.law_current_to
        ));
    }
    if differs.is_empty() {
        Verdict::Matches
    } else {
        Verdict::Differs(differs)
    }
}

/// The first 12 hex digits: enough to tell digests apart in a message.
pub fn short(digest: &str) -> &str {
    digest.get(..12).unwrap_or(digest)
}

/// The record in a memo file's text, or a message naming the file.
pub fn find(name: &str, lines: &[String]) -> Result<Record, Invalid> {
    Record::parse(lines.iter().map(String::as_str)).ok_or_else(|| {
        Invalid::at(
            name,
            "no record of analysis found; it is the list headed \
             'Record of this analysis' at the end of a memo made by fairuse",
        )
    })
}

/// `memo --verify FILE [CASE]`: reads the record in a memo (Markdown or
/// Word), loads the case file it names (or `case`, if given) and compares.
/// Returns the line to print and whether the memo matches.
pub fn verify_file(
    library: &Library,
    memo: &Path,
    case: Option<&str>,
) -> Result<(String, bool), Invalid> {
    let name = memo.display().to_string();
    let bytes = crate::report::docx::read_file(memo)?;
    let lines: Vec<String> = if bytes.starts_with(b"PK\x03\x04") {
        crate::report::docx::paragraphs(&name, &bytes)?
    } else {
        String::from_utf8(bytes)
            .map_err(|_| Invalid::at(&name, "is neither a Markdown nor a Word memo"))?
            .lines()
            .map(str::to_string)
            .collect()
    };
    let recorded = find(&name, &lines)?;
    let source = match case {
        Some(arg) => crate::load::resolve_case(arg)?,
        None => recorded_case(&name, memo, &recorded)?,
    };
    let case = library.case(&source)?;
    let made = format!(
        "generated {} by {}",
        recorded.generated,
        if recorded.version.is_empty() {
            "fairuse"
        } else {
            &recorded.version
        }
    );
    Ok(match verify(&recorded, library, &case) {
        Verdict::Matches => (
            sanitize_line(&format!(
                "{name}: matches {} (answers {}, rubric {}; {made})",
                source.name,
                short(&recorded.answers),
                short(&recorded.rubric)
            )),
            true,
        ),
        Verdict::Differs(why) => (
            sanitize_line(&format!(
                "{name}: does not match {}: {} ({made})",
                source.name,
                why.join("; ")
            )),
            false,
        ),
    })
}

fn sanitize_line(s: &str) -> String {
    crate::sanitize::line(s)
}

/// The case file for a memo given without one, found by the case id in its
/// record: `<id>.yaml` or `<id>.answers.yaml` (the walkthrough's save file)
/// beside the memo, then in the current folder, then the bundled case. The
/// memo records no path, so that it says nothing about the writer's folders
/// and the walkthrough's export is byte for byte the CLI's memo.
fn recorded_case(name: &str, memo: &Path, recorded: &Record) -> Result<crate::Source, Invalid> {
    let id = &recorded.case_id;
    let folders = [memo.parent().unwrap_or(Path::new("")), Path::new("")];
    for folder in folders {
        for file in [format!("{id}.yaml"), format!("{id}.answers.yaml")] {
            let path = folder.join(file);
            if path.is_file() {
                return crate::load::read(&path);
            }
        }
    }
    crate::load::bundled_case(id).ok_or_else(|| {
        Invalid::one(
            Problem::new(
                name,
                format!(
                    "no case file found for case '{id}' ({id}.yaml or {id}.answers.yaml \
                     beside the memo)"
                ),
            )
            .hint(format!("give it: fairuse memo --verify {name} CASE")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library_and_case() -> (Library, Case) {
        let library = Library::bundled().unwrap();
        let case = library
            .case(&crate::load::bundled_case("kadrey-v-meta").unwrap())
            .unwrap();
        (library, case)
    }

    #[test]
    fn the_record_reads_back_as_written() {
        let (library, case) = library_and_case();
        let record = Record::new(&library, &case, "2026-11-28 `odd`");
        let memo = append("# Memo\n\nText.\n", &record);
        assert!(memo.starts_with("# Memo\n\nText.\n\n## Record of this analysis\n"));
        assert_eq!(Record::parse(memo.lines()), Some(record));
    }

    #[test]
    fn the_canonical_form_is_as_documented() {
        let (_, mut case) = library_and_case();
        case.uses.truncate(1);
        case.uses[0].answers = [("b", "y"), ("a", "x")]
            .into_iter()
            .map(|(q, o)| (q.into(), o.into()))
            .collect();
        case.uses[0].notes = [("a".to_string(), "line one\n\"two\"".to_string())].into();
        assert_eq!(
            canonical_answers(&case),
            format!(
                "fairuse-answers-v1\ncase kadrey-v-meta\nuse {}\nanswer a=x\nanswer b=y\n\
                 note a=\"line one\\n\\\"two\\\"\"\n",
                case.uses[0].id
            )
        );
        // SHA-256 of that exact text, computed independently with sha256sum.
        assert_eq!(
            answers_digest(&case),
            "39dbf16d577dfdb05bf9c00071b322983afcca241d49d3c5ced5ebdf2799777a"
        );
    }

    #[test]
    fn a_changed_answer_or_note_changes_the_digest_and_a_title_does_not() {
        let (library, case) = library_and_case();
        let recorded = Record::new(&library, &case, "2026-11-28");
        assert_eq!(verify(&recorded, &library, &case), Verdict::Matches);

        let mut retitled = case.clone();
        retitled.title.push_str(" (edited)");
        retitled.facts.push_str(" More facts.");
        assert_eq!(verify(&recorded, &library, &retitled), Verdict::Matches);

        let mut changed = case.clone();
        let first = changed.uses[0].answers.values_mut().next().unwrap();
        first.push('x');
        let Verdict::Differs(why) = verify(&recorded, &library, &changed) else {
            panic!("a changed answer must not match");
        };
        assert_eq!(why.len(), 1, "{why:?}");
        assert!(why[0].starts_with("the answers or notes have changed"));

        let mut noted = case.clone();
        noted.uses[1].notes.insert("x".into(), "new".into());
        assert_ne!(verify(&recorded, &library, &noted), Verdict::Matches);
    }

    #[test]
    fn a_changed_rubric_changes_its_digest() {
        let (mut library, case) = library_and_case();
        let recorded = Record::new(&library, &case, "2026-11-28");
        library.rubric.factors[0].weight += 0.01;
        let Verdict::Differs(why) = verify(&recorded, &library, &case) else {
            panic!("a changed rubric must not match");
        };
        assert!(why[0].starts_with("the rubric has changed"), "{why:?}");
    }

    #[test]
    fn the_last_complete_record_wins() {
        let (library, case) = library_and_case();
        let old = Record::new(&library, &case, "2020-01-01");
        let mut new = old.clone();
        new.generated = "2026-11-28".into();
        let memo = append(&append("Memo", &old), &new);
        assert_eq!(Record::parse(memo.lines()).unwrap().generated, "2026-11-28");
        assert_eq!(Record::parse("no record here".lines()), None);
    }

    #[test]
    fn code_spans_round_trip() {
        for text in ["plain", "a`b", "`starts", "ends`", "``double``"] {
            assert_eq!(uncode(&code_span(text)), text, "{text}");
        }
    }
}
