//! `yorisoi`: the Yorisoi server and its command line.

use clap::Parser;

// Many small allocations per page (views, strings, rows): mimalloc serves
// them from per-thread pages instead of glibc's shared arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = server::cli::Cli::parse();
    server::telemetry::init();
    match server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("yorisoi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
