//! The summary: factor scores as bars, the conclusion and how much of it rests on established facts, the
//! pivotal facts, and the court's findings beside the tool's.

use super::text::wrap;
use crate::engine::UseAnalysis;
use crate::report::signed;
use crate::tui::app::{App, Session};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(app: &App, doc: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(analysis) = doc.current_analysis() else {
        return;
    };
    let uses = doc.case.uses.len();
    let title = if uses > 1 {
        format!(
            " Summary of use {} of {uses} (u: next use) ",
            doc.use_ix + 1
        )
    } else {
        " Summary ".to_string()
    };
    let block = super::pane(t)
        .title(Span::styled(title, t.title()))
        .title_bottom(
            Line::from(" Enter review every answer · w what-if · m memo preview · e export ")
                .left_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = lines(app, doc, analysis, usize::from(inner.width));
    let height = usize::from(inner.height);
    app.scroll_limit.set(lines.len().saturating_sub(height));
    let scroll = doc.scroll.min(lines.len().saturating_sub(height));
    let more = lines.len() > scroll + height;
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if more {
        let hint = " j/↓ more ";
        let r = Rect::new(area.x + area.width - 11, area.y + area.height - 1, 10, 1);
        frame.render_widget(Paragraph::new(Span::styled(hint, t.dim())), r);
    }
}

fn lines(app: &App, doc: &Session, a: &UseAnalysis, width: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let rubric = app.rubric();
    let mut out: Vec<Line> = Vec::new();
    let wrapped = |out: &mut Vec<Line>, text: &str, style: Style, indent: usize| {
        for (n, l) in wrap(text, width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let pad = if n == 0 {
                String::new()
            } else {
                " ".repeat(indent)
            };
            out.push(Line::from(Span::styled(format!("{pad}{l}"), style)));
        }
    };
    // Bars: name, then a bar from the center line, then the score in words.
    let name_w = 12;
    let words_w = 36;
    let half = (width.saturating_sub(name_w + words_w + 3) / 2).clamp(5, 20);
    out.push(Line::from(vec![
        Span::raw(format!("{:name_w$} ", "")),
        Span::styled(format!("{:<half$}│{:>half$}", "against", "for"), t.dim()),
    ]));
    for f in &a.factors {
        let mut label = super::factor_tab_name(f.factor);
        label.truncate(name_w);
        let n = ((f.score.abs() * half as f64).round() as usize).min(half);
        let (left, right) = if f.score < 0.0 {
            (
                format!("{}{}", " ".repeat(half - n), "█".repeat(n)),
                " ".repeat(half),
            )
        } else {
            (
                " ".repeat(half),
                format!("{}{}", "█".repeat(n), " ".repeat(half - n)),
            )
        };
        let style = t.score(f.score);
        out.push(Line::from(vec![
            Span::raw(format!("{label:name_w$} ")),
            Span::styled(left, style),
            Span::raw("│"),
            Span::styled(right, style),
            Span::styled(
                format!(" {} {}", signed(f.score), f.label.describe()),
                style,
            ),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(vec![
        Span::styled("Conclusion: ", t.bold()),
        Span::styled(
            format!("{} (score {})", a.conclusion.describe(), signed(a.score)),
            t.score(a.score)
                .add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::raw(format!(
            " · answered {}%",
            (a.confidence * 100.0).round() as i64
        )),
    ]));
    // The legal views the answers engage: where courts split, the result on each side.
    for e in &a.views.engaged {
        let Some(view) = rubric.views.iter().find(|v| v.id == e.view) else {
            continue;
        };
        let sides: Vec<String> = e
            .sides
            .iter()
            .filter_map(|r| {
                let side = view.sides.iter().find(|s| s.id == r.side)?;
                Some(format!(
                    "{}: {}",
                    side.label,
                    r.conclusion
                        .map_or("not weighed (pinned)", |c| c.describe())
                ))
            })
            .collect();
        let verdict = if a.views.turns_on.contains(&e.view) {
            "the conclusion turns on it"
        } else {
            "the conclusion holds on every side"
        };
        wrapped(
            &mut out,
            &format!("Split: {}; {}. {}.", view.point, verdict, sides.join("; ")),
            Style::default(),
            0,
        );
    }
    // The closest decided cases on their facts, as analogies to look at.
    if !a.nearest.is_empty() {
        let cases: Vec<String> = a
            .nearest
            .iter()
            .map(|n| {
                let held = n.holding.describe();
                format!("{} ({held})", n.citation)
            })
            .collect();
        wrapped(
            &mut out,
            &format!("Nearest decided cases: {}.", cases.join("; ")),
            Style::default(),
            0,
        );
    }
    let (answered, all) = doc.total_progress(rubric);
    let rest = if answered < all {
        " N goes to the next unanswered one."
    } else {
        ""
    };
    out.push(Line::from(format!(
        "{answered} of {all} applicable questions answered.{rest}"
    )));
    let warnings = doc.warnings(rubric);
    if !warnings.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            format!("To check before relying on this ({}):", warnings.len()),
            t.warning(),
        )));
        for w in &warnings {
            wrapped(
                &mut out,
                &format!("⚠ {} Fix: {}.", w.message, w.fix),
                t.warning(),
                2,
            );
        }
    }
    if let Some(court) = &a.court {
        out.push(Line::from(""));
        let who = app
            .library
            .authorities
            .get(&court.authority)
            .map_or_else(|| court.authority.clone(), |x| x.name.clone());
        let holding = court.holding.describe();
        let agree = if court.conclusion_agrees {
            "this analysis agrees"
        } else {
            "this analysis differs"
        };
        wrapped(
            &mut out,
            &format!("The court ({who}) held: {holding}; {agree}."),
            t.bold(),
            2,
        );
        out.push(Line::from(Span::styled(
            format!("  {:<12} {:<20} {:<20}", "Factor", "Court", "This analysis"),
            t.dim(),
        )));
        for c in &court.factors {
            let mark = if c.agrees { "" } else { "  (differs)" };
            out.push(Line::from(format!(
                "  {:<12} {:<20} {:<20}{mark}",
                super::factor_tab_name(c.factor),
                c.court.describe(),
                c.tool.describe()
            )));
        }
        if let Some(note) = doc
            .current_use()
            .and_then(|u| u.court.as_ref())
            .map(|c| c.note.trim())
            .filter(|n| !n.is_empty())
        {
            wrapped(&mut out, note, t.dim(), 0);
        }
    }
    out.push(Line::from(""));
    if a.pivotal.is_empty() {
        out.push(Line::from(Span::styled(
            "Pivotal facts: no single change of answer would change the conclusion.",
            t.bold(),
        )));
    } else {
        out.push(Line::from(Span::styled(
            "Pivotal facts: each of these single changes would change the conclusion",
            t.bold(),
        )));
        for p in &a.pivotal {
            let Some((_, q)) = rubric.question(&p.question) else {
                continue;
            };
            let label = |id: &str| q.option(id).map_or(id.to_string(), |o| o.label.clone());
            let from = p.from.as_deref().map_or("unanswered".to_string(), label);
            wrapped(
                &mut out,
                &format!(
                    "• {} \"{}\" instead of \"{}\" → {} ({})",
                    q.prompt,
                    label(&p.to),
                    from,
                    p.conclusion.describe(),
                    signed(p.score)
                ),
                Style::new(),
                2,
            );
        }
    }
    out
}
