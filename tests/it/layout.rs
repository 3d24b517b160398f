//! The layered map layout: boxes never overlap, every transition is drawn from border to border
//! and never through a box, ordering reduces crossings, the same input gives the same layout.
//! `cargo test --test it layout::print_sketches -- --ignored --nocapture` prints a sketch of every shipped sector.

use std::collections::HashSet;

use pathways::domain::graph::Pathways;
use pathways::domain::layout::{
    Heading, Layout, Options, Point, Zoom, crossings, layout, neighbourhood, sector,
};
use pathways::domain::load::{Input, Origin, load};
use pathways::domain::model::{Kind, Mode, Pathway, Stage, Transition};
use pathways::domain::{shipped, synthetic};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use proptest::prelude::*;

fn shipped_pathways() -> Pathways {
    load(&shipped::inputs()).expect("shipped data loads").pathways
}

fn fixture(name: &str) -> Pathways {
    let path = format!("{}/tests/fixtures/layout/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    load(&[Input {
        name: path,
        bytes,
        origin: Origin::User,
    }])
    .expect("fixture loads")
    .pathways
}

fn all(p: &Pathways) -> Vec<NodeIndex> {
    p.stages().map(|(n, _)| n).collect()
}

/// Every invariant of a layout of `nodes`; a message naming the first one broken.
fn check(p: &Pathways, nodes: &[NodeIndex], l: &Layout) -> Result<(), String> {
    let (w, h) = (l.width() as usize, l.height() as usize);
    let mut grid = vec![usize::MAX; w * h];
    let boxes: Vec<_> = l.boxes().collect();
    let wanted: HashSet<NodeIndex> = nodes.iter().copied().collect();
    if boxes.len() != wanted.len() {
        return Err(format!("{} boxes for {} stages", boxes.len(), wanted.len()));
    }
    for (k, &(n, r)) in boxes.iter().enumerate() {
        if !wanted.contains(&n) {
            return Err(format!("box for unselected {n:?}"));
        }
        if r.right() as usize > w || r.bottom() as usize > h {
            return Err(format!("box {n:?} {r:?} outside {w}x{h}"));
        }
        for y in r.y..r.bottom() {
            for x in r.x..r.right() {
                let at = &mut grid[y as usize * w + x as usize];
                if *at != usize::MAX {
                    return Err(format!("boxes {:?} and {n:?} overlap at {x},{y}", boxes[*at].0));
                }
                *at = k;
            }
        }
    }
    let mut expected = 0;
    for e in p.graph().edge_references() {
        if !(wanted.contains(&e.source()) && wanted.contains(&e.target())) || e.source() == e.target() {
            continue;
        }
        expected += 1;
        let c = l
            .connector(e.id())
            .ok_or_else(|| format!("no connector for {:?}", e.id()))?;
        if (c.from, c.to, c.mode) != (e.source(), e.target(), e.weight().mode) {
            return Err(format!("connector {:?} has the wrong ends or mode", e.id()));
        }
        if c.points.len() < 2 {
            return Err(format!("connector {:?} has {} points", e.id(), c.points.len()));
        }
        for pair in c.points.windows(2) {
            if pair[0] == pair[1] || (pair[0].x != pair[1].x && pair[0].y != pair[1].y) {
                return Err(format!(
                    "connector {:?} is not orthogonal: {:?}",
                    e.id(),
                    c.points
                ));
            }
        }
        let src = l.rect(c.from).unwrap();
        let dst = l.rect(c.to).unwrap();
        let (first, last) = (c.points[0], *c.points.last().unwrap());
        if !src.on_border(first) || src.is_corner(first) {
            return Err(format!(
                "connector {:?} starts at {first:?}, not on {src:?}'s side",
                e.id()
            ));
        }
        if !dst.on_border(last) || dst.is_corner(last) {
            return Err(format!(
                "connector {:?} ends at {last:?}, not on {dst:?}'s side",
                e.id()
            ));
        }
        let cells = c.cells();
        for (i, cell) in cells.iter().enumerate() {
            if cell.x as usize >= w || cell.y as usize >= h {
                return Err(format!("connector {:?} leaves the map at {cell:?}", e.id()));
            }
            let inside = grid[cell.y as usize * w + cell.x as usize];
            if i > 0 && i + 1 < cells.len() && inside != usize::MAX {
                return Err(format!(
                    "connector {:?} ({} -> {}) passes through box {} at {cell:?}: {:?}",
                    e.id(),
                    p.stage(c.from).id,
                    p.stage(c.to).id,
                    p.stage(boxes[inside].0).id,
                    c.points
                ));
            }
        }
        let (arrow, _) = c.arrow().ok_or("no arrow")?;
        if grid[arrow.y as usize * w + arrow.x as usize] != usize::MAX {
            return Err(format!(
                "connector {:?}'s arrowhead {arrow:?} is in a box",
                e.id()
            ));
        }
    }
    if l.connectors().len() != expected {
        return Err(format!(
            "{} connectors for {expected} transitions",
            l.connectors().len()
        ));
    }
    Ok(())
}

