//! Routes open to a learner: the k best loopless routes from her levels (or a stage she is at) to a
//! target, by weeks, cost or steps, under constraints, entering only stages whose `requires` she
//! holds (her own holds plus the `awards` of the stages before); the best route to every job open to
//! her; what integrated transitions save; and, when nothing is open, what blocks the nearest route.
//! Pure queries on `Pathways`, no terminal code.
//!
//! - `arithmetic`: DESIGN's totals, shared by the search and the reports so they agree to the bit;
//! - `search`: a Dijkstra (breadth-first for steps) over (stage, conditions held), exact for
//!   DESIGN's full order on routes, with dominance between the states of one stage;
//! - `yen`: Yen's k shortest loopless routes over that search, with whole-route constraint filters
//!   (and walks, which come back to a stage holding more, filtered out);
//! - `reach`: on-ramps and reachability, for starts and for "nothing reachable" explanations;
//! - `blocked`: the nearest route requirements close, and what she lacks where.

mod arithmetic;
mod blocked;
mod reach;
mod search;
mod yen;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use petgraph::graph::{EdgeIndex, NodeIndex};

pub use blocked::{Blocked, blocked, first_block};
pub use reach::{LowestEntry, levels_reaching, lowest_entry, on_ramps_for};

use self::arithmetic::{start_measure, transition_weeks};
use self::search::{Allowed, Search, Seed};
use crate::domain::condition::CondSet;
use crate::domain::graph::Pathways;
use crate::domain::level::{Levels, SkillLevel};
use crate::domain::model::{Kind, Mode};

/// Where a learner starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Skill levels: the learner may begin at any on-ramp whose `entry` one of them meets and whose
    /// `requires` she holds, and does it.
    Levels(Levels),
    /// A stage the learner is already at: its `requires` are taken as held, nothing is added for it.
    Stage(NodeIndex),
}

impl Start {
    /// Starting from one skill level.
    pub fn level(level: SkillLevel) -> Start {
        Start::Levels(Levels::of(level))
    }
}

/// What "best" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    Weeks,
    Cost,
    Steps,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Weeks, Measure::Cost, Measure::Steps];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Weeks => "weeks",
            Measure::Cost => "cost",
            Measure::Steps => "steps",
        }
    }
}

/// Limits on the routes a learner will take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Stages the route must not pass through.
    pub avoid: Vec<NodeIndex>,
    /// At most this many weeks in total.
    pub max_weeks: Option<f64>,
    /// At most this many dollars in total.
    pub max_cost: Option<f64>,
    /// Every transition into a `training` stage is integrated.
    pub integrated_only: bool,
    /// Every transition is sequential (what the learner would face without integrated programs).
    pub sequential_only: bool,
    /// The route passes through a work-based or employment stage before the target.
    pub earn: bool,
    /// The route's first paid stage (work-based or a job, the goal included) starts within this
    /// many weeks (a length the data does not give counts as 0, as in every total).
    pub paid_within: Option<f64>,
    /// Enter stages whatever they require (to find the nearest route requirements block).
    pub ignore_requirements: bool,
}

impl Constraints {
    /// The constraints only a whole route can be checked against (limits on totals, earning).
    pub fn admits(&self, p: &Pathways, route: &Route) -> bool {
        self.max_weeks.is_none_or(|m| route.weeks <= m)
            && self.max_cost.is_none_or(|m| route.cost_usd <= m)
            && (!self.earn || route.earns_before_target(p))
            && self
                .paid_within
                .is_none_or(|m| route.first_paid(p).is_some_and(|f| f.weeks_before <= m))
    }

    /// Whether a route breaks a limit on the measure itself: every later route (in order) breaks it too.
    fn exceeds_on(&self, measure: Measure, route: &Route) -> bool {
        match measure {
            Measure::Weeks => self.max_weeks.is_some_and(|m| route.weeks > m),
            Measure::Cost => self.max_cost.is_some_and(|m| route.cost_usd > m),
            Measure::Steps => false,
        }
    }
}

