//! `pathways plan`: the plan a learner takes home, for the same learner inputs as `route`, as one
//! printable HTML page, Markdown or plain text, in English or Spanish (`domain::plan` writes it).
//!
//! Exit 0 with a plan (also for a route not open yet: the plan lists what she needs first), 1 when
//! the file cannot be written, 2 for bad arguments or a file that exists without `--force`.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::Failure;
use super::route::{self, LearnerArgs, StartArg};
use crate::domain::load::Loaded;
use crate::domain::plan::{self, Lang, PlanInput, StartPoint};
use crate::domain::route::{Query, Route, best_routes, first_block, integration};

/// Routes looked at for `--via` before saying none passes that way.
const VIA_CANDIDATES: usize = 200;

/// What `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Html,
    Md,
    Txt,
}

impl From<FormatArg> for plan::Format {
    fn from(f: FormatArg) -> plan::Format {
        match f {
            FormatArg::Html => plan::Format::Html,
            FormatArg::Md => plan::Format::Markdown,
            FormatArg::Txt => plan::Format::Text,
        }
    }
}

/// The raw arguments of `pathways plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    #[command(flatten)]
    who: LearnerArgs,
    /// The goal: a stage id or title (fuzzy); without it, the learner file's goal.
    #[arg(long, value_name = "STAGE", num_args = 1..)]
    to: Vec<String>,
    /// Which route, by rank among the routes open to her (1 = the best, as `route -k` lists them).
    #[arg(
        long = "route",
        value_name = "N",
        default_value = "1",
        allow_negative_numbers = true
    )]
    rank: String,
    /// The route that passes through this stage (repeatable, in order).
    #[arg(long, value_name = "STAGE")]
    via: Vec<String>,
    /// The plan's language: en or es (default: the learner file's, else English).
    #[arg(long, value_name = "en|es")]
    lang: Option<String>,
    /// html (one page to print), md or txt (default: from the -o file's extension, else HTML for a
    /// file and text on the terminal).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write the plan to this file (atomically, readable by you only) instead of the terminal.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    force: bool,
}

impl PlanArgs {
    pub fn group_from(&mut self, m: &clap::ArgMatches) {
        self.who.group_from(m);
    }
}

pub fn run(
    loaded: &Loaded,
    args: &PlanArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Failure> {
    let p = &loaded.pathways;
    let resolved = route::resolve_args(loaded, &args.who, &args.to, None, None)?;
    let Some(goal) = resolved.to.as_ref().map(|t| t.node) else {
        return Err(Failure::usage(
            "a plan needs a goal: add --to STAGE (or a \"goal\" in the learner file)",
        ));
    };
    let (whose, code) = match (&args.lang, &resolved.lang) {
        (Some(code), _) => ("--lang", Some(code.as_str())),
        (None, Some(code)) => ("the learner's lang", Some(code.as_str())),
        (None, None) => ("", None),
    };
    let lang = match code {
        None => Lang::En,
        Some(code) => Lang::parse(code).ok_or_else(|| {
            Failure::usage(format!(
                "{whose} '{code}': plans are written in en (English) or es (Spanish)"
            ))
        })?,
    };
    let rank = rank(&args.rank)?;
    let via = args
        .via
        .iter()
        .map(|text| route::named_stage(p, "--via", text).map(|n| n.node))
        .collect::<Result<Vec<_>, _>>()?;
    let (chosen, to_meet) = choose(loaded, &resolved.query, goal, rank, &via)?;
    if !to_meet.is_empty() {
        let _ = writeln!(
            err,
            "note: no route to {} is open to this learner yet; the plan lists what she needs first",
            p.stage(goal).title
        );
    }
    // A route not open yet is compared with the sequential routes she could take once she meets
    // the same requirements.
    let mut compare = resolved.query.clone();
    compare.constraints.ignore_requirements = !to_meet.is_empty();
    let format = format(args.format, args.output.as_deref())?;
    let others = best_routes(p, &compare, goal, 2)
        .routes
        .iter()
        .any(|r| *r != chosen);
    let input = PlanInput {
        others,
        name: resolved.name.clone(),
        start: start_point(&resolved.from),
        route: &chosen,
        to_meet,
        integration: Some(integration(p, &compare, &chosen)),
        date: plan::today(),
        area: resolved.area,
        lang,
        limits: resolved.query.constraints.clone(),
    };
    let text = plan::render(p, &input, format);
    match &args.output {
        Some(path) => {
            super::write_private_output(path, &text, args.force)?;
            let _ = writeln!(err, "Plan written to {}", path.display());
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(0)
}

/// The format `--format` names, else the `-o` file's extension (HTML for a name without one),
/// else text for the terminal. An extension that names no plan format (`.pdf`) is refused rather
/// than written under a name that promises something else.
fn format(given: Option<FormatArg>, output: Option<&std::path::Path>) -> Result<plan::Format, Failure> {
    if let Some(f) = given {
        return Ok(f.into());
    }
    let Some(path) = output else {
        return Ok(plan::Format::Text);
    };
    match (plan::Format::of_path(path), path.extension()) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(plan::Format::Html),
        (None, Some(ext)) => Err(Failure::usage(format!(
            "-o {}: plans are written as .html, .md or .txt, not .{}; for a PDF, print the HTML from a browser",
            path.display(),
            ext.to_string_lossy()
        ))),
    }
}

/// `--route N`: a whole number, 1 or more.
fn rank(text: &str) -> Result<usize, Failure> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(Failure::usage(format!(
            "--route '{text}': give the route's rank, a whole number 1 or more (1 = the best)"
        ))),
    }
}