/// The map as text: boxes with ids, `=`/`H` integrated and `-`/`|` sequential lines, `+` corners
/// and crossings, `><v^` arrowheads.
fn sketch(p: &Pathways, l: &Layout) -> String {
    let (w, h) = (l.width() as usize, l.height() as usize);
    let mut grid = vec![vec![' '; w]; h];
    for c in l.connectors() {
        let (horizontal, vertical) = match c.mode {
            Mode::Integrated => ('=', 'H'),
            Mode::Sequential => ('-', '|'),
        };
        let cells = c.cells();
        for (i, cell) in cells.iter().enumerate() {
            let before = if i > 0 { Some(cells[i - 1]) } else { None };
            let after = cells.get(i + 1).copied();
            let is_h = |a: Option<Point>| a.is_some_and(|a| a.y == cell.y);
            let glyph = if is_h(before) && is_h(after) || before.is_none() && is_h(after) {
                horizontal
            } else if !is_h(before) && !is_h(after) {
                vertical
            } else {
                '+'
            };
            let at = &mut grid[cell.y as usize][cell.x as usize];
            *at = match (*at, glyph) {
                (' ', g) => g,
                (a, g) if a == g => g,
                _ => '+',
            };
        }
        if let Some((cell, heading)) = c.arrow() {
            grid[cell.y as usize][cell.x as usize] = match heading {
                Heading::Right => '>',
                Heading::Left => '<',
                Heading::Down => 'v',
                Heading::Up => '^',
            };
        }
    }
    for (n, r) in l.boxes() {
        for y in r.y..r.bottom() {
            for x in r.x..r.right() {
                let border_h = y == r.y || y + 1 == r.bottom();
                let border_v = x == r.x || x + 1 == r.right();
                grid[y as usize][x as usize] = if border_h && border_v {
                    '+'
                } else if border_h {
                    '-'
                } else if border_v {
                    '|'
                } else {
                    ' '
                };
            }
        }
        let id: Vec<char> = p.stage(n).id.chars().take(r.width as usize - 2).collect();
        for (i, ch) in id.into_iter().enumerate() {
            grid[r.y as usize + 1][r.x as usize + 1 + i] = ch;
        }
    }
    grid.into_iter()
        .map(|row| row.into_iter().collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_shipped_sector_lays_out_cleanly_in_both_zooms() {
    let p = shipped_pathways();
    for name in p.sectors() {
        for linked in [false, true] {
            let nodes = sector(&p, name, linked);
            assert!(!nodes.is_empty());
            for zoom in [Zoom::Full, Zoom::Compact] {
                let l = layout(&p, &nodes, &Options::zoomed(zoom));
                if let Err(e) = check(&p, &nodes, &l) {
                    panic!("{name} ({zoom:?}, linked {linked}): {e}\n{}", sketch(&p, &l));
                }
            }
        }
    }
    let everything = all(&p);
    let l = layout(&p, &everything, &Options::default());
    check(&p, &everything, &l).unwrap();
}

#[test]
fn columns_follow_levels_left_to_right_with_jobs_after_programs() {
    let p = shipped_pathways();
    let nodes = sector(&p, "Healthcare", true);
    let l = layout(&p, &nodes, &Options::default());
    let keys: Vec<(u8, bool)> = l.columns().iter().map(|c| (c.level, c.jobs)).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(keys, sorted, "columns in level order");
    assert!(l.columns().windows(2).all(|w| w[0].x + w[0].width < w[1].x));
    for (n, r) in l.boxes() {
        let s = p.stage(n);
        let column = l
            .columns()
            .iter()
            .find(|c| c.x == r.x)
            .expect("every box in a column");
        assert_eq!(column.level, s.level, "{}", s.id);
        assert_eq!(column.jobs, s.is_employment() && column.jobs, "{}", s.id);
    }
    // Level 2 holds programs and jobs: the jobs get the column on the right.
    assert!(keys.contains(&(2, false)) && keys.contains(&(2, true)));
    let flat = layout(
        &p,
        &nodes,
        &Options {
            split_jobs: false,
            ..Options::default()
        },
    );
    assert!(flat.columns().iter().all(|c| !c.jobs));
    check(&p, &nodes, &flat).unwrap();
}

#[test]
fn ordering_never_adds_crossings_and_removes_them_on_the_crossed_fixture() {
    let p = fixture("crossed.json");
    let nodes = all(&p);
    let kept = layout(
        &p,
        &nodes,
        &Options {
            sweeps: 0,
            ..Options::default()
        },
    );
    let ordered = layout(&p, &nodes, &Options::default());
    check(&p, &nodes, &kept).unwrap();
    check(&p, &nodes, &ordered).unwrap();
    assert!(crossings(&kept) > 0, "the fixture is crossed in file order");
    assert!(
        crossings(&ordered) < crossings(&kept),
        "{} !< {}\n{}",
        crossings(&ordered),
        crossings(&kept),
        sketch(&p, &ordered)
    );
    let shipped = shipped_pathways();
    for name in shipped.sectors() {
        let nodes = sector(&shipped, name, true);
        let kept = layout(
            &shipped,
            &nodes,
            &Options {
                sweeps: 0,
                ..Options::default()
            },
        );
        let ordered = layout(&shipped, &nodes, &Options::default());
        assert!(ordered.crossings() <= kept.crossings(), "{name}");
    }
}

#[test]
fn the_same_input_gives_the_same_layout() {
    let p = shipped_pathways();
    let nodes = all(&p);
    for zoom in [Zoom::Full, Zoom::Compact] {
        let a = layout(&p, &nodes, &Options::zoomed(zoom));
        let b = layout(&p, &nodes, &Options::zoomed(zoom));
        assert_eq!(a.boxes().collect::<Vec<_>>(), b.boxes().collect::<Vec<_>>());
        assert_eq!(a.connectors(), b.connectors());
        assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    }
}

#[test]
fn compact_zoom_is_narrower_and_fits_the_ids() {
    let p = shipped_pathways();
    let nodes = sector(&p, "Healthcare", true);
    let full = layout(&p, &nodes, &Options::default());
    let compact = layout(&p, &nodes, &Options::zoomed(Zoom::Compact));
    assert_eq!(compact.zoom(), Zoom::Compact);
    assert!(compact.width() < full.width());
    let (_, r) = compact.boxes().next().unwrap();
    assert_eq!(r.height, 3);
    assert!(r.width <= Options::default().compact.width);
}

#[test]
fn long_and_backward_transitions_go_through_the_gaps() {
    let p = fixture("crossed.json");
    let nodes = all(&p);
    let l = layout(&p, &nodes, &Options::default());
    let find = |id: &str| p.find(id).unwrap();
    // c (level 0) -> x (level 2) skips the level-1 column.
    let skip = p.graph().find_edge(find("c"), find("x")).unwrap();
    let c = l.connector(skip).unwrap();
    let level1 = l.columns().iter().find(|c| c.level == 1).unwrap();
    assert!(
        c.cells()
            .iter()
            .any(|p| p.x >= level1.x && p.x < level1.x + level1.width)
    );
    // top (level 4) -> p (level 1) runs right to left: leaves the left side, enters the right.
    let back = p.graph().find_edge(find("top"), find("p")).unwrap();
    let c = l.connector(back).unwrap();
    assert_eq!(c.points[0].x, l.rect(find("top")).unwrap().x);
    let target = l.rect(find("p")).unwrap();
    assert_eq!(c.points.last().unwrap().x, target.right() - 1);
    assert_eq!(c.arrow().unwrap().1, Heading::Left);
}

#[test]
fn arrow_keys_find_the_nearest_box() {
    let p = fixture("crossed.json");
    let nodes = all(&p);
    let l = layout(&p, &nodes, &Options::default());
    let id = |n: Option<NodeIndex>| n.map(|n| p.stage(n).id.clone());
    let a = p.find("a").unwrap();
    // Nothing is left of the first column.
    assert_eq!(l.nearest(a, Heading::Left), None);
    let right = l.nearest(a, Heading::Right).unwrap();
    assert_eq!(p.stage(right).level, 1, "{:?}", id(Some(right)));
    // Down from a box stays in its column when it can.
    let top_of_column = l
        .boxes()
        .filter(|(n, _)| p.stage(*n).level == 0)
        .min_by_key(|(_, r)| r.y)
        .unwrap();
    let below = l.nearest(top_of_column.0, Heading::Down).unwrap();
    assert_eq!(l.rect(below).unwrap().x, top_of_column.1.x);
    // Up from the top of a column goes to a box above in the nearest column, if any.
    if let Some(up) = l.nearest(top_of_column.0, Heading::Up) {
        assert!(l.rect(up).unwrap().center().y < top_of_column.1.center().y);
        assert_ne!(l.rect(up).unwrap().x, top_of_column.1.x);
    }
    // Every move is reversible in a column.
    assert_eq!(l.nearest(below, Heading::Up), Some(top_of_column.0));
    assert_eq!(l.nearest(NodeIndex::new(999), Heading::Up), None);
}

#[test]
fn neighbourhoods_and_sectors() {
    let p = fixture("crossed.json");
    let q = p.find("q").unwrap();
    let ids = |nodes: Vec<NodeIndex>| nodes.iter().map(|&n| p.stage(n).id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(neighbourhood(&p, q, 0)), ["q"]);
    assert_eq!(ids(neighbourhood(&p, q, 1)), ["a", "b", "q", "y"]);
    assert_eq!(ids(neighbourhood(&p, q, 2)).len(), 7);
    assert!(neighbourhood(&p, NodeIndex::new(999), 2).is_empty());
    let shipped = shipped_pathways();
    let own = sector(&shipped, "Healthcare", false);
    let linked = sector(&shipped, "Healthcare", true);
    assert!(linked.len() > own.len());
    assert!(own.iter().all(|n| linked.contains(n)));
    assert!(sector(&shipped, "No such sector", true).is_empty());
    let l = layout(
        &shipped,
        &neighbourhood(&shipped, shipped.find("hc-nac-job").unwrap(), 1),
        &Options::default(),
    );
    assert!(l.contains(shipped.find("hc-nac-job").unwrap()));
}

#[test]
fn empty_and_unknown_selections() {
    let p = fixture("crossed.json");
    let l = layout(&p, &[], &Options::default());
    assert_eq!((l.width(), l.height(), l.boxes().len()), (0, 0, 0));
    let l = layout(
        &p,
        &[NodeIndex::new(500), NodeIndex::new(0), NodeIndex::new(0)],
        &Options::default(),
    );
    assert_eq!(l.boxes().len(), 1);
    assert!(l.connectors().is_empty());
    assert_eq!(crossings(&l), 0);
}

#[test]
fn a_generated_500_stage_file_lays_out_cleanly() {
    let text = synthetic::generate(500, 1);
    let p = load(&[Input {
        name: "gen.json".into(),
        bytes: text.into_bytes(),
        origin: Origin::User,
    }])
    .unwrap()
    .pathways;
    let nodes = all(&p);
    for zoom in [Zoom::Full, Zoom::Compact] {
        let l = layout(&p, &nodes, &Options::zoomed(zoom));
        check(&p, &nodes, &l).unwrap();
        let kept = layout(
            &p,
            &nodes,
            &Options {
                zoom,
                sweeps: 0,
                ..Options::default()
            },
        );
        assert!(l.crossings() < kept.crossings());
    }
}

#[test]
#[ignore = "prints maps to look at"]
fn print_sketches() {
    let p = shipped_pathways();
    for name in p.sectors() {
        for zoom in [Zoom::Full, Zoom::Compact] {
            let nodes = sector(&p, name, true);
            let l = layout(&p, &nodes, &Options::zoomed(zoom));
            println!(
                "== {name} ({zoom:?}): {}x{}, {} crossings\n{}\n",
                l.width(),
                l.height(),
                l.crossings(),
                sketch(&p, &l)
            );
        }
    }
    let p = fixture("crossed.json");
    let l = layout(&p, &all(&p), &Options::default());
    println!("== crossed\n{}", sketch(&p, &l));
}

/// A graph of up to 14 stages on levels 0..=4, with random kinds and transitions.
fn random_pathways() -> impl Strategy<Value = Pathways> {
    (1usize..14)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec((0u8..5, 0usize..4), n),
                proptest::collection::vec((0..n, 0..n, any::<bool>()), 0..(n * 3)),
            )
        })
        .prop_map(|(stages, edges)| {
            let pathway = Pathway {
                id: "p".into(),
                title: "P".into(),
                sector: "S".into(),
                file: "p.json".into(),
                ..Default::default()
            };
            let stages = stages
                .into_iter()
                .enumerate()
                .map(|(i, (level, kind))| stage(&format!("s{i}"), level, Kind::ALL[kind]))
                .collect();
            let transitions = edges
                .into_iter()
                .filter(|(a, b, _)| a != b)
                .map(|(a, b, integrated)| {
                    let mode = if integrated {
                        Mode::Integrated
                    } else {
                        Mode::Sequential
                    };
                    (a, b, transition(mode))
                })
                .collect();
            Pathways::new(vec![pathway], stages, transitions)
        })
}