/// Routes examined at most when whole-route constraints filter Yen's candidates (see `yen`).
pub const DEFAULT_EXAMINE_LIMIT: usize = 5_000;

/// A question: from where, by which measure, under which constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub start: Start,
    /// What the learner holds (closed under implication); `HSE` as a level counts as `hse`.
    pub holds: CondSet,
    pub measure: Measure,
    pub constraints: Constraints,
    /// How many routes Yen's algorithm may enumerate while filtering by whole-route constraints.
    pub examine_limit: usize,
}

impl Query {
    pub fn new(start: Start, measure: Measure) -> Query {
        Query {
            start,
            holds: CondSet::new(),
            measure,
            constraints: Constraints::default(),
            examine_limit: DEFAULT_EXAMINE_LIMIT,
        }
    }

    fn starts_from_level(&self) -> bool {
        matches!(self.start, Start::Levels(_))
    }

    /// The stages and transitions this question may use: the constraints, and no stage that has
    /// nothing to give the learner (it awards only what she already holds).
    fn allowed(&self, p: &Pathways) -> Allowed {
        let start = match self.start {
            Start::Stage(s) => Some(s),
            Start::Levels(_) => None,
        };
        Allowed::for_learner(p, &self.constraints, &self.held_at_start(p), start)
    }

    /// The same question for a learner who holds `holds` (closed under implication by the caller).
    pub fn holding(mut self, holds: CondSet) -> Query {
        self.holds = holds;
        self
    }

    /// What the learner holds on entering her first stage: her holds, plus `hse` for the level
    /// `HSE` (from levels), or plus what the stage she is at requires (from a stage).
    fn held_at_start(&self, p: &Pathways) -> CondSet {
        match self.start {
            Start::Levels(levels) => match p.conditions().find(HSE_CONDITION) {
                Some(hse) if levels.hse => self.holds.union(p.conditions().implied_by(hse)),
                _ => self.holds.clone(),
            },
            Start::Stage(s0) => self.holds.union(&p.conditions().closed(p.requires(s0))),
        }
    }
}

/// The condition the `HSE` level stands for (DESIGN: `HSE` as a level implies `hse`).
pub const HSE_CONDITION: &str = "hse";

/// A loopless route s0..sn with its DESIGN totals. Always has at least one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    from_level: bool,
    stages: Vec<NodeIndex>,
    transitions: Vec<EdgeIndex>,
    pub weeks: f64,
    pub cost_usd: f64,
    pub steps: usize,
}

/// Where a route first pays the learner (`Route::first_paid`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FirstPaid {
    /// Index into the route's stages.
    pub step: usize,
    pub stage: NodeIndex,
    /// Weeks of the route before she starts the paid stage (the stages before count as known
    /// as the data allows: see `weeks_unknown`).
    pub weeks_before: f64,
    /// A stage before it has no weeks in the data, so `weeks_before` is a lower bound.
    pub weeks_unknown: bool,
}

/// One stage of a route as people read it: what it adds, and whether a figure was missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    pub stage: NodeIndex,
    /// The transition into the stage; `None` for the first.
    pub transition: Option<EdgeIndex>,
    pub mode: Option<Mode>,
    /// Weeks this stage adds: the transition's, the stage's own (a job's when the learner moves on).
    pub weeks: f64,
    pub cost_usd: f64,
    /// The stage's own weeks count here but are not in the data (counted as 0).
    pub weeks_unknown: bool,
    /// The stage's cost counts here but is not in the data (counted as 0).
    pub cost_unknown: bool,
    /// Shortest and longest weeks this stage adds, when it states a `weeks_range`.
    pub weeks_range: Option<(f64, f64)>,
}

/// The shortest and longest total weeks of a route's legs, when any leg states a range (the
/// others count their typical weeks at both ends).
pub fn weeks_span(legs: &[Leg]) -> Option<(f64, f64)> {
    legs.iter().any(|l| l.weeks_range.is_some()).then(|| {
        legs.iter().fold((0.0, 0.0), |(lo, hi), l| {
            let (a, b) = l.weeks_range.unwrap_or((l.weeks, l.weeks));
            (lo + a, hi + b)
        })
    })
}

