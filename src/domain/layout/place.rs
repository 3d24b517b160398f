//! Rows: each column's items keep their order and spacing, and move towards the rows of their
//! neighbours so that transitions run as straight as they can.

use super::order::{Item, Layered};

/// Down-and-up alignment passes.
const PASSES: usize = 3;

/// The top row of every item (boxes `box_height` tall, lanes 1 row).
pub(super) fn place(l: &Layered, box_height: u32, row_gap: u32) -> Vec<u32> {
    let size = |i: usize| -> f64 {
        match l.items[i] {
            Item::Node(_) => f64::from(box_height),
            Item::Dummy(_) => 1.0,
        }
    };
    let gap = |a: usize, b: usize| -> f64 {
        match (l.items[a], l.items[b]) {
            (Item::Node(_), Item::Node(_)) => f64::from(row_gap),
            (Item::Dummy(_), Item::Dummy(_)) => 0.0,
            _ => 1.0,
        }
    };
    // Stacked from the top to start with.
    let mut top = vec![0.0f64; l.items.len()];
    for column in &l.order {
        let mut y = 0.0;
        for (k, &i) in column.iter().enumerate() {
            if k > 0 {
                y += gap(column[k - 1], i);
            }
            top[i] = y;
            y += size(i);
        }
    }
    let center = |top: &[f64], i: usize| top[i] + (size(i) - 1.0) / 2.0;
    let columns = l.order.len();
    for _ in 0..PASSES {
        for c in 1..columns {
            align(l, &mut top, c, true, &size, &gap, &center);
        }
        for c in (0..columns.saturating_sub(1)).rev() {
            align(l, &mut top, c, false, &size, &gap, &center);
        }
    }
    let lowest = top.iter().copied().fold(f64::INFINITY, f64::min);
    let lowest = if lowest.is_finite() { lowest } else { 0.0 };
    top.iter()
        .map(|&t| {
            let t = (t - lowest).round();
            if t <= 0.0 { 0 } else { t as u32 }
        })
        .collect()
}

/// Moves column `c`'s items as close as they can get to the mean row of their neighbours on one
/// side, keeping order and spacing: least squares under "each below the one before", solved
/// exactly by pooling adjacent violators, on whole rows.
fn align(
    l: &Layered,
    top: &mut [f64],
    c: usize,
    from_left: bool,
    size: &dyn Fn(usize) -> f64,
    gap: &dyn Fn(usize, usize) -> f64,
    center: &dyn Fn(&[f64], usize) -> f64,
) {
    let column = &l.order[c];
    if column.is_empty() {
        return;
    }
    let mut offsets = Vec::with_capacity(column.len());
    let mut targets = Vec::with_capacity(column.len());
    let mut offset = 0.0;
    for (k, &i) in column.iter().enumerate() {
        if k > 0 {
            let before = column[k - 1];
            offset += size(before) + gap(before, i);
        }
        let nbrs = if from_left { &l.left[i] } else { &l.right[i] };
        let wanted = if nbrs.is_empty() {
            top[i]
        } else {
            let mean = nbrs.iter().map(|&j| center(top, j)).sum::<f64>() / nbrs.len() as f64;
            mean - (size(i) - 1.0) / 2.0
        };
        offsets.push(offset);
        targets.push(wanted - offset);
    }
    let fitted = isotonic(&targets);
    for (k, &i) in column.iter().enumerate() {
        top[i] = offsets[k] + fitted[k].max(0.0).round();
    }
}

/// The non-decreasing sequence closest to `targets` in least squares (pool adjacent violators).
fn isotonic(targets: &[f64]) -> Vec<f64> {
    // Blocks of (sum, count).
    let mut blocks: Vec<(f64, usize)> = Vec::with_capacity(targets.len());
    for &t in targets {
        blocks.push((t, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 > s2 / n2 as f64 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, n1 + n2);
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    for (sum, count) in blocks {
        let mean = sum / count as f64;
        out.extend(std::iter::repeat_n(mean, count));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn isotonic_pools_violators() {
        assert_eq!(isotonic(&[1.0, 2.0, 3.0]), vec![1.0, 2.0, 3.0]);
        assert_eq!(isotonic(&[3.0, 1.0]), vec![2.0, 2.0]);
        assert_eq!(isotonic(&[0.0, 4.0, 2.0, 6.0]), vec![0.0, 3.0, 3.0, 6.0]);
        assert!(isotonic(&[]).is_empty());
    }
}
