//! The statistics engine for A/B experiments: pure functions of sufficient
//! statistics (counts, sums, sums of squares), shared by the server (CLI,
//! API, results page) and the browser (the calculator, in WASM).
//!
//! Every formula, its reference and each output field are documented in
//! `docs/statistics.md`; reference values from scipy, statsmodels and gbstats
//! (`scripts/stats-reference/`) are checked in `tests.rs`. Every statistic is
//! a [`outcome::Val`]: a finite number or the reason it is undefined, so no
//! input (0 users, 0% or 100% conversion, one arm, 10 M users) yields NaN or
//! a panic.

pub mod outcome;

pub mod analysis;
pub mod bayes;
pub mod beta;
pub mod corrections;
pub mod cuped;
pub mod descriptive;
pub mod dist;
pub mod gbstats;
pub mod power;
pub mod proportion;
pub mod rng;
pub mod sequential;
pub mod srm;
pub mod welch;

pub use analysis::{analyze, analyze_json, Analysis, AnalysisInput, InputError};

#[cfg(test)]
mod tests;
