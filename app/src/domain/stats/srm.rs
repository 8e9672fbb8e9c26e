//! Sample-ratio mismatch: Pearson's χ² goodness of fit of the users per arm
//! against the intended split (as gbstats `check_srm` and scipy
//! `stats.chisquare(observed, expected)`):
//!
//!   χ² = Σ (oᵢ − eᵢ)²/eᵢ,  eᵢ = N·wᵢ/Σw,  df = k − 1,  p = P(χ²_df > χ²).
//!
//! Flagged at p < 0.001 (GrowthBook's default threshold): a split that far off
//! means assignment or tracking is broken and the comparison is not trustworthy.

use super::dist::chi2_sf;
use super::outcome::{stats_block, Val};

pub const SRM_THRESHOLD: f64 = 0.001;
pub const NO_USERS_AT_ALL: &str = "no users in any arm";
pub const ONE_ARM: &str = "a single arm has nothing to be compared with";

stats_block! {
    pub struct Srm {
        pub chi2: Val,
        pub df: Val,
        pub p_value: Val,
        ;
        /// true when p < `threshold`.
        pub flagged: bool,
        pub threshold: f64,
    }
}

/// `weights` must be positive and as long as `users` (checked by the input
/// validation); they need not sum to 1.
pub fn srm(users: &[u64], weights: &[f64]) -> Srm {
    let mut out = Srm {
        chi2: Val::Undefined(ONE_ARM),
        df: Val::Undefined(ONE_ARM),
        p_value: Val::Undefined(ONE_ARM),
        flagged: false,
        threshold: SRM_THRESHOLD,
    };
    if users.len() < 2 || users.len() != weights.len() {
        return out;
    }
    let total: f64 = users.iter().map(|&u| u as f64).sum();
    let total_weight: f64 = weights.iter().sum();
    out.df = Val::of((users.len() - 1) as f64);
    if total == 0.0 {
        out.chi2 = Val::Undefined(NO_USERS_AT_ALL);
        out.p_value = Val::Undefined(NO_USERS_AT_ALL);
        return out;
    }
    let chi2: f64 = users
        .iter()
        .zip(weights)
        .map(|(&o, &w)| {
            let e = w / total_weight * total;
            (o as f64 - e).powi(2) / e
        })
        .sum();
    let p = chi2_sf(chi2, (users.len() - 1) as f64);
    out.chi2 = Val::of(chi2);
    out.p_value = Val::of(p);
    out.flagged = p < SRM_THRESHOLD;
    out
}
