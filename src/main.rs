//! A thin shell over the library: parse arguments, run, print errors once.

#![forbid(unsafe_code)]

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A bug still ends in one clear line (and Rust's exit code 101 for a
    // panic), never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let what = (payload.downcast_ref::<&str>().copied())
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "fairuse: internal error{at}: {}; please report it",
            fairuse::sanitize::line(what)
        );
    }));
    let cli = fairuse::cli::Cli::parse();
    match fairuse::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            for line in format!("{error:#}").lines() {
                eprintln!("{}", fairuse::sanitize::line(line));
            }
            ExitCode::FAILURE
        }
    }
}
