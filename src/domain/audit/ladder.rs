//! The climb: `level-jump` (a transition that climbs two or more rungs at once) and `cycle` (a loop
//! through stages none of which is a job, found as strongly connected components in one pass).
//!
//! A cycle is reported once per loop, at the transition that closes it: the one inside the loop that
//! climbs least (it leads back down or sideways), whose `explain` says the loop is deliberate.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Code, Ctx, Sink, and_list};

/// At most this many stages of a loop are named in its message.
const LOOP_SHOWN: usize = 6;

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    level_jumps(ctx, findings);
    cycles(ctx, findings);
}

fn level_jumps(ctx: &Ctx<'_>, findings: &mut Sink) {
    let adj = &ctx.adj;
    for u in adj.nodes() {
        let lu = adj.level[u.index()];
        for step in adj.out(u) {
            let v = step.node;
            if adj.level[v.index()] < lu.saturating_add(2) {
                continue;
            }
            let (from, to) = (ctx.stage(u), ctx.stage(v));
            let climb = to.level - from.level;
            findings.push(ctx.transition_finding(
                Code::LevelJump,
                u,
                step.edge,
                format!(
                    "The step from {} ({}, level {}) to {} ({}, level {}) climbs {climb} levels at once: \
                     learners may not be ready for it.",
                    from.title, from.id, from.level, to.title, to.id, to.level
                ),
                format!(
                    "Add a stage in between (a bridge class, or an integrated program that teaches the basics \
                     in the same course), or say why the climb is deliberate in the `explain` of the \
                     transition {} -> {} (`\"level-jump\": \"why\"`).",
                    from.id, to.id
                ),
            ));
        }
    }
}

/// A transition inside a loop, as the candidate that closes it.
#[derive(Clone, Copy)]
struct Closing {
    from: NodeIndex,
    to: NodeIndex,
    edge: EdgeIndex,
}

fn cycles(ctx: &Ctx<'_>, findings: &mut Sink) {
    let adj = &ctx.adj;
    let comp = components(ctx);
    let count = comp.iter().flatten().max().map_or(0, |&c| c + 1);
    let mut size = vec![0usize; count];
    for c in comp.iter().flatten() {
        size[*c] += 1;
    }
    // The closing transition of each loop: inside it, the smallest climb, then the smallest ids.
    let climb = |c: &Closing| i16::from(adj.level[c.to.index()]) - i16::from(adj.level[c.from.index()]);
    let rank = |c: &Closing| {
        (
            climb(c),
            ctx.stage(c.from).id.as_str(),
            ctx.stage(c.to).id.as_str(),
            c.edge,
        )
    };
    let mut closing: Vec<Option<Closing>> = vec![None; count];
    for u in adj.nodes() {
        let Some(cu) = comp[u.index()] else { continue };
        for step in adj.out(u) {
            if comp[step.node.index()] != Some(cu) || (size[cu] < 2 && step.node != u) {
                continue;
            }
            let candidate = Closing {
                from: u,
                to: step.node,
                edge: step.edge,
            };
            let better = match &closing[cu] {
                None => true,
                Some(best) => rank(&candidate) < rank(best),
            };
            if better {
                closing[cu] = Some(candidate);
            }
        }
    }
    let mut members: Vec<Vec<NodeIndex>> = vec![Vec::new(); count];
    for (i, c) in comp.iter().enumerate() {
        if let Some(c) = c
            && closing[*c].is_some()
        {
            members[*c].push(NodeIndex::new(i));
        }
    }
    for (c, closing) in closing.iter().enumerate() {
        let Some(Closing { from: u, to: v, edge }) = *closing else {
            continue;
        };
        let (su, sv) = (ctx.stage(u), ctx.stage(v));
        let mut stages = members[c].clone();
        stages.sort_by(|a, b| ctx.stage(*a).id.cmp(&ctx.stage(*b).id));
        let mut names: Vec<String> = stages.iter().take(LOOP_SHOWN).map(|&n| ctx.label(n)).collect();
        if stages.len() > LOOP_SHOWN {
            names.push(format!("{} more", stages.len() - LOOP_SHOWN));
        }
        let message = if u == v {
            format!(
                "{} leads back to itself: a loop with no job in it, so a learner can repeat it without \
                 getting closer to work.",
                ctx.label(u)
            )
        } else {
            format!(
                "{} form a loop with no job in it: the transition from {} back to {} lets a learner go \
                 round without getting closer to work.",
                and_list(&names),
                su.title,
                sv.title
            )
        };
        findings.push(ctx.transition_finding(
            Code::Cycle,
            v,
            edge,
            message,
            format!(
                "Remove or redirect the transition {} -> {} so the route moves forward, or say why the loop \
                 is deliberate (for example repeating a level) in that transition's `explain` under `cycle`.",
                su.id, sv.id
            ),
        ));
    }
}

