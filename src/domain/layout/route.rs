//! Connectors: ports on the box sides, vertical tracks in the gaps between columns, polylines.
//!
//! Gap `g` lies left of column `g` (gap `columns` is right of the last column). A transition
//! between adjacent columns runs along a row from its source port, down or up a track of the gap,
//! and along a row into the next lane or its target port; when the two rows agree it runs
//! straight and needs no track. Same-column transitions between boxes with no box between them
//! run straight down or up through the gap between the boxes; others go out of the right side,
//! along a track of the gap to the right, and back in.

use std::collections::HashMap;

use super::order::{Item, Layered};
use super::{Connector, Point, Size};
use crate::domain::model::Mode;

/// The routed map: connectors, column positions and size.
pub(super) struct Routed {
    pub connectors: Vec<Connector>,
    pub column_x: Vec<u32>,
    pub width: u32,
    pub height: u32,
}

/// How a transition is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Across columns, through lanes.
    Chain,
    /// Same column, boxes adjacent: straight down or up; `down` when the target is below.
    Vertical { down: bool },
    /// Same column, around the right side.
    Side,
}

/// A vertical run on a track of one gap, with the rows where it meets horizontal runs from the
/// left-hand column (`lefts`) and from the right-hand column (`rights`).
#[derive(Debug, Clone)]
struct Net {
    lo: i64,
    hi: i64,
    lefts: Vec<i64>,
    rights: Vec<i64>,
    /// For a hop between columns: what it may share a track with (see [`bundle`]).
    share: Option<Share>,
}

/// Hops that leave the same port (or enter the same port) the same way, in the same mode, share
/// a track: one trunk that branches, instead of a bundle of parallel lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Share {
    left_row: i64,
    right_row: i64,
    down: bool,
    forward: bool,
    mode: Mode,
}

const LEFT: usize = 0;
const RIGHT: usize = 1;

