//! Reading the files and the bundled data: the only way data enters the model.
//!
//! A user's file is read here and goes through `ingest` (parse,
//! validate, clean); the bundled rubric, authorities and corpus went through
//! the same steps at build time and are read back from the JSON build.rs made.
//! Every error names its file, with line:column for parse errors and a field
//! path (`use 1 (training), answers.acquisition`) for validation errors.

use crate::bundled;
pub use crate::bundled::{bundled_case, bundled_cases};
pub use crate::error::{io_reason, Invalid};
pub use crate::ingest::save_text;
pub use crate::library::{Library, Source};
use crate::model::{AuthorityLibrary, Case, Rubric};
use crate::{ingest, validate, yaml};
use std::io::Read;
use std::path::Path;

/// Data build.rs made from a bundled file: it went through `ingest` at
/// build time, so it needs no checking, only reading back.
fn embedded<T: serde::de::DeserializeOwned>(json: &str, name: &str) -> Result<T, Invalid> {
    serde_json::from_str(json).map_err(|e| Invalid::at(name, e.to_string()))
}

/// Serializes `value` into a comparison with `expected`: true when the JSON
/// written is exactly `expected`. Stops at the first byte that differs.
fn serializes_to<T: serde::Serialize>(value: &T, expected: &str) -> bool {
    struct Compare<'a>(&'a [u8]);
    impl std::io::Write for Compare<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            match self.0.strip_prefix(buf) {
                Some(rest) => {
                    self.0 = rest;
                    Ok(buf.len())
                }
                None => Err(std::io::ErrorKind::InvalidData.into()),
            }
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut rest = Compare(expected.as_bytes());
    serde_json::to_writer(&mut rest, value).is_ok() && rest.0.is_empty()
}

impl Library {
    /// The rubric and authorities compiled into the binary, checked at build time.
    pub fn bundled() -> Result<Library, Invalid> {
        Ok(Library {
            rubric: embedded(bundled::RUBRIC_JSON, bundled::RUBRIC_NAME)?,
            authorities: embedded(bundled::AUTHORITIES_JSON, bundled::AUTHORITIES_NAME)?,
        })
    }

    /// The bundled library, with either file replaced by the user's own.
    pub fn load(rubric: Option<&Path>, authorities: Option<&Path>) -> Result<Library, Invalid> {
        let authorities: AuthorityLibrary = match authorities {
            Some(path) => ingest::authorities(&read(path)?)?,
            None => embedded(bundled::AUTHORITIES_JSON, bundled::AUTHORITIES_NAME)?,
        };
        let rubric: Rubric = match rubric {
            Some(path) => ingest::rubric(&read(path)?, &authorities)?,
            None => {
                let rubric = embedded(bundled::RUBRIC_JSON, bundled::RUBRIC_NAME)?;
                // The bundled rubric fits the bundled authorities (build.rs
                // checked); the user's own must still have what it cites.
                validate::rubric(&rubric, &authorities, bundled::RUBRIC_NAME)?;
                rubric
            }
        };
        Ok(Library {
            rubric,
            authorities,
        })
    }

    /// A library from YAML texts, as if given with `--rubric` and `--authorities`.
    pub fn from_sources(rubric: &Source, authorities: &Source) -> Result<Library, Invalid> {
        ingest::library(rubric, authorities)
    }

    /// Whether this is the bundled library: its rubric and authorities are
    /// exactly those compiled in (however they were loaded, and unchanged
    /// since). Costs at most one serialization of the library, compared with
    /// the embedded JSON as it is written and stopped at the first difference.
    pub fn is_bundled(&self) -> bool {
        serializes_to(&self.authorities, bundled::AUTHORITIES_JSON)
            && serializes_to(&self.rubric, bundled::RUBRIC_JSON)
    }

    /// Parses, validates and cleans a case file against this library.
    pub fn case(&self, source: &Source) -> Result<Case, Invalid> {
        ingest::case(source, self)
    }

    /// Every bundled case, loaded and validated against this library.
    pub fn bundled_cases(&self) -> Result<Vec<Case>, Invalid> {
        bundled_cases()
            .map(|(id, _)| self.case(&bundled_case(id).expect("listed")))
            .collect()
    }
}

