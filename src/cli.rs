//! The command line: argument definitions and one function per command.

use crate::engine;
use crate::load::{self, Invalid, Library};
use crate::model::Case;
use crate::report::{self, memo::MemoOptions};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "fairuse",
    version,
    about = "Work through the four fair-use factors of 17 U.S.C. § 107 for an AI-training scenario",
    long_about = "Work through the four fair-use factors of 17 U.S.C. § 107 for an AI-training \
scenario: score a case file, render a memo, or walk through it interactively.\n\n\
With no command in a terminal, opens the interactive picker of bundled cases.\n\
Not legal advice.",
    after_help = "A CASE is a path to a YAML case file or the id of a bundled case (see `fairuse cases`)."
)]
pub struct Cli {
    /// Use this rubric (questions and options) instead of the bundled one.
    #[arg(long, global = true, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Use this authority library instead of the bundled one.
    #[arg(long, global = true, value_name = "FILE")]
    pub authorities: Option<PathBuf>,
    /// Score at most N files at once (default: one per core).
    #[arg(short = 'j', long = "jobs", global = true, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score case files: four factor scores and a conclusion per use.
    Score {
        /// Case files or bundled ids; all bundled cases when none are given.
        cases: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Render a Markdown memo for one case.
    Memo {
        case: String,
        /// Write the memo here (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The memo's date, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<String>,
        /// A minijinja template to use instead of the bundled one.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// The memo's addressee.
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// The memo's author.
        #[arg(long, value_name = "NAME")]
        from: Option<String>,
    },
    /// Validate case files without scoring them.
    Check {
        #[arg(required = true)]
        cases: Vec<String>,
    },
    /// List the bundled cases: id and title.
    Cases,
    /// Print a skeleton case file with every question and option as comments.
    Init,
    /// Compare the engine with the courts on every decided bundled use.
    Backtest,
    /// Walk through a case interactively.
    Tui {
        /// Case file or bundled id; the picker opens when none is given.
        case: Option<String>,
        /// Save answers here as you go (default: a new file in the current folder).
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn parse_date(s: &str) -> Result<String, String> {
    if crate::date::is_valid(s) {
        Ok(s.to_string())
    } else {
        Err(format!("'{s}' is not a date written YYYY-MM-DD"))
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let library = || Library::load(cli.rubric.as_deref(), cli.authorities.as_deref());
    match cli.command {
        None => crate::tui::run(library()?, None, None),
        Some(Command::Tui { case, save }) => {
            crate::tui::run(library()?, case.as_deref(), save.as_deref())
        }
        Some(Command::Score { cases, format }) => score(&library()?, &cases, format, cli.jobs),
        Some(Command::Memo {
            case,
            output,
            date,
            template,
            to,
            from,
        }) => {
            let library = library()?;
            let input = PathBuf::from(&case);
            let case = library.case(&load::resolve_case(&case)?)?;
            let mut options = MemoOptions::new(date.unwrap_or_else(crate::date::today));
            options.template = template;
            options.to = to.unwrap_or(options.to);
            options.from = from.unwrap_or(options.from);
            let text = report::memo::render_case(&library, &case, &options)?;
            match output {
                Some(path) => {
                    // A slip of the finger must not replace the case file with its memo.
                    let inputs = [
                        Some(input.as_path()),
                        options.template.as_deref(),
                        cli.rubric.as_deref(),
                        cli.authorities.as_deref(),
                    ];
                    if inputs
                        .into_iter()
                        .flatten()
                        .any(|i| crate::output::same_file(&path, i))
                    {
                        return Err(Invalid::one(format!(
                            "{}: cannot write: it is one of the memo's own inputs",
                            path.display()
                        ))
                        .into());
                    }
                    crate::output::write_atomic(&path, text.as_bytes())?
                }
                None => emit(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { cases }) => check(&library()?, &cases),
        Some(Command::Cases) => {
            let library = library()?;
            let mut out = String::new();
            for (id, _) in load::bundled_cases() {
                let case = library.case(&load::bundled_case(id).expect("listed"))?;
                out.push_str(&format!("{id:<28} {}\n", case.title));
            }
            emit(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init) => {
            emit(&crate::report::skeleton::case_skeleton(
                &library()?.rubric,
                &crate::date::today(),
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Backtest) => {
            let library = library()?;
            // Loaded on every core, kept in id order.
            let ids: Vec<&str> = load::bundled_cases().map(|(id, _)| id).collect();
            let cases = pool(cli.jobs)?.install(|| {
                use rayon::prelude::*;
                ids.par_iter()
                    .map(|id| library.case(&load::bundled_case(id).expect("listed")))
                    .collect::<Result<Vec<Case>, Invalid>>()
            })?;
            let (text, all_agree) = report::backtest::render(&library, &cases);
            emit(&text)?;
            Ok(if all_agree {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

/// Kept for callers written before the memo API moved into the library;
/// use [`report::memo::render_case`].
pub fn memo(library: &Library, case: &Case, options: &MemoOptions) -> Result<String, Invalid> {
    report::memo::render_case(library, case, options)
}

/// Kept for callers written before this moved into the library; use
/// [`Library::bundled_cases`].
pub fn bundled(library: &Library) -> Result<Vec<Case>, Invalid> {
    library.bundled_cases()
}

/// How many files are read and scored at once: a chunk is spread over the
/// cores, then written in input order before the next is read, so memory
/// stays flat however many files are given.
const CHUNK: usize = 256;

/// Scores the files on every core (or `jobs` of them), writing results in the
/// order given. Invalid files are reported on stderr and skipped; the output
/// covers the valid ones and is always well formed (`[]` when none is valid);
/// the exit code says if any failed.
fn score(
    library: &Library,
    args: &[String],
    format: Format,
    jobs: Option<std::num::NonZeroUsize>,
) -> Result<ExitCode> {
    use serde::ser::{SerializeSeq, Serializer};
    let names: Vec<String> = if args.is_empty() {
        load::bundled_cases()
            .map(|(id, _)| id.to_string())
            .collect()
    } else {
        args.to_vec()
    };
    let pool = pool(jobs)?;
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut json = serde_json::Serializer::pretty(out);
    let mut seq = match format {
        Format::Json => Some(json.serialize_seq(None).map_err(io_or_json)?),
        Format::Text => None,
    };
    let mut table = Vec::new();
    let mut failed = false;
    for chunk in names.chunks(CHUNK) {
        let results: Vec<Result<Scored, Invalid>> = pool.install(|| {
            use rayon::prelude::*;
            chunk
                .par_iter()
                .map(|name| {
                    let case = load::resolve_case(name).and_then(|s| library.case(&s))?;
                    let analysis = engine::analyse(&library.rubric, &case);
                    Ok(match format {
                        Format::Text => Scored::Rows(report::table::rows(&case, &analysis)),
                        Format::Json => {
                            Scored::Json(report::json::case_json(library, &case, &analysis))
                        }
                    })
                })
                .collect()
        });
        for result in results {
            match result {
                Ok(Scored::Rows(rows)) => table.extend(rows),
                Ok(Scored::Json(value)) => {
                    let seq = seq.as_mut().expect("JSON output has begun");
                    if let Err(e) = seq.serialize_element(&value) {
                        return gone_or(e);
                    }
                }
                Err(Invalid(lines)) => {
                    failed = true;
                    for line in lines {
                        eprintln!("{}", crate::sanitize::line(&line));
                    }
                }
            }
        }
    }
    let finished = match seq {
        Some(seq) => seq.end().and_then(|()| {
            let mut out = json.into_inner();
            out.write_all(b"\n")
                .and_then(|()| out.flush())
                .map_err(serde_json::Error::io)
        }),
        None => {
            drop(json);
            if !table.is_empty() {
                emit(&report::table::render(&table))?;
            }
            Ok(())
        }
    };
    if let Err(e) = finished {
        return gone_or(e);
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Worker threads: `jobs` of them, or one per core.
fn pool(jobs: Option<std::num::NonZeroUsize>) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, |n| n.get()))
        .build()
        .context("cannot start the worker threads")
}

/// One file's result, as the chosen format needs it.
enum Scored {
    Rows(Vec<report::table::Row>),
    Json(report::json::CaseJson),
}

/// A write error: success when the reader has gone (`| head`), else the error.
fn gone_or(e: serde_json::Error) -> Result<ExitCode> {
    if e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe) {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(io_or_json(e)).context("cannot write the scores")
    }
}

fn io_or_json(e: serde_json::Error) -> anyhow::Error {
    anyhow::Error::new(e)
}

fn check(library: &Library, args: &[String]) -> Result<ExitCode> {
    let mut failed = false;
    let mut out = String::new();
    for arg in args {
        match load::resolve_case(arg).and_then(|s| library.case(&s).map(|c| (s, c))) {
            Ok((source, case)) => {
                let uses = case.uses.len();
                out.push_str(&format!(
                    "{}: ok ({uses} use{})\n",
                    source.name,
                    if uses == 1 { "" } else { "s" }
                ));
            }
            Err(Invalid(lines)) => {
                failed = true;
                for line in lines {
                    eprintln!("{}", crate::sanitize::line(&line));
                }
            }
        }
    }
    emit(&out)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
