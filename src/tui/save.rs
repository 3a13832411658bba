//! Where answers are saved, and the file I/O that saves them.
//!
//! The save file is an ordinary case file, written atomically. Without
//! `--save`, it is a new file in the current folder named after the case,
//! and an existing file is never overwritten: the first free name is taken.

use crate::output::write_atomic;
use std::fs::OpenOptions;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The save file: named by the user, or chosen on the first save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveTarget {
    /// The file named with `--save`, or the one chosen for this session.
    pub path: Option<PathBuf>,
    /// True when the user named the file.
    pub explicit: bool,
    /// True once this session has written the file.
    pub written: bool,
    /// The folder for a chosen file.
    pub folder: PathBuf,
    /// What the last attempt did, for the status bar.
    pub state: SaveState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed yet.
    Idle,
    Saved,
    /// The scenario cannot be saved yet, and why.
    NotYet(String),
    /// Writing failed, and why.
    Failed(String),
}

impl SaveTarget {
    /// The file the user named with `--save`.
    pub fn named(path: &Path) -> Self {
        SaveTarget {
            path: Some(path.to_path_buf()),
            explicit: true,
            written: false,
            folder: PathBuf::from("."),
            state: SaveState::Idle,
        }
    }

    /// A new file in `folder`, chosen on the first save.
    pub fn new_in(folder: &Path) -> Self {
        SaveTarget {
            path: None,
            explicit: false,
            written: false,
            folder: folder.to_path_buf(),
            state: SaveState::Idle,
        }
    }

    /// The file that will be written (or was): for the status bar.
    pub fn shown(&self, case_id: &str) -> Option<PathBuf> {
        if self.path.is_some() || case_id.is_empty() {
            return self.path.clone();
        }
        Some(free_name(&self.folder, case_id))
    }

    /// Writes the case file text. The first write of a chosen file reserves a
    /// free name; later writes replace this session's own file.
    pub fn write(&mut self, case_id: &str, yaml: &str) -> Result<PathBuf, String> {
        let path = match (&self.path, self.explicit || self.written) {
            (Some(path), true) => path.clone(),
            _ => reserve(&self.folder, case_id).map_err(|e| e.to_string())?,
        };
        self.path = Some(path.clone());
        match write_atomic(&path, yaml.as_bytes()) {
            Ok(()) => {
                self.written = true;
                self.state = SaveState::Saved;
                Ok(path)
            }
            Err(e) => {
                let why = e.to_string();
                self.state = SaveState::Failed(why.clone());
                Err(why)
            }
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
fn reserve(folder: &Path, case_id: &str) -> std::io::Result<PathBuf> {
    for n in 1..10_000 {
        let path = folder.join(numbered(case_id, n));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(std::io::Error::new(
                    e.kind(),
                    format!(
                        "{}: cannot write: {}",
                        path.display(),
                        crate::load::io_reason(&e)
                    ),
                ))
            }
        }
    }
    Err(std::io::Error::other("no free file name"))
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
        let mut target = SaveTarget::new_in(dir.path());
        assert_eq!(
            target.shown("c").unwrap(),
            dir.path().join("c-2.answers.yaml")
        );
        let path = target.write("c", "one").unwrap();
        assert_eq!(path, dir.path().join("c-2.answers.yaml"));
        // Later writes replace this session's own file, under any id.
        target.write("other", "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("c.answers.yaml")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn a_named_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let named = dir.path().join("mine.yaml");
        std::fs::write(&named, "old").unwrap();
        let mut target = SaveTarget::named(&named);
        target.write("c", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&named).unwrap(), "new");
    }

    #[test]
    fn a_missing_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut target = SaveTarget::named(&dir.path().join("no/such.yaml"));
        let err = target.write("c", "x").unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        assert!(matches!(target.state, SaveState::Failed(_)));
    }
}
