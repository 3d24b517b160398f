//! The trail: the session's memory of the walk. Browsing (the stage list, a click, a search,
//! the map, the audit) only looks at a stage; the trail stays as it was, and `[` comes back to
//! it. Only walking changes it: forward along "Leads to", backward along "Comes from", or a
//! new trail started on purpose (`n`) or from a route.

use petgraph::graph::{EdgeIndex, NodeIndex};

/// One step of the walk: the stage, and the transition that led there (none for the start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub node: NodeIndex,
    pub via: Option<EdgeIndex>,
}

/// Where the walk has been. `pos` is the current step; steps after it can be walked forward
/// again. `viewing` is a stage looked at away from the trail, shown instead of the current step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trail {
    pub steps: Vec<Step>,
    pub pos: usize,
    pub viewing: Option<NodeIndex>,
    /// The trail is a route found from her level: its first step is one she takes, so its
    /// length and cost count, as the route finder counted them.
    pub from_level: bool,
}

/// Why a walk was refused: the stage shown is not on the trail, so walking from it would have
/// to throw the trail away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffTrail;

/// What `n` says on a trail with nothing walked yet.
pub const ALREADY_NEW: &str = "This trail is new already: Enter on a transition walks it.";
/// What `n` says once it has started a new trail.
pub const STARTED: &str = "A new trail starts here.";

/// Why a walk from `title`, a stage looked at away from the trail, was refused, and what to do.
pub fn off_trail_words(title: &str) -> String {
    format!("{title} is not on the trail: n starts a new trail here, [ goes back to the trail.")
}

/// The trail's second line while a stage off it is shown.
pub fn viewing_words(title: &str, pos: usize, steps: usize) -> String {
    // The keys first: at 80 columns a long title is what gets cut, and Details shows it whole.
    format!(
        "Off the trail: [ back to step {} of {steps}, n starts a new trail at {title}",
        pos + 1
    )
}

/// What `[` says at the trail's first step, or `]` at its last.
pub fn at_end_words(first: bool) -> &'static str {
    if first {
        "This is the trail's first step: a \"Comes from\" transition walks further back."
    } else {
        "This is the trail's last step: a \"Leads to\" transition walks on."
    }
}

impl Trail {
    /// A trail of one stage, nothing walked.
    pub fn start(node: NodeIndex) -> Trail {
        Trail {
            steps: vec![Step { node, via: None }],
            pos: 0,
            viewing: None,
            from_level: false,
        }
    }

    /// A trail along a route's stages and transitions, standing at its end; `from_level` as
    /// the route's.
    pub fn along(stages: &[NodeIndex], transitions: &[EdgeIndex], from_level: bool) -> Trail {
        let mut steps: Vec<Step> = stages
            .first()
            .map(|&node| Step { node, via: None })
            .into_iter()
            .collect();
        steps.extend(stages.iter().skip(1).zip(transitions).map(|(&node, &edge)| Step {
            node,
            via: Some(edge),
        }));
        Trail {
            pos: steps.len().saturating_sub(1),
            steps,
            viewing: None,
            from_level,
        }
    }

    /// The stage shown: the one looked at, or else the current step's.
    pub fn current(&self) -> NodeIndex {
        self.viewing.unwrap_or(self.steps[self.pos].node)
    }

    /// The current step's stage, whatever is looked at.
    pub fn here(&self) -> NodeIndex {
        self.steps[self.pos].node
    }

    /// The steps walked so far, up to the current one.
    pub fn walked(&self) -> &[Step] {
        &self.steps[..=self.pos]
    }

    /// A trail with nothing walked and nothing ahead: browsing may move it, as nothing is lost.
    pub fn is_bare(&self) -> bool {
        self.steps.len() == 1
    }

    /// Looks at `node`. A bare trail simply starts there; a stage on the trail is that step;
    /// otherwise the trail is kept and the stage is shown beside it.
    pub fn view(&mut self, node: NodeIndex) {
        if self.is_bare() {
            *self = Trail::start(node);
        } else if let Some(i) = self.steps.iter().position(|s| s.node == node) {
            self.go(i);
        } else {
            self.viewing = Some(node);
        }
    }

    /// Walks `via` forward to `next` from the current step: the trail grows, dropping any steps
    /// that were walked back over.
    pub fn walk(&mut self, next: NodeIndex, via: EdgeIndex) -> Result<(), OffTrail> {
        if self.viewing.is_some() {
            return Err(OffTrail);
        }
        // The way she walked before: forward along the trail, keeping what lies ahead.
        if self.steps.get(self.pos + 1).is_some_and(|s| s.via == Some(via)) {
            self.pos += 1;
            return Ok(());
        }
        self.steps.truncate(self.pos + 1);
        self.steps.push(Step {
            node: next,
            via: Some(via),
        });
        self.pos += 1;
        Ok(())
    }

