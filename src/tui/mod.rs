//! The interactive walkthrough (see the TUI issue).

use std::path::Path;

pub fn run(
    _library: crate::load::Library,
    _case: Option<&str>,
    _save: Option<&Path>,
) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("fairuse: the interactive walkthrough is not built yet; use `fairuse score` or `fairuse memo`")
}
