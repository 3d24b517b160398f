//! `pathways route --json`: DESIGN's contract (`routes[].stages/weeks/cost_usd/steps/segments`) plus
//! the start, the goal, the limits, each route's steps and wages, and what integration saves.

use serde::Serialize;

use super::{Answer, Named, Plan, SortBy, StartArg};
use crate::domain::graph::Pathways;
use crate::domain::route::{Blocked, Constraints, Integration, Route, weeks_span};
use crate::domain::wages::{self, AreaId, WageFacts};
use crate::route_words::unsure_limits;

#[derive(Serialize)]
pub struct Document<'a> {
    routes: Vec<RouteJson<'a>>,
    /// The area whose wages are shown.
    area: AreaJson,
    from: FromJson<'a>,
    /// Condition ids the learner holds (with what they imply).
    holds: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<StageRef<'a>>,
    by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<&'static str>,
    constraints: ConstraintsJson<'a>,
    /// False when the limits stopped the search before `k` routes were found.
    complete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    integration: Option<IntegrationJson<'a>>,
    /// Why there is no route, when `routes` is empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    /// When no route is open: the nearest route if she held everything, and what blocks it where.
    #[serde(skip_serializing_if = "Option::is_none")]
    blocked: Option<BlockedJson<'a>>,
}

#[derive(Serialize)]
struct BlockedJson<'a> {
    route: Vec<&'a str>,
    at: Vec<BlockJson<'a>>,
}

#[derive(Serialize)]
struct BlockJson<'a> {
    stage: &'a str,
    missing: Vec<&'a str>,
}

#[derive(Serialize)]
struct RouteJson<'a> {
    stages: Vec<&'a str>,
    weeks: f64,
    cost_usd: f64,
    steps: usize,
    segments: Vec<SegmentJson<'a>>,
    /// The goal (the destination job without `--to`).
    target: &'a str,
    /// Each stage with what it adds; `mode` is the transition into it (null for the first).
    path: Vec<LegJson<'a>>,
    /// The jobs on the route, destination included, with their median wages.
    wages: Vec<WageJson<'a>>,
    /// Some stage length or cost counted here is missing from the data (counted as 0).
    weeks_incomplete: bool,
    cost_incomplete: bool,
    /// `[shortest, longest]` weeks, when a stage on the route states a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks_range: Option<[f64; 2]>,
    /// The limits (by their `constraints` key) the route keeps to only because a length or
    /// cost it needs is not in the data and counts as 0.
    unsure_limits: Vec<&'static str>,
    /// The first stage that pays her (work-based learning or a job); null when none does.
    first_paid: Option<FirstPaidJson<'a>>,
    /// Every stage that pays her, in order: work-based learning (an apprenticeship pays while
    /// she learns) and jobs, with the wage where the data has one.
    earnings: Vec<EarningJson<'a>>,
}

#[derive(Serialize)]
struct FirstPaidJson<'a> {
    stage: &'a str,
    /// Its place on the route, counting the first stage as 1.
    step: usize,
    /// The route's weeks before it starts (`weeks_unknown`: some length there is not known).
    weeks_before: f64,
    weeks_unknown: bool,
}

#[derive(Serialize)]
struct EarningJson<'a> {
    stage: &'a str,
    title: &'a str,
    kind: &'static str,
    median_annual_usd: Option<f64>,
}

#[derive(Serialize)]
struct SegmentJson<'a> {
    mode: &'static str,
    stages: Vec<&'a str>,
    weeks: f64,
}

#[derive(Serialize)]
struct LegJson<'a> {
    stage: &'a str,
    title: &'a str,
    kind: &'static str,
    mode: Option<&'static str>,
    weeks: f64,
    cost_usd: f64,
    weeks_unknown: bool,
    cost_unknown: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    credential: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    median_annual_usd: Option<f64>,
}

#[derive(Serialize)]
struct WageJson<'a> {
    stage: &'a str,
    title: &'a str,
    median_annual_usd: Option<f64>,
    year: Option<u16>,
    /// Where the wage comes from: area, release, fallback, employment.
    wage: Option<WageFacts>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum FromJson<'a> {
    Level {
        /// The first level (ESL before ABE), as before learners had several.
        level: String,
        name: &'static str,
        levels: Vec<LevelJson>,
        #[serde(skip_serializing_if = "Option::is_none")]
        placement: Option<PlacementJson<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        placements: Vec<PlacementJson<'a>>,
    },
    Stage {
        stage: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        matched_from: Option<&'a str>,
    },
}

