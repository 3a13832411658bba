//! Reading and validating the YAML files: the only way data enters the model.
//!
//! Every error names its file, with line:column for parse errors and a field
//! path (`uses[0].answers.acquisition`) for validation errors.

use crate::bundled;
pub use crate::bundled::{bundled_case, bundled_cases};
pub use crate::error::{io_reason, Invalid};
pub use crate::library::{Library, Source};
use crate::model::{AuthorityLibrary, Case, Rubric};
use crate::{clean, validate, yaml};
use std::io::Read;
use std::path::Path;

/// One of the library's two files: bundled (JSON made at build time) or the user's.
enum LibraryFile {
    Bundled {
        json: &'static str,
        name: &'static str,
    },
    User(Source),
}

impl LibraryFile {
    fn name(&self) -> &str {
        match self {
            LibraryFile::Bundled { name, .. } => name,
            LibraryFile::User(source) => &source.name,
        }
    }

    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, Invalid> {
        match self {
            LibraryFile::Bundled { json, name } => {
                serde_json::from_str(json).map_err(|e| Invalid::one(format!("{name}: {e}")))
            }
            LibraryFile::User(source) => parse(source),
        }
    }
}

const RUBRIC: LibraryFile = LibraryFile::Bundled {
    json: bundled::RUBRIC_JSON,
    name: bundled::RUBRIC_NAME,
};
const AUTHORITIES: LibraryFile = LibraryFile::Bundled {
    json: bundled::AUTHORITIES_JSON,
    name: bundled::AUTHORITIES_NAME,
};

impl Library {
    /// The rubric and authorities compiled into the binary.
    pub fn bundled() -> Result<Library, Invalid> {
        Library::assemble(&RUBRIC, &AUTHORITIES)
    }

    /// The bundled library, with either file replaced by the user's own.
    pub fn load(rubric: Option<&Path>, authorities: Option<&Path>) -> Result<Library, Invalid> {
        let user = |path: Option<&Path>, bundled| -> Result<LibraryFile, Invalid> {
            Ok(match path {
                Some(path) => LibraryFile::User(read(path)?),
                None => bundled,
            })
        };
        Library::assemble(&user(rubric, RUBRIC)?, &user(authorities, AUTHORITIES)?)
    }

    /// A library from YAML texts, as if given with `--rubric` and `--authorities`.
    pub fn from_sources(rubric: &Source, authorities: &Source) -> Result<Library, Invalid> {
        Library::assemble(
            &LibraryFile::User(rubric.clone()),
            &LibraryFile::User(authorities.clone()),
        )
    }

    fn assemble(rubric: &LibraryFile, authorities: &LibraryFile) -> Result<Library, Invalid> {
        let mut library: AuthorityLibrary = authorities.parse()?;
        validate::authorities(&library, authorities.name())?;
        clean::authorities(&mut library);
        let mut parsed: Rubric = rubric.parse()?;
        validate::rubric(&parsed, &library, rubric.name())?;
        clean::rubric(&mut parsed);
        Ok(Library {
            rubric: parsed,
            authorities: library,
        })
    }

    /// Parses, validates and cleans a case file against this library.
    pub fn case(&self, source: &Source) -> Result<Case, Invalid> {
        let mut case: Case = parse(source)?;
        validate::case(&case, self, &source.name)?;
        check_complete(source)?;
        clean::case(&mut case);
        Ok(case)
    }

    /// Every bundled case, loaded and validated against this library.
    pub fn bundled_cases(&self) -> Result<Vec<Case>, Invalid> {
        bundled_cases()
            .map(|(id, _)| self.case(&bundled_case(id).expect("listed")))
            .collect()
    }
}

fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Invalid> {
    if source.text.trim().is_empty() {
        return Err(Invalid::one(format!("{}: file is empty", source.name)));
    }
    yaml::parse(&source.text).map_err(|e| {
        // "case.yaml:3:1: …" with a position, "case.yaml: …" without.
        let sep = if e.line.is_some() { ":" } else { ": " };
        Invalid::one(format!("{}{sep}{e}", source.name))
    })
}

/// The first and last lines of a file saved by the walkthrough. Saves are
/// atomic, but a file can still be cut short later (a copy that stopped, a
/// full disk elsewhere); a cut at a line break would otherwise load as a
/// valid case with fewer answers.
const SAVE_HEADER: &str = "# fairuse save file: an ordinary case file, saved by `fairuse tui`.";
const SAVE_FOOTER: &str = "# end of fairuse save file";

