//! The command line: argument definitions and one function per command.

use crate::engine;
use crate::load::{self, Invalid, Library};
use crate::model::Case;
use crate::report::{self, memo::MemoOptions};
use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
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
    /// Score or check at most N files at once (default: one per core).
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
        /// Pin a legal view to one side, e.g. `--view training-licence-market=cognizable`
        /// (repeatable); a pinned view is not varied. `fairuse init` lists the views.
        #[arg(long = "view", value_name = "VIEW=SIDE", value_parser = parse_pin)]
        views: Vec<(String, String)>,
    },
    /// Render a memo for one case, as Markdown or Word; or check a memo
    /// against its case file (--verify).
    Memo {
        /// Case file or bundled id. With --verify, the case file to compare
        /// against (default: <id>.yaml or <id>.answers.yaml beside the memo,
        /// else the bundled case, by the id in the memo's record).
        #[arg(required_unless_present = "verify")]
        case: Option<String>,
        /// Markdown, or a Word document (.docx; needs -o FILE or a pipe).
        #[arg(long, value_enum, default_value_t = MemoFormat::Markdown)]
        format: MemoFormat,
        /// Take the Word memo's styles from this .docx (a firm's template).
        #[arg(long, value_name = "FILE")]
        reference_doc: Option<PathBuf>,
        /// Check that a memo (.md or .docx) still matches its case file and
        /// the rubric: exit 0 if it does, 1 if not.
        #[arg(long, value_name = "MEMO", conflicts_with_all = ["output", "template", "format", "reference_doc", "to", "from", "date"])]
        verify: Option<PathBuf>,
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
        /// Pin a legal view to one side (repeatable); see `score --view`.
        #[arg(long = "view", value_name = "VIEW=SIDE", value_parser = parse_pin)]
        views: Vec<(String, String)>,
        /// Add an appendix: `scores` prints the checklist heuristic's readings.
        #[arg(long, value_name = "WHAT", value_parser = ["scores"])]
        appendix: Option<String>,
    },
    /// Validate case files, and warn about what a memo should not go out with.
    Check {
        #[arg(required = true)]
        cases: Vec<String>,
        /// Exit 1 when there is any warning, not only on errors.
        #[arg(long)]
        strict: bool,
    },
    /// Print a shell completion script: `fairuse completions bash > ...`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `fairuse man | man -l -`.
    Man,
    /// List the bundled cases: id and title.
    Cases,
    /// Print a skeleton case file with every question and option as comments.
    Init,
    /// Compare the engine with the courts on every decided use (bundled and corpus); reports, never fails on disagreement.
    Backtest {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Walk through a case interactively.
    Tui {
        /// Case file or bundled id; the picker opens when none is given.
        case: Option<String>,
        /// Save answers here as you go (default: a new file in the current folder).
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Let --save replace a file that is not a fairuse save file of this case.
        #[arg(long, requires = "save")]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MemoFormat {
    Markdown,
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn parse_pin(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((view, side)) if !view.is_empty() && !side.is_empty() => {
            Ok((view.to_string(), side.to_string()))
        }
        _ => Err(format!(
            "'{}' is not VIEW=SIDE, e.g. market-dilution=cognizable",
            s.escape_debug()
        )),
    }
}

/// Command-line pins, each checked against the rubric's views.
fn pins(library: &Library, given: &[(String, String)]) -> Result<engine::Sides, Invalid> {
    let mut problems = Vec::new();
    for (view, side) in given {
        if let Err(e) = crate::validate::view_pin(&library.rubric, view, side) {
            problems.extend(e.into_problems());
        }
    }
    Invalid::check(problems)?;
    Ok(given.iter().cloned().collect())
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
        None => crate::tui::run(library()?, None, None, false),
        Some(Command::Tui { case, save, force }) => {
            crate::tui::run(library()?, case.as_deref(), save.as_deref(), force)
        }
        Some(Command::Score {
            cases,
            format,
            views,
        }) => {
            let library = library()?;
            let pins = pins(&library, &views)?;
            score(&library, &cases, format, &pins, cli.jobs)
        }
        Some(Command::Memo {
            verify: Some(memo),
            case,
            ..
        }) => {
            let (line, matches) = report::record::verify_file(&library()?, &memo, case.as_deref())?;
            emit(&format!("{line}\n"))?;
            Ok(if matches {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Command::Memo {
            case,
            format,
            reference_doc,
            verify: None,
            output,
            date,
            template,
            to,
            from,
            views,
            appendix,
        }) => {
            if reference_doc.is_some() && format != MemoFormat::Docx {
                return Err(
                    Invalid::bare("--reference-doc styles a Word memo: add --format docx").into(),
                );
            }
            let library = library()?;
            let case = case.expect("clap requires a case without --verify");
            let pins = pins(&library, &views)?;
            let input = PathBuf::from(&case);
            let source = load::resolve_case(&case)?;
            let case = library.case(&source)?;
            let mut options = MemoOptions::new(date.clone().unwrap_or_else(crate::date::today));
            options.template = template;
            options.to = to.unwrap_or(options.to);
            options.from = from.unwrap_or(options.from);
            options.generated_at = generated_at(date.is_some());
            options.appendix_scores = appendix.is_some();
            let text = report::memo::render_case_with(&library, &case, &options, &pins)?;
            let bytes = match format {
                MemoFormat::Markdown => text.into_bytes(),
                MemoFormat::Docx => {
                    if output.is_none() && std::io::stdout().is_terminal() {
                        return Err(Invalid::bare(
                            "a Word memo is not for the terminal: give -o FILE.docx",
                        )
                        .into());
                    }
                    let options = report::docx::DocxOptions {
                        header: report::privilege::privilege_line(&case).map(str::to_string),
                        reference: reference_doc
                            .as_deref()
                            .map(report::docx::Reference::read)
                            .transpose()?,
                    };
                    report::docx::from_markdown(&text, &options)?
                }
            };
            match output {
                Some(path) => {
                    // A slip of the finger must not replace the case file with its memo.
                    let inputs = [
                        Some(input.as_path()),
                        options.template.as_deref(),
                        reference_doc.as_deref(),
                        cli.rubric.as_deref(),
                        cli.authorities.as_deref(),
                    ];
                    if inputs
                        .into_iter()
                        .flatten()
                        .any(|i| crate::output::same_file(&path, i))
                    {
                        return Err(crate::error::WriteFailed {
                            file: path.display().to_string(),
                            reason: "it is one of the memo's own inputs".into(),
                        }
                        .into());
                    }
                    crate::output::write_atomic(&path, &bytes)?
                }
                None => emit_bytes(&bytes)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { cases, strict }) => check(&library()?, &cases, strict, cli.jobs),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "fairuse", &mut out);
            emit_bytes(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("cannot render the manual page")?;
            emit_bytes(&out)?;
            Ok(ExitCode::SUCCESS)
        }
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
        Some(Command::Backtest { format }) => {
            let library = library()?;
            let cases = if library.is_bundled() {
                // Checked at build time, and read back from JSON.
                load::corpus_cases(&library)?
            } else {
                // Loaded on every core, kept in id order.
                let sources: Vec<load::Source> = load::corpus_sources().collect();
                pool(cli.jobs)?.install(|| {
                    use rayon::prelude::*;
                    sources
                        .par_iter()
                        .map(|source| library.case(source))
                        .collect::<Result<Vec<Case>, Invalid>>()
                })?
            };
            let text = match format {
                Format::Text => report::backtest::render(&library, &cases),
                Format::Json => {
                    serde_json::to_string_pretty(&report::backtest::run(&library, &cases))
                        .context("cannot render the backtest as JSON")?
                        + "\n"
                }
            };
            emit(&text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
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
    pins: &engine::Sides,
    jobs: Option<std::num::NonZeroUsize>,
) -> Result<ExitCode> {
    let corpus = load::corpus(library)?;
    let setting = engine::Setting {
        pins: Some(pins),
        corpus: Some(&corpus),
    };
    let names: Vec<String> = if args.is_empty() {
        load::bundled_cases()
            .map(|(id, _)| id.to_string())
            .collect()
    } else {
        args.to_vec()
    };
    let pool = pool(jobs)?;
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut json = match format {
        Format::Json => match written(report::json::Array::begin(out))? {
            Some(array) => Some(array),
            None => return Ok(ExitCode::SUCCESS),
        },
        Format::Text => None,
    };
    let mut table = Vec::new();
    let mut failed = false;
    for chunk in names.chunks(CHUNK) {
        // Read, scored and rendered on the workers; written here, in order.
        let results = on_workers(&pool, library, chunk, |_, case| {
            let analysis = engine::analyse_with(&library.rubric, case, setting);
            match format {
                Format::Text => Scored::Rows(report::table::rows(case, &analysis)),
                Format::Json => Scored::Json(
                    report::json::element(&report::json::case_json(library, case, &analysis))
                        .expect("JSON renders into memory"),
                ),
            }
        });
        for result in results {
            match result {
                Ok(Scored::Rows(rows)) => table.extend(rows),
                Ok(Scored::Json(bytes)) => {
                    let array = json.as_mut().expect("JSON output has begun");
                    if written(array.push(&bytes))?.is_none() {
                        return Ok(ExitCode::SUCCESS);
                    }
                }
                Err(invalid) => {
                    failed = true;
                    print_problems(&invalid);
                }
            }
        }
    }
    match json {
        Some(array) => {
            written(array.end().and_then(|mut out| out.flush()))?;
        }
        None if !table.is_empty() => emit(&report::table::render(&table))?,
        None => {}
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and loads each of `names` on the workers, then does `work` with
/// it there; the results come back in the order of `names`.
fn on_workers<T: Send>(
    pool: &rayon::ThreadPool,
    library: &Library,
    names: &[String],
    work: impl Fn(&load::Source, &Case) -> T + Sync,
) -> Vec<Result<T, Invalid>> {
    use rayon::prelude::*;
    pool.install(|| {
        names
            .par_iter()
            .map(|name| {
                let source = load::resolve_case(name)?;
                let case = library.case(&source)?;
                Ok(work(&source, &case))
            })
            .collect()
    })
}

/// A file's problems on stderr, a line each, cleaned for the terminal.
fn print_problems(invalid: &Invalid) {
    for line in invalid.lines() {
        eprintln!("{}", crate::sanitize::line(&line));
    }
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
    Json(Vec<u8>),
}

/// Errors on stderr, the verdict and warnings on stdout; warnings fail the
/// check only with `--strict`. Files are checked on every core (or `jobs`),
/// a chunk at a time, and reported in the order given.
fn check(
    library: &Library,
    args: &[String],
    strict: bool,
    jobs: Option<std::num::NonZeroUsize>,
) -> Result<ExitCode> {
    let (mut failed, mut warned) = (false, false);
    let today = crate::date::today();
    let pool = pool(jobs)?;
    for chunk in args.chunks(CHUNK) {
        let results = on_workers(&pool, library, chunk, |source, case| {
            checked(library, case, &source.name, &today)
        });
        // What is ready goes out before each error, so that the two streams
        // read in the order of the files when they share a terminal.
        let mut out = String::new();
        let mut gone = false;
        for result in results {
            match result {
                Ok(Checked { text, has_warnings }) => {
                    warned |= has_warnings;
                    out.push_str(&text);
                }
                Err(invalid) => {
                    failed = true;
                    gone |= !flush_out(&mut out)?;
                    print_problems(&invalid);
                }
            }
        }
        if gone || !flush_out(&mut out)? {
            break;
        }
    }
    Ok(if failed || (strict && warned) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes and flushes what `out` holds, and empties it; false when the
/// reader has gone (`| head`).
fn flush_out(out: &mut String) -> Result<bool> {
    let mut stdout = std::io::stdout().lock();
    let done = written(
        stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush()),
    )?;
    out.clear();
    Ok(done.is_some())
}

/// One valid file's report: its warnings, then `name: ok (N uses, M warnings)`.
struct Checked {
    text: String,
    has_warnings: bool,
}

fn checked(library: &Library, case: &Case, name: &str, today: &str) -> Checked {
    let warnings = report::warnings::warnings(library, case, name, today);
    let mut text = String::new();
    for line in &warnings {
        text.push_str(line);
        text.push('\n');
    }
    let uses = case.uses.len();
    text.push_str(&format!(
        "{name}: ok ({uses} use{}{})\n",
        if uses == 1 { "" } else { "s" },
        match warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_string(),
            n => format!(", {n} warnings"),
        }
    ));
    Checked {
        text,
        has_warnings: !warnings.is_empty(),
    }
}

/// The time a memo's record gives: `SOURCE_DATE_EPOCH` if set (the
/// reproducible-builds convention), else none when the memo's date was given
/// (the record then gives that date, so a dated memo is reproducible), else now.
/// A `SOURCE_DATE_EPOCH` that is not a time (not a number, or past the year
/// 9999) is ignored, as that convention asks.
fn generated_at(dated: bool) -> Option<String> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let pinned = epoch.and_then(|e| e.trim().parse::<u64>().ok());
    if let Some(at) = pinned.and_then(crate::date::utc_timestamp) {
        return Some(at);
    }
    if dated {
        return None;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    crate::date::utc_timestamp(now)
}

fn emit_bytes(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    written(stdout.write_all(bytes).and_then(|()| stdout.flush()))?;
    Ok(())
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<()> {
    emit_bytes(text.as_bytes())
}

/// The one place a write's outcome is judged: `None` when the reader has
/// gone (`| head`), which is not an error, and the error otherwise.
fn written<T>(result: std::io::Result<T>) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(None),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write to standard output")),
    }
}
