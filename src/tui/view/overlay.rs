//! Overlays drawn over a screen: help, the memo preview, the export prompt
//! and the note editor.

use super::text::{field_window, wrap};
use super::{centered, form};
use crate::tui::app::{App, Overlay};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help(app, frame, area),
        Some(Overlay::Memo { text, scroll }) => memo(app, frame, area, text, *scroll),
        Some(Overlay::Export(prompt)) => {
            let t = app.theme;
            let rect = centered(area, 72, 8);
            frame.render_widget(Clear, rect);
            let block = super::pane(t).title(Span::styled(" Export the memo ", t.title()));
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let row =
                |n: u16| Rect::new(inner.x + 1, inner.y + n, inner.width.saturating_sub(2), 1);
            frame.render_widget(
                Paragraph::new("Write the memo (Markdown) to this file:"),
                row(0),
            );
            let field = row(2);
            let (shown, col) = field_window(
                &prompt.path.text,
                prompt.path.cursor,
                usize::from(field.width.saturating_sub(1)),
            );
            frame.render_widget(
                Paragraph::new(Span::styled(
                    shown,
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED),
                )),
                field,
            );
            frame.set_cursor_position(Position::new(field.x + col as u16, field.y));
            let last = if prompt.exists {
                Span::styled(
                    "That file exists: Enter again replaces it, Esc cancels.",
                    t.warning(),
                )
            } else {
                Span::raw("Enter export · Esc cancel")
            };
            frame.render_widget(Paragraph::new(last), row(4));
        }
        Some(Overlay::Note(field)) => {
            let t = app.theme;
            let rect = centered(area, 76, 12);
            frame.render_widget(Clear, rect);
            let prompt = app
                .current_question()
                .map(|q| q.prompt.clone())
                .unwrap_or_default();
            let block = super::pane(t)
                .title(Span::styled(
                    " Note: the fact this answer rests on ",
                    t.title(),
                ))
                .title_bottom(Line::from(" Esc done (saved) · Enter new line ").right_aligned());
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let head = super::text::truncate(&prompt, usize::from(inner.width));
            frame.render_widget(
                Paragraph::new(Span::styled(head, t.dim())),
                Rect::new(inner.x, inner.y, inner.width, 1),
            );
            let body = Rect::new(
                inner.x,
                inner.y + 2,
                inner.width,
                inner.height.saturating_sub(2),
            );
            if let Some(p) = form::multi_line(app, frame, body, field, true) {
                frame.set_cursor_position(p);
            }
        }
    }
}

type Section = (&'static str, &'static [(&'static str, &'static str)]);

/// Every key, by where it works, in two columns.
const HELP: [&[Section]; 2] = [
    &[
        (
            "Everywhere",
            &[
                ("?", "this help"),
                ("q", "save and quit"),
                ("^C ^Q", "save and quit, anywhere"),
                ("Esc", "close overlay or form"),
                ("s", "save now"),
                ("m", "memo preview"),
                ("e", "export the memo"),
            ],
        ),
        ("Picker", &[("↑↓ j k", "move"), ("Enter click", "open")]),
        (
            "Form and notes",
            &[
                ("Tab S-Tab", "next / previous field"),
                ("Enter", "new line; adds a use"),
                ("^D", "remove the use"),
                ("Esc", "done"),
            ],
        ),
    ],
    &[
        (
            "Questions",
            &[
                ("↑↓ j k", "highlight an option"),
                ("Enter", "choose, next question"),
                ("Space click", "choose, stay"),
                ("x Del", "clear the answer"),
                ("Tab → l", "next question"),
                ("S-Tab ← h", "previous question"),
                ("1 2 3 4", "go to a factor"),
                ("5", "summary"),
                ("u U", "next / previous use"),
                ("n", "note on this question"),
                ("J K", "scroll the rationale"),
                ("f", "edit facts and uses"),
            ],
        ),
        (
            "Memo preview",
            &[("↑↓ PgUp PgDn", "scroll"), ("g G", "top / end")],
        ),
    ],
];

fn help_lines(app: &App, sections: &[Section]) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines = Vec::new();
    for (section, keys) in sections {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(*section, t.bold())));
        for (key, what) in *keys {
            lines.push(Line::from(vec![
                Span::styled(format!(" {key:<13}"), t.key()),
                Span::raw(*what),
            ]));
        }
    }
    lines
}

fn help(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let left = help_lines(app, HELP[0]);
    let right = help_lines(app, HELP[1]);
    let rows = left.len().max(right.len()) as u16 + 4;
    let rect = centered(area, 80, rows);
    frame.render_widget(Clear, rect);
    let block = super::pane(t)
        .title(Span::styled(" Keys ", t.title()))
        .title_bottom(Line::from(" Esc or ? closes ").right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let half = inner.width / 2;
    let body = inner.height.saturating_sub(2);
    frame.render_widget(
        Paragraph::new(left),
        Rect::new(inner.x + 1, inner.y, half.saturating_sub(1), body),
    );
    frame.render_widget(
        Paragraph::new(right),
        Rect::new(inner.x + half, inner.y, inner.width - half, body),
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            " Answers are saved after every change. Going back keeps later answers.",
            t.dim(),
        )),
        Rect::new(
            inner.x,
            inner.y + inner.height.saturating_sub(1),
            inner.width,
            1,
        ),
    );
}

fn memo(app: &App, frame: &mut Frame, area: Rect, text: &str, scroll: usize) {
    let t = app.theme;
    let rect = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, rect);
    let inner_w = usize::from(rect.width.saturating_sub(4));
    let lines = wrap(text, inner_w);
    let height = usize::from(rect.height.saturating_sub(2));
    app.scroll_limit.set(lines.len().saturating_sub(height));
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let last = (scroll + height).min(lines.len());
    let block = super::pane(t)
        .title(Span::styled(
            format!(" Memo preview, dated {} ", app.today),
            t.title(),
        ))
        .title_bottom(
            Line::from(format!(
                " lines {}-{last} of {} · e export · Esc close ",
                scroll + 1,
                lines.len()
            ))
            .right_aligned(),
        );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
