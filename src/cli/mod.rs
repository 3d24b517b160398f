//! The command line: parses arguments, loads the data, runs a command, and turns failures into
//! one-line messages and exit codes (0 fine, 1 findings, 2 bad input).

mod annotations;
mod area;
mod check;
mod diff;
pub mod export;
mod findings;
mod inputs;
mod levels;
mod new;
mod places;
mod plan;
mod route;
mod search;
mod show;
mod summary;
mod wages;
mod watch;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::domain::audit::Options;
use crate::domain::graph::Pathways;
use std::io::IsTerminal;

use crate::domain::load::{Limits, LoadErrors, Loaded, load_with};
use crate::domain::search::{Resolved, resolve};

/// A fast, offline explorer for career pathway graphs.
#[derive(Debug, Parser)]
#[command(name = "pathways", version, about, long_about = None)]
// The loading options are global: a heading of their own keeps them apart from each command's
// options in its --help.
struct Args {
    /// Load these pathway files or folders instead of the shipped data (repeatable).
    #[arg(
        long = "data",
        value_name = "PATH",
        global = true,
        help_heading = "Loading data"
    )]
    data: Vec<PathBuf>,
    /// Refuse data files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = inputs::Options::DEFAULT.max_file_mib, global = true, help_heading = "Loading data",
          value_parser = clap::value_parser!(u64).range(1..))]
    max_file_size: u64,
    /// Refuse loads of more than this many MiB of data files in all.
    #[arg(long, value_name = "MIB", default_value_t = inputs::Options::DEFAULT.max_total_mib, global = true, help_heading = "Loading data",
          value_parser = clap::value_parser!(u64).range(1..))]
    max_total_size: u64,
    /// Refuse loads of more stages than this in all.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT.max_stages, global = true, help_heading = "Loading data")]
    max_stages: usize,
    /// Refuse loads of more transitions than this in all.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT.max_transitions, global = true, help_heading = "Loading data")]
    max_transitions: usize,
    /// Skip unreadable, oversized or looping entries under --data (and say which) instead of failing.
    #[arg(long, global = true, help_heading = "Loading data")]
    skip_bad_files: bool,
    /// Load the shipped data too, then the --data files (your own files linked to the shipped
    /// foundation classes); a --data file with a shipped pathway's id replaces that file.
    #[arg(long, global = true, help_heading = "Loading data")]
    with_shipped: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Summarise the loaded pathways: files, sectors, stages, jobs, on- and off-ramps.
    Summary {
        /// Print JSON: the counts, and each file's id, title, sector, region, stages and jobs.
        #[arg(long)]
        json: bool,
    },
    /// Show one stage with its incoming and outgoing transitions.
    Show {
        /// A stage id, or a title (fuzzy).
        stage: String,
        #[command(flatten)]
        learner: show::LearnerArgs,
        #[command(flatten)]
        area: area::AreaArg,
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
        #[command(flatten)]
        area: area::AreaArg,
        #[arg(long)]
        json: bool,
    },
    /// An occupation's median wage and employment in an area, its state and the nation (BLS OEWS).
    Wages(wages::WagesArgs),
    /// List the skill levels and the tests that place learners, or place a score.
    Levels {
        /// A test score to place, e.g. "tabe11 reading 540".
        #[arg(long, value_name = "TEST SUBJECT SCORE")]
        score: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export the map or the data: Graphviz DOT, Mermaid (renders on GitHub), normalized JSON, or CSV
    /// files for spreadsheets.
    Export {
        /// dot, mermaid, json or csv (default: from the -o file name's extension; csv for a folder).
        #[arg(long, value_enum)]
        format: Option<export::Format>,
        /// Only this sector (its name or pathway id, any case). Maps show the stages of other
        /// sectors linked to it; JSON holds its own files' stages and transitions, naming the
        /// linked stages by id, so it loads beside the files that define them.
        #[arg(long, value_name = "NAME")]
        sector: Option<String>,
        /// Write to this file (atomically: an old file is replaced only when the new one is
        /// complete) instead of standard output. For JSON, a folder (`out/`) gets one file per
        /// loaded pathway file, named as it was; for csv, the folder to write the CSV files in.
        #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
        output: Option<PathBuf>,
        /// Replace the -o file if it exists (never a device, pipe or folder); for csv, the
        /// folder's CSV files.
        #[arg(long)]
        force: bool,
    },
    /// Routes from a skill level, test score or stage to a goal, or to every reachable job.
    ///
    /// Exit 0 with routes, 1 when no route exists, 2 for bad arguments.
    Route(route::RouteArgs),
    /// The plan a learner takes home: one printable HTML page (or Markdown, or text), in English
    /// or Spanish, for the same learner inputs as `route`.
    ///
    /// Exit 0 with a plan, 1 when the file cannot be written, 2 for bad arguments or a file
    /// that exists (add --force).
    Plan(plan::PlanArgs),
    /// Audit the pathways: dead ends, unreachable stages, missing on-ramps and off-ramps, and more.
    ///
    /// Exit 0 when no finding is an error, 1 when one is, 2 when the files cannot be loaded.
    Check {
        /// Print JSON for scripts instead of text (the same as `--format json`).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// How to print the findings: text for people, json for scripts, sarif (SARIF 2.1.0) for
        /// code scanning, github for workflow annotations on the lines at fault.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = check::Format::Text)]
        format: check::Format,
        /// Also fail (exit 1) on warnings that no `explain` in the data explains.
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Option<Deny>,
        /// Report only the findings on stages, transitions and sectors defined in this file or
        /// folder (repeatable); the whole graph is still audited.
        #[arg(long, value_name = "PATH")]
        only: Vec<PathBuf>,
        /// Check again whenever a --data file changes, until Ctrl-C.
        #[arg(long)]
        watch: bool,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Compare two versions of pathway files or folders: changes, and findings introduced and resolved.
    ///
    /// Exit 1 when NEW introduces an error finding, 0 otherwise, 2 when either side cannot be loaded.
    Diff {
        /// The version before the change (a file or a folder).
        old: PathBuf,
        /// The version after the change (a file or a folder).
        new: PathBuf,
        /// Files or folders loaded on both sides, such as the foundations a sector links to
        /// (repeatable).
        #[arg(long, value_name = "PATH")]
        base: Vec<PathBuf>,
        /// Print JSON for scripts instead of text (the same as `--format json`).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// How to print: text, json, or the findings NEW introduces as sarif (SARIF 2.1.0) or
        /// github (workflow annotations), placed on NEW's lines.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = check::Format::Text)]
        format: check::Format,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Write a starting pathway file for a new sector, linked to the shipped foundations.
    ///
    /// It passes `check --with-shipped`; its `x-` notes say what to fill in. Exit 2 for a bad id
    /// or an existing file without --force.
    New {
        /// The sector's pathway id (lower-case letters, digits, - and _), such as early-childhood.
        id: String,
        /// The sector's title (default: made from the id).
        #[arg(long)]
        title: Option<String>,
        /// The file to write (atomically, never over an existing file without --force).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a synthetic pathway file of any size, for benchmarks (not real data).
    #[command(hide = true)]
    Gen {
        #[arg(long, default_value_t = 1000)]
        stages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A CTDL JSON-LD document of that many components instead (the seed is not used).
        #[arg(long)]
        ctdl: bool,
    },
}

impl Args {
    /// Whether the command prints for programs (JSON, DOT, Mermaid) rather than text for people.
    fn wants_json(&self) -> bool {
        match &self.command {
            Some(
                Command::Show { json, .. } | Command::Search { json, .. } | Command::Levels { json, .. },
            ) => *json,
            Some(Command::Check { json, format, .. } | Command::Diff { json, format, .. }) => {
                *json || format.is_json()
            }
            Some(Command::Route(route)) => route.json(),
            // A plan escapes its own text for its format; HTML and Markdown must reach the file
            // or the pipe as written.
            Some(Command::Plan(_)) => true,
            Some(Command::Wages(w)) => w.json,
            // Exports and generated files escape their own text; cleaning would change the data.
            Some(Command::Gen { .. } | Command::Export { .. }) => true,
            _ => false,
        }
    }
}

/// What `check --deny` makes fail besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings the data does not explain with an `explain`.
    Warnings,
}

/// The audit's thresholds, shared by `check` and `diff`.
#[derive(Debug, clap::Args)]
struct Thresholds {
    /// Warn (long-stretch) when the fastest route from an on-ramp to a first exit into work takes longer.
    #[arg(long, value_name = "WEEKS", default_value_t = 52)]
    max_stretch_weeks: u32,
    /// Note (stale-wage) a wage more than this many years older than the newest wage in the data.
    #[arg(long, value_name = "YEARS", default_value_t = 3)]
    stale_years: u16,
    /// Note (wage-fallback) the jobs whose wage this area lacks (default: the nation).
    #[command(flatten)]
    area: area::AreaArg,
}

impl Thresholds {
    fn options(&self) -> Result<Options, Failure> {
        Ok(Options {
            max_stretch_weeks: f64::from(self.max_stretch_weeks),
            stale_years: self.stale_years,
            area: self.area.resolve(None)?,
        })
    }
}

/// Why a command stopped early: exit code and message for stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    /// Bad arguments or data: exit 2, with a one-line reason (text it quotes from data or the
    /// command line cannot break the line).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: crate::sanitize::clean(&message.into()).into_owned(),
        }
    }

    /// Bad data, reported as several lines each already kept to one (load errors): exit 2.
    pub fn lines(message: String) -> Failure {
        Failure { code: 2, message }
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

/// The values of a repeatable option, one string per occurrence with its words joined: clap's
/// derive flattens `--from tabe11 reading 540 --from ESL 3` into five words.
pub(crate) fn occurrences(m: &clap::ArgMatches, id: &str) -> Option<Vec<String>> {
    let groups = m.try_get_occurrences::<String>(id).ok()??;
    Some(groups.map(|g| g.cloned().collect::<Vec<_>>().join(" ")).collect())
}

/// Runs `pathways` with `args` (the program name first); returns the exit code.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let parsed = Args::command()
        .try_get_matches_from(args)
        .and_then(|m| Args::from_arg_matches(&m).map(|a| (a, m)));
    let args = match parsed {
        Ok((mut args, matches)) => {
            // `--from` values are grouped by occurrence: `--from tabe11 reading 540 --from ESL 3`.
            match (&mut args.command, matches.subcommand()) {
                (Some(Command::Route(route)), Some(("route", m))) => route.group_from(m),
                (Some(Command::Plan(plan)), Some(("plan", m))) => plan.group_from(m),
                (Some(Command::Show { learner, .. }), Some(("show", m))) => learner.group_from(m),
                _ => {}
            }
            args
        }
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{text}");
                return 2;
            }
            // Help and version text.
            let written = write!(out, "{text}").map_err(Failure::from);
            return finish(written.map(|()| 0), out, err);
        }
    };
    // People's text goes through a cleaner; JSON escapes control characters itself.
    let mut clean_out;
    let out: &mut dyn Write = if args.wants_json() {
        out
    } else {
        clean_out = crate::sanitize::CleanWriter::new(out);
        &mut clean_out
    };
    let mut clean_err = crate::sanitize::CleanWriter::new(err);
    let err: &mut dyn Write = &mut clean_err;
    let result = dispatch(args, out, err);
    finish(result, out, err)
}

