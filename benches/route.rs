//! Route queries on generated graphs, loaded once: the best route from a skill level to a far job,
//! the 5 best, and the best route to every reachable job. The generated stages require and award
//! conditions at a few percent, so these are routes open to a learner who holds nothing yet.

// Setup outside the measured closures may panic on impossible states.
#![allow(clippy::expect_used)]

use std::hint::black_box;

#[path = "common.rs"]
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pathways::domain::graph::Pathways;
use pathways::domain::level::SkillLevel;
use pathways::domain::route::{Measure, Query, Start, best_routes, destinations};
use petgraph::graph::NodeIndex;

const LEVEL: SkillLevel = SkillLevel::Esl(6);

/// The reachable job whose fewest-steps route from `LEVEL` is longest: a far target.
fn far_job(p: &Pathways) -> NodeIndex {
    let all = destinations(p, &Query::new(Start::level(LEVEL), Measure::Steps));
    all.routes
        .iter()
        .max_by_key(|r| r.steps)
        .map(|r| r.target())
        .expect("some job is reachable")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("route");
    group.sample_size(20);
    for stages in common::sizes() {
        let p = common::loaded(stages).pathways;
        let target = far_job(&p);
        let size = common::label(stages);
        eprintln!(
            "{size}: {} transitions; target {} ({} steps away at best from {LEVEL})",
            p.transition_count(),
            p.stage(target).id,
            best_routes(&p, &Query::new(Start::level(LEVEL), Measure::Steps), target, 1).routes[0].steps
        );
        for measure in [Measure::Weeks, Measure::Steps] {
            let q = Query::new(Start::level(LEVEL), measure);
            group.bench_function(
                BenchmarkId::new(format!("best by {}", measure.as_str()), &size),
                |b| b.iter(|| black_box(best_routes(&p, &q, black_box(target), 1))),
            );
        }
        let q = Query::new(Start::level(LEVEL), Measure::Weeks);
        group.bench_function(BenchmarkId::new("k=5 by weeks", &size), |b| {
            b.iter(|| black_box(best_routes(&p, &q, black_box(target), 5)))
        });
        group.bench_function(BenchmarkId::new("every job by weeks", &size), |b| {
            b.iter(|| black_box(destinations(&p, &q)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