/// A maximal run of consecutive transitions with the same mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub mode: Mode,
    /// The run's stages, from the stage before its first transition to its last stage.
    pub stages: Vec<NodeIndex>,
    /// The weeks its transitions add (the first segment also carries the on-ramp's own weeks when
    /// the route starts from a level), so the segments add up to the route's weeks.
    pub weeks: f64,
    /// Some stage length the segment counts is missing from the data (counted as 0).
    pub weeks_unknown: bool,
}

impl Route {
    /// A route over `stages` joined by `transitions` (one fewer); `None` when the shapes disagree.
    pub fn new(
        p: &Pathways,
        from_level: bool,
        stages: Vec<NodeIndex>,
        transitions: Vec<EdgeIndex>,
    ) -> Option<Route> {
        if stages.is_empty() || transitions.len() + 1 != stages.len() {
            return None;
        }
        let t = arithmetic::totals(p, from_level, &stages, &transitions);
        Some(Route {
            from_level,
            stages,
            transitions,
            weeks: t.weeks,
            cost_usd: t.cost_usd,
            steps: t.steps,
        })
    }

    pub fn stages(&self) -> &[NodeIndex] {
        &self.stages
    }

    pub fn transitions(&self) -> &[EdgeIndex] {
        &self.transitions
    }

    /// Whether the route starts from a skill level (its first stage's figures count).
    pub fn starts_from_level(&self) -> bool {
        self.from_level
    }

    pub fn first(&self) -> NodeIndex {
        self.stages[0]
    }

    pub fn target(&self) -> NodeIndex {
        self.stages[self.stages.len() - 1]
    }

    /// Whether no stage repeats (a search over what the learner holds may find a walk that comes
    /// back to a stage holding more; that is not a route).
    pub fn is_loopless(&self) -> bool {
        let mut seen: Vec<NodeIndex> = self.stages.clone();
        seen.sort_unstable();
        seen.windows(2).all(|w| w[0] != w[1])
    }

    pub fn measure(&self, measure: Measure) -> f64 {
        match measure {
            Measure::Weeks => self.weeks,
            Measure::Cost => self.cost_usd,
            Measure::Steps => self.steps as f64,
        }
    }

    /// DESIGN's order: the measure, then fewer steps, then the stage ids in order (then, for
    /// parallel transitions between the same stages, the transitions in file order).
    pub fn order(&self, other: &Route, p: &Pathways, measure: Measure) -> Ordering {
        self.measure(measure)
            .total_cmp(&other.measure(measure))
            .then(self.steps.cmp(&other.steps))
            .then_with(|| {
                let ids = |r: &Route| {
                    r.stages
                        .iter()
                        .map(|&n| p.stage(n).id.as_str())
                        .collect::<Vec<_>>()
                };
                ids(self).cmp(&ids(other))
            })
            .then_with(|| self.transitions.cmp(&other.transitions))
    }

    /// Whether a work-based or employment stage comes before the target (the learner can earn).
    pub fn earns_before_target(&self, p: &Pathways) -> bool {
        self.stages[..self.stages.len() - 1]
            .iter()
            .any(|&n| matches!(p.stage(n).kind, Kind::WorkBased | Kind::Employment))
    }

    /// The first stage on the route where the learner is paid (work-based learning or a job),
    /// and the weeks of the route before she starts it; `None` when she is never paid on it.
    pub fn first_paid(&self, p: &Pathways) -> Option<FirstPaid> {
        let step = self
            .stages
            .iter()
            .position(|&n| matches!(p.stage(n).kind, Kind::WorkBased | Kind::Employment))?;
        let legs = self.legs(p);
        let before = &legs[..step];
        // Moving into the paid stage (a waiting period, say) comes before the pay does.
        let moving = self
            .transitions
            .get(step.wrapping_sub(1))
            .and_then(|&e| p.transition(e).weeks);
        Some(FirstPaid {
            step,
            stage: self.stages[step],
            weeks_before: before.iter().map(|l| l.weeks).sum::<f64>() + moving.unwrap_or(0.0),
            weeks_unknown: before.iter().any(|l| l.weeks_unknown),
        })
    }