/// Flushes the (buffered) output, so that it goes out before any message, then says what failed,
/// a write included; returns the exit code.
fn finish(result: Result<i32, Failure>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match (result, out.flush()) {
        (Ok(code), Ok(())) => Ok(code),
        // A reader that went away (`| head`) does not change what the command found.
        (Ok(code), Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        (Ok(_), Err(e)) => Err(Failure::from(e)),
        (Err(failure), _) => Err(failure),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            if !failure.message.is_empty() {
                let _ = writeln!(err, "{}", failure.message);
            }
            failure.code
        }
    }
}

fn dispatch(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let data = DataOptions::from(&args);
    match args.command {
        Some(Command::Check {
            json,
            format,
            deny,
            ref only,
            watch,
            ref thresholds,
        }) => {
            let req = check::Request {
                data: &data,
                format: if json { check::Format::Json } else { format },
                deny_warnings: deny == Some(Deny::Warnings),
                only,
                options: thresholds.options()?,
            };
            if watch {
                return watch::run(&req, out, err);
            }
            return check::run(&req, out, err);
        }
        Some(Command::Diff {
            ref old,
            ref new,
            ref base,
            json,
            format,
            ref thresholds,
        }) => {
            if !args.data.is_empty() {
                return Err(Failure::usage(
                    "diff compares OLD with NEW: give the two files or folders, and shared files with --base, not --data",
                ));
            }
            let req = diff::Request {
                old,
                new,
                base,
                data: &data,
                format: if json { check::Format::Json } else { format },
                options: thresholds.options()?,
            };
            return diff::run(&req, out);
        }
        Some(Command::New {
            ref id,
            ref title,
            ref output,
            force,
        }) => {
            let req = new::Request {
                id,
                title: title.as_deref(),
                output,
                force,
                data: &data,
            };
            return new::run(&req, err);
        }
        Some(Command::Gen { stages, seed, ctdl }) => {
            let text = if ctdl {
                crate::domain::synthetic::ctdl(stages)
            } else {
                crate::domain::synthetic::generate(stages, seed)
            };
            out.write_all(text.as_bytes())?;
            return Ok(0);
        }
        _ => {}
    }
    let loaded = load_data_with(&data, err).map_err(|e| Failure::lines(e.to_string()))?;
    match args.command {
        None => explore(loaded, data),
        Some(Command::Summary { json }) => summary::print(&loaded, json, out),
        Some(Command::Show {
            stage,
            learner,
            area,
            json,
        }) => show::run(&loaded, &stage, &learner, &area, json, out),
        Some(Command::Search {
            text,
            limit,
            area,
            json,
        }) => search::run(&loaded.pathways, &text.join(" "), limit, &area, json, out),
        Some(Command::Wages(args)) => wages::run(&loaded.pathways, &args, out),
        Some(Command::Levels { score, json }) => levels::run(&loaded, score.as_deref(), json, out),
        Some(Command::Route(route)) => route::run(&loaded, &route, out),
        Some(Command::Plan(args)) => plan::run(&loaded, &args, out, err),
        Some(Command::Export {
            format,
            sector,
            output,
            force,
        }) => export::run(
            &loaded.pathways,
            format,
            sector.as_deref(),
            output.as_deref(),
            force,
            out,
            err,
        ),
        Some(Command::Check { .. } | Command::Diff { .. } | Command::Gen { .. } | Command::New { .. }) => {
            Ok(0)
        }
    }
}

