//! Yen's k shortest loopless routes, over the exact search in `search`.
//!
//! Starting from a level, every route begins at a virtual start joined to each on-ramp the level
//! meets; deviating "at the virtual start" means starting at an on-ramp no accepted route started at.
//!
//! Constraints come in two kinds. Avoided stages, `integrated_only` and `sequential_only` remove
//! stages and transitions, so the search honours them directly. Limits on weeks or cost and `earn`
//! are properties of whole routes that no edge weight can express (a route may earn early or late,
//! and a limit on a measure other than the one ranked by cuts across the order). For those we let
//! Yen enumerate routes in order and keep the ones that pass, which is exact because Yen's order is
//! DESIGN's order whatever we keep. The enumeration is bounded by `Query::examine_limit`; when the
//! bound stops it early, `Found::complete` is false. A limit on the ranked measure itself stops the
//! enumeration at the first route over it, since every later route is over it too.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::arithmetic::{start_measure, transition_measure};
use super::search::{Search, Seed};
use super::{Found, Query, Route, seeds};
use crate::domain::graph::Pathways;

/// A candidate's place in DESIGN's order, owning what it compares.
struct Key<'p> {
    measure: f64,
    steps: usize,
    ids: Vec<&'p str>,
    edges: Vec<EdgeIndex>,
}

impl<'p> Key<'p> {
    fn of(p: &'p Pathways, route: &Route, q: &Query) -> Key<'p> {
        Key {
            measure: route.measure(q.measure),
            steps: route.steps,
            ids: route.stages().iter().map(|&n| p.stage(n).id.as_str()).collect(),
            edges: route.transitions().to_vec(),
        }
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key<'_> {}
impl PartialOrd for Key<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.measure
            .total_cmp(&other.measure)
            .then(self.steps.cmp(&other.steps))
            .then_with(|| self.ids.cmp(&other.ids))
            .then_with(|| self.edges.cmp(&other.edges))
    }
}

/// The `k` best routes to `target` that pass the query's whole-route constraints, best first.
pub fn k_shortest(p: &Pathways, search: &mut Search<'_>, q: &Query, target: NodeIndex, k: usize) -> Found {
    search.focus_on(target);
    let from_level = q.starts_from_level();
    let all_seeds = seeds(p, q, search);
    let mut found = Found {
        routes: Vec::new(),
        complete: true,
    };
    let Some(reached) = search.run(&all_seeds, Some(target), &[], &[]).filter(|_| k > 0) else {
        return found;
    };
    let mut candidates: BTreeMap<Key<'_>, Route> = BTreeMap::new();
    let (stages, edges) = search.path_to(reached);
    if let Some(first) = Route::new(p, from_level, stages, edges) {
        candidates.insert(Key::of(p, &first, q), first);
    }
    // Every route taken from the candidates so far, kept or filtered out: Yen deviates from all.
    let mut taken: Vec<Route> = Vec::new();
    while let Some((_, route)) = candidates.pop_first() {
        if q.constraints.exceeds_on(q.measure, &route) {
            break;
        }
        if route.is_loopless() && q.constraints.admits(p, &route) {
            found.routes.push(route.clone());
            if found.routes.len() == k {
                break;
            }
        }
        if taken.len() + 1 >= q.examine_limit {
            found.complete = false;
            break;
        }
        taken.push(route);
        if let Some(last) = taken.last() {
            for candidate in deviations(p, search, q, &all_seeds, &taken, last, target) {
                let key = Key::of(p, &candidate, q);
                candidates.entry(key).or_insert(candidate);
            }
        }
    }
    found
}

/// Yen's spur step: for each stage of `route` (and the virtual start), the best route that shares
/// the prefix up to it and then leaves by a transition no taken route with that prefix used.
fn deviations(
    p: &Pathways,
    search: &mut Search<'_>,
    q: &Query,
    all_seeds: &[Seed],
    taken: &[Route],
    route: &Route,
    target: NodeIndex,
) -> Vec<Route> {
    let from_level = q.starts_from_level();
    let mut out = Vec::new();
    if from_level {
        let used: Vec<NodeIndex> = taken.iter().map(Route::first).collect();
        let others: Vec<Seed> = all_seeds
            .iter()
            .filter(|s| !used.contains(&s.node))
            .cloned()
            .collect();
        if !others.is_empty()
            && let Some(reached) = search.run(&others, Some(target), &[], &[])
        {
            let (stages, edges) = search.path_to(reached);
            out.extend(Route::new(p, true, stages, edges));
        }
    }
    let stages = route.stages();
    let edges = route.transitions();
    let mut prefix = start_measure(p, q.measure, stages[0], from_level);
    // What the learner holds on entering each stage of the route: the seed's, plus awards so far.
    let mut held = all_seeds
        .iter()
        .find(|s| s.node == stages[0])
        .map(|s| s.held.clone())
        .unwrap_or_default();
    for j in 0..edges.len() {
        if j > 0 {
            prefix += transition_measure(p, q.measure, stages[j - 1], edges[j - 1], stages[j]);
            held = held.union(p.awards(stages[j - 1]));
        }
        let root_stages = &stages[..=j];
        let root_edges = &edges[..j];
        let blocked_edges: Vec<EdgeIndex> = taken
            .iter()
            .filter(|t| {
                t.transitions().len() > j
                    && &t.stages()[..=j] == root_stages
                    && &t.transitions()[..j] == root_edges
            })
            .map(|t| t.transitions()[j])
            .collect();
        let seed = Seed {
            node: stages[j],
            measure: prefix,
            steps: u32::try_from(j).unwrap_or(u32::MAX),
            held: held.clone(),
        };
        if let Some(reached) = search.run(&[seed], Some(target), &stages[..j], &blocked_edges) {
            let (spur_stages, spur_edges) = search.path_to(reached);
            let mut all_stages = stages[..j].to_vec();
            all_stages.extend(spur_stages);
            let mut all_edges = root_edges.to_vec();
            all_edges.extend(spur_edges);
            out.extend(Route::new(p, from_level, all_stages, all_edges));
        }
    }
    out
}