    /// Whether any transition on the route is integrated.
    pub fn uses_integrated(&self, p: &Pathways) -> bool {
        self.transitions
            .iter()
            .any(|&e| p.transition(e).mode == Mode::Integrated)
    }

    /// The stages that pay her, in order: work-based learning and jobs.
    pub fn paid<'p>(&self, p: &'p Pathways) -> impl Iterator<Item = NodeIndex> + 'p {
        self.stages
            .clone()
            .into_iter()
            .filter(|&n| matches!(p.stage(n).kind, Kind::WorkBased | Kind::Employment))
    }

    /// The jobs on the route (employment stages), in order: where the learner can earn.
    pub fn jobs<'p>(&self, p: &'p Pathways) -> impl Iterator<Item = NodeIndex> + 'p {
        self.stages
            .clone()
            .into_iter()
            .filter(|&n| p.stage(n).is_employment())
    }

    /// Each stage with what it adds. The legs add up to the totals: a stage's own weeks sit on it
    /// (a job's only when the learner moves on from it), a transition's on the stage it leads to.
    pub fn legs(&self, p: &Pathways) -> Vec<Leg> {
        let last = self.stages.len() - 1;
        self.stages
            .iter()
            .enumerate()
            .map(|(i, &node)| {
                let s = p.stage(node);
                let transition = i.checked_sub(1).map(|j| self.transitions[j]);
                let t = transition.map(|e| p.transition(e));
                let own_weeks_count = if s.is_employment() {
                    i < last
                } else {
                    i > 0 || self.from_level
                };
                let own_cost_counts = i > 0 || self.from_level;
                let moving = t.and_then(|t| t.weeks).unwrap_or(0.0);
                let mut weeks = moving;
                if own_weeks_count {
                    weeks += s.weeks.unwrap_or(0.0);
                }
                let weeks_range = s
                    .weeks_range()
                    .filter(|_| own_weeks_count)
                    .map(|(lo, hi)| (moving + lo, moving + hi));
                let mut cost_usd = t.and_then(|t| t.cost_usd).unwrap_or(0.0);
                if own_cost_counts {
                    cost_usd += s.cost_usd.unwrap_or(0.0);
                }
                Leg {
                    stage: node,
                    transition,
                    mode: t.map(|t| t.mode),
                    weeks,
                    cost_usd,
                    weeks_unknown: own_weeks_count && s.weeks.is_none(),
                    cost_unknown: own_cost_counts && arithmetic::cost_unknown(p, node),
                    weeks_range,
                }
            })
            .collect()
    }

    /// The route's segments in order: maximal runs of transitions with the same mode.
    pub fn segments(&self, p: &Pathways) -> Vec<Segment> {
        let mut segments: Vec<Segment> = Vec::new();
        for (i, &e) in self.transitions.iter().enumerate() {
            let (u, v) = (self.stages[i], self.stages[i + 1]);
            let mode = p.transition(e).mode;
            let weeks = transition_weeks(p, u, e, v);
            let unknown = (p.stage(u).is_employment() && p.stage(u).weeks.is_none())
                || arithmetic::weeks_unknown_entering(p, v);
            match segments.last_mut() {
                Some(seg) if seg.mode == mode => {
                    seg.stages.push(v);
                    seg.weeks += weeks;
                    seg.weeks_unknown |= unknown;
                }
                _ => {
                    let (start, start_unknown) = if i == 0 && self.from_level {
                        (
                            start_measure(p, Measure::Weeks, u, true),
                            arithmetic::weeks_unknown_entering(p, u),
                        )
                    } else {
                        (0.0, false)
                    };
                    segments.push(Segment {
                        mode,
                        stages: vec![u, v],
                        weeks: start + weeks,
                        weeks_unknown: unknown || start_unknown,
                    });
                }
            }
        }
        segments
    }
}

