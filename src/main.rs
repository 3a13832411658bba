//! A thin shell over the library: parse arguments, run, print errors once.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
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
