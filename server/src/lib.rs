//! The Causal Edge server: configuration, start-up and the command line.
//! Pages, server functions and data access live in the `app` crate.

/// mimalloc instead of glibc's allocator: a render allocates and frees
/// thousands of small strings, and glibc's `malloc`/`free` were about a
/// fifth of the CPU of an uncached render (docs/performance.md). Declared in
/// the library so the binary, the tests and the benches all use it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod config;
pub mod critical_css;
pub mod experiment_export;
pub mod health;
pub mod input_guard;
pub mod lead_export;
pub mod media;
pub mod middleware;
pub mod page_cache;
pub mod page_export;
pub mod rest;
pub mod seed;
pub mod seo;
pub mod serve;
pub mod startup;
pub mod stats_cli;
pub mod telemetry;
