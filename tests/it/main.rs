//! Every integration test in one binary: one link instead of eleven, which is most of what a
//! fresh-clone `cargo test` spends on them. One module per area, helpers in `support`.
//! `tests/pty_hangup.rs` stays a binary of its own: hanging up closes every pseudo-terminal of
//! its process, which would break the `pty` tests running beside it.

// Test helpers outside `#[test]` functions: clippy.toml's test allowance does not reach them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

mod audit;
mod cli;
mod export;
mod hostile;
mod layout;
mod levels;
mod load_props;
mod pty;
mod route;
mod terminal_events;
mod tui;
