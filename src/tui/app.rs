//! The state of the walkthrough and every change to it.
//!
//! The screens are a type: the picker, or an open case ([`Session`]) whose
//! view is one of [`View`]. What each screen needs is inside its variant, so
//! no code asks "is a case open?". `App` is updated only by the handlers in
//! `keys.rs`, which do no I/O: they return an [`Action`] that the event loop
//! carries out (saving, opening, exporting, quitting). Scores come only from
//! [`crate::engine`], and the memo only from [`crate::report::memo::render_case`].

use super::editor::{slug, FieldKey, Form, TextField};
use super::save::{self, Position, SaveState, SavedFile};
use super::theme::Theme;
use crate::engine::consistency::{self, Warning};
use crate::engine::{self, applies, UseAnalysis};
use crate::error::{Error, Invalid};
use crate::load::{self, Library};
use crate::model::{Case, Question, Rubric, Use};
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
    /// Save from now on into this file.
    SaveAs(PathBuf),
    /// Write the memo to this file; `replace` when the user confirmed
    /// replacing an existing file.
    Export { path: PathBuf, replace: bool },
    /// Save what can be saved, restore the terminal and exit.
    Quit,
    /// Exit without saving again: the user chose to discard.
    QuitDiscard,
    /// Open a case (the loop reads files and chooses where to save).
    Open(Opening),
    /// Back to the picker (the loop lists the save files again).
    Picker,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    Bundled(String),
    File(PathBuf),
    New,
}

/// The screen: the picker, or a case being worked on.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Picker(Picker),
    Case(Box<Session>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub items: Vec<PickerItem>,
    pub ix: usize,
}

/// One row of the picker.
#[derive(Debug, Clone, PartialEq)]
pub enum PickerItem {
    /// A save file in the current folder.
    Saved(SavedFile),
    Bundled {
        id: String,
        title: String,
    },
    New,
}

/// What is shown of an open case.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Walk,
    Summary,
    /// Every applicable question of the use; `row` is the highlighted one.
    Review {
        row: usize,
    },
    /// The current answers beside a baseline.
    Compare {
        against: Baseline,
    },
    Form(Form),
}

/// What the what-if screen compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// The same use in the file as it was opened.
    Opened,
    /// Another use of this case.
    Use(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Memo {
        text: String,
        scroll: usize,
    },
    Export(ExportPrompt),
    Note(TextField),
    /// A destructive action waits for a yes.
    Confirm(Confirm),
    /// Quitting would lose something: what, and the choices.
    Quit(QuitPrompt),
    /// The file to save into instead.
    SaveAs(TextField),
    /// Why something could not be done: every problem, one a line, scrolled
    /// when there are more than the screen holds.
    Problems {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportPrompt {
    pub path: TextField,
    /// Set when the file exists: Enter again replaces it.
    pub exists: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub then: Then,
}

/// What a confirmed action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    RemoveUse(usize),
    ClearAnswer,
    /// Close the form, dropping text that cannot be stored.
    DiscardForm,
    /// Leave the case for the picker, dropping what is not saved.
    LeaveToPicker,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuitPrompt {
    /// What would be lost, a line each.
    pub lost: Vec<String>,
    /// "Save elsewhere" is offered: the case is valid, only writing failed.
    pub can_save_as: bool,
}

/// What the status bar shows about saving (copied from the saver).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveStatus {
    pub path: Option<PathBuf>,
    pub state: SaveState,
    /// The file is a save file the user opened: it is saved into in place.
    pub resumed: bool,
}

/// An open case and where the user is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Every answer the user gave, including answers to questions that no
    /// longer apply (going back restores them). Only applicable answers are
    /// saved; see [`Session::effective_case`].
    pub case: Case,
    /// The case as it was opened, for the what-if comparison.
    pub opened: Case,
    /// Where the case came from, for the header.
    pub source: String,
    pub use_ix: usize,
    /// 0..4, statutory order.
    pub factor: usize,
    /// Index into the factor's questions; `None` when none applies.
    pub question: Option<usize>,
    /// The highlighted option of the current question.
    pub highlight: usize,
    /// Scroll of the rationale pane, the summary or the review.
    pub scroll: usize,
    /// The engine's analysis of each use, kept current after every change.
    pub analyses: Vec<UseAnalysis>,
    /// The decided uses the closest cases are drawn from, loaded once per session.
    pub corpus: std::sync::Arc<engine::Corpus>,
    pub view: View,
    /// Earlier states of the case, newest last.
    pub undo: Vec<Case>,
    pub redo: Vec<Case>,
    pub save: SaveStatus,
    /// Changed since the last save that reached the disk.
    pub dirty: bool,
}

