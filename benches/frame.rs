//! Keystroke to frame: `App::update` plus a full draw on `TestBackend`, on the shipped data and on
//! generated pathways of each size: moving in the explorer, typing a search, moving on the map.

use std::hint::black_box;
use std::sync::Arc;

#[path = "common.rs"]
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pathways::domain::load::{Loaded, load};
use pathways::domain::search::{Index, Searcher};
use pathways::domain::shipped;
use pathways::tui::app::App;
use pathways::tui::keys::Action;
use pathways::tui::theme::Theme;
use pathways::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn loaded(stages: usize) -> Loaded {
    if stages == 0 {
        return load(&shipped::inputs()).unwrap_or_else(|e| panic!("{e}"));
    }
    common::loaded(stages)
}

/// One full frame on the test backend.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    if let Err(e) = terminal.draw(|f| view::draw(app, f)) {
        panic!("{e}");
    }
}

/// The shipped data, then the generated sizes.
fn cases() -> Vec<(String, usize)> {
    let mut cases = vec![("shipped".to_string(), 0)];
    cases.extend(common::sizes().into_iter().map(|n| (common::label(n), n)));
    cases
}

/// The explorer on generated data of `stages` stages, in a test terminal of that size.
fn explorer(stages: usize, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let data = loaded(stages);
    let mut app = App::new(Arc::new(data.pathways), data.benchmarks, Theme { color: true });
    app.resize(width, height);
    let terminal = Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    (app, terminal)
}

fn bench_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    for (name, stages) in cases() {
        let name = name.as_str();
        let (mut app, mut terminal) = explorer(stages, 120, 40);
        let mut down = true;
        group.bench_function(BenchmarkId::new("move", name), |b| {
            b.iter(|| {
                // Wander down and up the list so every frame has real work.
                app.update(if down { Action::Down } else { Action::Up });
                if app.explorer.selected + 2 >= app.rows.len() || app.explorer.selected < 2 {
                    down = !down;
                }
                draw(&mut terminal, &app);
            });
        });
        // The same with a walked trail kept: each move looks at a stage off the trail and draws
        // the trail with its "Off the trail" line.
        // From wherever the wander stopped, to the first stage in the list that leads somewhere.
        let from = (0..app.rows.len())
            .filter_map(|row| app.rows.stage_at(row))
            .find(|&n| !app.pathways.outgoing(n).is_empty())
            .unwrap_or_else(|| panic!("some stage leads somewhere"));
        app.jump(from);
        let (next, via) = {
            let (out, _) = app.links();
            out.first()
                .map(|l| (l.other, l.edge))
                .unwrap_or_else(|| panic!("the stage leads somewhere"))
        };
        app.walk(next, via);
        group.bench_function(BenchmarkId::new("move-off-trail", name), |b| {
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                if app.explorer.selected + 2 >= app.rows.len() || app.explorer.selected < 2 {
                    down = !down;
                }
                draw(&mut terminal, &app);
            });
        });
        app.update(Action::Search);
        let keys = ['n', 'u', 'r', 's', 'e'];
        let mut i = 0usize;
        group.bench_function(BenchmarkId::new("search-keystroke", name), |b| {
            b.iter(|| {
                // Type "nurse", then erase it, one key a frame; the worker answers in the background.
                let action = if i % 10 < 5 {
                    Action::Input(keys[i % 5])
                } else {
                    Action::Erase
                };
                i += 1;
                app.update(action);
                app.poll_search();
                draw(&mut terminal, &app);
            });
        });
    }
    group.finish();
}

/// A map frame: the layout is cached; each frame draws the visible boxes and connectors.
fn bench_map_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    for (name, stages) in cases() {
        let name = name.as_str();
        let (mut app, mut terminal) = explorer(stages, 160, 48);
        app.update(Action::Map);
        let moves = [Action::Right, Action::Down, Action::Left, Action::Up];
        let mut i = 0usize;
        group.bench_function(BenchmarkId::new("map-move", name), |b| {
            b.iter(|| {
                app.update(moves[i % moves.len()]);
                i += 1;
                draw(&mut terminal, &app);
            });
        });
    }
    group.finish();
}

/// A full search of every stage (what the first keystroke costs before narrowing starts).
fn bench_search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    let searcher = Searcher::default();
    for stages in common::sizes() {
        let data = loaded(stages);
        // Each query once against every distinct word, then every stage (the index is built).
        for query in ["nurse", "nurce", "nursing as"] {
            let id = BenchmarkId::new(format!("full {query}"), common::label(stages));
            group.bench_function(id, |b| {
                b.iter(|| black_box(searcher.search(&data.pathways, query, 500).len()));
            });
        }
        // A query that matches nothing: the suggestion read from the index's words.
        let _ = data.pathways.search_index();
        group.bench_function(BenchmarkId::new("suggest qxzv", common::label(stages)), |b| {
            b.iter(|| black_box(pathways::domain::search::suggest(&data.pathways, "qxzv")));
        });
        // What the search worker does once, before the first keystroke: read every stage's words.
        let stages_of = || data.pathways.stages().map(|(_, s)| s);
        group.bench_function(BenchmarkId::new("index", common::label(stages)), |b| {
            b.iter(|| black_box(Index::new(stages_of())));
        });
    }
    group.finish();
}

/// The area picker on the shipped data: typing "yakima" and erasing it, a key a frame (every
/// keystroke ranks all 583 areas); and a job's Details in a new area (its first wage there
/// decompresses that area's estimates once; later frames read them from memory).
fn bench_area(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    let (mut app, mut terminal) = explorer(0, 120, 40);
    app.update(Action::Area);
    let keys = ['y', 'a', 'k', 'i', 'm', 'a'];
    let mut i = 0usize;
    group.bench_function(BenchmarkId::new("area-keystroke", "shipped"), |b| {
        b.iter(|| {
            let action = if i % 12 < 6 {
                Action::Input(keys[i % 6])
            } else {
                Action::Erase
            };
            i += 1;
            app.update(action);
            draw(&mut terminal, &app);
        });
    });
    group.finish();
    let l = pathways::domain::wages::layer();
    let areas: Vec<_> = l.areas().map(|(id, _)| id).collect();
    let mut group = c.benchmark_group("wages");
    let mut j = 0usize;
    group.bench_function("decode one area", |b| {
        b.iter(|| {
            j += 1;
            black_box(l.decode(areas[j % areas.len()]))
        });
    });
    group.bench_function("wage with fallback (warm)", |b| {
        let bellingham = l.resolve("Bellingham").unwrap_or_else(|e| panic!("{e}"));
        b.iter(|| black_box(l.wage("29-1141", bellingham)));
    });
    group.bench_function("resolve an area name", |b| {
        b.iter(|| black_box(l.resolve("yakima").is_ok()));
    });
    group.finish();
}

/// A frame at a stage with 200,000 transitions (an on-ramp into every job of a statewide
/// catalog): only the visible rows of the transitions pane are formatted.
fn bench_hub(c: &mut Criterion) {
    let n = 200_000;
    let text = pathways::domain::synthetic::hub(n);
    let input = pathways::domain::load::Input {
        name: "hub.json".into(),
        bytes: text.into_bytes(),
        origin: pathways::domain::load::Origin::User,
    };
    let data = load(&[input]).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Arc::new(data.pathways), data.benchmarks, Theme { color: true });
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    group.bench_function("idle at a 200k-transition stage", |b| {
        b.iter(|| draw(&mut terminal, &app));
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_frame,
    bench_map_frame,
    bench_search,
    bench_area,
    bench_hub
);
criterion_main!(benches);
