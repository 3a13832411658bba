//! Every key binding, once, in [`BINDINGS`]: the handler, the help overlay
//! and the hint bar all read that table, so they cannot drift apart. Then
//! the handlers that turn a command, a click or pasted text into an update
//! of the [`App`]; none of them does I/O.

use super::app::{
    Action, App, Baseline, Confirm, ExportError, ExportPrompt, Opening, Overlay, PickerItem,
    QuitPrompt, Screen, Session, Then, View, MIN_SIZE,
};
use super::editor::{Edit, FormAction, TextField};
use super::save::SaveState;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::path::PathBuf;

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Picker,
    /// Every screen of an open case but the form.
    Case,
    Walk,
    Summary,
    Review,
    Compare,
    Form,
    Note,
    Export,
    Memo,
    Help,
    Confirm,
    Quit,
    SaveAs,
    Problems,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Picker => "Picker",
            Ctx::Case => "Any case screen",
            Ctx::Walk => "Questions",
            Ctx::Summary => "Summary",
            Ctx::Review => "Review",
            Ctx::Compare => "What-if",
            Ctx::Form => "Form (case, memo heading, uses)",
            Ctx::Note => "Note",
            Ctx::Export => "Export",
            Ctx::Memo => "Memo preview",
            Ctx::Help => "Help",
            Ctx::Confirm => "Confirm",
            Ctx::Quit => "Quit with unsaved changes",
            Ctx::SaveAs => "Save elsewhere",
            Ctx::Problems => "Problems",
        }
    }
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    Help,
    Close,
    Save,
    Memo,
    Export,
    Form,
    NextUse,
    PrevUse,
    Factor,
    Summary,
    Review,
    Compare,
    CompareNext,
    NextQuestion,
    PrevQuestion,
    NextUnanswered,
    Undo,
    Redo,
    AddUse,
    DuplicateUse,
    RemoveUse,
    ToPicker,
    Up,
    Down,
    Top,
    End,
    PageUp,
    PageDown,
    Choose,
    ChooseNext,
    Clear,
    Note,
    Open,
    FieldNext,
    FieldPrev,
    Done,
    Yes,
    SaveAs,
    Discard,
    /// Switch the memo's file between Markdown and Word.
    Format,
}

/// A key: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct K(pub KeyCode, pub KeyModifiers);

const fn c(ch: char) -> K {
    K(KeyCode::Char(ch), KeyModifiers::NONE)
}
const fn ctl(ch: char) -> K {
    K(KeyCode::Char(ch), KeyModifiers::CONTROL)
}
const fn k(code: KeyCode) -> K {
    K(code, KeyModifiers::NONE)
}

pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [K],
    pub cmd: Cmd,
    /// What it does, for the help.
    pub what: &'static str,
    /// A shorter name for the hint bar; `None` keeps it out of the bar.
    pub hint: Option<&'static str>,
}

