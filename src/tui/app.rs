//! The state of the walkthrough and every change to it.
//!
//! `App` is updated only by [`App::handle_key`], [`App::handle_mouse`] and
//! [`App::handle_paste`] (in `keys.rs`), which do no I/O: they return an [`Action`] that the
//! event loop carries out (saving, exporting, quitting). Scores come only from
//! [`crate::engine`], and the memo only from [`crate::report::memo::render_case`].

use super::editor::{slug, Form, TextField};
use super::save::SaveState;
use super::theme::Theme;
use crate::engine::{self, applies, UseAnalysis};
use crate::load::{self, Library, Source};
use crate::model::{Case, Question, Use};
use crate::report::memo::MemoOptions;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing beyond drawing again.
    None,
    /// The case changed: save it.
    Changed,
    /// The user asked to save now.
    Save,
    /// Write the memo to this file; `replace` when the user confirmed
    /// replacing an existing file.
    Export { path: PathBuf, replace: bool },
    /// Save, restore the terminal and exit.
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Editor,
    Walk,
    Summary,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Memo { text: String, scroll: usize },
    Export(ExportPrompt),
    Note(TextField),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportPrompt {
    pub path: TextField,
    /// Set when the file exists: Enter again replaces it.
    pub exists: bool,
}

/// One entry of the picker: a bundled case, or the new-scenario row (`id` empty).
#[derive(Debug, Clone, PartialEq)]
pub struct PickerItem {
    pub id: String,
    pub title: String,
}

/// The case being worked on and where the user is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// Every answer the user gave, including answers to questions that no
    /// longer apply (going back restores them). Only applicable answers are
    /// saved; see [`App::effective_case`].
    pub case: Case,
    /// Where the case came from, for the header.
    pub source: String,
    pub use_ix: usize,
    /// 0..4, statutory order.
    pub factor: usize,
    /// Index into the factor's questions; `None` when none applies.
    pub question: Option<usize>,
    /// The highlighted option of the current question.
    pub highlight: usize,
    /// Scroll of the rationale pane and of the summary.
    pub scroll: usize,
    /// The engine's analysis of each use, kept current after every change.
    pub analyses: Vec<UseAnalysis>,
}

/// What the status bar shows about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveStatus {
    pub path: Option<PathBuf>,
    pub state: SaveState,
}

pub struct App {
    pub library: Library,
    /// The memo's date (today, or fixed in tests).
    pub today: String,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub picker: Vec<PickerItem>,
    pub picker_ix: usize,
    pub doc: Option<Doc>,
    pub form: Option<Form>,
    /// A transient message for the status bar.
    pub message: Option<String>,
    pub save: SaveStatus,
    /// The terminal size last seen, for mouse hits and paging.
    pub size: (u16, u16),
    /// How far the scrollable text on screen (rationale, summary or memo)
    /// can scroll, as last drawn: the drawing's only feedback to the state.
    pub scroll_limit: Cell<usize>,
}

/// Smallest terminal the screens are laid out for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

impl App {
    /// Starts at the picker of bundled cases.
    pub fn new(library: Library, today: String, theme: Theme) -> App {
        let mut picker: Vec<PickerItem> = load::bundled_cases()
            .filter_map(|(id, _)| {
                let case = library.case(&load::bundled_case(id)?).ok()?;
                Some(PickerItem {
                    id: id.to_string(),
                    title: case.title,
                })
            })
            .collect();
        picker.push(PickerItem {
            id: String::new(),
            title: "New scenario".into(),
        });
        App {
            library,
            today,
            theme,
            screen: Screen::Picker,
            overlay: None,
            picker,
            picker_ix: 0,
            doc: None,
            form: None,
            message: None,
            save: SaveStatus {
                path: None,
                state: SaveState::Idle,
            },
            size: MIN_SIZE,
            scroll_limit: Cell::new(usize::MAX),
        }
    }

    /// Opens a loaded case at its first question.
    pub fn open(&mut self, case: Case, source: &str) {
        let doc = Doc {
            case,
            source: source.to_string(),
            use_ix: 0,
            factor: 0,
            question: None,
            highlight: 0,
            scroll: 0,
            analyses: Vec::new(),
        };
        self.overlay = None;
        if doc.case.uses.is_empty() {
            self.form = Some(Form::from_case(&doc.case));
            self.screen = Screen::Editor;
        } else {
            self.screen = Screen::Walk;
        }
        self.doc = Some(doc);
        self.refresh();
        self.goto_factor(0);
    }

