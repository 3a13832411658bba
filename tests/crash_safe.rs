//! Saves survive crashes: a process killed with SIGKILL in the middle of
//! saving leaves the last save it reported whole and loadable; a damaged save
//! file is reported, not half-read; and an interrupted write never replaces
//! the last good save.
//!
//! The writer is the TUI's own save code (`fairuse::tui::save::Saver`,
//! which writes through `fairuse::output::write_atomic`), run in a child
//! process: this test binary started again with `CRASH_SAFE_CHILD` set.

use fairuse::model::Case;
use fairuse::{Library, Source};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "CRASH_SAFE_CHILD";

fn library() -> Library {
    Library::bundled().expect("the bundled library loads")
}

/// A bundled case grown to most of the size limit (the most uses allowed,
/// long facts), so that a write takes long enough for kills to land in it.
fn big_case(library: &Library) -> Case {
    let mut case = library
        .case(&fairuse::load::bundled_case("bartz-v-anthropic").unwrap())
        .unwrap();
    let template = case.uses.clone();
    // 33 × 3 uses: under the limit of 100.
    case.uses = (0..33)
        .flat_map(|n| {
            template.iter().map(move |u| {
                let mut u = u.clone();
                u.id = format!("{}-{n}", u.id);
                u
            })
        })
        .collect();
    case.facts = "The facts, at length. ".repeat(20_000);
    case
}

fn load(library: &Library, path: &Path) -> Result<Case, String> {
    let source = fairuse::load::read(path).map_err(|e| e.to_string())?;
    library.case(&source).map_err(|e| e.to_string())
}

/// In the child: save again and again, each save numbered in the title, and
/// report each one on stdout only after the save call has returned. The text
/// is made once, so the loop is all writing and kills land in the middle of it.
#[test]
fn child_saves_until_killed() {
    let Some(path) = std::env::var_os(CHILD) else {
        return; // Not started as the child: nothing to do.
    };
    let library = library();
    let mut case = big_case(&library);
    case.title = format!("save {:09}", 0);
    let yaml = fairuse::yaml::to_string(&case).unwrap();
    let mut target = fairuse::tui::save::Saver::into_file(Path::new(&path));
    let mut stdout = std::io::stdout();
    for n in 1..1_000_000_000u64 {
        let text = yaml.replacen(&format!("save {:09}", 0), &format!("save {n:09}"), 1);
        target.write(&case.id, &text).unwrap();
        writeln!(stdout, "saved {n}").unwrap();
        stdout.flush().unwrap();
    }
}

fn save_number(case: &Case) -> u64 {
    case.title
        .strip_prefix("save ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected title {:?}", case.title))
}

