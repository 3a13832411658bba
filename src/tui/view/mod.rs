//! Drawing: `render` reads the `App` and draws one frame; it changes nothing.
//!
//! Every screen shares one frame: a header, a tab row, the body, a score
//! strip, a status line and the hint bar. Layout functions are shared with
//! [`hit`], so a mouse click lands on what was drawn.

mod compare;
mod form;
mod overlay;
mod picker;
mod review;
mod summary;
pub mod text;
mod walk;

use super::app::{App, Screen, Session, View, MIN_SIZE};
use super::save::SaveState;
use crate::report::signed;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};
use ratatui::Frame;

/// The parts of the frame every screen shares.
pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub scores: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let [header, tabs, body, scores, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        tabs,
        body,
        scores,
        status,
        hints,
    }
}

/// Draws the whole screen from the state.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return too_small(app, frame, area);
    }
    let areas = areas(area);
    header(app, frame, areas.header);
    match &app.screen {
        Screen::Picker(p) => picker::render(app, p, frame, areas.body),
        Screen::Case(s) => {
            match &s.view {
                View::Form(form) => form::render(app, s, form, frame, areas.body),
                View::Walk => {
                    tabs(app, s, frame, areas.tabs);
                    walk::render(app, s, frame, areas.body);
                }
                View::Summary => {
                    tabs(app, s, frame, areas.tabs);
                    summary::render(app, s, frame, areas.body);
                }
                View::Review { row } => {
                    tabs(app, s, frame, areas.tabs);
                    review::render(app, s, *row, frame, areas.body);
                }
                View::Compare { against } => {
                    tabs(app, s, frame, areas.tabs);
                    compare::render(app, s, *against, frame, areas.body);
                }
            }
            scores(app, s, frame, areas.scores);
        }
    }
    status(app, frame, areas.status);
    hint_bar(app, frame, areas.hints);
    overlay::render(app, frame, area);
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from(Span::styled("Terminal too small", app.theme.warning())),
        Line::from(format!(
            "{}x{}: fairuse needs at least {}x{}.",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
        Line::from("Enlarge the window, or press q to quit."),
    ];
    let [_, rect, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        rect,
    );
}

fn header(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let mut spans = vec![Span::styled(" fairuse ", t.title())];
    match &app.screen {
        Screen::Case(s) => {
            let title = if s.case.title.is_empty() {
                "(untitled scenario)".to_string()
            } else {
                s.case.title.clone()
            };
            let uses = s.case.uses.len();
            let room = usize::from(area.width).saturating_sub(12);
            let use_part = s
                .current_use()
                .filter(|_| !matches!(s.view, View::Form(_)))
                .map(|u| {
                    let name = if u.title.is_empty() {
                        "(untitled use)"
                    } else {
                        &u.title
                    };
                    format!(" │ use {} of {uses}: {name}", s.use_ix + 1)
                })
                .unwrap_or_default();
            // The use matters as much as the case: each gets at least half.
            let use_w = text::width(&use_part).min(room / 2);
            let title_w = text::width(&title).min(room - use_w);
            let use_w = room - title_w;
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(text::truncate(&title, title_w), t.bold()));
            spans.push(Span::raw(text::truncate(&use_part, use_w)));
        }
        Screen::Picker(_) => spans.push(Span::raw("│ fair-use walkthrough, 17 U.S.C. § 107")),
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "1 Purpose": a factor's number and id, as on the tabs.
pub fn factor_tab_name(factor: crate::model::FactorId) -> String {
    let mut name = factor.as_str().to_string();
    name[..1].make_ascii_uppercase();
    format!("{} {name}", factor.number())
}

/// The tab labels: "1 Purpose 3/6", …, "5 Summary".
pub fn tab_labels(app: &App, s: &Session) -> Vec<String> {
    let mut labels: Vec<String> = app
        .rubric()
        .factors
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (done, all) = s.progress(app.rubric(), i);
            format!("{} {done}/{all}", factor_tab_name(f.id))
        })
        .collect();
    labels.push("5 Summary".into());
    labels
}

/// Where each tab is drawn, for clicks.
pub fn tab_rects(app: &App, s: &Session, area: Rect) -> Vec<(Rect, usize)> {
    let labels = tab_labels(app, s);
    let mut constraints: Vec<Constraint> = vec![Constraint::Length(1)];
    for label in &labels {
        constraints.push(Constraint::Length(text::width(label) as u16 + 2));
        constraints.push(Constraint::Length(1));
    }
    let cells = Layout::horizontal(constraints).split(area);
    (0..labels.len()).map(|i| (cells[1 + 2 * i], i)).collect()
}