/// Routes found, best first, and whether the search was exhaustive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub routes: Vec<Route>,
    /// False when whole-route constraints rejected so many routes that the examine limit stopped the
    /// search before `k` routes were found: more routes may exist.
    pub complete: bool,
}

/// The `k` best loopless routes from the query's start to `target`, best first (DESIGN's order).
pub fn best_routes(p: &Pathways, q: &Query, target: NodeIndex, k: usize) -> Found {
    if k == 0 {
        return Found {
            routes: Vec::new(),
            complete: true,
        };
    }
    let allowed = q.allowed(p);
    let mut search = Search::new(p, q.measure, &allowed);
    yen::k_shortest(p, &mut search, q, target, k)
}

/// The best route to every reachable job (employment stage other than the start stage), in DESIGN's
/// order by the query's measure.
pub fn destinations(p: &Pathways, q: &Query) -> Found {
    let allowed = q.allowed(p);
    let mut search = Search::new(p, q.measure, &allowed);
    let seeds = seeds(p, q, &search);
    search.run(&seeds, None, &[], &[]);
    let start_stage = match q.start {
        Start::Stage(s) => Some(s),
        Start::Levels(_) => None,
    };
    let mut trees: Vec<Route> = Vec::new();
    for reached in search.best_per_stage() {
        let v = search.node_of(reached);
        if p.stage(v).is_employment() && Some(v) != start_stage {
            let (stages, edges) = search.path_to(reached);
            trees.extend(Route::new(p, q.starts_from_level(), stages, edges));
        }
    }
    let mut found = Found {
        routes: Vec::new(),
        complete: true,
    };
    for route in trees {
        if route.is_loopless() && q.constraints.admits(p, &route) {
            found.routes.push(route);
        } else if !q.constraints.exceeds_on(q.measure, &route) {
            // The best route breaks a whole-route constraint: look further down this target's routes.
            let target = route.target();
            let more = yen::k_shortest(p, &mut search, q, target, 1);
            found.complete &= more.complete;
            found.routes.extend(more.routes);
        }
    }
    found.routes.sort_by(|a, b| a.order(b, p, q.measure));
    found
}

/// For each (on-ramp, held) pair: the best route by `measure`, open to a learner who starts at
/// the on-ramp (from her level: its own figures count) holding `held`, to the nearest stage `stop`
/// accepts (the on-ramp itself included), under no other limits; `None` when none is open. One
/// search's arrays serve every pair, so a graph with many on-ramps pays for what each touches.
/// Walks (a stage entered twice) count as reached: the audit asks whether, not which way.
pub fn nearest_from(
    p: &Pathways,
    measure: Measure,
    starts: &[(NodeIndex, CondSet)],
    stop: impl Fn(NodeIndex) -> bool,
) -> Vec<Option<Route>> {
    let allowed = Allowed::new(p, &Constraints::default());
    let mut search = Search::new(p, measure, &allowed);
    starts
        .iter()
        .map(|(on_ramp, held)| {
            let seed = Seed {
                node: *on_ramp,
                measure: start_measure(p, measure, *on_ramp, true),
                steps: 0,
                held: held.clone(),
            };
            let reached = search.run_until(&[seed], &stop, &[], &[])?;
            let (stages, edges) = search.path_to(reached);
            Route::new(p, true, stages, edges)
        })
        .collect()
}