/// The strongly connected component of every stage that is not a job (`None` for jobs), by an
/// iterative Tarjan search over transitions between such stages. Linear time, no recursion.
fn components(ctx: &Ctx<'_>) -> Vec<Option<usize>> {
    const UNSEEN: usize = usize::MAX;
    let adj = &ctx.adj;
    let n = ctx.n();
    let in_scope = |v: NodeIndex| !adj.employment[v.index()];
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<NodeIndex> = Vec::new();
    let mut comp: Vec<Option<usize>> = vec![None; n];
    let mut next_index = 0usize;
    let mut next_comp = 0usize;
    // The search's own call stack: a stage, and how many of its transitions out were followed.
    let mut calls: Vec<(NodeIndex, usize)> = Vec::new();
    for root in adj.nodes().filter(|&v| in_scope(v)) {
        if index[root.index()] != UNSEEN {
            continue;
        }
        index[root.index()] = next_index;
        low[root.index()] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root.index()] = true;
        calls.push((root, 0));
        while let Some((v, done)) = calls.last_mut() {
            let v = *v;
            match adj.out(v).get(*done) {
                Some(step) => {
                    *done += 1;
                    let w = step.node;
                    if !in_scope(w) {
                        continue;
                    }
                    if index[w.index()] == UNSEEN {
                        index[w.index()] = next_index;
                        low[w.index()] = next_index;
                        next_index += 1;
                        stack.push(w);
                        on_stack[w.index()] = true;
                        calls.push((w, 0));
                    } else if on_stack[w.index()] {
                        low[v.index()] = low[v.index()].min(index[w.index()]);
                    }
                }
                None => {
                    calls.pop();
                    if let Some((parent, _)) = calls.last() {
                        low[parent.index()] = low[parent.index()].min(low[v.index()]);
                    }
                    if low[v.index()] == index[v.index()] {
                        while let Some(w) = stack.pop() {
                            on_stack[w.index()] = false;
                            comp[w.index()] = Some(next_comp);
                            if w == v {
                                break;
                            }
                        }
                        next_comp += 1;
                    }
                }
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{codes, pathways};

    #[test]
    fn a_loop_without_a_job_is_a_cycle_at_the_step_back() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"b","title":"B","kind":"education","level":1},
               {"id":"c","title":"C","kind":"training","level":1,"credential":"X"},
               {"id":"j","title":"J","kind":"employment","level":2}"#,
            r#"{"from":"a","to":"b","mode":"integrated"},{"from":"b","to":"c","mode":"sequential"},
               {"from":"c","to":"a","mode":"sequential"},{"from":"c","to":"j","mode":"sequential"}"#,
        );
        let all = super::super::audit(&p, &Default::default());
        let cycles: Vec<_> = all.iter().filter(|f| f.code.as_str() == "cycle").collect();
        assert_eq!(cycles.len(), 1, "{all:#?}");
        let t = cycles[0].transition.as_ref().unwrap();
        assert_eq!((t.from.as_str(), t.to.as_str()), ("c", "a"));
        assert_eq!(cycles[0].stage.as_deref(), Some("a"));
    }

    #[test]
    fn a_loop_through_a_job_is_a_career_ladder_not_a_cycle() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"c","title":"C","kind":"training","level":1,"credential":"X"},
               {"id":"j","title":"J","kind":"employment","level":1}"#,
            r#"{"from":"a","to":"c","mode":"integrated"},{"from":"c","to":"j","mode":"sequential"},
               {"from":"j","to":"c","mode":"sequential"}"#,
        );
        assert!(!codes(&p, "c").contains(&"cycle"));
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let stages: Vec<String> = (0..n)
            .map(|i| {
                let entry = if i == 0 { r#","entry":["ESL 1"]"# } else { "" };
                format!(r#"{{"id":"s{i}","title":"S{i}","kind":"education","level":0{entry}}}"#)
            })
            .collect();
        let mut transitions: Vec<String> = (1..n)
            .map(|i| format!(r#"{{"from":"s{}","to":"s{i}","mode":"sequential"}}"#, i - 1))
            .collect();
        transitions.push(format!(
            r#"{{"from":"s{}","to":"s0","mode":"sequential"}}"#,
            n - 1
        ));
        let p = pathways(&stages.join(","), &transitions.join(","));
        let comp = super::components(&super::super::Ctx::new(&p));
        assert!(comp.iter().all(|c| *c == comp[0]));
    }
}
