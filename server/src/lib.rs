//! The Causal Edge server: configuration, start-up and the command line.
//! Pages, server functions and data access live in the `app` crate.

pub mod cli;
pub mod config;
pub mod health;
pub mod middleware;
pub mod seed;
pub mod startup;
pub mod telemetry;
