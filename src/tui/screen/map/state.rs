//! The map screen's state: which stages are laid out (a sector, or the neighbourhood of a stage),
//! the zoom, the selected box and the viewport. The layout is computed when the scope or zoom
//! changes, never per frame.

use petgraph::graph::NodeIndex;

use crate::domain::graph::Pathways;
use crate::domain::layout::{self, Heading, Layout, Options, Rect, Zoom};

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
        let max_x = self.layout.width().saturating_sub(width);
        if r.x < self.x + margin || r.right() + margin > self.x + width {
            self.x = (r.x + r.width / 2).saturating_sub(width / 2).min(max_x);
        }
        // Always, so a new zoom or scope (whose columns lie elsewhere) cuts no box either.
        self.x = self.column_start(self.x, r, width);
        if r.y < self.y + margin || r.bottom() + margin > self.y + height {
            self.y = (r.y + r.height / 2).saturating_sub(height / 2);
        }
        // A map narrower than the view stays whole on screen. (A wider one may show blank past
        // its right end, where the next column's start is where the view begins.)
        if max_x == 0 {
            self.x = 0;
        }
        self.y = self.y.min(self.layout.height().saturating_sub(height));
    }
}

impl MapState {
    /// `x` moved to the start of a level column (the one it falls in, else the next), so no box
    /// is cut at the left edge (a title missing its first letters reads as another word), as
    /// long as `keep` stays whole in a viewport `width` wide; else `x` as it is.
    fn column_start(&self, x: u32, keep: Rect, width: u32) -> u32 {
        // The map's own left edge counts as a column start: lines may run left of the first.
        let starts = std::iter::once(0).chain(self.layout.columns().iter().map(|c| c.x));
        let before = starts.clone().filter(|&cx| cx <= x).max();
        // Past the map's right end, the next column's start shows no less of it.
        let after = starts.filter(|&cx| cx > x).min();
        [before, after]
            .into_iter()
            .flatten()
            .find(|&start| keep.x >= start && keep.right() <= start + width)
            .unwrap_or(x)
    }

    /// Pans so the boxes of `nodes` (a route) are in view from their left end, where the
    /// route starts: as much of it as fits, its start always.
    pub fn show(&mut self, nodes: &[NodeIndex], width: u32, height: u32) {
        let rects = self.rects(nodes);
        let (Some(&first), Some(x0)) = (rects.first(), rects.iter().map(|r| r.x).min()) else {
            return;
        };
        let max_x = self.layout.width().saturating_sub(width);
        self.x = if max_x == 0 {
            0
        } else {
            self.column_start(x0.saturating_sub(1).min(max_x), first, width)
        };
        self.centre_rows(&rects, first, width, height);
    }

    /// Pans down or up so the boxes of `nodes` in the columns in view sit in the middle rows,
    /// as far as they fit, and the selected box stays in view: the rows above and below a
    /// trail are not what she came to see.
    pub fn centre_on(&mut self, nodes: &[NodeIndex], width: u32, height: u32) {
        let rects = self.rects(nodes);
        if let Some(keep) = self.layout.rect(self.selected) {
            self.centre_rows(&rects, keep, width, height);
        }
    }

    fn rects(&self, nodes: &[NodeIndex]) -> Vec<Rect> {
        nodes.iter().filter_map(|&n| self.layout.rect(n)).collect()
    }

    fn centre_rows(&mut self, rects: &[Rect], keep: Rect, width: u32, height: u32) {
        let (left, right) = (self.x, self.x + width);
        let in_view = rects
            .iter()
            .filter(|r| r.right() > left && r.x < right)
            .chain(std::iter::once(&keep));
        let (mut y0, mut y1) = (keep.y, keep.bottom());
        for r in in_view {
            // Only as far as the kept box stays in view.
            if r.bottom().max(y1) - r.y.min(y0) <= height {
                y0 = y0.min(r.y);
                y1 = y1.max(r.bottom());
            }
        }
        self.y = ((y0 + y1) / 2).saturating_sub(height / 2);
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
