//! Drawing: `render` reads the `App` and draws one frame; it changes nothing.
//!
//! Every screen shares one frame: a header, a tab row, the body, a score
//! strip and a status bar. Layout functions are shared with [`hit`], so a
//! mouse click lands on what was drawn.

mod form;
mod overlay;
mod picker;
mod summary;
pub mod text;
mod walk;

use super::app::{App, Screen, MIN_SIZE};
use super::save::SaveState;
use crate::report::signed;
use ratatui::layout::{Alignment, Rect};
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
}

pub fn areas(area: Rect) -> Areas {
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    let h = area.height;
    Areas {
        header: row(0),
        tabs: row(1),
        body: Rect::new(area.x, area.y + 2, area.width, h.saturating_sub(4)),
        scores: row(h.saturating_sub(2)),
        status: row(h.saturating_sub(1)),
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
    match app.screen {
        Screen::Picker => picker::render(app, frame, areas.body),
        Screen::Editor => form::render(app, frame, areas.body),
        Screen::Walk => {
            tabs(app, frame, areas.tabs);
            walk::render(app, frame, areas.body);
        }
        Screen::Summary => {
            tabs(app, frame, areas.tabs);
            summary::render(app, frame, areas.body);
        }
    }
    if app.doc.is_some() && app.screen != Screen::Picker {
        scores(app, frame, areas.scores);
    }
    status(app, frame, areas.status);
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
    let y = area.y + area.height.saturating_sub(3) / 2;
    let rect = Rect::new(area.x, y, area.width, area.height.min(3));
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
    match (&app.doc, app.screen) {
        (Some(doc), screen) if screen != Screen::Picker => {
            let title = if doc.case.title.is_empty() {
                "(untitled scenario)".to_string()
            } else {
                doc.case.title.clone()
            };
            let uses = doc.case.uses.len();
            let room = usize::from(area.width).saturating_sub(12);
            let use_part = app
                .current_use()
                .filter(|_| screen != Screen::Editor)
                .map(|u| {
                    let name = if u.title.is_empty() {
                        "(untitled use)"
                    } else {
                        &u.title
                    };
                    format!(" │ use {} of {uses}: {name}", doc.use_ix + 1)
                })
                .unwrap_or_default();
            // The use matters as much as the case: each gets at least half.
            let use_w = use_part.chars().count().min(room / 2);
            let title_w = title.chars().count().min(room - use_w);
            let use_w = room - title_w;
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(text::truncate(&title, title_w), t.bold()));
            spans.push(Span::raw(text::truncate(&use_part, use_w)));
        }
        _ => spans.push(Span::raw("│ fair-use walkthrough, 17 U.S.C. § 107")),
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
pub fn tab_labels(app: &App) -> Vec<String> {
    let mut labels: Vec<String> = app
        .rubric()
        .factors
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (done, all) = app.progress(i);
            format!("{} {done}/{all}", factor_tab_name(f.id))
        })
        .collect();
    labels.push("5 Summary".into());
    labels
}

/// Where each tab is drawn, for clicks.
pub fn tab_rects(app: &App, area: Rect) -> Vec<(Rect, usize)> {
    let mut x = area.x + 1;
    let mut out = Vec::new();
    for (i, label) in tab_labels(app).iter().enumerate() {
        let w = label.chars().count() as u16 + 2;
        out.push((Rect::new(x, area.y, w, 1), i));
        x += w + 1;
    }
    out
}

fn tabs(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let current = match (app.screen, &app.doc) {
        (Screen::Summary, _) => 4,
        (_, Some(doc)) => doc.factor,
        _ => usize::MAX,
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, label) in tab_labels(app).into_iter().enumerate() {
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

/// The live scores: each factor, then the conclusion and its confidence.
fn scores(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(analysis) = app.current_analysis() else {
        frame.render_widget(
            Paragraph::new(Span::styled(" No uses yet: add one to score it.", t.dim())),
            area,
        );
        return;
    };
    let current = app.doc.as_ref().map_or(usize::MAX, |d| d.factor);
    let mut spans = vec![Span::raw(" ")];
    for (i, f) in analysis.factors.iter().enumerate() {
        let style = if i == current && app.screen == Screen::Walk {
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
        " · confidence {}%",
        (analysis.confidence * 100.0).round() as i64
    )));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let hint = match app.screen {
        Screen::Picker => " Enter open · ? help · q quit ",
        Screen::Editor => " Tab next · Esc done · ^C quit ",
        _ => " ? help · q quit ",
    };
    let width = usize::from(area.width);
    let room = width.saturating_sub(hint.chars().count() + 1);
    let left = if let Some(message) = &app.message {
        text::truncate(&crate::sanitize::line(message), room)
    } else if app.doc.is_none() {
        text::truncate("Choose a case to open, or start a new scenario.", room)
    } else {
        let path = app.save.path.as_ref().map(|p| p.display().to_string());
        match (&app.save.state, path) {
            (SaveState::Saved, Some(p)) => fit_path("Saved to ", &p, room),
            (SaveState::NotYet(why), _) => {
                let edit = if app.screen == Screen::Editor {
                    ""
                } else {
                    " (f to edit)"
                };
                let why = crate::sanitize::line(why);
                text::truncate(&format!("Not saved: {why}{edit}"), room)
            }
            (SaveState::Failed(why), _) => text::truncate(
                &format!("Save failed: {}", crate::sanitize::line(why)),
                room,
            ),
            (SaveState::Idle, Some(p)) => fit_path("Will save to ", &p, room),
            (_, None) => "Not saved yet".into(),
        }
    };
    let left = format!(" {left}");
    let pad = width.saturating_sub(left.chars().count() + hint.chars().count());
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(hint),
    ]);
    frame.render_widget(Paragraph::new(line).style(t.status()), area);
}

/// "Saved to …/end/of/the/path.yaml": the file name is the part to keep.
fn fit_path(prefix: &str, path: &str, room: usize) -> String {
    let path = crate::sanitize::line(path);
    let (p, n) = (prefix.chars().count(), path.chars().count());
    if p + n <= room {
        return format!("{prefix}{path}");
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
    let inside = |r: Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    match app.screen {
        Screen::Picker => picker::hit(app, areas.body, x, y).map(Hit::Picker),
        Screen::Walk | Screen::Summary => {
            if inside(areas.tabs) {
                return tab_rects(app, areas.tabs)
                    .into_iter()
                    .find(|(r, _)| inside(*r))
                    .map(|(_, i)| Hit::Factor(i));
            }
            if app.screen == Screen::Walk {
                walk::hit(app, areas.body, x, y).map(Hit::Option)
            } else {
                None
            }
        }
        Screen::Editor => None,
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
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
