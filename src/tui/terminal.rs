//! Terminal I/O: raw mode and the alternate screen, the event loop (which
//! carries out the actions the state asks for), signals and the panic hook.
//!
//! Input arrives on one channel from two threads: one blocked in
//! `crossterm::event::read`, one blocked waiting for SIGTERM, SIGHUP, SIGINT
//! or SIGQUIT. The loop blocks on that channel, so an idle walkthrough uses
//! no CPU. The loop itself is generic over the ratatui `Backend`, so tests
//! drive it with `TestBackend`.

use super::app::{Action, App, ExportError, Overlay, SaveStatus, Screen};
use super::save::{SaveState, Saver};
use super::view;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::Terminal;
use std::io::{stdout, Stdout};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};

/// What the loop waits for.
#[derive(Debug)]
pub enum Input {
    Term(Event),
    /// A signal number (SIGTERM, SIGHUP, SIGINT or SIGQUIT).
    Signal(i32),
    /// Reading the terminal failed (for instance, it was closed).
    Closed,
}

/// Why the loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    Closed,
}

/// Leaves raw mode and the alternate screen. Safe to call more than once.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal when dropped, on every way out of `run`.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        super::save::flush_pending();
        restore();
        previous(info);
    }));
}

/// Starts the signal thread; it feeds the loop's channel.
fn spawn_signals(tx: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Input::Signal(signal)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Starts the input thread. It must start after the terminal is set up:
/// while it waits in `event::read`, crossterm cannot answer a cursor query.
fn spawn_input(tx: Sender<Input>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || loop {
            // Blocks until an event arrives: no polling, no timeout.
            let input = match event::read() {
                Ok(e) => Input::Term(e),
                Err(_) => Input::Closed,
            };
            let closed = matches!(input, Input::Closed);
            if tx.send(input).is_err() || closed {
                break;
            }
        })?;
    Ok(())
}

/// Runs the walkthrough in the real terminal until the user quits or a
/// signal arrives; the terminal is restored on every path out.
pub fn run_in_terminal(
    mut app: App,
    mut saver: Saver,
    folder: &Path,
) -> anyhow::Result<(Exit, Saver)> {
    let (tx, inputs) = mpsc::channel();
    // Signals first: a SIGTERM during setup is then queued, not fatal.
    spawn_signals(tx.clone())?;
    install_panic_hook();
    enable_raw_mode()?;
    let guard = Guard;
    execute!(
        stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(stdout()))?;
    // Start crossterm's event source here, before the first frame: it is
    // what catches SIGWINCH, so a resize right after start is not missed.
    let _ = event::poll(std::time::Duration::ZERO);
    spawn_input(tx)?;
    let exit = run_loop(&mut terminal, &mut app, &mut saver, folder, inputs.iter())?;
    drop(guard);
    Ok((exit, saver))
}

