//! Multiple-comparison corrections of p-values (several variants against one
//! control, several metrics): adjusted p-values as statsmodels
//! `multipletests(method="holm" | "fdr_bh")`.
//!
//! * Holm (1979), step-down, controls the family-wise error rate:
//!   p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎).
//! * Benjamini & Hochberg (1995), step-up, controls the false discovery rate:
//!   p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ m/j · p₍ⱼ₎).
//!
//! Undefined p-values stay undefined and do not count in m: a test that did
//! not run is not a hypothesis tested.

use super::outcome::Val;

pub const NOT_TESTED: &str = "no p-value to adjust";

fn sorted_defined(p: &[Val]) -> Vec<(usize, f64)> {
    let mut v: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.num().map(|x| (i, x.clamp(0.0, 1.0))))
        .collect();
    v.sort_by(|a, b| a.1.total_cmp(&b.1));
    v
}

pub fn holm(p: &[Val]) -> Vec<Val> {
    let sorted = sorted_defined(p);
    let m = sorted.len() as f64;
    let mut out = vec![Val::Undefined(NOT_TESTED); p.len()];
    let mut running = 0.0_f64;
    for (rank, &(i, x)) in sorted.iter().enumerate() {
        running = running.max(((m - rank as f64) * x).min(1.0));
        out[i] = Val::of(running);
    }
    out
}

pub fn benjamini_hochberg(p: &[Val]) -> Vec<Val> {
    let sorted = sorted_defined(p);
    let m = sorted.len() as f64;
    let mut out = vec![Val::Undefined(NOT_TESTED); p.len()];
    let mut running = 1.0_f64;
    for (rank, &(i, x)) in sorted.iter().enumerate().rev() {
        running = running.min(m / (rank as f64 + 1.0) * x).min(1.0);
        out[i] = Val::of(running);
    }
    out
}