const fn b(
    ctx: Ctx,
    keys: &'static [K],
    cmd: Cmd,
    what: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        what,
        hint,
    }
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every binding, in the order the hint bar offers them (most useful first).
pub const BINDINGS: &[Binding] = &[
    // The picker.
    b(
        Ctx::Picker,
        &[k(Enter), c(' ')],
        Cmd::Open,
        "open the case",
        Some("open"),
    ),
    b(
        Ctx::Picker,
        &[k(Down), c('j'), k(Tab)],
        Cmd::Down,
        "next row",
        None,
    ),
    b(
        Ctx::Picker,
        &[k(Up), c('k'), k(BackTab)],
        Cmd::Up,
        "previous row",
        None,
    ),
    b(Ctx::Picker, &[k(Home), c('g')], Cmd::Top, "first row", None),
    b(Ctx::Picker, &[k(End), c('G')], Cmd::End, "last row", None),
    b(Ctx::Picker, &[c('?')], Cmd::Help, "this help", Some("help")),
    b(
        Ctx::Picker,
        &[c('q'), k(Esc), ctl('c'), ctl('q')],
        Cmd::Quit,
        "quit",
        Some("quit"),
    ),
    // The questions.
    b(
        Ctx::Walk,
        &[k(Enter)],
        Cmd::ChooseNext,
        "choose, next question",
        Some("choose"),
    ),
    b(
        Ctx::Walk,
        &[k(Down), c('j')],
        Cmd::Down,
        "next option",
        None,
    ),
    b(
        Ctx::Walk,
        &[k(Up), c('k')],
        Cmd::Up,
        "previous option",
        None,
    ),
    b(
        Ctx::Walk,
        &[c(' ')],
        Cmd::Choose,
        "choose, stay (or click)",
        None,
    ),
    b(
        Ctx::Walk,
        &[c('n')],
        Cmd::Note,
        "note: the fact behind it",
        Some("note"),
    ),
    b(
        Ctx::Walk,
        &[c('x'), k(Delete), k(Backspace)],
        Cmd::Clear,
        "clear the answer (asks)",
        Some("clear"),
    ),
    b(
        Ctx::Walk,
        &[k(Home), c('g')],
        Cmd::Top,
        "first option",
        None,
    ),
    b(Ctx::Walk, &[k(End), c('G')], Cmd::End, "last option", None),
    b(
        Ctx::Walk,
        &[k(PageDown), c('J')],
        Cmd::PageDown,
        "scroll the reasons down",
        None,
    ),
    b(
        Ctx::Walk,
        &[k(PageUp), c('K')],
        Cmd::PageUp,
        "scroll the reasons up",
        None,
    ),
    // The summary.
    b(
        Ctx::Summary,
        &[k(Enter)],
        Cmd::Review,
        "review every answer",
        Some("review"),
    ),
    b(
        Ctx::Summary,
        &[c('w')],
        Cmd::Compare,
        "what-if: compare answers",
        Some("what-if"),
    ),
    b(
        Ctx::Summary,
        &[k(Down), c('j')],
        Cmd::Down,
        "scroll down",
        None,
    ),
    b(Ctx::Summary, &[k(Up), c('k')], Cmd::Up, "scroll up", None),
    b(
        Ctx::Summary,
        &[k(PageDown)],
        Cmd::PageDown,
        "page down",
        None,
    ),
    b(Ctx::Summary, &[k(PageUp)], Cmd::PageUp, "page up", None),
    b(Ctx::Summary, &[k(Home), c('g')], Cmd::Top, "top", None),
    b(Ctx::Summary, &[k(End), c('G')], Cmd::End, "end", None),
    // The review.
    b(
        Ctx::Review,
        &[k(Enter)],
        Cmd::Open,
        "go there to change it",
        Some("go to"),
    ),
    b(
        Ctx::Review,
        &[k(Down), c('j')],
        Cmd::Down,
        "next question",
        None,
    ),
    b(
        Ctx::Review,
        &[k(Up), c('k')],
        Cmd::Up,
        "previous question",
        None,
    ),
    b(
        Ctx::Review,
        &[k(PageDown)],
        Cmd::PageDown,
        "page down",
        None,
    ),
    b(Ctx::Review, &[k(PageUp)], Cmd::PageUp, "page up", None),
    b(
        Ctx::Review,
        &[k(Home), c('g')],
        Cmd::Top,
        "first question",
        None,
    ),
    b(
        Ctx::Review,
        &[k(End), c('G')],
        Cmd::End,
        "last question",
        None,
    ),
    // What-if.
    b(
        Ctx::Compare,
        &[c('w'), k(Tab)],
        Cmd::CompareNext,
        "next baseline",
        Some("other baseline"),
    ),
    b(
        Ctx::Compare,
        &[k(Esc), k(Enter)],
        Cmd::Summary,
        "back to the summary",
        Some("back"),
    ),
    b(
        Ctx::Compare,
        &[k(Down), c('j')],
        Cmd::Down,
        "scroll down",
        None,
    ),
    b(Ctx::Compare, &[k(Up), c('k')], Cmd::Up, "scroll up", None),
    // Every case screen.
    b(
        Ctx::Case,
        &[k(Tab), k(Right), c('l')],
        Cmd::NextQuestion,
        "next question",
        Some("next"),
    ),
    b(
        Ctx::Case,
        &[k(BackTab), k(Left), c('h')],
        Cmd::PrevQuestion,
        "previous question",
        None,
    ),
    b(
        Ctx::Case,
        &[c('N')],
        Cmd::NextUnanswered,
        "next unanswered",
        Some("unanswered"),
    ),
    b(
        Ctx::Case,
        &[c('r')],
        Cmd::Review,
        "review every answer",
        Some("review"),
    ),
    b(
        Ctx::Case,
        &[c('5')],
        Cmd::Summary,
        "summary",
        Some("summary"),
    ),
    b(
        Ctx::Case,
        &[c('1'), c('2'), c('3'), c('4')],
        Cmd::Factor,
        "go to a factor",
        None,
    ),
    b(
        Ctx::Case,
        &[c('m')],
        Cmd::Memo,
        "memo preview",
        Some("memo"),
    ),
    b(
        Ctx::Case,
        &[c('e')],
        Cmd::Export,
        "export the memo",
        Some("export"),
    ),
    b(
        Ctx::Case,
        &[c('f')],
        Cmd::Form,
        "edit case, memo, uses",
        Some("edit"),
    ),
    b(Ctx::Case, &[c('u')], Cmd::NextUse, "next use", Some("use")),
    b(Ctx::Case, &[c('U')], Cmd::PrevUse, "previous use", None),
    b(Ctx::Case, &[c('a')], Cmd::AddUse, "add a use", None),
    b(
        Ctx::Case,
        &[c('c')],
        Cmd::DuplicateUse,
        "duplicate use (a variant)",
        None,
    ),
    b(
        Ctx::Case,
        &[c('D')],
        Cmd::RemoveUse,
        "remove this use (asks)",
        None,
    ),
    b(
        Ctx::Case,
        &[c('z'), ctl('z')],
        Cmd::Undo,
        "undo",
        Some("undo"),
    ),
    b(Ctx::Case, &[c('Z'), ctl('y')], Cmd::Redo, "redo", None),
    b(Ctx::Case, &[c('s')], Cmd::Save, "save now", None),
    b(
        Ctx::Case,
        &[c('o')],
        Cmd::ToPicker,
        "back to the picker",
        None,
    ),
    b(Ctx::Case, &[c('?')], Cmd::Help, "this help", Some("help")),
    b(
        Ctx::Case,
        &[c('q'), ctl('c'), ctl('q')],
        Cmd::Quit,
        "quit (asks if unsaved)",
        Some("quit"),
    ),
    // The form: letters type, so its commands are on other keys.
    b(
        Ctx::Form,
        &[k(Tab)],
        Cmd::FieldNext,
        "next field (also ↓ Enter)",
        Some("next field"),
    ),
    b(
        Ctx::Form,
        &[k(BackTab)],
        Cmd::FieldPrev,
        "previous field (also ↑)",
        None,
    ),
    b(
        Ctx::Form,
        &[k(Esc)],
        Cmd::Done,
        "done (asks if invalid)",
        Some("done"),
    ),
    b(
        Ctx::Form,
        &[ctl('n')],
        Cmd::AddUse,
        "add a use",
        Some("add use"),
    ),
    b(
        Ctx::Form,
        &[ctl('r')],
        Cmd::RemoveUse,
        "remove this use (asks)",
        None,
    ),
    b(Ctx::Form, &[ctl('z')], Cmd::Undo, "undo", Some("undo")),
    b(Ctx::Form, &[ctl('y')], Cmd::Redo, "redo", None),
    b(
        Ctx::Form,
        &[ctl('c'), ctl('q')],
        Cmd::Quit,
        "quit (asks if unsaved)",
        Some("quit"),
    ),
    // Overlays.
    b(
        Ctx::Note,
        &[k(Esc)],
        Cmd::Done,
        "done (the note is saved)",
        Some("done"),
    ),
    b(Ctx::Note, &[ctl('c'), ctl('q')], Cmd::Quit, "quit", None),
    b(Ctx::Export, &[k(Enter)], Cmd::Yes, "export", Some("export")),
    b(
        Ctx::Export,
        &[ctl('t')],
        Cmd::Format,
        ".md Markdown / .docx Word",
        Some(".md/.docx"),
    ),
    b(Ctx::Export, &[k(Esc)], Cmd::Close, "cancel", Some("cancel")),
    b(
        Ctx::Memo,
        &[k(Down), c('j'), k(Enter)],
        Cmd::Down,
        "scroll down",
        None,
    ),
    b(Ctx::Memo, &[k(Up), c('k')], Cmd::Up, "scroll up", None),
    b(
        Ctx::Memo,
        &[k(PageDown), c(' ')],
        Cmd::PageDown,
        "page down",
        None,
    ),
    b(Ctx::Memo, &[k(PageUp)], Cmd::PageUp, "page up", None),
    b(Ctx::Memo, &[k(Home), c('g')], Cmd::Top, "top", None),
    b(Ctx::Memo, &[k(End), c('G')], Cmd::End, "end", None),
    b(
        Ctx::Memo,
        &[c('e')],
        Cmd::Export,
        "export the memo",
        Some("export"),
    ),
    b(
        Ctx::Memo,
        &[k(Esc), c('m'), c('q')],
        Cmd::Close,
        "close the preview",
        Some("close"),
    ),
    b(
        Ctx::Help,
        &[k(Esc), c('?'), c('q'), k(Enter)],
        Cmd::Close,
        "close the help",
        Some("close"),
    ),
    b(
        Ctx::Confirm,
        &[c('y'), k(Enter)],
        Cmd::Yes,
        "yes, do it",
        Some("yes"),
    ),
    b(
        Ctx::Confirm,
        &[c('n'), k(Esc)],
        Cmd::Close,
        "no, keep it",
        Some("no"),
    ),
    b(
        Ctx::Quit,
        &[k(Esc), k(Enter)],
        Cmd::Close,
        "stay (and fix it)",
        Some("stay"),
    ),
    b(
        Ctx::Quit,
        &[c('w')],
        Cmd::SaveAs,
        "save elsewhere",
        Some("save elsewhere"),
    ),
    b(
        Ctx::Quit,
        &[c('d')],
        Cmd::Discard,
        "discard and quit",
        Some("discard and quit"),
    ),
    b(
        Ctx::SaveAs,
        &[k(Enter)],
        Cmd::Yes,
        "save into this file",
        Some("save"),
    ),
    b(Ctx::SaveAs, &[k(Esc)], Cmd::Close, "cancel", Some("cancel")),
    b(
        Ctx::Problems,
        &[k(Esc), k(Enter), c('q')],
        Cmd::Close,
        "close the list of problems",
        Some("close"),
    ),
    b(
        Ctx::Problems,
        &[k(Down), c('j')],
        Cmd::Down,
        "scroll down",
        None,
    ),
    b(Ctx::Problems, &[k(Up), c('k')], Cmd::Up, "scroll up", None),
    b(
        Ctx::Problems,
        &[k(PageDown), c(' ')],
        Cmd::PageDown,
        "page down",
        None,
    ),
    b(Ctx::Problems, &[k(PageUp)], Cmd::PageUp, "page up", None),
];

