//! DESIGN's route arithmetic, in one place so the search, the totals and the segments agree to the bit.
//!
//! A transition u->v adds `t.weeks + (v.weeks if v is not employment) + (u.weeks if u is employment)`
//! weeks and `t.cost_usd + v.cost_usd` dollars; a missing number counts as 0. Starting from a skill
//! level, the on-ramp s0 is entered through a virtual transition with no figures of its own, so the
//! same rule adds its weeks (unless it is a job, whose weeks count when the learner leaves it) and its
//! cost. Starting from a stage, nothing is added for s0.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::Measure;
use crate::domain::graph::Pathways;
use crate::domain::model::Kind;

/// Weeks a transition adds to a route.
pub fn transition_weeks(p: &Pathways, from: NodeIndex, edge: EdgeIndex, to: NodeIndex) -> f64 {
    let (u, v) = (p.stage(from), p.stage(to));
    let mut weeks = p.transition(edge).weeks.unwrap_or(0.0);
    if !v.is_employment() {
        weeks += v.weeks.unwrap_or(0.0);
    }
    if u.is_employment() {
        weeks += u.weeks.unwrap_or(0.0);
    }
    weeks
}

/// Dollars a transition adds to a route.
pub fn transition_cost(p: &Pathways, edge: EdgeIndex, to: NodeIndex) -> f64 {
    p.transition(edge).cost_usd.unwrap_or(0.0) + p.stage(to).cost_usd.unwrap_or(0.0)
}

/// Weeks added for the on-ramp a learner starts at when starting from a skill level.
pub fn start_weeks(p: &Pathways, on_ramp: NodeIndex) -> f64 {
    let s = p.stage(on_ramp);
    if s.is_employment() {
        0.0
    } else {
        s.weeks.unwrap_or(0.0)
    }
}

/// Dollars added for the on-ramp a learner starts at when starting from a skill level.
pub fn start_cost(p: &Pathways, on_ramp: NodeIndex) -> f64 {
    p.stage(on_ramp).cost_usd.unwrap_or(0.0)
}

/// What a transition adds to the measure a search minimises.
pub fn transition_measure(
    p: &Pathways,
    measure: Measure,
    from: NodeIndex,
    edge: EdgeIndex,
    to: NodeIndex,
) -> f64 {
    match measure {
        Measure::Weeks => transition_weeks(p, from, edge, to),
        Measure::Cost => transition_cost(p, edge, to),
        Measure::Steps => 1.0,
    }
}

/// What starting at `s0` adds to the measure: the on-ramp's figures from a level, nothing from a stage.
pub fn start_measure(p: &Pathways, measure: Measure, s0: NodeIndex, from_level: bool) -> f64 {
    if !from_level {
        return 0.0;
    }
    match measure {
        Measure::Weeks => start_weeks(p, s0),
        Measure::Cost => start_cost(p, s0),
        Measure::Steps => 0.0,
    }
}

/// A route's totals, summed left to right exactly as the search sums its labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    pub weeks: f64,
    pub cost_usd: f64,
    pub steps: usize,
}

pub fn totals(p: &Pathways, from_level: bool, stages: &[NodeIndex], edges: &[EdgeIndex]) -> Totals {
    let Some(&s0) = stages.first() else {
        return Totals {
            weeks: 0.0,
            cost_usd: 0.0,
            steps: 0,
        };
    };
    let mut weeks = start_measure(p, Measure::Weeks, s0, from_level);
    let mut cost_usd = start_measure(p, Measure::Cost, s0, from_level);
    for (i, &e) in edges.iter().enumerate() {
        let (u, v) = (stages[i], stages[i + 1]);
        weeks += transition_weeks(p, u, e, v);
        cost_usd += transition_cost(p, e, v);
    }
    Totals {
        weeks,
        cost_usd,
        steps: edges.len(),
    }
}

/// Whether a stage's length is missing where the arithmetic needs it (so a total may be too low).
pub fn weeks_unknown_entering(p: &Pathways, node: NodeIndex) -> bool {
    let s = p.stage(node);
    !s.is_employment() && s.weeks.is_none()
}

/// Whether a stage's cost is missing where one is expected: classes, programs and work-based
/// learning (an apprentice pays for related instruction), not jobs. As the audit's
/// `missing-data` does, so a route never shows "$0" for a cost nobody gave.
pub fn cost_unknown(p: &Pathways, node: NodeIndex) -> bool {
    let s = p.stage(node);
    matches!(s.kind, Kind::Education | Kind::Training | Kind::WorkBased) && s.cost_usd.is_none()
}