/// Writes a file the user named, atomically; an existing one only with `--force`.
pub(crate) fn write_output(path: &std::path::Path, text: &str, force: bool) -> Result<(), Failure> {
    write_output_with(path, text, force, crate::atomic::write)
}

/// `write_output` for personal data (a plan): readable by its owner only.
pub(crate) fn write_private_output(path: &std::path::Path, text: &str, force: bool) -> Result<(), Failure> {
    write_output_with(path, text, force, crate::atomic::write_private)
}

fn write_output_with(
    path: &std::path::Path,
    text: &str,
    force: bool,
    write: fn(&std::path::Path, &[u8], crate::atomic::Existing) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let existing = if force {
        crate::atomic::Existing::Replace
    } else {
        crate::atomic::Existing::Keep
    };
    write(path, text.as_bytes(), existing).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::usage(format!(
            "{} already exists: add --force to replace it",
            path.display()
        )),
        // A folder that does not exist is a mistake in the command, not a failure to write.
        std::io::ErrorKind::NotFound => Failure::usage(crate::atomic::reason(path, &e)),
        _ => Failure {
            code: 1,
            message: crate::atomic::reason(path, &e),
        },
    })
}

/// Opens the explorer, when there is a terminal to open it in.
fn explore(loaded: Loaded, data: DataOptions) -> Result<i32, Failure> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "the explorer needs a terminal; for scripts use `pathways show`, `search`, `levels` or `check` \
             (see `pathways --help`)",
        ));
    }
    // `R` loads as the explorer was loaded; its notes (skipped files) would tear the screen.
    // The shipped data is built in: there is nothing to read again without --data.
    let reload: Option<crate::tui::reload::Reload> = if data.paths.is_empty() {
        None
    } else {
        Some(Box::new(move || load_data_with(&data, &mut std::io::sink())))
    };
    crate::tui::run(loaded, reload).map_err(|e| Failure {
        code: 1,
        message: format!("the explorer stopped: {e}"),
    })
}

