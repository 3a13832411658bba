//! The crate's layers point one way. Each top-level module of `src/` has a
//! rank; a module may import (`crate::x`, `use crate::{x, ..}`) only modules of
//! a lower rank, or itself. Test code (`#[cfg(test)]` onwards, `tests.rs`) and
//! comments are exempt. A module that is not in the table fails the test, so a
//! new one must be placed deliberately.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const RANKS: &[(&str, u32)] = &[
    ("error", 0),
    ("sanitize", 0),
    ("date", 0),
    ("model", 1),
    ("engine", 2),
    ("yaml", 2),
    ("library", 3),
    ("bundled", 4),
    ("validate", 4),
    ("clean", 4),
    ("ingest", 5),
    ("load", 6),
    ("output", 6),
    ("report", 7),
    ("tui", 8),
    ("cli", 9),
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a line of code names as `crate::x` or `use crate::{x, y}`.
fn imports(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `fairuse_crate::`, not ours
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

#[test]
fn modules_import_only_lower_layers() {
    let ranks: BTreeMap<&str, u32> = RANKS.iter().copied().collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut upward = Vec::new();
    for path in all {
        let relative = path.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap();
        let module = first.as_os_str().to_str().unwrap().trim_end_matches(".rs");
        if module == "lib" || module == "main" || relative.ends_with("tests.rs") {
            continue;
        }
        let Some(&rank) = ranks.get(module) else {
            panic!("src/{module} has no rank in tests/layers.rs; place it in a layer");
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("#[cfg(test)]") {
                break;
            }
            if code.starts_with("//") {
                continue;
            }
            for target in imports(code) {
                if target == module {
                    continue;
                }
                match ranks.get(target.as_str()) {
                    Some(&r) if r < rank => {}
                    Some(_) => upward.push(format!(
                        "src/{}:{}: {module} imports {target}",
                        relative.display(),
                        n + 1
                    )),
                    None => {} // an item of lib.rs, such as a re-export
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up or sideways:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_scanner_sees_grouped_and_inline_imports() {
    assert_eq!(
        imports("use crate::{clean, validate, yaml};"),
        ["clean", "validate", "yaml"]
    );
    assert_eq!(imports("let x = crate::cli::memo(a);"), ["cli"]);
    assert!(imports("use std::fmt;").is_empty());
}
