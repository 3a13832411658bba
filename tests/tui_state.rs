//! The walkthrough's state updates: navigation, answering, conditional
//! questions, notes, the scenario form, saving and exporting; and the event
//! loop driven through ratatui's `TestBackend`.

mod tui_support;

use fairuse::engine;
use fairuse::load::Source;
use fairuse::report::memo::MemoOptions;
use fairuse::tui::app::{Action, Opening, Overlay, PickerItem, Screen, View};
use fairuse::tui::editor::FieldKey;
use fairuse::tui::save::{SaveState, Saver};
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
    assert_eq!(view(&app), "walk");
    assert_eq!(at(&app), "kind");
    assert_eq!(sess(&app).highlight, 0);
    assert_eq!(sess(&app).progress(app.rubric(), 0), (2, 3));
    assert_eq!(sess(&app).total_progress(app.rubric()), (2, 6));
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
    assert_eq!(view(&app), "summary", "past the last question");
    app.handle_key(key(KeyCode::BackTab));
    assert_eq!((view(&app), at(&app)), ("walk", "licensing".into()));
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
    assert_eq!(sess(&app).factor, 2);
    assert!(at(&app).is_empty(), "amount asks nothing");
    app.handle_key(ch('5'));
    assert_eq!(view(&app), "summary");
    app.handle_key(ch('2'));
    assert_eq!((view(&app), at(&app)), ("walk", "creative".into()));
}

#[test]
fn answering_moves_the_factor_and_the_conclusion_as_the_engine_says() {
    let mut app = app();
    app.handle_key(key(KeyCode::Tab)); // commercial: answered "commercial"
    assert_eq!(sess(&app).highlight, 0);
    let before = sess(&app).current_analysis().unwrap().clone();
    assert_eq!(app.handle_key(key(KeyCode::Down)), Action::None);
    assert_eq!(app.handle_key(ch(' ')), Action::Changed);
    assert_eq!(answer(&app, "commercial").as_deref(), Some("nonprofit"));
    let after = sess(&app).current_analysis().unwrap().clone();
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
    // Clearing asks first; "no" keeps the answer.
    assert_eq!(app.handle_key(ch('x')), Action::None);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    app.handle_key(ch('n'));
    assert_eq!(answer(&app, "commercial").as_deref(), Some("commercial"));
    app.handle_key(ch('x'));
    assert_eq!(app.handle_key(ch('y')), Action::Changed);
    assert_eq!(answer(&app, "commercial"), None);
    // Nothing to clear: nothing asked.
    assert_eq!(app.handle_key(key(KeyCode::Delete)), Action::None);
    assert!(app.overlay.is_none());
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
    assert_eq!(
        sess(&app).applicable(app.rubric(), 0),
        vec![0, 1],
        "model is gone"
    );
    assert_eq!(
        sess(&app).progress(app.rubric(), 3),
        (0, 1),
        "licensing is gone"
    );
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
    assert_eq!(sess(&app).applicable(app.rubric(), 0), vec![0, 1, 2]);
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
    let note = sess(&app).current_use().unwrap().notes["kind"].clone();
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
    assert!(sess(&app).current_use().unwrap().notes.is_empty());
}

#[test]
fn uses_switch_and_keep_their_own_answers() {
    let mut app = app();
    app.handle_key(ch('u'));
    assert_eq!(sess(&app).use_ix, 1);
    assert_eq!(sess(&app).current_use().unwrap().id, "second");
    assert_eq!(sess(&app).total_progress(app.rubric()), (0, 4));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(answer(&app, "kind").as_deref(), Some("training"));
    app.handle_key(ch('U'));
    assert_eq!(sess(&app).current_use().unwrap().id, "first");
}

/// Moves the form's focus to a field.
fn focus(app: &mut App, key: FieldKey) {
    if let Some(fairuse::tui::app::Session {
        view: View::Form(form),
        ..
    }) = app.session_mut()
    {
        form.focus_on(key);
    }
}

fn form(app: &App) -> &fairuse::tui::editor::Form {
    match &sess(app).view {
        View::Form(form) => form,
        _ => panic!("not in the form"),
    }
}

