//! `Pathways`: every loaded stage and transition in one petgraph graph, with an id index.

use hashbrown::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::condition::{CondSet, Conditions, Eligibility};
use super::model::{Pathway, Stage, Transition};

/// The loaded pathways. Node `i` is the `i`-th stage in load order; edge `j` the `j`-th transition.
#[derive(Debug, Clone, Default)]
pub struct Pathways {
    graph: DiGraph<Stage, Transition>,
    pathways: Vec<Pathway>,
    index: HashMap<String, NodeIndex>,
    conditions: Conditions,
    eligibility: Eligibility,
    /// The transitions out of each stage, packed for route searches; built on first use.
    out: std::sync::OnceLock<OutEdges>,
    /// The stages' words for search; built on first use.
    search: std::sync::OnceLock<super::search::Index>,
}

/// One transition out of a stage, as route searches read it.
#[derive(Debug, Clone, Copy)]
pub struct OutEdge {
    pub target: u32,
    pub edge: u32,
    /// The transition's own weeks and cost (0 when not given).
    pub weeks: f64,
    pub cost: f64,
    pub mode: super::model::Mode,
}

/// What a route search reads of a stage on every transition into or out of it. The sums it makes
/// with these match `route::arithmetic` to the bit.
#[derive(Debug, Clone, Copy)]
pub struct StageCosts {
    /// Weeks entering the stage adds: its own, unless it is a job.
    pub enter_weeks: f64,
    /// Weeks leaving the stage adds: its own, if it is a job.
    pub leave_weeks: f64,
    pub cost: f64,
    pub training: bool,
}

/// Every stage's transitions out, contiguous, and each stage's figures: a search reads them
/// without chasing petgraph's per-edge links through the large stage and edge records (at 100k
/// stages that was most of its time).
#[derive(Debug, Clone, Default)]
pub struct OutEdges {
    start: Vec<u32>,
    edges: Vec<OutEdge>,
    costs: Vec<StageCosts>,
}

impl OutEdges {
    fn new(graph: &DiGraph<Stage, Transition>) -> OutEdges {
        let mut start = Vec::with_capacity(graph.node_count() + 1);
        let mut edges = Vec::with_capacity(graph.edge_count());
        for n in graph.node_indices() {
            start.push(u32::try_from(edges.len()).unwrap_or(u32::MAX));
            for e in graph.edges(n) {
                let t = e.weight();
                edges.push(OutEdge {
                    target: u32::try_from(e.target().index()).unwrap_or(u32::MAX),
                    edge: u32::try_from(e.id().index()).unwrap_or(u32::MAX),
                    weeks: t.weeks.unwrap_or(0.0),
                    cost: t.cost_usd.unwrap_or(0.0),
                    mode: t.mode,
                });
            }
        }
        start.push(u32::try_from(edges.len()).unwrap_or(u32::MAX));
        let costs = graph
            .node_weights()
            .map(|s| StageCosts {
                enter_weeks: if s.is_employment() {
                    0.0
                } else {
                    s.weeks.unwrap_or(0.0)
                },
                leave_weeks: if s.is_employment() {
                    s.weeks.unwrap_or(0.0)
                } else {
                    0.0
                },
                cost: s.cost_usd.unwrap_or(0.0),
                training: s.kind == super::model::Kind::Training,
            })
            .collect();
        OutEdges { start, edges, costs }
    }

    /// The figures of stage `node`.
    pub fn costs(&self, node: usize) -> StageCosts {
        self.costs[node]
    }

