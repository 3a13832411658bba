//! Text entry: a one-line or multi-line field, and the form built from such
//! fields for everything a memo needs (case, memo heading, uses).
//!
//! What the user types is cleaned as it arrives (no control characters, no
//! escape sequences) and again when it is committed to the case with
//! [`crate::sanitize`].

use crate::model::{Case, Litigation, MemoHeading, Role};
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
        // Terminals send pasted line breaks as CR (and some files carry
        // CRLF): both are line breaks to the user.
        let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
        let pasted = pasted.as_str();
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

/// One editable field of a case, of the memo heading or of a use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    Id,
    Title,
    Jurisdiction,
    Forum,
    FactsAsOf,
    Facts,
    Sources,
    Posture,
    Litigation,
    MemoTo,
    MemoFrom,
    MemoClient,
    MemoMatter,
    MemoRole,
    UseTitle(usize),
    UseDescription(usize),
    UseQuestion(usize),
}

/// A field with a fixed list of values, cycled with ←→ or Space.
const LITIGATION: &[&str] = &["", "pending", "anticipated", "none"];
const ROLE: &[&str] = &["", "counselling", "litigation", "policy", "teaching"];

impl FieldKey {
    pub fn label(self) -> &'static str {
        match self {
            FieldKey::Id => "Id",
            FieldKey::Title => "Title",
            FieldKey::Jurisdiction => "Jurisdiction",
            FieldKey::Forum => "Forum",
            FieldKey::FactsAsOf => "Facts as of",
            FieldKey::Facts => "Facts",
            FieldKey::Sources => "Sources",
            FieldKey::Posture => "Posture",
            FieldKey::Litigation => "Litigation",
            FieldKey::MemoTo => "To",
            FieldKey::MemoFrom => "From",
            FieldKey::MemoClient => "Client",
            FieldKey::MemoMatter => "Matter",
            FieldKey::MemoRole => "Role",
            FieldKey::UseTitle(_) => "Title",
            FieldKey::UseDescription(_) => "Description",
            FieldKey::UseQuestion(_) => "Question",
        }
    }

    /// Shown in an empty field: what goes there.
    pub fn placeholder(self) -> &'static str {
        match self {
            FieldKey::Id => "(from the title)",
            FieldKey::Forum => "(the court, e.g. N.D. Cal.; decides which circuit binds)",
            FieldKey::FactsAsOf => "YYYY-MM-DD",
            FieldKey::Facts => "(the facts that matter to the four factors; say which are alleged, assumed or found)",
            FieldKey::Sources => "(one source of the facts a line)",
            FieldKey::Posture => "(procedural posture, for a litigated case)",
            FieldKey::Litigation => "(not stated) ←→ pending · anticipated · none",
            FieldKey::MemoRole => "(not stated) ←→ counselling · litigation · policy · teaching",
            FieldKey::UseTitle(_) => "(what is done with the works, in a line)",
            FieldKey::UseDescription(_) => "(the use in a few sentences)",
            FieldKey::UseQuestion(_) => "(Whether ... is a fair use: the words between; empty = the title)",
            _ => "",
        }
    }

    fn choices(self) -> Option<&'static [&'static str]> {
        match self {
            FieldKey::Litigation => Some(LITIGATION),
            FieldKey::MemoRole => Some(ROLE),
            _ => None,
        }
    }

    fn multiline(self) -> bool {
        matches!(
            self,
            FieldKey::Facts
                | FieldKey::Sources
                | FieldKey::UseDescription(_)
                | FieldKey::UseQuestion(_)
        )
    }

    /// Rows the field takes on screen.
    pub fn rows(self) -> u16 {
        match self {
            FieldKey::Facts => 4,
            FieldKey::Sources | FieldKey::UseDescription(_) | FieldKey::UseQuestion(_) => 2,
            _ => 1,
        }
    }

    /// The use a field belongs to.
    pub fn use_ix(self) -> Option<usize> {
        match self {
            FieldKey::UseTitle(i) | FieldKey::UseDescription(i) | FieldKey::UseQuestion(i) => {
                Some(i)
            }
            _ => None,
        }
    }

    /// The field's value in the case, as text.
    pub fn read(self, case: &Case) -> String {
        let memo = case.memo.clone().unwrap_or_default();
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let the_use = |i: usize| case.uses.get(i);
        match self {
            FieldKey::Id => case.id.clone(),
            FieldKey::Title => case.title.clone(),
            FieldKey::Jurisdiction => case.jurisdiction.clone(),
            FieldKey::Forum => opt(&case.forum),
            FieldKey::FactsAsOf => case.facts_as_of.clone(),
            FieldKey::Facts => case.facts.clone(),
            FieldKey::Sources => case.sources.join("\n"),
            FieldKey::Posture => opt(&case.posture),
            FieldKey::Litigation => case.litigation.map_or("", litigation_str).to_string(),
            FieldKey::MemoTo => opt(&memo.to),
            FieldKey::MemoFrom => opt(&memo.from),
            FieldKey::MemoClient => opt(&memo.client),
            FieldKey::MemoMatter => opt(&memo.matter),
            FieldKey::MemoRole => memo.role.map_or("", Role::as_str).to_string(),
            FieldKey::UseTitle(i) => the_use(i).map(|u| u.title.clone()).unwrap_or_default(),
            FieldKey::UseDescription(i) => the_use(i)
                .map(|u| u.description.clone())
                .unwrap_or_default(),
            FieldKey::UseQuestion(i) => the_use(i)
                .and_then(|u| u.question.clone())
                .unwrap_or_default(),
        }
    }

    /// A fresh field for this key holding the case's value.
    pub fn field(self, case: &Case) -> TextField {
        let value = self.read(case);
        if self.multiline() {
            TextField::multiline(&value)
        } else {
            TextField::line(&value)
        }
    }

    /// The case's value as the form would store it back: a field that
    /// still holds it is unchanged.
    pub fn stored(self, case: &Case) -> String {
        self.field(case).value()
    }

    /// Why this value cannot be stored, in the words `check` would use.
    pub fn problem(self, value: &str) -> Option<String> {
        let v = value.trim();
        match self {
            FieldKey::Id if !v.is_empty() && !id_ok(v) => Some(
                "1-64 lowercase letters, digits, '-' or '_' (or empty: made from the title)".into(),
            ),
            FieldKey::Title if v.is_empty() => Some("a scenario needs a title".into()),
            FieldKey::Jurisdiction if v.is_empty() => Some("say where: United States".into()),
            FieldKey::FactsAsOf if !crate::date::is_valid(v) => Some(format!(
                "'{}' is not a date: write it YYYY-MM-DD",
                crate::sanitize::line(v)
            )),
            FieldKey::Facts if v.is_empty() => Some("a scenario needs facts".into()),
            FieldKey::UseTitle(_) if v.is_empty() => Some("a use needs a title".into()),
            _ => None,
        }
    }

    /// Stores a value that has no problem into the case.
    pub fn write(self, case: &mut Case, value: &str) {
        let some = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
        let memo = case.memo.get_or_insert_with(Default::default);
        match self {
            FieldKey::Id => case.id = value.trim().to_string(),
            FieldKey::Title => case.title = value.to_string(),
            FieldKey::Jurisdiction => case.jurisdiction = value.to_string(),
            FieldKey::Forum => case.forum = some(value),
            FieldKey::FactsAsOf => case.facts_as_of = value.trim().to_string(),
            FieldKey::Facts => case.facts = value.to_string(),
            FieldKey::Sources => {
                case.sources = value
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            }
            FieldKey::Posture => case.posture = some(value),
            FieldKey::Litigation => {
                case.litigation = match value {
                    "pending" => Some(Litigation::Pending),
                    "anticipated" => Some(Litigation::Anticipated),
                    "none" => Some(Litigation::None),
                    _ => None,
                }
            }
            FieldKey::MemoTo => memo.to = some(value),
            FieldKey::MemoFrom => memo.from = some(value),
            FieldKey::MemoClient => memo.client = some(value),
            FieldKey::MemoMatter => memo.matter = some(value),
            FieldKey::MemoRole => {
                memo.role = match value {
                    "counselling" => Some(Role::Counselling),
                    "litigation" => Some(Role::Litigation),
                    "policy" => Some(Role::Policy),
                    "teaching" => Some(Role::Teaching),
                    _ => None,
                }
            }
            FieldKey::UseTitle(i) => {
                if let Some(u) = case.uses.get_mut(i) {
                    u.title = value.to_string();
                }
            }
            FieldKey::UseDescription(i) => {
                if let Some(u) = case.uses.get_mut(i) {
                    u.description = value.to_string();
                }
            }
            FieldKey::UseQuestion(i) => {
                if let Some(u) = case.uses.get_mut(i) {
                    u.question = some(value);
                }
            }
        }
        if case
            .memo
            .as_ref()
            .is_some_and(|m| *m == MemoHeading::default())
        {
            case.memo = None;
        }
    }
}