/// What to load and how carefully: `--data` paths, file limits and load limits.
#[derive(Debug, Clone, Default)]
pub struct DataOptions {
    pub paths: Vec<PathBuf>,
    pub files: inputs::Options,
    pub limits: Limits,
}

impl From<&Args> for DataOptions {
    fn from(args: &Args) -> Self {
        DataOptions {
            paths: args.data.clone(),
            files: inputs::Options {
                max_file_mib: args.max_file_size,
                max_total_mib: args.max_total_size,
                skip_bad_files: args.skip_bad_files,
                with_shipped: args.with_shipped,
            },
            limits: Limits {
                max_stages: args.max_stages,
                max_transitions: args.max_transitions,
                ..Limits::DEFAULT
            },
        }
    }
}

/// Loads the shipped data, or the `--data` paths, with the default limits.
pub fn load_data(paths: &[PathBuf]) -> Result<Loaded, LoadErrors> {
    let options = DataOptions {
        paths: paths.to_vec(),
        ..DataOptions::default()
    };
    load_data_with(&options, &mut std::io::sink())
}

/// Loads as `options` say; notes (skipped files) and progress go to `err`.
pub fn load_data_with(options: &DataOptions, err: &mut dyn Write) -> Result<Loaded, LoadErrors> {
    let gathered = match inputs::gather(&options.paths, options.files) {
        Ok(g) => g,
        Err((errors, notes)) => {
            for note in notes {
                let _ = writeln!(err, "{note}");
            }
            return Err(errors);
        }
    };
    for note in &gathered.notes {
        let _ = writeln!(err, "{note}");
    }
    let bytes: usize = gathered.inputs.iter().map(|i| i.bytes.len()).sum();
    // A counselor must not think a big load hung.
    if bytes >= PROGRESS_BYTES && std::io::stderr().is_terminal() {
        let _ = writeln!(
            err,
            "loading {} files, {} MiB...",
            gathered.inputs.len(),
            bytes.div_ceil(1024 * 1024)
        );
    }
    let loaded = load_with(&gathered.inputs, options.limits);
    match loaded {
        Err(mut errors) if !options.files.with_shipped && errors.hint.is_none() => {
            errors.hint = shipped_hint(&errors);
            Err(errors)
        }
        other => other,
    }
}