/// How a key is written in the help and the hint bar.
pub fn key_name(key: K) -> String {
    let K(code, mods) = key;
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(ch) => ch.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "S-Tab".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Home => "Home".into(),
        End => "End".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Delete => "Del".into(),
        Backspace => "Bksp".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("^{}", base.to_uppercase())
    } else {
        base
    }
}

/// The contexts whose bindings apply now, most specific first.
pub fn contexts(app: &App) -> Vec<Ctx> {
    if let Some(overlay) = &app.overlay {
        return vec![match overlay {
            Overlay::Help => Ctx::Help,
            Overlay::Memo { .. } => Ctx::Memo,
            Overlay::Export(_) => Ctx::Export,
            Overlay::Note(_) => Ctx::Note,
            Overlay::Confirm(_) => Ctx::Confirm,
            Overlay::Quit(_) => Ctx::Quit,
            Overlay::SaveAs(_) => Ctx::SaveAs,
            Overlay::Problems { .. } => Ctx::Problems,
        }];
    }
    screen_contexts(app)
}

/// The contexts of the screen itself, under any overlay: what the help shows.
pub fn screen_contexts(app: &App) -> Vec<Ctx> {
    match &app.screen {
        Screen::Picker(_) => vec![Ctx::Picker],
        Screen::Case(s) => match s.view {
            View::Walk => vec![Ctx::Walk, Ctx::Case],
            View::Summary => vec![Ctx::Summary, Ctx::Case],
            View::Review { .. } => vec![Ctx::Review, Ctx::Case],
            View::Compare { .. } => vec![Ctx::Compare, Ctx::Case],
            View::Form(_) => vec![Ctx::Form],
        },
    }
}

