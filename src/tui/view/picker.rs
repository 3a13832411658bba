//! The picker: the bundled cases, then "New scenario".

use super::text::truncate;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn inner(area: Rect) -> Rect {
    super::pane(crate::tui::Theme::plain()).inner(area)
}

/// First row shown, so the selected row stays visible.
fn offset(app: &App, height: usize) -> usize {
    (app.picker_ix + 1).saturating_sub(height)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let block = super::pane(t)
        .title(Span::styled(" Open a case ", t.title()))
        .title_bottom(
            Line::from(format!(" {} of {} ", app.picker_ix + 1, app.picker.len())).right_aligned(),
        );
    let inner = inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let lines: Vec<Line> = app
        .picker
        .iter()
        .enumerate()
        .skip(offset(app, height))
        .take(height)
        .map(|(i, item)| {
            let selected = i == app.picker_ix;
            let mark = if selected { "› " } else { "  " };
            let text = if item.id.is_empty() {
                format!("{mark}+ {}", item.title)
            } else {
                format!("{mark}{:<26} {}", item.id, item.title)
            };
            let style = if selected { t.selected() } else { Style::new() };
            let text = truncate(&text, width);
            let pad = width.saturating_sub(text.chars().count());
            Line::from(Span::styled(format!("{text}{}", " ".repeat(pad)), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The picker row under a click.
pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<usize> {
    let r = inner(area);
    if x < r.x || x >= r.x + r.width || y < r.y || y >= r.y + r.height {
        return None;
    }
    let i = offset(app, usize::from(r.height)) + usize::from(y - r.y);
    (i < app.picker.len()).then_some(i)
}
