use clap::Parser;
use server::cli::{run, Cli};
use std::process::ExitCode;

// One thread per process: Leptos server rendering has known races on a
// work-stealing runtime (responses that never finish); scale with processes.
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    run(Cli::parse()).await
}
