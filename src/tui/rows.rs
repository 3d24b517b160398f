//! The explorer's stage list: stages grouped by sector, then ordered by level and title.
//! Built once; drawing reads only the rows on screen.

use petgraph::graph::NodeIndex;

use crate::domain::graph::Pathways;

/// A line of the stage list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A sector heading: index into `Pathways::sectors()`.
    Sector(usize),
    Stage(NodeIndex),
}

/// The list, and where each stage sits in it.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub rows: Vec<Row>,
    pub sectors: Vec<String>,
    /// Row of each stage, by node index.
    row_of: Vec<usize>,
}

impl Rows {
    pub fn new(pathways: &Pathways) -> Rows {
        let sectors: Vec<String> = pathways.sectors().into_iter().map(str::to_string).collect();
        let mut by_sector: Vec<Vec<NodeIndex>> = vec![Vec::new(); sectors.len()];
        for (node, stage) in pathways.stages() {
            let sector = &pathways.pathways()[stage.pathway].sector;
            if let Some(i) = sectors.iter().position(|s| s == sector) {
                by_sector[i].push(node);
            }
        }
        // Sectors whose ladders start lowest come first: the shared foundations, where most
        // learners begin, lead the list; ties keep load order.
        let lowest = |nodes: &Vec<NodeIndex>| {
            nodes
                .iter()
                .map(|&n| pathways.stage(n).level)
                .min()
                .unwrap_or(u8::MAX)
        };
        let mut order: Vec<usize> = (0..sectors.len()).collect();
        order.sort_by_key(|&i| lowest(&by_sector[i]));
        let mut rows = Vec::with_capacity(pathways.stage_count() + sectors.len());
        let mut row_of = vec![0; pathways.stage_count()];
        let mut by_sector: Vec<Option<Vec<NodeIndex>>> = by_sector.into_iter().map(Some).collect();
        for i in order {
            let Some(mut nodes) = by_sector[i].take() else {
                continue;
            };
            nodes.sort_by(|&a, &b| {
                let (sa, sb) = (pathways.stage(a), pathways.stage(b));
                (sa.level, &sa.title, &sa.id).cmp(&(sb.level, &sb.title, &sb.id))
            });
            rows.push(Row::Sector(i));
            for node in nodes {
                row_of[node.index()] = rows.len();
                rows.push(Row::Stage(node));
            }
        }
        Rows {
            rows,
            sectors,
            row_of,
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row_of(&self, node: NodeIndex) -> usize {
        self.row_of.get(node.index()).copied().unwrap_or(0)
    }

    pub fn stage_at(&self, row: usize) -> Option<NodeIndex> {
        match self.rows.get(row) {
            Some(Row::Stage(n)) => Some(*n),
            _ => None,
        }
    }

    /// The nearest stage row at or after `row` going in `step` direction (+1 or -1), else before.
    pub fn nearest_stage(&self, row: usize, down: bool) -> Option<usize> {
        let n = self.rows.len();
        if n == 0 {
            return None;
        }
        let row = row.min(n - 1);
        let forward = (row..n).find(|&r| self.stage_at(r).is_some());
        let backward = (0..=row).rev().find(|&r| self.stage_at(r).is_some());
        if down {
            forward.or(backward)
        } else {
            backward.or(forward)
        }
    }
}

/// The first row to draw so that `selected` is visible, centred while the list allows.
pub fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_keep_the_selection_in_view() {
        assert_eq!(scroll_offset(0, 100, 10), 0);
        assert_eq!(scroll_offset(4, 100, 10), 0);
        assert_eq!(scroll_offset(50, 100, 10), 45);
        assert_eq!(scroll_offset(99, 100, 10), 90);
        assert_eq!(scroll_offset(5, 8, 10), 0);
        for sel in 0..100 {
            let off = scroll_offset(sel, 100, 7);
            assert!(off <= sel && sel < off + 7);
        }
    }
}
