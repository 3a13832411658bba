//! Checks and bundles the data compiled into the binary.
//!
//! * The text of every `cases/*.yaml` and `cases/decided/*.yaml`, so that a
//!   lawyer can add a case by dropping a file into `cases/` without touching
//!   Rust.
//! * The rubric and authorities (`cases/law/*.yaml`), and the corpus of
//!   decided cases (both folders above, in `load::corpus_sources()` order), as
//!   JSON of the validated and cleaned model, which loads many times faster
//!   than parsing the YAML at every start.
//!
//! Each file goes through the crate's own `src/ingest.rs` (parse, refuse a
//! duplicate key, validate, clean), compiled in here with the modules it uses,
//! exactly as a user's `--rubric`, `--authorities` or case file does at run
//! time. So a mistake in a bundled file stops the build with the message the
//! app would print for it: `cases/law/rubric.yaml:36:9: …` for a parse error,
//! a field path for a semantic one.

// The build script uses only part of each module (no writing, no I/O helpers).
#[allow(dead_code)]
#[path = "src/clean.rs"]
mod clean;
#[allow(dead_code)]
#[path = "src/date.rs"]
mod date;
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/ingest.rs"]
mod ingest;
#[allow(dead_code)]
#[path = "src/library.rs"]
mod library;
#[allow(dead_code, unused_imports)] // and not every type model re-exports
#[path = "src/model/mod.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/sanitize.rs"]
mod sanitize;
#[allow(dead_code)]
#[path = "src/validate.rs"]
mod validate;
#[allow(dead_code)]
#[path = "src/yaml.rs"]
mod yaml;

use error::Invalid;
use library::Source;
use std::{env, fs, path::Path, process::ExitCode};

/// The sources of the modules above: a change to validation changes what the
/// embedded data must pass, so it reruns this script.
const MODULES: &[&str] = &[
    "src/clean.rs",
    "src/date.rs",
    "src/error.rs",
    "src/ingest.rs",
    "src/library.rs",
    "src/model",
    "src/sanitize.rs",
    "src/validate.rs",
    "src/yaml.rs",
];

/// The ids (file stems) of the `.yaml` files in `dir`, sorted.
fn yaml_ids(dir: &str) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}/: {e}"))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    ids.sort();
    ids
}

/// A bundled file, named by its path as a user would give it.
fn source(path: &str) -> Source {
    println!("cargo:rerun-if-changed={path}");
    Source {
        name: path.to_string(),
        text: fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    }
}

/// `static NAME: &[(id, text)]` with each file's text included from `dir`.
fn texts(name: &str, dir: &str, ids: &[String]) -> String {
    let mut code = format!("pub static {name}: &[(&str, &str)] = &[\n");
    for id in ids {
        code.push_str(&format!(
            "    ({id:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{dir}/{id}.yaml\"))),\n"
        ));
    }
    code.push_str("];\n");
    code
}

fn main() -> ExitCode {
    for module in MODULES {
        println!("cargo:rerun-if-changed={module}");
    }
    println!("cargo:rerun-if-changed=cases");
    println!("cargo:rerun-if-changed=cases/decided");
    let bundled = yaml_ids("cases");
    // The corpus of decided cases, apart from the teaching scenarios.
    let decided = yaml_ids("cases/decided");
    let out_dir = env::var("OUT_DIR").unwrap();
    let out = |file: &str, text: String| fs::write(Path::new(&out_dir).join(file), text).unwrap();
    out(
        "bundled_cases.rs",
        texts("BUNDLED_CASES", "cases", &bundled)
            + &texts("BUNDLED_DECIDED", "cases/decided", &decided),
    );

    let library = match ingest::library(
        &source("cases/law/rubric.yaml"),
        &source("cases/law/authorities.yaml"),
    ) {
        Ok(library) => library,
        Err(e) => return fail(&e),
    };
    // Every broken case is reported, not only the first.
    let mut corpus = Vec::new();
    let mut problems = Vec::new();
    let paths = bundled
        .iter()
        .map(|id| format!("cases/{id}.yaml"))
        .chain(decided.iter().map(|id| format!("cases/decided/{id}.yaml")));
    for path in paths {
        match ingest::case(&source(&path), &library) {
            Ok(case) => corpus.push(case),
            Err(e) => problems.extend(e.into_problems()),
        }
    }
    if let Err(e) = Invalid::check(problems) {
        return fail(&e);
    }
    out("rubric.json", json(&library.rubric));
    out("authorities.json", json(&library.authorities));
    out("corpus.json", json(&corpus));
    ExitCode::SUCCESS
}

/// Stops the build, each problem one line of cargo's output.
fn fail(problems: &Invalid) -> ExitCode {
    for line in problems.lines() {
        println!("cargo::error={line}");
    }
    ExitCode::FAILURE
}

/// The model as JSON, which `load` reads back at run time.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the model serializes")
}
