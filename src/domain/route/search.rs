//! One shortest-route search with DESIGN's full order on routes, over states (stage, conditions
//! held) so that every stage's `requires` is checked against what the learner holds plus what the
//! route has awarded before it.
//!
//! Routes compare by (measure, steps, stage ids in order, transition order). Labels are
//! (measure, steps) pairs; steps grow by one on every transition, so every label a state can get
//! through a predecessor is strictly greater than the predecessor's: a state is settled only after
//! every state that could give it an equal label, and equal labels are then settled by comparing the
//! two id chains. That makes the search exact for the full order, not just for the measure. At the
//! target, states that differ only in what they hold and tie on the label are compared the same way.
//! For `steps` every weight is 1 and a FIFO queue (breadth-first) replaces the heap.
//!
//! Held sets are tracked only for conditions some stage requires, and interned: a graph with no
//! requirements has one state per stage, and a stage reached holding different things rarely has
//! more than two. States of one stage are kept in a short list found from a per-stage array, so
//! there is no hashing on the common path. A route that enters the same stage twice with different
//! holdings is a walk, not a route: the callers filter those out (see `yen`).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use hashbrown::HashMap;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::arithmetic::transition_measure;
use super::{Constraints, Measure};
use crate::domain::condition::CondSet;
use crate::domain::graph::Pathways;
use crate::domain::model::{Kind, Mode};

const NONE: u32 = u32::MAX;

/// A stage to start from, with its label (the measure and steps already spent reaching it) and
/// what the learner holds on entering it.
#[derive(Debug, Clone)]
pub struct Seed {
    pub node: NodeIndex,
    pub measure: f64,
    pub steps: u32,
    pub held: CondSet,
}