/// Replaces the focused field's text by typing.
fn retype(app: &mut App, text: &str) {
    app.handle_key(ctrl('u'));
    typed(app, text);
}

#[test]
fn a_new_scenario_can_be_saved_only_once_it_is_complete() {
    let library = library();
    let mut app = App::new(library, TODAY.into(), Theme::plain());
    assert_eq!(view(&app), "picker");
    // The test rubric fits no bundled case, so only "New scenario" is listed.
    let Screen::Picker(p) = &app.screen else {
        panic!()
    };
    assert_eq!(p.items, vec![PickerItem::New]);
    assert_eq!(
        app.handle_key(key(KeyCode::Enter)),
        Action::Open(Opening::New)
    );
    app.new_scenario();
    assert_eq!(view(&app), "form");
    assert!(app.snapshot().unwrap_err().to_string().contains("title"));
    typed(&mut app, "My Scenario: q and s are letters here");
    assert_eq!(app.handle_key(key(KeyCode::Tab)), Action::Changed);
    focus(&mut app, FieldKey::Facts);
    assert!(app.snapshot().unwrap_err().to_string().contains("facts"));
    typed(&mut app, "Line one.");
    app.handle_key(key(KeyCode::Enter));
    typed(&mut app, "Line two.");
    app.handle_key(key(KeyCode::Tab));
    assert!(app
        .snapshot()
        .unwrap_err()
        .to_string()
        .contains("use 1 needs a title"));
    // Esc cannot leave the form while a field is invalid: it asks, in place.
    app.handle_key(key(KeyCode::Esc));
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.question.contains("a use needs a title"))
    );
    app.handle_key(ch('n'));
    assert_eq!(view(&app), "form");
    assert_eq!(
        form(&app).focused().unwrap().key,
        FieldKey::UseTitle(0),
        "the focus is on the field to fix"
    );
    typed(&mut app, "Training a model");
    app.handle_key(ctrl('n'));
    typed(&mut app, "Serving outputs");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(view(&app), "walk");
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
    assert_eq!(view(&app), "form");
    app.handle_key(key(KeyCode::Esc));
    let (_, again) = app.snapshot().unwrap();
    assert_eq!(again.uses[0].answers["kind"], "training");
}

#[test]
fn esc_leaves_an_empty_new_scenario_for_the_picker_after_asking() {
    let mut app = App::new(library(), TODAY.into(), Theme::plain());
    app.new_scenario();
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    assert_eq!(app.handle_key(ch('y')), Action::Picker);
}

#[test]
fn an_invalid_date_never_closes_the_form_silently_and_quitting_asks() {
    let mut app = app();
    app.handle_key(ch('f'));
    focus(&mut app, FieldKey::FactsAsOf);
    retype(&mut app, "Nov 2026");
    assert_eq!(
        app.handle_key(key(KeyCode::Tab)),
        Action::None,
        "nothing invalid is stored"
    );
    assert_eq!(sess(&app).case.facts_as_of, "2026-01-01");
    // The problem is shown where the field is.
    let mut t = terminal(80, 24);
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(
        screen(&t).contains("'Nov 2026' is not a date"),
        "{}",
        screen(&t)
    );
    // Esc asks; "no" keeps the form with the text as typed.
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(view(&app), "form");
    assert_eq!(form(&app).focused().unwrap().text.text, "Nov 2026");
    // Quitting asks too, and names the field and the reason.
    assert_eq!(app.handle_key(ctrl('c')), Action::None);
    let Some(Overlay::Quit(q)) = &app.overlay else {
        panic!("no quit prompt: {:?}", app.overlay)
    };
    assert!(
        q.lost[0].contains("Facts as of") && q.lost[0].contains("not a date"),
        "{q:?}"
    );
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none(), "Esc stays");
    // Fixed, it is stored, and Esc closes the form.
    focus(&mut app, FieldKey::FactsAsOf);
    retype(&mut app, "2026-11-01");
    assert_eq!(app.handle_key(key(KeyCode::Esc)), Action::Changed);
    assert_eq!(view(&app), "walk");
    assert_eq!(sess(&app).case.facts_as_of, "2026-11-01");
    app.handle_key(ch('f'));
    focus(&mut app, FieldKey::FactsAsOf);
    retype(&mut app, "soon");
    app.handle_key(ctrl('c'));
    assert_eq!(
        app.handle_key(ch('d')),
        Action::QuitDiscard,
        "d discards and quits"
    );
}

