//! Every command, run through the real binary as a user would.

use std::path::Path;
use std::process::{Command, Output};

fn fairuse(args: &[&str]) -> Output {
    fairuse_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn fairuse_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run fairuse")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// The `case` of every entry in `score --format json` output, in order.
fn case_ids(json: &serde_json::Value) -> Vec<&str> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|c| c["case"].as_str().unwrap())
        .collect()
}

fn bundled_ids() -> Vec<String> {
    let mut ids: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases"))
            .unwrap()
            .filter_map(|e| {
                let p = e.unwrap().path();
                (p.extension()? == "yaml")
                    .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
            })
            .collect();
    ids.sort();
    ids
}

#[test]
fn cases_lists_every_bundled_case_with_its_title() {
    let out = fairuse(&["cases"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let listed: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(listed, bundled_ids());
    assert!(text.contains("Kadrey v. Meta"), "{text}");
}

#[test]
fn score_prints_a_row_per_use_for_files_and_bundled_ids() {
    let out = fairuse(&["score", "cases/kadrey-v-meta.yaml", "bartz-v-anthropic"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for column in ["CASE", "USE", "F1", "F2", "F3", "F4", "SCORE", "CONCLUSION"] {
        assert!(header.contains(column), "{header}");
    }
    let rows: Vec<&str> = lines.collect();
    assert!(rows
        .iter()
        .any(|r| r.starts_with("kadrey-v-meta") && r.contains("training")));
    assert_eq!(
        rows.iter()
            .filter(|r| r.starts_with("bartz-v-anthropic"))
            .count(),
        3
    );
}

#[test]
fn score_with_no_files_scores_every_bundled_case() {
    let out = fairuse(&["score", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = case_ids(&json);
    assert_eq!(ids, bundled_ids());
}

#[test]
fn score_json_has_the_documented_shape() {
    let out = fairuse(&["score", "--format", "json", "cases/bartz-v-anthropic.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let case = &json[0];
    assert_eq!(case["case"], "bartz-v-anthropic");
    assert!(case["title"].is_string());
    for u in case["uses"].as_array().unwrap() {
        assert!(u["use"].is_string());
        let score = u["score"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&score));
        let conclusion = u["conclusion"].as_str().unwrap();
        assert!(["likely_fair_use", "close_call", "likely_not_fair_use"].contains(&conclusion));
        assert!((0.0..=1.0).contains(&u["confidence"].as_f64().unwrap()));
        let factors = u["factors"].as_array().unwrap();
        let numbers: Vec<u64> = factors
            .iter()
            .map(|f| f["factor"].as_u64().unwrap())
            .collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        for f in factors {
            assert!(f["name"].is_string() && f["label"].is_string() && f["unanswered"].is_array());
        }
        assert!(u["pivotal"].is_array());
        let court = &u["court"];
        let holding = court["holding"].as_str().unwrap();
        assert!(["fair_use", "not_fair_use"].contains(&holding));
        for key in ["purpose", "nature", "amount", "market"] {
            let finding = court["factors"][key].as_str().unwrap();
            assert!(["favors", "neutral", "disfavors", "not_reached"].contains(&finding));
        }
    }
}

#[test]
fn memo_is_deterministic_for_a_date_and_works_from_any_folder() {
    let elsewhere = tempfile::tempdir().unwrap();
    let a = fairuse_in(
        elsewhere.path(),
        &["memo", "kadrey-v-meta", "--date", "2026-11-28"],
    );
    let b = fairuse_in(
        elsewhere.path(),
        &["memo", "kadrey-v-meta", "--date", "2026-11-28"],
    );
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let memo = stdout(&a);
    // The front matter names the document but prints no title or date block,
    // so a converted memo shows its heading once.
    assert!(memo.starts_with("---\npagetitle: \"Memorandum: "), "{memo}");
    assert!(!memo.split("---").nth(1).unwrap().contains("date:"));
    assert_eq!(memo.matches("November 28, 2026").count(), 1);
    assert!(memo.contains("**Date:** November 28, 2026"));
    for heading in [
        "## Question Presented",
        "## Brief Answer",
        "## Facts",
        "## Discussion",
        "## Pivotal Facts and Open Questions",
        "## Conclusion",
        "## Table of Authorities",
    ] {
        assert!(memo.contains(heading), "missing {heading}");
    }
    assert!(memo.contains("not legal advice"));
    assert!(memo.contains("states the law as of"));
    assert!(memo.ends_with('\n'));
}

#[test]
fn memo_cites_in_full_first_and_short_after() {
    let out = fairuse(&["memo", "bartz-v-anthropic", "--date", "2026-11-28"]);
    let memo = stdout(&out);
    let full =
        "*Bartz v. Anthropic PBC*, No. C 24-05417 WHA, ECF No. 231 (N.D. Cal. June 23, 2025)";
    let discussion = &memo[..memo.find("## Pivotal Facts").unwrap()];
    assert_eq!(
        discussion.matches(full).count(),
        1,
        "full cite once in the body"
    );
    assert!(discussion.find(full).unwrap() < discussion.find("*Bartz*, No.").unwrap());
    let table = &memo[memo.find("## Table of Authorities").unwrap()..];
    assert!(table.contains(full));
}

#[test]
fn memo_output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.md");
    let out = fairuse(&[
        "memo",
        "kadrey-v-meta",
        "--date",
        "2026-11-28",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let stdout_memo = stdout(&fairuse(&["memo", "kadrey-v-meta", "--date", "2026-11-28"]));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout_memo);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
}

#[test]
fn memo_uses_a_users_template_and_names_it_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("short.md.j2");
    std::fs::write(
        &good,
        "{{ case.title }}: {% for u in uses %}{{ u.conclusion }} {% endfor %}\n",
    )
    .unwrap();
    let out = fairuse(&[
        "memo",
        "kadrey-v-meta",
        "--template",
        good.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Kadrey v. Meta"));

    let bad = dir.path().join("bad.md.j2");
    std::fs::write(&bad, "line one\n{{ case.no_such_field }}\n").unwrap();
    let out = fairuse(&["memo", "kadrey-v-meta", "--template", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:2: undefined value", bad.display())),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn check_reports_ok_or_each_problem() {
    let out = fairuse(&["check", "cases/kadrey-v-meta.yaml"]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("cases/kadrey-v-meta.yaml: ok ("));

    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string("cases/kadrey-v-meta.yaml")
        .unwrap()
        .replacen("acquisition: shadow-library", "acquisition: stolen", 1);
    std::fs::write(&case, text).unwrap();
    let out = fairuse(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "{}: use 1 (training), answers.acquisition: unknown option 'stolen'; expected one of: licensed, licence-excludes, purchased, from-unlawful-copier, copied-without-licence, terms-breached, circumvented, others-access, shadow-library, broadcast, unknown\n",
            case.display()
        )
    );

    // Three mistakes in one file: each is reported, on its own line, in the
    // file's order, and a good file beside it still checks.
    let text = std::fs::read_to_string("cases/kadrey-v-meta.yaml")
        .unwrap()
        .replacen("facts_as_of: 2026-12-01", "facts_as_of: soon", 1)
        .replacen(
            "acquisition: shadow-library",
            "acquisition: shadow-libary",
            1,
        )
        .replacen(
            "acquisition: shadow-library",
            "acquisiton: shadow-library",
            1,
        );
    std::fs::write(&case, text).unwrap();
    let out = fairuse(&["check", case.to_str().unwrap(), "cases/kadrey-v-meta.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let name = case.display();
    assert_eq!(
        stderr(&out),
        format!(
            "{name}: facts_as_of: must be a date written YYYY-MM-DD\n\
             {name}: use 1 (training), answers.acquisition: unknown option 'shadow-libary'; expected one of: licensed, licence-excludes, purchased, from-unlawful-copier, copied-without-licence, terms-breached, circumvented, others-access, shadow-library, broadcast, unknown; did you mean 'shadow-library'?\n\
             {name}: use 2 (torrent-distribution), answers.acquisiton: unknown question 'acquisiton'; did you mean 'acquisition'?\n"
        )
    );
    assert!(stdout(&out).starts_with("cases/kadrey-v-meta.yaml: ok ("));
}

#[test]
fn check_reports_yaml_errors_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("broken.yaml");
    std::fs::write(&case, "id: x\ntitle: [unclosed\n").unwrap();
    let out = fairuse(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let prefix = format!("{}:", case.display());
    assert!(err.starts_with(&prefix), "{err}");
    let position: Vec<&str> = err[prefix.len()..].splitn(3, ':').take(2).collect();
    assert!(position.iter().all(|n| n.parse::<usize>().is_ok()), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn init_prints_a_skeleton_that_checks() {
    let out = fairuse(&["init"]);
    assert!(out.status.success());
    let skeleton = stdout(&out);
    assert!(
        skeleton.contains("# acquisition: shadow-library"),
        "every option listed"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-case.yaml");
    std::fs::write(&path, &skeleton).unwrap();
    let check = fairuse(&["check", path.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    // The legal views, with every side's rule, wrapped for reading.
    let views = &skeleton[skeleton.find("# Legal views").expect("views listed")..];
    assert!(
        views.contains("#   taints: Piracy is judged on its own."),
        "{views}"
    );
    assert!(views.contains("#   not-cognizable:"), "{views}");
    for line in views.lines() {
        assert!(line.chars().count() <= 100, "too long: {line}");
    }
}

#[test]
fn usage_errors_exit_2_and_help_and_version_work() {
    assert_eq!(
        fairuse(&["score", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        fairuse(&["memo", "kadrey-v-meta", "--date", "2026-02-30"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(fairuse(&["frobnicate"]).status.code(), Some(2));
    for cmd in ["score", "memo", "check", "cases", "init", "backtest", "tui"] {
        let out = fairuse(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        assert!(stdout(&out).contains("Usage: fairuse"), "{cmd}");
    }
    let version = stdout(&fairuse(&["--version"]));
    assert_eq!(
        version.trim(),
        format!("fairuse {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_case_names_the_way_out() {
    let out = fairuse(&["memo", "no-such-case"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "fairuse: no file or bundled case named 'no-such-case' (`fairuse cases` lists the bundled ones)\n"
    );
}

#[test]
fn a_users_rubric_replaces_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("rubric.yaml");
    let text = std::fs::read_to_string("cases/law/rubric.yaml").unwrap();
    std::fs::write(
        &rubric,
        text.replacen("version: 2", "version: 2\nbogus: true", 1),
    )
    .unwrap();
    let out = fairuse(&[
        "--rubric",
        rubric.to_str().unwrap(),
        "score",
        "kadrey-v-meta",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("{}:", rubric.display())), "{err}");
    assert!(err.contains("unknown field `bogus`"), "{err}");
}

#[test]
fn score_reports_bad_files_and_still_scores_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "id: bad\n").unwrap();
    let out = fairuse(&[
        "score",
        "--format",
        "json",
        "kadrey-v-meta",
        bad.to_str().unwrap(),
        "bartz-v-anthropic",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("well-formed JSON");
    let ids = case_ids(&json);
    assert_eq!(ids, ["kadrey-v-meta", "bartz-v-anthropic"]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("{}:", bad.display())), "{err}");
}

#[test]
fn score_json_is_an_empty_array_when_no_file_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "id: [\n").unwrap();
    let out = fairuse_in(
        dir.path(),
        &["score", "--format", "json", "bad.yaml", "missing.yaml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "[]\n");
    assert_eq!(stderr(&out).lines().count(), 2, "{}", stderr(&out));
}

/// Many files on every core come out in the order given, the same bytes as
/// on one core, with the invalid ones skipped in place; for check too.
#[test]
fn score_and_check_on_many_cores_keep_the_input_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["score".to_string(), "--format".into(), "json".into()];
    let mut expected = Vec::new();
    let ids = bundled_ids();
    // More files than one chunk of work, so chunks are joined in order too.
    for i in 0..300 {
        let id = &ids[i % ids.len()];
        let text = std::fs::read_to_string(root.join(format!("cases/{id}.yaml"))).unwrap();
        let name = format!("f{i:03}.yaml");
        if i % 37 == 5 {
            std::fs::write(dir.path().join(&name), "id: [\n").unwrap();
        } else {
            let own = format!("c{i:03}");
            std::fs::write(
                dir.path().join(&name),
                text.replacen(&format!("id: {id}"), &format!("id: {own}"), 1),
            )
            .unwrap();
            expected.push(own);
        }
        args.push(name);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let one = fairuse_in(dir.path(), &[&["-j", "1"], &args[..]].concat());
    let many = fairuse_in(dir.path(), &[&["-j", "4"], &args[..]].concat());
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stderr, many.stderr);
    let json: serde_json::Value = serde_json::from_slice(&many.stdout).unwrap();
    assert_eq!(case_ids(&json), expected);

    // check, over the same files, reports each in the order given.
    let mut check = vec!["check"];
    check.extend(&args[3..]);
    let one = fairuse_in(dir.path(), &[&["-j", "1"], &check[..]].concat());
    let many = fairuse_in(dir.path(), &[&["-j", "4"], &check[..]].concat());
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stderr, many.stderr);
    let ok: Vec<String> = stdout(&many)
        .lines()
        .filter_map(|l| l.split_once(": ok (").map(|(name, _)| name.to_string()))
        .collect();
    let valid: Vec<&str> = (0..300)
        .filter(|i| i % 37 != 5)
        .map(|i| args[3 + i])
        .collect();
    assert_eq!(ok, valid);
    assert_eq!(stderr(&many).lines().count(), 300 - valid.len());
}

/// Sent to one terminal (stdout and stderr the same file), `check` reads in
/// the order of the files: a file's error comes between its neighbours'
/// verdicts, not before all of them.
#[test]
fn check_interleaves_verdicts_and_errors_in_file_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(root.join("cases/kadrey-v-meta.yaml")).unwrap();
    std::fs::write(dir.path().join("a.yaml"), &good).unwrap();
    std::fs::write(dir.path().join("b.yaml"), "id: [\n").unwrap();
    std::fs::write(dir.path().join("c.yaml"), &good).unwrap();
    let log = dir.path().join("both.log");
    let file = std::fs::File::create(&log).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(["check", "a.yaml", "b.yaml", "c.yaml"])
        .current_dir(dir.path())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let text = std::fs::read_to_string(&log).unwrap();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{text}"))
    };
    assert!(at("a.yaml: ok") < at("b.yaml:"), "{text}");
    assert!(at("b.yaml:") < at("c.yaml: ok"), "{text}");
}
