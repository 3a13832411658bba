//! The walkthrough: the current question and its options, the highlighted
//! option's rationale and authorities beside them, and (when wide) the
//! factor's questions in a list.

use super::text::{truncate, wrap};
use crate::model::Question;
use crate::report::signed;
use crate::tui::app::{App, Session};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

struct Panes {
    list: Option<Rect>,
    options: Rect,
    detail: Rect,
}

/// The option rows as drawn: the lines, and for each the option it belongs to.
struct OptionRows {
    lines: Vec<Line<'static>>,
    owners: Vec<Option<usize>>,
    /// Options are cut off above or below.
    more: bool,
}

fn inner(r: Rect) -> Rect {
    super::pane(crate::tui::Theme::plain()).inner(r)
}

fn layout(app: &App, s: &Session, area: Rect) -> Panes {
    let (list, rest) = if area.width >= 150 {
        let w = (area.width / 4).clamp(36, 48);
        let [list, rest] =
            Layout::horizontal([Constraint::Length(w), Constraint::Fill(1)]).areas(area);
        (Some(list), rest)
    } else {
        (None, area)
    };
    if rest.width >= 88 {
        let [options, detail] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(rest);
        return Panes {
            list,
            options,
            detail,
        };
    }
    let needed = s.current_question(app.rubric()).map_or(3, |q| {
        let width = inner(Rect::new(0, 0, rest.width, 3)).width;
        let rows = option_rows(app, s, q, width, u16::MAX);
        rows.lines.len() as u16 + 2
    });
    let h = needed.min(rest.height.saturating_sub(6)).max(5);
    let [options, detail] =
        Layout::vertical([Constraint::Length(h), Constraint::Fill(1)]).areas(rest);
    Panes {
        list,
        options,
        detail,
    }
}

/// The prompt, then the options; the options scroll so the highlighted one shows.
fn option_rows(app: &App, doc: &Session, q: &Question, width: u16, height: u16) -> OptionRows {
    let t = app.theme;
    let width = usize::from(width).max(10);
    let answer = doc.current_use().and_then(|u| u.answers.get(&q.id));
    let mut head: Vec<Line> = wrap(&q.prompt, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, t.bold())))
        .collect();
    head.push(Line::from(""));
    let mut body = Vec::new();
    let mut owners = Vec::new();
    let mut spans = Vec::new();
    for (i, o) in q.options.iter().enumerate() {
        let start = body.len();
        let chosen = answer == Some(&o.id);
        let highlighted = i == doc.highlight;
        let mark = match (highlighted, chosen) {
            (true, true) => "› (•) ",
            (true, false) => "› ( ) ",
            (false, true) => "  (•) ",
            (false, false) => "  ( ) ",
        };
        let style = if highlighted {
            t.selected()
        } else {
            Style::new()
        };
        for (n, l) in wrap(&o.label, width.saturating_sub(6))
            .into_iter()
            .enumerate()
        {
            let prefix = if n == 0 { mark } else { "      " };
            body.push(Line::from(Span::styled(format!("{prefix}{l}"), style)));
            owners.push(Some(i));
        }
        spans.push((start, body.len()));
    }
    let height = usize::from(height);
    let head_rows = head.len().min(height / 2);
    head.truncate(head_rows);
    let room = height.saturating_sub(head_rows);
    // Scroll by whole options, just far enough to show the highlighted one.
    let mut offset = 0;
    if let Some(&(start, end)) = spans.get(doc.highlight) {
        if end > room {
            offset = spans
                .iter()
                .map(|&(s, _)| s)
                .find(|&s| end - s <= room)
                .unwrap_or(start);
        }
    }
    let more = offset > 0 || body.len() > offset + room;
    let mut lines = head;
    let mut all_owners = vec![None; lines.len()];
    lines.extend(body.into_iter().skip(offset).take(room));
    all_owners.extend(owners.into_iter().skip(offset).take(room));
    OptionRows {
        lines,
        owners: all_owners,
        more,
    }
}

/// The option under a click, if any.
pub fn hit(app: &App, s: &Session, area: Rect, at: Position) -> Option<usize> {
    let q = s.current_question(app.rubric())?;
    let l = layout(app, s, area);
    let r = inner(l.options);
    if !r.contains(at) {
        return None;
    }
    let rows = option_rows(app, s, q, r.width, r.height);
    rows.owners.get(usize::from(at.y - r.y)).copied().flatten()
}

