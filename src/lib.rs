//! `pathways`: a terminal explorer for career pathway graphs.
//!
//! `domain` is the core (model, loading, graph, queries) and knows nothing of terminals;
//! `cli` is the front end for scripts and people.

pub mod cli;
pub mod domain;