fn litigation_str(l: Litigation) -> &'static str {
    match l {
        Litigation::Pending => "pending",
        Litigation::Anticipated => "anticipated",
        Litigation::None => "none",
    }
}

/// The same rule as `check` for ids.
fn id_ok(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// One row of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub key: FieldKey,
    pub text: TextField,
    /// Set once the user left the field or tried to close the form: from
    /// then on its problem, if any, is shown beside it.
    pub touched: bool,
}

impl FormField {
    pub fn problem(&self) -> Option<String> {
        self.key.problem(&self.text.value())
    }
}

/// The form: every field of the case, the memo heading and each use, edited
/// as text and written into the case one field at a time, only when valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub fields: Vec<FormField>,
    /// Index into `fields`; `fields.len()` is the "+ Add a use" row.
    pub focus: usize,
}

/// What a key did in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Nothing,
    /// The focus left a field: write it into the case if it is valid.
    Left(usize),
    /// Add a use at the end.
    AddUse,
}

const CASE_FIELDS: [FieldKey; 14] = [
    FieldKey::Title,
    FieldKey::Id,
    FieldKey::Jurisdiction,
    FieldKey::Forum,
    FieldKey::FactsAsOf,
    FieldKey::Facts,
    FieldKey::Sources,
    FieldKey::Posture,
    FieldKey::Litigation,
    FieldKey::MemoTo,
    FieldKey::MemoFrom,
    FieldKey::MemoClient,
    FieldKey::MemoMatter,
    FieldKey::MemoRole,
];

