//! Every screen of the walkthrough, drawn into ratatui's `TestBackend` at
//! 80x24 and 120x40, over the bundled kadrey-v-meta case. When the rubric or
//! the case changes, review with `cargo insta review` (or accept with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots`).

use fairuse::load::{self, Library};
use fairuse::tui::app::{Baseline, Screen, View};
use fairuse::tui::save::SavedFile;
use fairuse::tui::{view, App, Theme};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn app(size: (u16, u16)) -> App {
    let library = Library::bundled().unwrap();
    let mut app = App::new(library, "2026-01-15".into(), Theme::plain());
    app.size = size;
    app
}

fn saved_as(app: &mut App, path: &str) {
    if let Some(s) = app.session_mut() {
        s.save.path = Some(path.into());
    }
}

fn kadrey(size: (u16, u16)) -> App {
    let mut app = app(size);
    let case = app
        .library
        .case(&load::bundled_case("kadrey-v-meta").unwrap())
        .unwrap();
    app.open(case, "kadrey-v-meta (bundled)");
    saved_as(&mut app, "kadrey-v-meta.answers.yaml");
    app
}

fn draw(app: &App, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::render(app, f)).unwrap();
    terminal.backend().to_string()
}

/// One snapshot per size, named `<screen>_<w>x<h>`.
fn check(name: &str, build: impl Fn((u16, u16)) -> App) {
    for size in SIZES {
        let app = build(size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), draw(&app, size));
    }
}

#[test]
fn picker() {
    check("picker", app);
}

#[test]
fn question() {
    check("question", kadrey);
}

#[test]
fn question_with_long_options() {
    check("question_long", |size| {
        let mut app = kadrey(size);
        press(&mut app, "\t\tj");
        app
    });
}

#[test]
fn market_factor() {
    check("market", |size| {
        let mut app = kadrey(size);
        press(&mut app, "4");
        app
    });
}

#[test]
fn summary() {
    check("summary", |size| {
        let mut app = kadrey(size);
        press(&mut app, "5");
        assert!(matches!(&app.screen, Screen::Case(s) if s.view == View::Summary));
        app
    });
}

#[test]
fn memo_preview() {
    check("memo", |size| {
        let mut app = kadrey(size);
        press(&mut app, "m");
        app
    });
}

#[test]
fn help() {
    check("help", |size| {
        let mut app = kadrey(size);
        press(&mut app, "?");
        app
    });
}

#[test]
fn export_prompt() {
    check("export", |size| {
        let mut app = kadrey(size);
        press(&mut app, "e");
        app
    });
}

#[test]
fn note_editor() {
    check("note", |size| {
        let mut app = kadrey(size);
        press(&mut app, "n and a new line");
        app
    });
}

#[test]
fn facts_form() {
    check("form", |size| {
        let mut app = kadrey(size);
        press(&mut app, "f");
        app
    });
}

#[test]
fn new_scenario() {
    check("new_scenario", |size| {
        let mut app = app(size);
        app.new_scenario();
        press(&mut app, "A scenario\t");
        saved_as(&mut app, "a-scenario.answers.yaml");
        app
    });
}

#[test]
fn picker_with_save_files() {
    check("picker_saves", |size| {
        let mut app = app(size);
        let dir = tempfile::tempdir().unwrap();
        let mut case = app
            .library
            .case(&load::bundled_case("kadrey-v-meta").unwrap())
            .unwrap();
        case.uses[0].answers.clear();
        let (text, _) = fairuse::tui::save::snapshot(&app.library, &case).unwrap();
        std::fs::write(dir.path().join("kadrey-v-meta.answers.yaml"), text).unwrap();
        let mut saved = fairuse::tui::save::saved_files(&app.library, dir.path());
        // A fixed time, so the snapshot does not move with the clock.
        for f in &mut saved {
            f.when = "2026-01-15 09:30".into();
        }
        let _: &[SavedFile] = &saved;
        app.show_picker(saved);
        app
    });
}

#[test]
fn review() {
    check("review", |size| {
        let mut app = kadrey(size);
        press(&mut app, "5\njj");
        app
    });
}

#[test]
fn what_if() {
    check("what_if", |size| {
        let mut app = kadrey(size);
        // Change one answer of the market factor, then compare.
        press(&mut app, "4k ");
        press(&mut app, "5w");
        assert!(
            matches!(&app.screen, Screen::Case(s) if s.view == View::Compare { against: Baseline::Opened })
        );
        app
    });
}

#[test]
fn invalid_field_in_the_form() {
    check("form_invalid", |size| {
        let mut app = kadrey(size);
        press(&mut app, "f\t\t\t\t");
        app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        press(&mut app, "Nov 2026\t\u{1b}");
        app
    });
}

#[test]
fn quit_with_unsaved_changes() {
    check("quit_prompt", |size| {
        let mut app = kadrey(size);
        press(&mut app, "f\t\t\t\t");
        app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        press(&mut app, "Nov 2026");
        app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        app
    });
}

#[test]
fn remove_use_asks() {
    check("remove_use", |size| {
        let mut app = kadrey(size);
        press(&mut app, "D");
        app
    });
}

#[test]
fn too_small() {
    let app = kadrey((79, 23));
    insta::assert_snapshot!("too_small_79x23", draw(&app, (79, 23)));
}
