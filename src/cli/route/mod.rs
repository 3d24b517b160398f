//! `pathways route`: the best routes from a skill level, a test score or a stage to a goal, or to
//! every reachable job; text for people (`text`), JSON for programs (`json`).
//!
//! Arguments are resolved in two stages, as ripgrep does: the raw strings clap hands over, then a
//! `Plan` the engine runs on. Every bad argument becomes exit 2 with a one-line reason.

mod json;
mod text;

use std::io::Write;

use clap::ValueEnum;
use petgraph::graph::NodeIndex;

use super::area::AreaArg;
use super::{Failure, write_json};
use crate::domain::benchmark::Placement;
use crate::domain::condition::CondSet;
use crate::domain::graph::Pathways;
use crate::domain::learner::{self, Learner, read_from};
use crate::domain::level::Levels;
use crate::domain::load::Loaded;
use crate::domain::route::{
    self, Constraints, Found, Integration, Measure, Query, levels_reaching, lowest_entry, on_ramps_for,
};
use crate::domain::search::{Resolved, resolve};
use crate::domain::wages::{self, AreaId};

/// What `--by` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Weeks,
    Cost,
    Steps,
}

impl From<By> for Measure {
    fn from(by: By) -> Measure {
        match by {
            By::Weeks => Measure::Weeks,
            By::Cost => Measure::Cost,
            By::Steps => Measure::Steps,
        }
    }
}

/// What `--sort` accepts: the list of jobs by the `--by` measure, or by the job's median wage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    Measure,
    Wage,
}

/// Who the learner is and what limits her routes: the inputs `route` and `plan` share.
#[derive(Debug, clap::Args)]
pub struct LearnerArgs {
    /// Where the learner starts (repeatable): skill levels ("ESL 3", "ABE 4", "HSE") and test
    /// scores ("casas-esl reading 195"), or the one stage she is at (id or title).
    #[arg(long, value_name = "LEVEL|SCORE|STAGE", num_args = 1.., required_unless_present = "learner")]
    from: Vec<String>,
    /// A condition the learner holds (repeatable): `hse`, `drivers-license`, ... (`pathways levels`
    /// lists them).
    #[arg(long = "has", value_name = "CONDITION")]
    has: Vec<String>,
    /// A learner file (`pathways-learner/1`); flags given here override what it says.
    #[arg(long, value_name = "FILE")]
    learner: Option<std::path::PathBuf>,
    /// What "best" means.
    #[arg(long, value_enum, default_value_t = By::Weeks)]
    by: By,
    /// Never pass through this stage (repeatable).
    #[arg(long, value_name = "STAGE")]
    avoid: Vec<String>,
    /// Only routes of at most this many weeks.
    #[arg(long, value_name = "WEEKS", allow_negative_numbers = true)]
    max_weeks: Option<String>,
    /// Only routes costing at most this many dollars.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    max_cost: Option<String>,
    /// Every move into a training program is integrated (IET, I-BEST).
    #[arg(long)]
    integrated_only: bool,
    /// Only routes that pass through a job, apprenticeship or other paid work before the goal.
    #[arg(long)]
    earn: bool,
    /// Only routes whose first paid step (a job, an apprenticeship or other paid work, the goal
    /// included) starts within this many weeks.
    #[arg(long, value_name = "WEEKS", allow_negative_numbers = true)]
    paid_within: Option<String>,
    #[command(flatten)]
    area: AreaArg,
}

impl LearnerArgs {
    /// Regroups `--from` by occurrence (clap's derive flattens them): each `--from` is one value,
    /// its words joined, so `--from tabe11 reading 540` needs no quotes.
    pub fn group_from(&mut self, m: &clap::ArgMatches) {
        if let Some(from) = super::occurrences(m, "from") {
            self.from = from;
        }
    }
}

/// The raw arguments of `pathways route`.
#[derive(Debug, clap::Args)]
pub struct RouteArgs {
    #[command(flatten)]
    who: LearnerArgs,
    /// The goal: a stage id or title (fuzzy). Without it: the best route to every reachable job.
    #[arg(long, value_name = "STAGE", num_args = 1..)]
    to: Vec<String>,
    /// How many routes to the goal, best first; without --to, the first N jobs of the list.
    #[arg(short = 'k', value_name = "N", allow_negative_numbers = true)]
    k: Option<String>,
    /// Order the list of jobs (without --to) by the --by measure or by median wage.
    #[arg(long, value_enum, value_name = "measure|wage")]
    sort: Option<SortBy>,
    /// Print JSON for programs (DESIGN's route contract plus details) instead of text.
    #[arg(long)]
    json: bool,
}

