//! fairuse: a workbench for U.S. fair-use analysis (17 U.S.C. § 107) of
//! AI-training scenarios.
//!
//! Data flows one way: YAML files → [`load`] (parse, validate, sanitize) →
//! [`model`] → [`engine`] (pure scoring) → [`report`] (table, JSON, memo) or
//! the [`tui`].

mod clean;
pub mod cli;
pub mod date;
pub mod engine;
pub mod load;
pub mod model;
pub mod output;
pub mod report;
pub mod sanitize;
pub mod tui;
mod validate;
pub mod yaml;

pub use load::{Invalid, Library, Source};