pub fn render(app: &App, doc: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let rubric = app.rubric();
    let l = layout(app, doc, area);
    let factor = &rubric.factors[doc.factor];
    let score = doc.current_analysis().map(|a| &a.factors[doc.factor]);
    let mut title = format!(" Factor {}: {} ", factor.id.number(), factor.name);
    if let Some(s) = score {
        title.push_str(&format!("· {} {} ", signed(s.score), s.label.describe()));
    }
    let list = doc.applicable(rubric, doc.factor);
    let (answered, all) = doc.total_progress(rubric);
    let position = doc
        .question
        .and_then(|q| list.iter().position(|&i| i == q))
        .map_or(String::new(), |p| {
            format!("question {} of {} · ", p + 1, list.len())
        });
    let progress = format!(" {position}{answered} of {all} answered ");
    let block = super::pane(t)
        .title(Span::styled(
            truncate(&title, usize::from(l.options.width.saturating_sub(2))),
            t.title(),
        ))
        .title_bottom(Line::from(progress).right_aligned());
    let inner_options = block.inner(l.options);
    frame.render_widget(block, l.options);
    if let Some(list_area) = l.list {
        question_list(app, doc, frame, list_area, &list);
    }
    let Some(q) = doc.current_question(rubric) else {
        let text = if factor.questions.is_empty() {
            "The rubric asks no question under this factor."
        } else {
            "No question under this factor applies to this use."
        };
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(text),
                Line::from(""),
                Line::from("Tab moves on; 5 shows the summary."),
            ]),
            inner_options,
        );
        frame.render_widget(super::pane(t), l.detail);
        return;
    };
    let rows = option_rows(app, doc, q, inner_options.width, inner_options.height);
    if rows.more {
        let hint = " ↑↓ more options ";
        let r = Rect::new(l.options.x + 2, l.options.y + l.options.height - 1, 18, 1);
        frame.render_widget(Paragraph::new(Span::styled(hint, t.dim())), r);
    }
    frame.render_widget(Paragraph::new(rows.lines), inner_options);
    detail(app, doc, frame, l.detail, q);
}

fn question_list(app: &App, doc: &Session, frame: &mut Frame, area: Rect, list: &[usize]) {
    let t = app.theme;
    let factor = &app.rubric().factors[doc.factor];
    let block = super::pane(t).title(Span::styled(" Questions ", t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let answers = doc.current_use().map(|u| &u.answers);
    let width = usize::from(inner.width);
    let current = doc.question.and_then(|q| list.iter().position(|&i| i == q));
    let height = usize::from(inner.height);
    let offset = current.map_or(0, |c| (c + 1).saturating_sub(height));
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &i)| {
            let q = &factor.questions[i];
            let done = answers.is_some_and(|a| a.contains_key(&q.id));
            let mark = if done { "✓ " } else { "· " };
            let text = truncate(&format!("{mark}{}", q.prompt), width);
            let style = if Some(n) == current {
                t.selected()
            } else if done {
                Style::new()
            } else {
                t.dim()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The highlighted option's rationale, lean and authorities; the note; the help.
fn detail(app: &App, doc: &Session, frame: &mut Frame, area: Rect, q: &Question) {
    let t = app.theme;
    let block = super::pane(t).title(Span::styled(" Why this answer ", t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(10);
    let mut lines: Vec<Line> = Vec::new();
    let warnings: Vec<_> = doc
        .warnings(app.rubric())
        .into_iter()
        .filter(|w| w.question == q.id)
        .collect();
    let push_wrapped = |lines: &mut Vec<Line>, text: &str, style: Style, indent: &str| {
        for (n, l) in wrap(text, width.saturating_sub(indent.len()))
            .into_iter()
            .enumerate()
        {
            let pad = if n == 0 { "" } else { indent };
            lines.push(Line::from(Span::styled(format!("{pad}{l}"), style)));
        }
    };
    for w in &warnings {
        push_wrapped(&mut lines, &format!("⚠ {}", w.message), t.warning(), "  ");
        push_wrapped(&mut lines, &format!("  Fix: {}", w.fix), t.warning(), "  ");
        lines.push(Line::from(""));
    }
    if let Some(o) = q.options.get(doc.highlight) {
        push_wrapped(&mut lines, &o.rationale, Style::new(), "");
        lines.push(Line::from(""));
        let lean = match o.lean {
            Some(l) if l > 0 => format!("Lean {l:+} (toward fair use)"),
            Some(l) if l < 0 => format!("Lean {l:+} (against fair use)"),
            Some(_) => "Lean 0 (neutral)".into(),
            None => "Context only: this answer is not scored".into(),
        };
        push_wrapped(
            &mut lines,
            &lean,
            t.score(f64::from(o.lean.unwrap_or(0)) / 2.0),
            "",
        );
        if !o.authorities.is_empty() {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled("Authorities", t.bold())));
            for id in &o.authorities {
                let cite = app
                    .library
                    .authorities
                    .get(id)
                    .map_or_else(|| id.clone(), |a| a.citation.clone());
                push_wrapped(&mut lines, &format!("• {cite}"), Style::new(), "  ");
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Your note (n to edit)", t.bold())));
    match doc.current_use().and_then(|u| u.notes.get(&q.id)) {
        Some(note) => push_wrapped(&mut lines, note, Style::new(), ""),
        None => lines.push(Line::from(Span::styled("none", t.dim()))),
    }
    if !q.help.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("About this question", t.bold())));
        push_wrapped(&mut lines, &q.help, Style::new(), "");
    }
    let height = usize::from(inner.height);
    let max = lines.len().saturating_sub(height);
    app.scroll_limit.set(max);
    let scroll = doc.scroll.min(max);
    let more = lines.len() > height + scroll;
    let lines: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if more || scroll > 0 {
        let hint = if more {
            " J/PgDn more ↓ "
        } else {
            " K/PgUp ↑ "
        };
        let w = hint.chars().count() as u16;
        if area.width > w + 2 {
            let r = Rect::new(area.x + area.width - w - 1, area.y + area.height - 1, w, 1);
            frame.render_widget(Paragraph::new(Span::styled(hint, t.dim())), r);
        }
    }
}