/// A case file's text as the walkthrough saves it: marked at both ends.
pub fn save_text(yaml: &str) -> String {
    format!("{SAVE_HEADER}\n{yaml}{SAVE_FOOTER}\n")
}

fn check_complete(source: &Source) -> Result<(), Invalid> {
    if source.text.starts_with(SAVE_HEADER) && !source.text.trim_end().ends_with(SAVE_FOOTER) {
        return Err(Invalid::one(format!(
            "{}: this save file is cut short: its last line should be '{SAVE_FOOTER}' \
             (add it back if you removed it while editing)",
            source.name
        )));
    }
    Ok(())
}

/// The decided uses closest cases are drawn from: every bundled case with a
/// court ruling, and the corpus of decided cases (`cases/decided/*.yaml`).
/// Under a user's own rubric, bundled cases that do not fit it are left out
/// (their answers mean nothing there); the bundled rubric fits them all,
/// which the legal-content tests check.
pub fn corpus(library: &Library) -> Result<crate::engine::Corpus, Invalid> {
    let cases: Vec<Case> = corpus_sources()
        .filter_map(|source| library.case(&source).ok())
        .collect();
    Ok(crate::engine::Corpus::from_cases(
        &library.rubric,
        &library.authorities,
        &cases,
    ))
}

/// The bundled cases and the decided-case corpus, loaded and validated.
pub fn corpus_cases(library: &Library) -> Result<Vec<Case>, Invalid> {
    corpus_sources()
        .map(|source| library.case(&source))
        .collect()
}

/// Every decided-case source: the bundled cases and the corpus.
pub fn corpus_sources() -> impl Iterator<Item = Source> {
    bundled::bundled_cases()
        .map(|(id, _)| bundled_case(id).expect("listed"))
        .chain(bundled::decided_cases())
}

/// A case named on the command line: a file if one exists, else a bundled id.
pub fn resolve_case(arg: &str) -> Result<Source, Invalid> {
    let path = Path::new(arg);
    if path.exists() || arg.contains('/') || arg.ends_with(".yaml") || arg.ends_with(".yml") {
        return read(path);
    }
    bundled_case(arg).ok_or_else(|| {
        Invalid::one(format!(
            "fairuse: no file or bundled case named '{}' (`fairuse cases` lists the bundled ones)",
            arg.escape_debug()
        ))
    })
}

/// Reads a text file, refusing folders, huge files, binary data and non-UTF-8.
pub fn read(path: &Path) -> Result<Source, Invalid> {
    let name = path.display().to_string();
    let fail = |why: String| Invalid::one(format!("{name}: {why}"));
    let metadata = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
    if metadata.is_dir() {
        return Err(fail("is a folder, not a file".into()));
    }
    // A FIFO would block `open()` until a writer came; a device may never end.
    // Only regular files are read (links are followed by `metadata`).
    if !metadata.is_file() {
        return Err(fail(
            "is not a regular file (a pipe, socket or device); give the path of a file".into(),
        ));
    }
    let limit = yaml::MAX_BYTES as u64;
    if metadata.len() > limit {
        return Err(fail(format!(
            "file is {} bytes; the limit is {limit} bytes",
            metadata.len()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!(
            "file is larger than the limit of {limit} bytes"
        )));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(fail("is UTF-16 text; save it as UTF-8".into()));
    }
    if bytes.contains(&0) {
        return Err(fail(
            "contains binary data (NUL bytes), not YAML text".into(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Source { name, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_file_cut_at_a_line_break_is_reported() {
        let library = Library::bundled().unwrap();
        let case = library
            .case(&bundled_case("kadrey-v-meta").unwrap())
            .unwrap();
        let text = save_text(&crate::yaml::to_string(&case).unwrap());
        let source = |text: &str| Source {
            name: "saved.yaml".into(),
            text: text.to_string(),
        };
        assert_eq!(library.case(&source(&text)).unwrap(), case);
        // Dropping the second use leaves valid YAML and a valid, smaller case.
        let second_use = text.rfind("\n- id:").expect("two uses");
        let err = library.case(&source(&text[..=second_use])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("saved.yaml: this save file is cut short"),
            "{err}"
        );
        // A case file written by hand has no markers and needs none.
        let plain = crate::yaml::to_string(&case).unwrap();
        assert!(library
            .case(&source(&plain[..=plain.rfind("\n- id:").unwrap()]))
            .is_ok());
    }
}
