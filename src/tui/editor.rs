//! Text entry: a one-line or multi-line field, and the scenario form (id,
//! title, date, facts, uses) built from such fields.
//!
//! What the user types is cleaned as it arrives (no control characters, no
//! escape sequences) and again when it is committed to the case with
//! [`crate::sanitize`].

use crate::model::Case;
use crate::sanitize;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An editable string with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    pub text: String,
    pub cursor: usize,
    pub multiline: bool,
}

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The key changed the text or moved the cursor.
    Handled,
    /// The key means nothing to the field (the caller may use it).
    Ignored,
}

impl TextField {
    pub fn line(text: &str) -> Self {
        let text = sanitize::line(text);
        TextField {
            cursor: text.chars().count(),
            text,
            multiline: false,
        }
    }

    pub fn multiline(text: &str) -> Self {
        let text = sanitize::text(text);
        TextField {
            cursor: text.chars().count(),
            text,
            multiline: true,
        }
    }

    /// The value to store: cleaned and trimmed as the loader would.
    pub fn value(&self) -> String {
        if self.multiline {
            sanitize::text(self.text.trim_end())
                .trim_start_matches('\n')
                .to_string()
        } else {
            sanitize::line(&self.text)
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn insert(&mut self, c: char) {
        if c == '\n' && !self.multiline {
            return;
        }
        if c != '\n' && (c.is_control() || sanitize::text(&c.to_string()).is_empty()) {
            return;
        }
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Pasted text, cleaned first (a one-line field folds line breaks).
    pub fn paste(&mut self, pasted: &str) {
        let clean = if self.multiline {
            sanitize::text(pasted)
        } else {
            sanitize::line(pasted)
        };
        for c in clean.chars() {
            self.insert(c);
        }
    }

    /// (line, column) of the cursor, both counted in chars.
    pub fn cursor_line_col(&self) -> (usize, usize) {
        let before: String = self.text.chars().take(self.cursor).collect();
        let line = before.matches('\n').count();
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (line, col)
    }

    fn line_start(&self, line: usize) -> usize {
        let mut index = 0;
        for (n, l) in self.text.split('\n').enumerate() {
            if n == line {
                return index;
            }
            index += l.chars().count() + 1;
        }
        self.len()
    }

    fn line_len(&self, line: usize) -> usize {
        self.text
            .split('\n')
            .nth(line)
            .map_or(0, |l| l.chars().count())
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char(c) if !ctrl => self.insert(c),
            KeyCode::Char('a') if ctrl => self.cursor = self.line_start(self.cursor_line_col().0),
            KeyCode::Char('e') if ctrl => {
                let line = self.cursor_line_col().0;
                self.cursor = self.line_start(line) + self.line_len(line);
            }
            KeyCode::Char('u') if ctrl => {
                let line = self.cursor_line_col().0;
                let start = self.line_start(line);
                let (from, to) = (self.byte(start), self.byte(self.cursor));
                self.text.replace_range(from..to, "");
                self.cursor = start;
            }
            KeyCode::Enter if self.multiline => self.insert('\n'),
            KeyCode::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    let at = self.byte(self.cursor);
                    self.text.remove(at);
                }
            }
            KeyCode::Delete => {
                if self.cursor < self.len() {
                    let at = self.byte(self.cursor);
                    self.text.remove(at);
                }
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.len()),
            KeyCode::Home => self.cursor = self.line_start(self.cursor_line_col().0),
            KeyCode::End => {
                let line = self.cursor_line_col().0;
                self.cursor = self.line_start(line) + self.line_len(line);
            }
            KeyCode::Up if self.multiline => {
                let (line, col) = self.cursor_line_col();
                if line == 0 {
                    return Edit::Ignored;
                }
                self.cursor = self.line_start(line - 1) + col.min(self.line_len(line - 1));
            }
            KeyCode::Down if self.multiline => {
                let (line, col) = self.cursor_line_col();
                if line + 1 >= self.text.split('\n').count() {
                    return Edit::Ignored;
                }
                self.cursor = self.line_start(line + 1) + col.min(self.line_len(line + 1));
            }
            _ => return Edit::Ignored,
        }
        Edit::Handled
    }
}

/// Which part of the scenario form has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Id,
    Title,
    FactsAsOf,
    Facts,
    /// The title of the use at this index.
    Use(usize),
    /// The "add a use" row after the last use.
    AddUse,
}

/// The scenario form: the case's own fields, edited in place of the case
/// until the form is committed.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub id: TextField,
    pub title: TextField,
    pub facts_as_of: TextField,
    pub facts: TextField,
    /// One per use, in the case's order; the index is the use's index.
    pub uses: Vec<TextField>,
    pub focus: Focus,
}

