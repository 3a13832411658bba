//! A small rubric, authority library and case for the TUI tests, so they do
//! not depend on the bundled legal text.
#![allow(dead_code)]

use fairuse::load::{Library, Source};
use fairuse::model::Case;
use fairuse::tui::app::{Screen, Session, View};
use fairuse::tui::{App, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const RUBRIC: &str = r#"
version: 1
weighting:
  note: "Test weights."
  authorities: [alpha]
factors:
  - id: purpose
    name: "Purpose of the use"
    statute: "the purpose"
    weight: 0.4
    questions:
      - id: kind
        prompt: "What kind of use is it?"
        help: "Scope question."
        options:
          - { id: training, label: "Training a model", rationale: "Training is analysed as its own use." }
          - { id: other, label: "Something else", rationale: "Only the general questions apply." }
      - id: commercial
        prompt: "Is it commercial?"
        options:
          - { id: commercial, label: "Commercial", lean: -2, rationale: "Commercial use weighs against.", authorities: [alpha] }
          - { id: nonprofit, label: "Nonprofit", lean: 2, rationale: "Nonprofit use weighs for." }
      - id: model
        prompt: "What does the model do?"
        when: { question: kind, any_of: [training] }
        options:
          - { id: general, label: "General purpose", lean: 2, rationale: "A general model is transformative." }
          - { id: compete, label: "Competes with the works", lean: -2, rationale: "A competing tool is not." }
  - id: nature
    name: "Nature of the work"
    statute: "the nature"
    weight: 0.1
    questions:
      - id: creative
        prompt: "Is the work creative?"
        options:
          - { id: creative, label: "Creative", lean: -1, rationale: "Creative works are at the core." }
          - { id: factual, label: "Factual", lean: 1, rationale: "Facts are thin." }
  - id: amount
    name: "Amount used"
    statute: "the amount"
    weight: 0.1
    questions: []
  - id: market
    name: "Effect on the market"
    statute: "the market"
    weight: 0.4
    questions:
      - id: harm
        prompt: "Does it harm the market?"
        options:
          - { id: substitutes, label: "It substitutes", lean: -2, rationale: "Substitution is the core harm." }
          - { id: none, label: "No harm", lean: 2, rationale: "No market harm shown." }
      - id: licensing
        prompt: "Is there a licensing market for training?"
        when: { question: kind, any_of: [training] }
        options:
          - { id: exists, label: "Yes", lean: -1, rationale: "A market exists." }
          - { id: absent, label: "No", lean: 1, rationale: "None exists." }
"#;

pub const AUTHORITIES: &str = r#"
current_to: 2026-01-01
authorities:
  - id: alpha
    kind: case
    name: "Alpha v. Beta"
    citation: "Alpha v. Beta, 1 U.S. 1 (2000)"
    short: "Alpha, 1 U.S. at 1"
    court: "Supreme Court"
    year: 2000
    outcome: fair_use
    holding: "Held fair."
    summary: "A test case."
    checked_against: ["the opinion"]
  - id: campbell
    kind: case
    name: "Campbell v. Acuff-Rose Music, Inc."
    citation: "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569 (1994)"
    short: "Campbell, 510 U.S. at 577"
    court: "Supreme Court"
    year: 1994
    outcome: fair_use
    holding: "Parody may be fair use."
    summary: "Factors weighed together."
    checked_against: ["the opinion"]
  - id: statute-107
    kind: statute
    name: "17 U.S.C. § 107"
    citation: "17 U.S.C. § 107"
    short: "§ 107"
    court: "Congress"
    year: 1976
    outcome: undecided
    holding: "The four factors."
    summary: "The statute."
    checked_against: ["the U.S. Code"]
"#;

pub const CASE: &str = r#"
id: test-case
title: "Test case"
jurisdiction: "United States"
facts_as_of: 2026-01-01
facts: "Some facts."
uses:
  - id: first
    title: "First use"
    answers:
      kind: training
      commercial: commercial
  - id: second
    title: "Second use"
"#;

pub const TODAY: &str = "2026-01-15";

pub fn library() -> Library {
    Library::from_sources(
        &Source {
            name: "test rubric".into(),
            text: RUBRIC.into(),
        },
        &Source {
            name: "test authorities".into(),
            text: AUTHORITIES.into(),
        },
    )
    .expect("test library is valid")
}

pub fn case(library: &Library) -> Case {
    library
        .case(&Source {
            name: "test case".into(),
            text: CASE.into(),
        })
        .expect("test case is valid")
}

/// An app with the test case open at its first question.
pub fn app() -> App {
    let library = library();
    let case = case(&library);
    let mut app = App::new(library, TODAY.into(), Theme::plain());
    app.open(case, "test case");
    app
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The open case.
pub fn sess(app: &App) -> &Session {
    app.session().expect("a case is open")
}

/// The id of the current question.
pub fn at(app: &App) -> String {
    sess(app)
        .current_question(app.rubric())
        .map(|q| q.id.clone())
        .unwrap_or_default()
}

pub fn answer(app: &App, question: &str) -> Option<String> {
    sess(app).current_use()?.answers.get(question).cloned()
}

/// The name of the current view, for short assertions.
pub fn view(app: &App) -> &'static str {
    match &app.screen {
        Screen::Picker(_) => "picker",
        Screen::Case(s) => match s.view {
            View::Walk => "walk",
            View::Summary => "summary",
            View::Review { .. } => "review",
            View::Compare { .. } => "compare",
            View::Form(_) => "form",
        },
    }
}
