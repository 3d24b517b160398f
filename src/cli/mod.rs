//! The command line: parses arguments, loads the data, runs a command, and turns failures into
//! one-line messages and exit codes (0 fine, 1 findings, 2 bad input).

mod export;
mod inputs;
mod levels;
mod search;
mod show;
mod summary;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::domain::graph::Pathways;
use crate::domain::load::{LoadErrors, Loaded, load};
use crate::domain::search::{Resolved, resolve};

/// A fast, offline explorer for career pathway graphs.
#[derive(Debug, Parser)]
#[command(name = "pathways", version, about, long_about = None)]
struct Args {
    /// Load these pathway files or folders instead of the shipped data (repeatable).
    #[arg(long = "data", value_name = "PATH", global = true)]
    data: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Summarise the loaded pathways: files, sectors, stages, jobs, on- and off-ramps.
    Summary,
    /// Show one stage with its incoming and outgoing transitions.
    Show {
        /// A stage id, or a title (fuzzy).
        stage: String,
        #[arg(long)]
        json: bool,
    },
    /// Search stages by title, id, credential, SOC code or tag (fuzzy).
    Search {
        /// What to look for, e.g. "nurse".
        text: Vec<String>,
        /// At most this many results.
        #[arg(short = 'n', long = "limit", default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List the skill levels and the tests that place learners, or place a score.
    Levels {
        /// A test score to place, e.g. "tabe11 reading 540".
        #[arg(long, value_name = "TEST SUBJECT SCORE")]
        score: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export the map or the data: Graphviz DOT, Mermaid (renders on GitHub) or normalized JSON.
    Export {
        /// dot, mermaid or json (default: from the -o file name's extension).
        #[arg(long, value_enum)]
        format: Option<export::Format>,
        /// Only this sector (its name or pathway id, any case), with the stages of other sectors
        /// linked to it.
        #[arg(long, value_name = "NAME")]
        sector: Option<String>,
        /// Write to this file (atomically: an old file is replaced only when the new one is
        /// complete) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check that the data loads (exit 0), or list every problem (exit 2).
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic pathway file of any size, for benchmarks (not real data).
    #[command(hide = true)]
    Gen {
        #[arg(long, default_value_t = 1000)]
        stages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Why a command stopped early: exit code and message for stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    /// Bad arguments or data: exit 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure {
            code: if e.kind() == std::io::ErrorKind::BrokenPipe {
                0
            } else {
                1
            },
            message: if e.kind() == std::io::ErrorKind::BrokenPipe {
                String::new()
            } else {
                format!("cannot write the output: {e}")
            },
        }
    }
}

/// Runs `pathways` with `args` (the program name first); returns the exit code.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                let _ = write!(err, "{text}");
                2
            } else {
                let _ = write!(out, "{text}");
                0
            };
        }
    };
    match dispatch(args, out) {
        Ok(code) => code,
        Err(failure) => {
            if !failure.message.is_empty() {
                let _ = writeln!(err, "{}", failure.message);
            }
            failure.code
        }
    }
}

fn dispatch(args: Args, out: &mut dyn Write) -> Result<i32, Failure> {
    match args.command {
        Some(Command::Check { json }) => return check(&args.data, json, out),
        Some(Command::Gen { stages, seed }) => {
            out.write_all(crate::domain::synthetic::generate(stages, seed).as_bytes())?;
            return Ok(0);
        }
        _ => {}
    }
    let loaded = load_data(&args.data).map_err(|e| Failure::usage(e.to_string()))?;
    match args.command {
        None => explore(loaded),
        Some(Command::Summary) => summary::print(&loaded, out),
        Some(Command::Show { stage, json }) => show::run(&loaded.pathways, &stage, json, out),
        Some(Command::Search { text, limit, json }) => {
            search::run(&loaded.pathways, &text.join(" "), limit, json, out)
        }
        Some(Command::Levels { score, json }) => levels::run(&loaded.benchmarks, score.as_deref(), json, out),
        Some(Command::Export {
            format,
            sector,
            output,
        }) => export::run(
            &loaded.pathways,
            format,
            sector.as_deref(),
            output.as_deref(),
            out,
        ),
        Some(Command::Check { .. } | Command::Gen { .. }) => Ok(0),
    }
}

/// Opens the explorer, when there is a terminal to open it in.
fn explore(loaded: Loaded) -> Result<i32, Failure> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "the explorer needs a terminal; for scripts use `pathways show`, `search`, `levels` or `check` \
             (see `pathways --help`)",
        ));
    }
    crate::tui::run(loaded).map_err(|e| Failure {
        code: 1,
        message: format!("the explorer stopped: {e}"),
    })?;
    Ok(0)
}

/// Loads the shipped data, or the `--data` paths.
pub fn load_data(paths: &[PathBuf]) -> Result<Loaded, LoadErrors> {
    load(&inputs::gather(paths)?)
}

#[derive(Serialize)]
struct CheckJson<'a> {
    findings: Vec<serde_json::Value>,
    summary: Summary,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    load_errors: Vec<LoadErrorJson<'a>>,
}

#[derive(Serialize, Default)]
struct Summary {
    errors: usize,
    warnings: usize,
    info: usize,
}

#[derive(Serialize)]
struct LoadErrorJson<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Option<&'a str>,
    message: &'a str,
}

/// `check`: for now, whether the data loads. Exit 0 when it does, 2 with every problem when not.
fn check(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<i32, Failure> {
    match load_data(paths) {
        Ok(loaded) => {
            if json {
                write_json(
                    out,
                    &CheckJson {
                        findings: Vec::new(),
                        summary: Summary::default(),
                        load_errors: Vec::new(),
                    },
                )?;
            } else {
                let p = &loaded.pathways;
                writeln!(
                    out,
                    "{} pathways, {} stages, {} transitions loaded: no problems found.",
                    p.pathways().len(),
                    p.stage_count(),
                    p.transition_count()
                )?;
            }
            Ok(0)
        }
        Err(e) => {
            if json {
                let load_errors = e
                    .errors
                    .iter()
                    .map(|le| LoadErrorJson {
                        file: &le.file,
                        line: le.position.map(|p| p.line),
                        column: le.position.map(|p| p.column),
                        pointer: le.pointer.as_deref(),
                        message: &le.message,
                    })
                    .collect();
                write_json(
                    out,
                    &CheckJson {
                        findings: Vec::new(),
                        summary: Summary::default(),
                        load_errors,
                    },
                )?;
            }
            Err(Failure::usage(e.to_string()))
        }
    }
}

/// Pretty JSON and a final newline.
fn write_json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::usage(format!("cannot encode JSON: {e}")))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// A stage named on the command line, or a one-line reason why it is not one.
fn stage_arg(pathways: &Pathways, text: &str) -> Result<petgraph::graph::NodeIndex, Failure> {
    match resolve(pathways, text) {
        Resolved::Exact(n) | Resolved::Named(n) => Ok(n),
        Resolved::Ambiguous(nodes) => {
            let names: Vec<String> = nodes
                .iter()
                .map(|&n| {
                    let s = pathways.stage(n);
                    format!("{} ({})", s.title, s.id)
                })
                .collect();
            Err(Failure::usage(format!(
                "'{text}' could mean several stages: {}; give an id",
                names.join(", ")
            )))
        }
        Resolved::Unknown => Err(Failure::usage(format!(
            "unknown stage '{text}': no stage id, title or credential matches it (try `pathways search`)"
        ))),
    }
}
