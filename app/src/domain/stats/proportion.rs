//! Two-proportion z-tests of variant − control.
//!
//! * unpooled (Wald): SE = √(p₁q₁/n₁ + p₀q₀/n₀), the CI diff ± z₁₋α/₂·SE;
//!   statsmodels `test_proportions_2indep` / `confint_proportions_2indep`
//!   with `method="wald"`.
//! * pooled: SE = √(p̄q̄(1/n₁ + 1/n₀)), p̄ = (x₁ + x₀)/(n₁ + n₀);
//!   statsmodels `proportions_ztest`. The pooled SE is the SE under the null
//!   (equal rates), so it tests; the unpooled one estimates, so it gives a CI.

use super::descriptive::{ProportionArm, NO_USERS};
use super::dist::{norm_ppf, norm_two_sided_p};
use super::outcome::{stats_block, Val};

pub const SE_ZERO: &str =
    "the standard error is 0 (every rate is 0% or 100%), so the z statistic is undefined";
pub const BAD_ALPHA: &str = "alpha must be strictly between 0 and 1";

stats_block! {
    /// Wald (unpooled) z-test and confidence interval of rate_variant − rate_control.
    pub struct ZUnpooled {
        pub diff: Val,
        pub se: Val,
        pub z: Val,
        pub p_value: Val,
        pub ci_low: Val,
        pub ci_high: Val,
    }
}

stats_block! {
    /// Pooled z-test of equal rates.
    pub struct ZPooled {
        pub se: Val,
        pub z: Val,
        pub p_value: Val,
    }
}

pub fn z_unpooled(control: &ProportionArm, variant: &ProportionArm, alpha: f64) -> ZUnpooled {
    let (Some(c), Some(v)) = (control.summary(), variant.summary()) else {
        return ZUnpooled::undefined_all(NO_USERS);
    };
    let diff = v.mean - c.mean;
    let se = (v.variance / v.n + c.variance / c.n).sqrt();
    if se <= 0.0 {
        // Wald's interval would collapse to a point: claiming certainty from
        // 0/1000 vs 0/1000 would overclaim, so it is undefined too.
        let mut out = ZUnpooled::undefined_all(SE_ZERO);
        out.diff = Val::of(diff);
        out.se = Val::Num(0.0);
        return out;
    }
    let z = diff / se;
    let crit = norm_ppf(1.0 - alpha / 2.0);
    let ci = |sign: f64| {
        if crit.is_finite() {
            Val::of(diff + sign * crit * se)
        } else {
            Val::Undefined(BAD_ALPHA)
        }
    };
    ZUnpooled {
        diff: Val::of(diff),
        se: Val::of(se),
        z: Val::of(z),
        p_value: Val::of(norm_two_sided_p(z)),
        ci_low: ci(-1.0),
        ci_high: ci(1.0),
    }
}

pub fn z_pooled(control: &ProportionArm, variant: &ProportionArm) -> ZPooled {
    let (Some(c), Some(v)) = (control.summary(), variant.summary()) else {
        return ZPooled::undefined_all(NO_USERS);
    };
    let pooled = (control.conversions as f64 + variant.conversions as f64) / (c.n + v.n);
    let se = (pooled * (1.0 - pooled) * (1.0 / c.n + 1.0 / v.n)).sqrt();
    if se <= 0.0 {
        let mut out = ZPooled::undefined_all(SE_ZERO);
        out.se = Val::Num(0.0);
        return out;
    }
    let z = (v.mean - c.mean) / se;
    ZPooled {
        se: Val::of(se),
        z: Val::of(z),
        p_value: Val::of(norm_two_sided_p(z)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_conversions_everywhere_is_undefined_not_nan() {
        let a = ProportionArm {
            users: 1000,
            conversions: 0,
        };
        let r = z_unpooled(&a, &a, 0.05);
        assert_eq!(r.z, Val::Undefined(SE_ZERO));
        assert_eq!(z_pooled(&a, &a).p_value, Val::Undefined(SE_ZERO));
    }

    #[test]
    fn extreme_differences_give_tiny_but_finite_p() {
        let c = ProportionArm {
            users: 10_000_000,
            conversions: 100_000,
        };
        let v = ProportionArm {
            users: 10_000_000,
            conversions: 200_000,
        };
        let p = z_unpooled(&c, &v, 0.05).p_value.num().unwrap();
        assert!((0.0..1e-300).contains(&p));
    }
}
