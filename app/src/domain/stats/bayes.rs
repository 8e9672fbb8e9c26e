//! GrowthBook-compatible Bayesian result (gbstats 0.8
//! `EffectBayesianABTest`, `gbstats/bayesian/tests.py`): the data give a
//! Gaussian likelihood for the lift, est ~ N(δ, Var) with the same
//! delta-method estimate and variance as the frequentist test; with a flat
//! prior the posterior is N(est, Var), with a proper prior N(m₀, v₀) it is
//! the conjugate normal update
//!
//!   precision = 1/Var + 1/v₀,  mean = (est/Var + m₀/v₀)/precision.
//!
//! chance to win = P(δ > 0) = Φ(mean/sd); credible interval mean ± z₁₋α/₂·sd;
//! risk (expected loss) of choosing control = E[max(δ, 0)] and of choosing
//! the variant = E[max(−δ, 0)], in closed form for a normal δ:
//!
//!   E[max(δ,0)]  = μΦ(μ/σ) + σφ(μ/σ),  E[max(−δ,0)] = σφ(μ/σ) − μΦ(−μ/σ)
//!
//! (gbstats computes the same through scipy's truncated-normal mean).

use super::dist::{norm_cdf, norm_pdf, norm_ppf};
use super::gbstats::{effect, GbStat, NO_UNITS_IN_VARIATION};
use super::outcome::{stats_block, Val};
use super::proportion::BAD_ALPHA;

/// GrowthBook's default proper prior on the relative lift: N(0, 0.3²).
pub const DEFAULT_PRIOR: NormalPrior = NormalPrior {
    mean: 0.0,
    variance: 0.09,
};

pub const BAD_PRIOR: &str = "the prior variance must be positive and finite";

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormalPrior {
    pub mean: f64,
    pub variance: f64,
}

stats_block! {
    /// gbstats `BayesianTestResult` with `risk` split into its two entries.
    pub struct Bayesian {
        pub chance_to_win: Val,
        pub expected: Val,
        pub ci_low: Val,
        pub ci_high: Val,
        pub risk_control: Val,
        pub risk_variant: Val,
        pub stddev: Val,
        ;
        pub error_message: Option<&'static str>,
    }
}

impl Bayesian {
    pub fn refused(reason: &'static str) -> Bayesian {
        let mut out = Bayesian::undefined_all(reason);
        out.error_message = Some(reason);
        out
    }
}

/// `prior = None` is gbstats' default improper (flat) prior.
pub fn gaussian_bayes(
    a: &GbStat,
    b: &GbStat,
    alpha: f64,
    relative: bool,
    prior: Option<NormalPrior>,
) -> Bayesian {
    // gbstats checks, in order: zero baseline (relative only), no units,
    // zero variance. `effect` checks baseline and variance.
    if a.n <= 0.0 || b.n <= 0.0 {
        if relative && (a.mean == 0.0 || a.unadjusted_mean == 0.0) {
            return Bayesian::refused(super::gbstats::BASELINE_VARIATION_ZERO);
        }
        return Bayesian::refused(NO_UNITS_IN_VARIATION);
    }
    let e = match effect(a, b, relative) {
        // The absolute Bayesian test does not refuse a zero control mean.
        Err(super::gbstats::BASELINE_VARIATION_ZERO)
            if !relative && a.variance > 0.0 && b.variance > 0.0 =>
        {
            let variance = b.variance / b.n + a.variance / a.n;
            super::gbstats::Effect {
                estimate: b.mean - a.mean,
                variance,
                dof: f64::NAN,
            }
        }
        Ok(e) => e,
        Err(reason) => return Bayesian::refused(reason),
    };
    let (mean, precision) = match prior {
        None => (e.estimate, 1.0 / e.variance),
        Some(p) if p.variance > 0.0 && p.variance.is_finite() => {
            let precision = 1.0 / e.variance + 1.0 / p.variance;
            (
                (e.estimate / e.variance + p.mean / p.variance) / precision,
                precision,
            )
        }
        Some(_) => return Bayesian::refused(BAD_PRIOR),
    };
    let sd = (1.0 / precision).sqrt();
    let x = mean / sd;
    let z = norm_ppf(1.0 - alpha / 2.0);
    let ci = |sign: f64| {
        if z.is_finite() {
            Val::of(mean + sign * z * sd)
        } else {
            Val::Undefined(BAD_ALPHA)
        }
    };
    // Rounding can leave a risk a few ulps below 0 when it is ~0.
    let risk_control = (mean * norm_cdf(x) + sd * norm_pdf(x)).max(0.0);
    let risk_variant = (sd * norm_pdf(x) - mean * norm_cdf(-x)).max(0.0);
    Bayesian {
        chance_to_win: Val::of(norm_cdf(x)),
        expected: Val::of(mean),
        ci_low: ci(-1.0),
        ci_high: ci(1.0),
        risk_control: Val::of(risk_control),
        risk_variant: Val::of(risk_variant),
        stddev: Val::of(sd),
        error_message: None,
    }
}
