//! CUPED (Deng, Xu, Kohavi & Walker 2013, "Improving the sensitivity of
//! online controlled experiments by utilizing pre-experiment data") for mean
//! metrics, as gbstats' `RegressionAdjustedStatistic`: each visitor's metric
//! y is adjusted by a pre-exposure covariate x (prior visits, prior revenue),
//! y − θx, with one θ for both arms of a comparison (gbstats `compute_theta`)
//!
//!   θ = Cov(x, y) / Var(x)   over the pooled arms,
//!
//! so per arm  mean_adj = ȳ − θx̄,  Var_adj = Var(y) + θ²Var(x) − 2θCov(x, y).
//! x is independent of the assignment, so the adjustment changes no
//! expectation of the difference, only its variance: by 1 − ρ² at best.
//! The adjusted stats then go through the same gbstats tests, with the
//! relative lift still divided by the unadjusted control mean.

use super::descriptive::{MeanArm, NO_USERS};
use super::gbstats::{two_sided_ttest, Frequentist, GbStat};
use super::outcome::{stats_block, Val};
use serde::{Deserialize, Serialize};

/// A mean metric with its pre-exposure covariate: n, Σy, Σy², Σx, Σx², Σxy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CupedArm {
    pub n: u64,
    pub sum: f64,
    pub sum_squares: f64,
    pub pre_sum: f64,
    pub pre_sum_squares: f64,
    pub sum_products: f64,
}

pub const NO_COVARIATE_VARIANCE: &str =
    "the covariate (or the metric) does not vary, so CUPED falls back to the unadjusted test";

impl CupedArm {
    pub fn post(&self) -> MeanArm {
        MeanArm {
            n: self.n,
            sum: self.sum,
            sum_squares: self.sum_squares,
        }
    }
    fn pre(&self) -> MeanArm {
        MeanArm {
            n: self.n,
            sum: self.pre_sum,
            sum_squares: self.pre_sum_squares,
        }
    }
    /// Sample covariance of x and y within the arm (divisor n − 1).
    fn covariance(&self) -> f64 {
        if self.n <= 1 {
            return 0.0;
        }
        let n = self.n as f64;
        (self.sum_products - self.sum * self.pre_sum / n) / (n - 1.0)
    }
}

stats_block! {
    /// θ, the variance reduction and the adjusted gbstats tests.
    pub struct CupedSummary {
        pub theta: Val,
        /// 1 − Var_adj/Var of the control arm's metric.
        pub variance_reduction_control: Val,
        pub variance_reduction_variant: Val,
        /// 1 − Var_adj(diff)/Var(diff): the share of the absolute difference's
        /// variance removed; the sample needed shrinks by the same share.
        pub variance_reduction: Val,
        pub mean_control_adjusted: Val,
        pub mean_variant_adjusted: Val,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cuped {
    #[serde(flatten)]
    pub summary: CupedSummary,
    pub freq_relative: Frequentist,
    pub freq_absolute: Frequentist,
}

/// θ from the pooled arms; 0 when either pooled variance is 0 (gbstats then
/// reverts to the unadjusted statistics).
pub fn theta(a: &CupedArm, b: &CupedArm) -> f64 {
    let joint = CupedArm {
        n: a.n + b.n,
        sum: a.sum + b.sum,
        sum_squares: a.sum_squares + b.sum_squares,
        pre_sum: a.pre_sum + b.pre_sum,
        pre_sum_squares: a.pre_sum_squares + b.pre_sum_squares,
        sum_products: a.sum_products + b.sum_products,
    };
    let var_pre = joint.pre().summary().map_or(0.0, |s| s.variance);
    let var_post = joint.post().summary().map_or(0.0, |s| s.variance);
    if var_pre <= 0.0 || var_post <= 0.0 {
        return 0.0;
    }
    let t = joint.covariance() / var_pre;
    if t.is_finite() {
        t
    } else {
        0.0
    }
}

/// The arm as gbstats' `RegressionAdjustedStatistic` with this θ.
pub fn adjusted(arm: &CupedArm, theta: f64) -> GbStat {
    let post = arm.post().summary();
    let pre = arm.pre().summary();
    match (post, pre) {
        (Some(y), Some(x)) => {
            let variance = if arm.n <= 1 {
                0.0
            } else {
                (y.variance + theta * theta * x.variance - 2.0 * theta * arm.covariance()).max(0.0)
            };
            GbStat {
                n: y.n,
                mean: y.mean - theta * x.mean,
                variance,
                unadjusted_mean: y.mean,
            }
        }
        _ => GbStat {
            n: 0.0,
            mean: 0.0,
            variance: 0.0,
            unadjusted_mean: 0.0,
        },
    }
}

pub fn cuped(control: &CupedArm, variant: &CupedArm, alpha: f64) -> Cuped {
    if control.n == 0 || variant.n == 0 {
        return Cuped {
            summary: CupedSummary::undefined_all(NO_USERS),
            freq_relative: Frequentist::refused(super::gbstats::NO_UNITS_IN_VARIATION),
            freq_absolute: Frequentist::refused(super::gbstats::NO_UNITS_IN_VARIATION),
        };
    }
    let th = theta(control, variant);
    let (a, b) = (adjusted(control, th), adjusted(variant, th));
    let raw_a = GbStat::from_summary(control.post().summary());
    let raw_b = GbStat::from_summary(variant.post().summary());
    let reduction = |adj: f64, raw: f64| {
        if raw > 0.0 {
            Val::of(1.0 - adj / raw)
        } else {
            Val::Undefined(NO_COVARIATE_VARIANCE)
        }
    };
    let summary = CupedSummary {
        theta: Val::of(th),
        variance_reduction_control: reduction(a.variance, raw_a.variance),
        variance_reduction_variant: reduction(b.variance, raw_b.variance),
        variance_reduction: reduction(
            a.variance / a.n + b.variance / b.n,
            raw_a.variance / raw_a.n + raw_b.variance / raw_b.n,
        ),
        mean_control_adjusted: Val::of(a.mean),
        mean_variant_adjusted: Val::of(b.mean),
    };
    Cuped {
        summary,
        freq_relative: two_sided_ttest(&a, &b, alpha, true),
        freq_absolute: two_sided_ttest(&a, &b, alpha, false),
    }
}
