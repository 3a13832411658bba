//! The walkthrough's state updates: navigation, answering, conditional
//! questions, notes, the scenario form, saving and exporting; and the event
//! loop driven through ratatui's `TestBackend`.

mod tui_support;

use fairuse::engine;
use fairuse::load::Source;
use fairuse::report::memo::MemoOptions;
use fairuse::tui::app::{Action, Overlay, Screen};
use fairuse::tui::save::{SaveState, SaveTarget};
use fairuse::tui::terminal::{run_loop, Exit, Input};
use fairuse::tui::{view, App, Theme};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::Terminal;
use tui_support::*;

fn keys(app: &mut App, codes: &[KeyCode]) -> Vec<Action> {
    codes.iter().map(|&c| app.handle_key(key(c))).collect()
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(ch(c));
    }
}

#[test]
fn opens_at_the_first_question_with_its_answer_highlighted() {
    let app = app();
    assert_eq!(app.screen, Screen::Walk);
    assert_eq!(at(&app), "kind");
    assert_eq!(app.doc.as_ref().unwrap().highlight, 0);
    assert_eq!(app.progress(0), (2, 3));
    assert_eq!(app.total_progress(), (2, 6));
}

#[test]
fn tab_and_shift_tab_walk_every_applicable_question_across_factors() {
    let mut app = app();
    let mut seen = vec![at(&app)];
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Tab));
        seen.push(at(&app));
    }
    // The amount factor asks nothing, so the walk goes from nature to market.
    assert_eq!(
        seen,
        [
            "kind",
            "commercial",
            "model",
            "creative",
            "harm",
            "licensing"
        ]
    );
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(app.screen, Screen::Summary, "past the last question");
    app.handle_key(key(KeyCode::BackTab));
    assert_eq!((app.screen, at(&app)), (Screen::Walk, "licensing".into()));
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Left));
    }
    assert_eq!(at(&app), "kind");
    app.handle_key(key(KeyCode::Left));
    assert_eq!(at(&app), "kind", "no question before the first");
    assert!(app.message.is_some());
    app.handle_key(key(KeyCode::Right));
    assert_eq!(at(&app), "commercial");
}

#[test]
fn digits_jump_to_factors_and_the_summary() {
    let mut app = app();
    app.handle_key(ch('4'));
    assert_eq!(at(&app), "harm");
    app.handle_key(ch('3'));
    assert_eq!(app.doc.as_ref().unwrap().factor, 2);
    assert!(app.current_question().is_none(), "amount asks nothing");
    app.handle_key(ch('5'));
    assert_eq!(app.screen, Screen::Summary);
    app.handle_key(ch('2'));
    assert_eq!((app.screen, at(&app)), (Screen::Walk, "creative".into()));
}

#[test]
fn answering_moves_the_factor_and_the_conclusion_as_the_engine_says() {
    let mut app = app();
    app.handle_key(key(KeyCode::Tab)); // commercial: answered "commercial"
    assert_eq!(app.doc.as_ref().unwrap().highlight, 0);
    let before = app.current_analysis().unwrap().clone();
    assert_eq!(app.handle_key(key(KeyCode::Down)), Action::None);
    assert_eq!(app.handle_key(ch(' ')), Action::Changed);
    assert_eq!(answer(&app, "commercial").as_deref(), Some("nonprofit"));
    let after = app.current_analysis().unwrap().clone();
    assert!(after.factors[0].score > before.factors[0].score);
    // The same numbers the engine gives for the saved case.
    let (_, saved) = app.snapshot().unwrap();
    assert_eq!(after, engine::analyse(&app.library.rubric, &saved).uses[0]);
    // Choosing the same option again changes nothing.
    assert_eq!(app.handle_key(ch(' ')), Action::None);
}

#[test]
fn enter_chooses_and_moves_on() {
    let mut app = app();
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(at(&app), "model");
    assert_eq!(app.handle_key(key(KeyCode::Enter)), Action::Changed);
    assert_eq!(answer(&app, "model").as_deref(), Some("general"));
    assert_eq!(at(&app), "creative");
}

#[test]
fn clearing_an_answer() {
    let mut app = app();
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(app.handle_key(ch('x')), Action::Changed);
    assert_eq!(answer(&app, "commercial"), None);
    assert_eq!(app.handle_key(key(KeyCode::Delete)), Action::None);
}