pub struct App {
    pub library: Library,
    /// The memo's date (today, or fixed in tests).
    pub today: String,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// A transient message for the status bar.
    pub message: Option<String>,
    /// The terminal size last seen, for mouse hits and paging.
    pub size: (u16, u16),
    /// How far the scrollable text on screen can scroll, as last drawn: the
    /// drawing's only feedback to the state.
    pub scroll_limit: Cell<usize>,
}

/// Smallest terminal the screens are laid out for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// How many steps undo keeps.
const UNDO_STEPS: usize = 200;

impl App {
    /// Starts at the picker of bundled cases.
    pub fn new(library: Library, today: String, theme: Theme) -> App {
        let mut app = App {
            library,
            today,
            theme,
            screen: Screen::Picker(Picker {
                items: Vec::new(),
                ix: 0,
            }),
            overlay: None,
            message: None,
            size: MIN_SIZE,
            scroll_limit: Cell::new(usize::MAX),
        };
        app.show_picker(Vec::new());
        app
    }

    /// The picker: save files found in the current folder, the bundled
    /// cases, then "New scenario".
    pub fn show_picker(&mut self, saved: Vec<SavedFile>) {
        let mut items: Vec<PickerItem> = saved.into_iter().map(PickerItem::Saved).collect();
        items.extend(load::bundled_cases().filter_map(|(id, _)| {
            let case = self.library.case(&load::bundled_case(id)?).ok()?;
            Some(PickerItem::Bundled {
                id: id.to_string(),
                title: case.title,
            })
        }));
        items.push(PickerItem::New);
        self.screen = Screen::Picker(Picker { items, ix: 0 });
        self.overlay = None;
    }

    /// Opens a loaded case at its first question (or in the form, when it
    /// has no use yet).
    pub fn open(&mut self, case: Case, source: &str) {
        let rubric = &self.library.rubric;
        let view = if case.uses.is_empty() {
            View::Form(Form::from_case(&case))
        } else {
            View::Walk
        };
        let mut s = Session {
            opened: case.clone(),
            case,
            source: source.to_string(),
            use_ix: 0,
            factor: 0,
            question: None,
            highlight: 0,
            scroll: 0,
            analyses: Vec::new(),
            corpus: std::sync::Arc::new(crate::load::corpus(&self.library).unwrap_or_default()),
            view,
            undo: Vec::new(),
            redo: Vec::new(),
            save: SaveStatus {
                path: None,
                state: SaveState::Idle,
                resumed: false,
            },
            dirty: false,
        };
        s.refresh(rubric);
        s.goto_factor(rubric, 0);
        self.overlay = None;
        self.screen = Screen::Case(Box::new(s));
    }

