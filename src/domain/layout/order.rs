//! Columns, dummy lanes for long transitions, and the order within each column.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::domain::graph::Pathways;
use crate::domain::model::Mode;

/// A column's key: the level, and whether it holds that level's jobs.
pub(super) type ColumnKey = (u8, bool);

/// Something that takes a place in a column: a stage's box, or one lane of a long transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Item {
    /// A selected stage, by its position in the selection.
    Node(usize),
    /// A lane of the transition `edges[i]`.
    Dummy(usize),
}

/// A transition between two selected stages.
#[derive(Debug, Clone)]
pub(super) struct EdgeInfo {
    pub edge: EdgeIndex,
    pub from: usize,
    pub to: usize,
    pub mode: Mode,
    /// Items from source to target, one per column, when the ends are in different columns;
    /// empty when they share a column.
    pub chain: Vec<usize>,
}

/// The layered graph and its order.
#[derive(Debug, Clone)]
pub(super) struct Layered {
    pub nodes: Vec<NodeIndex>,
    /// Items: the selected stages first (item i is stage i), then the lanes.
    pub items: Vec<Item>,
    /// The column of each item.
    pub col: Vec<usize>,
    /// The columns, left to right.
    pub keys: Vec<ColumnKey>,
    pub edges: Vec<EdgeInfo>,
    /// Neighbours of each item in the column to its left, and to its right.
    pub left: Vec<Vec<usize>>,
    pub right: Vec<Vec<usize>>,
    /// Items of each column, top to bottom.
    pub order: Vec<Vec<usize>>,
    /// The position of each item in its column.
    pub pos: Vec<usize>,
    /// Runs of items that stay together (same-column chains), by item.
    block_of: Vec<usize>,
    blocks: Vec<Vec<usize>>,
    /// Ties in the sweeps break by this: stage id order, then lanes by creation.
    tiebreak: Vec<usize>,
}