pub(super) fn route(l: &Layered, tops: &[u32], size: Size, column_gap: u32) -> Routed {
    let w = i64::from(size.width);
    let h = i64::from(size.height);
    let columns = l.keys.len();
    let top = |i: usize| i64::from(tops[i]);
    let item_size = |i: usize| match l.items[i] {
        Item::Node(_) => h,
        Item::Dummy(_) => 1,
    };
    let center = |i: usize| top(i) as f64 + (item_size(i) - 1) as f64 / 2.0;

    // What each transition is.
    let kinds: Vec<Kind> = l
        .edges
        .iter()
        .map(|e| {
            if !e.chain.is_empty() {
                return Kind::Chain;
            }
            let column = &l.order[l.col[e.from]];
            let (a, b) = (l.pos[e.from], l.pos[e.to]);
            let between = &column[a.min(b) + 1..a.max(b)];
            if between.iter().all(|&i| matches!(l.items[i], Item::Dummy(_))) {
                Kind::Vertical { down: b > a }
            } else {
                Kind::Side
            }
        })
        .collect();

    // Ports on the left and right sides: ends sorted by the row they head for, spread over the
    // rows inside the border.
    let mut sides: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); l.nodes.len() * 2];
    for (k, e) in l.edges.iter().enumerate() {
        match kinds[k] {
            Kind::Chain => {
                let forward = l.col[e.to] > l.col[e.from];
                let next = e.chain[1];
                let prev = e.chain[e.chain.len() - 2];
                let (out_side, in_side) = if forward { (RIGHT, LEFT) } else { (LEFT, RIGHT) };
                sides[e.from * 2 + out_side].push((center(next), k, true));
                sides[e.to * 2 + in_side].push((center(prev), k, false));
            }
            Kind::Side => {
                sides[e.from * 2 + RIGHT].push((center(e.to), k, true));
                sides[e.to * 2 + RIGHT].push((center(e.from), k, false));
            }
            Kind::Vertical { .. } => {}
        }
    }
    let ports = (h - 2).max(1);
    let mut src_row = vec![0i64; l.edges.len()];
    let mut dst_row = vec![0i64; l.edges.len()];
    for (slot, ends) in sides.iter_mut().enumerate() {
        let node = slot / 2;
        ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let n = ends.len() as i64;
        for (i, &(toward, k, is_src)) in ends.iter().enumerate() {
            let index = if n == 1 {
                (toward.round() as i64 - (top(node) + 1)).clamp(0, ports - 1)
            } else {
                i as i64 * ports / n
            };
            let row = top(node) + 1 + index;
            if is_src {
                src_row[k] = row;
            } else {
                dst_row[k] = row;
            }
        }
    }
    // The row where a chain meets its k-th item.
    let chain_row = |k: usize, at: usize| -> i64 {
        let chain = &l.edges[k].chain;
        if at == 0 {
            src_row[k]
        } else if at + 1 == chain.len() {
            dst_row[k]
        } else {
            top(chain[at])
        }
    };

    // Nets of each gap.
    let mut nets: Vec<Vec<Net>> = vec![Vec::new(); columns + 1];
    let mut hop_net: Vec<Vec<Option<(usize, usize)>>> = vec![Vec::new(); l.edges.len()];
    for (k, e) in l.edges.iter().enumerate() {
        match kinds[k] {
            Kind::Chain => {
                for at in 0..e.chain.len() - 1 {
                    let (a, b) = (chain_row(k, at), chain_row(k, at + 1));
                    if a == b {
                        hop_net[k].push(None);
                        continue;
                    }
                    let (ca, cb) = (l.col[e.chain[at]], l.col[e.chain[at + 1]]);
                    let gap = ca.max(cb);
                    let (left_row, right_row) = if ca < cb { (a, b) } else { (b, a) };
                    hop_net[k].push(Some((gap, nets[gap].len())));
                    nets[gap].push(Net {
                        lo: a.min(b),
                        hi: a.max(b),
                        lefts: vec![left_row],
                        rights: vec![right_row],
                        share: Some(Share {
                            left_row,
                            right_row,
                            down: right_row > left_row,
                            forward: cb > ca,
                            mode: e.mode,
                        }),
                    });
                }
            }
            Kind::Side => {
                let gap = l.col[e.from] + 1;
                let (a, b) = (src_row[k], dst_row[k]);
                hop_net[k].push(Some((gap, nets[gap].len())));
                nets[gap].push(Net {
                    lo: a.min(b),
                    hi: a.max(b),
                    lefts: vec![a, b],
                    rights: Vec::new(),
                    share: None,
                });
            }
            Kind::Vertical { .. } => {}
        }
    }
    let assigned: Vec<(Vec<usize>, usize)> = nets
        .iter()
        .map(|n| {
            let (group_of, groups) = bundle(n);
            let (track, count) = tracks(&groups);
            (group_of.iter().map(|&g| track[g]).collect(), count)
        })
        .collect();

    // Gap widths and column positions.
    let widths: Vec<i64> = assigned
        .iter()
        .enumerate()
        .map(|(g, (_, count))| {
            let needed = if *count > 0 { *count as i64 + 2 } else { 0 };
            if g == 0 || g == columns {
                needed
            } else {
                needed.max(i64::from(column_gap))
            }
        })
        .collect();
    let mut column_x = Vec::with_capacity(columns);
    let mut x = 0i64;
    for (c, &gap) in widths.iter().enumerate().take(columns) {
        if c > 0 {
            x += w;
        }
        x += gap;
        column_x.push(x);
    }
    let width = x + w + widths[columns];
    let gap_start = |g: usize| if g == 0 { 0 } else { column_x[g - 1] + w };
    let track_x = |g: usize, net: usize| -> i64 {
        let (track, count) = (&assigned[g].0, assigned[g].1 as i64);
        let spare = (widths[g] - 2 - count).max(0) / 2;
        gap_start(g) + 1 + spare + track[net] as i64
    };

    // Same-column neighbours: the transitions between each pair, for their x offsets.
    let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (k, e) in l.edges.iter().enumerate() {
        if let Kind::Vertical { .. } = kinds[k] {
            let key = if l.pos[e.from] < l.pos[e.to] {
                (e.from, e.to)
            } else {
                (e.to, e.from)
            };
            pairs.entry(key).or_default().push(k);
        }
    }
    let mut vertical_dx = vec![0i64; l.edges.len()];
    for ks in pairs.values() {
        let n = ks.len() as i64;
        for (i, &k) in ks.iter().enumerate() {
            vertical_dx[k] = ((w - 1) / 2 + 2 * i as i64 - (n - 1)).clamp(1, w - 2);
        }
    }

    let connectors = l
        .edges
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let xu = column_x[l.col[e.from]];
            let xv = column_x[l.col[e.to]];
            let mut pts: Vec<(i64, i64)> = Vec::new();
            match kinds[k] {
                Kind::Chain => {
                    let forward = l.col[e.to] > l.col[e.from];
                    pts.push((if forward { xu + w - 1 } else { xu }, src_row[k]));
                    for (at, hop) in hop_net[k].iter().enumerate() {
                        if let Some((g, net)) = *hop {
                            let tx = track_x(g, net);
                            pts.push((tx, chain_row(k, at)));
                            pts.push((tx, chain_row(k, at + 1)));
                        }
                    }
                    pts.push((if forward { xv } else { xv + w - 1 }, dst_row[k]));
                }
                Kind::Side => {
                    let tx = hop_net[k]
                        .first()
                        .copied()
                        .flatten()
                        .map_or(xu + w, |(g, net)| track_x(g, net));
                    pts.push((xu + w - 1, src_row[k]));
                    pts.push((tx, src_row[k]));
                    pts.push((tx, dst_row[k]));
                    pts.push((xv + w - 1, dst_row[k]));
                }
                Kind::Vertical { down } => {
                    let x = xu + vertical_dx[k];
                    if down {
                        pts.push((x, top(e.from) + h - 1));
                        pts.push((x, top(e.to)));
                    } else {
                        pts.push((x, top(e.from)));
                        pts.push((x, top(e.to) + h - 1));
                    }
                }
            }
            Connector {
                edge: e.edge,
                from: l.nodes[e.from],
                to: l.nodes[e.to],
                mode: e.mode,
                points: simplify(&pts),
            }
        })
        .collect();

    let height = (0..l.items.len())
        .map(|i| top(i) + item_size(i))
        .max()
        .unwrap_or(0);
    Routed {
        connectors,
        column_x: column_x.into_iter().map(cell).collect(),
        width: cell(width),
        height: cell(height),
    }
}