    /// Opens a case where the user left off: the recorded place, or the
    /// first question not yet answered.
    pub fn resume(&mut self, case: Case, source: &str, at: Option<&Position>) {
        self.open(case, source);
        let rubric = &self.library.rubric;
        if let Screen::Case(s) = &mut self.screen {
            if !s.resume_at(rubric, at) {
                s.next_unanswered(rubric);
                if matches!(s.view, View::Summary) {
                    s.goto_factor(rubric, 0);
                }
            }
        }
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
            views: Default::default(),
            uses: vec![empty_use()],
        };
        self.open(case, "new scenario");
        if let Screen::Case(s) = &mut self.screen {
            s.view = View::Form(Form::from_case(&s.case));
        }
    }

    // ------------------------------------------------------------------ reading

    pub fn rubric(&self) -> &Rubric {
        &self.library.rubric
    }

    /// The open case, if any: for the tests and the event loop.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Case(s) => Some(s),
            Screen::Picker(_) => None,
        }
    }

    pub fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.screen {
            Screen::Case(s) => Some(s),
            Screen::Picker(_) => None,
        }
    }

    /// The save file's text and the case as the loader reads it back, or
    /// why the case cannot be saved yet.
    pub fn snapshot(&self) -> Result<(String, Case), Invalid> {
        let s = self
            .session()
            .ok_or_else(|| Invalid::bare("no case is open"))?;
        save::snapshot(&self.library, &s.effective_case(self.rubric()))
    }

    /// The memo, exactly as `fairuse memo SAVEFILE --date TODAY` prints it.
    pub fn memo(&self) -> Result<String, Invalid> {
        let s = self
            .session()
            .ok_or_else(|| Invalid::bare("no case is open"))?;
        let (_, case) = save::snapshot(&self.library, &s.effective_case(self.rubric()))?;
        crate::report::memo::render_case(
            &self.library,
            &case,
            &MemoOptions::new(self.today.clone()),
        )
    }

    /// Says why something could not be done: one problem on the status line,
    /// as `one` words it, when it fits there; else (several, or one too long
    /// for the line) in a box that lists every one in full.
    pub fn tell(&mut self, title: &str, error: &Error, one: impl FnOnce(&str) -> String) {
        let lines = error.lines();
        let room = usize::from(self.size.0.saturating_sub(2));
        let short = match lines.as_slice() {
            [line] => Some(one(line)).filter(|m| textwrap::core::display_width(m) <= room),
            _ => None,
        };
        match short {
            Some(message) => self.message = Some(message),
            None => {
                self.message = None;
                self.overlay = Some(Overlay::Problems {
                    title: title.to_string(),
                    lines,
                    scroll: 0,
                });
            }
        }
    }
}

// ---------------------------------------------------------------- the session

/// The answers that count: each question answered and applicable, in rubric
/// order (a condition names an earlier question, so one pass suffices).
pub fn effective_answers(
    rubric: &Rubric,
    answers: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut kept = BTreeMap::new();
    for (_, q) in rubric.questions() {
        if let Some(a) = answers.get(&q.id) {
            if applies(q, &kept) && q.option(a).is_some() {
                kept.insert(q.id.clone(), a.clone());
            }
        }
    }
    kept
}

/// (answered, applicable) over every factor, for answers as saved.
pub fn progress_of(rubric: &Rubric, answers: &BTreeMap<String, String>) -> (usize, usize) {
    let kept = effective_answers(rubric, answers);
    rubric
        .questions()
        .filter(|(_, q)| applies(q, &kept))
        .fold((0, 0), |(a, n), (_, q)| {
            (a + usize::from(kept.contains_key(&q.id)), n + 1)
        })
}

/// One question in the review: where it is, and what the user said.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub factor: usize,
    pub question: usize,
}

impl Session {
    pub fn current_use(&self) -> Option<&Use> {
        self.case.uses.get(self.use_ix)
    }

    pub fn current_analysis(&self) -> Option<&UseAnalysis> {
        self.analyses.get(self.use_ix)
    }

