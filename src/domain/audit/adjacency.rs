//! A compact copy of the graph's shape for the audit's searches: every stage's transitions out and
//! in as contiguous slices, and the few facts per stage the rules test on every step (job,
//! credential, on-ramp, off-ramp, level).
//!
//! The graph's stages are large (titles, descriptions, unknown fields), so following petgraph's
//! edge lists touches a cache line per step; these arrays keep a whole search in a few megabytes
//! at 100,000 stages. Built once per audit in linear time (a counting sort of the transitions).

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::super::graph::Pathways;
use super::super::model::Mode;

/// One step: the stage at the other end, and the transition taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Step {
    pub node: NodeIndex,
    pub edge: EdgeIndex,
}

#[derive(Debug, Default)]
pub(super) struct Adjacency {
    out_start: Vec<usize>,
    out: Vec<Step>,
    in_start: Vec<usize>,
    inc: Vec<Step>,
    /// Per stage: a job.
    pub employment: Vec<bool>,
    /// Per stage: awards a credential.
    pub credential: Vec<bool>,
    /// Per stage: has an `entry`.
    pub on_ramp: Vec<bool>,
    /// Per stage: not a job, with a transition into a job.
    pub off_ramp: Vec<bool>,
    /// Per stage: its rung.
    pub level: Vec<u8>,
    /// Per stage: the index of the pathway file that defines it.
    pub file: Vec<usize>,
    /// Per transition: its mode is integrated.
    pub integrated: Vec<bool>,
    /// Per transition: the index of the pathway file that declares it.
    pub declared: Vec<usize>,
}

impl Adjacency {
    pub fn new(p: &Pathways) -> Adjacency {
        let g = p.graph();
        let n = g.node_count();
        let mut employment = Vec::with_capacity(n);
        let mut credential = Vec::with_capacity(n);
        let mut on_ramp = Vec::with_capacity(n);
        let mut level = Vec::with_capacity(n);
        let mut file = Vec::with_capacity(n);
        for s in g.node_weights() {
            employment.push(s.is_employment());
            credential.push(s.credential.is_some());
            on_ramp.push(s.is_on_ramp());
            level.push(s.level);
            file.push(s.pathway);
        }
        let integrated = g.edge_weights().map(|t| t.mode == Mode::Integrated).collect();
        let declared = g.edge_weights().map(|t| t.pathway).collect();
        let ends: Vec<(NodeIndex, NodeIndex, EdgeIndex)> = g
            .edge_references()
            .map(|e| (e.source(), e.target(), e.id()))
            .collect();
        let (out_start, out) = bucket(n, &ends, |&(from, to, edge)| (from, Step { node: to, edge }));
        let (in_start, inc) = bucket(n, &ends, |&(from, to, edge)| (to, Step { node: from, edge }));
        let mut adjacency = Adjacency {
            out_start,
            out,
            in_start,
            inc,
            employment,
            credential,
            on_ramp,
            off_ramp: Vec::new(),
            level,
            file,
            integrated,
            declared,
        };
        adjacency.off_ramp = (0..n)
            .map(|v| {
                !adjacency.employment[v]
                    && adjacency
                        .out(NodeIndex::new(v))
                        .iter()
                        .any(|s| adjacency.employment[s.node.index()])
            })
            .collect();
        adjacency
    }

    pub fn len(&self) -> usize {
        self.employment.len()
    }

    /// Transitions out of `v`, in file order.
    pub fn out(&self, v: NodeIndex) -> &[Step] {
        &self.out[self.out_start[v.index()]..self.out_start[v.index() + 1]]
    }

    /// Transitions into `v`, in file order.
    pub fn inc(&self, v: NodeIndex) -> &[Step] {
        &self.inc[self.in_start[v.index()]..self.in_start[v.index() + 1]]
    }

    pub fn steps(&self, v: NodeIndex, dir: Direction) -> &[Step] {
        match dir {
            Direction::Outgoing => self.out(v),
            Direction::Incoming => self.inc(v),
        }
    }

    /// Every stage, in load order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + use<> {
        (0..self.len()).map(NodeIndex::new)
    }
}

/// Groups steps by stage with a counting sort; within a stage, steps keep the order of `ends`.
fn bucket<T>(n: usize, ends: &[T], key: impl Fn(&T) -> (NodeIndex, Step)) -> (Vec<usize>, Vec<Step>) {
    let mut start = vec![0usize; n + 1];
    for e in ends {
        start[key(e).0.index() + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let placeholder = Step {
        node: NodeIndex::new(0),
        edge: EdgeIndex::new(0),
    };
    let mut steps = vec![placeholder; ends.len()];
    for e in ends {
        let (at, step) = key(e);
        steps[fill[at.index()]] = step;
        fill[at.index()] += 1;
    }
    (start, steps)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::pathways;
    use super::*;

    #[test]
    fn steps_match_the_graph_in_file_order() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"b","title":"B","kind":"training","level":1,"credential":"C"},
               {"id":"j","title":"J","kind":"employment","level":2}"#,
            r#"{"from":"a","to":"j","mode":"sequential"},{"from":"a","to":"b","mode":"integrated"},
               {"from":"b","to":"j","mode":"sequential"}"#,
        );
        let adj = Adjacency::new(&p);
        let id = |n: NodeIndex| p.stage(n).id.clone();
        let a = p.find("a").unwrap();
        let j = p.find("j").unwrap();
        assert_eq!(
            adj.out(a).iter().map(|s| id(s.node)).collect::<Vec<_>>(),
            vec!["j", "b"]
        );
        assert_eq!(
            adj.inc(j).iter().map(|s| id(s.node)).collect::<Vec<_>>(),
            vec!["a", "b"]
        );
        assert!(adj.inc(a).is_empty());
        assert_eq!(adj.off_ramp, vec![true, true, false]);
        assert_eq!(adj.on_ramp, vec![true, false, false]);
        for v in adj.nodes() {
            for s in adj.out(v) {
                assert_eq!(p.ends(s.edge), Some((v, s.node)));
            }
        }
    }
}