/// Which transitions and stages a route may use at all (the constraints that fit in the graph).
pub struct Allowed {
    avoided: Vec<bool>,
    integrated_only: bool,
    sequential_only: bool,
    /// Whether `requires` are checked (off only to find the nearest blocked route).
    requirements: bool,
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
            requirements: !c.ignore_requirements,
        }
    }

    /// `new`, and closed besides: every stage other than `start` that awards something, all of
    /// which the learner already holds (`held`): it has nothing to give her (a diploma holder is
    /// not sent to HSE preparation, nor an NA-C holder to an NA-C program).
    pub fn for_learner(p: &Pathways, c: &Constraints, held: &CondSet, start: Option<NodeIndex>) -> Allowed {
        let mut allowed = Allowed::new(p, c);
        if held.is_empty() {
            // Every stage that awards something awards something she lacks.
            return allowed;
        }
        let (sets, gates) = (p.eligibility(), p.eligibility().gates());
        for (n, &(_, awards)) in gates.iter().enumerate() {
            if awards != 0 && Some(n) != start.map(NodeIndex::index) && sets.set(awards).is_subset(held) {
                allowed.avoided[n] = true;
            }
        }
        allowed
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

/// Frontier entry, smallest label first.
#[derive(Debug, Clone, Copy)]
struct Entry {
    measure: f64,
    steps: u32,
    state: u32,
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
            .then(other.state.cmp(&self.state))
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

/// One (stage, held set) state of the current search.
#[derive(Debug, Clone, Copy)]
struct State {
    node: u32,
    held: u32,
    /// The next state of the same stage.
    next: u32,
    label: f64,
    steps: u32,
    pred: u32,
    pred_edge: u32,
    done: bool,
}

/// The distinct held sets met so far, and memos of what the few stages with `requires` or
/// `awards` do to them.
#[derive(Default)]
struct HeldSets {
    sets: Vec<CondSet>,
    index: HashMap<CondSet, u32>,
    /// (held, awards gate) -> held after completing a stage with those awards.
    joined: HashMap<(u32, u32), u32>,
    /// (held, requires gate) -> whether the stage may be entered.
    meets: HashMap<(u32, u32), bool>,
}

impl HeldSets {
    fn intern(&mut self, set: CondSet) -> u32 {
        if let Some(&i) = self.index.get(&set) {
            return i;
        }
        let i = index_u32(self.sets.len());
        self.sets.push(set.clone());
        self.index.insert(set, i);
        i
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
    /// Per stage: the stamp of the search its `head` belongs to, and its first state.
    seen: Vec<u32>,
    head: Vec<u32>,
    blocked: Vec<u32>,
    blocked_edge: Vec<u32>,
    states: Vec<State>,
    held: HeldSets,
    frontier: Frontier,
    settled: Vec<u32>,
}

impl<'p> Search<'p> {
    pub fn new(p: &'p Pathways, measure: Measure, allowed: &'p Allowed) -> Search<'p> {
        let n = p.stage_count();
        let mut held = HeldSets::default();
        held.intern(CondSet::new());
        Search {
            p,
            measure,
            allowed,
            relevant: vec![0; n],
            focus: 0,
            focused: Vec::new(),
            stamp: 0,
            seen: vec![0; n],
            head: vec![NONE; n],
            blocked: vec![0; n],
            blocked_edge: vec![0; p.transition_count()],
            states: Vec::new(),
            held,
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

    /// What the search tracks of a held set: only conditions some stage requires.
    pub fn tracked(&self, held: &CondSet) -> CondSet {
        held.intersection(self.p.eligibility().required())
    }

    /// Whether a learner holding `held` (all of it, not just what is tracked) may enter `node`.
    pub fn may_enter(&self, held: &CondSet, node: NodeIndex) -> bool {
        !self.allowed.requirements || self.p.requires(node).is_subset(held)
    }

    /// Starts a new search: forgets states, blocks, and settled stages.
    fn reset(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.blocked.fill(0);
            self.blocked_edge.fill(0);
            self.stamp = 1;
        }
        self.states.clear();
        self.frontier.clear();
        self.settled.clear();
    }

    /// The state of `node` holding `held` in this search, made if new (with no label yet).
    fn state(&mut self, node: usize, held: u32) -> (u32, bool) {
        let stamp = self.stamp;
        if self.seen[node] != stamp {
            self.seen[node] = stamp;
            self.head[node] = NONE;
        }
        let mut at = self.head[node];
        while at != NONE {
            let s = &self.states[at as usize];
            if s.held == held {
                return (at, false);
            }
            at = s.next;
        }
        let i = index_u32(self.states.len());
        self.states.push(State {
            node: index_u32(node),
            held,
            next: self.head[node],
            label: 0.0,
            steps: 0,
            pred: NONE,
            pred_edge: NONE,
            done: false,
        });
        self.head[node] = i;
        (i, true)
    }

    /// The held set after completing `node` holding `held`.
    fn after(&mut self, held: u32, node: NodeIndex) -> u32 {
        let (_, awards) = self.p.eligibility().gate(node.index());
        if awards == 0 {
            return held;
        }
        if let Some(&h) = self.held.joined.get(&(held, awards)) {
            return h;
        }
        let joined = self
            .tracked(self.p.eligibility().set(awards))
            .union(&self.held.sets[held as usize]);
        let h = self.held.intern(joined);
        self.held.joined.insert((held, awards), h);
        h
    }

    /// Whether holding `held` meets the `requires` of `node`.
    fn meets(&mut self, held: u32, node: NodeIndex) -> bool {
        let (requires, _) = self.p.eligibility().gate(node.index());
        if requires == 0 || !self.allowed.requirements {
            return true;
        }
        if let Some(&ok) = self.held.meets.get(&(held, requires)) {
            return ok;
        }
        let ok = self
            .p
            .eligibility()
            .set(requires)
            .is_subset(&self.held.sets[held as usize]);
        self.held.meets.insert((held, requires), ok);
        ok
    }

    /// Runs a search from `seeds`, never entering `blocked` stages or taking `blocked_edges`.
    /// Stops when `target` is settled; without a target, settles everything reachable. Seeds are
    /// taken as entered: their `requires` are the caller's to check. Returns the best state at the
    /// target, if reached.
    pub fn run(
        &mut self,
        seeds: &[Seed],
        target: Option<NodeIndex>,
        blocked: &[NodeIndex],
        blocked_edges: &[EdgeIndex],
    ) -> Option<Reached> {
        self.run_within(seeds, &|u| Some(u) == target, &|_| false, blocked, blocked_edges)
    }

    /// `run`, stopping at the first stage `stop` accepts (the best state there) instead of a target.
    pub fn run_until(
        &mut self,
        seeds: &[Seed],
        stop: &dyn Fn(NodeIndex) -> bool,
        blocked: &[NodeIndex],
        blocked_edges: &[EdgeIndex],
    ) -> Option<Reached> {
        self.run_within(seeds, stop, &|_| false, blocked, blocked_edges)
    }

    /// The best state at the first stage `goal` accepts, never going on from one.
    pub fn run_within_wall(&mut self, seeds: &[Seed], goal: &dyn Fn(NodeIndex) -> bool) -> Option<Reached> {
        self.run_within(seeds, goal, goal, &[], &[])
    }

    /// Settles every state reachable from `seeds` without going on from a stage `wall` accepts
    /// (those are settled, not left); returns each settled state's stage and what it holds there.
    pub fn reachable_within(
        &mut self,
        seeds: &[Seed],
        wall: &dyn Fn(NodeIndex) -> bool,
    ) -> Vec<(NodeIndex, CondSet)> {
        let _ = self.run_within(seeds, &|_| false, wall, &[], &[]);
        self.settled
            .iter()
            .map(|&s| {
                let st = &self.states[s as usize];
                (
                    NodeIndex::new(st.node as usize),
                    self.held.sets[st.held as usize].clone(),
                )
            })
            .collect()
    }

    /// The search itself: stops at the first stage `stop` accepts, and settles but does not go on
    /// from a stage `wall` accepts.
    fn run_within(
        &mut self,
        seeds: &[Seed],
        stop: &dyn Fn(NodeIndex) -> bool,
        wall: &dyn Fn(NodeIndex) -> bool,
        blocked: &[NodeIndex],
        blocked_edges: &[EdgeIndex],
    ) -> Option<Reached> {
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
            let held = self.held.intern(self.tracked(&seed.held));
            let (s, new) = self.state(i, held);
            let st = &mut self.states[s as usize];
            // Seeds are distinct stages; a repeated one keeps its better label.
            let better =
                new || seed.measure.total_cmp(&st.label).then(seed.steps.cmp(&st.steps)) == Ordering::Less;
            if better {
                st.label = seed.measure;
                st.steps = seed.steps;
                st.pred = NONE;
                st.pred_edge = NONE;
                self.frontier.push(Entry {
                    measure: seed.measure,
                    steps: seed.steps,
                    state: s,
                });
            }
        }
        let mut best: Option<u32> = None;
        while let Some(entry) = self.frontier.pop() {
            let si = entry.state as usize;
            let s = self.states[si];
            if s.done || s.label.total_cmp(&entry.measure) != Ordering::Equal || s.steps != entry.steps {
                continue;
            }
            if let Some(b) = best {
                let bs = self.states[b as usize];
                if (entry.measure, entry.steps) != (bs.label, bs.steps) {
                    break;
                }
            }
            if self.dominated(entry.state) {
                continue;
            }
            self.states[si].done = true;
            self.settled.push(entry.state);
            let u = NodeIndex::new(s.node as usize);
            if stop(u) {
                // Other states of the target with the same label may follow: keep the best chain.
                best = match best {
                    Some(b)
                        if self.states[b as usize].node != s.node
                            || self.compare_chains(b, NONE, entry.state, NONE) != Ordering::Greater =>
                    {
                        Some(b)
                    }
                    _ => Some(entry.state),
                };
                continue;
            }
            if best.is_some() || wall(u) {
                continue;
            }
            self.relax(entry, u);
        }
        best.map(|state| Reached { state })
    }

    /// Offers every allowed transition out of the settled state `entry` of stage `u`.
    fn relax(&mut self, entry: Entry, u: NodeIndex) {
        let stamp = self.stamp;
        let held_after = self.after(self.states[entry.state as usize].held, u);
        let p = self.p;
        let out = p.out_edges();
        let leave_weeks = out.costs(u.index()).leave_weeks;
        let (sequential_only, integrated_only) = (self.allowed.sequential_only, self.allowed.integrated_only);
        for tr in out.of(u) {
            let vi = tr.target as usize;
            let v = NodeIndex::new(vi);
            let edge = EdgeIndex::new(tr.edge as usize);
            let to = out.costs(vi);
            if self.allowed.avoided[vi]
                || (sequential_only && tr.mode != Mode::Sequential)
                || (integrated_only && to.training && tr.mode != Mode::Integrated)
                || self.blocked[vi] == stamp
                || self.blocked_edge[edge.index()] == stamp
                || !self.is_relevant(v)
                || !self.meets(held_after, v)
            {
                continue;
            }
            // The same sums, in the same order, as `arithmetic::transition_measure`.
            let added = match self.measure {
                Measure::Weeks => tr.weeks + to.enter_weeks + leave_weeks,
                Measure::Cost => tr.cost + to.cost,
                Measure::Steps => 1.0,
            };
            debug_assert_eq!(added, transition_measure(p, self.measure, u, edge, v));
            let measure = entry.measure + added;
            let steps = entry.steps + 1;
            // A state of `v` holding at least as much with a smaller label dominates this one.
            if self.superset_ahead(vi, held_after, measure, steps) {
                continue;
            }
            let (t, new) = self.state(vi, held_after);
            if self.states[t as usize].done {
                continue;
            }
            let take = new || {
                let cur = &self.states[t as usize];
                match measure.total_cmp(&cur.label).then(steps.cmp(&cur.steps)) {
                    Ordering::Less => true,
                    Ordering::Greater => false,
                    Ordering::Equal => {
                        self.compare_chains(entry.state, tr.edge, cur.pred, cur.pred_edge) == Ordering::Less
                    }
                }
            };
            if take {
                let cur = &mut self.states[t as usize];
                let relabel = new || cur.label.total_cmp(&measure) != Ordering::Equal || cur.steps != steps;
                cur.label = measure;
                cur.steps = steps;
                cur.pred = entry.state;
                cur.pred_edge = tr.edge;
                if relabel {
                    self.frontier.push(Entry {
                        measure,
                        steps,
                        state: t,
                    });
                }
            }
        }
    }

    /// Whether a state of stage `node` holds a superset of `held` and is settled (a state settled
    /// earlier never has a larger label) or already labelled strictly below (measure, steps)
    /// (labels only fall): the new state could only be dominated when it is settled.
    fn superset_ahead(&self, node: usize, held: u32, measure: f64, steps: u32) -> bool {
        if self.seen[node] != self.stamp {
            return false;
        }
        let mut at = self.head[node];
        while at != NONE {
            let s = &self.states[at as usize];
            if self.holds_all(s.held, held)
                && (s.done || s.label.total_cmp(&measure).then(s.steps.cmp(&steps)) == Ordering::Less)
            {
                return true;
            }
            at = s.next;
        }
        false
    }

    /// Dominance: state `si` is about to be settled, but a settled state of the same stage holds
    /// at least as much with a label no larger (and, on equal labels, a chain no later). Every
    /// continuation of `si` is open to that state at the same cost, so `si` can give no route the
    /// other cannot give as well or better. Walks it would have found are found from the other
    /// (the callers filter walks out either way), so the search stays exact.
    fn dominated(&self, si: u32) -> bool {
        let s = self.states[si as usize];
        let mut at = self.head[s.node as usize];
        while at != NONE {
            let o = &self.states[at as usize];
            if at != si && o.done && self.holds_all(o.held, s.held) {
                let tie = o.label.total_cmp(&s.label) == Ordering::Equal && o.steps == s.steps;
                if !tie || self.compare_chains(at, NONE, si, NONE) != Ordering::Greater {
                    return true;
                }
            }
            at = o.next;
        }
        false
    }

    /// Whether held set `a` contains held set `b`.
    fn holds_all(&self, a: u32, b: u32) -> bool {
        a == b || self.held.sets[b as usize].is_subset(&self.held.sets[a as usize])
    }

    /// Compares two chains of the same length, each given by its last state and the transition
    /// taken out of it (`NONE` for none): stage ids in order, then transitions in file order. The
    /// chains are walked back in lockstep; the earliest difference decides.
    fn compare_chains(&self, mut a: u32, mut a_edge: u32, mut b: u32, mut b_edge: u32) -> Ordering {
        let (mut ids, mut edges) = (Ordering::Equal, Ordering::Equal);
        loop {
            let e = a_edge.cmp(&b_edge);
            if e != Ordering::Equal {
                edges = e;
            }
            if a == b || a == NONE || b == NONE {
                return ids.then(edges);
            }
            let (sa, sb) = (&self.states[a as usize], &self.states[b as usize]);
            let o = self
                .p
                .stage(NodeIndex::new(sa.node as usize))
                .id
                .as_str()
                .cmp(self.p.stage(NodeIndex::new(sb.node as usize)).id.as_str());
            if o != Ordering::Equal {
                ids = o;
            }
            (a, a_edge, b, b_edge) = (sa.pred, sa.pred_edge, sb.pred, sb.pred_edge);
        }
    }

    /// The best state of each stage settled by the last search, in the order they were settled
    /// (ties on the label between states of one stage go to the better chain).
    pub fn best_per_stage(&self) -> Vec<Reached> {
        let mut best: HashMap<u32, u32> = HashMap::new();
        let mut order: Vec<u32> = Vec::new();
        for &s in &self.settled {
            let st = &self.states[s as usize];
            match best.get(&st.node).copied() {
                None => {
                    best.insert(st.node, s);
                    order.push(st.node);
                }
                Some(b) => {
                    let bs = &self.states[b as usize];
                    if (bs.label, bs.steps) == (st.label, st.steps)
                        && self.compare_chains(s, NONE, b, NONE) == Ordering::Less
                    {
                        best.insert(st.node, s);
                    }
                }
            }
        }
        order
            .into_iter()
            .filter_map(|n| best.get(&n).map(|&state| Reached { state }))
            .collect()
    }

    /// The stage a reached state is at.
    pub fn node_of(&self, r: Reached) -> NodeIndex {
        NodeIndex::new(self.states[r.state as usize].node as usize)
    }

    /// The route the last search found to a reached state, from its seed: stages and transitions.
    pub fn path_to(&self, r: Reached) -> (Vec<NodeIndex>, Vec<EdgeIndex>) {
        let mut stages = Vec::new();
        let mut edges = Vec::new();
        let mut at = r.state;
        while at != NONE {
            let s = &self.states[at as usize];
            stages.push(NodeIndex::new(s.node as usize));
            if s.pred_edge != NONE {
                edges.push(EdgeIndex::new(s.pred_edge as usize));
            }
            at = s.pred;
        }
        stages.reverse();
        edges.reverse();
        (stages, edges)
    }
}

/// A state the last search settled: a stage reached holding some set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    state: u32,
}

fn index_u32(i: usize) -> u32 {
    // petgraph's default index type is u32, so every node and edge index fits.
    u32::try_from(i).unwrap_or(NONE)
}
