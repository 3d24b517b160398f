//! The `pathways` binary: a thin shell over the library.

fn main() {
    let code = pathways::cli::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}

/// See Cargo.toml: far fewer page faults loading big files.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
