//! `long-stretch`: from an on-ramp, the fastest route to a first exit into work (an off-ramp, or a
//! job) takes more than the threshold.
//!
//! Weeks follow DESIGN's route arithmetic: a transition u->v adds its own weeks, v's weeks when v is
//! not a job, and u's weeks when u is a job; the on-ramp's own weeks count (the learner has to do it).
//! Reaching an off-ramp includes finishing it. One Dijkstra search runs backwards from every exit at
//! once, so each stage learns its distance to the nearest exit in a single pass.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{Code, Ctx, Finding, weeks_text};

/// At most this many stages are named in a message's route; longer routes are shortened.
const ROUTE_SHOWN: usize = 6;

/// A distance in the heap, ordered by `f64::total_cmp` (weeks are never NaN after loading).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Weeks(f64);

impl Eq for Weeks {}

impl PartialOrd for Weeks {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Weeks {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// For every stage: the weeks from arriving there to finishing a first exit into work, and the
/// transition that starts that fastest route (`None` at an exit, or when no exit can be reached).
pub(super) struct ToExit {
    pub weeks: Vec<f64>,
    pub next: Vec<Option<EdgeIndex>>,
}

pub(super) fn to_exit(ctx: &Ctx<'_>) -> ToExit {
    let g = ctx.p.graph();
    let n = ctx.n();
    let mut weeks = vec![f64::INFINITY; n];
    let mut next = vec![None; n];
    let mut heap = BinaryHeap::new();
    for v in g.node_indices() {
        if g[v].is_employment() || ctx.p.is_off_ramp(v) {
            weeks[v.index()] = 0.0;
            heap.push(Reverse((Weeks(0.0), v)));
        }
    }
    while let Some(Reverse((Weeks(d), v))) = heap.pop() {
        if d > weeks[v.index()] {
            continue;
        }
        for e in g.edges_directed(v, Direction::Incoming) {
            let u = e.source();
            let nd = d + step_weeks(ctx, u, e.id(), v);
            if nd < weeks[u.index()] {
                weeks[u.index()] = nd;
                next[u.index()] = Some(e.id());
                heap.push(Reverse((Weeks(nd), u)));
            }
        }
    }
    ToExit { weeks, next }
}

/// DESIGN's weeks of one transition u->v.
fn step_weeks(ctx: &Ctx<'_>, u: NodeIndex, e: EdgeIndex, v: NodeIndex) -> f64 {
    let (su, sv) = (ctx.stage(u), ctx.stage(v));
    let own = |w: Option<f64>| w.filter(|w| w.is_finite() && *w > 0.0).unwrap_or(0.0);
    own(ctx.p.transition(e).weeks)
        + if sv.is_employment() { 0.0 } else { own(sv.weeks) }
        + if su.is_employment() { own(su.weeks) } else { 0.0 }
}

pub(super) fn check(ctx: &Ctx<'_>, max_weeks: f64, findings: &mut Vec<Finding>) {
    let exit = to_exit(ctx);
    for v in ctx.p.on_ramps() {
        let s = ctx.stage(v);
        let rest = exit.weeks[v.index()];
        if !rest.is_finite() || s.is_employment() {
            // No exit at all is `no-exit`; a job is its own exit.
            continue;
        }
        let total = s.weeks.filter(|w| w.is_finite() && *w > 0.0).unwrap_or(0.0) + rest;
        if total <= max_weeks {
            continue;
        }
        let route = route_from(ctx, &exit, v);
        let shown: Vec<String> = if route.len() > ROUTE_SHOWN {
            let mut shown: Vec<String> = route[..ROUTE_SHOWN - 1]
                .iter()
                .map(|&n| ctx.stage(n).title.clone())
                .collect();
            shown.push("...".to_string());
            shown.extend(route.last().map(|&n| ctx.stage(n).title.clone()));
            shown
        } else {
            route.iter().map(|&n| ctx.stage(n).title.clone()).collect()
        };
        let exit_stage = route.last().copied().unwrap_or(v);
        findings.push(ctx.stage_finding(
            Code::LongStretch,
            v,
            format!(
                "From {}, the fastest route to a first exit into work ({}) takes {} weeks, more than {} \
                 weeks with no credential or job on the way: {}.",
                ctx.label(v),
                ctx.label(exit_stage),
                weeks_text(total),
                weeks_text(max_weeks),
                shown.join(" -> ")
            ),
            format!(
                "Add an earlier exit on the way from {}: a short credential with a transition into a job, \
                 or a work-based stage (apprenticeship, on-the-job training) where the learner earns.",
                s.id
            ),
        ));
    }
}

/// The stages of the fastest route from `start` to its first exit.
fn route_from(ctx: &Ctx<'_>, exit: &ToExit, start: NodeIndex) -> Vec<NodeIndex> {
    let mut route = vec![start];
    let mut at = start;
    // Each hop strictly follows the search tree, which has no cycles; the bound is a safeguard.
    while let Some(e) = exit.next[at.index()] {
        let Some((_, to)) = ctx.p.ends(e) else { break };
        route.push(to);
        at = to;
        if route.len() > ctx.n() {
            break;
        }
    }
    route
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{codes_with, pathways};
    use super::super::{Code, Options, audit};

    const STAGES: &str = r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"],"weeks":20,"sources":["src"]},
        {"id":"b","title":"B","kind":"training","level":1,"weeks":30,"sources":["src"],"credential":"C"},
        {"id":"j","title":"J","kind":"employment","level":1,"weeks":100,"sources":["src"]}"#;

    #[test]
    fn weeks_follow_the_route_arithmetic() {
        // a (20) -> b (30) -> j: 20 + 30 + 3 (transition) = 53 weeks to finish the off-ramp b.
        let p = pathways(
            STAGES,
            r#"{"from":"a","to":"b","mode":"sequential","weeks":3,"sources":["src"]},{"from":"b","to":"j","mode":"sequential"}"#,
        );
        let f = audit(&p, &Options::default());
        let stretch: Vec<_> = f.iter().filter(|f| f.code == Code::LongStretch).collect();
        assert_eq!(stretch.len(), 1, "{f:#?}");
        assert!(
            stretch[0].message.contains("takes 53 weeks"),
            "{}",
            stretch[0].message
        );
        assert!(stretch[0].message.contains("A -> B"), "{}", stretch[0].message);
        let relaxed = Options {
            max_stretch_weeks: 53.0,
            ..Options::default()
        };
        assert!(!codes_with(&p, "a", &relaxed).contains(&"long-stretch"));
    }

    #[test]
    fn the_fastest_exit_wins_and_a_job_ends_the_stretch() {
        // a also leads straight to the job: 20 weeks.
        let p = pathways(
            STAGES,
            r#"{"from":"a","to":"b","mode":"sequential","weeks":3,"sources":["src"]},{"from":"b","to":"j","mode":"sequential"},
               {"from":"a","to":"j","mode":"sequential"}"#,
        );
        assert!(!codes_with(&p, "a", &Options::default()).contains(&"long-stretch"));
    }
}
