//! Every screen of the walkthrough, drawn into ratatui's `TestBackend` at
//! 80x24 and 120x40, over the bundled kadrey-v-meta case. When the rubric or
//! the case changes, review with `cargo insta review` (or accept with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots`).

use fairuse::load::{self, Library};
use fairuse::tui::app::Screen;
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
    app.save.path = Some("kadrey-v-meta.answers.yaml".into());
    app
}

fn kadrey(size: (u16, u16)) -> App {
    let mut app = app(size);
    let case = app
        .library
        .case(&load::bundled_case("kadrey-v-meta").unwrap())
        .unwrap();
    app.open(case, "kadrey-v-meta (bundled)");
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
        assert_eq!(app.screen, Screen::Summary);
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
        press(&mut app, "G\nA scenario\t\t");
        app.save.path = Some("a-scenario.answers.yaml".into());
        app
    });
}

#[test]
fn too_small() {
    let app = kadrey((79, 23));
    insta::assert_snapshot!("too_small_79x23", draw(&app, (79, 23)));
}