/// The event loop: draw, wait for one input, update, carry out the action.
/// `folder` is where new save files go and where the picker looks for them.
pub fn run_loop<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    saver: &mut Saver,
    folder: &Path,
    inputs: impl IntoIterator<Item = Input>,
) -> anyhow::Result<Exit>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let mut inputs = inputs.into_iter();
    loop {
        show_save(app, saver);
        terminal.draw(|frame| view::render(app, frame))?;
        let action = loop {
            let action = match inputs.next() {
                None | Some(Input::Closed) => {
                    finish(app, saver);
                    return Ok(Exit::Closed);
                }
                Some(Input::Signal(s)) => {
                    finish(app, saver);
                    return Ok(Exit::Signal(s));
                }
                Some(Input::Term(Event::Key(key))) => {
                    test_panic(key);
                    app.handle_key(key)
                }
                Some(Input::Term(Event::Mouse(mouse))) => app.handle_mouse(mouse),
                Some(Input::Term(Event::Paste(text))) => app.handle_paste(&text),
                Some(Input::Term(Event::Resize(w, h))) => {
                    app.size = (w, h);
                    terminal.autoresize()?;
                    Action::None
                }
                // Focus changes need no redraw.
                Some(Input::Term(_)) => continue,
            };
            break action;
        };
        match action {
            Action::None => {}
            Action::Changed => save(app, saver),
            Action::Save => {
                save(app, saver);
                if saver.state == SaveState::Saved {
                    if let Some(path) = saver.path("") {
                        app.message = Some(format!("Saved to {}", path.display()));
                    }
                }
            }
            Action::SaveAs(path) => {
                saver.retarget(&path);
                save(app, saver);
                if saver.state == SaveState::Saved {
                    app.message = Some(format!(
                        "Saved to {}; later changes go there too.",
                        path.display()
                    ));
                }
            }
            Action::Export { path, replace } => export(app, path, replace),
            Action::Quit => {
                finish(app, saver);
                return Ok(Exit::Quit);
            }
            Action::QuitDiscard => return Ok(Exit::Quit),
            Action::Open(opening) => match super::open(app, opening, folder) {
                Ok(next) => *saver = next,
                Err(why) => app.tell("Cannot open the case", &why.into(), str::to_string),
            },
            Action::Picker => {
                finish(app, saver);
                app.show_picker(super::save::saved_files(&app.library, folder));
                *saver = Saver::new_in(folder);
            }
        }
    }
}

/// Debug builds only: with `FAIRUSE_TEST_PANIC` set, F12 panics, so the
/// tests can check that a panic restores the terminal.
fn test_panic(key: event::KeyEvent) {
    if cfg!(debug_assertions)
        && key.code == event::KeyCode::F(12)
        && std::env::var_os("FAIRUSE_TEST_PANIC").is_some()
    {
        panic!("test panic (F12 with FAIRUSE_TEST_PANIC set)");
    }
}

/// The last save before leaving a case: whatever can be stored, and the
/// place the user left off, whenever there is a file to keep current.
pub fn finish(app: &mut App, saver: &mut Saver) {
    let rubric = &app.library.rubric;
    let note = match &app.overlay {
        Some(Overlay::Note(field)) => Some(field.value()),
        _ => None,
    };
    let Screen::Case(s) = &mut app.screen else {
        return;
    };
    if let Some(value) = note {
        s.set_note(rubric, value);
    }
    s.commit_form();
    if s.dirty || saver.has_file() {
        save(app, saver);
    }
}

/// Saves the case if it can be saved, and records what happened.
pub fn save(app: &mut App, saver: &mut Saver) {
    let rubric = &app.library.rubric;
    let Screen::Case(s) = &mut app.screen else {
        return;
    };
    saver.save(&app.library, &s.effective_case(rubric), &s.position(rubric));
    if saver.state == SaveState::Saved {
        s.dirty = false;
    }
    show_save(app, saver);
}

/// Copies where and whether answers are saved into the state the view reads.
fn show_save(app: &mut App, saver: &Saver) {
    if let Some(s) = app.session_mut() {
        s.save = SaveStatus {
            path: saver.path(&s.case_id()),
            state: saver.state.clone(),
            resumed: saver.resumed,
        };
    }
}

fn export(app: &mut App, path: PathBuf, replace: bool) {
    if path.exists() && !replace {
        return app.exported(Err(ExportError::Exists));
    }
    let result = app
        .memo()
        .map_err(crate::error::Error::from)
        .and_then(|memo| {
            // The same Markdown, as Word, when the name asks for it: what
            // `fairuse memo SAVED.yaml --format docx` writes.
            let bytes = if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("docx"))
            {
                let (_, case) = app.snapshot()?;
                let options = crate::report::docx::DocxOptions {
                    header: crate::report::privilege::privilege_line(&case).map(str::to_string),
                    reference: None,
                };
                crate::report::docx::from_markdown(&memo, &options)?
            } else {
                memo.into_bytes()
            };
            crate::output::write_atomic(&path, &bytes)?;
            Ok(())
        })
        .map(|()| path)
        .map_err(ExportError::Failed);
    app.exported(result);
}