impl RouteArgs {
    /// Regroups `--from` by occurrence (clap's derive flattens them): each `--from` is one value,
    /// its words joined, so `--from tabe11 reading 540` needs no quotes.
    pub fn group_from(&mut self, m: &clap::ArgMatches) {
        self.who.group_from(m);
    }

    /// Whether the routes are printed as JSON.
    pub fn json(&self) -> bool {
        self.json
    }
}

/// How the start was given, for the report.
#[derive(Debug, Clone)]
pub enum StartArg {
    Levels {
        levels: Levels,
        placements: Vec<Placement>,
    },
    Stage {
        node: NodeIndex,
        /// The text, when it was not the stage's id (a title or fuzzy match was used).
        matched_from: Option<String>,
    },
}

/// A stage named on the command line, and the text when it was not the id.
#[derive(Debug, Clone)]
pub struct Named {
    pub node: NodeIndex,
    pub matched_from: Option<String>,
}

/// The resolved arguments.
pub struct Plan {
    pub from: StartArg,
    /// What the learner holds, closed under implication.
    pub holds: CondSet,
    pub to: Option<Named>,
    pub query: Query,
    /// Routes to the goal; without a goal, `-k` keeps the first `k` jobs of the list.
    pub k: usize,
    pub k_given: Option<usize>,
    pub sort: SortBy,
    pub avoid: Vec<Named>,
    /// The area whose wages are shown.
    pub area: AreaId,
    /// The learner's name and language, from her file (for a plan).
    pub name: Option<String>,
    pub lang: Option<String>,
}

/// What the engine answered.
pub enum Answer {
    /// Routes to one goal, and what integration saves on the best one.
    ToTarget {
        found: Found,
        integration: Option<Integration>,
    },
    /// The best route to every reachable job (the first `k` when `-k` is given), of `total` jobs.
    Destinations { found: Found, total: usize },
}

impl Answer {
    fn found(&self) -> &Found {
        match self {
            Answer::ToTarget { found, .. } | Answer::Destinations { found, .. } => found,
        }
    }
}

pub fn run(loaded: &Loaded, args: &RouteArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let p = &loaded.pathways;
    let plan = resolve_args(loaded, &args.who, &args.to, args.k.as_deref(), args.sort)?;
    let answer = match &plan.to {
        Some(to) => {
            let found = route::best_routes(p, &plan.query, to.node, plan.k);
            let integration = found
                .routes
                .first()
                .map(|best| route::integration(p, &plan.query, best));
            Answer::ToTarget { found, integration }
        }
        None => {
            let mut found = route::destinations(p, &plan.query);
            if plan.sort == SortBy::Wage {
                let wage = |n| wages::of_stage(p, n, plan.area).and_then(|w| w.annual());
                route::sort_by_wage(p, &mut found.routes, plan.query.measure, wage);
            }
            let total = found.routes.len();
            if let Some(k) = plan.k_given {
                found.routes.truncate(k);
            }
            Answer::Destinations { found, total }
        }
    };
    let none = answer.found().routes.is_empty();
    let blocked = if none {
        route::blocked(p, &plan.query, plan.to.as_ref().map(|t| t.node))
    } else {
        None
    };
    let why = none.then(|| nothing_reachable(p, &plan, blocked.as_ref()));
    if args.json {
        write_json(
            out,
            &json::document(p, &plan, &answer, why.as_deref(), blocked.as_ref()),
        )?;
    } else {
        text::write(p, &plan, &answer, why.as_deref(), out)?;
    }
    Ok(if none { 1 } else { 0 })
}

