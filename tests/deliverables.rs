//! What a user takes away, through the real binary: the Word memo, the dated
//! record and `memo --verify`, `check`'s warnings, completions and the man page.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DATE: &str = "2026-11-28";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fairuse_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run fairuse")
}

fn fairuse(args: &[&str]) -> Output {
    fairuse_in(&root(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
}

/// The words a reader sees in a Markdown memo, read by pulldown-cmark on its
/// own (front matter left out).
fn markdown_words(markdown: &str) -> Vec<String> {
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let inline = |t: &TagEnd| {
        matches!(
            t,
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Strikethrough
        )
    };
    let (mut text, mut meta) = (String::new(), false);
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => meta = false,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) if !meta => {
                text.push_str(&t)
            }
            Event::Start(tag) if inline(&tag.to_end()) => {}
            Event::End(tag) if inline(&tag) => {}
            _ => text.push(' '),
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

fn docx_words(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let paragraphs = fairuse::report::docx::paragraphs("memo.docx", &bytes).unwrap();
    paragraphs
        .join(" ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn part(path: &Path, name: &str) -> Option<String> {
    let bytes = std::fs::read(path).unwrap();
    fairuse::report::docx::part("memo.docx", &bytes, name).unwrap()
}

#[test]
fn the_word_memo_reads_as_the_markdown_memo_for_every_bundled_case() {
    let dir = tempfile::tempdir().unwrap();
    for id in [
        "kadrey-v-meta",
        "bartz-v-anthropic",
        "thomson-reuters-v-ross",
    ] {
        let markdown = ok(&fairuse(&["memo", id, "--date", DATE]));
        let docx = dir.path().join(format!("{id}.docx"));
        ok(&fairuse(&[
            "memo",
            id,
            "--date",
            DATE,
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ]));
        let words = docx_words(&docx);
        assert!(words.len() > 1000, "{id}: {} words", words.len());
        assert_eq!(words, markdown_words(&markdown), "{id}");
        // Every part of the package is well-formed XML.
        let bytes = std::fs::read(&docx).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut file, &mut xml).unwrap();
            roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{id}: {}: {e}", file.name().unwrap()));
        }
    }
}

#[test]
fn the_word_memo_carries_the_privilege_legend_only_when_one_applies() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.docx");
    let fixture = root().join("tests/fixtures/valid/privileged.yaml");
    ok(&fairuse(&[
        "memo",
        fixture.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]));
    let header = part(&out, "word/header1.xml").expect("a header");
    assert!(
        header.contains(
            "Privileged and confidential; attorney-client communication; attorney work product"
        ),
        "{header}"
    );
    assert!(part(&out, "word/footer1.xml")
        .unwrap()
        .contains("w:instr=\" PAGE \""));

    // A teaching scenario with no litigation in view carries no legend.
    let plain = dir.path().join("b.docx");
    ok(&fairuse(&[
        "memo",
        "bartz-v-anthropic",
        "--format",
        "docx",
        "-o",
        plain.to_str().unwrap(),
    ]));
    assert_eq!(part(&plain, "word/header1.xml"), None);
}

