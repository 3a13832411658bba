//! The picker: save files in the current folder (case, progress, when
//! saved), then the bundled cases, then "New scenario".

use super::text::{truncate, width};
use crate::tui::app::{Picker, PickerItem};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn inner(area: Rect) -> Rect {
    super::pane(crate::tui::Theme::plain()).inner(area)
}

/// The rows as drawn: a heading row is `None`, an item row its index.
fn rows(p: &Picker) -> Vec<(Option<usize>, String)> {
    let mut out = Vec::new();
    let mut last = "";
    for (i, item) in p.items.iter().enumerate() {
        let section = match item {
            PickerItem::Saved(_) => "Carry on: save files in this folder",
            PickerItem::Bundled { .. } => "Bundled cases",
            PickerItem::New => "",
        };
        if section != last && !section.is_empty() {
            if !out.is_empty() {
                out.push((None, String::new()));
            }
            out.push((None, section.to_string()));
        }
        last = section;
        // A file name is the one text here not cleaned at load.
        let name =
            |f: &crate::tui::save::SavedFile| crate::sanitize::line(&f.path.display().to_string());
        let text = match item {
            PickerItem::Saved(f) if f.problems > 0 => format!(
                "{:<28} {}: Enter {} (saved {} UTC)",
                name(f),
                match f.problems {
                    1 => "1 problem".to_string(),
                    n => format!("{n} problems"),
                },
                if f.problems == 1 {
                    "shows it"
                } else {
                    "lists them"
                },
                f.when
            ),
            PickerItem::Saved(f) => format!(
                "{:<28} {}  ({}/{} answered, saved {} UTC)",
                name(f),
                f.title,
                f.answered,
                f.applicable,
                f.when
            ),
            PickerItem::Bundled { id, title } => format!("{id:<28} {title}"),
            PickerItem::New => "+ New scenario".to_string(),
        };
        if matches!(item, PickerItem::New) {
            out.push((None, String::new()));
        }
        out.push((Some(i), text));
    }
    out
}

/// First row shown, so the selected row stays visible.
fn offset(rows: &[(Option<usize>, String)], ix: usize, height: usize) -> usize {
    let at = rows.iter().position(|(i, _)| *i == Some(ix)).unwrap_or(0);
    (at + 1).saturating_sub(height)
}

pub fn render(app: &crate::tui::App, p: &Picker, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let block = super::pane(t)
        .title(Span::styled(" Open a case ", t.title()))
        .title_bottom(Line::from(format!(" {} of {} ", p.ix + 1, p.items.len())).right_aligned());
    let inner = inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let height = usize::from(inner.height);
    let rows = rows(p);
    let lines: Vec<Line> = rows
        .iter()
        .skip(offset(&rows, p.ix, height))
        .take(height)
        .map(|(i, text)| match i {
            None => Line::from(Span::styled(truncate(text, w), t.bold())),
            Some(i) => {
                let selected = *i == p.ix;
                let mark = if selected { "› " } else { "  " };
                let text = truncate(&format!("{mark}{text}"), w);
                let style = if selected { t.selected() } else { Style::new() };
                let pad = w.saturating_sub(width(&text));
                Line::from(Span::styled(format!("{text}{}", " ".repeat(pad)), style))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The picker item under a click.
pub fn hit(p: &Picker, area: Rect, at: Position) -> Option<usize> {
    let r = inner(area);
    if !r.contains(at) {
        return None;
    }
    let rows = rows(p);
    let row = offset(&rows, p.ix, usize::from(r.height)) + usize::from(at.y - r.y);
    rows.get(row).and_then(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::save::SavedFile;

    #[test]
    fn a_file_name_reaches_the_terminal_cleaned() {
        let file = SavedFile::listed("evil\u{1b}]0;owned\u{7}\u{1b}[2J.answers.yaml".into(), 2);
        let p = Picker {
            items: vec![PickerItem::Saved(file)],
            ix: 0,
        };
        let shown = rows(&p).remove(1).1;
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(shown.starts_with("evil.answers.yaml "), "{shown:?}");
        assert!(shown.contains("2 problems: Enter lists them"), "{shown:?}");
    }
}
