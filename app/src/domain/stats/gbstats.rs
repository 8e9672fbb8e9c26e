//! GrowthBook-compatible frequentist test (gbstats 0.8 `TwoSidedTTest`,
//! `gbstats/frequentist/tests.py`): the relative lift (μ₁ − μ₀)/μ₀ with a
//! delta-method variance, or the absolute difference μ₁ − μ₀, with
//! Welch–Satterthwaite degrees of freedom and the t distribution.
//!
//! relative: Var = s₁²/(μ₀² n₁) + s₀² μ₁²/(μ₀⁴ n₀)   (delta method)
//! absolute: Var = s₁²/n₁ + s₀²/n₀
//! dof = (s₁²/n₁ + s₀²/n₀)² / (s₁⁴/(n₁²(n₁−1)) + s₀⁴/(n₀²(n₀−1)))
//! p = 2·P(T_dof > |est/√Var|), CI = est ± t₁₋α/₂,dof·√Var.
//!
//! gbstats returns zeros and an `error_message` when it refuses; here every
//! number is then null with that message as the reason.

use super::descriptive::Summary;
use super::dist::{is_positive, t_ppf, t_two_sided_p};
use super::outcome::{stats_block, Val};
use super::proportion::BAD_ALPHA;

/// gbstats' own message strings, kept verbatim so results can be compared.
pub const BASELINE_VARIATION_ZERO: &str = "ZERO_NEGATIVE_BASELINE_VARIATION";
pub const ZERO_NEGATIVE_VARIANCE: &str = "ZERO_NEGATIVE_VARIANCE";
pub const NO_UNITS_IN_VARIATION: &str = "NO_UNITS_IN_VARIATION";

/// One arm as gbstats sees it. `unadjusted_mean` differs from `mean` only
/// under CUPED (regression adjustment), where the relative lift is still
/// divided by the raw control mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GbStat {
    pub n: f64,
    pub mean: f64,
    pub variance: f64,
    pub unadjusted_mean: f64,
}

impl GbStat {
    /// An empty arm is n = 0 with mean and variance 0, as gbstats builds it.
    pub fn from_summary(s: Option<Summary>) -> GbStat {
        let s = s.unwrap_or(Summary {
            n: 0.0,
            mean: 0.0,
            variance: 0.0,
        });
        GbStat {
            n: s.n,
            mean: s.mean,
            variance: s.variance,
            unadjusted_mean: s.mean,
        }
    }
}

stats_block! {
    /// gbstats `FrequentistTestResult`: `expected` and the CI are of the
    /// relative lift (a fraction: 0.1 = +10%) or of the absolute difference.
    pub struct Frequentist {
        pub expected: Val,
        pub ci_low: Val,
        pub ci_high: Val,
        pub p_value: Val,
        pub stddev: Val,
        pub dof: Val,
        ;
        pub error_message: Option<&'static str>,
    }
}

impl Frequentist {
    pub fn refused(reason: &'static str) -> Frequentist {
        let mut out = Frequentist::undefined_all(reason);
        out.error_message = Some(reason);
        out
    }
}

/// Point estimate, its variance and the Welch–Satterthwaite dof, or the
/// reason gbstats refuses. Shared by the fixed-horizon, sequential and
/// Bayesian tests so they cannot drift apart.
pub(crate) struct Effect {
    pub estimate: f64,
    pub variance: f64,
    pub dof: f64,
}

pub(crate) fn effect(a: &GbStat, b: &GbStat, relative: bool) -> Result<Effect, &'static str> {
    // gbstats refuses a zero control mean for both difference types.
    // It does not refuse a negative one; a relative lift over a negative
    // baseline flips sign meaninglessly, so we refuse it too (its message
    // says "ZERO_NEGATIVE" already).
    if a.mean == 0.0 || a.unadjusted_mean == 0.0 || (relative && a.unadjusted_mean < 0.0) {
        return Err(BASELINE_VARIATION_ZERO);
    }
    // An empty arm has variance 0, so gbstats' frequentist test reports it
    // as ZERO_NEGATIVE_VARIANCE (its Bayesian test checks units first).
    if !is_positive(a.variance) || !is_positive(b.variance) {
        return Err(ZERO_NEGATIVE_VARIANCE);
    }
    let (ma, mb) = (a.unadjusted_mean, b.unadjusted_mean);
    let (estimate, variance) = if relative {
        (
            (b.mean - a.mean) / ma,
            b.variance / (ma * ma * b.n) + a.variance * mb * mb / (ma.powi(4) * a.n),
        )
    } else {
        (b.mean - a.mean, b.variance / b.n + a.variance / a.n)
    };
    let (qa, qb) = (a.variance / a.n, b.variance / b.n);
    // n = 1 with positive variance cannot come from our summaries, but the
    // dof would divide by zero: gbstats gives inf there and so do we (→ null).
    let dof = (qa + qb).powi(2) / (qb * qb / (b.n - 1.0) + qa * qa / (a.n - 1.0));
    if !estimate.is_finite() || !is_positive(variance) || !variance.is_finite() {
        return Err(super::outcome::NOT_FINITE);
    }
    Ok(Effect {
        estimate,
        variance,
        dof,
    })
}

/// gbstats `TwoSidedTTest(stat_a = control, stat_b = variant)`.
pub fn two_sided_ttest(a: &GbStat, b: &GbStat, alpha: f64, relative: bool) -> Frequentist {
    let e = match effect(a, b, relative) {
        Ok(e) => e,
        Err(reason) => return Frequentist::refused(reason),
    };
    let sd = e.variance.sqrt();
    let t = e.estimate / sd;
    let width = t_ppf(1.0 - alpha / 2.0, e.dof) * sd;
    let ci = |x: f64| {
        if width.is_finite() {
            Val::of(x)
        } else {
            Val::Undefined(BAD_ALPHA)
        }
    };
    Frequentist {
        expected: Val::of(e.estimate),
        ci_low: ci(e.estimate - width),
        ci_high: ci(e.estimate + width),
        // gbstats computes 2·(1 − cdf), which rounds to 0 below ~1e-16; the
        // survival function keeps small p-values exact (same value above that).
        p_value: Val::of(t_two_sided_p(t, e.dof)),
        stddev: Val::of(sd),
        dof: Val::of(e.dof),
        error_message: None,
    }
}