/// The route the arguments pick, and the requirements she must still meet on it: an open route
/// when one is, else the nearest route requirements block (so the plan says what to get first).
fn choose(
    loaded: &Loaded,
    q: &Query,
    goal: petgraph::graph::NodeIndex,
    rank: usize,
    via: &[petgraph::graph::NodeIndex],
) -> Result<
    (
        Route,
        Vec<(petgraph::graph::NodeIndex, crate::domain::condition::CondSet)>,
    ),
    Failure,
> {
    let p = &loaded.pathways;
    let wanted = if via.is_empty() { rank } else { VIA_CANDIDATES };
    let passes = |r: &Route| passes_in_order(r.stages(), via);
    let open: Vec<Route> = best_routes(p, q, goal, wanted)
        .routes
        .into_iter()
        .filter(passes)
        .collect();
    if let Some(route) = open.get(rank - 1) {
        return Ok((route.clone(), Vec::new()));
    }
    let mut relaxed = q.clone();
    relaxed.constraints.ignore_requirements = true;
    let closed: Vec<Route> = best_routes(p, &relaxed, goal, wanted.max(rank))
        .routes
        .into_iter()
        .filter(passes)
        .filter(|r| !open.contains(r))
        .collect();
    let way = if via.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = via.iter().map(|&n| p.stage(n).id.as_str()).collect();
        format!(" through {}", names.join(", "))
    };
    let none_closed = closed.is_empty();
    let Some(route) = closed.into_iter().next().filter(|_| rank == 1) else {
        return Err(Failure::usage(match (open.len(), none_closed) {
            (0, true) => format!("no route to {}{way} exists from this start", p.stage(goal).title),
            (0, false) => format!(
                "--route {rank}: no route to {}{way} is open to this learner yet; leave out --route for the plan of what she needs first",
                p.stage(goal).title
            ),
            (n, _) => format!(
                "--route {rank}: only {n} route{} to {}{way} {} open to this learner",
                if n == 1 { "" } else { "s" },
                p.stage(goal).title,
                if n == 1 { "is" } else { "are" }
            ),
        }));
    };
    let to_meet = match first_block(p, q, route.clone()) {
        Some(b) => std::iter::once((b.at, b.missing)).chain(b.later).collect(),
        None => Vec::new(),
    };
    Ok((route, to_meet))
}

/// Whether `stages` passes through every one of `via`, in that order.
fn passes_in_order(stages: &[petgraph::graph::NodeIndex], via: &[petgraph::graph::NodeIndex]) -> bool {
    let mut rest = stages.iter();
    via.iter().all(|v| rest.any(|s| s == v))
}

fn start_point(from: &StartArg) -> StartPoint {
    match from {
        StartArg::Levels { levels, placements } => StartPoint::Levels {
            levels: *levels,
            placements: placements.clone(),
        },
        StartArg::Stage { node, .. } => StartPoint::Stage(*node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn via_stages_must_come_in_order() {
        let n = petgraph::graph::NodeIndex::new;
        let stages = [n(1), n(2), n(3)];
        assert!(passes_in_order(&stages, &[]));
        assert!(passes_in_order(&stages, &[n(1), n(3)]));
        assert!(!passes_in_order(&stages, &[n(3), n(1)]));
        assert!(!passes_in_order(&stages, &[n(4)]));
    }

    #[test]
    fn the_format_comes_from_the_flag_or_the_file_name() {
        let path = |p: &str| Some(std::path::PathBuf::from(p));
        assert_eq!(format(None, None).unwrap(), plan::Format::Text);
        assert_eq!(
            format(None, path("a.MD").as_deref()).unwrap(),
            plan::Format::Markdown
        );
        assert_eq!(format(None, path("plan").as_deref()).unwrap(), plan::Format::Html);
        assert_eq!(
            format(Some(FormatArg::Txt), path("a.pdf").as_deref()).unwrap(),
            plan::Format::Text
        );
        assert!(format(None, path("a.pdf").as_deref()).is_err());
    }

    #[test]
    fn rank_is_one_or_more() {
        assert_eq!(rank(" 2 ").unwrap(), 2);
        assert!(rank("0").is_err());
        assert!(rank("-1").is_err());
        assert!(rank("best").is_err());
    }
}
