//! `pathways`: a terminal explorer for career pathway graphs.
//!
//! `domain` is the core (model, loading, graph, queries) and knows nothing of terminals; `cli`
//! (commands for scripts and people) and `tui` (the interactive explorer) are the front ends.

pub mod atomic;
pub mod cli;
pub mod domain;
pub mod format;
pub mod regular;
pub mod route_words;
pub mod sanitize;
pub mod tui;
