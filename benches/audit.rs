//! The whole audit (every rule) on generated graphs of each size.

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pathways::domain::audit::{Options, audit};

fn bench_audit(c: &mut Criterion) {
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    for stages in common::sizes() {
        let p = common::loaded(stages).pathways;
        group.bench_function(BenchmarkId::from_parameter(common::label(stages)), |b| {
            b.iter(|| black_box(audit(&p, &Options::default()).len()));
        });
    }
    group.finish();
}

/// 20,000 stages sharing one title: every one is a duplicate-title finding naming five others.
/// Naming them used to copy the whole group for each stage (quadratic: 13 s at 40,000).
fn bench_one_title(c: &mut Criterion) {
    let text = pathways::domain::synthetic::one_title(20_000);
    let input = pathways::domain::load::Input {
        name: "one-title.json".into(),
        bytes: text.into_bytes(),
        origin: pathways::domain::load::Origin::User,
    };
    let p = pathways::domain::load::load(&[input])
        .unwrap_or_else(|e| panic!("{e}"))
        .pathways;
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function("one title, 20k stages", |b| {
        b.iter(|| black_box(audit(&p, &Options::default()).len()));
    });
    group.finish();
}

criterion_group!(benches, bench_audit, bench_one_title);
criterion_main!(benches);
