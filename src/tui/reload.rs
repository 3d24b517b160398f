//! `R`: reading the data files again while the explorer runs, for a designer editing them in
//! another window. The walk is carried over by stage id, so the explorer stays where it was.

use petgraph::graph::NodeIndex;

use super::trail::{Step, Trail};
use crate::domain::graph::Pathways;
use crate::domain::load::{LoadErrors, Loaded};

/// Loads the data again, as the explorer was first loaded.
pub type Reload = Box<dyn FnMut() -> Result<Loaded, LoadErrors>>;

/// The trail in the new data: each step found again by its stage id and walked along a
/// transition that still joins it to the one before. It ends at the first step that cannot be
/// found; `None` when not even its first stage is left.
pub fn carry_trail(old: &Pathways, new: &Pathways, trail: &Trail) -> Option<Trail> {
    let mut steps: Vec<Step> = Vec::with_capacity(trail.steps.len());
    for step in &trail.steps {
        let Some(node) = new.find(&old.stage(step.node).id) else {
            break;
        };
        let via = match steps.last() {
            None => None,
            Some(prev) => match joining(new, prev.node, node) {
                Some(edge) => Some(edge),
                None => break,
            },
        };
        steps.push(Step { node, via });
    }
    let last = steps.len().checked_sub(1)?;
    let pos = trail.pos.min(last);
    let mut carried = Trail {
        steps,
        pos,
        viewing: None,
        from_level: trail.from_level,
    };
    // The stage looked at, if still there, is looked at again by the trail's own rule.
    if let Some(v) = trail.viewing.and_then(|v| new.find(&old.stage(v).id)) {
        carried.view(v);
    }
    Some(carried)
}

/// The first transition from `from` to `to`, in file order.
fn joining(p: &Pathways, from: NodeIndex, to: NodeIndex) -> Option<petgraph::graph::EdgeIndex> {
    p.outgoing(from)
        .into_iter()
        .find(|l| l.other == to)
        .map(|l| l.edge)
}

/// What the hint bar says after a reload that kept the walk (`kept` of `had` steps).
pub fn done_message(p: &Pathways, kept: usize, had: usize) -> String {
    let counts = format!(
        "Reloaded: {} stages, {} transitions",
        p.stage_count(),
        p.transition_count()
    );
    match (kept, had) {
        (0, _) => format!("{counts}. The stage you were at is gone; showing the first stage."),
        (k, h) if k < h => format!("{counts}. The walk ends at step {k} of {h}: the next step is gone."),
        _ => counts,
    }
}

/// One line for a reload that failed (nothing changes): the first problem and how many more.
pub fn failed_message(errors: &LoadErrors) -> String {
    let first = errors
        .errors
        .first()
        .map(ToString::to_string)
        .unwrap_or_else(|| "the data did not load".into());
    let more = errors.errors.len().saturating_sub(1) + errors.omitted;
    let more = match more {
        0 => String::new(),
        1 => " (and 1 more problem)".into(),
        n => format!(" (and {n} more problems)"),
    };
    format!("Not reloaded: {first}{more}")
}