/// For each (on-ramp, held) pair: whether a route open to a learner who starts at the on-ramp
/// holding `held` reaches a first stage `goal` accepts through at least one integrated transition
/// on the way (no other `goal` stage before it). Walks count, as in `nearest_from`.
pub fn integrated_to_first(
    p: &Pathways,
    starts: &[(NodeIndex, CondSet)],
    goal: impl Fn(NodeIndex) -> bool,
) -> Vec<bool> {
    let allowed = Allowed::new(p, &Constraints::default());
    let mut search = Search::new(p, Measure::Steps, &allowed);
    let seed = |node: NodeIndex, held: CondSet| Seed {
        node,
        measure: 0.0,
        steps: 0,
        held,
    };
    starts
        .iter()
        .map(|(on_ramp, held)| {
            // Every state open to her before a first goal stage; then any integrated transition
            // out of one of them into a stage she may enter, and on from there to a goal stage.
            let before = search.reachable_within(&[seed(*on_ramp, held.clone())], &goal);
            before.into_iter().filter(|(u, _)| !goal(*u)).any(|(u, h)| {
                let after = h.union(p.awards(u));
                p.out_edges().of(u).iter().any(|t| {
                    let w = NodeIndex::new(t.target as usize);
                    t.mode == Mode::Integrated
                        && p.requires(w).is_subset(&after)
                        && (goal(w) || search.run_within_wall(&[seed(w, after.clone())], &goal).is_some())
                })
            })
        })
        .collect()
}

/// Sorts destination routes by the median wage at their target (`wage` of a job, in the area
/// shown), highest first (no wage last), then in DESIGN's order.
pub fn sort_by_wage(
    p: &Pathways,
    routes: &mut [Route],
    measure: Measure,
    wage: impl Fn(NodeIndex) -> Option<f64>,
) {
    let wage = |r: &Route| wage(r.target());
    routes.sort_by(|a, b| match (wage(a), wage(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.order(b, p, measure)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.order(b, p, measure),
    });
}

/// What integrated transitions save on the way to a target.
#[derive(Debug, Clone, PartialEq)]
pub enum Integration {
    /// The best route uses no integrated transition.
    NotUsed,
    /// The best all-sequential route (same start, measure, avoided stages and earning rule; no
    /// limits on weeks or cost), and how many more weeks it takes than the best route.
    Saves { sequential: Route, weeks_saved: f64 },
    /// Without integrated transitions the target cannot be reached at all.
    NoSequentialAlternative,
}

pub fn integration(p: &Pathways, q: &Query, best: &Route) -> Integration {
    if !best.uses_integrated(p) {
        return Integration::NotUsed;
    }
    let mut seq = q.clone();
    seq.constraints.sequential_only = true;
    seq.constraints.integrated_only = false;
    seq.constraints.max_weeks = None;
    seq.constraints.max_cost = None;
    // The comparison is the time integration saves, not another answer to her limits.
    seq.constraints.paid_within = None;
    match best_routes(p, &seq, best.target(), 1).routes.into_iter().next() {
        Some(sequential) => Integration::Saves {
            weeks_saved: sequential.weeks - best.weeks,
            sequential,
        },
        None => Integration::NoSequentialAlternative,
    }
}

/// The search's starting stages for a query, each with what starting there adds and holds.
fn seeds(p: &Pathways, q: &Query, search: &Search<'_>) -> Vec<Seed> {
    match q.start {
        Start::Levels(levels) => {
            let held = q.held_at_start(p);
            let opens = |n: NodeIndex| levels.meets_any(&p.stage(n).entry) && search.may_enter(&held, n);
            let seed = |n: NodeIndex| Seed {
                node: n,
                measure: start_measure(p, q.measure, n, true),
                steps: 0,
                held: held.clone(),
            };
            let mut nodes: Vec<NodeIndex> = match search.focused() {
                // Focused on a target: only its ancestors can start a route to it.
                Some(nodes) => nodes.iter().copied().filter(|&n| opens(n)).collect(),
                None => p.on_ramps().filter(|&n| opens(n)).collect(),
            };
            nodes.sort_unstable();
            nodes.into_iter().map(seed).collect()
        }
        Start::Stage(s) => vec![Seed {
            node: s,
            measure: 0.0,
            steps: 0,
            held: q.held_at_start(p),
        }],
    }
}
