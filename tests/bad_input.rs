//! Hostile and broken input, through the real binary: every fixture in
//! `tests/fixtures/invalid/` (and a few made at run time: huge, binary and
//! non-UTF-8 files, folders, symlinks) gets its exact message and exit code,
//! quickly, with clean stderr, no panic, and no file written.
//!
//! The table at the bottom is the specification: one row per fixture and
//! command. `every_fixture_is_in_the_table` keeps the folder and it in step.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Generous, for slow CI machines: the real figures (benches/hostile.sh) are
/// a few milliseconds to a few tens of milliseconds.
const CEILING: Duration = Duration::from_secs(2);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A scratch folder `work/` holding every fixture, the generated ones, and a
/// `secret.txt` beside it that no template may read.
struct Scratch {
    _root: tempfile::TempDir,
    work: PathBuf,
}

fn scratch() -> Scratch {
    let root = tempfile::tempdir().expect("a temporary folder");
    let work = root.path().join("work");
    std::fs::create_dir(&work).unwrap();
    for folder in ["invalid", "valid"] {
        for entry in std::fs::read_dir(fixtures().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, work.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(root.path().join("secret.txt"), "SECRET\n").unwrap();
    // Over the 1 MiB limit.
    std::fs::write(
        work.join("huge.yaml"),
        "a: b\n".repeat(2 * 1024 * 1024 / 5 + 1),
    )
    .unwrap();
    // An executable's first bytes.
    std::fs::write(work.join("binary.yaml"), b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    // Latin-1, not UTF-8.
    std::fs::write(work.join("latin1.yaml"), b"id: caf\xe9\ntitle: x\n").unwrap();
    // UTF-16 with its byte-order mark.
    let utf16: Vec<u8> = "id: x\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(
        work.join("utf16.yaml"),
        [&[0xff, 0xfe][..], &utf16].concat(),
    )
    .unwrap();
    // More values than any fairuse file holds, in a small file.
    let values = vec!["1"; 100_000].join(",");
    std::fs::write(
        work.join("many-values.yaml"),
        format!("sources: [{values}]\n"),
    )
    .unwrap();
    std::fs::write(work.join("part.j2"), "{{ case.id }}\n").unwrap();
    std::fs::create_dir(work.join("a-folder.yaml")).unwrap();
    std::fs::write(work.join("a-file"), "not a folder\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../secret.txt", work.join("link.txt")).unwrap();
        std::os::unix::fs::symlink("../secret.txt", work.join("secret-link.yaml")).unwrap();
        // A named pipe with no writer: opening it would wait for ever.
        let made = Command::new("mkfifo")
            .arg(work.join("pipe.yaml"))
            .status()
            .expect("mkfifo");
        assert!(made.success());
    }
    Scratch { _root: root, work }
}

/// Every file under `dir`, with its size: what a failed run must not change.
fn listing(dir: &Path) -> BTreeSet<(PathBuf, u64)> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            out.extend(listing(&path));
        }
        out.insert((path, meta.len()));
    }
    out
}