/// The command a key means here, if any.
pub fn lookup(ctxs: &[Ctx], key: KeyEvent) -> Option<Cmd> {
    // Shift is part of the character ('N', '?'), so only Control and Alt count.
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match key.code {
        KeyCode::Char(ch) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(ch.to_ascii_lowercase())
        }
        other => other,
    };
    ctxs.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .filter(|b| b.ctx == *ctx)
            .find(|b| b.keys.iter().any(|&K(c, m)| c == code && m == mods))
            .map(|b| b.cmd)
    })
}

/// The hint bar's entries for now: (keys, name), in the table's order.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let no_save_as = matches!(&app.overlay, Some(Overlay::Quit(q)) if !q.can_save_as);
    let at_end = matches!(&app.screen, Screen::Case(s) if matches!(s.view, View::Summary | View::Compare { .. }));
    contexts(app)
        .into_iter()
        .flat_map(|ctx| BINDINGS.iter().filter(move |b| b.ctx == ctx))
        .filter(|b| !(no_save_as && b.cmd == Cmd::SaveAs))
        // Past the last question there is no "next" to offer.
        .filter(|b| !(at_end && b.cmd == Cmd::NextQuestion))
        .filter_map(|b| Some((key_name(b.keys[0]), b.hint?)))
        .fold(
            Vec::new(),
            |mut out: Vec<(String, &'static str)>, (key, name)| {
                // A name offered by a more specific context is not offered twice.
                if !out.iter().any(|(_, n)| *n == name) {
                    out.push((key, name));
                }
                out
            },
        )
}

impl App {
    pub fn handle_paste(&mut self, text: &str) -> Action {
        match &mut self.overlay {
            Some(Overlay::Note(field)) | Some(Overlay::SaveAs(field)) => field.paste(text),
            Some(Overlay::Export(prompt)) => {
                prompt.path.paste(text);
                prompt.exists = false;
            }
            Some(_) => {}
            None => {
                if let Screen::Case(s) = &mut self.screen {
                    if let View::Form(form) = &mut s.view {
                        if let Some(f) = form.focused_mut() {
                            f.text.paste(text);
                        }
                    }
                }
            }
        }
        Action::None
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        self.message = None;
        let ctxs = contexts(self);
        let cmd = lookup(&ctxs, key);
        if self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1 {
            // Only quitting makes sense on a screen too small to show anything.
            return if cmd == Some(Cmd::Quit) {
                self.quit()
            } else {
                Action::None
            };
        }
        if self.overlay.is_some() {
            return self.overlay_key(key, cmd);
        }
        match cmd {
            Some(cmd) => self.run(cmd, key),
            None => self.unbound(key),
        }
    }

    /// A key no binding names: typing, in the form.
    fn unbound(&mut self, key: KeyEvent) -> Action {
        let rubric = &self.library.rubric;
        let Screen::Case(s) = &mut self.screen else {
            return Action::None;
        };
        let View::Form(form) = &mut s.view else {
            return Action::None;
        };
        match form.handle_key(key) {
            FormAction::Nothing => Action::None,
            FormAction::Left(i) => changed(s.commit_field(i)),
            FormAction::AddUse => changed(s.add_use(rubric)),
        }
    }

