//! The `pathways` binary: a thin shell over the library.

use std::io::Write;

fn main() {
    // Buffered: a full audit prints 80,000 findings, and line by line that is a write per line.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let code = pathways::cli::run(std::env::args_os(), &mut out, &mut std::io::stderr().lock());
    // A reader that went away (`| head`) is not our error.
    let _ = out.flush();
    std::process::exit(code);
}

/// See Cargo.toml: far fewer page faults loading big files.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