/// The area whose wages a document shows.
#[derive(Serialize)]
struct AreaJson {
    name: &'static str,
    code: &'static str,
    source: String,
}

impl AreaJson {
    fn of(area: AreaId) -> AreaJson {
        let l = wages::layer();
        AreaJson {
            name: l.area(area).name,
            code: l.area(area).code,
            source: l.citation(),
        }
    }
}

#[derive(Serialize)]
struct LevelJson {
    level: String,
    name: &'static str,
}

#[derive(Serialize)]
struct PlacementJson<'a> {
    test: &'a str,
    subject: &'a str,
    score: u32,
    source: &'a str,
}

#[derive(Serialize)]
struct StageRef<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_from: Option<&'a str>,
}

#[derive(Serialize)]
struct ConstraintsJson<'a> {
    k: usize,
    avoid: Vec<&'a str>,
    max_weeks: Option<f64>,
    max_cost: Option<f64>,
    integrated_only: bool,
    earn: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    paid_within_weeks: Option<f64>,
}

#[derive(Serialize)]
struct IntegrationJson<'a> {
    /// Whether the best route uses an integrated transition.
    uses_integrated: bool,
    /// The best route using only sequential transitions (null when there is none, or no need).
    sequential: Option<Box<RouteJson<'a>>>,
    /// The sequential route's weeks minus the best route's (null without a sequential route).
    weeks_saved: Option<f64>,
}

pub fn document<'a>(
    p: &'a Pathways,
    plan: &'a Plan,
    answer: &'a Answer,
    why: Option<&'a str>,
    blocked: Option<&'a Blocked>,
) -> Document<'a> {
    let found = answer.found();
    let integration = match answer {
        Answer::ToTarget {
            integration: Some(i), ..
        } => Some(integration_json(p, plan.area, &plan.query.constraints, i)),
        _ => None,
    };
    let c = &plan.query.constraints;
    Document {
        routes: found
            .routes
            .iter()
            .map(|r| route_json(p, plan.area, &plan.query.constraints, r))
            .collect(),
        area: AreaJson::of(plan.area),
        from: from_json(p, &plan.from),
        holds: p.conditions().ids(&plan.holds),
        to: plan.to.as_ref().map(|t| stage_ref(p, t)),
        by: plan.query.measure.as_str(),
        sort: match answer {
            Answer::Destinations { .. } => Some(match plan.sort {
                SortBy::Measure => "measure",
                SortBy::Wage => "wage",
            }),
            Answer::ToTarget { .. } => None,
        },
        constraints: ConstraintsJson {
            k: plan.k,
            avoid: plan.avoid.iter().map(|a| p.stage(a.node).id.as_str()).collect(),
            max_weeks: c.max_weeks,
            max_cost: c.max_cost,
            integrated_only: c.integrated_only,
            earn: c.earn,
            paid_within_weeks: c.paid_within,
        },
        complete: found.complete,
        integration,
        message: why,
        blocked: blocked.map(|b| BlockedJson {
            route: b.route.stages().iter().map(|&n| p.stage(n).id.as_str()).collect(),
            at: std::iter::once((b.at, &b.missing))
                .chain(b.later.iter().map(|(n, m)| (*n, m)))
                .map(|(n, m)| BlockJson {
                    stage: &p.stage(n).id,
                    missing: p.conditions().ids(m),
                })
                .collect(),
        }),
    }
}

