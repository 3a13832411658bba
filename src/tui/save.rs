//! Saving, and nothing else saves: where answers go, the text written, when a
//! write happens, and the copy the panic hook writes if the process dies in
//! the middle of one.
//!
//! The save file is an ordinary case file, written atomically, marked at both
//! ends (see [`crate::load::save_text`]) and with the place the user left off
//! in a comment, so opening it again resumes there. Without `--save`, a case
//! that is not already a save file goes to a new file in the current folder,
//! named after the case; an existing file is never overwritten. A save file
//! that is opened again is saved into, in place.

use crate::error::{Invalid, Problem, WriteFailed};
use crate::load::{self, Library, Source};
use crate::model::Case;
use crate::output::write_atomic;
use std::fs::OpenOptions;
use std::io::{BufRead, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What the last attempt to save did, for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed yet.
    Idle,
    Saved,
    /// The scenario cannot be saved yet, and every reason why.
    NotYet(Invalid),
    /// Writing failed, and why.
    Failed(WriteFailed),
}

/// Where the walkthrough saves.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A new file in this folder, named after the case on the first save.
    New {
        folder: PathBuf,
        chosen: Option<PathBuf>,
    },
    /// A file saved into in place: a save file opened again, or `--save`.
    File(PathBuf),
}

/// The one owner of saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saver {
    target: Target,
    pub state: SaveState,
    /// True when the file is a save file the user opened: the screen says so.
    pub resumed: bool,
}

/// The place the user left off, written as a comment in the save file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    pub use_id: String,
    pub question: Option<String>,
}

const POSITION: &str = "# left off at: ";

impl Saver {
    /// A new file in `folder`, chosen on the first save.
    pub fn new_in(folder: &Path) -> Self {
        Saver {
            target: Target::New {
                folder: folder.to_path_buf(),
                chosen: None,
            },
            state: SaveState::Idle,
            resumed: false,
        }
    }

    /// Saves into `path` in place.
    pub fn into_file(path: &Path) -> Self {
        Saver {
            target: Target::File(path.to_path_buf()),
            state: SaveState::Idle,
            resumed: false,
        }
    }

    /// A save file the user opened: saved into in place, and said so.
    pub fn resume(path: &Path) -> Self {
        Saver {
            resumed: true,
            ..Saver::into_file(path)
        }
    }

    /// The file named with `--save`: refused when it exists and is not a
    /// fairuse save file of this case, unless `force`.
    pub fn named(path: &Path, case_id: Option<&str>, force: bool) -> Result<Self, Invalid> {
        if !force && path.exists() {
            let shown = crate::sanitize::line(&path.display().to_string());
            let refuse = |why: String| {
                Invalid::one(
                    Problem::new("fairuse", why)
                        .field(format!("--save {shown}"))
                        .hint("choose another name, or add --force to replace it"),
                )
            };
            match saved_case_id(path) {
                None => {
                    return Err(refuse(
                        "the file exists and is not a fairuse save file".into(),
                    ))
                }
                Some(id) if case_id.is_some_and(|c| !id.is_empty() && c != id) => {
                    return Err(refuse(format!(
                        "the file is the save file of another case ('{}')",
                        crate::sanitize::line(&id)
                    )))
                }
                Some(_) => {}
            }
        }
        Ok(Saver::into_file(path))
    }

    /// The file written (or to be written), for the status bar.
    pub fn path(&self, case_id: &str) -> Option<PathBuf> {
        match &self.target {
            Target::File(path) => Some(path.clone()),
            Target::New {
                chosen: Some(path), ..
            } => Some(path.clone()),
            Target::New { folder, .. } if !case_id.is_empty() => Some(free_name(folder, case_id)),
            Target::New { .. } => None,
        }
    }

    /// The folder of the save file, for the memo's suggested name.
    pub fn folder(&self) -> PathBuf {
        let folder = match &self.target {
            Target::File(path)
            | Target::New {
                chosen: Some(path), ..
            } => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            Target::New { folder, .. } => folder.clone(),
        };
        if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder
        }
    }

    /// Saves from now on into `path` (the user chose "save elsewhere").
    pub fn retarget(&mut self, path: &Path) {
        self.target = Target::File(path.to_path_buf());
        self.resumed = false;
    }

    /// Validates the case as `check` would and writes it, recording the outcome.
    pub fn save(&mut self, library: &Library, case: &Case, at: &Position) -> &SaveState {
        match snapshot(library, case) {
            Ok((yaml, saved)) => {
                let text = with_position(&yaml, at);
                let _ = self.write(&saved.id, &text);
            }
            Err(why) => self.state = SaveState::NotYet(why),
        }
        &self.state
    }

    /// Writes a save file's text. The first write of a new file reserves a
    /// free name; later writes replace this session's own file.
    pub fn write(&mut self, case_id: &str, text: &str) -> Result<PathBuf, WriteFailed> {
        let path = match &mut self.target {
            Target::File(path) => path.clone(),
            Target::New {
                chosen: Some(path), ..
            } => path.clone(),
            Target::New { folder, chosen } => match reserve(folder, case_id) {
                Ok(path) => {
                    *chosen = Some(path.clone());
                    path
                }
                Err(e) => {
                    self.state = SaveState::Failed(e.clone());
                    return Err(e);
                }
            },
        };
        set_pending(Some((path.clone(), text.to_string())));
        let written = write_atomic(&path, text.as_bytes());
        set_pending(None);
        match written {
            Ok(()) => {
                self.state = SaveState::Saved;
                Ok(path)
            }
            Err(e) => {
                self.state = SaveState::Failed(e.clone());
                Err(e)
            }
        }
    }

    /// True when this session has a file to keep current on exit.
    pub fn has_file(&self) -> bool {
        matches!(
            self.target,
            Target::File(_)
                | Target::New {
                    chosen: Some(_),
                    ..
                }
        )
    }
}

