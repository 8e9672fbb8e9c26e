//! The home page's "what is a lift worth" arithmetic: extra revenue from a
//! relative conversion-rate lift, holding traffic and order value constant.
//! Deliberately simple; the full ROI model grounded in case studies lives elsewhere.

/// Annual revenue gained from a relative lift in conversion rate, in whole
/// currency units. Non-finite or negative inputs give `None` so the UI can say
/// what is wrong instead of showing `NaN`.
pub fn annual_gain_from_lift(annual_revenue: f64, lift_percent: f64) -> Option<f64> {
    let valid = annual_revenue.is_finite()
        && lift_percent.is_finite()
        && annual_revenue >= 0.0
        && (0.0..=100.0).contains(&lift_percent);
    valid.then(|| annual_revenue * lift_percent / 100.0)
}

/// Formats whole currency units with thousands separators, e.g. `1,250,000`.
pub fn group_thousands(value: f64) -> String {
    let rounded = value.round().max(0.0) as u128;
    let digits = rounded.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_five_percent_lift_on_two_million_is_one_hundred_thousand() {
        assert_eq!(annual_gain_from_lift(2_000_000.0, 5.0), Some(100_000.0));
    }

    #[test]
    fn nonsense_inputs_have_no_answer() {
        assert_eq!(annual_gain_from_lift(-1.0, 5.0), None);
        assert_eq!(annual_gain_from_lift(1.0, 101.0), None);
        assert_eq!(annual_gain_from_lift(f64::NAN, 5.0), None);
        assert_eq!(annual_gain_from_lift(f64::INFINITY, 5.0), None);
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0.0), "0");
        assert_eq!(group_thousands(999.4), "999");
        assert_eq!(group_thousands(1000.0), "1,000");
        assert_eq!(group_thousands(1_250_000.0), "1,250,000");
    }

    proptest! {
        #[test]
        fn gain_is_monotone_in_revenue(a in 0.0f64..1e12, b in 0.0f64..1e12, lift in 0.0f64..100.0) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(annual_gain_from_lift(lo, lift).unwrap() <= annual_gain_from_lift(hi, lift).unwrap());
        }
    }
}
