//! Turning keys, mouse clicks and pasted text into updates of the [`App`].
//!
//! Each handler changes the state and returns the [`Action`] the event loop
//! must carry out; none of them does I/O.

use super::app::{empty_use, Action, App, ExportError, ExportPrompt, Overlay, Screen, MIN_SIZE};
use super::editor::{FormAction, TextField};
use crate::load;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::path::PathBuf;

impl App {
    pub fn handle_paste(&mut self, text: &str) -> Action {
        match (&mut self.overlay, self.screen) {
            (Some(Overlay::Note(field)), _) => field.paste(text),
            (Some(Overlay::Export(prompt)), _) => {
                prompt.path.paste(text);
                prompt.exists = false;
            }
            (None, Screen::Editor) => {
                if let Some(form) = &mut self.form {
                    let focus = form.focus;
                    if let Some(field) = form.field_mut(focus) {
                        field.paste(text);
                    }
                }
            }
            _ => {}
        }
        Action::None
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q')) {
            // The event loop commits what is being typed, then saves.
            return Action::Quit;
        }
        self.message = None;
        if self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1 {
            // Only quitting makes sense on a screen too small to show anything.
            return match key.code {
                KeyCode::Char('q') if self.screen != Screen::Editor => Action::Quit,
                _ => Action::None,
            };
        }
        if self.overlay.is_some() {
            return self.overlay_key(key);
        }
        match self.screen {
            Screen::Picker => self.picker_key(key),
            Screen::Editor => self.form_key(key),
            Screen::Walk => self.walk_key(key),
            Screen::Summary => self.summary_key(key),
        }
    }

    /// Keys every case screen shares; `None` when the key is not one of them.
    fn common_key(&mut self, key: KeyEvent) -> Option<Action> {
        let action = match key.code {
            KeyCode::Char('q') => Action::Quit,
            KeyCode::Char('?') => {
                self.overlay = Some(Overlay::Help);
                Action::None
            }
            KeyCode::Char('s') => Action::Save,
            KeyCode::Char('m') => {
                match self.memo() {
                    Ok(text) => self.overlay = Some(Overlay::Memo { text, scroll: 0 }),
                    Err(why) => self.message = Some(format!("No memo yet: {why}")),
                }
                Action::None
            }
            KeyCode::Char('e') => {
                self.open_export();
                Action::None
            }
            KeyCode::Char('f') => {
                self.open_form();
                Action::None
            }
            KeyCode::Char('u') => {
                self.switch_use(true);
                Action::None
            }
            KeyCode::Char('U') => {
                self.switch_use(false);
                Action::None
            }
            KeyCode::Char(c @ '1'..='4') => {
                self.goto_factor(c as usize - '1' as usize);
                Action::None
            }
            KeyCode::Char('5') => {
                self.screen = Screen::Summary;
                if let Some(doc) = &mut self.doc {
                    doc.scroll = 0;
                }
                Action::None
            }
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => {
                self.next_question();
                Action::None
            }
            KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => {
                self.previous_question();
                Action::None
            }
            _ => return None,
        };
        Some(action)
    }

    fn open_export(&mut self) {
        if let Err(why) = self.snapshot() {
            self.message = Some(format!("Cannot export yet: {why}"));
            return;
        }
        let folder = self
            .save
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        let suggested = super::save::memo_name(&folder, &self.case_id());
        self.overlay = Some(Overlay::Export(ExportPrompt {
            path: TextField::line(&suggested.display().to_string()),
            exists: false,
        }));
    }

    fn picker_key(&mut self, key: KeyEvent) -> Action {
        let last = self.picker.len().saturating_sub(1);
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => return Action::Quit,
            KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                self.picker_ix = self.picker_ix.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.picker_ix = (self.picker_ix + 1).min(last)
            }
            KeyCode::Home | KeyCode::Char('g') => self.picker_ix = 0,
            KeyCode::End | KeyCode::Char('G') => self.picker_ix = last,
            KeyCode::Enter | KeyCode::Char(' ') => return self.pick(),
            _ => {}
        }
        Action::None
    }

    fn pick(&mut self) -> Action {
        let Some(item) = self.picker.get(self.picker_ix).cloned() else {
            return Action::None;
        };
        if item.id.is_empty() {
            self.new_scenario();
            return Action::None;
        }
        let loaded = load::bundled_case(&item.id)
            .ok_or_else(|| format!("no bundled case '{}'", item.id))
            .and_then(|s| self.library.case(&s).map_err(|e| e.to_string()));
        match loaded {
            Ok(case) => self.open(case, &format!("{} (bundled)", item.id)),
            Err(why) => self.message = Some(why),
        }
        Action::None
    }

    fn form_key(&mut self, key: KeyEvent) -> Action {
        let Some(form) = &mut self.form else {
            return Action::None;
        };
        match form.handle_key(key) {
            FormAction::Nothing => Action::None,
            FormAction::Moved => {
                if self.commit_form() {
                    Action::Changed
                } else {
                    Action::None
                }
            }
            FormAction::AddedUse => {
                if let Some(doc) = &mut self.doc {
                    doc.case.uses.push(empty_use());
                }
                self.refresh();
                Action::None
            }
            FormAction::RemoveUse(i) => {
                if let Some(doc) = &mut self.doc {
                    if i < doc.case.uses.len() {
                        let removed = doc.case.uses.remove(i);
                        self.message = Some(format!(
                            "Removed use \"{}\" and its {} answers.",
                            removed.title,
                            removed.answers.len()
                        ));
                    }
                }
                self.refresh();
                self.commit_form();
                Action::Changed
            }
            FormAction::Done => self.close_form(),
        }
    }

    fn walk_key(&mut self, key: KeyEvent) -> Action {
        if let Some(action) = self.common_key(key) {
            return action;
        }
        let options = self.current_question().map_or(0, |q| q.options.len());
        let Some(doc) = &mut self.doc else {
            return Action::None;
        };
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                doc.highlight = doc.highlight.saturating_sub(1);
                doc.scroll = 0;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                doc.highlight = (doc.highlight + 1).min(options.saturating_sub(1));
                doc.scroll = 0;
            }
            KeyCode::Home | KeyCode::Char('g') => {
                doc.highlight = 0;
                doc.scroll = 0;
            }
            KeyCode::End | KeyCode::Char('G') => {
                doc.highlight = options.saturating_sub(1);
                doc.scroll = 0;
            }
            KeyCode::PageDown | KeyCode::Char('J') => {
                doc.scroll = (doc.scroll + 3).min(self.scroll_limit.get())
            }
            KeyCode::PageUp | KeyCode::Char('K') => doc.scroll = doc.scroll.saturating_sub(3),
            KeyCode::Char(' ') => {
                let h = doc.highlight;
                return self.choose(h);
            }
            KeyCode::Enter => {
                let h = doc.highlight;
                let action = self.choose(h);
                self.next_question();
                return action;
            }
            KeyCode::Char('x') | KeyCode::Delete | KeyCode::Backspace => {
                return self.clear_answer()
            }
            KeyCode::Char('n') => {
                if let Some(q) = self.current_question() {
                    let qid = q.id.clone();
                    let note = self
                        .current_use()
                        .and_then(|u| u.notes.get(&qid))
                        .cloned()
                        .unwrap_or_default();
                    self.overlay = Some(Overlay::Note(TextField::multiline(&note)));
                }
            }
            _ => {}
        }
        if let Some(doc) = &mut self.doc {
            doc.scroll = doc.scroll.min(self.scroll_limit.get());
        }
        Action::None
    }

    fn summary_key(&mut self, key: KeyEvent) -> Action {
        if let Some(action) = self.common_key(key) {
            return action;
        }
        let Some(doc) = &mut self.doc else {
            return Action::None;
        };
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => doc.scroll = doc.scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => doc.scroll = doc.scroll.saturating_sub(1),
            KeyCode::PageDown => doc.scroll = doc.scroll.saturating_add(10),
            KeyCode::PageUp => doc.scroll = doc.scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => doc.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => doc.scroll = usize::MAX,
            _ => {}
        }
        doc.scroll = doc.scroll.min(self.scroll_limit.get());
        Action::None
    }

    fn overlay_key(&mut self, key: KeyEvent) -> Action {
        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
        let Some(overlay) = &mut self.overlay else {
            return Action::None;
        };
        match overlay {
            Overlay::Help => {
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter
                ) {
                    self.overlay = None;
                }
                Action::None
            }
            Overlay::Memo { scroll, .. } => {
                match key.code {
                    KeyCode::Esc | KeyCode::Char('m' | 'q') => self.overlay = None,
                    KeyCode::Down | KeyCode::Char('j') | KeyCode::Enter => {
                        *scroll = scroll.saturating_add(1)
                    }
                    KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => *scroll = scroll.saturating_add(page),
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(page),
                    KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
                    KeyCode::End | KeyCode::Char('G') => *scroll = usize::MAX,
                    KeyCode::Char('e') => self.open_export(),
                    KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
                    _ => {}
                }
                if let Some(Overlay::Memo { scroll, .. }) = &mut self.overlay {
                    *scroll = (*scroll).min(self.scroll_limit.get());
                }
                Action::None
            }
            Overlay::Export(prompt) => match key.code {
                KeyCode::Esc => {
                    self.overlay = None;
                    Action::None
                }
                KeyCode::Enter => {
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
                    if prompt.path.handle_key(key) == super::editor::Edit::Handled {
                        prompt.exists = false;
                    }
                    Action::None
                }
            },
            Overlay::Note(field) => {
                if key.code == KeyCode::Esc {
                    let value = field.value();
                    self.overlay = None;
                    return if self.set_note(value) {
                        Action::Changed
                    } else {
                        Action::None
                    };
                }
                field.handle_key(key);
                Action::None
            }
        }
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Action {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {}
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                let code = if down { KeyCode::Down } else { KeyCode::Up };
                if matches!(self.overlay, Some(Overlay::Memo { .. }))
                    || (self.overlay.is_none()
                        && matches!(self.screen, Screen::Picker | Screen::Summary | Screen::Walk))
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
        match super::view::hit(self, area, mouse.column, mouse.row) {
            Some(super::view::Hit::Option(i)) => {
                if let Some(doc) = &mut self.doc {
                    doc.highlight = i;
                }
                self.choose(i)
            }
            Some(super::view::Hit::Factor(f)) => {
                if f < 4 {
                    self.goto_factor(f);
                } else {
                    self.screen = Screen::Summary;
                }
                Action::None
            }
            Some(super::view::Hit::Picker(i)) => {
                self.picker_ix = i;
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
            Err(ExportError::Failed(why)) => self.message = Some(why),
        }
    }
}