/// The save file's YAML and the case as the loader reads it back, or every
/// reason the case cannot be saved yet: the same validation as `fairuse
/// check`, without the file name (the scenario has none yet).
pub fn snapshot(library: &Library, case: &Case) -> Result<(String, Case), Invalid> {
    let mut missing = Vec::new();
    if case.title.trim().is_empty() {
        missing.push(Problem::bare("a scenario needs a title"));
    }
    if case.facts.trim().is_empty() {
        missing.push(Problem::bare("a scenario needs facts"));
    }
    if case.uses.is_empty() {
        missing.push(Problem::bare("a scenario needs at least one use"));
    }
    for (n, u) in case.uses.iter().enumerate() {
        if u.title.trim().is_empty() {
            missing.push(Problem::bare(format!("use {} needs a title", n + 1)));
        }
    }
    Invalid::check(missing)?;
    let yaml = crate::yaml::to_string(case).map_err(|e| Invalid::bare(e.to_string()))?;
    let text = load::save_text(&yaml);
    let source = Source {
        name: "scenario".into(),
        text: text.clone(),
    };
    let reloaded = library.case(&source).map_err(Invalid::without_file)?;
    Ok((text, reloaded))
}

/// Puts the place the user left off after the save file's first line.
fn with_position(text: &str, at: &Position) -> String {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let clean = |s: &str| crate::sanitize::line(s).replace(',', " ");
    let mut line = format!("{POSITION}use {}", clean(&at.use_id));
    if let Some(q) = &at.question {
        line.push_str(&format!(", question {}", clean(q)));
    }
    format!("{first}\n{line}\n{rest}")
}

/// The place recorded in a save file's text, if any.
pub fn position(text: &str) -> Option<Position> {
    let line = text
        .lines()
        .take(3)
        .find_map(|l| l.strip_prefix(POSITION))?;
    let mut at = Position::default();
    for part in line.split(", ") {
        if let Some(u) = part.strip_prefix("use ") {
            at.use_id = u.trim().to_string();
        } else if let Some(q) = part.strip_prefix("question ") {
            at.question = Some(q.trim().to_string());
        }
    }
    Some(at)
}

fn header() -> String {
    load::save_text("")
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// True when the text was written by the walkthrough.
pub fn is_save_text(text: &str) -> bool {
    text.starts_with(&header())
}

/// The case id of a save file, or `None` when the file is not one. Reads
/// only the first lines.
fn saved_case_id(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut lines = std::io::BufReader::new(file).lines();
    if lines.next()?.ok()? != header() {
        return None;
    }
    for line in lines.take(4) {
        let line = line.ok()?;
        if let Some(id) = line.strip_prefix("id: ") {
            return Some(id.trim().trim_matches(['\'', '"']).to_string());
        }
    }
    Some(String::new())
}

/// A save file found in a folder, for the picker.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFile {
    pub path: PathBuf,
    pub title: String,
    pub answered: usize,
    pub applicable: usize,
    /// When it was last written, "YYYY-MM-DD HH:MM" UTC.
    pub when: String,
    /// How many problems stop it loading (0: it loads). A save file that was
    /// edited by hand into a broken one is still listed, so that the work in
    /// it is not lost from sight; opening it lists the problems.
    pub problems: usize,
    modified: std::time::SystemTime,
}

#[cfg(test)]
impl SavedFile {
    /// A listed file that does not load, for tests of the picker.
    pub(crate) fn listed(path: PathBuf, problems: usize) -> Self {
        SavedFile {
            path,
            title: String::new(),
            answered: 0,
            applicable: 0,
            when: "2026-12-02 10:00".into(),
            problems,
            modified: std::time::SystemTime::UNIX_EPOCH,
        }
    }
}

