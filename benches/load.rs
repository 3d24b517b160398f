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
    // The error path: every stage id and transition given many times over.
    let text = pathways::domain::synthetic::duplicates(100_000);
    let input = pathways::domain::load::Input {
        name: "duplicates.json".into(),
        bytes: text.into_bytes(),
        origin: pathways::domain::load::Origin::User,
    };
    group.bench_function("duplicates-100k", |b| {
        b.iter(|| black_box(load(std::slice::from_ref(&input)).map_err(|e| e.omitted)));
    });
    // A CTDL document of 100,000 components (issue 17: under 1.5 s).
    let text = pathways::domain::synthetic::ctdl(100_000);
    let input = pathways::domain::load::Input {
        name: "generated.jsonld".into(),
        bytes: text.into_bytes(),
        origin: pathways::domain::load::Origin::User,
    };
    group.throughput(Throughput::Bytes(input.bytes.len() as u64));
    group.bench_function("ctdl-100k", |b| {
        // The unit test `the_generated_ctdl_document_loads` checks that it loads whole.
        b.iter(|| black_box(load(std::slice::from_ref(&input)).map(|l| l.pathways.stage_count())));
    });
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