#[test]
fn conditional_questions_come_and_go_and_going_back_keeps_answers() {
    let mut app = app();
    // Answer the AI question, then change the scope so it no longer applies.
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Enter]);
    assert_eq!(answer(&app, "model").as_deref(), Some("general"));
    app.handle_key(ch('1'));
    assert_eq!(at(&app), "kind");
    keys(&mut app, &[KeyCode::Down, KeyCode::Char(' ')]);
    assert_eq!(app.applicable(0), vec![0, 1], "model is gone");
    assert_eq!(app.progress(3), (0, 1), "licensing is gone");
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(at(&app), "creative", "the walk skips it");
    // The inapplicable answer is kept in the app but not saved.
    assert_eq!(answer(&app, "model").as_deref(), Some("general"));
    let (yaml, saved) = app.snapshot().unwrap();
    assert!(!yaml.contains("model:"), "{yaml}");
    assert!(!saved.uses[0].answers.contains_key("model"));
    // The save file loads with the ordinary loader.
    app.library
        .case(&Source {
            name: "save".into(),
            text: yaml,
        })
        .unwrap();
    // Going back to training restores the answer.
    app.handle_key(ch('1'));
    keys(&mut app, &[KeyCode::Up, KeyCode::Char(' ')]);
    assert_eq!(app.applicable(0), vec![0, 1, 2]);
    let (_, saved) = app.snapshot().unwrap();
    assert_eq!(saved.uses[0].answers["model"], "general");
}

#[test]
fn notes_are_edited_sanitized_and_saved() {
    let mut app = app();
    assert_eq!(app.handle_key(ch('n')), Action::None);
    assert!(matches!(app.overlay, Some(Overlay::Note(_))));
    typed(&mut app, "q is typed, not quit");
    app.handle_key(ch('\u{1b}'));
    app.handle_paste("\u{1b}[31mred\u{1b}[0m\r\nline two");
    assert_eq!(app.handle_key(key(KeyCode::Esc)), Action::Changed);
    assert!(app.overlay.is_none());
    let note = app.current_use().unwrap().notes["kind"].clone();
    assert_eq!(note, "q is typed, not quitred\nline two");
    let (yaml, _) = app.snapshot().unwrap();
    assert!(yaml.contains("q is typed"), "{yaml}");
    assert!(!yaml.contains('\u{1b}'));
    // Emptying the note removes it.
    app.handle_key(ch('n'));
    for _ in 0..40 {
        app.handle_key(key(KeyCode::Backspace));
    }
    assert_eq!(app.handle_key(key(KeyCode::Esc)), Action::Changed);
    assert!(app.current_use().unwrap().notes.is_empty());
}

#[test]
fn uses_switch_and_keep_their_own_answers() {
    let mut app = app();
    app.handle_key(ch('u'));
    assert_eq!(app.doc.as_ref().unwrap().use_ix, 1);
    assert_eq!(app.current_use().unwrap().id, "second");
    assert_eq!(app.total_progress(), (0, 4));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(answer(&app, "kind").as_deref(), Some("training"));
    app.handle_key(ch('U'));
    assert_eq!(app.current_use().unwrap().id, "first");
}

#[test]
fn a_new_scenario_can_be_saved_only_once_it_is_complete() {
    let library = library();
    let mut app = App::new(library, TODAY.into(), Theme::plain());
    assert_eq!(app.screen, Screen::Picker);
    // The test rubric fits no bundled case, so only "New scenario" is listed.
    assert_eq!(app.picker.len(), 1);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Editor);
    assert!(app.snapshot().unwrap_err().contains("title"));
    typed(&mut app, "My Scenario: q and s are letters here");
    assert_eq!(app.handle_key(key(KeyCode::Tab)), Action::Changed);
    app.handle_key(key(KeyCode::Tab)); // date, prefilled with today
    assert!(app.snapshot().unwrap_err().contains("facts"));
    typed(&mut app, "Line one.");
    app.handle_key(key(KeyCode::Enter));
    typed(&mut app, "Line two.");
    app.handle_key(key(KeyCode::Tab));
    assert!(app.snapshot().unwrap_err().contains("use 1 needs a title"));
    // Esc cannot leave the form before a use has a title.
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Editor);
    typed(&mut app, "Training a model");
    app.handle_key(key(KeyCode::Tab)); // onto "+ Add a use"
    app.handle_key(key(KeyCode::Enter));
    typed(&mut app, "Serving outputs");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Walk);
    let (yaml, case) = app.snapshot().unwrap();
    assert_eq!(case.id, "my-scenario-q-and-s-are-letters-here");
    assert_eq!(case.facts, "Line one.\nLine two.");
    assert_eq!(case.facts_as_of, TODAY);
    let ids: Vec<&str> = case.uses.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["training-a-model", "serving-outputs"]);
    // An ordinary case file, marked at both ends so a cut-short copy is caught.
    assert!(yaml.starts_with("# fairuse save file"), "{yaml}");
    assert!(yaml.contains("\nid: my-scenario"), "{yaml}");
    assert!(yaml.ends_with("# end of fairuse save file\n"), "{yaml}");
    // Editing again keeps the answers and the use ids.
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(ch('f'));
    assert_eq!(app.screen, Screen::Editor);
    app.handle_key(key(KeyCode::Esc));
    let (_, again) = app.snapshot().unwrap();
    assert_eq!(again.uses[0].answers["kind"], "training");
}