/// The save files in `folder`, newest first, those that do not load with
/// the number of their problems.
pub fn saved_files(library: &Library, folder: &Path) -> Vec<SavedFile> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<SavedFile> = entries
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .take(500)
        .filter_map(|e| {
            let path = e.path();
            saved_case_id(&path)?;
            let modified = e.metadata().ok()?.modified().ok()?;
            let (title, answered, applicable, problems) =
                match load::read(&path).and_then(|source| library.case(&source)) {
                    Ok(case) => {
                        let (answered, applicable) = case
                            .uses
                            .iter()
                            .map(|u| crate::tui::app::progress_of(&library.rubric, &u.answers))
                            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
                        (case.title, answered, applicable, 0)
                    }
                    Err(invalid) => (String::new(), 0, 0, invalid.problems().len()),
                };
            Some(SavedFile {
                path: PathBuf::from(path.file_name()?),
                title,
                answered,
                applicable,
                when: utc_minutes(modified),
                problems,
                modified,
            })
        })
        .collect();
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    found
}

/// "YYYY-MM-DD HH:MM" (UTC) for a file time.
fn utc_minutes(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::date::utc_minutes(secs)
}

/// A save that has not yet reached the disk: the panic hook writes it.
static PENDING: Mutex<Option<(PathBuf, String)>> = Mutex::new(None);

fn set_pending(value: Option<(PathBuf, String)>) {
    if let Ok(mut pending) = PENDING.lock() {
        *pending = value;
    }
}

/// Called by the panic hook: finishes a save the panic interrupted.
pub fn flush_pending() {
    if let Ok(mut pending) = PENDING.try_lock() {
        if let Some((path, text)) = pending.take() {
            let _ = write_atomic(&path, text.as_bytes());
        }
    }
}

/// `<id>.answers.yaml`, then `<id>-2.answers.yaml`, … : the first name not taken.
pub fn free_name(folder: &Path, case_id: &str) -> PathBuf {
    (1..)
        .map(|n| folder.join(numbered(case_id, n)))
        .find(|p| !p.exists())
        .expect("some name is free")
}

fn numbered(case_id: &str, n: u32) -> String {
    if n == 1 {
        format!("{case_id}.answers.yaml")
    } else {
        format!("{case_id}-{n}.answers.yaml")
    }
}

/// Creates the first free file, so no other process can take the name.
fn reserve(folder: &Path, case_id: &str) -> Result<PathBuf, WriteFailed> {
    for n in 1..10_000 {
        let path = folder.join(numbered(case_id, n));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(WriteFailed {
                    file: path.display().to_string(),
                    reason: crate::load::io_reason(&e),
                })
            }
        }
    }
    // Every name up to the last is taken: the folder is what is full.
    Err(WriteFailed {
        file: folder.display().to_string(),
        reason: format!("no free file name for '{case_id}' (every number is taken)"),
    })
}

/// `<id>.memo.md`, then `<id>-2.memo.md`, … in the folder of the save file.
pub fn memo_name(folder: &Path, case_id: &str) -> PathBuf {
    (1..)
        .map(|n| {
            folder.join(if n == 1 {
                format!("{case_id}.memo.md")
            } else {
                format!("{case_id}-{n}.memo.md")
            })
        })
        .find(|p: &PathBuf| !p.exists())
        .expect("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("c.answers.yaml"), "keep").unwrap();
        let mut saver = Saver::new_in(dir.path());
        assert_eq!(
            saver.path("c").unwrap(),
            dir.path().join("c-2.answers.yaml")
        );
        let path = saver.write("c", "one").unwrap();
        assert_eq!(path, dir.path().join("c-2.answers.yaml"));
        // Later writes replace this session's own file, under any id.
        saver.write("other", "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("c.answers.yaml")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn a_named_file_is_replaced_only_when_it_is_a_save_file_or_forced() {
        let dir = tempfile::tempdir().unwrap();
        let memo = dir.path().join("memo.md");
        std::fs::write(&memo, "# A memo").unwrap();
        let err = Saver::named(&memo, Some("c"), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a fairuse save file"), "{err}");
        assert!(err.contains("--force"), "{err}");
        assert!(Saver::named(&memo, Some("c"), true).is_ok());
        let saved = dir.path().join("c.answers.yaml");
        std::fs::write(&saved, load::save_text("id: c\ntitle: x\n")).unwrap();
        assert!(Saver::named(&saved, Some("c"), false).is_ok());
        let err = Saver::named(&saved, Some("other"), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("another case"), "{err}");
        let new = dir.path().join("new.yaml");
        let mut saver = Saver::named(&new, Some("c"), false).unwrap();
        saver.write("c", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "new");
    }

    #[test]
    fn a_missing_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::into_file(&dir.path().join("no/such.yaml"));
        let err = saver.write("c", "x").unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
        assert!(matches!(saver.state, SaveState::Failed(_)));
    }

    #[test]
    fn the_position_round_trips_through_the_text() {
        let text = load::save_text("id: c\n");
        let at = Position {
            use_id: "first".into(),
            question: Some("kind".into()),
        };
        let with = with_position(&text, &at);
        assert!(is_save_text(&with));
        assert_eq!(position(&with), Some(at));
        assert_eq!(position(&text), None);
    }

    #[test]
    fn file_times_are_shown_in_utc() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_633_600 + 3_660);
        assert_eq!(utc_minutes(t), "2025-12-02 01:01");
    }
}