#[test]
fn every_field_a_memo_needs_is_edited_and_saved() {
    let mut app = app();
    app.handle_key(ch('f'));
    for (field, text) in [
        (FieldKey::Jurisdiction, "United States"),
        (FieldKey::Forum, "N.D. Cal."),
        (FieldKey::Posture, "Motion to dismiss pending."),
        (FieldKey::MemoTo, "General Counsel"),
        (FieldKey::MemoFrom, "Outside counsel"),
        (FieldKey::MemoClient, "Acme AI"),
        (FieldKey::MemoMatter, "Training data review"),
        (
            FieldKey::UseDescription(0),
            "Copying books into training data.",
        ),
        (
            FieldKey::UseQuestion(0),
            "Acme's copying of books to train a model",
        ),
        (FieldKey::UseTitle(1), "Second use, renamed"),
    ] {
        focus(&mut app, field);
        retype(&mut app, text);
        app.handle_key(key(KeyCode::Tab));
    }
    focus(&mut app, FieldKey::Sources);
    app.handle_paste("First source\rSecond source");
    app.handle_key(key(KeyCode::Tab));
    focus(&mut app, FieldKey::Litigation);
    app.handle_key(key(KeyCode::Right)); // pending
    app.handle_key(key(KeyCode::Tab));
    focus(&mut app, FieldKey::MemoRole);
    app.handle_key(key(KeyCode::Right)); // counselling
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(view(&app), "walk");
    let (yaml, case) = app.snapshot().unwrap();
    assert_eq!(case.forum.as_deref(), Some("N.D. Cal."));
    assert_eq!(case.posture.as_deref(), Some("Motion to dismiss pending."));
    assert_eq!(case.sources, ["First source", "Second source"]);
    assert_eq!(case.litigation, Some(fairuse::model::Litigation::Pending));
    let memo = case.memo.clone().unwrap();
    assert_eq!(memo.to.as_deref(), Some("General Counsel"));
    assert_eq!(memo.from.as_deref(), Some("Outside counsel"));
    assert_eq!(memo.client.as_deref(), Some("Acme AI"));
    assert_eq!(memo.matter.as_deref(), Some("Training data review"));
    assert_eq!(memo.role, Some(fairuse::model::Role::Counselling));
    assert_eq!(
        case.uses[0].description,
        "Copying books into training data."
    );
    assert_eq!(
        case.uses[0].question.as_deref(),
        Some("Acme's copying of books to train a model")
    );
    assert_eq!(case.uses[1].title, "Second use, renamed");
    assert_eq!(case.uses[1].id, "second", "ids stay as they are");
    // The exported memo is the one `fairuse memo SAVED.yaml` prints.
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
    let memo_text = app.memo().unwrap();
    assert_eq!(memo_text, cli);
    assert!(
        memo_text.contains("Acme's copying of books to train a model"),
        "{memo_text}"
    );
    // The heading (To / From / Client / Matter / Role) is in the saved case;
    // how the memo prints it is the memo template's business.
}

