//! fairuse: a workbench for U.S. fair-use analysis (17 U.S.C. § 107) of
//! AI-training scenarios.
//!
//! Data flows one way: YAML files → [`load`] (reading) and `ingest` (parse,
//! validate, sanitize; build.rs puts the bundled files through it too) →
//! [`model`] → [`engine`] (pure scoring) → [`report`] (table, JSON, memo) or
//! the [`tui`] → [`cli`]. Imports point the same way, down the layers:
//! [`error`], [`sanitize`] and [`date`] at the bottom, then [`model`], then
//! [`engine`] and [`yaml`], [`library`] (the shared types), [`bundled`],
//! `validate` and `clean`, `ingest`, [`load`] and [`output`],
//! [`report`], [`tui`], [`cli`]. `tests/layers.rs` fails if a module imports
//! upward.

// No unsafe code anywhere: hostile input is screened by a parser with
// budgets (serde-saphyr), not by calls into C.
#![forbid(unsafe_code)]

pub mod bundled;
mod clean;
pub mod cli;
pub mod date;
pub mod engine;
pub mod error;
mod ingest;
pub mod library;
pub mod load;
pub mod model;
pub mod output;
pub mod report;
pub mod sanitize;
pub mod tui;
mod validate;
pub mod yaml;

pub use error::Invalid;
pub use library::{Library, Source};
