//! Per-arm sufficient statistics and the descriptive block of a comparison:
//! rates or means, sample variances, absolute and relative difference.

use super::outcome::{stats_block, Val};
use serde::{Deserialize, Serialize};

/// A proportion metric for one arm: `conversions` of `users` converted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProportionArm {
    pub users: u64,
    pub conversions: u64,
}

/// A mean metric for one arm from its sufficient statistics
/// (n, Σx, Σx²), which SQL can aggregate without loading rows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanArm {
    pub n: u64,
    pub sum: f64,
    pub sum_squares: f64,
}

/// n, mean and variance of one arm as the tests consume them. For a
/// proportion the variance is p(1 − p) (Bernoulli, divisor n, as gbstats'
/// `ProportionStatistic`); for a mean it is the sample variance (divisor
/// n − 1, as gbstats' `SampleMeanStatistic` and scipy's `ddof=1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: f64,
    pub mean: f64,
    pub variance: f64,
}

pub const NO_USERS: &str = "the arm has no users";
pub const CONTROL_ZERO: &str =
    "the control's rate or mean is 0, so a relative difference is undefined";
pub const TOO_FEW_FOR_VARIANCE: &str = "a sample variance needs at least 2 observations";

impl ProportionArm {
    /// The Bernoulli summary; `None` when the arm has no users. Conversions
    /// above users are rejected by input validation before this is called.
    pub fn summary(&self) -> Option<Summary> {
        if self.users == 0 {
            return None;
        }
        let n = self.users as f64;
        let p = (self.conversions as f64 / n).clamp(0.0, 1.0);
        Some(Summary {
            n,
            mean: p,
            variance: p * (1.0 - p),
        })
    }
}

impl MeanArm {
    /// The sample summary; `None` when n = 0. The variance
    /// (Σx² − (Σx)²/n)/(n − 1) is 0 for n = 1 (as gbstats) and is clamped at
    /// 0 because rounding in Σx² − (Σx)²/n can make it slightly negative for
    /// a constant metric.
    pub fn summary(&self) -> Option<Summary> {
        if self.n == 0 {
            return None;
        }
        let n = self.n as f64;
        let mean = self.sum / n;
        let variance = if self.n <= 1 {
            0.0
        } else {
            ((self.sum_squares - self.sum * self.sum / n) / (n - 1.0)).max(0.0)
        };
        Some(Summary { n, mean, variance })
    }
}

stats_block! {
    /// Rates of a proportion metric and their differences (variant − control).
    pub struct ProportionDescriptive {
        pub rate_control: Val,
        pub rate_variant: Val,
        /// rate_variant − rate_control.
        pub abs_diff: Val,
        /// (rate_variant − rate_control) / rate_control.
        pub rel_diff: Val,
        /// Bernoulli variance p(1 − p) of each arm.
        pub var_control: Val,
        pub var_variant: Val,
    }
}

stats_block! {
    /// Means of a mean metric, their sample variances and differences.
    pub struct MeanDescriptive {
        pub mean_control: Val,
        pub mean_variant: Val,
        pub var_control: Val,
        pub var_variant: Val,
        pub abs_diff: Val,
        pub rel_diff: Val,
    }
}

fn mean_of(s: Option<Summary>) -> Val {
    s.map_or(Val::Undefined(NO_USERS), |s| Val::of(s.mean))
}

fn diffs(c: Option<Summary>, v: Option<Summary>) -> (Val, Val) {
    match (c, v) {
        (Some(c), Some(v)) => {
            let abs = v.mean - c.mean;
            let rel = if c.mean == 0.0 {
                Val::Undefined(CONTROL_ZERO)
            } else {
                Val::of(abs / c.mean)
            };
            (Val::of(abs), rel)
        }
        _ => (Val::Undefined(NO_USERS), Val::Undefined(NO_USERS)),
    }
}

pub fn proportion_descriptive(c: &ProportionArm, v: &ProportionArm) -> ProportionDescriptive {
    let (cs, vs) = (c.summary(), v.summary());
    let (abs_diff, rel_diff) = diffs(cs, vs);
    let var = |s: Option<Summary>| s.map_or(Val::Undefined(NO_USERS), |s| Val::of(s.variance));
    ProportionDescriptive {
        rate_control: mean_of(cs),
        rate_variant: mean_of(vs),
        abs_diff,
        rel_diff,
        var_control: var(cs),
        var_variant: var(vs),
    }
}

pub fn mean_descriptive(c: &MeanArm, v: &MeanArm) -> MeanDescriptive {
    let (cs, vs) = (c.summary(), v.summary());
    let (abs_diff, rel_diff) = diffs(cs, vs);
    let var = |s: Option<Summary>| match s {
        None => Val::Undefined(NO_USERS),
        Some(s) if s.n < 2.0 => Val::Undefined(TOO_FEW_FOR_VARIANCE),
        Some(s) => Val::of(s.variance),
    };
    MeanDescriptive {
        mean_control: mean_of(cs),
        mean_variant: mean_of(vs),
        var_control: var(cs),
        var_variant: var(vs),
        abs_diff,
        rel_diff,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_differences() {
        let d = proportion_descriptive(
            &ProportionArm {
                users: 1000,
                conversions: 50,
            },
            &ProportionArm {
                users: 1000,
                conversions: 60,
            },
        );
        assert_eq!(d.rate_control, Val::Num(0.05));
        assert!((d.abs_diff.unwrap_or(0.0) - 0.01).abs() < 1e-15);
        assert!((d.rel_diff.unwrap_or(0.0) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn empty_and_zero_arms_say_why() {
        let d = proportion_descriptive(
            &ProportionArm {
                users: 0,
                conversions: 0,
            },
            &ProportionArm {
                users: 10,
                conversions: 0,
            },
        );
        assert_eq!(d.rate_control, Val::Undefined(NO_USERS));
        let d = proportion_descriptive(
            &ProportionArm {
                users: 10,
                conversions: 0,
            },
            &ProportionArm {
                users: 10,
                conversions: 1,
            },
        );
        assert_eq!(d.rel_diff, Val::Undefined(CONTROL_ZERO));
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["rel_diff"], serde_json::Value::Null);
        assert_eq!(json["undefined"]["rel_diff"], CONTROL_ZERO);
    }

    #[test]
    fn sample_variance_of_means() {
        // x = 1, 2, 3, 4: mean 2.5, sample variance 5/3.
        let s = MeanArm {
            n: 4,
            sum: 10.0,
            sum_squares: 30.0,
        }
        .summary()
        .unwrap();
        assert!((s.variance - 5.0 / 3.0).abs() < 1e-15);
    }
}