    /// Carries out a command on the screen (no overlay open).
    fn run(&mut self, cmd: Cmd, key: KeyEvent) -> Action {
        if let Screen::Picker(_) = self.screen {
            return self.picker_command(cmd);
        }
        let page = usize::from(self.size.1.saturating_sub(8)).max(1);
        let rubric = &self.library.rubric;
        let limit = self.scroll_limit.get();
        let Screen::Case(s) = &mut self.screen else {
            return Action::None;
        };
        let s: &mut Session = s;
        let mut message = None;
        let action = match cmd {
            Cmd::Quit => return self.quit(),
            Cmd::Help => {
                self.overlay = Some(Overlay::Help);
                Action::None
            }
            Cmd::Save => Action::Save,
            Cmd::Memo => {
                match self.memo() {
                    Ok(text) => self.overlay = Some(Overlay::Memo { text, scroll: 0 }),
                    Err(why) => {
                        self.tell("No memo yet", &why.into(), |l| format!("No memo yet: {l}"))
                    }
                }
                return Action::None;
            }
            Cmd::Export => {
                self.open_export();
                return Action::None;
            }
            Cmd::Form => {
                let mut form = super::editor::Form::from_case(&s.case);
                form.focus_on(super::editor::FieldKey::Title);
                s.view = View::Form(form);
                Action::None
            }
            Cmd::NextUse | Cmd::PrevUse => {
                if !s.switch_use(rubric, cmd == Cmd::NextUse) {
                    message = Some("This case has one use: a adds one, c duplicates it.".into());
                }
                Action::None
            }
            Cmd::Factor => {
                if let KeyCode::Char(d @ '1'..='4') = key.code {
                    s.goto_factor(rubric, d as usize - '1' as usize);
                }
                Action::None
            }
            Cmd::Summary => {
                s.view = View::Summary;
                s.scroll = 0;
                Action::None
            }
            Cmd::Review => {
                let here = (s.factor, s.question);
                let row = s
                    .review_rows(rubric)
                    .iter()
                    .position(|r| (r.factor, Some(r.question)) == here)
                    .unwrap_or(0);
                s.view = View::Review { row };
                s.scroll = 0;
                Action::None
            }
            Cmd::Compare => {
                s.view = View::Compare {
                    against: Baseline::Opened,
                };
                s.scroll = 0;
                Action::None
            }
            Cmd::CompareNext => {
                if let View::Compare { against } = &mut s.view {
                    let n = s.case.uses.len();
                    let next = match *against {
                        Baseline::Opened => 0,
                        Baseline::Use(i) => i + 1,
                    };
                    // Skip the use itself; after the last use, back to the file.
                    let next = if next == s.use_ix { next + 1 } else { next };
                    *against = if next < n {
                        Baseline::Use(next)
                    } else {
                        Baseline::Opened
                    };
                }
                Action::None
            }
            Cmd::NextQuestion => {
                if !matches!(s.view, View::Summary) {
                    if !matches!(s.view, View::Walk) {
                        s.view = View::Walk;
                    }
                    s.next_question(rubric);
                }
                Action::None
            }
            Cmd::PrevQuestion => {
                if !matches!(s.view, View::Walk | View::Summary) {
                    s.view = View::Walk;
                }
                if !s.previous_question(rubric) {
                    message = Some("This is the first question.".into());
                }
                Action::None
            }
            Cmd::NextUnanswered => {
                if !s.next_unanswered(rubric) {
                    message = Some("Every applicable question of this use is answered.".into());
                }
                Action::None
            }
            Cmd::Undo | Cmd::Redo => {
                // Text typed in the form is a change too: store it first, so
                // undo takes back that and never drops it unseen.
                s.commit_form();
                if s.undo(rubric, cmd == Cmd::Redo) {
                    message = Some(
                        if cmd == Cmd::Undo {
                            "Undone."
                        } else {
                            "Redone."
                        }
                        .into(),
                    );
                    Action::Changed
                } else {
                    message = Some(format!(
                        "Nothing to {}.",
                        if cmd == Cmd::Undo { "undo" } else { "redo" }
                    ));
                    Action::None
                }
            }
            Cmd::AddUse => {
                if let View::Form(_) = s.view {
                    s.commit_form();
                }
                changed(s.add_use(rubric))
            }
            Cmd::DuplicateUse => {
                let done = s.duplicate_use(rubric);
                if done {
                    message = Some(format!(
                        "Added \"{}\": change its answers to explore the variant (w compares).",
                        s.current_use().map_or("", |u| u.title.as_str())
                    ));
                }
                changed(done)
            }
            Cmd::RemoveUse => {
                let i = match &s.view {
                    View::Form(form) => form.focused().and_then(|f| f.key.use_ix()),
                    _ => Some(s.use_ix),
                };
                match i {
                    Some(_) if s.case.uses.len() < 2 => {
                        message = Some("A case needs at least one use.".into())
                    }
                    Some(i) => {
                        let u = &s.case.uses[i];
                        self.overlay = Some(Overlay::Confirm(Confirm {
                            question: format!(
                                "Remove use {} \"{}\" with its {} answers and {} notes? (z undoes it)",
                                i + 1,
                                u.title,
                                u.answers.len(),
                                u.notes.len()
                            ),
                            then: Then::RemoveUse(i),
                        }))
                    }
                    None => message = Some("Move to a field of the use to remove it.".into()),
                }
                Action::None
            }
            Cmd::ToPicker => {
                let lost = s.would_lose();
                if lost.is_empty() {
                    return Action::Picker;
                }
                self.overlay = Some(Overlay::Confirm(Confirm {
                    question: format!("Back to the picker? {}", lost.join("; ")),
                    then: Then::LeaveToPicker,
                }));
                Action::None
            }
            Cmd::Up | Cmd::Down | Cmd::Top | Cmd::End | Cmd::PageUp | Cmd::PageDown => {
                move_in(s, rubric, cmd, limit, page);
                Action::None
            }
            Cmd::Choose => changed(s.choose(rubric, s.highlight)),
            Cmd::ChooseNext => {
                let done = s.choose(rubric, s.highlight);
                s.next_question(rubric);
                changed(done)
            }
            Cmd::Clear => {
                let answered = s
                    .current_question(rubric)
                    .zip(s.current_use())
                    .and_then(|(q, u)| Some((q, q.option(u.answers.get(&q.id)?)?)));
                if let Some((q, o)) = answered {
                    self.overlay = Some(Overlay::Confirm(Confirm {
                        question: format!(
                            "Clear the answer \"{}\" to \"{}\"? (z undoes it)",
                            o.label, q.prompt
                        ),
                        then: Then::ClearAnswer,
                    }));
                }
                Action::None
            }
            Cmd::Note => {
                if let Some(q) = s.current_question(rubric) {
                    let note = s
                        .current_use()
                        .and_then(|u| u.notes.get(&q.id))
                        .cloned()
                        .unwrap_or_default();
                    self.overlay = Some(Overlay::Note(TextField::multiline(&note)));
                }
                Action::None
            }
            Cmd::Open => {
                if let View::Review { row } = s.view {
                    if let Some(r) = s.review_rows(rubric).get(row) {
                        let (f, q) = (r.factor, r.question);
                        s.view = View::Walk;
                        s.goto(rubric, f, Some(q));
                    }
                }
                Action::None
            }
            Cmd::FieldNext | Cmd::FieldPrev => {
                if let View::Form(form) = &mut s.view {
                    if let FormAction::Left(i) = form.step(cmd == Cmd::FieldNext) {
                        return changed(s.commit_field(i));
                    }
                }
                Action::None
            }
            Cmd::Done => {
                let changed_now = s.commit_form();
                if let View::Form(form) = &mut s.view {
                    for f in &mut form.fields {
                        f.touched = true;
                    }
                    if let Some((i, why)) = form.first_problem() {
                        form.focus = i;
                        let label = form.fields[i].key.label();
                        let fresh = s.case.title.trim().is_empty() && s.undo.is_empty();
                        let question = if fresh {
                            format!(
                                "{label}: {why}. Leave this new scenario for the picker? \
                                 Nothing of it is saved. (n goes back to it)"
                            )
                        } else {
                            format!(
                                "{label}: {why}. Leave the form and drop what cannot be stored? \
                                 (n goes back to fix it)"
                            )
                        };
                        self.overlay = Some(Overlay::Confirm(Confirm {
                            question,
                            then: Then::DiscardForm,
                        }));
                        return changed(changed_now);
                    }
                }
                s.close_form(rubric);
                changed(changed_now)
            }
            Cmd::Close | Cmd::Yes | Cmd::SaveAs | Cmd::Discard | Cmd::Format => Action::None,
        };
        if message.is_some() {
            self.message = message;
        }
        action
    }