fn cell(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// Corners only: no repeated points, no point in the middle of a straight run.
fn simplify(pts: &[(i64, i64)]) -> Vec<Point> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(pts.len());
    for &p in pts {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        out.push(p);
    }
    out.into_iter()
        .map(|(x, y)| Point::new(cell(x), cell(y)))
        .collect()
}

/// Groups the nets of one gap that may share a track: first those leaving one left-hand row,
/// then, of the rest, those meeting one right-hand row. Returns each net's group and the groups
/// as nets (spans and rows merged).
fn bundle(nets: &[Net]) -> (Vec<usize>, Vec<Net>) {
    let mut group_of = vec![usize::MAX; nets.len()];
    let mut groups: Vec<Net> = Vec::new();
    for by_left in [true, false] {
        let mut index: HashMap<(i64, bool, bool, Mode), usize> = HashMap::new();
        for (i, net) in nets.iter().enumerate() {
            if group_of[i] != usize::MAX {
                continue;
            }
            let Some(s) = net.share else { continue };
            let row = if by_left { s.left_row } else { s.right_row };
            index.entry((row, s.down, s.forward, s.mode)).or_insert(i);
        }
        let mut count: HashMap<usize, usize> = HashMap::new();
        for (i, net) in nets.iter().enumerate() {
            if group_of[i] != usize::MAX {
                continue;
            }
            if let Some(s) = net.share {
                let row = if by_left { s.left_row } else { s.right_row };
                if let Some(&first) = index.get(&(row, s.down, s.forward, s.mode)) {
                    *count.entry(first).or_default() += 1;
                }
            }
        }
        let mut group_at: HashMap<usize, usize> = HashMap::new();
        for (i, net) in nets.iter().enumerate() {
            if group_of[i] != usize::MAX {
                continue;
            }
            let Some(s) = net.share else { continue };
            let row = if by_left { s.left_row } else { s.right_row };
            let Some(&first) = index.get(&(row, s.down, s.forward, s.mode)) else {
                continue;
            };
            if count.get(&first).copied().unwrap_or(0) < 2 {
                continue;
            }
            let g = *group_at.entry(first).or_insert_with(|| {
                groups.push(Net {
                    lo: net.lo,
                    hi: net.hi,
                    lefts: Vec::new(),
                    rights: Vec::new(),
                    share: None,
                });
                groups.len() - 1
            });
            let group = &mut groups[g];
            group.lo = group.lo.min(net.lo);
            group.hi = group.hi.max(net.hi);
            group.lefts.extend(&net.lefts);
            group.rights.extend(&net.rights);
            group_of[i] = g;
        }
    }
    for (i, net) in nets.iter().enumerate() {
        if group_of[i] == usize::MAX {
            group_of[i] = groups.len();
            groups.push(net.clone());
        }
    }
    for g in &mut groups {
        g.lefts.sort_unstable();
        g.lefts.dedup();
        g.rights.sort_unstable();
        g.rights.dedup();
    }
    (group_of, groups)
}