#[test]
fn removing_a_use_in_the_form() {
    let mut app = app();
    app.handle_key(ch('f'));
    // Title, date, facts, then the uses.
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(app.handle_key(ctrl('d')), Action::Changed);
    app.handle_key(key(KeyCode::Esc));
    let (_, case) = app.snapshot().unwrap();
    assert_eq!(case.uses.len(), 1);
    assert_eq!(case.uses[0].id, "second");
}

#[test]
fn the_memo_is_the_one_the_cli_renders_for_the_saved_file() {
    let app = app();
    let (yaml, _) = app.snapshot().unwrap();
    let reloaded = app
        .library
        .case(&Source {
            name: "saved".into(),
            text: yaml,
        })
        .unwrap();
    let cli = fairuse::report::memo::render_case(
        &app.library,
        &reloaded,
        &MemoOptions::new(TODAY.into()),
    )
    .unwrap();
    assert_eq!(app.memo().unwrap(), cli);
}

#[test]
fn overlays_open_and_close() {
    let mut app = app();
    app.handle_key(ch('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.overlay, None);
    app.handle_key(ch('m'));
    assert!(matches!(app.overlay, Some(Overlay::Memo { scroll: 0, .. })));
    app.handle_key(key(KeyCode::PageDown));
    assert!(matches!(app.overlay, Some(Overlay::Memo { scroll, .. }) if scroll > 0));
    app.handle_key(ch('q'));
    assert_eq!(app.overlay, None, "q closes the overlay, not the app");
    assert_eq!(app.handle_key(ch('q')), Action::Quit);
    assert_eq!(app.handle_key(ctrl('c')), Action::Quit);
}

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).unwrap()
}

fn term(e: Event) -> Input {
    Input::Term(e)
}

fn press(code: KeyCode) -> Input {
    term(Event::Key(key(code)))
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

#[test]
fn the_loop_saves_after_each_change_to_a_new_file_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test-case.answers.yaml"), "taken").unwrap();
    let mut app = app();
    let mut target = SaveTarget::new_in(dir.path());
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Tab),
        press(KeyCode::Down),
        press(KeyCode::Char(' ')),
        press(KeyCode::Char('q')),
    ];
    let exit = run_loop(&mut t, &mut app, &mut target, inputs).unwrap();
    assert_eq!(exit, Exit::Quit);
    let path = dir.path().join("test-case-2.answers.yaml");
    assert_eq!(target.path.as_deref(), Some(path.as_path()));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("test-case.answers.yaml")).unwrap(),
        "taken"
    );
    let saved = app
        .library
        .case(&fairuse::load::read(&path).unwrap())
        .unwrap();
    assert_eq!(saved.uses[0].answers["commercial"], "nonprofit");
    assert!(screen(&t).contains("Saved to"), "{}", screen(&t));
}

#[test]
fn nothing_is_written_when_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut target = SaveTarget::new_in(dir.path());
    let mut t = terminal(80, 24);
    run_loop(
        &mut t,
        &mut app,
        &mut target,
        vec![press(KeyCode::Char('q'))],
    )
    .unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(screen(&t).contains("Will save to"), "{}", screen(&t));
}

#[test]
fn a_signal_saves_what_is_being_typed_and_ends_the_loop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("named.yaml");
    let mut app = app();
    let mut target = SaveTarget::named(&path);
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Char('n')),
        press(KeyCode::Char('h')),
        press(KeyCode::Char('i')),
        Input::Signal(15),
    ];
    let exit = run_loop(&mut t, &mut app, &mut target, inputs).unwrap();
    assert_eq!(exit, Exit::Signal(15));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("kind: hi"), "{text}");
}

#[test]
fn export_writes_the_memo_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("save.yaml");
    let memo = dir.path().join("memo.md");
    let mut app = app();
    let mut target = SaveTarget::named(&save);
    let mut t = terminal(80, 24);
    let mut inputs = vec![press(KeyCode::Char('e'))];
    // Replace the suggested name with our own.
    inputs.extend((0..200).map(|_| press(KeyCode::Backspace)));
    inputs.extend(
        memo.display()
            .to_string()
            .chars()
            .map(|c| press(KeyCode::Char(c))),
    );
    inputs.push(press(KeyCode::Enter));
    let exit = run_loop(&mut t, &mut app, &mut target, inputs).unwrap();
    assert_eq!(exit, Exit::Closed);
    let expected = app.memo().unwrap();
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), expected);
    assert!(screen(&t).contains("Memo exported to"), "{}", screen(&t));

    // A second export to the same file asks first.
    std::fs::write(&memo, "old").unwrap();
    let mut inputs = vec![press(KeyCode::Char('e'))];
    inputs.extend((0..200).map(|_| press(KeyCode::Backspace)));
    inputs.extend(
        memo.display()
            .to_string()
            .chars()
            .map(|c| press(KeyCode::Char(c))),
    );
    inputs.push(press(KeyCode::Enter));
    run_loop(&mut t, &mut app, &mut target, inputs).unwrap();
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), "old");
    assert!(screen(&t).contains("That file exists"), "{}", screen(&t));
    run_loop(&mut t, &mut app, &mut target, vec![press(KeyCode::Enter)]).unwrap();
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), expected);
}