/// What a key did in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Nothing,
    /// The user moved between fields: a good moment to commit and save.
    Moved,
    /// A new use was added at the end.
    AddedUse,
    /// The use at this index is to be removed.
    RemoveUse(usize),
    /// Esc: leave the form.
    Done,
}

impl Form {
    pub fn from_case(case: &Case) -> Self {
        Form {
            id: TextField::line(&case.id),
            title: TextField::line(&case.title),
            facts_as_of: TextField::line(&case.facts_as_of),
            facts: TextField::multiline(&case.facts),
            uses: case
                .uses
                .iter()
                .map(|u| TextField::line(&u.title))
                .collect(),
            focus: Focus::Title,
        }
    }

    /// Every focusable row, in order.
    pub fn order(&self) -> Vec<Focus> {
        let mut order = vec![Focus::Id, Focus::Title, Focus::FactsAsOf, Focus::Facts];
        order.extend((0..self.uses.len()).map(Focus::Use));
        order.push(Focus::AddUse);
        order
    }

    pub fn field_mut(&mut self, focus: Focus) -> Option<&mut TextField> {
        match focus {
            Focus::Id => Some(&mut self.id),
            Focus::Title => Some(&mut self.title),
            Focus::FactsAsOf => Some(&mut self.facts_as_of),
            Focus::Facts => Some(&mut self.facts),
            Focus::Use(i) => self.uses.get_mut(i),
            Focus::AddUse => None,
        }
    }

    pub fn field(&self, focus: Focus) -> Option<&TextField> {
        match focus {
            Focus::Id => Some(&self.id),
            Focus::Title => Some(&self.title),
            Focus::FactsAsOf => Some(&self.facts_as_of),
            Focus::Facts => Some(&self.facts),
            Focus::Use(i) => self.uses.get(i),
            Focus::AddUse => None,
        }
    }

    fn step(&mut self, forward: bool) {
        let order = self.order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1).min(order.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        self.focus = order[next];
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormAction {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormAction::Done,
            KeyCode::Tab => {
                self.step(true);
                return FormAction::Moved;
            }
            KeyCode::BackTab => {
                self.step(false);
                return FormAction::Moved;
            }
            KeyCode::Char('d') if ctrl => {
                if let Focus::Use(i) = self.focus {
                    self.uses.remove(i);
                    if self.uses.is_empty() || i >= self.uses.len() {
                        self.focus = Focus::AddUse;
                    }
                    return FormAction::RemoveUse(i);
                }
                return FormAction::Nothing;
            }
            KeyCode::Enter if self.focus == Focus::AddUse => {
                self.uses.push(TextField::line(""));
                self.focus = Focus::Use(self.uses.len() - 1);
                return FormAction::AddedUse;
            }
            _ => {}
        }
        let focus = self.focus;
        let edit = match self.field_mut(focus) {
            Some(field) => field.handle_key(key),
            None => Edit::Ignored,
        };
        if edit == Edit::Handled {
            return FormAction::Nothing;
        }
        match key.code {
            KeyCode::Down | KeyCode::Enter => {
                self.step(true);
                FormAction::Moved
            }
            KeyCode::Up => {
                self.step(false);
                FormAction::Moved
            }
            _ => FormAction::Nothing,
        }
    }
}

/// A lowercase id made from a title: "Kadrey v. Meta" → "kadrey-v-meta".
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "use".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_and_cursor_moves() {
        let mut f = TextField::line("ac");
        f.handle_key(key(KeyCode::Left));
        f.handle_key(key(KeyCode::Char('b')));
        assert_eq!(f.text, "abc");
        f.handle_key(key(KeyCode::Home));
        f.handle_key(key(KeyCode::Delete));
        assert_eq!(f.text, "bc");
        f.handle_key(key(KeyCode::End));
        f.handle_key(key(KeyCode::Backspace));
        assert_eq!(f.text, "b");
    }

    #[test]
    fn multiline_moves_between_lines() {
        let mut f = TextField::multiline("one\ntwo");
        assert_eq!(f.cursor_line_col(), (1, 3));
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.cursor_line_col(), (0, 3));
        assert_eq!(f.handle_key(key(KeyCode::Up)), Edit::Ignored);
        f.handle_key(key(KeyCode::Enter));
        assert_eq!(f.text, "one\n\ntwo");
    }

    #[test]
    fn controls_and_escapes_are_never_stored() {
        let mut f = TextField::line("");
        f.insert('\u{1b}');
        f.insert('\u{7}');
        f.paste("x\u{1b}[31my\nz");
        assert_eq!(f.text, "xy z");
        let mut m = TextField::multiline("");
        m.paste("a\r\nb\u{9b}2J");
        assert_eq!(m.value(), "a\nb");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Kadrey v. Meta"), "kadrey-v-meta");
        assert_eq!(slug("  "), "use");
        assert_eq!(slug("Ünïcode — test!"), "n-code-test");
    }
}