fn firm_template(dir: &Path) -> PathBuf {
    use std::io::Write;
    let styles = "<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>\
        <w:rPr><w:rFonts w:ascii=\"Garamond\"/><w:color w:val=\"1F3864\"/></w:rPr></w:style></w:styles>";
    let path = dir.join("firm.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(styles.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn a_reference_doc_lends_its_styles() {
    let dir = tempfile::tempdir().unwrap();
    let firm = firm_template(dir.path());
    let out = dir.path().join("styled.docx");
    ok(&fairuse(&[
        "memo",
        "kadrey-v-meta",
        "--format",
        "docx",
        "--reference-doc",
        firm.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]));
    let styles = part(&out, "word/styles.xml").unwrap();
    assert!(styles.contains("1F3864") && styles.contains("Garamond"));
    // The firm's Heading2 is used as it is, and the styles it lacks are added.
    assert_eq!(styles.matches("w:styleId=\"Heading2\"").count(), 1);
    assert!(styles.contains("w:styleId=\"Normal\""));

    // Not a Word document: one line naming it, and nothing written.
    let bad = dir.path().join("notes.docx");
    std::fs::write(&bad, "just text").unwrap();
    let refused = dir.path().join("refused.docx");
    let o = fairuse(&[
        "memo",
        "kadrey-v-meta",
        "--format",
        "docx",
        "--reference-doc",
        bad.to_str().unwrap(),
        "-o",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("{}: is not a Word document", bad.display())),
        "{err}"
    );
    assert!(!refused.exists());

    // Styles are for the Word memo.
    let o = fairuse(&[
        "memo",
        "kadrey-v-meta",
        "--reference-doc",
        firm.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("add --format docx"), "{}", stderr(&o));
}

#[test]
fn every_memo_ends_with_its_record() {
    let memo = ok(&fairuse(&["memo", "kadrey-v-meta", "--date", DATE]));
    let record = &memo[memo.rfind("## Record of this analysis").expect("a record")..];
    assert!(
        record.contains(&format!("- Generated: {DATE}\n")),
        "{record}"
    );
    assert!(record.contains(&format!("- By: fairuse {}\n", env!("CARGO_PKG_VERSION"))));
    assert!(record.contains("- Law current to: 2026-"), "{record}");
    assert!(record.contains("- Case: `kadrey-v-meta`\n"));
    // A user's own template gets the record too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.j2"), "Re: {{ case.title }}\n").unwrap();
    let mine = ok(&fairuse_in(
        dir.path(),
        &["memo", "kadrey-v-meta", "--template", "mine.j2"],
    ));
    assert!(mine.starts_with("Re: Kadrey"));
    assert!(mine.contains("\n## Record of this analysis\n"));
    // Undated, it records the time; SOURCE_DATE_EPOCH fixes that time.
    let undated = ok(&fairuse(&["memo", "kadrey-v-meta"]));
    let generated = undated
        .lines()
        .find_map(|l| l.strip_prefix("- Generated: "))
        .unwrap();
    assert_eq!(generated.len(), "2026-12-02T04:10:00Z".len(), "{generated}");
    assert!(generated.ends_with('Z') && generated.contains('T'));
    let fixed = Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(["memo", "kadrey-v-meta", "--date", DATE])
        .env("SOURCE_DATE_EPOCH", "1764648600")
        .output()
        .unwrap();
    assert!(stdout(&fixed).contains("- Generated: 2025-12-02T04:10:00Z\n"));
}

/// Writes a case file, a Markdown memo and a Word memo of it into `dir`.
fn case_and_memos(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let case = dir.join("kadrey-v-meta.yaml");
    std::fs::copy(root().join("cases/kadrey-v-meta.yaml"), &case).unwrap();
    let md = dir.join("memo.md");
    let docx = dir.join("memo.docx");
    for (out, format) in [(&md, "markdown"), (&docx, "docx")] {
        ok(&fairuse_in(
            dir,
            &[
                "memo",
                "kadrey-v-meta.yaml",
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
        ));
    }
    (case, md, docx)
}

#[test]
fn verify_says_whether_a_memo_still_matches_its_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let (case, md, docx) = case_and_memos(dir.path());
    // From another folder: the case file is found beside the memo, by its id.
    let elsewhere = tempfile::tempdir().unwrap();
    for memo in [&md, &docx] {
        let o = fairuse_in(
            elsewhere.path(),
            &["memo", "--verify", memo.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
        assert!(
            stdout(&o).starts_with(&format!("{}: matches ", memo.display())),
            "{}",
            stdout(&o)
        );
    }
    // Prose may change; answers may not.
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, text.replacen("title: \"", "title: \"Edited: ", 1)).unwrap();
    assert_eq!(
        fairuse(&["memo", "--verify", md.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let changed = text.replacen("acquisition: shadow-library", "acquisition: purchased", 1);
    assert_ne!(changed, text, "the fixture's answer to change");
    std::fs::write(&case, changed).unwrap();
    for memo in [&md, &docx] {
        let o = fairuse(&["memo", "--verify", memo.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(
            stdout(&o).contains("does not match")
                && stdout(&o).contains("the answers or notes have changed"),
            "{}",
            stdout(&o)
        );
    }
    // A case file given by name is the one compared; here the bundled one
    // still has the original answers.
    let o = fairuse(&["memo", "--verify", md.to_str().unwrap(), "kadrey-v-meta"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = fairuse(&[
        "memo",
        "--verify",
        md.to_str().unwrap(),
        "bartz-v-anthropic",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("the memo is for case 'kadrey-v-meta'"));
}

#[test]
fn verify_refuses_a_file_without_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "# Some notes\n").unwrap();
    let o = fairuse(&["memo", "--verify", notes.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("{}: no record of analysis found", notes.display())),
        "{}",
        stderr(&o)
    );
    let o = fairuse(&["memo", "--verify", "missing.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "missing.md: no such file\n");
}

#[test]
fn check_warns_about_loose_ends_and_fails_on_them_only_when_strict() {
    let fixture = "tests/fixtures/warn/loose-ends.yaml";
    let o = fairuse(&["check", fixture]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "tests/fixtures/warn/loose-ends.yaml: warning: facts are empty; state the facts the answers rest on",
        "tests/fixtures/warn/loose-ends.yaml: warning: facts_as_of 2999-01-01 is after today",
        "tests/fixtures/warn/loose-ends.yaml: warning: use 1 (training): ",
        "tests/fixtures/warn/loose-ends.yaml: warning: use 2 (serving): the note on commercial has no answer beside it",
        "tests/fixtures/warn/loose-ends.yaml: ok (2 uses, 5 warnings)",
    ] {
        assert!(out.lines().any(|l| l.starts_with(line)), "{line}\nin\n{out}");
    }
    let serving = out
        .lines()
        .find(|l| l.contains("use 2 (serving): ") && l.contains("not answered"))
        .unwrap();
    assert!(serving.contains("commercial"), "{serving}");
    assert_eq!(
        fairuse(&["check", "--strict", fixture]).status.code(),
        Some(1)
    );
    // A finished case passes even when strict.
    let o = fairuse(&["check", "--strict", "kadrey-v-meta"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "cases/kadrey-v-meta.yaml (bundled): ok (2 uses)\n"
    );
}

#[test]
fn check_on_the_untouched_init_skeleton_lists_what_is_left_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let skeleton = ok(&fairuse(&["init"]));
    std::fs::write(dir.path().join("my-case.yaml"), skeleton).unwrap();
    let o = fairuse_in(dir.path(), &["check", "my-case.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for needle in [
        "my-case.yaml: warning: id is still 'my-case'",
        "my-case.yaml: warning: title still has the placeholder text",
        "my-case.yaml: warning: facts still has the placeholder text",
        "my-case.yaml: warning: sources still has the placeholder text",
        "my-case.yaml: warning: use 1 (training): ",
    ] {
        assert!(out.contains(needle), "{needle}\nin\n{out}");
    }
    assert!(out.contains("not answered: use-type"), "{out}");
    assert_eq!(
        fairuse_in(dir.path(), &["check", "--strict", "my-case.yaml"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn completions_and_the_man_page_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ok(&fairuse(&["completions", shell]));
        for command in ["memo", "check", "score", "completions"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
        assert!(
            script.contains("--verify") || script.contains("verify"),
            "{shell}"
        );
    }
    let o = fairuse(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let man = ok(&fairuse(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH fairuse"),
        "{}",
        &man[..200]
    );
    for command in ["memo", "check", "score", "init", "backtest", "completions"] {
        assert!(man.contains(command), "{command}");
    }
}