#[test]
fn the_suggested_memo_name_is_free() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test-case.memo.md"), "taken").unwrap();
    let mut app = app();
    app.save.path = Some(dir.path().join("s.yaml"));
    app.handle_key(ch('e'));
    let Some(Overlay::Export(prompt)) = &app.overlay else {
        panic!("no export prompt");
    };
    assert!(
        prompt.path.text.ends_with("test-case-2.memo.md"),
        "{}",
        prompt.path.text
    );
}

#[test]
fn clicking_an_option_chooses_it_and_clicking_a_tab_goes_there() {
    let mut app = app();
    let mut t = terminal(80, 24);
    t.draw(|f| view::render(&app, f)).unwrap();
    let text = screen(&t);
    let row = text
        .lines()
        .position(|l| l.contains("Something else"))
        .unwrap() as u16;
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(app.handle_mouse(click(10, row)), Action::Changed);
    assert_eq!(answer(&app, "kind").as_deref(), Some("other"));
    let tab = text.lines().nth(1).unwrap().find("4 Market").unwrap() as u16;
    app.handle_mouse(click(tab + 1, 1));
    assert_eq!(at(&app), "harm");
}

#[test]
fn a_small_terminal_gets_a_message_and_resizing_redraws() {
    let mut app = app();
    let mut t = terminal(60, 20);
    let inputs = vec![press(KeyCode::Tab), term(Event::Resize(80, 24))];
    // The TestBackend does not change size by itself; resize it as a terminal would.
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(screen(&t).contains("Terminal too small"));
    app.size = (60, 20);
    assert_eq!(app.handle_key(key(KeyCode::Tab)), Action::None);
    assert_eq!(at(&app), "kind", "keys wait until the screen is big enough");
    t.backend_mut().resize(80, 24);
    run_loop(
        &mut t,
        &mut app,
        &mut SaveTarget::new_in(std::path::Path::new("/nonexistent")),
        inputs,
    )
    .unwrap();
    assert!(!screen(&t).contains("Terminal too small"));
    assert!(screen(&t).contains("Is it commercial?"), "{}", screen(&t));
}

#[test]
fn without_color_no_cell_is_colored_and_selection_is_reversed() {
    use ratatui::style::{Color, Modifier};
    let app = app();
    let mut t = terminal(120, 40);
    t.draw(|f| view::render(&app, f)).unwrap();
    let buffer = t.backend().buffer();
    let mut reversed = 0;
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed > 0);
    // The selected option says so in text too.
    assert!(screen(&t).contains("› (•) Training a model"));
}

#[test]
fn text_from_files_is_shown_without_control_characters() {
    let library = library();
    let hostile = CASE.replace(
        "title: \"Test case\"",
        "title: \"Test \\e[2J\\e]0;pwned\\a case\\u009b31m\"",
    );
    let case = library
        .case(&Source {
            name: "hostile".into(),
            text: hostile,
        })
        .unwrap();
    let mut app = App::new(library, TODAY.into(), Theme::plain());
    app.open(case, "hostile");
    let mut t = terminal(80, 24);
    t.draw(|f| view::render(&app, f)).unwrap();
    let text = screen(&t);
    assert!(text.contains("Test case"), "{text}");
    assert!(!text.contains("pwned"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn a_failed_save_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut target = SaveTarget::named(&dir.path().join("missing/folder.yaml"));
    let mut t = terminal(80, 24);
    let inputs = vec![press(KeyCode::Down), press(KeyCode::Char(' '))];
    run_loop(&mut t, &mut app, &mut target, inputs).unwrap();
    assert!(matches!(target.state, SaveState::Failed(_)));
    assert!(screen(&t).contains("Save failed"), "{}", screen(&t));
}

#[test]
fn quitting_while_typing_a_note_saves_it_to_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut target = SaveTarget::new_in(dir.path());
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Char('n')),
        press(KeyCode::Char('o')),
        press(KeyCode::Char('k')),
        term(Event::Key(ctrl('c'))),
    ];
    assert_eq!(
        run_loop(&mut t, &mut app, &mut target, inputs).unwrap(),
        Exit::Quit
    );
    let text = std::fs::read_to_string(dir.path().join("test-case.answers.yaml")).unwrap();
    assert!(text.contains("kind: ok"), "{text}");
}