/// Resolves the raw arguments, or says in one line what is wrong with them.
pub fn resolve_args(
    loaded: &Loaded,
    args: &LearnerArgs,
    to: &[String],
    k: Option<&str>,
    sort: Option<SortBy>,
) -> Result<Plan, Failure> {
    let p = &loaded.pathways;
    let learner = learner_of(loaded, &args.learner, &args.from, &args.has)?;
    let area = args.area.resolve(learner.area.as_deref())?;
    let profile = learner
        .profile(p, &loaded.benchmarks)
        .map_err(|e| Failure::usage(e.0))?;
    let from = match profile.at {
        Some(node) => StartArg::Stage {
            node,
            matched_from: args
                .from
                .iter()
                .find(|t| t.trim() != p.stage(node).id && p.find(t.trim()).is_none())
                .cloned(),
        },
        None => StartArg::Levels {
            levels: profile.levels,
            placements: profile.placements.clone(),
        },
    };
    let to = if !to.is_empty() {
        Some(named_stage(p, "--to", &to.join(" "))?)
    } else {
        profile.goal.map(|node| Named {
            node,
            matched_from: None,
        })
    };
    let k_given = match k {
        None => None,
        Some(text) => match text.trim().parse::<i64>() {
            Ok(k) if k >= 1 => Some(usize::try_from(k).unwrap_or(usize::MAX)),
            Ok(k) => {
                return Err(Failure::usage(format!(
                    "-k {k}: the number of routes must be 1 or more"
                )));
            }
            Err(_) => {
                return Err(Failure::usage(format!(
                    "-k '{text}': the number of routes must be a whole number, 1 or more"
                )));
            }
        },
    };
    let k = k_given.unwrap_or(1);
    let sort = sort.unwrap_or(SortBy::Measure);
    if sort == SortBy::Wage && to.is_some() {
        return Err(Failure::usage(
            "--sort wage orders the list of jobs; leave out --to to get that list",
        ));
    }
    let max_weeks = limit("--max-weeks", "weeks", args.max_weeks.as_deref())?.or(learner.limits.max_weeks);
    let max_cost = limit("--max-cost", "dollars", args.max_cost.as_deref())?.or(learner.limits.max_cost);
    let paid_within =
        limit("--paid-within", "weeks", args.paid_within.as_deref())?.or(learner.limits.paid_within);
    let mut avoid: Vec<Named> = if args.avoid.is_empty() {
        profile
            .avoid
            .iter()
            .map(|&node| Named {
                node,
                matched_from: None,
            })
            .collect()
    } else {
        Vec::new()
    };
    for text in &args.avoid {
        let named = named_stage(p, "--avoid", text)?;
        let title = &p.stage(named.node).title;
        if to.as_ref().is_some_and(|t| t.node == named.node) {
            return Err(Failure::usage(format!(
                "--avoid '{text}' names the goal itself ({title})"
            )));
        }
        if matches!(from, StartArg::Stage { node, .. } if node == named.node) {
            return Err(Failure::usage(format!(
                "--avoid '{text}' names the starting stage itself ({title})"
            )));
        }
        avoid.push(named);
    }
    let query = Query {
        constraints: Constraints {
            avoid: avoid.iter().map(|a| a.node).collect(),
            max_weeks,
            max_cost,
            integrated_only: args.integrated_only || learner.limits.integrated_only,
            sequential_only: false,
            earn: args.earn || learner.limits.earn,
            paid_within,
            ignore_requirements: false,
        },
        ..Query::new(profile.start(), args.by.into()).holding(profile.holds.clone())
    };
    Ok(Plan {
        from,
        holds: profile.holds,
        to,
        query,
        k,
        k_given,
        sort,
        avoid,
        area,
        name: learner.name,
        lang: learner.lang,
    })
}

/// The learner the flags describe: the `--learner` file if given, with every flag given on the
/// command line overriding what the file says (`--from` replaces its levels, scores and stage;
/// `--has` its holds).
pub fn learner_of(
    loaded: &Loaded,
    file: &Option<std::path::PathBuf>,
    from: &[String],
    has: &[String],
) -> Result<Learner, Failure> {
    let p = &loaded.pathways;
    let mut learner = match file {
        // One line per problem, each already clean.
        Some(path) => Learner::load(path, p, &loaded.benchmarks).map_err(Failure::lines)?,
        None => Learner::default(),
    };
    if !from.is_empty() {
        learner.levels.clear();
        learner.scores.clear();
        learner.at = None;
        for text in from {
            let read = read_from(p, &loaded.benchmarks, text).map_err(|e| Failure::usage(e.0))?;
            learner.add_from(p, read).map_err(|e| Failure::usage(e.0))?;
        }
    }
    if !has.is_empty() {
        learner.holds = has.iter().map(|h| h.trim().to_string()).collect();
    }
    Ok(learner)
}