/// A designer's file that links to the shipped foundations fails alone: say which flag loads them.
fn shipped_hint(errors: &LoadErrors) -> Option<String> {
    let unknown: Vec<&str> = errors
        .errors
        .iter()
        .filter_map(|e| e.message.strip_prefix("unknown stage id \""))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    if unknown.is_empty() {
        return None;
    }
    let shipped = load_with(&crate::domain::shipped::inputs(), Limits::DEFAULT).ok()?;
    let mut found: Vec<&str> = unknown
        .into_iter()
        .filter(|id| shipped.pathways.find(id).is_some())
        .collect();
    found.sort_unstable();
    found.dedup();
    let first = *found.first()?;
    let others = match found.len() - 1 {
        0 => String::new(),
        1 => " and 1 more".to_string(),
        n => format!(" and {n} more"),
    };
    let verb = if found.len() == 1 {
        "is a shipped stage"
    } else {
        "are shipped stages"
    };
    Some(format!(
        "\"{first}\"{others} {verb}: add --with-shipped to load the shipped data with your files"
    ))
}

/// Loads at least this large announce themselves on a terminal.
const PROGRESS_BYTES: usize = 32 * 1024 * 1024;

/// Pretty JSON and a final newline.
fn write_json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    crate::sanitize::write_json_pretty(&mut *out, value).map_err(|e| {
        if e.is_io() {
            Failure::from(std::io::Error::from(e))
        } else {
            Failure::usage(format!("cannot encode JSON: {e}"))
        }
    })?;
    writeln!(out)?;
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
        Resolved::Unknown => Err(Failure::usage(crate::domain::search::no_match(
            pathways,
            "unknown stage",
            text,
        ))),
    }
}