    /// Walks `via` backward to `prev`, which comes before the current step. When that is the
    /// step before, the trail just goes back to it; otherwise the trail grows at the front,
    /// dropping the steps that came before by another way.
    pub fn walk_back(&mut self, prev: NodeIndex, via: EdgeIndex) -> Result<(), OffTrail> {
        if self.viewing.is_some() {
            return Err(OffTrail);
        }
        if self.pos > 0 && self.steps[self.pos].via == Some(via) {
            self.pos -= 1;
            return Ok(());
        }
        self.steps.drain(..self.pos);
        self.steps[0].via = Some(via);
        // Her first step is now one she is at, as on any trail walked in the explorer.
        self.from_level = false;
        self.steps.insert(
            0,
            Step {
                node: prev,
                via: None,
            },
        );
        self.pos = 0;
        Ok(())
    }

    /// `[`: back to the trail from a stage looked at, else one step back. Whether it moved.
    pub fn back(&mut self) -> bool {
        if self.viewing.take().is_some() {
            return true;
        }
        self.go(self.pos.wrapping_sub(1))
    }

    /// `]`: back to the trail from a stage looked at, else one step forward. Whether it moved.
    pub fn forward(&mut self) -> bool {
        if self.viewing.take().is_some() {
            return true;
        }
        self.go(self.pos + 1)
    }

    /// Stands at step `pos`, if there is one, back on the trail. Whether it moved.
    pub fn go(&mut self, pos: usize) -> bool {
        if pos >= self.steps.len() {
            return false;
        }
        let moved = pos != self.pos || self.viewing.is_some();
        self.pos = pos;
        self.viewing = None;
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    fn e(i: usize) -> EdgeIndex {
        EdgeIndex::new(i)
    }

    fn nodes(t: &Trail) -> Vec<usize> {
        t.steps.iter().map(|s| s.node.index()).collect()
    }

    /// 0 -e0-> 1 -e1-> 2, standing at 2.
    fn walked() -> Trail {
        Trail::along(&[n(0), n(1), n(2)], &[e(0), e(1)], false)
    }

    #[test]
    fn a_bare_trail_follows_the_stage_looked_at() {
        let mut t = Trail::start(n(0));
        t.view(n(5));
        assert_eq!(t, Trail::start(n(5)));
    }

    #[test]
    fn looking_away_keeps_the_trail_and_back_returns_to_it() {
        let mut t = walked();
        t.view(n(7));
        assert_eq!(t.current(), n(7));
        assert_eq!(nodes(&t), [0, 1, 2]);
        assert!(t.back());
        assert_eq!(t.current(), n(2));
        assert_eq!(
            t.pos, 2,
            "back from a stage looked at returns to the step, not one before"
        );
    }

    #[test]
    fn looking_at_a_step_of_the_trail_is_standing_on_it() {
        let mut t = walked();
        t.view(n(2));
        assert_eq!(t.viewing, None);
        t.view(n(1));
        assert_eq!((t.viewing, t.pos), (None, 1));
        assert_eq!(nodes(&t), [0, 1, 2]);
    }

    #[test]
    fn walking_forward_the_way_she_came_keeps_what_lies_ahead() {
        let mut t = walked();
        t.go(0);
        t.walk(n(1), e(0)).unwrap();
        assert_eq!((nodes(&t), t.pos), (vec![0, 1, 2], 1));
    }

    #[test]
    fn walking_from_a_stage_off_the_trail_is_refused_and_changes_nothing() {
        let mut t = walked();
        t.view(n(7));
        let before = t.clone();
        assert_eq!(t.walk(n(8), e(9)), Err(OffTrail));
        assert_eq!(t.walk_back(n(8), e(9)), Err(OffTrail));
        assert_eq!(t, before);
    }

    #[test]
    fn walking_forward_drops_the_steps_walked_back_over() {
        let mut t = walked();
        t.go(0);
        t.walk(n(9), e(5)).unwrap();
        assert_eq!(nodes(&t), [0, 9]);
        assert_eq!(t.pos, 1);
    }

    #[test]
    fn walking_back_from_the_start_grows_the_trail_at_the_front() {
        let mut t = walked();
        t.go(0);
        t.walk_back(n(4), e(6)).unwrap();
        assert_eq!(nodes(&t), [4, 0, 1, 2]);
        assert_eq!(t.pos, 0);
        assert_eq!(t.steps[1].via, Some(e(6)));
        assert_eq!(t.steps[0].via, None);
        assert!(t.forward());
        assert_eq!(t.current(), n(0), "the old trail is still ahead");
    }

    #[test]
    fn walking_back_along_the_way_she_came_is_a_step_back() {
        let mut t = walked();
        t.walk_back(n(1), e(1)).unwrap();
        assert_eq!(nodes(&t), [0, 1, 2]);
        assert_eq!(t.pos, 1);
    }

    #[test]
    fn walking_back_by_another_way_replaces_what_came_before() {
        let mut t = walked();
        t.walk_back(n(6), e(7)).unwrap();
        assert_eq!(nodes(&t), [6, 2]);
        assert_eq!(t.steps[1].via, Some(e(7)));
        assert_eq!(t.pos, 0);
    }

    #[test]
    fn back_and_forward_stop_at_the_ends() {
        let mut t = walked();
        assert!(!t.forward());
        t.go(0);
        assert!(!t.back());
        assert_eq!(t.pos, 0);
    }

    #[test]
    fn along_a_route_stands_at_its_end() {
        let t = walked();
        assert_eq!(t.pos, 2);
        assert_eq!(t.steps[2].via, Some(e(1)));
        assert_eq!(t.walked().len(), 3);
    }
}