fn stage(id: &str, level: u8, kind: Kind) -> Stage {
    Stage {
        id: id.into(),
        title: id.to_uppercase(),
        kind,
        level,
        entry: Vec::new(),
        credential: None,
        weeks: None,
        cost_usd: None,
        wage: None,
        soc: None,
        sources: Vec::new(),
        pathway: 0,
        at: 0,
        details: None,
    }
}

fn transition(mode: Mode) -> Transition {
    Transition::new(mode, None, None)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        if std::env::var_os("PATHWAYS_LONG_TESTS").is_some() { 20_000 } else { 300 }
    ))]

    #[test]
    fn random_layered_graphs_keep_every_invariant(
        p in random_pathways(),
        compact in any::<bool>(),
        split_jobs in any::<bool>(),
        sweeps in 0usize..6,
        row_gap in 1u32..3,
    ) {
        let nodes = all(&p);
        let options = Options {
            zoom: if compact { Zoom::Compact } else { Zoom::Full },
            split_jobs,
            sweeps,
            row_gap,
            ..Options::default()
        };
        let l = layout(&p, &nodes, &options);
        if let Err(e) = check(&p, &nodes, &l) {
            return Err(TestCaseError::fail(format!("{e}\n{}", sketch(&p, &l))));
        }
        let kept = layout(&p, &nodes, &Options { sweeps: 0, ..options.clone() });
        prop_assert!(l.crossings() <= kept.crossings());
        // A neighbourhood is a selection like any other.
        let sub = neighbourhood(&p, nodes[0], 1);
        let l = layout(&p, &sub, &options);
        if let Err(e) = check(&p, &sub, &l) {
            return Err(TestCaseError::fail(format!("neighbourhood: {e}\n{}", sketch(&p, &l))));
        }
    }
}