    /// The current question, if any applies in the current factor.
    pub fn current_question<'r>(&self, rubric: &'r Rubric) -> Option<&'r Question> {
        self.current_use()?;
        rubric
            .factors
            .get(self.factor)?
            .questions
            .get(self.question?)
    }

    /// Indices of the questions of a factor that apply to the current use.
    pub fn applicable(&self, rubric: &Rubric, factor: usize) -> Vec<usize> {
        let (Some(f), Some(u)) = (rubric.factors.get(factor), self.current_use()) else {
            return Vec::new();
        };
        let answers = effective_answers(rubric, &u.answers);
        f.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| applies(q, &answers))
            .map(|(i, _)| i)
            .collect()
    }

    /// (answered, applicable) for a factor of the current use.
    pub fn progress(&self, rubric: &Rubric, factor: usize) -> (usize, usize) {
        let Some(u) = self.current_use() else {
            return (0, 0);
        };
        let questions = &rubric.factors[factor].questions;
        let list = self.applicable(rubric, factor);
        let answered = list
            .iter()
            .filter(|&&i| u.answers.contains_key(&questions[i].id))
            .count();
        (answered, list.len())
    }

    /// (answered, applicable) over all four factors.
    pub fn total_progress(&self, rubric: &Rubric) -> (usize, usize) {
        (0..rubric.factors.len())
            .map(|f| self.progress(rubric, f))
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
    }

    /// Every applicable question of the current use, in order.
    pub fn review_rows(&self, rubric: &Rubric) -> Vec<ReviewRow> {
        (0..rubric.factors.len())
            .flat_map(|factor| {
                self.applicable(rubric, factor)
                    .into_iter()
                    .map(move |question| ReviewRow { factor, question })
            })
            .collect()
    }

    /// The consistency warnings of the current use, as saved.
    pub fn warnings(&self, rubric: &Rubric) -> Vec<Warning> {
        let Some(u) = self.current_use() else {
            return Vec::new();
        };
        let mut saved = u.clone();
        saved.answers = effective_answers(rubric, &u.answers);
        saved.notes.retain(|_, n| !n.trim().is_empty());
        consistency::warnings(rubric, &saved)
    }

    /// The case as it is saved: applicable answers only, non-empty notes,
    /// ids filled in from titles where the user left them empty.
    pub fn effective_case(&self, rubric: &Rubric) -> Case {
        let mut case = self.case.clone();
        if case.id.is_empty() {
            case.id = slug(&case.title);
        }
        let mut ids: Vec<String> = Vec::new();
        for u in &mut case.uses {
            if u.id.is_empty() {
                u.id = unique_id(&self.case, &ids, &slug(&u.title));
            }
            ids.push(u.id.clone());
            u.answers = effective_answers(rubric, &u.answers);
            u.notes.retain(|_, note| !note.trim().is_empty());
        }
        case
    }

    pub fn case_id(&self) -> String {
        if self.case.id.is_empty() && !self.case.title.trim().is_empty() {
            slug(&self.case.title)
        } else {
            self.case.id.clone()
        }
    }

    /// Where the user is, for the save file.
    pub fn position(&self, rubric: &Rubric) -> Position {
        let use_id = self.current_use().map(|u| u.id.clone()).unwrap_or_default();
        let question = match self.view {
            View::Summary | View::Compare { .. } => None,
            _ => self.current_question(rubric).map(|q| q.id.clone()),
        };
        Position { use_id, question }
    }

    /// Goes to a recorded place; false when it names nothing in this case.
    pub fn resume_at(&mut self, rubric: &Rubric, at: Option<&Position>) -> bool {
        let Some(at) = at else { return false };
        let Some(u) = self.case.uses.iter().position(|u| u.id == at.use_id) else {
            return false;
        };
        self.use_ix = u;
        let Some(qid) = &at.question else {
            self.view = View::Summary;
            return true;
        };
        for f in 0..rubric.factors.len() {
            for qi in self.applicable(rubric, f) {
                if &rubric.factors[f].questions[qi].id == qid {
                    self.goto(rubric, f, Some(qi));
                    return true;
                }
            }
        }
        false
    }

    /// Recomputes every use's analysis with the engine.
    pub fn refresh(&mut self, rubric: &Rubric) {
        self.analyses = self
            .case
            .uses
            .iter()
            .map(|u| {
                let mut effective = u.clone();
                effective.answers = effective_answers(rubric, &u.answers);
                let setting = engine::Setting {
                    pins: None,
                    corpus: Some(&self.corpus),
                };
                engine::analyse_in(rubric, Some(&self.case), &effective, setting)
            })
            .collect();
        if self.use_ix >= self.case.uses.len() {
            self.use_ix = self.case.uses.len().saturating_sub(1);
        }
    }

    /// Remembers the case as it is, before a change, for undo.
    pub fn checkpoint(&mut self) {
        self.undo.push(self.case.clone());
        if self.undo.len() > UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.dirty = true;
    }

    /// Steps back (or forward again); false when there is nothing to do.
    pub fn undo(&mut self, rubric: &Rubric, forward: bool) -> bool {
        let (from, to) = if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let Some(case) = from.pop() else {
            return false;
        };
        to.push(std::mem::replace(&mut self.case, case));
        self.dirty = true;
        self.refresh(rubric);
        if let View::Form(form) = &self.view {
            self.view = View::Form(form.rebuild(&self.case));
        }
        let q = self.question;
        let factor = self.factor;
        self.goto(
            rubric,
            factor,
            q.filter(|qi| self.applicable(rubric, factor).contains(qi)),
        );
        if self.question.is_none() {
            self.goto_factor(rubric, factor);
        }
        true
    }

    /// Moves to a question and highlights its current answer.
    pub fn goto(&mut self, rubric: &Rubric, factor: usize, question: Option<usize>) {
        let answers = self.current_use().map(|u| &u.answers);
        self.highlight = question
            .and_then(|qi| {
                let q = rubric.factors.get(factor)?.questions.get(qi)?;
                let answer = answers?.get(&q.id)?;
                q.options.iter().position(|o| &o.id == answer)
            })
            .unwrap_or(0);
        self.factor = factor;
        self.question = question;
        self.scroll = 0;
    }

    pub fn goto_factor(&mut self, rubric: &Rubric, factor: usize) {
        let first = self.applicable(rubric, factor).first().copied();
        self.goto(rubric, factor, first);
        if !matches!(self.view, View::Form(_)) {
            self.view = View::Walk;
        }
    }

    /// The next applicable question, across factors; past the last, the summary.
    pub fn next_question(&mut self, rubric: &Rubric) {
        let (factor, current) = (self.factor, self.question);
        let after = self
            .applicable(rubric, factor)
            .into_iter()
            .find(|&i| current.is_none_or(|c| i > c));
        if let Some(q) = after {
            return self.goto(rubric, factor, Some(q));
        }
        for f in factor + 1..rubric.factors.len() {
            if let Some(&q) = self.applicable(rubric, f).first() {
                return self.goto(rubric, f, Some(q));
            }
        }
        self.view = View::Summary;
        self.scroll = 0;
    }

    /// The previous applicable question, across factors; false at the first.
    pub fn previous_question(&mut self, rubric: &Rubric) -> bool {
        if matches!(self.view, View::Summary) {
            self.view = View::Walk;
            for f in (0..rubric.factors.len()).rev() {
                if let Some(&q) = self.applicable(rubric, f).last() {
                    self.goto(rubric, f, Some(q));
                    return true;
                }
            }
            return true;
        }
        let (factor, current) = (self.factor, self.question);
        let before = self
            .applicable(rubric, factor)
            .into_iter()
            .rev()
            .find(|&i| current.is_some_and(|c| i < c));
        if let Some(q) = before {
            self.goto(rubric, factor, Some(q));
            return true;
        }
        for f in (0..factor).rev() {
            if let Some(&q) = self.applicable(rubric, f).last() {
                self.goto(rubric, f, Some(q));
                return true;
            }
        }
        false
    }

    /// The first applicable question without an answer, after the current
    /// one and round again; false when every question is answered.
    pub fn next_unanswered(&mut self, rubric: &Rubric) -> bool {
        let Some(u) = self.current_use() else {
            return false;
        };
        let rows = self.review_rows(rubric);
        let open: Vec<&ReviewRow> = rows
            .iter()
            .filter(|r| {
                !u.answers
                    .contains_key(&rubric.factors[r.factor].questions[r.question].id)
            })
            .collect();
        let here = (self.factor, self.question.unwrap_or(0));
        let next = open
            .iter()
            .find(|r| (r.factor, r.question) > here || matches!(self.view, View::Summary))
            .or(open.first())
            .map(|r| (r.factor, r.question));
        match next {
            Some((f, q)) => {
                self.view = View::Walk;
                self.goto(rubric, f, Some(q));
                true
            }
            None => false,
        }
    }

    /// Records an answer for the current question of the current use.
    pub fn choose(&mut self, rubric: &Rubric, option: usize) -> bool {
        let Some(question) = self.current_question(rubric) else {
            return false;
        };
        let Some(opt) = question.options.get(option) else {
            return false;
        };
        self.highlight = option;
        if self.case.uses[self.use_ix].answers.get(&question.id) == Some(&opt.id) {
            return false;
        }
        self.checkpoint();
        self.case.uses[self.use_ix]
            .answers
            .insert(question.id.clone(), opt.id.clone());
        self.refresh(rubric);
        true
    }

    /// Removes the answer to the current question.
    pub fn clear_answer(&mut self, rubric: &Rubric) -> bool {
        let Some(qid) = self.current_question(rubric).map(|q| q.id.clone()) else {
            return false;
        };
        if !self.case.uses[self.use_ix].answers.contains_key(&qid) {
            return false;
        }
        self.checkpoint();
        self.case.uses[self.use_ix].answers.remove(&qid);
        self.refresh(rubric);
        true
    }

    /// The note on the current question; true if it changed.
    pub fn set_note(&mut self, rubric: &Rubric, value: String) -> bool {
        let Some(qid) = self.current_question(rubric).map(|q| q.id.clone()) else {
            return false;
        };
        let old = self.case.uses[self.use_ix]
            .notes
            .get(&qid)
            .cloned()
            .unwrap_or_default();
        if old == value {
            return false;
        }
        self.checkpoint();
        let notes = &mut self.case.uses[self.use_ix].notes;
        if value.is_empty() {
            notes.remove(&qid);
        } else {
            notes.insert(qid, value);
        }
        true
    }

    pub fn switch_use(&mut self, rubric: &Rubric, forward: bool) -> bool {
        let n = self.case.uses.len();
        if n < 2 {
            return false;
        }
        self.use_ix = if forward {
            (self.use_ix + 1) % n
        } else {
            (self.use_ix + n - 1) % n
        };
        let view = std::mem::replace(&mut self.view, View::Walk);
        let factor = self.factor;
        self.goto_factor(rubric, factor);
        self.view = match view {
            View::Review { .. } => View::Review { row: 0 },
            View::Form(_) | View::Walk => View::Walk,
            other => other,
        };
        true
    }

    /// A copy of the current use, to explore a variant; it becomes current.
    pub fn duplicate_use(&mut self, rubric: &Rubric) -> bool {
        let Some(u) = self.current_use().cloned() else {
            return false;
        };
        if self.case.uses.len() >= crate::validate::MAX_USES {
            return false;
        }
        self.checkpoint();
        let mut copy = u;
        copy.title = format!("{} (variant)", copy.title);
        let base = if copy.id.is_empty() {
            slug(&copy.title)
        } else {
            format!("{}-variant", copy.id)
        };
        copy.id = unique_id(&self.case, &[], &base);
        copy.court = None;
        self.case.uses.insert(self.use_ix + 1, copy);
        self.use_ix += 1;
        self.refresh(rubric);
        true
    }

    /// Adds an empty use at the end and opens the form on its title.
    pub fn add_use(&mut self, rubric: &Rubric) -> bool {
        if self.case.uses.len() >= crate::validate::MAX_USES {
            return false;
        }
        self.checkpoint();
        self.case.uses.push(empty_use());
        self.refresh(rubric);
        let i = self.case.uses.len() - 1;
        let mut form = match &self.view {
            View::Form(form) => form.rebuild(&self.case),
            _ => Form::from_case(&self.case),
        };
        form.focus_on(FieldKey::UseTitle(i));
        self.view = View::Form(form);
        true
    }

    pub fn remove_use(&mut self, rubric: &Rubric, i: usize) -> bool {
        if i >= self.case.uses.len() || self.case.uses.len() < 2 {
            return false;
        }
        self.checkpoint();
        self.case.uses.remove(i);
        self.refresh(rubric);
        if let View::Form(form) = &self.view {
            self.view = View::Form(form.rebuild(&self.case));
        }
        let factor = self.factor;
        if !matches!(self.view, View::Form(_)) {
            self.goto_factor(rubric, factor);
        }
        true
    }

    /// Writes the form's field into the case if its text can be stored;
    /// true if the case changed.
    pub fn commit_field(&mut self, field: usize) -> bool {
        let View::Form(form) = &self.view else {
            return false;
        };
        let Some(f) = form.fields.get(field) else {
            return false;
        };
        let value = f.text.value();
        if f.problem().is_some() || f.key.stored(&self.case) == value {
            return false;
        }
        let key = f.key;
        self.checkpoint();
        key.write(&mut self.case, &value);
        true
    }

    /// Writes every field of the form that can be stored.
    pub fn commit_form(&mut self) -> bool {
        let n = match &self.view {
            View::Form(form) => form.fields.len(),
            _ => return false,
        };
        let mut changed = false;
        for i in 0..n {
            changed |= self.commit_field(i);
        }
        changed
    }

    /// The form closes: ids are fixed from the titles from here on.
    pub fn close_form(&mut self, rubric: &Rubric) {
        let named = self.effective_case(rubric);
        self.case.id = named.id;
        for (u, n) in self.case.uses.iter_mut().zip(named.uses) {
            u.id = n.id;
        }
        self.view = View::Walk;
        self.refresh(rubric);
        let factor = self.factor;
        self.goto_factor(rubric, factor);
    }

    /// What quitting now would lose, if anything.
    pub fn would_lose(&self) -> Vec<String> {
        let mut lost = Vec::new();
        if let View::Form(form) = &self.view {
            for f in &form.fields {
                if let Some(p) = f.problem() {
                    if f.text.value() != f.key.stored(&self.case) {
                        lost.push(format!("{}: {p}", f.key.label()));
                    }
                }
            }
        }
        if self.dirty {
            match &self.save.state {
                SaveState::NotYet(why) => {
                    lost.extend(why.lines().map(|line| format!("Not saved: {line}")))
                }
                SaveState::Failed(why) => lost.push(format!("Save failed: {why}")),
                _ => {}
            }
        }
        lost
    }
}

/// An id for a new use, free in the case and among `taken`.
fn unique_id(case: &Case, taken: &[String], base: &str) -> String {
    let free = |id: &str| !taken.iter().any(|t| t == id) && !case.uses.iter().any(|u| u.id == id);
    let mut base = base.to_string();
    base.truncate(56);
    let base = base.trim_end_matches('-').to_string();
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .expect("some id is free")
}

pub fn empty_use() -> Use {
    Use {
        id: String::new(),
        title: String::new(),
        description: String::new(),
        question: None,
        answers: BTreeMap::new(),
        notes: BTreeMap::new(),
        views: BTreeMap::new(),
        court: None,
    }
}

/// Why an export did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The file exists and the user has not yet confirmed replacing it.
    Exists,
    Failed(Error),
}