/// The decided uses closest cases are drawn from: every bundled case with a
/// court ruling, and the corpus of decided cases (`cases/decided/*.yaml`).
/// Under a user's own rubric, bundled cases that do not fit it are left out
/// (their answers mean nothing there); the bundled rubric fits them all,
/// which build.rs checks.
pub fn corpus(library: &Library) -> Result<crate::engine::Corpus, Invalid> {
    let cases: Vec<Case> = if library.is_bundled() {
        embedded_corpus()?
    } else {
        corpus_sources()
            .filter_map(|source| library.case(&source).ok())
            .collect()
    };
    Ok(crate::engine::Corpus::from_cases(
        &library.rubric,
        &library.authorities,
        &cases,
    ))
}

/// The bundled cases and the decided-case corpus, loaded and validated.
pub fn corpus_cases(library: &Library) -> Result<Vec<Case>, Invalid> {
    if library.is_bundled() {
        return embedded_corpus();
    }
    corpus_sources()
        .map(|source| library.case(&source))
        .collect()
}

/// [`corpus_sources`] as build.rs loaded them against the bundled library:
/// read back from JSON, not parsed again from YAML at every start.
fn embedded_corpus() -> Result<Vec<Case>, Invalid> {
    embedded(bundled::CORPUS_JSON, bundled::CORPUS_NAME)
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
        Invalid::at(
            "fairuse",
            format!(
                "no file or bundled case named '{}' (`fairuse cases` lists the bundled ones)",
                arg.escape_debug()
            ),
        )
    })
}

/// Reads a text file, refusing folders, huge files, binary data and non-UTF-8.
pub fn read(path: &Path) -> Result<Source, Invalid> {
    let name = path.display().to_string();
    let fail = |why: String| Invalid::at(&name, why);
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

    fn bundled_file(name: &str) -> Source {
        read(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("cases/law")
                .join(name),
        )
        .unwrap()
    }

    fn json<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn the_embedded_library_is_what_the_user_file_path_makes_of_the_same_yaml() {
        let bundled = Library::bundled().unwrap();
        let rubric = bundled_file("rubric.yaml");
        let authorities = bundled_file("authorities.yaml");
        let from_yaml = Library::from_sources(&rubric, &authorities).unwrap();
        assert_eq!(json(&from_yaml.rubric), json(&bundled.rubric));
        assert_eq!(json(&from_yaml.authorities), json(&bundled.authorities));
        assert_eq!(json(&bundled.rubric), bundled::RUBRIC_JSON);
        assert_eq!(json(&bundled.authorities), bundled::AUTHORITIES_JSON);
        // Either file given by path, with the other bundled.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/law");
        for (r, a) in [(true, false), (false, true), (true, true)] {
            let rubric = dir.join("rubric.yaml");
            let authorities = dir.join("authorities.yaml");
            let loaded = Library::load(
                r.then_some(rubric.as_path()),
                a.then_some(authorities.as_path()),
            )
            .unwrap();
            assert_eq!(json(&loaded.rubric), json(&bundled.rubric), "{r} {a}");
            assert_eq!(json(&loaded.authorities), json(&bundled.authorities));
        }
        assert!(bundled.is_bundled());
        assert!(from_yaml.is_bundled(), "the same law, however loaded");
    }

    #[test]
    fn a_changed_library_is_not_the_bundled_one() {
        let mut rubric = Library::bundled().unwrap();
        rubric.rubric.factors[0].weight += 0.01;
        assert!(!rubric.is_bundled());
        let mut authorities = Library::bundled().unwrap();
        authorities.authorities.authorities.pop();
        assert!(!authorities.is_bundled());
        let mut longer = Library::bundled().unwrap();
        longer.authorities.current_to.push('0');
        assert!(!longer.is_bundled());
    }

    #[test]
    fn the_embedded_corpus_is_the_sources_loaded_one_by_one() {
        let library = Library::bundled().unwrap();
        let one_by_one: Vec<Case> = corpus_sources()
            .map(|source| library.case(&source).unwrap())
            .collect();
        assert_eq!(
            one_by_one.len(),
            bundled::BUNDLED_CASES.len() + bundled::BUNDLED_DECIDED.len()
        );
        assert_eq!(embedded_corpus().unwrap(), one_by_one);
        assert_eq!(corpus_cases(&library).unwrap(), one_by_one);
        // Another library's corpus is parsed from the YAML, as before.
        let mut other = library.clone();
        other.rubric.factors[0].weight += 0.01;
        assert_eq!(corpus_cases(&other).unwrap(), one_by_one);
    }

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
