//! The data compiled into the binary, all of it made by build.rs: the text of
//! every `cases/*.yaml` and `cases/decided/*.yaml`; and, as JSON of the
//! validated and cleaned model, the rubric, the authorities and the corpus
//! of decided cases (both sets of cases, loaded against the bundled library).
//! build.rs puts each file through `ingest`, as a user's file is at
//! run time, so a mistake in one stops the build with its file and line.

use crate::library::Source;

include!(concat!(env!("OUT_DIR"), "/bundled_cases.rs"));

// The bundled legal data and corpus, checked and converted to JSON by build.rs.
pub(crate) const RUBRIC_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rubric.json"));
pub(crate) const AUTHORITIES_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/authorities.json"));
/// `load::corpus_sources()` as a JSON list of cases, in the same order.
pub(crate) const CORPUS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus.json"));
pub(crate) const RUBRIC_NAME: &str = "cases/law/rubric.yaml (bundled)";
pub(crate) const AUTHORITIES_NAME: &str = "cases/law/authorities.yaml (bundled)";
pub(crate) const CORPUS_NAME: &str = "cases/*.yaml and cases/decided/*.yaml (bundled)";

/// Ids and texts of the bundled cases, sorted by id.
pub fn bundled_cases() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUNDLED_CASES.iter().copied()
}

pub fn bundled_case(id: &str) -> Option<Source> {
    BUNDLED_CASES
        .iter()
        .find(|(bundled, _)| *bundled == id)
        .map(|(id, text)| Source {
            name: format!("cases/{id}.yaml (bundled)"),
            text: (*text).to_string(),
        })
}

/// The corpus of decided cases (`cases/decided/*.yaml`), sorted by id.
pub fn decided_cases() -> impl Iterator<Item = Source> {
    BUNDLED_DECIDED.iter().map(|(id, text)| Source {
        name: format!("cases/decided/{id}.yaml (bundled)"),
        text: (*text).to_string(),
    })
}