#[test]
fn removing_a_use_asks_and_undo_brings_it_back_with_its_answers() {
    let mut app = app();
    assert_eq!(app.handle_key(ch('D')), Action::None);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!()
    };
    assert!(
        c.question.contains("First use") && c.question.contains("2 answers"),
        "{}",
        c.question
    );
    app.handle_key(ch('n'));
    assert_eq!(sess(&app).case.uses.len(), 2, "no keeps it");
    app.handle_key(ch('D'));
    assert_eq!(app.handle_key(ch('y')), Action::Changed);
    assert_eq!(sess(&app).case.uses.len(), 1);
    assert_eq!(sess(&app).case.uses[0].id, "second");
    assert_eq!(app.handle_key(ch('z')), Action::Changed);
    let uses = &sess(&app).case.uses;
    assert_eq!(uses.len(), 2);
    assert_eq!(uses[0].answers["commercial"], "commercial");
    // The last use cannot be removed.
    app.handle_key(ch('D'));
    app.handle_key(ch('y'));
    app.handle_key(ch('D'));
    assert!(app.overlay.is_none());
    assert!(app.message.as_deref().unwrap().contains("at least one use"));
    // ^D is no longer a way to delete a use in the form.
    app.handle_key(ch('z'));
    app.handle_key(ch('f'));
    focus(&mut app, FieldKey::UseTitle(0));
    app.handle_key(ctrl('d'));
    assert_eq!(sess(&app).case.uses.len(), 2);
}

#[test]
fn undo_and_redo_cover_answers_notes_and_fields_over_several_steps() {
    let mut app = app();
    app.handle_key(key(KeyCode::Tab)); // commercial
    keys(&mut app, &[KeyCode::Down, KeyCode::Char(' ')]);
    app.handle_key(ch('n'));
    typed(&mut app, "a note");
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(ch('f'));
    retype(&mut app, "New title");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(sess(&app).case.title, "New title");
    app.handle_key(ch('z'));
    assert_eq!(sess(&app).case.title, "Test case");
    assert_eq!(answer(&app, "commercial").as_deref(), Some("nonprofit"));
    app.handle_key(ch('z'));
    assert!(sess(&app).case.uses[0].notes.is_empty());
    app.handle_key(ch('z'));
    assert_eq!(answer(&app, "commercial").as_deref(), Some("commercial"));
    assert_eq!(app.handle_key(ch('z')), Action::None);
    assert!(app.message.as_deref().unwrap().contains("Nothing to undo"));
    app.handle_key(ch('Z'));
    app.handle_key(ch('Z'));
    assert_eq!(sess(&app).case.uses[0].notes["commercial"], "a note");
    // The score follows.
    let (_, saved) = app.snapshot().unwrap();
    assert_eq!(
        sess(&app).analyses,
        engine::analyse(&app.library.rubric, &saved).uses
    );
}

#[test]
fn pasted_cr_and_crlf_become_line_breaks() {
    let mut app = app();
    app.handle_key(ch('n'));
    app.handle_paste("one\rtwo\r\nthree\n");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(sess(&app).case.uses[0].notes["kind"], "one\ntwo\nthree");
}

#[test]
fn the_review_lists_every_applicable_question_and_enter_goes_there() {
    let mut app = app();
    app.handle_key(ch('5'));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(
        view(&app),
        "review",
        "Enter on the summary opens the review"
    );
    let mut t = terminal(120, 40);
    t.draw(|f| view::render(&app, f)).unwrap();
    let text = screen(&t);
    for prompt in [
        "What kind of use",
        "Is it commercial?",
        "What does the model do?",
        "Is the work creative?",
        "Does it harm",
        "licensing market",
    ] {
        assert!(text.contains(prompt), "{prompt}: {text}");
    }
    assert!(text.contains("Factor 1: Purpose of the use"), "{text}");
    assert!(text.contains("unanswered"), "{text}");
    assert!(text.contains("✓ What kind of use"), "{text}");
    keys(
        &mut app,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter],
    );
    assert_eq!((view(&app), at(&app)), ("walk", "creative".into()));
    // Next unanswered, from anywhere.
    app.handle_key(ch('1'));
    app.handle_key(ch('N'));
    assert_eq!(at(&app), "model");
    app.handle_key(ch('N'));
    assert_eq!(at(&app), "creative");
    app.handle_key(ch('5'));
    app.handle_key(ch('N'));
    assert_eq!(
        (view(&app), at(&app)),
        ("walk", "model".into()),
        "round again from the summary"
    );
}

