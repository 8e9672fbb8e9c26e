//! The Causal Edge server: configuration, start-up and the command line.
//! Pages, server functions and data access live in the `app` crate.

pub mod api_v1;
pub mod cli;
pub mod config;
pub mod health;
pub mod input_guard;
pub mod lead_export;
pub mod leads_api;
pub mod media;
pub mod middleware;
pub mod seed;
pub mod seo;
pub mod serve;
pub mod startup;
pub mod telemetry;
