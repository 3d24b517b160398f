//! Arrow keys on the map: the nearest box in a direction.

use petgraph::graph::NodeIndex;

use super::{Layout, Point};

/// A direction on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Heading {
    Left,
    Right,
    Up,
    Down,
}

impl Heading {
    /// The direction of a horizontal or vertical step from `a` to `b`; `None` when they are the
    /// same cell or not on one line.
    pub fn between(a: Point, b: Point) -> Option<Heading> {
        match (a.x.cmp(&b.x), a.y.cmp(&b.y)) {
            (std::cmp::Ordering::Less, std::cmp::Ordering::Equal) => Some(Heading::Right),
            (std::cmp::Ordering::Greater, std::cmp::Ordering::Equal) => Some(Heading::Left),
            (std::cmp::Ordering::Equal, std::cmp::Ordering::Less) => Some(Heading::Down),
            (std::cmp::Ordering::Equal, std::cmp::Ordering::Greater) => Some(Heading::Up),
            _ => None,
        }
    }
}

pub(super) fn nearest(layout: &Layout, from: NodeIndex, heading: Heading) -> Option<NodeIndex> {
    let origin = layout.rect(from)?.center();
    let (ox, oy) = (i64::from(origin.x), i64::from(origin.y));
    layout
        .boxes()
        .filter(|&(n, _)| n != from)
        .filter_map(|(n, r)| {
            let c = r.center();
            let (dx, dy) = (i64::from(c.x) - ox, i64::from(c.y) - oy);
            // (along, across): the distance the way we go first, then the distance sideways.
            let key = match heading {
                Heading::Right if dx > 0 => (dx, dy.abs()),
                Heading::Left if dx < 0 => (-dx, dy.abs()),
                Heading::Down if dy > 0 => (dx.abs(), dy),
                Heading::Up if dy < 0 => (dx.abs(), -dy),
                _ => return None,
            };
            Some((key, n))
        })
        .min()
        .map(|(_, n)| n)
}