#[test]
fn consistency_warnings_show_on_the_question_the_summary_and_the_review() {
    let library = library();
    let text = CASE.replace(
        "      commercial: commercial\n",
        "      commercial: commercial\n    notes:\n      harm: \"a note without an answer\"\n",
    );
    let case = library
        .case(&Source {
            name: "c".into(),
            text,
        })
        .unwrap();
    let mut app = App::new(library, TODAY.into(), Theme::plain());
    app.open(case, "c");
    let warnings = sess(&app).warnings(app.rubric());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let mut t = terminal(120, 40);
    app.handle_key(ch('4'));
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(screen(&t).contains(&warnings[0].message), "{}", screen(&t));
    assert!(screen(&t).contains("Fix:"), "{}", screen(&t));
    app.handle_key(ch('5'));
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(
        screen(&t).contains("To check before relying on this (1)"),
        "{}",
        screen(&t)
    );
    app.handle_key(ch('r'));
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(screen(&t).contains("⚠ Does it harm"), "{}", screen(&t));
}

#[test]
fn what_if_compares_with_the_file_as_opened_and_with_another_use() {
    let mut app = app();
    app.handle_key(key(KeyCode::Tab));
    keys(&mut app, &[KeyCode::Down, KeyCode::Char(' ')]); // commercial -> nonprofit
    app.handle_key(ch('5'));
    app.handle_key(ch('w'));
    assert_eq!(view(&app), "compare");
    let mut t = terminal(120, 40);
    t.draw(|f| view::render(&app, f)).unwrap();
    let text = screen(&t);
    assert!(text.contains("the file as opened"), "{text}");
    assert!(text.contains("Answers that differ (1)"), "{text}");
    assert!(text.contains("\"Commercial\" → \"Nonprofit\""), "{text}");
    assert!(text.contains("Conclusion"), "{text}");
    app.handle_key(ch('w'));
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(screen(&t).contains("use 2: Second use"), "{}", screen(&t));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(view(&app), "summary");
}

#[test]
fn a_use_is_added_and_duplicated_to_explore_a_variant() {
    let mut app = app();
    app.handle_key(ch('c'));
    let s = sess(&app);
    assert_eq!(s.case.uses.len(), 3);
    assert_eq!(s.use_ix, 1);
    assert_eq!(s.case.uses[1].title, "First use (variant)");
    assert_eq!(s.case.uses[1].id, "first-variant");
    assert_eq!(s.case.uses[1].answers, s.case.uses[0].answers);
    app.handle_key(ch('a'));
    assert_eq!(view(&app), "form");
    assert_eq!(form(&app).focused().unwrap().key, FieldKey::UseTitle(3));
    typed(&mut app, "Fourth");
    app.handle_key(key(KeyCode::Esc));
    let (_, case) = app.snapshot().unwrap();
    assert_eq!(case.uses.len(), 4);
    assert_eq!(case.uses[3].id, "fourth");
    // And back to the picker, when nothing is unsaved.
    assert_eq!(app.handle_key(ch('o')), Action::Picker);
}

