//! What to put on a map: a sector, or the stages around one stage.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::domain::graph::Pathways;

/// The stages within `radius` transitions of `node`, following transitions either way, `node`
/// included, in load order.
pub fn neighbourhood(pathways: &Pathways, node: NodeIndex, radius: usize) -> Vec<NodeIndex> {
    let graph = pathways.graph();
    if graph.node_weight(node).is_none() {
        return Vec::new();
    }
    let mut distance = vec![usize::MAX; graph.node_count()];
    distance[node.index()] = 0;
    let mut queue = VecDeque::from([node]);
    while let Some(v) = queue.pop_front() {
        let d = distance[v.index()];
        if d == radius {
            continue;
        }
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for w in graph.neighbors_directed(v, dir) {
                if distance[w.index()] == usize::MAX {
                    distance[w.index()] = d + 1;
                    queue.push_back(w);
                }
            }
        }
    }
    graph
        .node_indices()
        .filter(|n| distance[n.index()] != usize::MAX)
        .collect()
}

/// The stages of a sector (exact name), in load order; with `linked`, also the stages of other
/// sectors joined to them by a transition (the shared foundational classes that feed a sector,
/// say), so the map shows where learners come from.
pub fn sector(pathways: &Pathways, sector: &str, linked: bool) -> Vec<NodeIndex> {
    let graph = pathways.graph();
    let mut chosen = vec![false; graph.node_count()];
    for n in pathways.in_sector(sector) {
        chosen[n.index()] = true;
    }
    if linked {
        let own = chosen.clone();
        for n in graph.node_indices().filter(|n| own[n.index()]) {
            for dir in [Direction::Outgoing, Direction::Incoming] {
                for w in graph.neighbors_directed(n, dir) {
                    chosen[w.index()] = true;
                }
            }
        }
    }
    graph.node_indices().filter(|n| chosen[n.index()]).collect()
}
