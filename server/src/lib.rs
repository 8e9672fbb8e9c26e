//! The Causal Edge server: configuration, start-up and the command line.
//! Pages, server functions and data access live in the `app` crate.

pub mod cli;
pub mod config;
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