impl Layered {
    pub fn build(pathways: &Pathways, nodes: &[NodeIndex], split_jobs: bool) -> Layered {
        let n = nodes.len();
        let local: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &v)| (v, i)).collect();

        // Columns: a level's jobs go right of its other stages when both are present.
        let mut learn = [false; 256];
        for &v in nodes {
            let s = pathways.stage(v);
            if !s.is_employment() {
                learn[usize::from(s.level)] = true;
            }
        }
        let key_of = |v: NodeIndex| -> ColumnKey {
            let s = pathways.stage(v);
            (
                s.level,
                split_jobs && s.is_employment() && learn[usize::from(s.level)],
            )
        };
        let mut keys: Vec<ColumnKey> = nodes.iter().map(|&v| key_of(v)).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut col: Vec<usize> = nodes
            .iter()
            .map(|&v| keys.binary_search(&key_of(v)).unwrap_or(0))
            .collect();

        // Transitions with both ends selected, in file order; no self-transitions.
        let mut found: Vec<(EdgeIndex, usize, usize, Mode)> = Vec::new();
        for (i, &v) in nodes.iter().enumerate() {
            for e in pathways.graph().edges(v) {
                if let Some(&j) = local.get(&e.target())
                    && j != i
                {
                    found.push((e.id(), i, j, e.weight().mode));
                }
            }
        }
        found.sort_unstable_by_key(|f| f.0);

        let mut items: Vec<Item> = (0..n).map(Item::Node).collect();
        let mut edges = Vec::with_capacity(found.len());
        for (k, &(edge, from, to, mode)) in found.iter().enumerate() {
            let (cu, cv) = (col[from], col[to]);
            let mut chain = Vec::new();
            if cu != cv {
                chain.push(from);
                let columns: Vec<usize> = if cu < cv {
                    (cu + 1..cv).collect()
                } else {
                    (cv + 1..cu).rev().collect()
                };
                for c in columns {
                    chain.push(items.len());
                    items.push(Item::Dummy(k));
                    col.push(c);
                }
                chain.push(to);
            }
            edges.push(EdgeInfo {
                edge,
                from,
                to,
                mode,
                chain,
            });
        }

        let mut left = vec![Vec::new(); items.len()];
        let mut right = vec![Vec::new(); items.len()];
        for e in &edges {
            for pair in e.chain.windows(2) {
                let (a, b) = if col[pair[0]] < col[pair[1]] {
                    (pair[0], pair[1])
                } else {
                    (pair[1], pair[0])
                };
                right[a].push(b);
                left[b].push(a);
            }
        }

        let mut by_id: Vec<usize> = (0..n).collect();
        by_id.sort_by(|&a, &b| pathways.stage(nodes[a]).id.cmp(&pathways.stage(nodes[b]).id));
        let mut tiebreak = vec![0; items.len()];
        for (rank, &i) in by_id.iter().enumerate() {
            tiebreak[i] = rank;
        }
        for (i, t) in tiebreak.iter_mut().enumerate().skip(n) {
            *t = i;
        }

        let mut layered = Layered {
            nodes: nodes.to_vec(),
            items,
            col,
            keys,
            edges,
            left,
            right,
            order: Vec::new(),
            pos: Vec::new(),
            block_of: Vec::new(),
            blocks: Vec::new(),
            tiebreak,
        };
        layered.make_blocks();
        layered
    }

    /// Groups same-column chains (u -> v where u has one same-column successor and v one
    /// same-column predecessor) into blocks, and sets the first order: the selection order, lanes
    /// after the stages, each block where its first member was.
    fn make_blocks(&mut self) {
        let n = self.nodes.len();
        let mut out_same = vec![0usize; n];
        let mut in_same = vec![0usize; n];
        for e in &self.edges {
            if e.chain.is_empty() {
                out_same[e.from] += 1;
                in_same[e.to] += 1;
            }
        }
        let mut next: Vec<Option<usize>> = vec![None; n];
        let mut prev: Vec<Option<usize>> = vec![None; n];
        for e in &self.edges {
            if e.chain.is_empty() && out_same[e.from] == 1 && in_same[e.to] == 1 {
                next[e.from] = Some(e.to);
                prev[e.to] = Some(e.from);
            }
        }
        let items = self.items.len();
        self.block_of = vec![usize::MAX; items];
        self.blocks = Vec::new();
        // Chains from their heads, then what is left (cycles), cut before their first stage.
        let heads: Vec<usize> = (0..n).filter(|&i| prev[i].is_none()).chain(0..n).collect();
        for head in heads {
            if self.block_of[head] != usize::MAX {
                continue;
            }
            let id = self.blocks.len();
            let mut members = Vec::new();
            let mut at = Some(head);
            while let Some(i) = at {
                if self.block_of[i] != usize::MAX {
                    break;
                }
                self.block_of[i] = id;
                members.push(i);
                at = next[i];
            }
            self.blocks.push(members);
        }
        for i in n..items {
            self.block_of[i] = self.blocks.len();
            self.blocks.push(vec![i]);
        }

        let mut order: Vec<Vec<usize>> = vec![Vec::new(); self.keys.len()];
        let mut placed = vec![false; self.blocks.len()];
        for i in 0..items {
            let b = self.block_of[i];
            if !placed[b] {
                placed[b] = true;
                order[self.col[i]].extend(self.blocks[b].iter().copied());
            }
        }
        self.order = order;
        self.pos = vec![0; items];
        self.refresh_positions();
    }

    fn refresh_positions(&mut self) {
        for column in &self.order {
            for (p, &i) in column.iter().enumerate() {
                self.pos[i] = p;
            }
        }
    }

    /// Barycenter sweeps, alternately left to right and right to left; keeps the best order seen
    /// (the first one included), so the result never has more crossings than the selection order.
    pub fn minimise_crossings(&mut self, sweeps: usize) {
        let mut best = self.total_crossings();
        let mut best_order = self.order.clone();
        let columns = self.order.len();
        for sweep in 0..sweeps {
            if best == 0 {
                break;
            }
            if sweep % 2 == 0 {
                for c in 1..columns {
                    self.sort_column(c, true);
                }
            } else {
                for c in (0..columns.saturating_sub(1)).rev() {
                    self.sort_column(c, false);
                }
            }
            let now = self.total_crossings();
            if now < best {
                best = now;
                best_order.clone_from(&self.order);
            }
        }
        self.order = best_order;
        self.refresh_positions();
    }

    /// Sorts column `c`'s blocks by the mean position of their neighbours in the column to the
    /// left (`from_left`) or to the right; a block with none there keeps its place.
    fn sort_column(&mut self, c: usize, from_left: bool) {
        let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
        let column = &self.order[c];
        let mut k = 0;
        while k < column.len() {
            let b = self.block_of[column[k]];
            let len = self.blocks[b].len();
            let (mut sum, mut count) = (0.0, 0usize);
            for &i in &self.blocks[b] {
                let nbrs = if from_left { &self.left[i] } else { &self.right[i] };
                for &j in nbrs {
                    sum += self.pos[j] as f64;
                    count += 1;
                }
            }
            let bary = if count > 0 {
                sum / count as f64
            } else {
                k as f64 + (len as f64 - 1.0) / 2.0
            };
            keyed.push((bary, self.tiebreak[self.blocks[b][0]], b));
            k += len;
        }
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut sorted = Vec::with_capacity(column.len());
        for (_, _, b) in keyed {
            sorted.extend(self.blocks[b].iter().copied());
        }
        for (p, &i) in sorted.iter().enumerate() {
            self.pos[i] = p;
        }
        self.order[c] = sorted;
    }

    /// Every segment between columns `c` and `c + 1`, as positions.
    fn gap_segments(&self, c: usize) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for &a in &self.order[c] {
            for &b in &self.right[a] {
                out.push((to_u32(self.pos[a]), to_u32(self.pos[b])));
            }
        }
        out
    }

    fn total_crossings(&self) -> usize {
        (0..self.order.len().saturating_sub(1))
            .map(|c| count_crossings(&self.gap_segments(c)))
            .sum()
    }

    /// The segments of every pair of adjacent columns, for [`super::crossings`].
    pub fn segments(&self) -> Vec<Vec<(u32, u32)>> {
        (0..self.order.len().saturating_sub(1))
            .map(|c| self.gap_segments(c))
            .collect()
    }
}

