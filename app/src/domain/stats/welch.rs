//! Welch's unequal-variance t-test of mean_variant − mean_control from the
//! sufficient statistics, as scipy `ttest_ind_from_stats(equal_var=False)`
//! (Welch 1947; Satterthwaite 1946 for the degrees of freedom):
//!
//! SE = √(s₁²/n₁ + s₀²/n₀), t = (x̄₁ − x̄₀)/SE,
//! df = SE⁴ / ((s₁²/n₁)²/(n₁−1) + (s₀²/n₀)²/(n₀−1)),
//! CI = (x̄₁ − x̄₀) ± t₁₋α/₂,df · SE.

use super::descriptive::{MeanArm, NO_USERS, TOO_FEW_FOR_VARIANCE};
use super::dist::{t_ppf, t_two_sided_p};
use super::outcome::{stats_block, Val};
use super::proportion::BAD_ALPHA;

pub const ZERO_VARIANCE: &str = "both arms have zero variance, so the t statistic is undefined";

stats_block! {
    pub struct Welch {
        pub diff: Val,
        pub t: Val,
        pub df: Val,
        pub se: Val,
        pub p_value: Val,
        pub ci_low: Val,
        pub ci_high: Val,
    }
}

pub fn welch(control: &MeanArm, variant: &MeanArm, alpha: f64) -> Welch {
    let (Some(c), Some(v)) = (control.summary(), variant.summary()) else {
        return Welch::undefined_all(NO_USERS);
    };
    if c.n < 2.0 || v.n < 2.0 {
        return Welch::undefined_all(TOO_FEW_FOR_VARIANCE);
    }
    let diff = v.mean - c.mean;
    let (qv, qc) = (v.variance / v.n, c.variance / c.n);
    let se2 = qv + qc;
    if se2 <= 0.0 {
        let mut out = Welch::undefined_all(ZERO_VARIANCE);
        out.diff = Val::of(diff);
        out.se = Val::Num(0.0);
        return out;
    }
    let se = se2.sqrt();
    let df = se2 * se2 / (qv * qv / (v.n - 1.0) + qc * qc / (c.n - 1.0));
    let t = diff / se;
    let crit = t_ppf(1.0 - alpha / 2.0, df);
    let ci = |sign: f64| {
        if crit.is_finite() {
            Val::of(diff + sign * crit * se)
        } else {
            Val::Undefined(BAD_ALPHA)
        }
    };
    Welch {
        diff: Val::of(diff),
        t: Val::of(t),
        df: Val::of(df),
        se: Val::of(se),
        p_value: Val::of(t_two_sided_p(t, df)),
        ci_low: ci(-1.0),
        ci_high: ci(1.0),
    }
}