impl Form {
    pub fn from_case(case: &Case) -> Self {
        let mut keys: Vec<FieldKey> = CASE_FIELDS.to_vec();
        for i in 0..case.uses.len() {
            keys.extend([
                FieldKey::UseTitle(i),
                FieldKey::UseDescription(i),
                FieldKey::UseQuestion(i),
            ]);
        }
        let fields = keys
            .into_iter()
            .map(|key| FormField {
                key,
                text: key.field(case),
                touched: false,
            })
            .collect();
        Form { fields, focus: 0 }
    }

    /// The form again after the case changed (undo, a use added), keeping
    /// the focus on the same field and any text not yet written.
    pub fn rebuild(&self, case: &Case) -> Self {
        let mut form = Form::from_case(case);
        for f in &mut form.fields {
            if let Some(old) = self.fields.iter().find(|o| o.key == f.key) {
                if old.problem().is_some() {
                    *f = old.clone();
                }
            }
        }
        let key = self.fields.get(self.focus).map(|f| f.key);
        form.focus = key
            .and_then(|k| form.fields.iter().position(|f| f.key == k))
            .unwrap_or(form.focus.min(form.fields.len()));
        form
    }

    /// Puts the focus on a field.
    pub fn focus_on(&mut self, key: FieldKey) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.focus = i;
        }
    }

    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut FormField> {
        self.fields.get_mut(self.focus)
    }

    /// The first field whose text cannot be stored, once shown.
    pub fn first_problem(&self) -> Option<(usize, String)> {
        self.fields
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.problem().map(|p| (i, p)))
    }

    /// Moves the focus, telling which field it left.
    pub fn step(&mut self, forward: bool) -> FormAction {
        let from = self.focus;
        self.focus = if forward {
            (from + 1).min(self.fields.len())
        } else {
            from.saturating_sub(1)
        };
        if let Some(f) = self.fields.get_mut(from) {
            f.touched = true;
        }
        if from == self.focus || from >= self.fields.len() {
            FormAction::Nothing
        } else {
            FormAction::Left(from)
        }
    }

    /// A key for the focused field (the caller handles Tab, Esc and the like).
    pub fn handle_key(&mut self, key: KeyEvent) -> FormAction {
        if self.focus == self.fields.len() {
            return match key.code {
                KeyCode::Enter | KeyCode::Char(' ') => FormAction::AddUse,
                KeyCode::Up => self.step(false),
                _ => FormAction::Nothing,
            };
        }
        let field = &mut self.fields[self.focus];
        if let Some(choices) = field.key.choices() {
            let at = choices
                .iter()
                .position(|c| *c == field.text.text)
                .unwrap_or(0);
            let n = choices.len();
            let next = match key.code {
                KeyCode::Right | KeyCode::Char(' ') => Some((at + 1) % n),
                KeyCode::Left => Some((at + n - 1) % n),
                _ => None,
            };
            if let Some(next) = next {
                field.text = TextField::line(choices[next]);
                return FormAction::Nothing;
            }
        } else if field.text.handle_key(key) == Edit::Handled {
            return FormAction::Nothing;
        }
        match key.code {
            KeyCode::Down | KeyCode::Enter => self.step(true),
            KeyCode::Up => self.step(false),
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