/// Tracks for the nets of one gap, left to right: nets on one track never share a row, and a net
/// meeting a row from the left comes before a net meeting the same row from the right, so their
/// horizontal runs do not overlap (a cycle of such wishes is broken where it must be).
/// Returns each net's track and the number of tracks.
fn tracks(nets: &[Net]) -> (Vec<usize>, usize) {
    let m = nets.len();
    let mut by_right: HashMap<i64, Vec<usize>> = HashMap::new();
    for (j, net) in nets.iter().enumerate() {
        for &r in &net.rights {
            by_right.entry(r).or_default().push(j);
        }
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); m];
    for (i, net) in nets.iter().enumerate() {
        for r in &net.lefts {
            if let Some(js) = by_right.get(r) {
                for &j in js {
                    if j != i {
                        preds[j].push(i);
                    }
                }
            }
        }
    }
    let mut remaining: Vec<usize> = (0..m).collect();
    remaining.sort_by_key(|&i| (nets[i].lo, nets[i].hi, i));
    let mut track = vec![usize::MAX; m];
    let mut t = 0;
    while !remaining.is_empty() {
        let mut last_hi: Option<i64> = None;
        let mut rest = Vec::with_capacity(remaining.len());
        for &i in &remaining {
            let free = last_hi.is_none_or(|hi| nets[i].lo > hi);
            let ready = preds[i].iter().all(|&p| track[p] < t);
            if free && ready {
                track[i] = t;
                last_hi = Some(nets[i].hi);
            } else {
                rest.push(i);
            }
        }
        if rest.len() == remaining.len() {
            // Every net waits for another: a cycle; place the first anyway.
            let i = rest.remove(0);
            track[i] = t;
        }
        remaining = rest;
        t += 1;
    }
    (track, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(lo: i64, hi: i64, lefts: &[i64], rights: &[i64]) -> Net {
        Net {
            lo,
            hi,
            lefts: lefts.to_vec(),
            rights: rights.to_vec(),
            share: None,
        }
    }

    fn hop(left_row: i64, right_row: i64, mode: Mode) -> Net {
        Net {
            lo: left_row.min(right_row),
            hi: left_row.max(right_row),
            lefts: vec![left_row],
            rights: vec![right_row],
            share: Some(Share {
                left_row,
                right_row,
                down: right_row > left_row,
                forward: true,
                mode,
            }),
        }
    }

    #[test]
    fn hops_from_one_port_share_a_track_by_mode_and_direction() {
        let nets = [
            hop(5, 8, Mode::Sequential),
            hop(5, 12, Mode::Sequential),
            hop(5, 9, Mode::Integrated),
            hop(5, 1, Mode::Sequential),
            hop(2, 12, Mode::Sequential),
            hop(3, 12, Mode::Sequential),
        ];
        let (group_of, groups) = bundle(&nets);
        assert_eq!(group_of[0], group_of[1]);
        assert_ne!(group_of[0], group_of[2]);
        assert_ne!(group_of[0], group_of[3]);
        // 4 and 5 both enter row 12 going down: they merge into one trunk.
        assert_eq!(group_of[4], group_of[5]);
        assert_eq!((groups[group_of[0]].lo, groups[group_of[0]].hi), (5, 12));
        assert_eq!(groups.len(), 4);
    }

    #[test]
    fn tracks_share_when_rows_do_not_overlap() {
        let (t, n) = tracks(&[net(0, 2, &[0], &[2]), net(3, 5, &[3], &[5])]);
        assert_eq!((t, n), (vec![0, 0], 1));
        let (t, n) = tracks(&[net(0, 2, &[0], &[2]), net(2, 5, &[5], &[2])]);
        assert_eq!(n, 2);
        assert_ne!(t[0], t[1]);
    }

    #[test]
    fn a_net_leaving_a_row_goes_left_of_one_entering_it() {
        // Net 0 enters row 4 from the right; net 1 leaves row 4 to the left: 1 must be left of 0.
        let (t, _) = tracks(&[net(0, 4, &[0], &[4]), net(4, 8, &[4], &[8])]);
        assert!(t[1] < t[0], "{t:?}");
    }

    #[test]
    fn cycles_still_get_tracks() {
        let (t, n) = tracks(&[net(1, 3, &[1], &[3]), net(1, 3, &[3], &[1])]);
        assert_eq!(n, 2);
        assert_ne!(t[0], t[1]);
    }

    #[test]
    fn simplify_keeps_corners_only() {
        let pts = simplify(&[(0, 0), (2, 0), (4, 0), (4, 0), (4, 3), (6, 3)]);
        assert_eq!(
            pts,
            vec![
                Point::new(0, 0),
                Point::new(4, 0),
                Point::new(4, 3),
                Point::new(6, 3)
            ]
        );
    }
}
