//! Layout of the pathway map: a generated file of 500 stages (about 1,500 transitions) laid out
//! as one selection, in full and compact zoom. Target: under 50 ms.

use std::hint::black_box;

mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pathways::domain::layout::{Options, Zoom, layout};

fn bench_layout(c: &mut Criterion) {
    let pathways = common::loaded(500).pathways;
    let nodes: Vec<_> = pathways.stages().map(|(n, _)| n).collect();
    let mut group = c.benchmark_group("layout");
    group.sample_size(30);
    for zoom in [Zoom::Full, Zoom::Compact] {
        let options = Options::zoomed(zoom);
        group.bench_with_input(
            BenchmarkId::new(format!("{zoom:?}"), 500),
            &options,
            |b, options| {
                b.iter(|| black_box(layout(&pathways, &nodes, options).width()));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