fn to_u32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// Pairs of segments that cross: (a, b) and (c, d) with a < c and b > d. O(s log s).
pub(super) fn count_crossings(segments: &[(u32, u32)]) -> usize {
    if segments.len() < 2 {
        return 0;
    }
    let mut sorted = segments.to_vec();
    sorted.sort_unstable();
    let size = sorted.iter().map(|s| s.1 as usize).max().unwrap_or(0) + 1;
    let mut tree = vec![0usize; size + 1];
    let mut crossings = 0;
    for (inserted, &(_, b)) in sorted.iter().enumerate() {
        // Segments already seen (left end <= this one's) whose right end is below this one's.
        let mut at_most = 0;
        let mut i = b as usize + 1;
        while i > 0 {
            at_most += tree[i];
            i &= i - 1;
        }
        crossings += inserted - at_most;
        let mut i = b as usize + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    crossings
}

#[cfg(test)]
mod tests {
    use super::count_crossings;

    #[test]
    fn counts_crossing_pairs() {
        assert_eq!(count_crossings(&[]), 0);
        assert_eq!(count_crossings(&[(0, 0), (1, 1)]), 0);
        assert_eq!(count_crossings(&[(0, 1), (1, 0)]), 1);
        // Shared ends do not cross.
        assert_eq!(count_crossings(&[(0, 0), (0, 1), (1, 1)]), 0);
        assert_eq!(count_crossings(&[(0, 2), (1, 1), (2, 0)]), 3);
        assert_eq!(count_crossings(&[(0, 1), (0, 2), (1, 0)]), 2);
    }
}