    /// Quit, or ask first when quitting would lose something.
    fn quit(&mut self) -> Action {
        let Screen::Case(s) = &mut self.screen else {
            return Action::Quit;
        };
        s.commit_form();
        let lost = s.would_lose();
        if lost.is_empty() {
            return Action::Quit;
        }
        let can_save_as = matches!(s.save.state, SaveState::Failed(_))
            && super::save::snapshot(&self.library, &s.effective_case(&self.library.rubric))
                .is_ok();
        self.overlay = Some(Overlay::Quit(QuitPrompt { lost, can_save_as }));
        Action::None
    }

    fn picker_command(&mut self, cmd: Cmd) -> Action {
        let Screen::Picker(p) = &mut self.screen else {
            return Action::None;
        };
        let last = p.items.len().saturating_sub(1);
        match cmd {
            Cmd::Quit => return Action::Quit,
            Cmd::Help => self.overlay = Some(Overlay::Help),
            Cmd::Up => p.ix = p.ix.saturating_sub(1),
            Cmd::Down => p.ix = (p.ix + 1).min(last),
            Cmd::Top => p.ix = 0,
            Cmd::End => p.ix = last,
            Cmd::Open => return self.pick(),
            _ => {}
        }
        Action::None
    }

    fn pick(&mut self) -> Action {
        let Screen::Picker(p) = &self.screen else {
            return Action::None;
        };
        match p.items.get(p.ix) {
            Some(PickerItem::Saved(f)) => Action::Open(Opening::File(f.path.clone())),
            Some(PickerItem::Bundled { id, .. }) => Action::Open(Opening::Bundled(id.clone())),
            Some(PickerItem::New) => Action::Open(Opening::New),
            None => Action::None,
        }
    }

