//! The whole audit on a generated 100,000-stage graph (about 300,000 transitions).
//! Target: well under a second in release.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pathways::domain::audit::{Options, audit};
use pathways::domain::load::{Input, Origin, load};
use pathways::domain::synthetic::generate;

fn bench_audit(c: &mut Criterion) {
    let input = Input {
        name: "synthetic-100k.json".into(),
        bytes: generate(100_000, 1).into_bytes(),
        origin: Origin::User,
    };
    let pathways = match load(&[input]) {
        Ok(loaded) => loaded.pathways,
        Err(e) => panic!("the generated data does not load: {e}"),
    };
    let options = Options::default();
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function("100k stages", |b| {
        b.iter(|| audit(black_box(&pathways), &options))
    });
    group.finish();
}

criterion_group!(benches, bench_audit);
criterion_main!(benches);
