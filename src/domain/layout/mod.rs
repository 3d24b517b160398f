//! The pathway map as a layered drawing in character cells: stages in columns by `level` (low on
//! the left, high on the right), ordered within a column to reduce crossings, and every transition
//! as an orthogonal connector routed in the gaps between boxes, never through one.
//!
//! Pure geometry, no terminal code: the TUI draws boxes and lines from a [`Layout`].
//!
//! How it is built (Sugiyama's scheme, kept small):
//! 1. [`order`]: columns by `(level, job?)`; a transition that skips columns gets a dummy lane
//!    on each column it crosses; same-column chains (ESL 1 -> ESL 2 -> ...) stay together;
//!    barycenter sweeps left-to-right and right-to-left keep the order with the fewest crossings.
//! 2. [`place`]: rows, pulling each box towards its neighbours (isotonic regression, so boxes
//!    never overlap and the order is kept).
//! 3. [`route`]: ports on the box sides, vertical tracks in each gap (interval colouring, with
//!    left/right constraints so lines do not run over each other), then the polylines.

mod navigate;
mod order;
mod place;
mod route;
mod select;

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::graph::Pathways;
use super::model::Mode;

pub use navigate::Heading;
pub use select::{neighbourhood, sector};

/// How much a box shows: the title (full) or only the stage id (compact, for large pathways).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Zoom {
    #[default]
    Full,
    Compact,
}

impl Zoom {
    /// The other zoom (`z` in the map).
    pub fn toggled(self) -> Zoom {
        match self {
            Zoom::Full => Zoom::Compact,
            Zoom::Compact => Zoom::Full,
        }
    }
}

/// A box size in cells, border included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// What to lay out and how big. `Options::default()` suits a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub zoom: Zoom,
    /// Box size in full zoom (default 24 x 4: a border around two lines of title).
    pub full: Size,
    /// Box size in compact zoom (default at most 18 x 3): boxes are as wide as the longest id
    /// needs plus 4 (border, a marker and a space), at least 8, at most `compact.width`.
    pub compact: Size,
    /// The narrowest gap between two columns (default 4); a gap widens to fit its vertical tracks.
    pub column_gap: u32,
    /// Blank rows between two boxes of a column (default 1, at least 1).
    pub row_gap: u32,
    /// Barycenter sweeps (default 12). 0 keeps the selection order (same-column chains grouped).
    pub sweeps: usize,
    /// Put a level's jobs in a column of their own, right of the level's classes and programs
    /// (default true), so "certificate -> job" on one rung reads left to right.
    pub split_jobs: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            zoom: Zoom::Full,
            full: Size { width: 24, height: 4 },
            compact: Size { width: 18, height: 3 },
            column_gap: 4,
            row_gap: 1,
            sweeps: 12,
            split_jobs: true,
        }
    }
}

impl Options {
    /// The default options with this zoom.
    pub fn zoomed(zoom: Zoom) -> Options {
        Options {
            zoom,
            ..Options::default()
        }
    }
}

/// A cell: `x` columns from the left, `y` rows from the top of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Point {
    pub x: u32,
    pub y: u32,
}

impl Point {
    pub fn new(x: u32, y: u32) -> Point {
        Point { x, y }
    }
}

/// A box in cells; the border is part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Rect {
    /// One past the rightmost column.
    pub fn right(&self) -> u32 {
        self.x + self.width
    }

    /// One past the bottom row.
    pub fn bottom(&self) -> u32 {
        self.y + self.height
    }

    /// Whether the cell is in the box, border included.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x < self.right() && p.y >= self.y && p.y < self.bottom()
    }

    /// Whether the cell is on the border (corners included).
    pub fn on_border(&self, p: Point) -> bool {
        self.contains(p)
            && (p.x == self.x || p.x + 1 == self.right() || p.y == self.y || p.y + 1 == self.bottom())
    }

    /// Whether the cell is one of the four corners.
    pub fn is_corner(&self, p: Point) -> bool {
        (p.x == self.x || p.x + 1 == self.right()) && (p.y == self.y || p.y + 1 == self.bottom())
    }

    /// Whether two boxes share a cell.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    /// The middle cell (rounded towards the top left).
    pub fn center(&self) -> Point {
        Point::new(
            self.x + self.width.saturating_sub(1) / 2,
            self.y + self.height.saturating_sub(1) / 2,
        )
    }
}

/// One transition drawn as an orthogonal polyline.
///
/// `points` are the corners, source first: the first lies on the source box's border and the last
/// on the target box's border (never on a corner); every other cell of the line is outside every
/// box. Consecutive points share `x` or `y`. Draw the line from the second cell to the one before
/// the last, and the arrowhead on [`Connector::arrow`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connector {
    pub edge: EdgeIndex,
    pub from: NodeIndex,
    pub to: NodeIndex,
    /// Integrated (double lines) or sequential (single lines).
    pub mode: Mode,
    pub points: Vec<Point>,
}

