//! DESIGN's normative route arithmetic, in one place: what a transition u -> v adds to a route's
//! weeks and cost, and what starting at an on-ramp adds.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::graph::Pathways;
use super::model::Mode;

/// Weeks and cost a route adds for one transition.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Leg {
    pub weeks: f64,
    pub cost_usd: f64,
}

/// `weeks` = t.weeks + v.weeks (unless v is a job) + u.weeks (if u is a job: the time spent in
/// it before moving on); `cost` = t.cost + v.cost. Missing numbers count as 0.
pub fn leg(p: &Pathways, from: NodeIndex, edge: EdgeIndex, to: NodeIndex) -> Leg {
    let t = p.transition(edge);
    let (u, v) = (p.stage(from), p.stage(to));
    let mut weeks = t.weeks.unwrap_or(0.0);
    if !v.is_employment() {
        weeks += v.weeks.unwrap_or(0.0);
    }
    if u.is_employment() {
        weeks += u.weeks.unwrap_or(0.0);
    }
    Leg {
        weeks,
        cost_usd: t.cost_usd.unwrap_or(0.0) + v.cost_usd.unwrap_or(0.0),
    }
}

/// What starting at an on-ramp from a skill level adds: the on-ramp's own weeks and cost.
pub fn start(p: &Pathways, on_ramp: NodeIndex) -> Leg {
    let s = p.stage(on_ramp);
    Leg {
        weeks: s.weeks.unwrap_or(0.0),
        cost_usd: s.cost_usd.unwrap_or(0.0),
    }
}

/// A route's totals: `nodes[i] -> nodes[i+1]` by `edges[i]`; `from_level` adds the first stage.
pub fn totals(p: &Pathways, nodes: &[NodeIndex], edges: &[EdgeIndex], from_level: bool) -> Leg {
    let mut total = if from_level && !nodes.is_empty() {
        start(p, nodes[0])
    } else {
        Leg::default()
    };
    for (pair, &edge) in nodes.windows(2).zip(edges) {
        let l = leg(p, pair[0], edge, pair[1]);
        total.weeks += l.weeks;
        total.cost_usd += l.cost_usd;
    }
    total
}

/// A maximal run of transitions of one mode: its mode, its stages (both ends included) and weeks.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub mode: Mode,
    pub stages: Vec<NodeIndex>,
    pub weeks: f64,
}

/// The segments of a route, in order.
pub fn segments(p: &Pathways, nodes: &[NodeIndex], edges: &[EdgeIndex]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (pair, &edge) in nodes.windows(2).zip(edges) {
        let mode = p.transition(edge).mode;
        let weeks = leg(p, pair[0], edge, pair[1]).weeks;
        match out.last_mut() {
            Some(seg) if seg.mode == mode => {
                seg.stages.push(pair[1]);
                seg.weeks += weeks;
            }
            _ => out.push(Segment {
                mode,
                stages: vec![pair[0], pair[1]],
                weeks,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::{Input, Origin, load};

    fn pathways() -> Pathways {
        let text = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [
  {"id": "esl", "title": "ESL", "kind": "education", "level": 0, "entry": ["ESL 3"], "weeks": 11, "cost_usd": 25},
  {"id": "nac", "title": "NAC", "kind": "training", "level": 2, "weeks": 11, "cost_usd": 1800},
  {"id": "cna", "title": "CNA", "kind": "employment", "level": 2, "weeks": 52, "cost_usd": 7},
  {"id": "lpn", "title": "LPN", "kind": "training", "level": 3, "weeks": 52}],
 "transitions": [
  {"from": "esl", "to": "nac", "mode": "integrated", "weeks": 1, "cost_usd": 10},
  {"from": "nac", "to": "cna", "mode": "sequential"},
  {"from": "cna", "to": "lpn", "mode": "sequential", "weeks": 2}]}"#;
        let input = Input {
            name: "p.json".into(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        };
        load(&[input]).expect("loads").pathways
    }

    fn route(p: &Pathways) -> (Vec<NodeIndex>, Vec<EdgeIndex>) {
        let nodes: Vec<NodeIndex> = ["esl", "nac", "cna", "lpn"]
            .iter()
            .map(|id| p.find(id).expect("id"))
            .collect();
        let edges = nodes
            .windows(2)
            .map(|w| p.graph().find_edge(w[0], w[1]).expect("edge"))
            .collect();
        (nodes, edges)
    }

    #[test]
    fn jobs_count_their_weeks_when_left_not_when_entered() {
        let p = pathways();
        let (nodes, edges) = route(&p);
        // esl->nac: 1 + 11; nac->cna: 0 (job weeks not on arrival); cna->lpn: 2 + 52 + 52 (job left).
        let from_stage = totals(&p, &nodes, &edges, false);
        assert_eq!(from_stage.weeks, 12.0 + 0.0 + 106.0);
        // Costs: t + v each time, the job's own cost included on arrival.
        assert_eq!(from_stage.cost_usd, (10.0 + 1800.0) + 7.0 + 0.0);
        // From a level the on-ramp's own figures are added.
        let from_level = totals(&p, &nodes, &edges, true);
        assert_eq!(from_level.weeks, from_stage.weeks + 11.0);
        assert_eq!(from_level.cost_usd, from_stage.cost_usd + 25.0);
    }

    #[test]
    fn segments_are_maximal_runs_of_one_mode() {
        let p = pathways();
        let (nodes, edges) = route(&p);
        let segs = segments(&p, &nodes, &edges);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].mode, Mode::Integrated);
        assert_eq!(segs[0].stages, nodes[0..2]);
        assert_eq!(segs[0].weeks, 12.0);
        assert_eq!(segs[1].mode, Mode::Sequential);
        assert_eq!(segs[1].stages, nodes[1..4]);
        assert_eq!(segs[1].weeks, 106.0);
        assert!(segments(&p, &nodes[..1], &[]).is_empty());
    }
}
