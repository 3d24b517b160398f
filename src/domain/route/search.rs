//! One shortest-route search on the petgraph graph, with DESIGN's full order on routes.
//!
//! Routes compare by (measure, steps, stage ids in order, transition order). Labels are
//! (measure, steps) pairs; steps grow by one on every transition, so every label a stage can get
//! through a predecessor is strictly greater than the predecessor's: a stage is settled only after
//! every stage that could give it an equal label, and equal labels are then settled by comparing the
//! two id chains. That makes the search exact for the full order, not just for the measure.
//! For `steps` every weight is 1 and a FIFO queue (breadth-first) replaces the heap.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::arithmetic::transition_measure;
use super::{Constraints, Measure};
use crate::domain::graph::Pathways;
use crate::domain::model::{Kind, Mode};

const NONE: u32 = u32::MAX;

/// A stage to start from, with its label: the measure and steps already spent reaching it.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    pub node: NodeIndex,
    pub measure: f64,
    pub steps: u32,
}

/// Which transitions and stages a route may use at all (the constraints that fit in the graph).
pub struct Allowed {
    avoided: Vec<bool>,
    integrated_only: bool,
    sequential_only: bool,
}

impl Allowed {
    pub fn new(p: &Pathways, c: &Constraints) -> Allowed {
        let mut avoided = vec![false; p.stage_count()];
        for n in &c.avoid {
            if let Some(slot) = avoided.get_mut(n.index()) {
                *slot = true;
            }
        }
        Allowed {
            avoided,
            integrated_only: c.integrated_only,
            sequential_only: c.sequential_only,
        }
    }

    pub fn stage(&self, node: NodeIndex) -> bool {
        !self.avoided.get(node.index()).copied().unwrap_or(true)
    }

    /// Whether the transition `edge` into `to` may be taken.
    pub fn transition(&self, p: &Pathways, edge: EdgeIndex, to: NodeIndex) -> bool {
        let mode = p.transition(edge).mode;
        if self.sequential_only && mode != Mode::Sequential {
            return false;
        }
        if self.integrated_only && p.stage(to).kind == Kind::Training && mode != Mode::Integrated {
            return false;
        }
        self.stage(to)
    }
}

/// Heap entry, smallest label first.
#[derive(Debug, Clone, Copy)]
struct Entry {
    measure: f64,
    steps: u32,
    node: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap.
        other
            .measure
            .total_cmp(&self.measure)
            .then(other.steps.cmp(&self.steps))
            .then(other.node.cmp(&self.node))
    }
}

enum Frontier {
    Heap(BinaryHeap<Entry>),
    Queue(VecDeque<Entry>),
}

impl Frontier {
    fn push(&mut self, e: Entry) {
        match self {
            Frontier::Heap(h) => h.push(e),
            Frontier::Queue(q) => q.push_back(e),
        }
    }

    fn pop(&mut self) -> Option<Entry> {
        match self {
            Frontier::Heap(h) => h.pop(),
            Frontier::Queue(q) => q.pop_front(),
        }
    }

    fn clear(&mut self) {
        match self {
            Frontier::Heap(h) => h.clear(),
            Frontier::Queue(q) => q.clear(),
        }
    }
}

/// A reusable search over one graph: arrays sized to the graph, reset by bumping a stamp so that
/// the many small searches of Yen's algorithm cost only what they touch.
pub struct Search<'p> {
    p: &'p Pathways,
    measure: Measure,
    allowed: &'p Allowed,
    /// Stages that can reach the focused target carry the focus stamp; nothing else is worth
    /// exploring. `focus == 0`: no target, every stage is relevant.
    relevant: Vec<u32>,
    focus: u32,
    /// The stages that can reach the focused target, in discovery order.
    focused: Vec<NodeIndex>,
    stamp: u32,
    seen: Vec<u32>,
    done: Vec<u32>,
    blocked: Vec<u32>,
    blocked_edge: Vec<u32>,
    label: Vec<f64>,
    steps: Vec<u32>,
    pred_node: Vec<u32>,
    pred_edge: Vec<u32>,
    frontier: Frontier,
    settled: Vec<NodeIndex>,
}