fn tabs(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let current = match s.view {
        View::Summary | View::Compare { .. } => 4,
        View::Review { .. } => usize::MAX,
        _ => s.factor,
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, label) in tab_labels(app, s).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", t.dim()));
        }
        let style = if i == current {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(format!(" {label} "), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The live scores, or a failed save where the user is looking.
fn scores(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    if let SaveState::Failed(why) = &s.save.state {
        let line = format!(
            " ⚠ NOT SAVED: {} · s retries · q offers to save elsewhere",
            crate::sanitize::line(&why.to_string())
        );
        frame.render_widget(
            Paragraph::new(Span::styled(
                text::truncate(&line, usize::from(area.width)),
                t.warning(),
            )),
            area,
        );
        return;
    }
    let Some(analysis) = s.current_analysis() else {
        frame.render_widget(
            Paragraph::new(Span::styled(" No uses yet: add one to score it.", t.dim())),
            area,
        );
        return;
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, f) in analysis.factors.iter().enumerate() {
        let style = if i == s.factor && matches!(s.view, View::Walk) {
            t.score(f.score)
                .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED)
        } else {
            t.score(f.score)
        };
        spans.push(Span::raw(format!("{}:", i + 1)));
        spans.push(Span::styled(signed(f.score), style));
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled("│ ", t.dim()));
    spans.push(Span::styled(
        format!(
            "{} {}",
            analysis.conclusion.describe(),
            signed(analysis.score)
        ),
        t.score(analysis.score)
            .add_modifier(ratatui::style::Modifier::BOLD),
    ));
    spans.push(Span::raw(format!(
        " · answered {}%",
        (analysis.confidence * 100.0).round() as i64
    )));
    let warnings = s.warnings(app.rubric()).len();
    if warnings > 0 {
        spans.push(Span::styled(
            format!(" · ⚠ {warnings} to check (r)"),
            t.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line: a message, or where and whether the work is saved.
fn status(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let room = usize::from(area.width).saturating_sub(1);
    let left = if let Some(message) = &app.message {
        text::truncate(&crate::sanitize::line(message), room)
    } else {
        match &app.screen {
            Screen::Picker(_) => text::truncate(
                "Choose a save file to carry on, a bundled case, or a new scenario.",
                room,
            ),
            Screen::Case(s) => {
                let path = s.save.path.as_ref().map(|p| p.display().to_string());
                match (&s.save.state, path) {
                    (SaveState::Saved, Some(p)) if s.save.resumed => {
                        fit_path("Saving into ", &p, " (the file you opened)", room)
                    }
                    (SaveState::Saved, Some(p)) => fit_path("Saved to ", &p, "", room),
                    (SaveState::NotYet(why), _) => {
                        let edit = if matches!(s.view, View::Form(_)) {
                            ""
                        } else {
                            " (f to edit)"
                        };
                        // The first problem; the memo key (not typed in
                        // the form) lists them all.
                        let problems = why.problems();
                        let first = crate::sanitize::line(&problems[0].to_string());
                        let more = match (problems.len(), edit.is_empty()) {
                            (1, _) => String::new(),
                            (n, true) => format!(" (and {} more)", n - 1),
                            (n, false) => format!(" (and {} more: m lists them)", n - 1),
                        };
                        text::truncate(&format!("Not saved yet: {first}{more}{edit}"), room)
                    }
                    (SaveState::Failed(why), _) => text::truncate(
                        &format!("Save failed: {}", crate::sanitize::line(&why.to_string())),
                        room,
                    ),
                    (SaveState::Idle, Some(p)) if s.save.resumed => {
                        fit_path("Resumed: changes are saved into ", &p, "", room)
                    }
                    (SaveState::Idle, Some(p)) => fit_path("Will save to ", &p, "", room),
                    (_, None) => "Not saved yet".into(),
                }
            }
        }
    };
    let style = match &app.screen {
        Screen::Case(s) if matches!(s.save.state, SaveState::Failed(_)) => t.warning(),
        _ => t.status(),
    };
    frame.render_widget(Paragraph::new(format!(" {left}")).style(style), area);
}

/// The keys that do something here, from the one table of bindings.
fn hint_bar(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let width = usize::from(area.width);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, name) in super::keys::hints(app) {
        let w = text::width(&key) + 1 + text::width(name) + 3;
        if used + w > width {
            break;
        }
        if used > 1 {
            spans.push(Span::styled(" · ", t.dim()));
        }
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {name}")));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "Saved to …/end/of/the/path.yaml": the file name is the part to keep.
fn fit_path(prefix: &str, path: &str, suffix: &str, room: usize) -> String {
    let path = crate::sanitize::line(path);
    let (p, n, x) = (
        text::width(prefix),
        path.chars().count(),
        text::width(suffix),
    );
    if p + n + x <= room {
        return format!("{prefix}{path}{suffix}");
    }
    let keep = room.saturating_sub(p + 1);
    let tail: String = path.chars().skip(n - keep.min(n)).collect();
    format!("{prefix}…{tail}")
}

/// What a mouse click at (x, y) landed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// An option of the current question.
    Option(usize),
    /// A factor tab (4 is the summary).
    Factor(usize),
    /// A row of the picker.
    Picker(usize),
}

pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<Hit> {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return None;
    }
    let areas = areas(area);
    let at = Position::new(x, y);
    match &app.screen {
        Screen::Picker(p) => picker::hit(p, areas.body, at).map(Hit::Picker),
        Screen::Case(s) => {
            if matches!(s.view, View::Form(_)) {
                return None;
            }
            if areas.tabs.contains(at) {
                return tab_rects(app, s, areas.tabs)
                    .into_iter()
                    .find(|(r, _)| r.contains(at))
                    .map(|(_, i)| Hit::Factor(i));
            }
            match s.view {
                View::Walk => walk::hit(app, s, areas.body, at).map(Hit::Option),
                _ => None,
            }
        }
    }
}

/// A bordered pane with a column of padding on each side.
pub fn pane(t: super::Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .padding(Padding::horizontal(1))
}

/// A centered rectangle of at most the given size.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height.min(area.height)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width.min(area.width)),
        Constraint::Fill(1),
    ])
    .areas(row);
    rect
}
