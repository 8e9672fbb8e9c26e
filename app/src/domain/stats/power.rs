//! Sample size per arm for a two-sided test of two proportions, and the
//! inverse: the smallest relative lift (MDE) detectable with n per arm.
//! Control rate p₀ = baseline, variant rate p₁ = p₀(1 + relative MDE),
//! n_variant = ratio · n_control; `n_per_arm` is the control's n.
//!
//! * Cohen's h (Cohen 1988, §6.2): h = 2·asin√p₁ − 2·asin√p₀, the
//!   variance-stabilised effect. With n_eff = 1/(1/n₀ + 1/n₁) and
//!   c = z₁₋α/₂, power(n) = Φ(|h|√n_eff − c) + Φ(−c − |h|√n_eff):
//!   - `cohens_h_power` solves that equation for n₀ as statsmodels
//!     `NormalIndPower().solve_power(effect_size=h, ratio=…)` does (both tails);
//!   - `cohens_h_closed_form` drops the far tail:
//!     n₀ = (z₁₋α/₂ + z_power)²·(1 + 1/ratio)/h².
//! * classical (Fleiss, Levin & Paik 2003, §4.2 without continuity
//!   correction; statsmodels `samplesize_proportions_2indep_onetail`):
//!   n₀ = (z₁₋α/₂·σ_null + z_power·σ_alt)²/(p₁ − p₀)², with
//!   σ_alt² = p₀q₀ + p₁q₁/ratio and, pooled, σ_null² = p̄q̄(1 + 1/ratio),
//!   p̄ = (p₀ + ratio·p₁)/(1 + ratio); unpooled, σ_null = σ_alt.

