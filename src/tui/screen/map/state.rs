//! The map screen's state: which stages are laid out (a sector, or the neighbourhood of a stage),
//! the zoom, the selected box and the viewport. The layout is computed when the scope or zoom
//! changes, never per frame.

use petgraph::graph::NodeIndex;

use crate::domain::graph::Pathways;
use crate::domain::layout::{self, Heading, Layout, Options, Zoom};

/// What the map shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A sector (index into `Pathways::sectors()`), with the stages of other sectors linked to it.
    Sector(usize),
    /// The stages within two transitions of a stage.
    Around(NodeIndex),
}

/// How far "around a stage" reaches.
pub const RADIUS: usize = 2;
/// Sectors larger than this are not drawn whole (the layout would take seconds and the map would
/// be unreadable): the map shows the stages around the selected one instead.
pub const MAX_STAGES: usize = 1_500;

#[derive(Debug, Clone)]
pub struct MapState {
    pub scope: Scope,
    pub zoom: Zoom,
    pub layout: Layout,
    pub selected: NodeIndex,
    /// Top-left cell of the viewport, in map cells.
    pub x: u32,
    pub y: u32,
    /// Why the map shows something other than what was asked (a sector too large to draw).
    pub note: Option<String>,
    /// Whether a CTDL pathway's destination is among the boxes (the legend then explains its flag).
    pub has_destination: bool,
    /// Opened from the route finder: Esc goes back there, not to the explorer.
    pub from_routes: bool,
}

impl MapState {
    /// The map of `node`'s sector, with `node` selected.
    pub fn new(p: &Pathways, node: NodeIndex) -> MapState {
        let sector = &p.pathway_of(node).sector;
        let index = p.sectors().iter().position(|s| s == sector).unwrap_or(0);
        let mut map = MapState {
            scope: Scope::Sector(index),
            zoom: Zoom::Full,
            layout: layout::layout(p, &[], &Options::default()),
            selected: node,
            x: 0,
            y: 0,
            note: None,
            has_destination: false,
            from_routes: false,
        };
        map.relayout(p);
        map
    }

    /// The scope in words, for the title.
    pub fn title(&self, p: &Pathways) -> String {
        match &self.scope {
            Scope::Sector(i) => format!("sector {}", p.sectors().get(*i).copied().unwrap_or("?")),
            Scope::Around(n) => format!("around {}", p.stage(*n).title),
        }
    }

    pub fn toggle_zoom(&mut self, p: &Pathways) {
        self.zoom = self.zoom.toggled();
        self.relayout(p);
    }

    /// The next sector's map; from a neighbourhood, the selected stage's sector.
    pub fn next_sector(&mut self, p: &Pathways) {
        let count = p.sectors().len().max(1);
        self.scope = match self.scope {
            Scope::Sector(i) => Scope::Sector((i + 1) % count),
            Scope::Around(_) => {
                let sector = &p.pathway_of(self.selected).sector;
                Scope::Sector(p.sectors().iter().position(|s| s == sector).unwrap_or(0))
            }
        };
        self.relayout(p);
    }

    /// The neighbourhood of the selected stage (or back to its sector).
    pub fn toggle_around(&mut self, p: &Pathways) {
        self.scope = match self.scope {
            Scope::Around(_) => {
                let sector = &p.pathway_of(self.selected).sector;
                Scope::Sector(p.sectors().iter().position(|s| s == sector).unwrap_or(0))
            }
            Scope::Sector(_) => Scope::Around(self.selected),
        };
        self.relayout(p);
    }

    fn relayout(&mut self, p: &Pathways) {
        self.note = None;
        let mut nodes = selection(p, &self.scope);
        if nodes.len() > MAX_STAGES {
            self.note = Some(format!(
                "{} has {} stages, too many to draw whole: showing the stages around {}",
                self.title(p),
                nodes.len(),
                p.stage(self.selected).title
            ));
            self.scope = Scope::Around(self.selected);
            nodes = selection(p, &self.scope);
        }
        self.layout = layout::layout(p, &nodes, &Options::zoomed(self.zoom));
        self.has_destination = nodes
            .iter()
            .any(|&n| crate::domain::ctdl::is_destination(p.stage(n)));
        if !self.layout.contains(self.selected)
            && let Some((first, _)) = self.layout.boxes().next()
        {
            self.selected = first;
        }
    }

    /// Moves the selection to the nearest box that way.
    pub fn step(&mut self, heading: Heading) {
        if let Some(next) = self.layout.nearest(self.selected, heading) {
            self.selected = next;
        }
    }

    /// Pans so the selected box is in a `width` x `height` viewport, with a margin.
    pub fn follow(&mut self, width: u32, height: u32) {
        let Some(r) = self.layout.rect(self.selected) else {
            return;
        };
        let margin = 2;
        if r.x < self.x + margin || r.right() + margin > self.x + width {
            self.x = (r.x + r.width / 2).saturating_sub(width / 2);
        }
        if r.y < self.y + margin || r.bottom() + margin > self.y + height {
            self.y = (r.y + r.height / 2).saturating_sub(height / 2);
        }
        // Never scroll past the map's edges: a small map stays whole on screen.
        self.x = self.x.min(self.layout.width().saturating_sub(width));
        self.y = self.y.min(self.layout.height().saturating_sub(height));
    }
}

fn selection(p: &Pathways, scope: &Scope) -> Vec<NodeIndex> {
    match scope {
        Scope::Sector(i) => p
            .sectors()
            .get(*i)
            .map_or_else(Vec::new, |s| layout::sector(p, s, true)),
        Scope::Around(n) => layout::neighbourhood(p, *n, RADIUS),
    }
}
