//! Load (parse, validate, build the graph) of generated pathway files.

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pathways::domain::load::load;

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for stages in common::sizes() {
        let input = common::input(stages);
        group.throughput(Throughput::Bytes(input.bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(common::label(stages)),
            &input,
            |b, input| {
                b.iter(|| black_box(load(std::slice::from_ref(input)).map(|l| l.pathways.stage_count())));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