#[test]
fn every_key_is_bound_once_and_the_help_and_hints_read_the_same_table() {
    use fairuse::tui::keys::{hints, key_name, BINDINGS};
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            if a.ctx == b.ctx {
                for k in a.keys {
                    assert!(
                        !b.keys.contains(k),
                        "{} bound twice in {:?}",
                        key_name(*k),
                        a.ctx
                    );
                }
            }
        }
    }
    let mut app = app();
    let mut t = terminal(160, 48);
    // The hint bar changes with the screen.
    let walk = hints(&app);
    app.handle_key(ch('5'));
    let summary = hints(&app);
    assert_ne!(walk, summary);
    assert_eq!(summary[0], ("Enter".to_string(), "review"));
    t.draw(|f| view::render(&app, f)).unwrap();
    assert!(screen(&t).contains("Enter review"), "{}", screen(&t));
    assert!(screen(&t).contains("m memo"), "{}", screen(&t));
    // The help lists every binding of the screen, from the table.
    app.handle_key(ch('1'));
    app.handle_key(ch('?'));
    t.draw(|f| view::render(&app, f)).unwrap();
    let text = screen(&t);
    for b in BINDINGS.iter().filter(|b| {
        matches!(
            b.ctx,
            fairuse::tui::keys::Ctx::Walk | fairuse::tui::keys::Ctx::Case
        )
    }) {
        assert!(text.contains(b.what), "help lacks {:?}: {text}", b.what);
    }
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
    // Nothing unsaved: quitting asks nothing.
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
    let mut target = Saver::new_in(dir.path());
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Tab),
        press(KeyCode::Down),
        press(KeyCode::Char(' ')),
        press(KeyCode::Char('q')),
    ];
    let exit = run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap();
    assert_eq!(exit, Exit::Quit);
    let path = dir.path().join("test-case-2.answers.yaml");
    assert_eq!(target.path(""), Some(path.clone()));
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
    let mut target = Saver::new_in(dir.path());
    let mut t = terminal(80, 24);
    run_loop(
        &mut t,
        &mut app,
        &mut target,
        dir.path(),
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
    let mut target = Saver::into_file(&path);
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Char('n')),
        press(KeyCode::Char('h')),
        press(KeyCode::Char('i')),
        Input::Signal(15),
    ];
    let exit = run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap();
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
    let mut target = Saver::into_file(&save);
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
    let exit = run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap();
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
    run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap();
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), "old");
    assert!(screen(&t).contains("That file exists"), "{}", screen(&t));
    run_loop(
        &mut t,
        &mut app,
        &mut target,
        dir.path(),
        vec![press(KeyCode::Enter)],
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), expected);
}

#[test]
fn the_suggested_memo_name_is_free() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test-case.memo.md"), "taken").unwrap();
    let mut app = app();
    app.session_mut().unwrap().save.path = Some(dir.path().join("s.yaml"));
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
        &mut Saver::new_in(std::path::Path::new("/nonexistent")),
        std::path::Path::new("/nonexistent"),
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
    let mut target = Saver::into_file(&dir.path().join("missing/folder.yaml"));
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Down),
        press(KeyCode::Char(' ')),
        press(KeyCode::Char('q')),
    ];
    // The screen says so where the user looks, and quitting asks.
    assert_eq!(
        run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap(),
        Exit::Closed
    );
    assert!(matches!(target.state, SaveState::Failed(_)));
    assert!(screen(&t).contains("NOT SAVED"), "{}", screen(&t));
    let Some(Overlay::Quit(q)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert!(q.can_save_as);
    // Save elsewhere: the answers reach the new file.
    let elsewhere = dir.path().join("elsewhere.yaml");
    let mut inputs = vec![press(KeyCode::Char('w'))];
    inputs.extend(
        elsewhere
            .display()
            .to_string()
            .chars()
            .map(|c| press(KeyCode::Char(c))),
    );
    inputs.push(press(KeyCode::Enter));
    inputs.push(press(KeyCode::Char('q')));
    assert_eq!(
        run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap(),
        Exit::Quit
    );
    let saved = app
        .library
        .case(&fairuse::load::read(&elsewhere).unwrap())
        .unwrap();
    assert_eq!(saved.uses[0].answers["kind"], "other");
}

#[test]
fn quitting_while_typing_a_note_saves_it_to_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut target = Saver::new_in(dir.path());
    let mut t = terminal(80, 24);
    let inputs = vec![
        press(KeyCode::Char('n')),
        press(KeyCode::Char('o')),
        press(KeyCode::Char('k')),
        term(Event::Key(ctrl('c'))),
    ];
    assert_eq!(
        run_loop(&mut t, &mut app, &mut target, dir.path(), inputs).unwrap(),
        Exit::Quit
    );
    let text = std::fs::read_to_string(dir.path().join("test-case.answers.yaml")).unwrap();
    assert!(text.contains("kind: ok"), "{text}");
}