    /// Opens an empty scenario in the form.
    pub fn new_scenario(&mut self) {
        let case = Case {
            id: String::new(),
            title: String::new(),
            jurisdiction: "United States".into(),
            facts_as_of: self.today.clone(),
            facts: String::new(),
            sources: Vec::new(),
            posture: None,
            forum: None,
            litigation: None,
            memo: None,
            uses: Vec::new(),
        };
        self.open(case, "new scenario");
        if let (Some(form), Some(doc)) = (&mut self.form, &mut self.doc) {
            form.uses.push(TextField::line(""));
            form.focus = super::editor::Focus::Title;
            doc.case.uses.push(empty_use());
        }
        self.refresh();
    }

    // ------------------------------------------------------------------ reading

    pub fn rubric(&self) -> &crate::model::Rubric {
        &self.library.rubric
    }

    /// The current use, if a case with uses is open.
    pub fn current_use(&self) -> Option<&Use> {
        let doc = self.doc.as_ref()?;
        doc.case.uses.get(doc.use_ix)
    }

    pub fn current_analysis(&self) -> Option<&UseAnalysis> {
        let doc = self.doc.as_ref()?;
        doc.analyses.get(doc.use_ix)
    }

    /// The current question, if any applies in the current factor.
    pub fn current_question(&self) -> Option<&Question> {
        self.current_use()?;
        let doc = self.doc.as_ref()?;
        let factor = self.rubric().factors.get(doc.factor)?;
        factor.questions.get(doc.question?)
    }

    /// The answers that count: each question answered and applicable, in rubric
    /// order (a condition names an earlier question, so one pass suffices).
    pub fn effective_answers(
        &self,
        answers: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let mut kept = BTreeMap::new();
        for (_, q) in self.rubric().questions() {
            if let Some(a) = answers.get(&q.id) {
                if applies(q, &kept) && q.option(a).is_some() {
                    kept.insert(q.id.clone(), a.clone());
                }
            }
        }
        kept
    }