    fn open_export(&mut self) {
        let Screen::Case(s) = &self.screen else {
            return;
        };
        if let Err(why) = super::save::snapshot(&self.library, &s.effective_case(self.rubric())) {
            return self.tell("Cannot export yet (f to edit)", &why.into(), |l| {
                format!("Cannot export yet: {l} (f to edit)")
            });
        }
        let folder = s
            .save
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        let suggested = super::save::memo_name(&folder, &s.case_id());
        self.overlay = Some(Overlay::Export(ExportPrompt {
            path: TextField::line(&suggested.display().to_string()),
            exists: false,
        }));
    }

    fn overlay_key(&mut self, key: KeyEvent, cmd: Option<Cmd>) -> Action {
        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
        let limit = self.scroll_limit.get();
        let rubric = &self.library.rubric;
        let Some(overlay) = &mut self.overlay else {
            return Action::None;
        };
        match overlay {
            Overlay::Help => {
                if cmd == Some(Cmd::Close) {
                    self.overlay = None;
                }
                Action::None
            }
            Overlay::Memo { scroll, .. } | Overlay::Problems { scroll, .. } => {
                match cmd {
                    Some(Cmd::Close) => self.overlay = None,
                    Some(Cmd::Down) => *scroll = scroll.saturating_add(1),
                    Some(Cmd::Up) => *scroll = scroll.saturating_sub(1),
                    Some(Cmd::PageDown) => *scroll = scroll.saturating_add(page),
                    Some(Cmd::PageUp) => *scroll = scroll.saturating_sub(page),
                    Some(Cmd::Top) => *scroll = 0,
                    Some(Cmd::End) => *scroll = usize::MAX,
                    Some(Cmd::Export) => self.open_export(),
                    _ => {}
                }
                if let Some(Overlay::Memo { scroll, .. } | Overlay::Problems { scroll, .. }) =
                    &mut self.overlay
                {
                    *scroll = (*scroll).min(limit);
                }
                Action::None
            }
            Overlay::Export(prompt) => match cmd {
                Some(Cmd::Close) => {
                    self.overlay = None;
                    Action::None
                }
                Some(Cmd::Format) => {
                    let path = prompt.path.value();
                    let other = match path.strip_suffix(".docx") {
                        Some(stem) => format!("{stem}.md"),
                        None => format!("{}.docx", path.strip_suffix(".md").unwrap_or(&path)),
                    };
                    prompt.path = TextField::line(&other);
                    prompt.exists = false;
                    Action::None
                }
                Some(Cmd::Yes) => {
                    let path = prompt.path.value();
                    if path.is_empty() {
                        self.message = Some("Type a file name for the memo.".into());
                        return Action::None;
                    }
                    Action::Export {
                        path: PathBuf::from(path),
                        replace: prompt.exists,
                    }
                }
                _ => {
                    if prompt.path.handle_key(key) == Edit::Handled {
                        prompt.exists = false;
                    }
                    Action::None
                }
            },
            Overlay::SaveAs(field) => match cmd {
                Some(Cmd::Close) => {
                    self.overlay = None;
                    Action::None
                }
                Some(Cmd::Yes) if !field.value().is_empty() => {
                    let path = PathBuf::from(field.value());
                    self.overlay = None;
                    Action::SaveAs(path)
                }
                _ => {
                    field.handle_key(key);
                    Action::None
                }
            },
            Overlay::Note(field) => match cmd {
                Some(Cmd::Done) => {
                    let value = field.value();
                    self.overlay = None;
                    match &mut self.screen {
                        Screen::Case(s) => changed(s.set_note(rubric, value)),
                        Screen::Picker(_) => Action::None,
                    }
                }
                Some(Cmd::Quit) => {
                    let value = field.value();
                    self.overlay = None;
                    if let Screen::Case(s) = &mut self.screen {
                        s.set_note(rubric, value);
                    }
                    self.quit()
                }
                _ => {
                    field.handle_key(key);
                    Action::None
                }
            },
            Overlay::Quit(prompt) => match cmd {
                Some(Cmd::Close) => {
                    self.overlay = None;
                    Action::None
                }
                Some(Cmd::Discard) => Action::QuitDiscard,
                Some(Cmd::SaveAs) if prompt.can_save_as => {
                    self.overlay = Some(Overlay::SaveAs(TextField::line("")));
                    Action::None
                }
                _ => Action::None,
            },
            Overlay::Confirm(confirm) => {
                let then = confirm.then;
                match cmd {
                    Some(Cmd::Close) => {
                        self.overlay = None;
                        Action::None
                    }
                    Some(Cmd::Yes) => {
                        self.overlay = None;
                        self.confirmed(then)
                    }
                    _ => Action::None,
                }
            }
        }
    }

