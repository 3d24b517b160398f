//! Structure: `isolated`, `dead-end`, `unreachable`, `no-exit`. One forward search from every
//! on-ramp at once, one backward search from every job at once.
//!
//! A stage with no transition at all is reported once, as `isolated`, not also as a dead end,
//! unreachable or without exit: the one fix is to connect it.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::{Code, Ctx, Sink};

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    let adj = &ctx.adj;
    let from_on_ramps = reach(
        ctx,
        adj.nodes().filter(|n| adj.on_ramp[n.index()]),
        Direction::Outgoing,
    );
    let to_jobs = reach(
        ctx,
        adj.nodes().filter(|n| adj.employment[n.index()]),
        Direction::Incoming,
    );
    for n in adj.nodes() {
        let i = n.index();
        let no_out = adj.out(n).is_empty();
        let isolated = no_out && adj.inc(n).is_empty();
        let dead_end = !adj.employment[i] && no_out;
        let unreachable = !from_on_ramps[i];
        let no_exit = adj.on_ramp[i] && !to_jobs[i];
        if !(isolated || dead_end || unreachable || no_exit) {
            continue;
        }
        let id = &ctx.stage(n).id;
        let label = ctx.label(n);
        if isolated {
            findings.push(ctx.stage_finding(
                Code::Isolated,
                n,
                format!("{label} has no transition at all: nothing leads to it and nothing leaves it."),
                format!(
                    "Connect {id}: add a transition into it from the stage before it and one out of it to \
                     the next step, or remove it if it no longer belongs in the pathway."
                ),
            ));
            continue;
        }
        if dead_end {
            findings.push(ctx.stage_finding(
                Code::DeadEnd,
                n,
                format!(
                    "{label} is a dead end: it is not a job and no transition leaves it, so a learner who \
                     finishes it has no next step."
                ),
                format!(
                    "Add a transition from {id} to the program or job it prepares for (or set its kind to \
                     employment if it is a job)."
                ),
            ));
        }
        if unreachable {
            findings.push(ctx.stage_finding(
                Code::Unreachable,
                n,
                format!("{label} is unreachable: no on-ramp leads to it, so no learner can get there."),
                format!(
                    "Add a transition into {id} from a stage learners can reach, or give it an `entry` if \
                     learners can start there."
                ),
            ));
        }
        if no_exit {
            findings.push(ctx.stage_finding(
                Code::NoExit,
                n,
                format!(
                    "{label} is an on-ramp from which no job can be reached: learners who start here never \
                     get to employment."
                ),
                format!(
                    "Add transitions from {id} (or a stage after it) toward a program that leads into an \
                     employment stage."
                ),
            ));
        }
    }
}

/// Which stages a search from every stage of `starts` reaches, following transitions in `dir`.
/// The starts themselves count as reached.
pub(super) fn reach(ctx: &Ctx<'_>, starts: impl IntoIterator<Item = NodeIndex>, dir: Direction) -> Vec<bool> {
    let mut seen = vec![false; ctx.n()];
    let mut queue = VecDeque::new();
    for s in starts {
        if !seen[s.index()] {
            seen[s.index()] = true;
            queue.push_back(s);
        }
    }
    while let Some(n) = queue.pop_front() {
        for step in ctx.adj.steps(n, dir) {
            if !seen[step.node.index()] {
                seen[step.node.index()] = true;
                queue.push_back(step.node);
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
