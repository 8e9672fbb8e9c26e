use clap::Parser;
use server::cli::{run, Cli};
use std::process::ExitCode;

/// Serves on every core: Tokio's multi-thread runtime with one worker per
/// core, or `CE_WORKERS` of them. (Until stop 18 this was one thread per
/// process, for a Leptos rendering race that an integration test now renders
/// 440 pages at once on a work-stealing runtime to keep away; see
/// docs/architecture.md.)
fn main() -> ExitCode {
    let workers = match std::env::var("CE_WORKERS") {
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if (1..=256).contains(&n) => n,
            _ => {
                eprintln!("CE_WORKERS: \"{value}\" is not a number of threads from 1 to 256");
                return ExitCode::FAILURE;
            }
        },
        Err(_) => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("could not start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(Cli::parse()))
}