/// How a row's stderr is checked.
#[derive(Clone, Copy)]
enum Expect {
    /// Exactly these lines, and nothing else.
    Exact(&'static str),
    /// A usage error from the argument parser: its first line.
    FirstLine(&'static str),
    /// The start of the one line (for messages that name the OS's reason).
    Starts(&'static str),
}

struct Row {
    args: &'static [&'static str],
    expect: Expect,
    code: i32,
}

/// Runs one row in a fresh scratch folder and returns what is wrong, if anything.
fn run(row: &Row) -> Option<String> {
    let s = scratch();
    let before = listing(&s.work);
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(row.args)
        .current_dir(&s.work)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run fairuse");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut problems = Vec::new();
    if out.status.code() != Some(row.code) {
        problems.push(format!(
            "exit code {:?}, expected {}",
            out.status.code(),
            row.code
        ));
    }
    let ok = match row.expect {
        Expect::Exact(lines) => stderr == format!("{lines}\n"),
        Expect::FirstLine(line) => stderr.lines().next() == Some(line),
        Expect::Starts(start) => stderr.starts_with(start) && stderr.lines().count() == 1,
    };
    if !ok {
        let wanted = match row.expect {
            Expect::Exact(s) | Expect::FirstLine(s) | Expect::Starts(s) => s,
        };
        problems.push(format!("stderr:\n{stderr}expected:\n{wanted}"));
    }
    if !out.stdout.is_empty() {
        problems.push(format!(
            "stdout is not empty: {}",
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    if let Some(b) = out
        .stderr
        .iter()
        .find(|&&b| b != b'\n' && (b < 0x20 || b == 0x7f))
    {
        problems.push(format!("stderr holds control byte {b:#04x}"));
    }
    if stderr.contains("\u{9b}") || stderr.contains('\u{202e}') {
        problems.push("stderr holds a C1 control or a bidi override".into());
    }
    if stderr.contains("panicked") || stderr.contains("backtrace") {
        problems.push("a panic".into());
    }
    if elapsed > CEILING {
        problems.push(format!("took {elapsed:?}"));
    }
    if row.args.contains(&"--template") && stderr.contains("SECRET") {
        problems.push("a file outside the template's folder was read".into());
    }
    let after = listing(&s.work);
    if after != before {
        let new: Vec<_> = after.difference(&before).collect();
        problems.push(format!("files changed: {new:?}"));
    }
    (!problems.is_empty())
        .then(|| format!("fairuse {}: {}", row.args.join(" "), problems.join("; ")))
}

#[test]
fn every_bad_input_gets_its_message_and_exit_code_quickly_and_writes_nothing() {
    let failures: Vec<String> = table().iter().filter_map(run).collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failures.len(),
        table().len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_fixture_is_in_the_table() {
    let named: BTreeSet<&str> = table()
        .iter()
        .flat_map(|row| row.args.iter().copied())
        .collect();
    for entry in std::fs::read_dir(fixtures().join("invalid")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            named.contains(name.as_str()),
            "{name} is in no row of the table"
        );
    }
    assert!(
        std::fs::read_dir(fixtures().join("invalid"))
            .unwrap()
            .count()
            >= 25
    );
}

#[test]
fn valid_fixtures_pass_every_command_with_clean_output() {
    let s = scratch();
    // Escape sequences in every text field of a case, and of a rubric and an
    // authority library of one's own: none reaches any output.
    let library = [
        "--rubric",
        "escapes-rubric.yaml",
        "--authorities",
        "escapes-authorities.yaml",
    ];
    for (prefix, file) in [
        (&[][..], "minimal.yaml"),
        (&[][..], "escapes.yaml"),
        (&library[..], "escapes-case.yaml"),
    ] {
        for command in [
            vec!["check", file],
            vec!["score", file],
            vec!["score", "--format", "json", file],
            vec!["memo", file, "--date", "2026-01-15"],
            vec!["memo", file, "--date", "2026-01-15", "-o", "memo.md"],
            vec!["init"],
        ] {
            let args: Vec<&str> = prefix.iter().copied().chain(command).collect();
            let out = Command::new(env!("CARGO_BIN_EXE_fairuse"))
                .args(&args)
                .current_dir(&s.work)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{args:?}: {stderr}");
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
            let mut text = out.stdout.clone();
            if args.contains(&"-o") {
                text = std::fs::read(s.work.join("memo.md")).unwrap();
                std::fs::remove_file(s.work.join("memo.md")).unwrap();
            }
            assert!(!text.is_empty(), "{args:?}");
            let text = String::from_utf8(text).unwrap();
            assert!(
                !text.chars().any(|c| c != '\n' && c.is_control()),
                "{args:?}: a control character in {text:?}"
            );
            for bad in ['\u{202e}', '\u{9b}'] {
                assert!(!text.contains(bad), "{args:?}: {bad:?}");
            }
            if args.contains(&"json") {
                // JSON would escape a control character as \u001b; none is left to escape.
                assert!(!text.contains("\\u00"), "{args:?}: {text}");
            }
        }
    }
}

#[test]
fn a_template_may_include_a_file_beside_it() {
    // The include guard refuses only what leaves the folder.
    let s = scratch();
    std::fs::write(s.work.join("part.j2"), "from the part: {{ case.id }}\n").unwrap();
    std::fs::write(s.work.join("main.j2"), "{% include \"part.j2\" %}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args([
            "memo",
            "minimal.yaml",
            "--template",
            "main.j2",
            "--date",
            "2026-01-15",
        ])
        .current_dir(&s.work)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The template's output, then the record every memo ends with.
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("from the part: minimal\n\n## Record of this analysis\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_read_only_folder_is_refused_and_nothing_is_left_there() {
    let s = scratch();
    let folder = s.work.join("read-only");
    std::fs::create_dir(&folder).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    // Root ignores permission bits; then the test uses a place no one may write.
    let root = std::fs::write(folder.join("probe"), "x").is_ok();
    let target = if root {
        std::fs::remove_file(folder.join("probe")).unwrap();
        eprintln!("running as root: permission bits do not apply, so /proc stands in");
        PathBuf::from("/proc/fairuse-memo.md")
    } else {
        folder.join("memo.md")
    };
    let out = Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(["memo", "minimal.yaml", "--date", "2026-01-15", "-o"])
        .arg(&target)
        .current_dir(&s.work)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected = format!("{}: cannot write: ", target.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    if !root {
        assert_eq!(stderr, format!("{expected}permission denied\n"));
    }
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

use Expect::{Exact, FirstLine, Starts};

/// `check`, `score` and `memo -o` on one bad case file: the same message from each.
macro_rules! case_rows {
    ($rows:ident, $file:literal, $message:expr) => {
        for args in [
            &["check", $file][..],
            &["score", $file][..],
            &["memo", $file, "--date", "2026-01-15", "-o", "memo.md"][..],
        ] {
            $rows.push(Row {
                args,
                expect: Exact($message),
                code: 1,
            });
        }
    };
}

/// A memo through a user's template, written to `memo.md` (which must not appear).
macro_rules! template_row {
    ($rows:ident, $template:literal, $expect:expr) => {
        $rows.push(Row {
            args: &[
                "memo",
                "minimal.yaml",
                "--date",
                "2026-01-15",
                "-o",
                "memo.md",
                "--template",
                $template,
            ],
            expect: $expect,
            code: 1,
        });
    };
}

fn table() -> Vec<Row> {
    let mut rows = Vec::new();

    // ---- Not YAML at all.
    case_rows!(rows, "empty.yaml", "empty.yaml: file is empty");
    case_rows!(rows, "blank.yaml", "blank.yaml: file is empty");
    case_rows!(
        rows,
        "huge.yaml",
        "huge.yaml: file is 2097155 bytes; the limit is 1048576 bytes"
    );
    case_rows!(
        rows,
        "binary.yaml",
        "binary.yaml: contains binary data (NUL bytes), not YAML text"
    );
    case_rows!(
        rows,
        "latin1.yaml",
        "latin1.yaml: is not UTF-8 text (invalid byte at offset 7)"
    );
    case_rows!(
        rows,
        "utf16.yaml",
        "utf16.yaml: is UTF-16 text; save it as UTF-8"
    );
    case_rows!(
        rows,
        "a-folder.yaml",
        "a-folder.yaml: is a folder, not a file"
    );
    case_rows!(rows, "missing.yaml", "missing.yaml: no such file");
    case_rows!(
        rows,
        "escape-raw-bytes.yaml",
        "escape-raw-bytes.yaml:6:8: control characters are not allowed; delete the invisible character here"
    );

    // ---- Malformed YAML: file, line:column, the parser's words.
    case_rows!(
        rows,
        "malformed-yaml.yaml",
        "malformed-yaml.yaml:7:3: uses: \"-\" is only valid inside a block; check this line's indentation against the lines above it"
    );
    case_rows!(
        rows,
        "bad-indentation.yaml",
        "bad-indentation.yaml:9:4: uses: while parsing a block collection, did not find expected '-' indicator; check this line's indentation: it should line up with the lines above it at the same level"
    );
    case_rows!(
        rows,
        "tab-indentation.yaml",
        "tab-indentation.yaml:7:2: tabs disallowed within this context (block indentation); indent with spaces, not tabs"
    );
    case_rows!(
        rows,
        "two-documents.yaml",
        "two-documents.yaml:9:1: more than one YAML document (a second '---' line); a fairuse file is one document"
    );
    case_rows!(
        rows,
        "unknown-anchor.yaml",
        "unknown-anchor.yaml:6:7: alias refers to an unknown anchor; fairuse files do not need aliases"
    );
    case_rows!(
        rows,
        "comments-only.yaml",
        "comments-only.yaml:3:1: the file holds no YAML values, only comments or blank lines"
    );

    // ---- Wrong types, missing and unknown fields, duplicate keys.
    case_rows!(
        rows,
        "wrong-type.yaml",
        "wrong-type.yaml:6:7: uses: expected a list here: one item a line, each starting with '- '"
    );
    case_rows!(
        rows,
        "map-for-list.yaml",
        "map-for-list.yaml:6:10: sources: expected a list here: one item a line, each starting with '- '"
    );
    case_rows!(
        rows,
        "unknown-holding.yaml",
        "unknown-holding.yaml:11:16: use 1, court.holding: unknown value `maybe`, expected one of `fair_use`, `not_fair_use`"
    );
    case_rows!(
        rows,
        "missing-field.yaml",
        "missing-field.yaml:5:1: missing field `uses`"
    );
    case_rows!(
        rows,
        "unknown-field.yaml",
        "unknown-field.yaml:6:1: unknown field `titel`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`; did you mean `title`?"
    );
    case_rows!(
        rows,
        "unknown-use-field.yaml",
        "unknown-use-field.yaml:9:5: use 1: unknown field `answer`, expected one of `id`, `title`, `description`, `question`, `answers`, `notes`, `views`, `court`; did you mean `answers`?"
    );
    case_rows!(
        rows,
        "duplicate-key.yaml",
        "duplicate-key.yaml:6:1: duplicate key 'id'; each key may appear once in a mapping"
    );
    case_rows!(
        rows,
        "duplicate-answer.yaml",
        "duplicate-answer.yaml:12:7: use 1, answers: duplicate key 'use-type'; each key may appear once in a mapping"
    );
    case_rows!(
        rows,
        "duplicate-use.yaml",
        "duplicate-use.yaml: use 2 (training), id: duplicate use 'training'"
    );
    case_rows!(
        rows,
        "too-many-uses.yaml",
        "too-many-uses.yaml: uses: a case may have at most 100 uses; this one has 101"
    );
    case_rows!(
        rows,
        "no-uses.yaml",
        "no-uses.yaml: uses: a case needs at least one use"
    );
    case_rows!(
        rows,
        "bad-date-and-id.yaml",
        "bad-date-and-id.yaml: facts_as_of: must be a date written YYYY-MM-DD\n\
         bad-date-and-id.yaml: use 1 (Training Use), id: id 'Training Use' must be 1-64 lowercase letters, digits, '-' or '_'"
    );

    // ---- Ids the rubric does not know, and answers it would not ask for.
    case_rows!(
        rows,
        "unknown-question.yaml",
        "unknown-question.yaml: use 1 (training), answers.stolen-goods: unknown question 'stolen-goods'"
    );
    case_rows!(
        rows,
        "unknown-option.yaml",
        "unknown-option.yaml: use 2 (serving), answers.acquisition: unknown option 'stolen'; expected one of: licensed, licence-excludes, purchased, from-unlawful-copier, copied-without-licence, terms-breached, circumvented, others-access, shadow-library, broadcast, unknown"
    );
    case_rows!(
        rows,
        "unknown-note.yaml",
        "unknown-note.yaml: use 1 (training), notes.nope: unknown question 'nope'"
    );
    case_rows!(
        rows,
        "condition-false.yaml",
        "condition-false.yaml: use 1 (training), answers.model-purpose: question is asked only when use-type is one of: ai-training, training-acquisition; this use answers 'other'"
    );
    case_rows!(
        rows,
        "condition-unanswered.yaml",
        "condition-unanswered.yaml: use 1 (training), answers.model-purpose: question is asked only when use-type is one of: ai-training, training-acquisition; this use does not answer it"
    );

    // ---- The file's own text in a message: escaped, cut short, never raw.
    case_rows!(
        rows,
        "escape-in-option.yaml",
        "escape-in-option.yaml: use 1 (training), answers.acquisition: unknown option '\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{1b}[31mstolen\\u{1b}[0m\\u{9b}2J\\u{202e}'; expected one of: licensed, licence-excludes, purchased, from-unlawful-copier, copied-without-licence, terms-breached, circumvented, others-access, shadow-library, broadcast, unknown"
    );
    case_rows!(
        rows,
        "escape-in-question-id.yaml",
        "escape-in-question-id.yaml: use 1 (training), answers.\\u{1b}[31mred-\\u{9b}2Jquestion\\r\\n: unknown question '\\u{1b}[31mred-\\u{9b}2Jquestion\\r\\n'"
    );
    case_rows!(
        rows,
        "escape-in-field-name.yaml",
        "escape-in-field-name.yaml:6:1: unknown field `unknown\\u{1b}[2J\\u{1b}]8;;http://x\\u{7}`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "key-with-line-break.yaml",
        "key-with-line-break.yaml:2:3: unknown field `multi\\nline key`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "escape-in-wrong-type.yaml",
        "escape-in-wrong-type.yaml:6:7: uses: expected a list here: one item a line, each starting with '- '"
    );
    case_rows!(
        rows,
        "long-unknown-id.yaml",
        "long-unknown-id.yaml: use 1 (training), answers.qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…: unknown question 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…'"
    );
    case_rows!(
        rows,
        "long-wrong-type.yaml",
        "long-wrong-type.yaml:6:7: uses: expected a list here: one item a line, each starting with '- '"
    );

    // ---- Pathological YAML: refused before it costs time or memory. The
    // reader follows the model's types, so it stops at the first key the model
    // does not know or the first value of the wrong shape, before a payload
    // under it is read; what it must read whole (a list of sources, aliases
    // of text) meets the parser's budgets. src/yaml.rs tests the budgets on
    // untyped documents too, where nothing stops early.
    case_rows!(
        rows,
        "many-values.yaml",
        "many-values.yaml:1:200005: sources: more than 100000 values; fairuse files are far smaller"
    );
    case_rows!(
        rows,
        "deep-flow.yaml",
        "deep-flow.yaml:1:1: unknown field `a`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "deep-block.yaml",
        "deep-block.yaml:1:1: unknown field `root`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "deep-flow-across-lines.yaml",
        "deep-flow-across-lines.yaml:1:1: unknown field `a`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "deep-hidden-by-quote.yaml",
        "deep-hidden-by-quote.yaml:1:1: unknown field `a`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "alias-bomb.yaml",
        "alias-bomb.yaml:1:1: unknown field `l0`, expected one of `id`, `title`, `jurisdiction`, `facts_as_of`, `facts`, `sources`, `posture`, `forum`, `litigation`, `memo`, `views`, `uses`"
    );
    case_rows!(
        rows,
        "alias-hidden-by-quote.yaml",
        "alias-hidden-by-quote.yaml:7:261: sources: more than 64 aliases or anchors; fairuse files do not need them"
    );
    case_rows!(
        rows,
        "recursive-alias.yaml",
        "recursive-alias.yaml:1:8: id: expected text here, not a list or a mapping"
    );
    #[cfg(unix)]
    case_rows!(
        rows,
        "pipe.yaml",
        "pipe.yaml: is not a regular file (a pipe, socket or device); give the path of a file"
    );
    #[cfg(unix)]
    case_rows!(
        rows,
        "/dev/null",
        "/dev/null: is not a regular file (a pipe, socket or device); give the path of a file"
    );
    #[cfg(unix)]
    case_rows!(
        rows,
        "secret-link.yaml",
        "secret-link.yaml:1:1: expected a mapping here: 'key: value' lines"
    );
    case_rows!(
        rows,
        "/dev/zero",
        "/dev/zero: is not a regular file (a pipe, socket or device); give the path of a file"
    );

    // ---- A rubric or authority library of one's own.
    rows.push(Row {
        args: &["--rubric", "rubric-scored-condition.yaml", "check", "minimal.yaml"],
        expect: Exact("rubric-scored-condition.yaml: factor 1 (purpose), question 2 (follow-up), when.question: 'commercial' must be an earlier scope question (one whose options have no lean)"),
        code: 1,
    });
    rows.push(Row {
        args: &["--rubric", "rubric-factor-order.yaml", "memo", "minimal.yaml", "-o", "memo.md"],
        expect: Exact("rubric-factor-order.yaml: factors: must list the four factors in statutory order: purpose, nature, amount, market"),
        code: 1,
    });
    rows.push(Row {
        args: &["--authorities", "authorities-bad.yaml", "score", "minimal.yaml"],
        expect: Exact(
            "authorities-bad.yaml: current_to: must be a date written YYYY-MM-DD\n\
             authorities-bad.yaml: authority 1 (campbell), citation: must end with the year in parentheses, e.g. \"(1994)\"\n\
             authorities-bad.yaml: authority 1 (campbell), checked_against: name at least one source this entry was checked against",
        ),
        code: 1,
    });
    rows.push(Row {
        args: &["--rubric", "rubric-too-many-questions.yaml", "score", "minimal.yaml"],
        expect: Exact("rubric-too-many-questions.yaml: factors: a rubric may have at most 64 questions; this one has 68"),
        code: 1,
    });
    rows.push(Row {
        args: &["--rubric", "rubric-too-many-options.yaml", "check", "minimal.yaml"],
        expect: Exact(
            "rubric-too-many-options.yaml: factor 1 (purpose), question 1 (q0), options: a question may have at most 12 options\n\
             rubric-too-many-options.yaml: factor 2 (nature), question 1 (q1), options: a question may have at most 12 options\n\
             rubric-too-many-options.yaml: factor 3 (amount), question 1 (q2), options: a question may have at most 12 options\n\
             rubric-too-many-options.yaml: factor 4 (market), question 1 (q3), options: a question may have at most 12 options",
        ),
        code: 1,
    });
    rows.push(Row {
        args: &["--rubric", "a-folder.yaml", "score", "minimal.yaml"],
        expect: Exact("a-folder.yaml: is a folder, not a file"),
        code: 1,
    });
    rows.push(Row {
        args: &["--authorities", "alias-bomb.yaml", "check", "minimal.yaml"],
        expect: Exact(
            "alias-bomb.yaml:1:1: unknown field `l0`, expected one of `current_to`, `authorities`",
        ),
        code: 1,
    });

    // ---- Templates: broken, missing variables, reaching outside their folder, runaway.
    template_row!(
        rows,
        "broken-template.j2",
        Exact("broken-template.j2:3: syntax error: unexpected `}`, expected end of variable block")
    );
    template_row!(
        rows,
        "template-missing-variable.j2",
        Exact("template-missing-variable.j2:2: undefined value: `client` is undefined")
    );
    template_row!(
        rows,
        "template-include-parent.j2",
        Exact("template-include-parent.j2:1: invalid operation: cannot include '../../secret.txt': only files inside the template's folder may be included")
    );
    template_row!(
        rows,
        "template-include-absolute.j2",
        Exact("template-include-absolute.j2:1: invalid operation: cannot include '/etc/passwd': only files inside the template's folder may be included")
    );
    template_row!(
        rows,
        "template-extends-parent.j2",
        Exact("template-extends-parent.j2:1: invalid operation: cannot include '../../secret.txt': only files inside the template's folder may be included")
    );
    template_row!(
        rows,
        "template-import-absolute.j2",
        Exact("template-import-absolute.j2:1: invalid operation: cannot include '/etc/passwd': only files inside the template's folder may be included")
    );
    #[cfg(unix)]
    template_row!(
        rows,
        "template-include-symlink.j2",
        Exact("template-include-symlink.j2:1: invalid operation: cannot include 'link.txt': it leads outside the template's folder")
    );
    template_row!(
        rows,
        "template-include-self.j2",
        Exact("template-include-self.j2:1: invalid operation: recursion limit exceeded")
    );
    template_row!(
        rows,
        "template-runaway.j2",
        Exact("template-runaway.j2:1: the template does too much work and was stopped (a loop without end?)")
    );
    template_row!(
        rows,
        "template-huge-output.j2",
        Exact("template-huge-output.j2:1: the template does too much work and was stopped (a loop without end?)")
    );
    template_row!(rows, "missing.j2", Exact("missing.j2: no such file"));
    template_row!(
        rows,
        "a-folder.yaml",
        Exact("a-folder.yaml: is a folder, not a file")
    );

    // ---- Output that cannot be written: nothing appears, nothing is left behind.
    rows.push(Row {
        args: &["memo", "minimal.yaml", "-o", "no-such-folder/memo.md"],
        expect: Exact(
            "no-such-folder/memo.md: cannot write: folder 'no-such-folder' does not exist",
        ),
        code: 1,
    });
    rows.push(Row {
        args: &["memo", "minimal.yaml", "-o", "minimal.yaml"],
        expect: Exact("minimal.yaml: cannot write: it is one of the memo's own inputs"),
        code: 1,
    });
    rows.push(Row {
        args: &[
            "memo",
            "minimal.yaml",
            "--template",
            "part.j2",
            "-o",
            "part.j2",
        ],
        expect: Exact("part.j2: cannot write: it is one of the memo's own inputs"),
        code: 1,
    });
    rows.push(Row {
        args: &["memo", "minimal.yaml", "-o", "a-folder.yaml"],
        expect: Exact("a-folder.yaml: cannot write: is a folder"),
        code: 1,
    });
    rows.push(Row {
        args: &["memo", "minimal.yaml", "-o", "a-file/memo.md"],
        expect: Exact("a-file/memo.md: cannot write: 'a-file' is a file, not a folder"),
        code: 1,
    });
    rows.push(Row {
        args: &["memo", "minimal.yaml", "-o", "/proc/version/memo.md"],
        expect: Exact(
            "/proc/version/memo.md: cannot write: '/proc/version' is a file, not a folder",
        ),
        code: 1,
    });
    rows.push(Row {
        args: &["memo", "minimal.yaml", "-o", "/proc/fairuse-memo.md"],
        expect: Starts("/proc/fairuse-memo.md: cannot write: "),
        code: 1,
    });

    // ---- Usage errors exit 2.
    rows.push(Row {
        args: &["memo", "minimal.yaml", "--date", "2026-02-30"],
        expect: FirstLine("error: invalid value '2026-02-30' for '--date <DATE>': '2026-02-30' is not a date written YYYY-MM-DD"),
        code: 2,
    });
    rows.push(Row {
        args: &["check"],
        expect: FirstLine("error: the following required arguments were not provided:"),
        code: 2,
    });
    rows.push(Row {
        args: &["score", "--format", "xml", "minimal.yaml"],
        expect: FirstLine("error: invalid value 'xml' for '--format <FORMAT>'"),
        code: 2,
    });
    rows
}
