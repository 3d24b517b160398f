//! Any bytes as a CSV folder: the part before the first 0xFF byte is `stages.csv`, the rest
//! `transitions.csv`. Data or messages placed at the folder's files, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways::domain::load::{Input, Origin, load};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (stages, transitions) = data.split_at(split);
    let file = |name: &str, bytes: &[u8]| Input {
        name: format!("fuzz/{name}"),
        bytes: bytes.to_vec(),
        origin: Origin::User,
    };
    let inputs = [
        file("stages.csv", stages),
        file("transitions.csv", transitions.get(1..).unwrap_or_default()),
    ];
    if let Err(errors) = load(&inputs) {
        for e in &errors.errors {
            assert!(e.file.starts_with("fuzz"), "{}", e.file);
            assert!(!e.message.is_empty());
        }
    }
});
