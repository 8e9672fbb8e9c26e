//! Distribution functions the engine needs, as total functions: statrs
//! constructors return `Result` and its quantile functions panic outside
//! [0, 1], so every call goes through here and out-of-domain arguments give
//! NaN, which [`super::outcome::Val`] then reports as undefined.

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, StudentsT};
use statrs::function::erf::{erfc, erfc_inv};
use std::f64::consts::{FRAC_1_SQRT_2, SQRT_2};

/// x > 0, false for NaN: the guard before dividing or taking a logarithm.
pub fn is_positive(x: f64) -> bool {
    x > 0.0
}

/// Φ(x). Through erfc so the lower tail keeps relative precision down to
/// ~1e-308 (1 − Φ(|x|) would round to 0 near 1e-17).
pub fn norm_cdf(x: f64) -> f64 {
    0.5 * erfc(-x * FRAC_1_SQRT_2)
}

/// 1 − Φ(x), computed directly for the same reason.
pub fn norm_sf(x: f64) -> f64 {
    0.5 * erfc(x * FRAC_1_SQRT_2)
}

/// Standard normal density φ(x).
pub fn norm_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Φ⁻¹(p); NaN outside (0, 1).
pub fn norm_ppf(p: f64) -> f64 {
    if p > 0.0 && p < 1.0 {
        -SQRT_2 * erfc_inv(2.0 * p)
    } else {
        f64::NAN
    }
}

/// Upper tail of Student's t with `df` degrees of freedom (df may be
/// fractional, as Welch–Satterthwaite gives). NaN for df ≤ 0 or NaN input.
pub fn t_sf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if df.is_infinite() {
        return norm_sf(t);
    }
    if df >= HILL_DF {
        return hill_sf(t, df);
    }
    match StudentsT::new(0.0, 1.0, df) {
        Ok(d) => d.sf(t),
        Err(_) => f64::NAN,
    }
}

/// Above this many degrees of freedom statrs' incomplete beta loses ~1e-8
/// relative accuracy, while Hill's normalising expansion is exact to f64.
const HILL_DF: f64 = 1e4;

/// Upper tail of t by Hill (1970), "Algorithm 395: Student's t-distribution",
/// CACM 13(10): z = (1 + (3 + y + P(y)/(0.8y² + 100 + b))/b)·√y with
/// y = (ν − ½)·ln(1 + t²/ν), b = 48(ν − ½)², then P(T > t) = Φ̄(z) for t ≥ 0.
/// The error is O(ν⁻⁴), far below f64 precision for ν ≥ 1e4.
fn hill_sf(t: f64, df: f64) -> f64 {
    let a = df - 0.5;
    let b = 48.0 * a * a;
    let y = a * (t * t / df).ln_1p();
    let z = (((((-0.4 * y - 3.3) * y - 24.0) * y - 85.5) / (0.8 * y * y + 100.0 + b) + y + 3.0)
        / b
        + 1.0)
        * y.sqrt();
    if t >= 0.0 {
        norm_sf(z)
    } else {
        norm_cdf(z)
    }
}

/// Two-sided p-value 2·P(T > |t|), capped at 1.
pub fn t_two_sided_p(t: f64, df: f64) -> f64 {
    (2.0 * t_sf(t.abs(), df)).min(1.0)
}

/// Two-sided p-value 2·(1 − Φ(|z|)), capped at 1.
pub fn norm_two_sided_p(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    (2.0 * norm_sf(z.abs())).min(1.0)
}

/// Quantile of Student's t; NaN outside (0, 1) or for df ≤ 0.
///
/// statrs' `inverse_cdf` goes through an inverse incomplete beta that is off
/// by ~1e-6 relative for df ≥ 1e5 (our dof reach 1e7), so we polish its
/// answer with Newton steps on the tail probability, which statrs computes
/// accurately. For p > ½ we solve sf(x) = 1 − p, by symmetry otherwise.
pub fn t_ppf(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if df.is_infinite() {
        return norm_ppf(p);
    }
    let Ok(d) = StudentsT::new(0.0, 1.0, df) else {
        return f64::NAN;
    };
    let (q, sign) = if p > 0.5 { (1.0 - p, 1.0) } else { (p, -1.0) };
    let mut x = if df >= HILL_DF {
        // statrs' inverse incomplete beta can stall for df ~1e8; start from
        // the Cornish–Fisher expansion z + (z³ + z)/(4ν) instead.
        let z = -norm_ppf(q);
        z + (z * z * z + z) / (4.0 * df)
    } else {
        d.inverse_cdf(1.0 - q)
    };
    if !x.is_finite() {
        x = -norm_ppf(q);
    }
    for _ in 0..50 {
        // statrs' density is slow for huge df; there the normal density is
        // within O(1/df) of it, which still converges (linearly, fast).
        let density = if df >= HILL_DF { norm_pdf(x) } else { d.pdf(x) };
        if !is_positive(density) {
            break;
        }
        let step = (t_sf(x, df) - q) / density;
        x += step;
        if step.abs() <= 1e-15 * x.abs().max(1.0) {
            break;
        }
    }
    sign * x
}

/// Upper tail of χ² with `df` degrees of freedom; NaN for df ≤ 0.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    match ChiSquared::new(df) {
        Ok(d) => d.sf(x),
        Err(_) => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(f64::MIN_POSITIVE)
    }

    /// Values from scipy 1.17 (`t.sf`, `t.ppf`, `norm.ppf`, `chi2.sf`),
    /// including the huge degrees of freedom that 10 M users give.
    #[test]
    fn agrees_with_scipy() {
        let cases = [
            (2.0, 10.0, 0.03669401738537018, 2.228138851986274),
            (2.0, 1e3, 0.02288517324662583, 1.9623390808264083),
            (2.0, 1e5, 0.022751481728753256, 1.9599877075346095),
            (2.0, 1e7, 0.02275014544592148, 1.959964221767205),
            (2.0, 3e8, 0.022750132398103938, 1.9599639924476246),
            (10.0, 1e7, 7.621796145136799e-24, 1.959964221767205),
            (0.3, 2e7, 0.38208857936997004, 1.959964103153622),
            (1.2, 57.3, 0.11753870257130607, 2.002238268231336),
        ];
        for (t, df, sf, q) in cases {
            assert!(
                close(t_sf(t, df), sf, 1e-9),
                "t_sf({t},{df})={} vs {sf}",
                t_sf(t, df)
            );
            assert!(
                close(t_ppf(0.975, df), q, 1e-9),
                "t_ppf({df})={} vs {q}",
                t_ppf(0.975, df)
            );
        }
        assert!(close(norm_ppf(0.975), 1.959963984540054, 1e-12));
        assert!(close(chi2_sf(3.2, 1.0), 0.07363827012030258, 1e-12));
    }

    #[test]
    fn out_of_domain_is_nan_not_a_panic() {
        assert!(norm_ppf(1.0).is_nan());
        assert!(norm_ppf(-0.1).is_nan());
        assert!(t_ppf(0.5, 0.0).is_nan());
        assert!(t_sf(1.0, -1.0).is_nan());
        assert!(chi2_sf(1.0, 0.0).is_nan());
    }
}