use super::dist::{norm_cdf, norm_ppf, norm_sf};
use super::outcome::{stats_block, Val};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SampleSizeInput {
    pub baseline_rate: f64,
    pub relative_mde: f64,
    #[serde(default = "default_alpha")]
    pub alpha: f64,
    #[serde(default = "default_power")]
    pub power: f64,
    #[serde(default = "default_ratio")]
    pub ratio: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MdeInput {
    pub baseline_rate: f64,
    pub n_per_arm: f64,
    #[serde(default = "default_alpha")]
    pub alpha: f64,
    #[serde(default = "default_power")]
    pub power: f64,
    #[serde(default = "default_ratio")]
    pub ratio: f64,
}

fn default_alpha() -> f64 {
    0.05
}
fn default_power() -> f64 {
    0.8
}
fn default_ratio() -> f64 {
    1.0
}

pub const BAD_BASELINE: &str = "the baseline rate must be strictly between 0 and 1";
pub const BAD_VARIANT: &str =
    "baseline × (1 + relative MDE) must be strictly between 0 and 1 and differ from the baseline";
pub const BAD_LEVELS: &str = "alpha must be in (0, 1), power in (alpha, 1) and ratio positive";
pub const BAD_N: &str = "n per arm must be positive";
pub const UNREACHABLE: &str = "no rate up to 100% is detectable with this sample at this power";

stats_block! {
    pub struct CohensHPower {
        pub p_variant: Val,
        pub cohens_h: Val,
        pub n_per_arm: Val,
        pub n_per_arm_ceil: Val,
        pub n_variant_ceil: Val,
    }
}

stats_block! {
    pub struct ArmSize {
        pub n_per_arm: Val,
        pub n_per_arm_ceil: Val,
        pub n_variant_ceil: Val,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleSize {
    pub cohens_h_power: CohensHPower,
    pub cohens_h_closed_form: ArmSize,
    /// Classical, pooled variance under the null.
    pub classical: ArmSize,
    pub classical_unpooled: ArmSize,
}

stats_block! {
    /// Relative MDE (upwards: the variant better) reachable with n per arm.
    pub struct Mde {
        pub relative_mde_cohens_h_power: Val,
        pub relative_mde_cohens_h_closed_form: Val,
        pub relative_mde_classical: Val,
    }
}

fn levels_ok(alpha: f64, power: f64, ratio: f64) -> bool {
    alpha > 0.0 && alpha < 1.0 && power > alpha && power < 1.0 && ratio > 0.0 && ratio.is_finite()
}

fn arm_size(n: f64, ratio: f64) -> ArmSize {
    let n = Val::of(n);
    let ceil = n.num().map_or(n, |x| Val::of(x.ceil()));
    ArmSize {
        n_per_arm: n,
        n_per_arm_ceil: ceil,
        n_variant_ceil: ceil.num().map_or(ceil, |c| Val::of((c * ratio).ceil())),
    }
}

pub fn cohens_h(p0: f64, p1: f64) -> f64 {
    2.0 * p1.sqrt().asin() - 2.0 * p0.sqrt().asin()
}

/// x = |h|·√n_eff at which the two-sided z-test reaches `power`, by
/// bisection to machine precision (power is increasing in x ≥ 0).
fn power_root(alpha: f64, power: f64) -> f64 {
    let c = norm_ppf(1.0 - alpha / 2.0);
    let f = |x: f64| norm_sf(c - x) + norm_cdf(-c - x);
    let (mut lo, mut hi) = (0.0, c + norm_ppf(power).abs() + 40.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < power {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

fn classical_n(p0: f64, p1: f64, alpha: f64, power: f64, ratio: f64, pooled: bool) -> f64 {
    let alt = (p0 * (1.0 - p0) + p1 * (1.0 - p1) / ratio).sqrt();
    let null = if pooled {
        let pbar = (p0 + ratio * p1) / (1.0 + ratio);
        (pbar * (1.0 - pbar) * (1.0 + 1.0 / ratio)).sqrt()
    } else {
        alt
    };
    let num = (norm_ppf(1.0 - alpha / 2.0) * null + norm_ppf(power) * alt).max(0.0);
    (num / (p1 - p0)).powi(2)
}

pub fn sample_size(input: &SampleSizeInput) -> SampleSize {
    let SampleSizeInput {
        baseline_rate: p0,
        relative_mde,
        alpha,
        power,
        ratio,
    } = *input;
    let p1 = p0 * (1.0 + relative_mde);
    let reason = if !(p0 > 0.0 && p0 < 1.0) {
        Some(BAD_BASELINE)
    } else if !(p1 > 0.0 && p1 < 1.0) || p1 == p0 {
        Some(BAD_VARIANT)
    } else if !levels_ok(alpha, power, ratio) {
        Some(BAD_LEVELS)
    } else {
        None
    };
    if let Some(r) = reason {
        return SampleSize {
            cohens_h_power: CohensHPower::undefined_all(r),
            cohens_h_closed_form: ArmSize::undefined_all(r),
            classical: ArmSize::undefined_all(r),
            classical_unpooled: ArmSize::undefined_all(r),
        };
    }
    let h = cohens_h(p0, p1);
    let x = power_root(alpha, power);
    let n_eff = (x / h).powi(2);
    let n_power = n_eff * (1.0 + ratio) / ratio;
    let z = norm_ppf(1.0 - alpha / 2.0) + norm_ppf(power);
    let n_closed = z * z * (1.0 + 1.0 / ratio) / (h * h);
    let sized = arm_size(n_power, ratio);
    SampleSize {
        cohens_h_power: CohensHPower {
            p_variant: Val::of(p1),
            cohens_h: Val::of(h),
            n_per_arm: sized.n_per_arm,
            n_per_arm_ceil: sized.n_per_arm_ceil,
            n_variant_ceil: sized.n_variant_ceil,
        },
        cohens_h_closed_form: arm_size(n_closed, ratio),
        classical: arm_size(classical_n(p0, p1, alpha, power, ratio, true), ratio),
        classical_unpooled: arm_size(classical_n(p0, p1, alpha, power, ratio, false), ratio),
    }
}

/// The rate p₁ > p₀ with Cohen's h = `h`, if it exists.
fn rate_for_h(p0: f64, h: f64) -> Val {
    let theta = p0.sqrt().asin() + h / 2.0;
    if theta >= std::f64::consts::FRAC_PI_2 {
        Val::Undefined(UNREACHABLE)
    } else {
        Val::of(theta.sin().powi(2) / p0 - 1.0)
    }
}

pub fn mde(input: &MdeInput) -> Mde {
    let MdeInput {
        baseline_rate: p0,
        n_per_arm: n,
        alpha,
        power,
        ratio,
    } = *input;
    let reason = if !(p0 > 0.0 && p0 < 1.0) {
        Some(BAD_BASELINE)
    } else if !levels_ok(alpha, power, ratio) {
        Some(BAD_LEVELS)
    } else if !(n > 0.0 && n.is_finite()) {
        Some(BAD_N)
    } else {
        None
    };
    if let Some(r) = reason {
        return Mde::undefined_all(r);
    }
    let n_eff = n * ratio / (1.0 + ratio);
    let h_power = power_root(alpha, power) / n_eff.sqrt();
    let z = norm_ppf(1.0 - alpha / 2.0) + norm_ppf(power);
    let h_closed = z * ((1.0 + 1.0 / ratio) / n).sqrt();
    // Classical: the required n falls as p₁ moves away from p₀; bisect on p₁.
    let classical = {
        let need = |p1: f64| classical_n(p0, p1, alpha, power, ratio, true);
        let top = 1.0 - 1e-12;
        if need(top) > n {
            Val::Undefined(UNREACHABLE)
        } else {
            let (mut lo, mut hi) = (p0, top);
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if need(mid) > n {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            Val::of(0.5 * (lo + hi) / p0 - 1.0)
        }
    };
    Mde {
        relative_mde_cohens_h_power: rate_for_h(p0, h_power),
        relative_mde_cohens_h_closed_form: rate_for_h(p0, h_closed),
        relative_mde_classical: classical,
    }
}
