//! The real binary in a pseudo-terminal, read back through a vt100 parser:
//! open a case, answer, save, export, quit; the same ended by SIGTERM and
//! SIGHUP; a small window; NO_COLOR; and the refusal without a terminal.
#![cfg(unix)]

use fairuse::engine::applies;
use fairuse::load::{self, Library};
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fairuse");
const WAIT: Duration = Duration::from_secs(20);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    fn start(args: &[&str], cwd: &Path, rows: u16, cols: u16, env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system().openpty(size(rows, cols)).unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let feed = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            parser,
            writer,
            child,
            master: pair.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types.
        std::thread::sleep(Duration::from_millis(30));
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader take in the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status.exit_code();
            }
            assert!(start.elapsed() < WAIT, "the process did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

/// The second question of factor 1 that applies to kadrey-v-meta's first
/// use, and the id of its last option: what the keys below answer.
fn second_question() -> (String, String) {
    let library = Library::bundled().unwrap();
    let case = library
        .case(&load::bundled_case("kadrey-v-meta").unwrap())
        .unwrap();
    let answers: &BTreeMap<String, String> = &case.uses[0].answers;
    let q = library.rubric.factors[0]
        .questions
        .iter()
        .filter(|q| applies(q, answers))
        .nth(1)
        .unwrap();
    (q.id.clone(), q.options.last().unwrap().id.clone())
}

fn saved_answer(path: &Path, question: &str) -> String {
    let library = Library::bundled().unwrap();
    let case = library.case(&load::read(path).unwrap()).unwrap();
    case.uses[0].answers[question].clone()
}

#[test]
fn open_answer_save_export_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("saved.yaml");
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", save.to_str().unwrap()],
        dir.path(),
        24,
        80,
        &[],
    );
    s.wait_for("Factor 1");
    assert!(s.in_alternate_screen());
    let (question, last) = second_question();
    s.send("\t"); // the second question
    s.send("G"); // its last option
    s.send(" "); // chosen
    s.send("s");
    s.wait_for("Saved to");
    assert_eq!(saved_answer(&save, &question), last);
    // Going back and forth keeps the answer.
    s.send("\x1b[Z"); // Shift-Tab
    s.send("\t");
    s.send("m");
    s.wait_for("Memo preview");
    s.send("e");
    s.wait_for("Export the memo");
    s.send("\r");
    s.wait_for("Memo exported to");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.in_alternate_screen(), "{}", s.screen());
    assert!(s.screen().contains("answers saved to"), "{}", s.screen());
    assert_eq!(saved_answer(&save, &question), last);
    // `fairuse memo` on the save file gives the exported memo, byte for byte.
    let exported = std::fs::read_to_string(dir.path().join("kadrey-v-meta.memo.md")).unwrap();
    let cli = std::process::Command::new(BIN)
        .args([
            "memo",
            save.to_str().unwrap(),
            "--date",
            &fairuse::date::today(),
        ])
        .output()
        .unwrap();
    assert!(cli.status.success());
    assert_eq!(String::from_utf8(cli.stdout).unwrap(), exported);
}

fn ended_by_signal(signal: &str, number: u32) {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("saved.yaml");
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", save.to_str().unwrap()],
        dir.path(),
        24,
        80,
        &[],
    );
    s.wait_for("Factor 1");
    let (question, last) = second_question();
    s.send("\tG ");
    s.wait_for("Saved to");
    s.signal(signal);
    assert_eq!(s.wait_exit(), 128 + number);
    assert!(!s.in_alternate_screen(), "{}", s.screen());
    assert_eq!(saved_answer(&save, &question), last);
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    ended_by_signal("TERM", 15);
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    ended_by_signal("HUP", 1);
}

