//! What-if: the current answers beside a baseline (the file as opened, or
//! another use): factor directions and the conclusion side by side, then
//! the answers that differ.

use super::text::{truncate, wrap};
use crate::engine::{self, UseAnalysis};
use crate::report::signed;
use crate::tui::app::{effective_answers, App, Baseline, Session};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::BTreeMap;

/// The baseline's name and answers, if it has this use.
fn baseline(
    app: &App,
    s: &Session,
    against: Baseline,
) -> (String, Option<BTreeMap<String, String>>) {
    let rubric = app.rubric();
    match against {
        Baseline::Opened => {
            let id = s.current_use().map(|u| u.id.as_str()).unwrap_or_default();
            let found = s
                .opened
                .uses
                .iter()
                .find(|u| u.id == id && !id.is_empty())
                .map(|u| effective_answers(rubric, &u.answers));
            ("the file as opened".into(), found)
        }
        Baseline::Use(i) => {
            let u = s.case.uses.get(i);
            (
                format!("use {}: {}", i + 1, u.map_or("", |u| u.title.as_str())),
                u.map(|u| effective_answers(rubric, &u.answers)),
            )
        }
    }
}

fn analyse(app: &App, s: &Session, answers: &BTreeMap<String, String>) -> Option<UseAnalysis> {
    let mut u = s.current_use()?.clone();
    u.answers = answers.clone();
    Some(engine::analyse_use(app.rubric(), &u))
}

pub fn render(app: &App, s: &Session, against: Baseline, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let rubric = app.rubric();
    let (name, base) = baseline(app, s, against);
    let block = super::pane(t).title(Span::styled(
        truncate(
            &format!(" What-if: this use now against {name} "),
            usize::from(area.width.saturating_sub(4)),
        ),
        t.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(20);
    let (Some(now), Some(u)) = (s.current_analysis(), s.current_use()) else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    let Some(base_answers) = base else {
        lines.push(Line::from(
            "The file as opened has no use with this id (it was added here): w compares with another use.",
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let Some(then) = analyse(app, s, &base_answers) else {
        return;
    };
    let col = (width.saturating_sub(14) / 2).clamp(16, 40);
    lines.push(Line::from(Span::styled(
        format!(
            "{:<12}  {:<col$}  {:<col$}",
            "",
            truncate(&name, col),
            "now"
        ),
        t.dim(),
    )));
    for (b, n) in then.factors.iter().zip(&now.factors) {
        let cell = |f: &crate::engine::FactorScore| {
            truncate(&format!("{} {}", signed(f.score), f.label.describe()), col)
        };
        let changed = if b.label != n.label { "  ←" } else { "" };
        lines.push(Line::from(vec![
            Span::raw(format!("{:<12}  ", super::factor_tab_name(n.factor))),
            Span::styled(format!("{:<col$}  ", cell(b)), t.score(b.score)),
            Span::styled(cell(n), t.score(n.score)),
            Span::raw(changed),
        ]));
    }
    let conclusion = |a: &UseAnalysis| {
        truncate(
            &format!("{} ({})", a.conclusion.describe(), signed(a.score)),
            col,
        )
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{:<12}  ", "Conclusion"), t.bold()),
        Span::styled(
            format!("{:<col$}  ", conclusion(&then)),
            t.score(then.score),
        ),
        Span::styled(
            conclusion(now),
            t.score(now.score)
                .add_modifier(ratatui::style::Modifier::BOLD),
        ),
    ]));
    lines.push(Line::from(""));
    let current = effective_answers(rubric, &u.answers);
    let mut changes = Vec::new();
    for (_, q) in rubric.questions() {
        let (a, b) = (base_answers.get(&q.id), current.get(&q.id));
        if a != b {
            let label = |x: Option<&String>| {
                x.and_then(|id| q.option(id))
                    .map_or("unanswered".to_string(), |o| o.label.clone())
            };
            changes.push(format!(
                "• {}: \"{}\" → \"{}\"",
                q.prompt,
                label(a),
                label(b)
            ));
        }
    }
    if changes.is_empty() {
        lines.push(Line::from(Span::styled("No answer differs.", t.bold())));
    } else {
        lines.push(Line::from(Span::styled(
            format!("Answers that differ ({}):", changes.len()),
            t.bold(),
        )));
        for c in changes {
            for (n, l) in wrap(&c, width.saturating_sub(2)).into_iter().enumerate() {
                let pad = if n == 0 { "" } else { "  " };
                lines.push(Line::from(Span::styled(format!("{pad}{l}"), Style::new())));
            }
        }
    }
    let height = usize::from(inner.height);
    app.scroll_limit.set(lines.len().saturating_sub(height));
    let scroll = s.scroll.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
