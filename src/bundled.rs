//! The data compiled into the binary: every `cases/*.yaml`, and the rubric and
//! authorities as JSON made by build.rs.

use crate::library::Source;

include!(concat!(env!("OUT_DIR"), "/bundled_cases.rs"));

// The bundled legal data, converted from YAML to JSON by build.rs.
pub(crate) const RUBRIC_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rubric.json"));
pub(crate) const AUTHORITIES_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/authorities.json"));
pub(crate) const RUBRIC_NAME: &str = "cases/law/rubric.yaml (bundled)";
pub(crate) const AUTHORITIES_NAME: &str = "cases/law/authorities.yaml (bundled)";

/// Ids and titles of the bundled cases, sorted by id.
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
