//! Why no route is open to a learner: the best route she could take if she held every condition,
//! the first stage on it she may not enter, and what she lacks there.

use petgraph::graph::NodeIndex;

use super::{Query, Route, best_routes, destinations};
use crate::domain::condition::CondSet;
use crate::domain::graph::Pathways;
use crate::domain::learner::condition_words;

/// The nearest blocked route and what blocks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    /// The best route if every requirement were met.
    pub route: Route,
    /// The first stage on it the learner may not enter.
    pub at: NodeIndex,
    /// What she lacks there (not yet held, nor awarded earlier on the route).
    pub missing: CondSet,
    /// Stages further on that need still more, each with what it adds to the list.
    pub later: Vec<(NodeIndex, CondSet)>,
}

impl Blocked {
    /// One or two sentences: where the route stops and where each missing condition is earned.
    pub fn words(&self, p: &Pathways) -> String {
        // A few conditions by name, the rest counted: an audit quotes this for every on-ramp.
        const NAMED: usize = 5;
        let lacks = |set: &CondSet| {
            let all: Vec<usize> = set.iter().collect();
            let mut words = all
                .iter()
                .take(NAMED)
                .map(|&c| condition_words(p, c))
                .collect::<Vec<_>>()
                .join("; and ");
            if all.len() > NAMED {
                words.push_str(&format!("; and {} more", all.len() - NAMED));
            }
            words
        };
        let mut words = format!(
            "the nearest route stops at {} ({}), which requires {}",
            p.stage(self.at).title,
            p.stage(self.at).id,
            lacks(&self.missing)
        );
        for (n, more) in &self.later {
            words.push_str(&format!(
                "; further on, {} ({}) requires {}",
                p.stage(*n).title,
                p.stage(*n).id,
                lacks(more)
            ));
        }
        words
    }
}

/// The nearest route to `target` (or, without one, to any job) that requirements block.
pub fn blocked(p: &Pathways, q: &Query, target: Option<NodeIndex>) -> Option<Blocked> {
    let mut relaxed = q.clone();
    relaxed.constraints.ignore_requirements = true;
    let routes = match target {
        Some(t) => best_routes(p, &relaxed, t, 1).routes,
        None => destinations(p, &relaxed).routes,
    };
    routes.into_iter().find_map(|route| first_block(p, q, route))
}

/// The first stage of `route` the learner of `q` may not enter, with what she lacks there and at
/// the stages after it (as if she had got what the earlier ones need).
pub fn first_block(p: &Pathways, q: &Query, route: Route) -> Option<Blocked> {
    let stages = route.stages().to_vec();
    let mut held = q.held_at_start(p);
    let mut blocks: Vec<(NodeIndex, CondSet)> = Vec::new();
    for (i, &n) in stages.iter().enumerate() {
        if i > 0 {
            held = held.union(p.awards(stages[i - 1]));
        }
        let missing = p.requires(n).difference(&held);
        if !missing.is_empty() {
            held = held.union(&missing);
            blocks.push((n, missing));
        }
    }
    let mut blocks = blocks.into_iter();
    let (at, missing) = blocks.next()?;
    Some(Blocked {
        route,
        at,
        missing,
        later: blocks.collect(),
    })
}
