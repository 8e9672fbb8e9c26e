//! Sequential testing: always-valid p-values and confidence sequences, so an
//! experiment can be looked at every day and stopped at any look without
//! inflating the false-positive rate.
//!
//! This is gbstats' `SequentialTwoSidedTTest` (GrowthBook's sequential
//! engine): the asymptotic confidence sequence of Waudby-Smith, Arnold,
//! Wu, Howard, Ramdas & Ramdas, "Time-uniform central limit theory and
//! asymptotic confidence sequences" (2023, arXiv:2103.06476v7), eq. 9,
//! a normal-mixture boundary (Robbins 1970; Howard et al. 2021) applied to
//! the delta-method estimate. With N = n₀ + n₁ total units, σ² = N·Var and
//! mixing variance ρ² tuned to be tightest at N* units (eq. 161):
//!
//! ρ  = √((−2 ln α + ln(−2 ln α + 1)) / N*)
//! CS = est ± σ·√(2(Nρ² + 1)/(N²ρ²) · ln(√(Nρ² + 1)/α))
//! p  = min(1, 1/E), E = exp(ρ² N est² / (2σ²(Nρ² + 1))) / √(Nρ² + 1)  (eq. 155)
//!
//! E is an (asymptotic) e-process, so by Ville's inequality P(sup E ≥ 1/α)
//! ≤ α under the null: rejecting whenever p ≤ α at any look keeps the error α.

use super::gbstats::{effect, Frequentist, GbStat};
use super::outcome::Val;

/// gbstats' default tuning parameter N*: the boundary is tightest around
/// 5,000 units.
pub const DEFAULT_TUNING: f64 = 5000.0;

pub const BAD_TUNING: &str = "the sequential tuning parameter and alpha must be positive";

/// gbstats `SequentialTwoSidedTTest(stat_a = control, stat_b = variant)`.
/// Same fields as the fixed-horizon test; `dof` is the Welch dof of the data
/// (the boundary itself is normal), kept for comparison.
pub fn sequential_ttest(
    a: &GbStat,
    b: &GbStat,
    alpha: f64,
    relative: bool,
    tuning: f64,
) -> Frequentist {
    let e = match effect(a, b, relative) {
        Ok(e) => e,
        Err(reason) => return Frequentist::refused(reason),
    };
    if !(alpha > 0.0 && alpha < 1.0 && tuning > 0.0) {
        return Frequentist::refused(BAD_TUNING);
    }
    let n = a.n + b.n;
    let rho2 = (-2.0 * alpha.ln() + (-2.0 * alpha.ln() + 1.0).ln()) / tuning;
    let s2 = e.variance * n;
    let tr = n * rho2 + 1.0;
    let width = s2.sqrt() * (2.0 * tr * (tr.sqrt() / alpha).ln() / (n * n * rho2)).sqrt();
    // The e-value overflows f64 for strong effects; in logs the p-value
    // underflows gracefully to 0 instead of becoming 1/∞ = NaN-prone.
    let st2 = e.estimate * e.estimate * n / e.variance;
    let log_e = rho2 * st2 / (2.0 * tr) - 0.5 * tr.ln();
    let p = (-log_e).exp().min(1.0);
    Frequentist {
        expected: Val::of(e.estimate),
        ci_low: Val::of(e.estimate - width),
        ci_high: Val::of(e.estimate + width),
        p_value: Val::of(p),
        stddev: Val::of(e.variance.sqrt()),
        dof: Val::of(e.dof),
        error_message: None,
    }
}
