//! Bundles every `cases/*.yaml` into the binary, so that a lawyer can add a case
//! by dropping a file into `cases/` without touching Rust.

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
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("bundled_cases.rs");
    fs::write(out, code).unwrap();
}
