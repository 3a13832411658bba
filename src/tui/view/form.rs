//! The form: the case, the memo heading and each use, one field a row,
//! scrolled to the focused field; a field whose text cannot be stored says
//! why right under it.

use super::text::{field_rows, field_window, truncate};
use crate::tui::app::{App, Session};
use crate::tui::editor::{FieldKey, Form, TextField};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const LABEL: u16 = 13;

/// A row of the form as laid out.
enum Item {
    Heading(String),
    Field(usize),
    Problem(usize, String),
    AddUse,
    Blank,
}

fn items(s: &Session, form: &Form) -> Vec<(Item, u16)> {
    let mut out = vec![(Item::Heading("The case".into()), 1)];
    for (i, f) in form.fields.iter().enumerate() {
        match f.key {
            FieldKey::MemoTo => {
                out.push((Item::Blank, 1));
                out.push((Item::Heading("Memo heading (optional)".into()), 1));
            }
            FieldKey::UseTitle(u) => {
                out.push((Item::Blank, 1));
                let title = s.case.uses.get(u).map_or("", |x| x.title.as_str());
                out.push((Item::Heading(format!("Use {}: {title}", u + 1)), 1));
            }
            _ => {}
        }
        out.push((Item::Field(i), f.key.rows()));
        if f.touched || i == form.focus {
            if let Some(p) = f.problem().filter(|_| f.touched || !f.text.text.is_empty()) {
                out.push((Item::Problem(i, p), 1));
            }
        }
    }
    out.push((Item::Blank, 1));
    out.push((Item::AddUse, 1));
    out
}

pub fn render(app: &App, s: &Session, form: &Form, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let block = super::pane(t)
        .title(Span::styled(
            " Edit: the case, the memo heading and the uses ",
            t.title(),
        ))
        .title_bottom(
            Line::from(" changes are saved as you leave each valid field ").right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let items = items(s, form);
    // Scroll so the focused field (and its problem line) is in view.
    let mut y = 0u16;
    let mut focus_span = (0u16, 1u16);
    for (item, h) in &items {
        match item {
            Item::Field(i) if *i == form.focus => focus_span = (y, *h + 1),
            Item::AddUse if form.focus == form.fields.len() => focus_span = (y, 1),
            _ => {}
        }
        y += h;
    }
    let offset = (focus_span.0 + focus_span.1).saturating_sub(inner.height);
    let field_w = inner.width.saturating_sub(LABEL + 1);
    let x = inner.x + LABEL;
    let mut y = 0u16;
    let mut cursor = None;
    for (item, h) in &items {
        let top = y;
        y += h;
        if top < offset || top - offset >= inner.height {
            continue;
        }
        let row = inner.y + top - offset;
        let h = (*h).min(inner.y + inner.height - row);
        match item {
            Item::Blank => {}
            Item::Heading(text) => frame.render_widget(
                Paragraph::new(Span::styled(
                    truncate(text, usize::from(inner.width)),
                    t.title(),
                )),
                Rect::new(inner.x, row, inner.width, 1),
            ),
            Item::Problem(i, why) => {
                let label = form.fields[*i].key.label();
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        truncate(&format!("⚠ {label}: {why}"), usize::from(field_w)),
                        t.warning(),
                    )),
                    Rect::new(x, row, field_w, 1),
                );
            }
            Item::AddUse => {
                let focused = form.focus == form.fields.len();
                let style = if focused { t.selected() } else { Style::new() };
                frame.render_widget(
                    Paragraph::new(Span::styled("+ Add a use (Enter, or ^N anywhere)", style)),
                    Rect::new(x, row, field_w, 1),
                );
            }
            Item::Field(i) => {
                let f = &form.fields[*i];
                let focused = *i == form.focus;
                let style = if focused { t.selected() } else { t.bold() };
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        format!("{:<w$}", f.key.label(), w = usize::from(LABEL - 1)),
                        style,
                    )),
                    Rect::new(inner.x, row, LABEL - 1, 1),
                );
                let rect = Rect::new(x, row, field_w, h);
                let placeholder = match f.key {
                    FieldKey::Id if f.text.text.is_empty() => format!(
                        "(from the title: {})",
                        crate::tui::editor::slug(&s.case.title)
                    ),
                    key => key.placeholder().to_string(),
                };
                let p = if f.text.multiline {
                    if f.text.text.is_empty() {
                        frame.render_widget(
                            Paragraph::new(Span::styled(placeholder, t.dim()))
                                .wrap(ratatui::widgets::Wrap { trim: true }),
                            rect,
                        );
                    }
                    multi_line(app, frame, rect, &f.text, focused)
                } else {
                    one_line(app, frame, rect, &f.text, focused, &placeholder)
                };
                if p.is_some() {
                    cursor = p;
                }
            }
        }
    }
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// Draws a one-line field; returns the cursor position when focused.
fn one_line(
    app: &App,
    frame: &mut Frame,
    rect: Rect,
    field: &TextField,
    focused: bool,
    placeholder: &str,
) -> Option<Position> {
    let t = app.theme;
    if field.text.is_empty() && !placeholder.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(placeholder.to_string(), t.dim())),
            rect,
        );
        return focused.then_some(Position::new(rect.x, rect.y));
    }
    let cursor = if focused { field.cursor } else { 0 };
    let (shown, col) = field_window(
        &field.text,
        cursor,
        usize::from(rect.width.saturating_sub(1)),
    );
    let style = if focused {
        Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
    } else {
        Style::new()
    };
    let pad = usize::from(rect.width)
        .saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{shown}{}", " ".repeat(pad)), style)),
        rect,
    );
    focused.then_some(Position::new(rect.x + col as u16, rect.y))
}

/// Draws a multi-line field, scrolled to the cursor; returns the cursor when focused.
pub fn multi_line(
    app: &App,
    frame: &mut Frame,
    rect: Rect,
    field: &TextField,
    focused: bool,
) -> Option<Position> {
    let _ = app;
    let cursor = if focused { field.cursor } else { 0 };
    let (rows, (row, col)) = field_rows(
        &field.text,
        cursor,
        usize::from(rect.width.saturating_sub(1)),
    );
    let height = usize::from(rect.height);
    let offset = (row + 1).saturating_sub(height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), rect);
    focused.then_some(Position::new(
        rect.x + col as u16,
        rect.y + (row - offset) as u16,
    ))
}
