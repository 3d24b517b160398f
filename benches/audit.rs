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

criterion_group!(benches, bench_audit);
criterion_main!(benches);
