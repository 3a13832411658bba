//! The interactive walkthrough: a terminal UI over the same engine.
//!
//! - [`app`]: the state and every update to it (pure: no I/O), with the
//!   key, mouse and paste handlers in `keys.rs`;
//! - [`view`]: drawing a frame from the state;
//! - [`editor`]: text fields and the scenario form;
//! - [`save`]: the save file;
//! - [`terminal`]: raw mode, the event loop, signals and the panic hook.

pub mod app;
pub mod editor;
mod keys;
pub mod save;
pub mod terminal;
pub mod theme;
pub mod view;

pub use app::{Action, App, Screen};
pub use save::SaveTarget;
pub use theme::Theme;

use crate::load::{self, Library};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The message for a run without a terminal.
pub const NEEDS_TERMINAL: &str = "fairuse: the interactive walkthrough needs a terminal; use `fairuse score` or `fairuse memo` for scripted runs";

/// Opens the picker (no `case`) or a case file or bundled id, and saves
/// answers to `save` or to a new file in the current folder.
pub fn run(library: Library, case: Option<&str>, save: Option<&Path>) -> anyhow::Result<ExitCode> {
    let opened = match case {
        Some(arg) => {
            let source = load::resolve_case(arg)?;
            let case = library.case(&source)?;
            Some((case, source.name))
        }
        None => None,
    };
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!(NEEDS_TERMINAL);
    }
    let mut app = App::new(library, crate::date::today(), Theme::from_env());
    if let Some((case, name)) = opened {
        app.open(case, &name);
    }
    let target = match save {
        Some(path) => SaveTarget::named(path),
        None => SaveTarget::new_in(Path::new(".")),
    };
    let (exit, target) = terminal::run_in_terminal(app, target)?;
    match (&target.state, &target.path) {
        (save::SaveState::Saved, Some(path)) => {
            eprintln!("fairuse: answers saved to {}", path.display())
        }
        (save::SaveState::NotYet(why), _) | (save::SaveState::Failed(why), _) => {
            eprintln!("fairuse: not saved: {}", crate::sanitize::line(why))
        }
        _ => {}
    }
    Ok(match exit {
        terminal::Exit::Quit => ExitCode::SUCCESS,
        terminal::Exit::Signal(signal) => ExitCode::from(128 + signal as u8),
        terminal::Exit::Closed => ExitCode::FAILURE,
    })
}