#[test]
fn a_save_file_records_where_the_user_left_off_and_the_picker_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut saver = Saver::new_in(dir.path());
    let mut t = terminal(80, 24);
    // Second use, market factor: answer "harm", then quit.
    let inputs = vec![
        press(KeyCode::Char('u')),
        press(KeyCode::Char('4')),
        press(KeyCode::Char(' ')),
        press(KeyCode::Char('q')),
    ];
    assert_eq!(
        run_loop(&mut t, &mut app, &mut saver, dir.path(), inputs).unwrap(),
        Exit::Quit
    );
    let path = dir.path().join("test-case.answers.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# left off at: use second, question harm"),
        "{text}"
    );
    // The picker lists it first, with its progress.
    let saved = fairuse::tui::save::saved_files(&app.library, dir.path());
    assert_eq!(saved.len(), 1);
    // Over both uses: 2 of 6 for the first, 1 of 4 for the second.
    assert_eq!((saved[0].answered, saved[0].applicable), (3, 10));
    let mut fresh = App::new(library(), TODAY.into(), Theme::plain());
    fresh.show_picker(saved);
    let Screen::Picker(p) = &fresh.screen else {
        panic!()
    };
    assert!(matches!(&p.items[0], PickerItem::Saved(f) if f.title == "Test case"));
    // Opening it resumes there, and saves into it.
    assert_eq!(
        fresh.handle_key(key(KeyCode::Enter)),
        Action::Open(Opening::File("test-case.answers.yaml".into()))
    );
    let saver = fairuse::tui::open(
        &mut fresh,
        Opening::File("test-case.answers.yaml".into()),
        dir.path(),
    )
    .unwrap();
    assert!(saver.resumed);
    assert_eq!(saver.path(""), Some(path));
    assert_eq!((sess(&fresh).use_ix, at(&fresh)), (1, "harm".into()));
}

#[test]
fn a_memo_exported_as_docx_is_the_same_memo_in_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut saver = Saver::new_in(dir.path());
    let mut t = terminal(80, 24);
    let docx = dir.path().join("memo.docx");
    let mut inputs = vec![press(KeyCode::Char('e'))];
    // ctrl-t switches the suggested name to .docx.
    inputs.push(term(Event::Key(ctrl('t'))));
    inputs.push(press(KeyCode::Enter));
    run_loop(&mut t, &mut app, &mut saver, dir.path(), inputs).unwrap();
    let written = dir.path().join("test-case.memo.docx");
    let bytes = std::fs::read(&written).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip, as .docx is");
    let paragraphs = fairuse::report::docx::paragraphs("memo", &bytes).unwrap();
    assert!(
        paragraphs.iter().any(|p| p.contains("Test case")),
        "{paragraphs:?}"
    );
    // Byte for byte what `fairuse memo SAVED.yaml --format docx` writes.
    let (_, case) = app.snapshot().unwrap();
    let options = fairuse::report::docx::DocxOptions {
        header: fairuse::report::privilege::privilege_line(&case).map(str::to_string),
        reference: None,
    };
    let cli = fairuse::report::docx::from_markdown(&app.memo().unwrap(), &options).unwrap();
    assert_eq!(bytes, cli);
    assert!(!docx.exists());
}

#[test]
fn undo_in_the_form_takes_back_what_was_just_typed() {
    let mut app = app();
    app.handle_key(ch('f'));
    retype(&mut app, "Typed, not yet left");
    assert_eq!(app.handle_key(ctrl('z')), Action::Changed);
    assert_eq!(sess(&app).case.title, "Test case");
    assert_eq!(form(&app).focused().unwrap().text.text, "Test case");
    app.handle_key(ctrl('y'));
    assert_eq!(sess(&app).case.title, "Typed, not yet left");
}

