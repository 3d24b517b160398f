//! Structure: `isolated`, `dead-end`, `unreachable`, `no-exit`. One forward search from every
//! on-ramp at once, one backward search from every job at once.
//!
//! A stage with no transition at all is reported once, as `isolated`, not also as a dead end,
//! unreachable or without exit: the one fix is to connect it.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::{Code, Ctx, Finding};

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Vec<Finding>) {
    let g = ctx.p.graph();
    let isolated: Vec<bool> = g
        .node_indices()
        .map(|n| {
            g.neighbors_directed(n, Direction::Outgoing).next().is_none()
                && g.neighbors_directed(n, Direction::Incoming).next().is_none()
        })
        .collect();
    let from_on_ramps = reach(ctx, ctx.p.on_ramps(), Direction::Outgoing);
    let to_jobs = reach(
        ctx,
        g.node_indices().filter(|&n| g[n].is_employment()),
        Direction::Incoming,
    );
    for n in g.node_indices() {
        let s = &g[n];
        let label = ctx.label(n);
        if isolated[n.index()] {
            findings.push(ctx.stage_finding(
                Code::Isolated,
                n,
                format!("{label} has no transition at all: nothing leads to it and nothing leaves it."),
                format!(
                    "Connect {}: add a transition into it from the stage before it and one out of it to the \
                     next step, or remove it if it no longer belongs in the pathway.",
                    s.id
                ),
            ));
            continue;
        }
        if !s.is_employment() && g.neighbors_directed(n, Direction::Outgoing).next().is_none() {
            findings.push(ctx.stage_finding(
                Code::DeadEnd,
                n,
                format!(
                    "{label} is a dead end: it is not a job and no transition leaves it, so a learner who \
                     finishes it has no next step."
                ),
                format!(
                    "Add a transition from {} to the program or job it prepares for (or set its kind to \
                     employment if it is a job).",
                    s.id
                ),
            ));
        }
        if !from_on_ramps[n.index()] {
            findings.push(ctx.stage_finding(
                Code::Unreachable,
                n,
                format!("{label} is unreachable: no on-ramp leads to it, so no learner can get there."),
                format!(
                    "Add a transition into {} from a stage learners can reach, or give it an `entry` if \
                     learners can start there.",
                    s.id
                ),
            ));
        }
        if s.is_on_ramp() && !to_jobs[n.index()] {
            findings.push(ctx.stage_finding(
                Code::NoExit,
                n,
                format!(
                    "{label} is an on-ramp from which no job can be reached: learners who start here never \
                     get to employment."
                ),
                format!(
                    "Add transitions from {} (or a stage after it) toward a program that leads into an \
                     employment stage.",
                    s.id
                ),
            ));
        }
    }
}

/// Which stages a search from every stage of `starts` reaches, following transitions in `dir`.
/// The starts themselves count as reached.
pub(super) fn reach(ctx: &Ctx<'_>, starts: impl IntoIterator<Item = NodeIndex>, dir: Direction) -> Vec<bool> {
    let g = ctx.p.graph();
    let mut seen = vec![false; ctx.n()];
    let mut queue = VecDeque::new();
    for s in starts {
        if !seen[s.index()] {
            seen[s.index()] = true;
            queue.push_back(s);
        }
    }
    while let Some(n) = queue.pop_front() {
        for next in g.neighbors_directed(n, dir) {
            if !seen[next.index()] {
                seen[next.index()] = true;
                queue.push_back(next);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{codes, pathways};

    #[test]
    fn a_lone_stage_is_isolated_and_nothing_else() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"j","title":"J","kind":"employment","level":2},
               {"id":"lone","title":"Lone","kind":"training","level":2}"#,
            r#"{"from":"a","to":"j","mode":"integrated"}"#,
        );
        assert_eq!(codes(&p, "lone"), vec!["isolated"]);
    }

    #[test]
    fn dead_end_unreachable_and_no_exit() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"b","title":"B","kind":"training","level":1},
               {"id":"c","title":"C","kind":"training","level":1,"credential":"X"},
               {"id":"j","title":"J","kind":"employment","level":2}"#,
            r#"{"from":"a","to":"b","mode":"sequential"},
               {"from":"c","to":"j","mode":"sequential"}"#,
        );
        assert_eq!(codes(&p, "a"), vec!["no-exit"]);
        assert_eq!(codes(&p, "b"), vec!["dead-end"]);
        assert_eq!(codes(&p, "c"), vec!["unreachable"]);
        assert_eq!(codes(&p, "j"), vec!["unreachable"]);
    }
}