    fn confirmed(&mut self, then: Then) -> Action {
        if then == Then::LeaveToPicker {
            return Action::Picker;
        }
        let rubric = &self.library.rubric;
        let Screen::Case(s) = &mut self.screen else {
            return Action::None;
        };
        match then {
            Then::RemoveUse(i) => {
                let title = s.case.uses.get(i).map(|u| u.title.clone());
                let done = s.remove_use(rubric, i);
                if let Some(t) = title.filter(|_| done) {
                    self.message = Some(format!("Removed use \"{t}\" (z undoes it)."));
                }
                changed(done)
            }
            Then::ClearAnswer => changed(s.clear_answer(rubric)),
            Then::DiscardForm => {
                let fresh = s.case.title.trim().is_empty() && s.undo.is_empty();
                if fresh {
                    return Action::Picker;
                }
                s.close_form(rubric);
                Action::Changed
            }
            Then::LeaveToPicker => Action::Picker,
        }
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Action {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {}
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                let code = if down { Down } else { Up };
                let form =
                    matches!(&self.screen, Screen::Case(s) if matches!(s.view, View::Form(_)));
                if matches!(self.overlay, Some(Overlay::Memo { .. }))
                    || (self.overlay.is_none() && !form)
                {
                    return self.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
                }
                return Action::None;
            }
            _ => return Action::None,
        }
        if self.overlay.is_some() {
            return Action::None;
        }
        let rubric = &self.library.rubric;
        match super::view::hit(self, area, mouse.column, mouse.row) {
            Some(super::view::Hit::Option(i)) => match &mut self.screen {
                Screen::Case(s) => changed(s.choose(rubric, i)),
                Screen::Picker(_) => Action::None,
            },
            Some(super::view::Hit::Factor(f)) => {
                if let Screen::Case(s) = &mut self.screen {
                    if f < 4 {
                        s.goto_factor(rubric, f);
                    } else {
                        s.view = View::Summary;
                        s.scroll = 0;
                    }
                }
                Action::None
            }
            Some(super::view::Hit::Picker(i)) => {
                if let Screen::Picker(p) = &mut self.screen {
                    p.ix = i;
                }
                self.pick()
            }
            None => Action::None,
        }
    }

    /// Tells the user how an export went.
    pub fn exported(&mut self, result: Result<PathBuf, ExportError>) {
        match result {
            Ok(path) => {
                self.overlay = None;
                self.message = Some(format!("Memo exported to {}", path.display()));
            }
            Err(ExportError::Exists) => {
                if let Some(Overlay::Export(prompt)) = &mut self.overlay {
                    prompt.exists = true;
                }
            }
            Err(ExportError::Failed(why)) => {
                self.tell("Export failed", &why, |l| format!("Export failed: {l}"))
            }
        }
    }
}

fn changed(yes: bool) -> Action {
    if yes {
        Action::Changed
    } else {
        Action::None
    }
}

/// Up, down, paging: options on the questions, rows in the review, lines elsewhere.
fn move_in(s: &mut Session, rubric: &crate::model::Rubric, cmd: Cmd, limit: usize, page: usize) {
    let review_rows = s.review_rows(rubric).len();
    match &mut s.view {
        View::Walk => {
            let options = s.current_question(rubric).map_or(0, |q| q.options.len());
            let last = options.saturating_sub(1);
            match cmd {
                Cmd::Up => s.highlight = s.highlight.saturating_sub(1),
                Cmd::Down => s.highlight = (s.highlight + 1).min(last),
                Cmd::Top => s.highlight = 0,
                Cmd::End => s.highlight = last,
                Cmd::PageDown => {
                    s.scroll = (s.scroll + 3).min(limit);
                    return;
                }
                Cmd::PageUp => {
                    s.scroll = s.scroll.saturating_sub(3);
                    return;
                }
                _ => {}
            }
            s.scroll = 0;
        }
        View::Review { row } => {
            let last = review_rows.saturating_sub(1);
            *row = match cmd {
                Cmd::Up => row.saturating_sub(1),
                Cmd::Down => (*row + 1).min(last),
                Cmd::Top => 0,
                Cmd::End => last,
                Cmd::PageUp => row.saturating_sub(page / 2),
                Cmd::PageDown => (*row + page / 2).min(last),
                _ => *row,
            };
        }
        View::Summary | View::Compare { .. } => {
            s.scroll = match cmd {
                Cmd::Up => s.scroll.saturating_sub(1),
                Cmd::Down => s.scroll.saturating_add(1),
                Cmd::Top => 0,
                Cmd::End => usize::MAX,
                Cmd::PageUp => s.scroll.saturating_sub(page),
                Cmd::PageDown => s.scroll.saturating_add(page),
                _ => s.scroll,
            }
            .min(limit);
        }
        View::Form(_) => {}
    }
}