    /// The transitions out of `node`.
    pub fn of(&self, node: NodeIndex) -> &[OutEdge] {
        let i = node.index();
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.edges[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// One transition seen from a stage: the edge, the stage at its other end, and the transition.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    pub edge: EdgeIndex,
    pub other: NodeIndex,
    pub transition: &'a Transition,
}

impl Pathways {
    /// Builds the graph. `transitions` name their ends by position in `stages`; the loader has
    /// checked ids, so every position is in range.
    pub fn new(
        pathways: Vec<Pathway>,
        stages: Vec<Stage>,
        transitions: Vec<(usize, usize, Transition)>,
    ) -> Self {
        let mut graph = DiGraph::with_capacity(stages.len(), transitions.len());
        let mut index = HashMap::with_capacity(stages.len());
        for stage in stages {
            let id = stage.id.clone();
            let node = graph.add_node(stage);
            index.insert(id, node);
        }
        for (from, to, transition) in transitions {
            graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), transition);
        }
        // The caller has checked condition ids (as the loader does); unknown ones are left out.
        let list = pathways
            .iter()
            .flat_map(|p| p.conditions.iter().cloned())
            .collect();
        let (conditions, _) = Conditions::new(list);
        let (eligibility, _) = Eligibility::build(&conditions, graph.node_weights());
        Pathways {
            graph,
            pathways,
            index,
            conditions,
            eligibility,
            out: std::sync::OnceLock::new(),
            search: std::sync::OnceLock::new(),
        }
    }

    /// Wraps a graph the loader built, with its id index.
    pub(crate) fn from_parts(
        pathways: Vec<Pathway>,
        graph: DiGraph<Stage, Transition>,
        index: HashMap<String, NodeIndex>,
        conditions: Conditions,
        eligibility: Eligibility,
    ) -> Self {
        Pathways {
            graph,
            pathways,
            index,
            conditions,
            eligibility,
            out: std::sync::OnceLock::new(),
            search: std::sync::OnceLock::new(),
        }
    }

    /// Every stage's transitions out, packed (built once, on first use).
    pub fn out_edges(&self) -> &OutEdges {
        self.out.get_or_init(|| OutEdges::new(&self.graph))
    }

    /// Every stage's words for search (built once, on first use).
    pub fn search_index(&self) -> &super::search::Index {
        self.search
            .get_or_init(|| super::search::Index::new(self.graph.node_weights()))
    }

    /// Every declared condition.
    pub fn conditions(&self) -> &Conditions {
        &self.conditions
    }

    /// What each stage requires and awards, as condition sets.
    pub fn eligibility(&self) -> &Eligibility {
        &self.eligibility
    }

    /// What entering a stage requires.
    pub fn requires(&self, node: NodeIndex) -> &CondSet {
        self.eligibility.requires(node.index())
    }

    /// What completing a stage awards (with what that implies).
    pub fn awards(&self, node: NodeIndex) -> &CondSet {
        self.eligibility.awards(node.index())
    }

    pub fn graph(&self) -> &DiGraph<Stage, Transition> {
        &self.graph
    }

    pub fn pathways(&self) -> &[Pathway] {
        &self.pathways
    }

    pub fn stage_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn transition_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn stage(&self, node: NodeIndex) -> &Stage {
        &self.graph[node]
    }

    pub fn transition(&self, edge: EdgeIndex) -> &Transition {
        &self.graph[edge]
    }

    /// The two ends of a transition.
    pub fn ends(&self, edge: EdgeIndex) -> Option<(NodeIndex, NodeIndex)> {
        self.graph.edge_endpoints(edge)
    }

