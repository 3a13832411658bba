//! Writing files atomically: a temporary file beside the target, then a rename,
//! so a failure never leaves a half-written memo or save file behind.

use crate::load::{io_reason, Invalid};
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Invalid> {
    let name = path.display().to_string();
    let fail = |why: String| Invalid::one(format!("{name}: cannot write: {why}"));
    if path.is_dir() {
        return Err(fail("is a folder".into()));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(fail(format!(
            "folder '{}' does not exist",
            parent.display()
        )));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".fairuse-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| fail(io_reason(&e)))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| fail(io_reason(&e)))?;
    temp.persist(path).map_err(|e| fail(io_reason(&e.error)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("memo.md");
        write_atomic(&target, b"first").unwrap();
        write_atomic(&target, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("nope/memo.md");
        let err = write_atomic(&target, b"x").unwrap_err().to_string();
        assert!(err.ends_with("does not exist"), "{err}");
        assert!(!target.exists());
    }
}
