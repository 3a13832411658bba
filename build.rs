//! Bundles every `cases/*.yaml` into the binary, so that a lawyer can add a case
//! by dropping a file into `cases/` without touching Rust; and the rubric and
//! authorities as JSON, which parses several times faster than YAML at start-up.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=cases");
    let mut ids: Vec<String> = fs::read_dir("cases")
        .expect("cases/ folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    ids.sort();
    let mut code = String::from("pub static BUNDLED_CASES: &[(&str, &str)] = &[\n");
    for id in &ids {
        println!("cargo:rerun-if-changed=cases/{id}.yaml");
        code.push_str(&format!(
            "    ({id:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/cases/{id}.yaml\"))),\n"
        ));
    }
    code.push_str("];\n");
    // The corpus of decided cases, apart from the teaching scenarios.
    code.push_str("pub static BUNDLED_DECIDED: &[(&str, &str)] = &[\n");
    println!("cargo:rerun-if-changed=cases/decided");
    let mut decided: Vec<String> = fs::read_dir("cases/decided")
        .map(|dir| {
            dir.filter_map(|entry| {
                let path = entry.ok()?.path();
                (path.extension()? == "yaml")
                    .then(|| path.file_stem()?.to_str().map(String::from))?
            })
            .collect()
        })
        .unwrap_or_default();
    decided.sort();
    for id in &decided {
        println!("cargo:rerun-if-changed=cases/decided/{id}.yaml");
        code.push_str(&format!(
            "    ({id:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/cases/decided/{id}.yaml\"))),\n"
        ));
    }
    code.push_str("];\n");
    let out_dir = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out_dir).join("bundled_cases.rs"), code).unwrap();
    for name in ["rubric", "authorities"] {
        let source = format!("cases/law/{name}.yaml");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).expect("bundled legal data");
        // A syntax error fails the build here; everything else is checked at
        // run time by the same validation a user's file gets.
        let value: serde_json::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let json = serde_json::to_string(&value).unwrap();
        fs::write(Path::new(&out_dir).join(format!("{name}.json")), json).unwrap();
    }
}