#[test]
fn a_broken_save_file_is_listed_in_the_picker_and_opening_it_shows_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test-case.answers.yaml");
    // A save file edited by hand into three mistakes.
    let broken = CASE
        .replace("commercial: commercial", "commercial: comercial")
        .replace("facts_as_of: 2026-01-01", "facts_as_of: soon")
        .replace(
            "title: \"Second use\"",
            "title: \"Second use\"\n    answers:\n      harmm: none",
        );
    std::fs::write(&path, fairuse::load::save_text(&broken)).unwrap();

    // The picker still lists it, with how many problems it has: the work in
    // it is not lost from sight.
    let mut app = App::new(library(), TODAY.into(), Theme::plain());
    let saved = fairuse::tui::save::saved_files(&app.library, dir.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].problems, 3);
    app.show_picker(saved);

    // Every problem is kept on the way out of `open`.
    let err = fairuse::tui::open(
        &mut App::new(library(), TODAY.into(), Theme::plain()),
        Opening::File(path.clone()),
        dir.path(),
    )
    .unwrap_err();
    let lines: Vec<String> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    let name = path.display().to_string();
    assert!(lines.iter().all(|l| l.starts_with(&name)), "{err}");

    // And the screen lists every one, not only the first.
    let mut t = terminal(80, 24);
    let mut saver = Saver::new_in(dir.path());
    run_loop(
        &mut t,
        &mut app,
        &mut saver,
        dir.path(),
        vec![press(KeyCode::Enter)],
    )
    .unwrap();
    let Some(Overlay::Problems { lines: shown, .. }) = &app.overlay else {
        panic!("{:?} {:?}", app.overlay, app.message)
    };
    assert_eq!(shown, &lines);
    let text = screen(&t);
    for word in [
        "3 problems: Enter lists them",
        "facts_as_of",
        "'comercial'",
        "'harmm'",
        "Esc close",
    ] {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    assert_eq!(view(&app), "picker", "nothing was opened");
    // Esc closes the list, back at the picker.
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none());

    // A new scenario's memo names everything it still lacks, at once.
    app.new_scenario();
    let missing = app.memo().unwrap_err();
    assert!(missing.problems().len() >= 2, "{missing}");
    let missing = missing.to_string();
    assert!(missing.contains("a scenario needs a title"), "{missing}");
    assert!(missing.contains("a scenario needs facts"), "{missing}");
}

/// More problems than the screen holds: the box says which lines it shows,
/// and scrolls to the last one.
#[test]
fn a_long_list_of_problems_scrolls_to_the_last_one() {
    use fairuse::error::{Error, Invalid, Problem};
    let mut app = App::new(library(), TODAY.into(), Theme::plain());
    app.show_picker(Vec::new());
    let problems: Vec<Problem> = (1..=12)
        .map(|n| {
            Problem::new("big.yaml", format!("problem number {n} of twelve, long enough to wrap onto a second line of the box"))
                .field(format!("use {n} (u{n}), answers.acquisition"))
        })
        .collect();
    let error: Error = Invalid::check(problems).unwrap_err().into();
    app.tell("Cannot open the case", &error, |l| l.to_string());
    let mut t = terminal(80, 24);
    let dir = tempfile::tempdir().unwrap();
    let mut saver = Saver::new_in(dir.path());
    run_loop(&mut t, &mut app, &mut saver, dir.path(), Vec::new()).unwrap();
    let top = screen(&t);
    assert!(top.contains("problem number 1 of"), "{top}");
    assert!(!top.contains("use 12 (u12)"), "{top}");
    assert!(top.contains("lines 1-"), "{top}");
    let pages: Vec<Input> = (0..4).map(|_| press(KeyCode::PageDown)).collect();
    run_loop(&mut t, &mut app, &mut saver, dir.path(), pages).unwrap();
    let bottom = screen(&t);
    assert!(bottom.contains("use 12 (u12)"), "{bottom}");
    // Twelve problems of two lines each, the last 22 shown.
    assert!(bottom.contains("lines 3-24 of 24"), "{bottom}");
    assert!(
        matches!(app.overlay, Some(Overlay::Problems { .. })),
        "still open"
    );

    // One problem: on the status line when it fits there, else in the box.
    app.overlay = None;
    let short: Error = Problem::new("a.yaml", "no such file").into();
    app.tell("Cannot open the case", &short, |l| {
        format!("Cannot open: {l}")
    });
    assert!(app.overlay.is_none());
    assert_eq!(
        app.message.as_deref(),
        Some("Cannot open: a.yaml: no such file")
    );
    let long: Error = Problem::new("a.yaml", "x ".repeat(60)).into();
    app.tell("Cannot open the case", &long, |l| {
        format!("Cannot open: {l}")
    });
    assert!(
        matches!(&app.overlay, Some(Overlay::Problems { lines, .. }) if lines.len() == 1),
        "{:?}",
        app.overlay
    );
}