impl Connector {
    /// Every cell of the line in order, from the source border to the target border, each once.
    pub fn cells(&self) -> Vec<Point> {
        let mut cells = Vec::new();
        for pair in self.points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if cells.is_empty() {
                cells.push(a);
            }
            let mut p = a;
            while p != b {
                p = step_towards(p, b);
                cells.push(p);
            }
        }
        if cells.is_empty()
            && let Some(&p) = self.points.first()
        {
            cells.push(p);
        }
        cells
    }

    /// Every cell with the way the line comes in and goes out, for choosing glyphs: a cell with
    /// `into: Right, out: Down` is a `┐`. The first cell (on the source border) has no `into`,
    /// the last (on the target border) no `out`.
    pub fn steps(&self) -> Vec<Step> {
        let cells = self.cells();
        (0..cells.len())
            .map(|i| Step {
                at: cells[i],
                into: i
                    .checked_sub(1)
                    .and_then(|j| Heading::between(cells[j], cells[i])),
                out: cells
                    .get(i + 1)
                    .and_then(|&next| Heading::between(cells[i], next)),
            })
            .collect()
    }

    /// Where the arrowhead goes (the cell just outside the target box) and which way it points.
    pub fn arrow(&self) -> Option<(Point, Heading)> {
        let n = self.points.len();
        if n < 2 {
            return None;
        }
        let (a, b) = (self.points[n - 2], self.points[n - 1]);
        let heading = Heading::between(a, b)?;
        let cell = match heading {
            Heading::Right => Point::new(b.x.checked_sub(1)?, b.y),
            Heading::Left => Point::new(b.x + 1, b.y),
            Heading::Down => Point::new(b.x, b.y.checked_sub(1)?),
            Heading::Up => Point::new(b.x, b.y + 1),
        };
        Some((cell, heading))
    }
}

/// One cell of a connector and the directions of the line through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub at: Point,
    /// The direction of the move into this cell.
    pub into: Option<Heading>,
    /// The direction of the move out of it.
    pub out: Option<Heading>,
}

/// One step from `a` towards `b` along a horizontal or vertical line.
fn step_towards(a: Point, b: Point) -> Point {
    if a.x < b.x {
        Point::new(a.x + 1, a.y)
    } else if a.x > b.x {
        Point::new(a.x - 1, a.y)
    } else if a.y < b.y {
        Point::new(a.x, a.y + 1)
    } else if a.y > b.y {
        Point::new(a.x, a.y - 1)
    } else {
        a
    }
}

/// A column of the map: one rung (`level`), or the jobs of a rung when `jobs` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub level: u8,
    /// The column holds the level's employment stages (see [`Options::split_jobs`]).
    pub jobs: bool,
    pub x: u32,
    pub width: u32,
}

/// A laid-out map: boxes, connectors and size, in cells.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    zoom: Zoom,
    nodes: Vec<NodeIndex>,
    rects: Vec<Rect>,
    index: HashMap<NodeIndex, usize>,
    connectors: Vec<Connector>,
    by_edge: HashMap<EdgeIndex, usize>,
    columns: Vec<Column>,
    width: u32,
    height: u32,
    /// Per pair of adjacent columns, each segment of the layered graph as (left, right) positions.
    segments: Vec<Vec<(u32, u32)>>,
}

/// Lays out `nodes` (any selection: a sector, a neighbourhood) and the transitions between them.
/// Nodes not in the graph and repeats are ignored; self-transitions get no connector. The same
/// input always gives the same layout.
pub fn layout(pathways: &Pathways, nodes: &[NodeIndex], options: &Options) -> Layout {
    let mut seen = std::collections::HashSet::with_capacity(nodes.len());
    let nodes: Vec<NodeIndex> = nodes
        .iter()
        .copied()
        .filter(|&n| pathways.graph().node_weight(n).is_some() && seen.insert(n))
        .collect();
    if nodes.is_empty() {
        return Layout {
            zoom: options.zoom,
            ..Layout::default()
        };
    }
    let size = box_size(pathways, &nodes, options);
    let mut layered = order::Layered::build(pathways, &nodes, options.split_jobs);
    layered.minimise_crossings(options.sweeps);
    let tops = place::place(&layered, size.height, options.row_gap.max(1));
    let routed = route::route(&layered, &tops, size, options.column_gap.max(2));

    let rects: Vec<Rect> = (0..nodes.len())
        .map(|i| Rect {
            x: routed.column_x[layered.col[i]],
            y: tops[i],
            width: size.width,
            height: size.height,
        })
        .collect();
    let index = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let by_edge = routed
        .connectors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.edge, i))
        .collect();
    let columns = layered
        .keys
        .iter()
        .zip(&routed.column_x)
        .map(|(&(level, jobs), &x)| Column {
            level,
            jobs,
            x,
            width: size.width,
        })
        .collect();
    let segments = layered.segments();
    Layout {
        zoom: options.zoom,
        nodes,
        rects,
        index,
        connectors: routed.connectors,
        by_edge,
        columns,
        width: routed.width,
        height: routed.height,
        segments,
    }
}