impl<'p> Search<'p> {
    pub fn new(p: &'p Pathways, measure: Measure, allowed: &'p Allowed) -> Search<'p> {
        let n = p.stage_count();
        Search {
            p,
            measure,
            allowed,
            relevant: vec![0; n],
            focus: 0,
            focused: Vec::new(),
            stamp: 0,
            seen: vec![0; n],
            done: vec![0; n],
            blocked: vec![0; n],
            blocked_edge: vec![0; p.transition_count()],
            label: vec![0.0; n],
            steps: vec![0; n],
            pred_node: vec![NONE; n],
            pred_edge: vec![NONE; n],
            frontier: if measure == Measure::Steps {
                Frontier::Queue(VecDeque::new())
            } else {
                Frontier::Heap(BinaryHeap::new())
            },
            settled: Vec::new(),
        }
    }

    /// Limits every later search to stages that can reach `target` over allowed transitions.
    /// Costs only what it visits, so many targets can be focused on in turn.
    pub fn focus_on(&mut self, target: NodeIndex) {
        self.focus = self.focus.wrapping_add(1);
        if self.focus == 0 {
            self.relevant.fill(0);
            self.focus = 1;
        }
        let focus = self.focus;
        self.focused.clear();
        if !self.allowed.stage(target) {
            return;
        }
        self.relevant[target.index()] = focus;
        self.focused.push(target);
        let mut stack = vec![target];
        while let Some(v) = stack.pop() {
            for e in self.p.graph().edges_directed(v, petgraph::Direction::Incoming) {
                let u = e.source();
                if self.relevant[u.index()] != focus
                    && self.allowed.stage(u)
                    && self.allowed.transition(self.p, e.id(), v)
                {
                    self.relevant[u.index()] = focus;
                    self.focused.push(u);
                    stack.push(u);
                }
            }
        }
    }

    /// Whether `node` can reach the focused target (always true without a focus).
    pub fn is_relevant(&self, node: NodeIndex) -> bool {
        self.focus == 0 || self.relevant[node.index()] == self.focus
    }

    /// The stages that can reach the focused target; `None` without a focus.
    pub fn focused(&self) -> Option<&[NodeIndex]> {
        (self.focus != 0).then_some(self.focused.as_slice())
    }

    /// Starts a new search: forgets labels, blocks, and settled stages.
    fn reset(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.done.fill(0);
            self.blocked.fill(0);
            self.blocked_edge.fill(0);
            self.stamp = 1;
        }
        self.frontier.clear();
        self.settled.clear();
    }

    /// Runs a search from `seeds`, never entering `blocked` stages or taking `blocked_edges`.
    /// Stops when `target` is settled; without a target, settles everything reachable.
    /// Returns whether the target (if any) was reached.
    pub fn run(
        &mut self,
        seeds: &[Seed],
        target: Option<NodeIndex>,
        blocked: &[NodeIndex],
        blocked_edges: &[EdgeIndex],
    ) -> bool {
        self.reset();
        let stamp = self.stamp;
        for n in blocked {
            self.blocked[n.index()] = stamp;
        }
        for e in blocked_edges {
            if let Some(slot) = self.blocked_edge.get_mut(e.index()) {
                *slot = stamp;
            }
        }
        for seed in seeds {
            let i = seed.node.index();
            if self.blocked[i] == stamp || !self.allowed.stage(seed.node) || !self.is_relevant(seed.node) {
                continue;
            }
            // Seeds are distinct stages; a repeated one keeps its better label.
            let better = self.seen[i] != stamp
                || seed
                    .measure
                    .total_cmp(&self.label[i])
                    .then(seed.steps.cmp(&self.steps[i]))
                    == Ordering::Less;
            if better {
                self.seen[i] = stamp;
                self.label[i] = seed.measure;
                self.steps[i] = seed.steps;
                self.pred_node[i] = NONE;
                self.pred_edge[i] = NONE;
                self.frontier.push(Entry {
                    measure: seed.measure,
                    steps: seed.steps,
                    node: index_u32(i),
                });
            }
        }
        while let Some(entry) = self.frontier.pop() {
            let ui = entry.node as usize;
            if self.done[ui] == stamp
                || self.label[ui].total_cmp(&entry.measure) != Ordering::Equal
                || self.steps[ui] != entry.steps
            {
                continue;
            }
            self.done[ui] = stamp;
            let u = NodeIndex::new(ui);
            self.settled.push(u);
            if Some(u) == target {
                return true;
            }
            for e in self.p.graph().edges(u) {
                let v = e.target();
                let vi = v.index();
                if self.done[vi] == stamp
                    || self.blocked[vi] == stamp
                    || self.blocked_edge[e.id().index()] == stamp
                    || !self.is_relevant(v)
                    || !self.allowed.transition(self.p, e.id(), v)
                {
                    continue;
                }
                let measure = entry.measure + transition_measure(self.p, self.measure, u, e.id(), v);
                let steps = entry.steps + 1;
                let take = if self.seen[vi] != stamp {
                    true
                } else {
                    match measure
                        .total_cmp(&self.label[vi])
                        .then(steps.cmp(&self.steps[vi]))
                    {
                        Ordering::Less => true,
                        Ordering::Greater => false,
                        Ordering::Equal => self.chain_beats(u, e.id(), v) == Ordering::Less,
                    }
                };
                if take {
                    let relabel = self.seen[vi] != stamp
                        || self.label[vi].total_cmp(&measure) != Ordering::Equal
                        || self.steps[vi] != steps;
                    self.seen[vi] = stamp;
                    self.label[vi] = measure;
                    self.steps[vi] = steps;
                    self.pred_node[vi] = index_u32(ui);
                    self.pred_edge[vi] = index_u32(e.id().index());
                    if relabel {
                        self.frontier.push(Entry {
                            measure,
                            steps,
                            node: index_u32(vi),
                        });
                    }
                }
            }
        }
        false
    }

    /// Compares the route through `u` and `edge` into `v` with `v`'s current route of the same label:
    /// stage ids in order, then transitions in file order. Both routes have the same number of steps,
    /// so their chains are walked back in lockstep and the earliest difference decides.
    fn chain_beats(&self, u: NodeIndex, edge: EdgeIndex, v: NodeIndex) -> Ordering {
        let vi = v.index();
        let (mut a, mut b) = (index_u32(u.index()), self.pred_node[vi]);
        if a == b {
            return index_u32(edge.index()).cmp(&self.pred_edge[vi]);
        }
        let mut order = Ordering::Equal;
        while a != b && a != NONE && b != NONE {
            order = self
                .p
                .stage(NodeIndex::new(a as usize))
                .id
                .as_str()
                .cmp(self.p.stage(NodeIndex::new(b as usize)).id.as_str());
            a = self.pred_node[a as usize];
            b = self.pred_node[b as usize];
        }
        order
    }

    /// Stages settled by the last search, in the order they were settled.
    pub fn settled(&self) -> &[NodeIndex] {
        &self.settled
    }

    /// The route the last search found to `node`, from its seed: stages and transitions.
    pub fn path_to(&self, node: NodeIndex) -> (Vec<NodeIndex>, Vec<EdgeIndex>) {
        let mut stages = vec![node];
        let mut edges = Vec::new();
        let mut at = node.index();
        while self.pred_node[at] != NONE {
            edges.push(EdgeIndex::new(self.pred_edge[at] as usize));
            at = self.pred_node[at] as usize;
            stages.push(NodeIndex::new(at));
        }
        stages.reverse();
        edges.reverse();
        (stages, edges)
    }
}

fn index_u32(i: usize) -> u32 {
    // petgraph's default index type is u32, so every node and edge index fits.
    u32::try_from(i).unwrap_or(NONE)
}
