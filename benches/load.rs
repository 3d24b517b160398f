//! Load (parse, validate, build the graph) of generated pathway files.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pathways::domain::load::{Input, Origin, load};
use pathways::domain::synthetic::generate;

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for stages in [1_000usize, 10_000, 100_000] {
        let input = Input {
            name: format!("gen-{stages}.json"),
            bytes: generate(stages, 1).into_bytes(),
            origin: Origin::User,
        };
        group.throughput(Throughput::Bytes(input.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(stages), &input, |b, input| {
            b.iter(|| black_box(load(std::slice::from_ref(input)).map(|l| l.pathways.stage_count())));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
