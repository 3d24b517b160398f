//! The `pathways` binary: a thin shell over the library.

use std::io::Write;

fn main() {
    // Buffered: a full audit prints 80,000 findings, and line by line that is a write per line.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut code = pathways::cli::run(std::env::args_os(), &mut out, &mut std::io::stderr().lock());
    // `run` flushes and reports a failed write itself; this catches what it printed before it
    // started (help, version). A reader that went away (`| head`) is not our error.
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && code == 0
    {
        eprintln!("cannot write the output: {e}");
        code = 1;
    }
    std::process::exit(code);
}

/// See Cargo.toml: far fewer page faults loading big files.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