    /// Indices of the questions of a factor that apply to the current use.
    pub fn applicable(&self, factor: usize) -> Vec<usize> {
        let (Some(f), Some(u)) = (self.rubric().factors.get(factor), self.current_use()) else {
            return Vec::new();
        };
        let answers = self.effective_answers(&u.answers);
        f.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| applies(q, &answers))
            .map(|(i, _)| i)
            .collect()
    }

    /// (answered, applicable) for a factor of the current use.
    pub fn progress(&self, factor: usize) -> (usize, usize) {
        let Some(u) = self.current_use() else {
            return (0, 0);
        };
        let questions = &self.rubric().factors[factor].questions;
        let list = self.applicable(factor);
        let answered = list
            .iter()
            .filter(|&&i| u.answers.contains_key(&questions[i].id))
            .count();
        (answered, list.len())
    }

    /// (answered, applicable) over all four factors.
    pub fn total_progress(&self) -> (usize, usize) {
        (0..self.rubric().factors.len())
            .map(|f| self.progress(f))
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
    }

    /// The case as it is saved: applicable answers only, non-empty notes,
    /// ids filled in from titles where the user left them empty.
    pub fn effective_case(&self) -> Option<Case> {
        let doc = self.doc.as_ref()?;
        let mut case = doc.case.clone();
        if case.id.is_empty() {
            case.id = slug(&case.title);
        }
        let mut ids: Vec<String> = Vec::new();
        for u in &mut case.uses {
            if u.id.is_empty() {
                let base = slug(&u.title);
                let mut id = base.clone();
                let mut n = 2;
                while ids.contains(&id) || doc.case.uses.iter().any(|o| o.id == id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                u.id = id;
            }
            ids.push(u.id.clone());
            u.answers = self.effective_answers(&u.answers);
            u.notes.retain(|_, note| !note.trim().is_empty());
        }
        Some(case)
    }

    /// The save file's text and the case as the loader reads it back, or why
    /// the scenario cannot be saved yet.
    pub fn snapshot(&self) -> Result<(String, Case), String> {
        let case = self.effective_case().ok_or("no case is open")?;
        if case.title.trim().is_empty() {
            return Err("a scenario needs a title".into());
        }
        if case.facts.trim().is_empty() {
            return Err("a scenario needs facts".into());
        }
        if case.uses.is_empty() {
            return Err("a scenario needs at least one use".into());
        }
        if let Some(n) = case.uses.iter().position(|u| u.title.trim().is_empty()) {
            return Err(format!("use {} needs a title", n + 1));
        }
        let yaml = crate::yaml::to_string(&case).map_err(|e| e.to_string())?;
        let yaml = crate::load::save_text(&yaml);
        let source = Source {
            name: "scenario".into(),
            text: yaml.clone(),
        };
        let reloaded = self
            .library
            .case(&source)
            .map_err(|e| e.0.first().cloned().unwrap_or_default())?;
        Ok((yaml, reloaded))
    }

    /// The memo, exactly as `fairuse memo SAVEFILE --date TODAY` prints it.
    pub fn memo(&self) -> Result<String, String> {
        let (_, case) = self.snapshot()?;
        crate::report::memo::render_case(
            &self.library,
            &case,
            &MemoOptions::new(self.today.clone()),
        )
        .map_err(|e| e.to_string())
    }

    pub fn case_id(&self) -> String {
        self.effective_case().map(|c| c.id).unwrap_or_default()
    }

    // ----------------------------------------------------------------- updating

    /// Recomputes every use's analysis with the engine.
    pub(super) fn refresh(&mut self) {
        let Some(doc) = &self.doc else { return };
        let analyses = doc
            .case
            .uses
            .iter()
            .map(|u| {
                let mut effective = u.clone();
                effective.answers = self.effective_answers(&u.answers);
                engine::analyse_use(&self.library.rubric, &effective)
            })
            .collect();
        let doc = self.doc.as_mut().expect("checked");
        doc.analyses = analyses;
        if doc.use_ix >= doc.case.uses.len() {
            doc.use_ix = doc.case.uses.len().saturating_sub(1);
        }
    }

    /// Moves to a question and highlights its current answer.
    pub(super) fn goto(&mut self, factor: usize, question: Option<usize>) {
        let highlight = {
            let Some(doc) = &self.doc else { return };
            let use_answers = doc.case.uses.get(doc.use_ix).map(|u| &u.answers);
            question
                .and_then(|qi| {
                    let q = self.rubric().factors.get(factor)?.questions.get(qi)?;
                    let answer = use_answers?.get(&q.id)?;
                    q.options.iter().position(|o| &o.id == answer)
                })
                .unwrap_or(0)
        };
        let doc = self.doc.as_mut().expect("checked");
        doc.factor = factor;
        doc.question = question;
        doc.highlight = highlight;
        doc.scroll = 0;
    }

    pub fn goto_factor(&mut self, factor: usize) {
        let first = self.applicable(factor).first().copied();
        self.goto(factor, first);
        if self.screen == Screen::Summary {
            self.screen = Screen::Walk;
        }
    }

    /// The next applicable question, across factors; past the last, the summary.
    pub fn next_question(&mut self) {
        let Some(doc) = &self.doc else { return };
        if self.screen == Screen::Summary {
            return;
        }
        let (factor, current) = (doc.factor, doc.question);
        let here = self.applicable(factor);
        let after = here.into_iter().find(|&i| current.is_none_or(|c| i > c));
        if let Some(q) = after {
            return self.goto(factor, Some(q));
        }
        for f in factor + 1..self.rubric().factors.len() {
            if let Some(&q) = self.applicable(f).first() {
                return self.goto(f, Some(q));
            }
        }
        self.screen = Screen::Summary;
        if let Some(doc) = &mut self.doc {
            doc.scroll = 0;
        }
    }

    /// The previous applicable question, across factors; from the summary, the last.
    pub fn previous_question(&mut self) {
        let Some(doc) = &self.doc else { return };
        if self.screen == Screen::Summary {
            self.screen = Screen::Walk;
            for f in (0..self.rubric().factors.len()).rev() {
                if let Some(&q) = self.applicable(f).last() {
                    return self.goto(f, Some(q));
                }
            }
            return;
        }
        let (factor, current) = (doc.factor, doc.question);
        let before = self
            .applicable(factor)
            .into_iter()
            .rev()
            .find(|&i| current.is_some_and(|c| i < c));
        if let Some(q) = before {
            return self.goto(factor, Some(q));
        }
        for f in (0..factor).rev() {
            if let Some(&q) = self.applicable(f).last() {
                return self.goto(f, Some(q));
            }
        }
        self.message = Some("This is the first question.".into());
    }

    /// Records an answer for the current question of the current use.
    pub fn choose(&mut self, option: usize) -> Action {
        let Some(question) = self.current_question() else {
            return Action::None;
        };
        let Some(opt) = question.options.get(option) else {
            return Action::None;
        };
        let (qid, oid) = (question.id.clone(), opt.id.clone());
        let doc = self.doc.as_mut().expect("a question implies a case");
        doc.highlight = option;
        let answers = &mut doc.case.uses[doc.use_ix].answers;
        if answers.get(&qid) == Some(&oid) {
            return Action::None;
        }
        answers.insert(qid, oid);
        self.refresh();
        Action::Changed
    }

    /// Removes the answer to the current question.
    pub fn clear_answer(&mut self) -> Action {
        let Some(qid) = self.current_question().map(|q| q.id.clone()) else {
            return Action::None;
        };
        let doc = self.doc.as_mut().expect("a question implies a case");
        if doc.case.uses[doc.use_ix].answers.remove(&qid).is_none() {
            return Action::None;
        }
        self.refresh();
        Action::Changed
    }

    pub(super) fn switch_use(&mut self, forward: bool) {
        let Some(doc) = &mut self.doc else { return };
        let n = doc.case.uses.len();
        if n < 2 {
            self.message = Some("This case has one use.".into());
            return;
        }
        doc.use_ix = if forward {
            (doc.use_ix + 1) % n
        } else {
            (doc.use_ix + n - 1) % n
        };
        let factor = doc.factor;
        let screen = self.screen;
        self.goto_factor(factor);
        self.screen = screen;
    }

    /// Saves whatever is being typed into the case (a note, the form).
    pub fn commit_pending(&mut self) -> bool {
        let mut changed = false;
        if let Some(Overlay::Note(field)) = &self.overlay {
            let value = field.value();
            changed |= self.set_note(value);
        }
        if self.screen == Screen::Editor {
            changed |= self.commit_form();
        }
        changed
    }

    pub(super) fn set_note(&mut self, value: String) -> bool {
        let Some(qid) = self.current_question().map(|q| q.id.clone()) else {
            return false;
        };
        let doc = self.doc.as_mut().expect("a question implies a case");
        let notes = &mut doc.case.uses[doc.use_ix].notes;
        let old = notes.get(&qid).cloned().unwrap_or_default();
        if old == value {
            return false;
        }
        if value.is_empty() {
            notes.remove(&qid);
        } else {
            notes.insert(qid, value);
        }
        true
    }

    /// Copies the form's fields into the case; true if anything changed.
    pub(super) fn commit_form(&mut self) -> bool {
        let (Some(form), Some(doc)) = (&self.form, &mut self.doc) else {
            return false;
        };
        let before = doc.case.clone();
        let case = &mut doc.case;
        case.id = form.id.value();
        case.title = form.title.value();
        case.facts_as_of = form.facts_as_of.value();
        case.facts = form.facts.value();
        for (u, field) in case.uses.iter_mut().zip(&form.uses) {
            u.title = field.value();
        }
        let changed = before != doc.case;
        if changed {
            self.refresh();
        }
        changed
    }

    pub(super) fn open_form(&mut self) {
        if let Some(doc) = &self.doc {
            self.form = Some(Form::from_case(&doc.case));
            self.screen = Screen::Editor;
            self.overlay = None;
        }
    }

    pub(super) fn close_form(&mut self) -> Action {
        let changed = self.commit_form();
        let has_use = self
            .doc
            .as_ref()
            .is_some_and(|d| d.case.uses.iter().any(|u| !u.title.trim().is_empty()));
        if !has_use {
            self.message =
                Some("Add a use with a title first (Tab to \"+ Add a use\", Enter).".into());
            return if changed {
                Action::Changed
            } else {
                Action::None
            };
        }
        // From here on the ids stay as they are, whatever the titles become.
        if let Some(ids) = self.effective_case() {
            let doc = self.doc.as_mut().expect("checked above");
            doc.case.id = ids.id;
            for (u, named) in doc.case.uses.iter_mut().zip(ids.uses) {
                u.id = named.id;
            }
        }
        self.form = None;
        self.screen = Screen::Walk;
        let factor = self.doc.as_ref().map_or(0, |d| d.factor);
        self.goto_factor(factor);
        if changed {
            Action::Changed
        } else {
            Action::None
        }
    }
}

pub(super) fn empty_use() -> Use {
    Use {
        id: String::new(),
        title: String::new(),
        description: String::new(),
        question: None,
        answers: BTreeMap::new(),
        notes: BTreeMap::new(),
        court: None,
    }
}

/// Why an export did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The file exists and the user has not yet confirmed replacing it.
    Exists,
    Failed(String),
}