fn route_json<'a>(p: &'a Pathways, area: AreaId, c: &Constraints, r: &Route) -> RouteJson<'a> {
    let id = |n| p.stage(n).id.as_str();
    let legs = r.legs(p);
    RouteJson {
        stages: r.stages().iter().map(|&n| id(n)).collect(),
        weeks: r.weeks,
        cost_usd: r.cost_usd,
        steps: r.steps,
        segments: r
            .segments(p)
            .iter()
            .map(|s| SegmentJson {
                mode: s.mode.as_str(),
                stages: s.stages.iter().map(|&n| id(n)).collect(),
                weeks: s.weeks,
            })
            .collect(),
        target: id(r.target()),
        weeks_incomplete: legs.iter().any(|l| l.weeks_unknown),
        cost_incomplete: legs.iter().any(|l| l.cost_unknown),
        weeks_range: weeks_span(&legs).map(|(lo, hi)| [lo, hi]),
        unsure_limits: unsure_limits(p, r, c).into_iter().map(|(key, _)| key).collect(),
        first_paid: r.first_paid(p).map(|f| FirstPaidJson {
            stage: id(f.stage),
            step: f.step + 1,
            weeks_before: f.weeks_before,
            weeks_unknown: f.weeks_unknown,
        }),
        earnings: r
            .paid(p)
            .map(|n| {
                let s = p.stage(n);
                EarningJson {
                    stage: &s.id,
                    title: &s.title,
                    kind: s.kind.as_str(),
                    median_annual_usd: wages::of_stage(p, n, area).and_then(|w| w.annual()),
                }
            })
            .collect(),
        path: legs
            .iter()
            .map(|l| {
                let s = p.stage(l.stage);
                LegJson {
                    stage: &s.id,
                    title: &s.title,
                    kind: s.kind.as_str(),
                    mode: l.mode.map(|m| m.as_str()),
                    weeks: l.weeks,
                    cost_usd: l.cost_usd,
                    weeks_unknown: l.weeks_unknown,
                    cost_unknown: l.cost_unknown,
                    credential: s.credential.as_deref(),
                    median_annual_usd: wages::of_stage(p, l.stage, area).and_then(|w| w.annual()),
                }
            })
            .collect(),
        wages: r
            .jobs(p)
            .map(|n| {
                let s = p.stage(n);
                let wage = wages::of_stage(p, n, area);
                WageJson {
                    stage: &s.id,
                    title: &s.title,
                    median_annual_usd: wage.and_then(|w| w.annual()),
                    year: wage.map(|w| w.year()),
                    wage: wage.map(|w| w.facts(p, n)),
                }
            })
            .collect(),
    }
}

fn from_json<'a>(p: &'a Pathways, from: &'a StartArg) -> FromJson<'a> {
    match from {
        StartArg::Levels { levels, placements } => {
            let all = levels.all();
            let placed: Vec<PlacementJson<'a>> = placements
                .iter()
                .map(|pl| PlacementJson {
                    test: &pl.test,
                    subject: &pl.subject,
                    score: pl.score,
                    source: &pl.source,
                })
                .collect();
            FromJson::Level {
                level: all.first().map(ToString::to_string).unwrap_or_default(),
                name: all.first().map_or("", |l| l.nrs_name()),
                levels: all
                    .iter()
                    .map(|l| LevelJson {
                        level: l.to_string(),
                        name: l.nrs_name(),
                    })
                    .collect(),
                placement: placements.first().map(|pl| PlacementJson {
                    test: &pl.test,
                    subject: &pl.subject,
                    score: pl.score,
                    source: &pl.source,
                }),
                placements: placed,
            }
        }
        StartArg::Stage { node, matched_from } => FromJson::Stage {
            stage: &p.stage(*node).id,
            title: &p.stage(*node).title,
            matched_from: matched_from.as_deref(),
        },
    }
}

fn stage_ref<'a>(p: &'a Pathways, named: &'a Named) -> StageRef<'a> {
    let s = p.stage(named.node);
    StageRef {
        id: &s.id,
        title: &s.title,
        matched_from: named.matched_from.as_deref(),
    }
}

fn integration_json<'a>(
    p: &'a Pathways,
    area: AreaId,
    c: &Constraints,
    integration: &Integration,
) -> IntegrationJson<'a> {
    match integration {
        Integration::NotUsed => IntegrationJson {
            uses_integrated: false,
            sequential: None,
            weeks_saved: None,
        },
        Integration::NoSequentialAlternative => IntegrationJson {
            uses_integrated: true,
            sequential: None,
            weeks_saved: None,
        },
        Integration::Saves {
            sequential,
            weeks_saved,
        } => IntegrationJson {
            uses_integrated: true,
            sequential: Some(Box::new(route_json(p, area, c, sequential))),
            weeks_saved: Some(*weeks_saved),
        },
    }
}
