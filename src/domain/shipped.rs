//! The pathways and test tables shipped in `data/`, compiled into the binary.

use super::load::{Input, Origin};

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// Every shipped file, pathways and test tables, in path order.
pub fn inputs() -> Vec<Input> {
    FILES.iter().map(|(name, bytes)| input(name, bytes)).collect()
}

/// Only the shipped test tables: loaded under a user's `--data`, which replaces the pathways.
pub fn level_inputs() -> Vec<Input> {
    FILES
        .iter()
        .filter(|(name, _)| name.starts_with("data/levels/"))
        .map(|(name, bytes)| input(name, bytes))
        .collect()
}

fn input(name: &str, bytes: &[u8]) -> Input {
    Input {
        name: (*name).to_string(),
        bytes: bytes.to_vec(),
        origin: Origin::Shipped,
    }
}
