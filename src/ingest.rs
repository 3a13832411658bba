//! The one way in for every file: text → parse → validate → clean, for the
//! authorities, the rubric and a case. No I/O: [`crate::load`] reads the
//! user's files and calls these at run time, and build.rs compiles this
//! module (with the modules it uses) to put the bundled rubric, authorities
//! and cases through the very same steps at build time.
//!
//! Every error names its file, with line:column for parse errors and a field
//! path (`use 1 (training), answers.acquisition`) for validation errors.

use crate::error::Invalid;
use crate::library::{Library, Source};
use crate::model::{AuthorityLibrary, Case, Rubric};
use crate::{clean, validate, yaml};

/// Parses one YAML document into `T`: a key repeated in a mapping, an
/// unknown field or a value of the wrong type is an error at its line:column.
pub fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Invalid> {
    if source.text.trim().is_empty() {
        return Err(Invalid::at(&source.name, "file is empty"));
    }
    yaml::parse(&source.text).map_err(|e| e.in_file(&source.name))
}

/// An authorities file, parsed, validated and cleaned.
pub fn authorities(source: &Source) -> Result<AuthorityLibrary, Invalid> {
    let mut library: AuthorityLibrary = parse(source)?;
    validate::authorities(&library, &source.name)?;
    clean::authorities(&mut library);
    Ok(library)
}

/// A rubric file, parsed, validated against the authorities it cites, and cleaned.
pub fn rubric(source: &Source, authorities: &AuthorityLibrary) -> Result<Rubric, Invalid> {
    let mut rubric: Rubric = parse(source)?;
    validate::rubric(&rubric, authorities, &source.name)?;
    clean::rubric(&mut rubric);
    Ok(rubric)
}

/// A library from its two files: the authorities first, as the rubric cites them.
pub fn library(rubric: &Source, authorities: &Source) -> Result<Library, Invalid> {
    let authorities = self::authorities(authorities)?;
    let rubric = self::rubric(rubric, &authorities)?;
    Ok(Library {
        rubric,
        authorities,
    })
}

/// A case file, parsed, validated against the library, and cleaned.
pub fn case(source: &Source, library: &Library) -> Result<Case, Invalid> {
    let mut case: Case = parse(source)?;
    validate::case(&case, library, &source.name)?;
    check_complete(source)?;
    clean::case(&mut case);
    Ok(case)
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
        return Err(Invalid::at(
            &source.name,
            format!(
                "this save file is cut short: its last line should be '{SAVE_FOOTER}' \
                 (add it back if you removed it while editing)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUBRIC: &str = include_str!("../cases/law/rubric.yaml");
    const AUTHORITIES: &str = include_str!("../cases/law/authorities.yaml");

    fn source(name: &str, text: &str) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The bundled library's files, with the rubric's text edited.
    fn library_with(rubric: String) -> Result<Library, Invalid> {
        library(
            &source("cases/law/rubric.yaml", &rubric),
            &source("cases/law/authorities.yaml", AUTHORITIES),
        )
    }

    /// The 1-based number of the first line of `text` that is exactly `line`.
    fn line_of(text: &str, line: &str) -> usize {
        text.lines().position(|l| l == line).expect("line in text") + 1
    }

    /// `text` with `line` (the first line exactly so) replaced by `with`.
    fn replace_line(text: &str, line: &str, with: &str) -> String {
        let n = line_of(text, line);
        let mut out: Vec<&str> = text.lines().collect();
        out[n - 1] = with;
        out.join("\n") + "\n"
    }

    #[test]
    fn the_bundled_files_pass() {
        let library = library_with(RUBRIC.into()).unwrap();
        assert!(!library.rubric.factors.is_empty());
    }

    #[test]
    fn a_duplicate_key_names_its_line_and_column() {
        let at = line_of(RUBRIC, "version: 2");
        let err = library_with(replace_line(RUBRIC, "version: 2", "version: 2\nversion: 2"))
            .unwrap_err()
            .to_string();
        let expected = format!(
            "cases/law/rubric.yaml:{}:1: duplicate key 'version'",
            at + 1
        );
        assert!(err.starts_with(&expected), "{err}\nexpected {expected}");

        // Nested: a side's `authorities` given twice.
        let line = "        authorities: [bartz]";
        let at = line_of(RUBRIC, line);
        let err = library_with(replace_line(RUBRIC, line, &format!("{line}\n{line}")))
            .unwrap_err()
            .to_string();
        let expected = format!(
            "cases/law/rubric.yaml:{}:9: views item 1, sides item 1: duplicate key 'authorities'",
            at + 1
        );
        assert!(err.starts_with(&expected), "{err}\nexpected {expected}");
    }

    #[test]
    fn an_unknown_field_names_its_line_and_path() {
        let line = "  - id: pirated-source-taint";
        let at = line_of(RUBRIC, line) + 1;
        let text = RUBRIC.replacen(
            "    point: \"whether copying",
            "    piont: \"whether copying",
            1,
        );
        let err = library_with(text).unwrap_err().to_string();
        let expected = format!(
            "cases/law/rubric.yaml:{at}:5: views item 1: unknown field `piont`, \
             expected one of `id`, `point`, `sides`; did you mean `point`?"
        );
        assert_eq!(err, expected);
    }

    #[test]
    fn a_misspelt_authority_names_its_field_path() {
        let line = "        authorities: [bartz]";
        let err = library_with(replace_line(RUBRIC, line, "        authorities: [bratz]"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "cases/law/rubric.yaml: views[0].sides[0].authorities 1: unknown authority 'bratz'; \
             did you mean 'bartz'?"
        );
    }

    #[test]
    fn a_case_goes_through_the_same_steps() {
        let library = library_with(RUBRIC.into()).unwrap();
        let text = include_str!("../cases/kadrey-v-meta.yaml");
        let case = case(&source("cases/kadrey-v-meta.yaml", text), &library).unwrap();
        assert_eq!(case.uses.len(), 2);
        let err = super::case(
            &source(
                "cases/kadrey-v-meta.yaml",
                &text.replacen("title:", "titel:", 1),
            ),
            &library,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("cases/kadrey-v-meta.yaml:") && err.contains("unknown field `titel`"),
            "{err}"
        );
    }
}
