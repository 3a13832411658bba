//! The interactive walkthrough: a terminal UI over the same engine.
//!
//! - [`app`]: the state (screens as types) and every update to it (pure: no
//!   I/O), with the key table and the handlers in `keys.rs`;
//! - [`view`]: drawing a frame from the state;
//! - [`editor`]: text fields and the form for everything a memo needs;
//! - [`save`]: the one owner of saving;
//! - [`terminal`]: raw mode, the event loop, signals and the panic hook.

pub mod app;
pub mod editor;
pub mod keys;
pub mod save;
pub mod terminal;
pub mod theme;
pub mod view;

pub use app::{Action, App, Screen, View};
pub use save::Saver;
pub use theme::Theme;

use crate::error::Invalid;
use crate::load::{self, Library};
use anyhow::Context;
use app::Opening;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The message for a run without a terminal.
pub const NEEDS_TERMINAL: &str = "fairuse: the interactive walkthrough needs a terminal; use `fairuse score` or `fairuse memo` for scripted runs";

/// Opens a case file in the app and says where its changes will be saved: a
/// save file is resumed in place, at the place the user left off; any other
/// case file is saved to a new file in `folder`.
pub fn open_source(app: &mut App, source: &load::Source, folder: &Path) -> Result<Saver, Invalid> {
    let case = app.library.case(source)?;
    if save::is_save_text(&source.text) {
        app.resume(case, &source.name, save::position(&source.text).as_ref());
        Ok(Saver::resume(Path::new(&source.name)))
    } else {
        app.open(case, &source.name);
        Ok(Saver::new_in(folder))
    }
}

/// What the picker's choice opens.
pub fn open(app: &mut App, opening: Opening, folder: &Path) -> Result<Saver, Invalid> {
    match opening {
        Opening::New => {
            app.new_scenario();
            Ok(Saver::new_in(folder))
        }
        Opening::Bundled(id) => {
            let source = load::bundled_case(&id)
                .ok_or_else(|| Invalid::bare(format!("no bundled case '{id}'")))?;
            open_source(app, &source, folder)
        }
        Opening::File(path) => {
            let path = if path.is_relative() {
                folder.join(path)
            } else {
                path
            };
            let source = load::read(&path)?;
            open_source(app, &source, folder)
        }
    }
}

/// Opens the picker (no `case`) or a case file or bundled id. Answers go to
/// `save` (refused when it exists and is not a save file of this case,
/// unless `force`), into the save file that was opened, or to a new file in
/// the current folder.
pub fn run(
    library: Library,
    case: Option<&str>,
    save: Option<&Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let folder = Path::new(".");
    let source = case.map(load::resolve_case).transpose()?;
    let mut app = App::new(library, crate::date::today(), Theme::from_env());
    let mut saver = match &source {
        Some(source) => open_source(&mut app, source, folder)?,
        None => {
            let saved = save::saved_files(&app.library, folder);
            app.show_picker(saved);
            Saver::new_in(folder)
        }
    };
    if let Some(path) = save {
        let id = app.session().map(|s| s.case_id());
        saver = Saver::named(path, id.as_deref(), force)?;
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!(NEEDS_TERMINAL);
    }
    let (exit, saver) = terminal::run_in_terminal(app, saver, folder)
        .context("cannot run the walkthrough in this terminal")?;
    let shown = |p: &Path| crate::sanitize::line(&p.display().to_string());
    match (&saver.state, saver.path("")) {
        (save::SaveState::Saved, Some(path)) => {
            eprintln!("fairuse: answers saved to {}", shown(&path))
        }
        (save::SaveState::NotYet(why), _) => {
            for line in why.lines() {
                eprintln!("fairuse: not saved: {}", crate::sanitize::line(&line))
            }
        }
        (save::SaveState::Failed(why), _) => {
            eprintln!(
                "fairuse: not saved: {}",
                crate::sanitize::line(&why.to_string())
            )
        }
        _ => {}
    }
    Ok(match exit {
        terminal::Exit::Quit => ExitCode::SUCCESS,
        terminal::Exit::Signal(signal) => ExitCode::from(128 + signal as u8),
        terminal::Exit::Closed => ExitCode::FAILURE,
    })
}
