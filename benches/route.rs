//! Route queries on a generated 100,000-stage graph, loaded once: the best route from a skill level
//! to a far job, and the 5 best (issue 3's targets: under 50 ms and under 500 ms).

// Setup outside the measured closures may panic on impossible states.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pathways::domain::graph::Pathways;
use pathways::domain::level::SkillLevel;
use pathways::domain::load::{Input, Origin, load};
use pathways::domain::route::{Measure, Query, Start, best_routes, destinations};
use pathways::domain::synthetic::generate;
use petgraph::graph::NodeIndex;

const LEVEL: SkillLevel = SkillLevel::Esl(6);

fn graph() -> Pathways {
    let text = generate(100_000, 1);
    load(&[Input {
        name: "synthetic.json".into(),
        bytes: text.into_bytes(),
        origin: Origin::User,
    }])
    .expect("generated data loads")
    .pathways
}

/// The reachable job whose fewest-steps route from `LEVEL` is longest: a far target.
fn far_job(p: &Pathways) -> NodeIndex {
    let all = destinations(p, &Query::new(Start::Level(LEVEL), Measure::Steps));
    all.routes
        .iter()
        .max_by_key(|r| r.steps)
        .map(|r| r.target())
        .expect("some job is reachable")
}

fn bench(c: &mut Criterion) {
    let p = graph();
    let target = far_job(&p);
    eprintln!(
        "{} stages, {} transitions; target {} ({} steps away at best from {LEVEL})",
        p.stage_count(),
        p.transition_count(),
        p.stage(target).id,
        best_routes(&p, &Query::new(Start::Level(LEVEL), Measure::Steps), target, 1).routes[0].steps
    );
    for measure in [Measure::Weeks, Measure::Cost, Measure::Steps] {
        let q = Query::new(Start::Level(LEVEL), measure);
        c.bench_function(&format!("route best by {}", measure.as_str()), |b| {
            b.iter(|| black_box(best_routes(&p, &q, black_box(target), 1)))
        });
        c.bench_function(&format!("route k=5 by {}", measure.as_str()), |b| {
            b.iter(|| black_box(best_routes(&p, &q, black_box(target), 5)))
        });
    }
    let q = Query::new(Start::Level(LEVEL), Measure::Weeks);
    c.bench_function("route every job by weeks", |b| {
        b.iter(|| black_box(destinations(&p, &q)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
