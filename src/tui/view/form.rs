//! The scenario form: id, title, date, facts and uses.

use super::text::{field_rows, field_window};
use crate::tui::app::App;
use crate::tui::editor::{Focus, TextField};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const LABEL: u16 = 13;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(form) = &app.form else { return };
    let block = super::pane(t)
        .title(Span::styled(" Scenario: facts and uses ", t.title()))
        .title_bottom(
            Line::from(
                " Tab/↑↓ move · Enter on \"+ Add a use\" adds · ^D removes a use · Esc done ",
            )
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let field_w = inner.width.saturating_sub(LABEL + 1);
    let uses_rows = form.uses.len() as u16 + 2;
    // Three one-line fields and two blank rows; the facts take what is left.
    let facts_h = inner.height.saturating_sub(3 + uses_rows + 2).max(3);
    let mut y = inner.y;
    let mut cursor: Option<Position> = None;
    let x = inner.x + LABEL;
    let label = |frame: &mut Frame, y: u16, text: &str, focused: bool| {
        let style = if focused { t.selected() } else { t.bold() };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{text:<w$}", w = usize::from(LABEL - 1)),
                style,
            )),
            Rect::new(inner.x, y, LABEL - 1, 1),
        );
    };
    let placeholder_id = if form.id.text.is_empty() {
        format!(
            "(from the title: {})",
            crate::tui::editor::slug(&form.title.value())
        )
    } else {
        String::new()
    };
    for (focus, name, field) in [
        (Focus::Id, "Id", &form.id),
        (Focus::Title, "Title", &form.title),
        (Focus::FactsAsOf, "Facts as of", &form.facts_as_of),
    ] {
        if y >= inner.y + inner.height {
            break;
        }
        let focused = form.focus == focus;
        label(frame, y, name, focused);
        let placeholder = if focus == Focus::Id {
            placeholder_id.as_str()
        } else {
            ""
        };
        if let Some(p) = one_line(
            app,
            frame,
            Rect::new(x, y, field_w, 1),
            field,
            focused,
            placeholder,
        ) {
            cursor = Some(p);
        }
        y += 1;
    }
    y += 1;
    if y < inner.y + inner.height {
        let focused = form.focus == Focus::Facts;
        label(frame, y, "Facts", focused);
        let h = facts_h.min(inner.y + inner.height - y);
        let rect = Rect::new(x, y, field_w, h);
        if form.facts.text.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "(the facts that matter to the four factors; say which are alleged, assumed or found)",
                    t.dim(),
                ))
                .wrap(ratatui::widgets::Wrap { trim: true }),
                rect,
            );
        }
        if let Some(p) = multi_line(app, frame, rect, &form.facts, focused) {
            cursor = Some(p);
        }
        y += h + 1;
    }
    if y < inner.y + inner.height {
        label(frame, y, "Uses", false);
        frame.render_widget(
            Paragraph::new(Span::styled(
                "one line each: what is done with the works",
                t.dim(),
            )),
            Rect::new(x, y, field_w, 1),
        );
        y += 1;
    }
    for (i, field) in form.uses.iter().enumerate() {
        if y >= inner.y + inner.height {
            break;
        }
        let focused = form.focus == Focus::Use(i);
        label(frame, y, &format!("  {}", i + 1), focused);
        if let Some(p) = one_line(
            app,
            frame,
            Rect::new(x, y, field_w, 1),
            field,
            focused,
            "(title of the use)",
        ) {
            cursor = Some(p);
        }
        y += 1;
    }
    if y < inner.y + inner.height {
        let focused = form.focus == Focus::AddUse;
        let style = if focused { t.selected() } else { Style::new() };
        frame.render_widget(
            Paragraph::new(Span::styled("+ Add a use", style)),
            Rect::new(x, y, field_w, 1),
        );
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