#[test]
fn without_save_a_new_file_is_named_after_the_case() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kadrey-v-meta.answers.yaml"), "mine").unwrap();
    let mut s = Session::start(&["tui", "kadrey-v-meta"], dir.path(), 24, 80, &[]);
    s.wait_for("Will save to ./kadrey-v-meta-2.answers.yaml");
    s.send("\tG ");
    s.wait_for("Saved to ./kadrey-v-meta-2.answers.yaml");
    s.send("\x03"); // ctrl-c
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("kadrey-v-meta.answers.yaml")).unwrap(),
        "mine"
    );
    let (question, last) = second_question();
    assert_eq!(
        saved_answer(&dir.path().join("kadrey-v-meta-2.answers.yaml"), &question),
        last
    );
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_and_keeps_the_saved_answers() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("saved.yaml");
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", save.to_str().unwrap()],
        dir.path(),
        24,
        80,
        &[("FAIRUSE_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    s.wait_for("Factor 1");
    let (question, last) = second_question();
    s.send("\tG ");
    s.wait_for("Saved to");
    s.send("\x1b[24~"); // F12
    assert_eq!(s.wait_exit(), 101);
    assert!(!s.in_alternate_screen(), "{}", s.screen());
    assert!(s.screen().contains("test panic"), "{}", s.screen());
    assert_eq!(saved_answer(&save, &question), last);
}

#[test]
fn the_picker_opens_with_no_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], dir.path(), 24, 80, &[]);
    let screen = s.wait_for("New scenario");
    assert!(screen.contains("kadrey-v-meta"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.in_alternate_screen());
}

#[test]
fn a_small_window_says_so_and_a_resize_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(&["tui", "kadrey-v-meta"], dir.path(), 20, 60, &[]);
    s.wait_for("Terminal too small");
    s.master.resize(size(24, 80)).unwrap();
    s.parser
        .lock()
        .unwrap()
        .screen_mut()
        .set_size(24.try_into().unwrap(), 80.try_into().unwrap());
    s.wait_for("Factor 1");
}

fn colored_cells(s: &Session) -> usize {
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let mut colored = 0;
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            let cell = screen.cell(r, c).unwrap();
            if cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default {
                colored += 1;
            }
        }
    }
    colored
}

#[test]
fn no_color_means_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["tui", "kadrey-v-meta"], dir.path(), 24, 80, &[]);
    s.wait_for("Factor 1");
    assert!(colored_cells(&s) > 0);
    s.send("q");
    s.wait_exit();
    let mut s = Session::start(
        &["tui", "kadrey-v-meta"],
        dir.path(),
        24,
        80,
        &[("NO_COLOR", "1")],
    );
    s.wait_for("Factor 1");
    assert_eq!(colored_cells(&s), 0);
    s.send("q");
    s.wait_exit();
}

#[test]
fn without_a_terminal_it_points_to_score_and_memo() {
    let out = std::process::Command::new(BIN)
        .args(["tui", "kadrey-v-meta"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        fairuse::tui::NEEDS_TERMINAL
    );
}

#[test]
fn a_save_file_opened_again_is_saved_into_in_place_and_resumes_where_left() {
    let dir = tempfile::tempdir().unwrap();
    let (question, last) = second_question();
    let mut s = Session::start(&["tui", "kadrey-v-meta"], dir.path(), 24, 80, &[]);
    s.wait_for("Factor 1");
    s.send("\tG ");
    s.wait_for("Saved to ./kadrey-v-meta.answers.yaml");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let save = dir.path().join("kadrey-v-meta.answers.yaml");
    assert_eq!(saved_answer(&save, &question), last);
    // Opened again: the same file, at the same question, and it says so.
    let mut s = Session::start(
        &["tui", "kadrey-v-meta.answers.yaml"],
        dir.path(),
        24,
        80,
        &[],
    );
    let screen = s.wait_for("Resumed: changes are saved into");
    assert!(screen.contains("question 2 of"), "{screen}");
    s.send("g "); // the first option of the same question
    s.wait_for("Saving into kadrey-v-meta.answers.yaml (the file you opened)");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_ne!(saved_answer(&save, &question), last);
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "no second file: {files:?}");
    // And the picker offers it above the bundled cases.
    let mut s = Session::start(&["tui"], dir.path(), 24, 100, &[]);
    let screen = s.wait_for("Carry on");
    let saved_row = screen.find("kadrey-v-meta.answers.yaml").unwrap();
    assert!(
        saved_row < screen.find("Bundled cases").unwrap(),
        "{screen}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn save_onto_a_markdown_file_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let memo = dir.path().join("memo.md");
    std::fs::write(&memo, "# My memo\n").unwrap();
    let out = std::process::Command::new(BIN)
        .args(["tui", "kadrey-v-meta", "--save"])
        .arg(&memo)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("not a fairuse save file") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), "# My memo\n");
    // With --force, in a terminal, the first change replaces it.
    let memo_arg = memo.display().to_string();
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", &memo_arg, "--force"],
        dir.path(),
        24,
        80,
        &[],
    );
    s.wait_for("Factor 1");
    s.send("\tG ");
    s.wait_for("Saved to");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(std::fs::read_to_string(&memo)
        .unwrap()
        .starts_with("# fairuse save file"));
}

