//! What every bench shares: the sizes to measure and generated data of each size.

#![allow(dead_code)]

use pathways::domain::load::{Input, Loaded, Origin, load};
use pathways::domain::synthetic::generate;

/// The binary's allocator, so the figures are the ones people get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 1k, 10k and 100k stages; 1M as well with `PATHWAYS_BENCH_1M=1` (minutes, and 1.5 GB of memory).
pub fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("PATHWAYS_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    sizes
}

/// "1k", "100k", "1M".
pub fn label(stages: usize) -> String {
    match stages {
        n if n >= 1_000_000 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

pub fn input(stages: usize) -> Input {
    Input {
        name: format!("gen-{stages}.json"),
        bytes: generate(stages, 1).into_bytes(),
        origin: Origin::User,
    }
}

pub fn loaded(stages: usize) -> Loaded {
    load(&[input(stages)]).unwrap_or_else(|e| panic!("generated data does not load: {e}"))
}