/// A stage named by id or title; ambiguous and unknown names are bad arguments.
pub fn named_stage(p: &Pathways, flag: &str, text: &str) -> Result<Named, Failure> {
    let text = text.trim();
    match resolve(p, text) {
        Resolved::Exact(node) => Ok(Named {
            node,
            matched_from: None,
        }),
        Resolved::Named(node) => Ok(Named {
            node,
            matched_from: Some(text.to_string()),
        }),
        Resolved::Ambiguous(nodes) => Err(ambiguous(p, flag, text, &nodes)),
        Resolved::Unknown => Err(Failure::usage(crate::domain::search::no_match(p, flag, text))),
    }
}

fn ambiguous(p: &Pathways, flag: &str, text: &str, nodes: &[NodeIndex]) -> Failure {
    Failure::usage(learner::ambiguous(p, flag, text, nodes).0)
}

/// A limit: a finite number, 0 or more.
fn limit(flag: &str, unit: &str, text: Option<&str>) -> Result<Option<f64>, Failure> {
    let Some(text) = text else { return Ok(None) };
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
        Ok(x) if x < 0.0 => Err(Failure::usage(format!(
            "{flag} {text}: a limit cannot be negative; give {unit}, 0 or more"
        ))),
        _ => Err(Failure::usage(format!(
            "{flag} '{text}' is not a number of {unit}"
        ))),
    }
}

/// Why there is no route: one or two sentences a counselor can act on.
pub fn nothing_reachable(p: &Pathways, plan: &Plan, blocked: Option<&route::Blocked>) -> String {
    let from = text::from_words(p, &plan.from);
    if let StartArg::Levels { levels, .. } = &plan.from
        && on_ramps_for(p, levels).is_empty()
    {
        let lowest: Vec<String> = levels
            .all()
            .iter()
            .filter_map(|l| lowest_entry(p, l.scale()))
            .map(|lowest| {
                let at: Vec<String> = lowest
                    .stages
                    .iter()
                    .take(3)
                    .map(|&n| format!("{} ({})", p.stage(n).title, p.stage(n).id))
                    .collect();
                format!("the lowest entry is {} at {}", lowest.level, at.join(", "))
            })
            .collect();
        return if lowest.is_empty() {
            format!("No on-ramp accepts {levels} in these pathways, nor any level on its scale.")
        } else {
            format!(
                "No on-ramp accepts {levels} in these pathways; {}.",
                lowest.join("; ")
            )
        };
    }
    let goal_words = plan
        .to
        .as_ref()
        .map(|t| t.node)
        .map_or_else(|| "any job".to_string(), |g| p.stage(g).title.clone());
    if let Some(b) = blocked {
        return format!(
            "No route from {from} to {goal_words} is open to this learner: {}.",
            b.words(p)
        );
    }
    let limits = text::constraint_words(p, plan);
    let unconstrained = {
        let mut q = plan.query.clone();
        q.constraints = Constraints::default();
        q
    };
    match &plan.to {
        Some(to) => {
            let goal = &p.stage(to.node).title;
            if !limits.is_empty()
                && let Some(best) = route::best_routes(p, &unconstrained, to.node, 1).routes.first()
            {
                return format!(
                    "No route from {from} to {goal} meets {}; without {} the best route takes {}.",
                    limits.join(", "),
                    if limits.len() == 1 { "it" } else { "them" },
                    text::totals_words(p, best)
                );
            }
            match plan.from {
                StartArg::Levels { .. } => {
                    let levels = levels_reaching(p, to.node);
                    if levels.is_empty() {
                        format!("No route from {from} to {goal}: no on-ramp at any level leads there.")
                    } else {
                        format!(
                            "No route from {from} to {goal}: it can be reached from {}.",
                            text::level_ranges(&levels)
                        )
                    }
                }
                StartArg::Stage { .. } => {
                    format!("No route from {from} to {goal}: no chain of transitions leads there.")
                }
            }
        }
        None => {
            if !limits.is_empty() && !route::destinations(p, &unconstrained).routes.is_empty() {
                format!("No job can be reached from {from} under {}.", limits.join(", "))
            } else {
                format!("No job can be reached from {from} in these pathways.")
            }
        }
    }
}