#[test]
fn an_invalid_date_in_the_form_then_quit_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.yaml");
    let save_arg = save.display().to_string();
    let (question, last) = second_question();
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", &save_arg],
        dir.path(),
        24,
        80,
        &[],
    );
    s.wait_for("Factor 1");
    s.send("\tG ");
    s.wait_for("Saved to");
    s.send("f");
    s.wait_for("Facts as of");
    for _ in 0..4 {
        s.send("\t");
    }
    s.send("\x15"); // ^U: empty the field
    for c in "Nov 2026".chars() {
        s.send(&c.to_string());
    }
    s.send("\t");
    s.wait_for("is not a date");
    s.send("\x1b");
    s.wait_for("Are you sure?");
    s.send("n");
    s.send("\x03"); // ^C asks
    s.wait_for("Quitting now would lose this");
    s.send("\x1b"); // stay
    s.send("\x03");
    s.wait_for("Quitting now would lose this");
    s.send("d");
    assert_eq!(s.wait_exit(), 0);
    // The answer given before is on disk; the bad date never was.
    assert_eq!(saved_answer(&save, &question), last);
    let text = std::fs::read_to_string(&save).unwrap();
    assert!(!text.contains("Nov 2026"), "{text}");
}

#[test]
fn pasted_text_with_cr_keeps_its_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.yaml");
    let save_arg = save.display().to_string();
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", &save_arg],
        dir.path(),
        24,
        80,
        &[],
    );
    s.wait_for("Factor 1");
    s.send("n");
    s.wait_for("Note:");
    s.send("\x15");
    // Bracketed paste, as a terminal sends it: CR for each line break.
    s.send("\x1b[200~first line\rsecond line\r\nthird\x1b[201~");
    s.send("\x1b");
    s.wait_for("Saved to");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let library = Library::bundled().unwrap();
    let case = library.case(&load::read(&save).unwrap()).unwrap();
    let note = &case.uses[0].notes["use-type"];
    assert!(note.contains("first line\nsecond line\nthird"), "{note:?}");
}

#[test]
fn a_removed_use_comes_back_with_undo() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.yaml");
    let save_arg = save.display().to_string();
    let mut s = Session::start(
        &["tui", "kadrey-v-meta", "--save", &save_arg],
        dir.path(),
        24,
        80,
        &[],
    );
    s.wait_for("Factor 1");
    s.send("D");
    s.wait_for("Are you sure?");
    s.send("y");
    s.wait_for("Removed use");
    let library = Library::bundled().unwrap();
    let uses = |p: &Path| library.case(&load::read(p).unwrap()).unwrap().uses.len();
    assert_eq!(uses(&save), 1, "the removal is saved");
    s.send("z");
    s.wait_for("Undone");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let case = library.case(&load::read(&save).unwrap()).unwrap();
    let bundled = library
        .case(&load::bundled_case("kadrey-v-meta").unwrap())
        .unwrap();
    assert_eq!(case.uses, bundled.uses, "back with every answer and note");
}
