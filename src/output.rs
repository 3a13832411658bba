//! Writing files atomically: a temporary file beside the target, then a rename,
//! so a failure never leaves a half-written memo or save file behind.

use crate::error::{io_reason, WriteFailed};
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteFailed> {
    let name = path.display().to_string();
    let fail = |reason: String| WriteFailed {
        file: name.clone(),
        reason,
    };
    if path.is_dir() {
        return Err(fail("is a folder".into()));
    }
    // A link is followed: the file it names is replaced, not the link.
    let resolved = std::fs::canonicalize(path);
    let path = resolved.as_deref().unwrap_or(path);
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        // A device or a pipe (`-o /dev/stdout`) cannot be replaced, and
        // renaming over it would put a regular file in its place.
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(contents))
            .map_err(|e| fail(io_reason(&e)));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        let shown = parent.display();
        return Err(fail(if parent.exists() {
            format!("'{shown}' is a file, not a folder")
        } else {
            format!("folder '{shown}' does not exist")
        }));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fairuse-").suffix(".tmp");
    if let Some(permissions) = permissions(path) {
        builder.permissions(permissions);
    }
    let mut temp = builder
        .tempfile_in(parent)
        .map_err(|e| fail(io_reason(&e)))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| fail(io_reason(&e)))?;
    temp.persist(path).map_err(|e| fail(io_reason(&e.error)))?;
    // Make the rename itself durable; a folder that cannot be synced is no error.
    let _ = std::fs::File::open(parent).and_then(|folder| folder.sync_all());
    Ok(())
}

/// Whether two paths name the same existing file (links followed).
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The replaced file's permissions, or those of a new file (the umask
/// applies), rather than the temporary file's owner-only ones.
fn permissions(path: &Path) -> Option<std::fs::Permissions> {
    match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        #[cfg(unix)]
        Err(_) => Some(std::os::unix::fs::PermissionsExt::from_mode(0o666)),
        #[cfg(not(unix))]
        Err(_) => None,
    }
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
