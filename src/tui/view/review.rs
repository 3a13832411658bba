//! The review: every applicable question of the use, grouped by factor, with
//! the chosen answer and the note; unanswered and open answers marked, and
//! the consistency warnings beside the question they concern.

use super::text::wrap;
use crate::tui::app::{App, Session};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(app: &App, s: &Session, row: usize, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let rubric = app.rubric();
    let Some(u) = s.current_use() else { return };
    let rows = s.review_rows(rubric);
    let (answered, all) = s.total_progress(rubric);
    let block = super::pane(t)
        .title(Span::styled(
            format!(
                " Review of use {} of {}: {answered} of {all} answered ",
                s.use_ix + 1,
                s.case.uses.len()
            ),
            t.title(),
        ))
        .title_bottom(
            Line::from(" ✓ answered · ○ unanswered · ? open · ⚠ to check ").right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(20);
    let warnings = s.warnings(rubric);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_at = 0;
    let mut last_factor = usize::MAX;
    for (i, r) in rows.iter().enumerate() {
        let factor = &rubric.factors[r.factor];
        if r.factor != last_factor {
            if !lines.is_empty() {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(
                format!("Factor {}: {}", factor.id.number(), factor.name),
                t.bold(),
            )));
            last_factor = r.factor;
        }
        let q = &factor.questions[r.question];
        let option = u.answers.get(&q.id).and_then(|a| q.option(a));
        let these: Vec<_> = warnings.iter().filter(|w| w.question == q.id).collect();
        let mark = match option {
            _ if !these.is_empty() => "⚠",
            None => "○",
            Some(o) if o.open => "?",
            Some(_) => "✓",
        };
        let selected = i == row;
        if selected {
            selected_at = lines.len();
        }
        let style = if selected { t.selected() } else { Style::new() };
        for (n, l) in wrap(&q.prompt, width.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            let lead = if n > 0 {
                "    ".to_string()
            } else if selected {
                format!("› {mark} ")
            } else {
                format!("  {mark} ")
            };
            lines.push(Line::from(Span::styled(format!("{lead}{l}"), style)));
        }
        let answer = match option {
            None => Span::styled("unanswered".to_string(), t.warning()),
            Some(o) if o.open => Span::raw(format!("{} (open)", o.label)),
            Some(o) => Span::raw(o.label.clone()),
        };
        let answer_text = answer.content.to_string();
        for (n, l) in wrap(&answer_text, width.saturating_sub(6))
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 { "    → " } else { "      " };
            lines.push(Line::from(Span::styled(format!("{lead}{l}"), answer.style)));
        }
        if let Some(note) = u.notes.get(&q.id) {
            for l in wrap(&format!("note: {note}"), width.saturating_sub(6)) {
                lines.push(Line::from(Span::styled(format!("      {l}"), t.dim())));
            }
        }
        for w in these {
            for l in wrap(
                &format!("⚠ {}. Fix: {}.", w.message, w.fix),
                width.saturating_sub(6),
            ) {
                lines.push(Line::from(Span::styled(format!("      {l}"), t.warning())));
            }
        }
    }
    if rows.is_empty() {
        lines.push(Line::from("No question of the rubric applies to this use."));
    }
    let height = usize::from(inner.height);
    // Keep the highlighted question in view, with a little context above.
    let offset = selected_at
        .saturating_sub(height / 3)
        .min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
