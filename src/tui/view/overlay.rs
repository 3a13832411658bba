//! Overlays drawn over a screen: help, the memo preview, the export prompt
//! and the note editor.

use super::text::{field_window, wrap};
use super::{centered, form};
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::keys::{key_name, screen_contexts, Ctx, BINDINGS};
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help(app, frame, area),
        Some(Overlay::Memo { text, scroll }) => memo(app, frame, area, text, *scroll),
        Some(Overlay::Export(prompt)) => {
            let last = if prompt.exists {
                Span::styled(
                    "That file exists: Enter again replaces it, Esc cancels.",
                    app.theme.warning(),
                )
            } else {
                Span::raw("Enter export · Esc cancel")
            };
            path_prompt(
                app,
                frame,
                area,
                " Export the memo ",
                "Write the memo to this file (.md Markdown, .docx Word):",
                &prompt.path,
                last,
            );
        }
        Some(Overlay::Confirm(c)) => dialog(
            app,
            frame,
            area,
            " Are you sure? ",
            &c.question,
            " y yes · n or Esc no ",
        ),
        Some(Overlay::Quit(q)) => {
            let mut text = String::from("Quitting now would lose this:\n");
            for l in &q.lost {
                text.push_str(&format!("• {l}\n"));
            }
            text.push_str("\nEsc or Enter: stay and fix it · d: discard and quit");
            if q.can_save_as {
                text.push_str(" · w: save elsewhere");
            }
            dialog(
                app,
                frame,
                area,
                " Unsaved changes ",
                &text,
                " Esc stay · d discard and quit ",
            );
        }
        Some(Overlay::SaveAs(field)) => path_prompt(
            app,
            frame,
            area,
            " Save elsewhere ",
            "Save the case into this file (from now on):",
            field,
            Span::raw("Enter save · Esc cancel"),
        ),
        Some(Overlay::Problems {
            title,
            lines,
            scroll,
        }) => problems(app, frame, area, title, lines, *scroll),
        Some(Overlay::Note(field)) => {
            let t = app.theme;
            let rect = centered(area, 76, 12);
            frame.render_widget(Clear, rect);
            let prompt = match &app.screen {
                Screen::Case(s) => s.current_question(app.rubric()).map(|q| q.prompt.clone()),
                Screen::Picker(_) => None,
            }
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
            let [top, _, body] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Fill(1),
            ])
            .areas(inner);
            frame.render_widget(Paragraph::new(Span::styled(head, t.dim())), top);
            if let Some(p) = form::multi_line(app, frame, body, field, true) {
                frame.set_cursor_position(p);
            }
        }
    }
}

/// A box asking for a file name: what it is for, the field (underlined, with
/// the cursor in it), and the keys or a warning on the last row.
fn path_prompt(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    ask: &str,
    field: &crate::tui::editor::TextField,
    last: Span,
) {
    let t = app.theme;
    let rect = centered(area, 72, 8);
    frame.render_widget(Clear, rect);
    let block = super::pane(t).title(Span::styled(title, t.title()));
    let inner = block.inner(rect).inner(Margin::new(1, 0));
    frame.render_widget(block, rect);
    let [question, _, line, _, keys] = Layout::vertical([Constraint::Length(1); 5]).areas(inner);
    frame.render_widget(Paragraph::new(ask), question);
    let (shown, col) = field_window(
        &field.text,
        field.cursor,
        usize::from(line.width.saturating_sub(1)),
    );
    let underlined =
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
    frame.render_widget(Paragraph::new(Span::styled(shown, underlined)), line);
    frame.set_cursor_position(Position::new(line.x + col as u16, line.y));
    frame.render_widget(Paragraph::new(last), keys);
}

/// Every problem, a bullet each, in a box as tall as they need; when the
/// screen holds fewer, the box scrolls and says which lines it shows.
fn problems(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    problems: &[String],
    scroll: usize,
) {
    let t = app.theme;
    let width = 70.min(area.width);
    let text: String = problems
        .iter()
        .map(|l| format!("• {}\n", crate::sanitize::line(l)))
        .collect();
    let lines = wrap(text.trim_end(), usize::from(width.saturating_sub(4)));
    let rect = centered(area, width, lines.len() as u16 + 2);
    let height = usize::from(rect.height.saturating_sub(2)).max(1);
    let limit = lines.len().saturating_sub(height);
    app.scroll_limit.set(limit);
    let scroll = scroll.min(limit);
    let last = (scroll + height).min(lines.len());
    let keys = if limit > 0 {
        format!(
            " lines {}-{last} of {} · ↓↑ scroll · Esc close ",
            scroll + 1,
            lines.len()
        )
    } else {
        " Esc close ".to_string()
    };
    frame.render_widget(Clear, rect);
    let block = super::pane(t)
        .border_style(t.warning())
        .title(Span::styled(format!(" {title} "), t.title()))
        .title_bottom(Line::from(keys).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let shown: Vec<Line> = lines[scroll..last]
        .iter()
        .cloned()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A box with a message and the keys that answer it.
fn dialog(app: &App, frame: &mut Frame, area: Rect, title: &str, text: &str, keys: &str) {
    let t = app.theme;
    let width = 70.min(area.width);
    let lines = wrap(text, usize::from(width.saturating_sub(4)));
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = super::pane(t)
        .border_style(t.warning())
        .title(Span::styled(title.to_string(), t.title()))
        .title_bottom(Line::from(keys.to_string()).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn help_lines(app: &App, sections: &[Ctx]) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines = Vec::new();
    for ctx in sections {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(ctx.title(), t.bold())));
        for b in BINDINGS.iter().filter(|b| b.ctx == *ctx) {
            let keys: Vec<String> = b.keys.iter().map(|k| key_name(*k)).collect();
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<11}", keys.join(" ")), t.key()),
                Span::raw(b.what),
            ]));
        }
    }
    lines
}

/// The keys of the screen under the help, from the one table of bindings,
/// in as many columns as it takes.
fn help(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let lines = help_lines(app, &screen_contexts(app));
    let rect = area.inner(Margin::new(1, 1));
    frame.render_widget(Clear, rect);
    let block = super::pane(t)
        .title(Span::styled(" Keys here ", t.title()))
        .title_bottom(
            Line::from(" Esc or ? closes · every change is saved as you go ").right_aligned(),
        );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let height = usize::from(inner.height).max(1);
    let columns: Vec<Vec<Line>> = lines.chunks(height).map(|c| c.to_vec()).collect();
    let n = columns.len().max(1) as u32;
    let areas = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(inner);
    for (column, area) in columns.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(column), *area);
    }
}

fn memo(app: &App, frame: &mut Frame, area: Rect, text: &str, scroll: usize) {
    let t = app.theme;
    let rect = area.inner(Margin::new(1, 1));
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
