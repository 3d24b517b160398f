//! The `pathways` binary: a thin shell over the library.

fn main() {
    let code = {
        // Buffered: a full audit prints 80,000 findings, and line by line that is a write per
        // line. `run` flushes it and reports a failed write.
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        pathways::cli::run(std::env::args_os(), &mut out, &mut std::io::stderr().lock())
    };
    std::process::exit(code);
}

/// See Cargo.toml: far fewer page faults loading big files.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
