//! `long-stretch`: from an on-ramp, the fastest route to a first exit into work (an off-ramp, or a
//! job) takes more than the threshold.
//!
//! Weeks follow DESIGN's route arithmetic: a transition u->v adds its own weeks, v's weeks when v is
//! not a job, and u's weeks when u is a job; the on-ramp's own weeks count (the learner has to do it).
//! Reaching an off-ramp includes finishing it. One Dijkstra search runs backwards from every exit at
//! once, so each stage learns its distance to the nearest exit in a single pass.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::eligibility::held_entering;
use super::{Code, Ctx, Sink, weeks_text};
use crate::domain::condition::CondSet;
use crate::domain::route::{Measure, nearest_from};

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
    let adj = &ctx.adj;
    let n = ctx.n();
    let own = |w: Option<f64>| w.filter(|w| w.is_finite() && *w > 0.0).unwrap_or(0.0);
    let stage_weeks: Vec<f64> = ctx.p.graph().node_weights().map(|s| own(s.weeks)).collect();
    let step_weeks: Vec<f64> = ctx.p.graph().edge_weights().map(|t| own(t.weeks)).collect();
    let mut weeks = vec![f64::INFINITY; n];
    let mut next = vec![None; n];
    let mut heap = BinaryHeap::new();
    for v in adj.nodes() {
        if adj.employment[v.index()] || adj.off_ramp[v.index()] {
            weeks[v.index()] = 0.0;
            heap.push(Reverse((Weeks(0.0), v)));
        }
    }
    while let Some(Reverse((Weeks(d), v))) = heap.pop() {
        if d > weeks[v.index()] {
            continue;
        }
        // DESIGN's weeks of u->v: the transition's, v's unless v is a job, u's if u is a job.
        let into_v = if adj.employment[v.index()] {
            0.0
        } else {
            stage_weeks[v.index()]
        };
        for step in adj.inc(v) {
            let u = step.node;
            let from_u = if adj.employment[u.index()] {
                stage_weeks[u.index()]
            } else {
                0.0
            };
            let nd = d + step_weeks[step.edge.index()] + into_v + from_u;
            if nd < weeks[u.index()] {
                weeks[u.index()] = nd;
                next[u.index()] = Some(step.edge);
                heap.push(Reverse((Weeks(nd), u)));
            }
        }
    }
    ToExit { weeks, next }
}

pub(super) fn check(ctx: &Ctx<'_>, max_weeks: f64, findings: &mut Sink) {
    let exit = to_exit(ctx);
    let adj = &ctx.adj;
    // Requirements can close the fastest routes to a learner who holds nothing yet: her stretch
    // is then the fastest route open to her (one search per on-ramp whose structural stretch fits).
    let mut open_to_her: hashbrown::HashMap<NodeIndex, (Vec<NodeIndex>, f64)> = hashbrown::HashMap::new();
    if ctx.p.eligibility().has_requirements() {
        let starts: Vec<(NodeIndex, CondSet)> = adj
            .nodes()
            .filter(|v| adj.on_ramp[v.index()] && !adj.employment[v.index()])
            .filter(|v| {
                let total = ctx
                    .stage(*v)
                    .weeks
                    .filter(|w| w.is_finite() && *w > 0.0)
                    .unwrap_or(0.0)
                    + exit.weeks[v.index()];
                total.is_finite() && total <= max_weeks
            })
            .map(|v| (v, held_entering(ctx, v)))
            .filter(|(v, held)| ctx.p.requires(*v).is_subset(held))
            .collect();
        let is_exit = |u: NodeIndex| adj.employment[u.index()] || adj.off_ramp[u.index()];
        for ((v, _), route) in starts
            .iter()
            .zip(nearest_from(ctx.p, Measure::Weeks, &starts, is_exit))
        {
            if let Some(r) = route.filter(|r| r.weeks > max_weeks) {
                open_to_her.insert(*v, (r.stages().to_vec(), r.weeks));
            }
        }
    }
    for v in adj.nodes().filter(|v| adj.on_ramp[v.index()]) {
        let rest = exit.weeks[v.index()];
        if !rest.is_finite() || adj.employment[v.index()] {
            // No exit at all is `no-exit`; a job is its own exit.
            continue;
        }
        let s = ctx.stage(v);
        let structural = s.weeks.filter(|w| w.is_finite() && *w > 0.0).unwrap_or(0.0) + rest;
        let (route, total, eligibility) = match open_to_her.get(&v) {
            Some((route, weeks)) => (route.clone(), *weeks, true),
            None if structural > max_weeks => (route_from(ctx, &exit, v), structural, false),
            None => continue,
        };
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
        let whose = if eligibility {
            " open to a learner who holds nothing yet (requirements close the faster ones)"
        } else {
            ""
        };
        findings.push(ctx.stage_finding(
            Code::LongStretch,
            v,
            format!(
                "From {}, the fastest route{whose} to a first exit into work ({}) takes {} weeks (more \
                 than {}) before the learner can leave with a credential or start a job: {}.",
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