/// The box size for a zoom: fixed in full zoom; in compact zoom as wide as the longest id needs.
fn box_size(pathways: &Pathways, nodes: &[NodeIndex], options: &Options) -> Size {
    match options.zoom {
        Zoom::Full => Size {
            width: options.full.width.max(5),
            height: options.full.height.max(3),
        },
        Zoom::Compact => {
            let longest = nodes
                .iter()
                .map(|&n| pathways.stage(n).id.chars().count())
                .max()
                .unwrap_or(0);
            let wanted = u32::try_from(longest).unwrap_or(u32::MAX).saturating_add(4);
            Size {
                width: wanted.clamp(8, options.compact.width.max(8)),
                height: options.compact.height.max(3),
            }
        }
    }
}

impl Layout {
    pub fn zoom(&self) -> Zoom {
        self.zoom
    }

    /// Width of the whole map in cells.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height of the whole map in cells.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Every box, in selection order.
    pub fn boxes(&self) -> impl ExactSizeIterator<Item = (NodeIndex, Rect)> + '_ {
        self.nodes.iter().copied().zip(self.rects.iter().copied())
    }

    /// The box of a stage, when it is on the map.
    pub fn rect(&self, node: NodeIndex) -> Option<Rect> {
        self.index.get(&node).map(|&i| self.rects[i])
    }

    /// Whether the stage is on the map.
    pub fn contains(&self, node: NodeIndex) -> bool {
        self.index.contains_key(&node)
    }

    /// Every connector, in transition (file) order.
    pub fn connectors(&self) -> &[Connector] {
        &self.connectors
    }

    /// The connector of a transition, when both its stages are on the map.
    pub fn connector(&self, edge: EdgeIndex) -> Option<&Connector> {
        self.by_edge.get(&edge).map(|&i| &self.connectors[i])
    }

    /// The columns, left to right, for level headings.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The stage whose box holds the cell (for the mouse).
    pub fn box_at(&self, p: Point) -> Option<NodeIndex> {
        self.boxes().find(|(_, r)| r.contains(p)).map(|(n, _)| n)
    }

    /// The nearest box from `from` in a direction, for arrow keys: Left/Right go to the nearest
    /// column that way, then the closest row; Up/Down stay in the column when they can, then the
    /// nearest column. `None` at the edge of the map or when `from` is not on it.
    pub fn nearest(&self, from: NodeIndex, heading: Heading) -> Option<NodeIndex> {
        navigate::nearest(self, from, heading)
    }

    /// Crossings between adjacent columns; see [`crossings`].
    pub fn crossings(&self) -> usize {
        crossings(self)
    }
}

/// How many pairs of segments cross between adjacent columns of the layered graph (each long
/// transition counted once per pair of columns it spans): what the ordering minimises.
/// Same-column transitions are not counted.
pub fn crossings(layout: &Layout) -> usize {
    layout.segments.iter().map(|s| order::count_crossings(s)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connector(points: &[(u32, u32)]) -> Connector {
        Connector {
            edge: EdgeIndex::new(0),
            from: NodeIndex::new(0),
            to: NodeIndex::new(1),
            mode: Mode::Sequential,
            points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
        }
    }

    #[test]
    fn cells_steps_and_arrow_follow_the_corners() {
        let c = connector(&[(0, 0), (2, 0), (2, 2), (4, 2)]);
        let cells: Vec<(u32, u32)> = c.cells().iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(cells, [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (3, 2), (4, 2)]);
        let steps = c.steps();
        assert_eq!((steps[0].into, steps[0].out), (None, Some(Heading::Right)));
        assert_eq!(
            (steps[2].into, steps[2].out),
            (Some(Heading::Right), Some(Heading::Down))
        );
        assert_eq!(
            (steps[4].into, steps[4].out),
            (Some(Heading::Down), Some(Heading::Right))
        );
        assert_eq!((steps[6].into, steps[6].out), (Some(Heading::Right), None));
        assert_eq!(c.arrow(), Some((Point::new(3, 2), Heading::Right)));
        let up = connector(&[(5, 9), (5, 4)]);
        assert_eq!(up.arrow(), Some((Point::new(5, 5), Heading::Up)));
        assert_eq!(connector(&[(1, 1)]).arrow(), None);
    }

    #[test]
    fn rect_geometry() {
        let r = Rect {
            x: 2,
            y: 3,
            width: 4,
            height: 3,
        };
        assert!(r.contains(Point::new(2, 3)) && r.contains(Point::new(5, 5)));
        assert!(!r.contains(Point::new(6, 5)) && !r.contains(Point::new(2, 6)));
        assert!(r.on_border(Point::new(3, 3)) && !r.on_border(Point::new(3, 4)));
        assert!(r.is_corner(Point::new(5, 5)) && !r.is_corner(Point::new(5, 4)));
        assert!(r.intersects(&Rect {
            x: 5,
            y: 5,
            width: 1,
            height: 1
        }));
        assert!(!r.intersects(&Rect {
            x: 6,
            y: 3,
            width: 2,
            height: 2
        }));
        assert_eq!(r.center(), Point::new(3, 4));
        assert_eq!(Zoom::Full.toggled(), Zoom::Compact);
    }
}