#[test]
fn kill_9_while_saving_loses_no_save_that_was_reported() {
    let library = library();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("session.answers.yaml");
    let mut last_reported = 0;
    let mut kills = 0;
    let started = Instant::now();
    // Kill at varied moments, each run starting over the previous run's file.
    for round in 0..24u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_saves_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Wait for the first save of this run, then kill after a varied delay.
        let mut lines = BufReader::new(stdout).lines();
        let mut reported = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if line.starts_with("saved ") {
                reported = Some(line);
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(1_000 + (round * 7_919) % 40_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        for line in lines {
            let line = line.unwrap();
            if line.starts_with("saved ") {
                reported = Some(line);
            }
        }
        let reported: u64 = reported
            .expect("the child saved at least once")
            .trim_start_matches("saved ")
            .parse()
            .unwrap();
        // The file on disk is whole, loads, and holds the last reported save
        // (or the one after it, if the kill came between saving and reporting).
        let case = load(&library, &path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let on_disk = save_number(&case);
        assert!(
            on_disk == reported || on_disk == reported + 1,
            "round {round}: reported save {reported}, found save {on_disk}"
        );
        assert_eq!(case.uses.len(), big_case(&library).uses.len());
        last_reported = reported;
    }
    assert!(last_reported > 0 && kills == 24);
    // Killed writers may leave their temporary files behind; never the save
    // file in a broken state, and never anything that looks like a save.
    for entry in std::fs::read_dir(folder.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "session.answers.yaml"
                || (name.starts_with(".fairuse-") && name.ends_with(".tmp")),
            "unexpected file {name}"
        );
    }
    eprintln!("24 kills in {:?}", started.elapsed());
}

/// Every cut of a save file either is reported (one line naming the file) or
/// loads as a case whose answers are all answers of the original: a cut can
/// lose trailing answers but never turn one answer into another.
#[test]
fn a_truncated_save_is_reported_or_loses_only_trailing_answers() {
    let library = library();
    let case = library
        .case(&fairuse::load::bundled_case("bartz-v-anthropic").unwrap())
        .unwrap();
    let yaml = fairuse::yaml::to_string(&case).unwrap();
    let (mut reported, mut loaded) = (0, 0);
    // Every line boundary and the characters around it, and every 11th byte.
    let cuts = (0..yaml.len()).filter(|&i| {
        // Bytes, not str: a window around a non-ASCII letter need not fall on char boundaries.
        let near_break =
            yaml.as_bytes()[i.saturating_sub(2)..(i + 2).min(yaml.len())].contains(&b'\n');
        yaml.is_char_boundary(i) && (near_break || i % 11 == 0)
    });
    for cut in cuts {
        let source = Source {
            name: "save.yaml".into(),
            text: yaml[..cut].to_string(),
        };
        match library.case(&source) {
            Err(e) => {
                reported += 1;
                for line in e.lines() {
                    assert!(line.starts_with("save.yaml"), "{line}");
                    assert!(!line.contains('\n'));
                }
            }
            Ok(partial) => {
                loaded += 1;
                for u in &partial.uses {
                    let original = case.uses.iter().find(|o| o.id == u.id).unwrap();
                    for (q, a) in &u.answers {
                        assert_eq!(
                            original.answers.get(q),
                            Some(a),
                            "cut at {cut} changed {}'s answer to {q}",
                            u.id
                        );
                    }
                }
            }
        }
    }
    assert!(reported > 0 && loaded > 0);
    eprintln!("{reported} cuts reported, {loaded} loaded with fewer answers or shorter text");
}

/// A damaged save file given back to fairuse is reported, and nothing
/// writes over it.
#[test]
fn a_damaged_save_file_is_reported_and_left_as_it_is() {
    let library = library();
    let folder = tempfile::tempdir().unwrap();
    let case = library
        .case(&fairuse::load::bundled_case("kadrey-v-meta").unwrap())
        .unwrap();
    let yaml = fairuse::yaml::to_string(&case).unwrap();
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        // Cut inside an answer: the option id no longer exists.
        ("cut.answers.yaml", {
            let at = yaml.find("use-type: ").unwrap() + "use-type: ai-tr".len();
            yaml.as_bytes()[..at].to_vec()
        }),
        // A block of zeros, as a crash in the middle of a non-atomic write leaves.
        ("zeros.answers.yaml", {
            let mut bytes = yaml.as_bytes()[..yaml.len() / 2].to_vec();
            bytes.extend(std::iter::repeat_n(0u8, 4096));
            bytes
        }),
        // Garbage bytes in the middle.
        ("garbage.answers.yaml", {
            let mut bytes = yaml.as_bytes().to_vec();
            let mid = bytes.len() / 2;
            bytes.splice(mid..mid, [0xff, 0xfe, 0x80, b'\n'].iter().copied());
            bytes
        }),
        ("empty.answers.yaml", Vec::new()),
    ];
    let expected = [
        "cut.answers.yaml: use 1 (training), answers.use-type: unknown option 'ai-tr'; expected one of: ai-training, training-acquisition, library-building",
        "zeros.answers.yaml: contains binary data (NUL bytes), not YAML text",
        "garbage.answers.yaml: is not UTF-8 text (invalid byte at offset",
        "empty.answers.yaml: file is empty",
    ];
    for ((name, bytes), expected) in damaged.iter().zip(expected) {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        // Resuming a session: the save file is both the case and the save target.
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_fairuse"))
            .args(["tui", name, "--save", name])
            .current_dir(folder.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        // One line per problem, each naming the file; the expected one among them.
        assert!(stderr.lines().all(|l| l.starts_with(name)), "{stderr}");
        assert!(
            stderr.lines().any(|l| l.starts_with(expected)),
            "{name}: {stderr}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(&std::fs::read(&path).unwrap(), bytes, "{name} was changed");
    }
}

/// A write that fails part way (here: the folder vanishes) leaves the last
/// good save as it was.
#[test]
fn a_failed_save_keeps_the_last_good_one() {
    let library = library();
    let folder = tempfile::tempdir().unwrap();
    let path: PathBuf = folder.path().join("keep.answers.yaml");
    let mut target = fairuse::tui::save::Saver::into_file(&path);
    let mut case = library
        .case(&fairuse::load::bundled_case("kadrey-v-meta").unwrap())
        .unwrap();
    case.title = "good".into();
    let good = fairuse::yaml::to_string(&case).unwrap();
    target.write(&case.id, &good).unwrap();
    // Writing into a path whose folder is a file fails before touching anything.
    let mut elsewhere = fairuse::tui::save::Saver::into_file(&path.join("nested.yaml"));
    let err = elsewhere
        .write(&case.id, "title: bad\n")
        .unwrap_err()
        .to_string();
    assert!(err.ends_with("is a file, not a folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), good);
    assert_eq!(load(&library, &path).unwrap().title, "good");
}

/// An output named through a link replaces the file the link names and
/// keeps the link; a pipe is written into, never replaced by a regular file
/// (as `-o /dev/null` once replaced /dev/null when run as root).
#[cfg(unix)]
#[test]
fn writes_follow_links_and_never_replace_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("memo.md");
    std::fs::write(&target, "old").unwrap();
    let link = folder.path().join("link.md");
    std::os::unix::fs::symlink("memo.md", &link).unwrap();
    fairuse::output::write_atomic(&link, b"new").unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");

    // A new file gets a new file's usual permissions, not the temporary
    // file's owner-only ones.
    let fresh = folder.path().join("fresh.md");
    fairuse::output::write_atomic(&fresh, b"x").unwrap();
    std::fs::write(folder.path().join("reference"), b"x").unwrap();
    assert_eq!(
        std::fs::metadata(&fresh).unwrap().permissions(),
        std::fs::metadata(folder.path().join("reference"))
            .unwrap()
            .permissions()
    );

    let pipe = folder.path().join("pipe");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: the pipe half of this test is skipped");
        return;
    }
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    fairuse::output::write_atomic(&pipe, b"through the pipe").unwrap();
    assert_eq!(reader.join().unwrap(), b"through the pipe");
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
}