    /// The stage with this exact id.
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Every stage in load order.
    pub fn stages(&self) -> impl ExactSizeIterator<Item = (NodeIndex, &Stage)> + '_ {
        self.graph.node_indices().map(move |n| (n, &self.graph[n]))
    }

    /// The pathway file that defines a stage.
    pub fn pathway_of(&self, node: NodeIndex) -> &Pathway {
        &self.pathways[self.graph[node].pathway]
    }

    /// Transitions out of a stage, in the order the files declare them.
    pub fn outgoing(&self, node: NodeIndex) -> Vec<Link<'_>> {
        self.links(node, Direction::Outgoing)
    }

    /// Transitions into a stage, in the order the files declare them.
    pub fn incoming(&self, node: NodeIndex) -> Vec<Link<'_>> {
        self.links(node, Direction::Incoming)
    }

    fn links(&self, node: NodeIndex, dir: Direction) -> Vec<Link<'_>> {
        let mut links: Vec<Link<'_>> = self
            .graph
            .edges_directed(node, dir)
            .map(|e| Link {
                edge: e.id(),
                other: if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                },
                transition: e.weight(),
            })
            .collect();
        // petgraph lists a node's edges newest first; people expect file order.
        links.sort_by_key(|l| l.edge);
        links
    }

    /// Stages where a learner may start: those with an `entry`.
    pub fn on_ramps(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.stages().filter(|(_, s)| s.is_on_ramp()).map(|(n, _)| n)
    }

    /// Whether a learner can leave here for a job: not employment, with a transition into employment.
    pub fn is_off_ramp(&self, node: NodeIndex) -> bool {
        !self.graph[node].is_employment()
            && self
                .graph
                .neighbors_directed(node, Direction::Outgoing)
                .any(|next| self.graph[next].is_employment())
    }

    pub fn off_ramps(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices().filter(move |&n| self.is_off_ramp(n))
    }

    /// The sectors of the loaded pathways, in load order, each once.
    pub fn sectors(&self) -> Vec<&str> {
        let mut sectors: Vec<&str> = Vec::new();
        for p in &self.pathways {
            if !sectors.contains(&p.sector.as_str()) {
                sectors.push(&p.sector);
            }
        }
        sectors
    }

    /// Stages whose pathway file belongs to `sector`.
    pub fn in_sector<'a>(&'a self, sector: &'a str) -> impl Iterator<Item = NodeIndex> + 'a {
        self.stages()
            .filter(move |(_, s)| self.pathways[s.pathway].sector == sector)
            .map(|(n, _)| n)
    }

    /// Stages on rung `level`.
    pub fn at_level(&self, level: u8) -> impl Iterator<Item = NodeIndex> + '_ {
        self.stages()
            .filter(move |(_, s)| s.level == level)
            .map(|(n, _)| n)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::load::{Input, Origin, load};

    fn pathways() -> super::Pathways {
        let text = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "Health"},
 "stages": [
  {"id": "esl", "title": "ESL", "kind": "education", "level": 0, "entry": ["ESL 2"]},
  {"id": "cert", "title": "Cert", "kind": "training", "level": 2},
  {"id": "ojt", "title": "OJT", "kind": "work-based", "level": 2},
  {"id": "job", "title": "Job", "kind": "employment", "level": 2},
  {"id": "lead", "title": "Lead", "kind": "employment", "level": 3}],
 "transitions": [
  {"from": "esl", "to": "cert", "mode": "integrated"},
  {"from": "esl", "to": "ojt", "mode": "sequential"},
  {"from": "cert", "to": "job", "mode": "sequential"},
  {"from": "job", "to": "lead", "mode": "sequential"}]}"#;
        let input = Input {
            name: "p.json".into(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        };
        load(&[input]).expect("loads").pathways
    }

    fn ids(p: &super::Pathways, nodes: impl Iterator<Item = petgraph::graph::NodeIndex>) -> Vec<String> {
        nodes.map(|n| p.stage(n).id.clone()).collect()
    }

    #[test]
    fn on_ramps_off_ramps_sectors_and_levels() {
        let p = pathways();
        assert_eq!(ids(&p, p.on_ramps()), ["esl"]);
        // A job leading to a job is not an off-ramp; a work-based stage with no job after it is not either.
        assert_eq!(ids(&p, p.off_ramps()), ["cert"]);
        assert_eq!(p.sectors(), ["Health"]);
        assert_eq!(ids(&p, p.in_sector("Health")).len(), 5);
        assert_eq!(ids(&p, p.in_sector("Other")).len(), 0);
        assert_eq!(ids(&p, p.at_level(2)), ["cert", "ojt", "job"]);
    }

    #[test]
    fn links_come_in_file_order() {
        let p = pathways();
        let esl = p.find("esl").expect("esl");
        let out: Vec<String> = p
            .outgoing(esl)
            .iter()
            .map(|l| p.stage(l.other).id.clone())
            .collect();
        assert_eq!(out, ["cert", "ojt"]);
        let job = p.find("job").expect("job");
        let into: Vec<String> = p
            .incoming(job)
            .iter()
            .map(|l| p.stage(l.other).id.clone())
            .collect();
        assert_eq!(into, ["cert"]);
        assert_eq!(
            p.ends(p.outgoing(esl)[0].edge),
            Some((esl, p.find("cert").expect("cert")))
        );
    }
}
