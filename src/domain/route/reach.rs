//! On-ramps and reachability: where a level may start, and what to say when nothing is reachable.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::domain::graph::Pathways;
use crate::domain::level::{ALL_LEVELS, Entry, Levels, Scale, SkillLevel};

/// The on-ramps whose `entry` one of `levels` meets, in load order (what they require aside).
pub fn on_ramps_for(p: &Pathways, levels: &Levels) -> Vec<NodeIndex> {
    p.on_ramps()
        .filter(|&n| levels.meets_any(&p.stage(n).entry))
        .collect()
}

/// The lowest level an on-ramp accepts on one scale, and the on-ramps that accept it.
#[derive(Debug, Clone, PartialEq)]
pub struct LowestEntry {
    pub level: SkillLevel,
    pub stages: Vec<NodeIndex>,
}

/// The lowest `entry` on `scale` across every on-ramp (`HSE` counts on the ABE scale, above ABE 6).
pub fn lowest_entry(p: &Pathways, scale: Scale) -> Option<LowestEntry> {
    let lowest = p
        .on_ramps()
        .flat_map(|n| p.stage(n).entry.iter().copied())
        .filter(|e| e.scale() == Some(scale))
        .filter_map(Entry::lowest)
        .min()?;
    let stages = p
        .on_ramps()
        .filter(|&n| p.stage(n).entry.iter().any(|&e| e.lowest() == Some(lowest)))
        .collect();
    Some(LowestEntry {
        level: lowest,
        stages,
    })
}

/// Every skill level from which `target` can be reached at all (no constraints), lowest first.
pub fn levels_reaching(p: &Pathways, target: NodeIndex) -> Vec<SkillLevel> {
    let mut reaches = vec![false; p.stage_count()];
    reaches[target.index()] = true;
    let mut stack = vec![target];
    while let Some(v) = stack.pop() {
        for e in p.graph().edges_directed(v, Direction::Incoming) {
            let u = e.source();
            if !reaches[u.index()] {
                reaches[u.index()] = true;
                stack.push(u);
            }
        }
    }
    let entries: Vec<Entry> = p
        .on_ramps()
        .filter(|n| reaches[n.index()])
        .flat_map(|n| p.stage(n).entry.iter().copied())
        .collect();
    ALL_LEVELS
        .into_iter()
        .filter(|l| entries.iter().any(|&e| l.meets(e)))
        .collect()
}
