//! The public A/B test calculator (`/tools/ab-test-calculator`): did B beat
//! A, and how many visitors does a test need. The form is the page's query
//! string (a shareable link that works without JavaScript); the same code
//! runs in the browser as you type. The numbers are the statistics engine's
//! (`domain::stats`): a fixed-horizon test, as a one-off calculation is.

use crate::domain::stats::analysis::relative_lift_tests;
use crate::domain::stats::descriptive::ProportionArm;
use crate::domain::stats::srm::srm;
use serde::{Deserialize, Serialize};

/// The significance level: a one-off calculation is a fixed-horizon test at 95 %.
const ALPHA: f64 = 0.05;

/// Visitors a calculator accepts per variant (beyond it, a typo).
pub const MAX_VISITORS: u64 = 1_000_000_000;

/// The form as typed (query parameters `a_visitors`, `a_conversions`,
/// `b_visitors`, `b_conversions`, `baseline`, `mde`, `daily`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CalculatorForm {
    pub a_visitors: String,
    pub a_conversions: String,
    pub b_visitors: String,
    pub b_conversions: String,
    /// Baseline conversion rate, percent.
    pub baseline: String,
    /// Smallest relative lift worth detecting, percent.
    pub mde: String,
    /// Visitors a day the page gets (optional: gives a duration).
    pub daily: String,
}

impl CalculatorForm {
    /// The form from the page's query, with an example when it is empty.
    pub fn from_query(pairs: &[(String, String)]) -> CalculatorForm {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim().chars().take(32).collect::<String>())
        };
        let example = pairs.is_empty();
        let or = |key: &str, default: &str| {
            get(key).unwrap_or_else(|| {
                if example {
                    default.to_string()
                } else {
                    String::new()
                }
            })
        };
        CalculatorForm {
            a_visitors: or("a_visitors", "5000"),
            a_conversions: or("a_conversions", "250"),
            b_visitors: or("b_visitors", "5000"),
            b_conversions: or("b_conversions", "300"),
            baseline: or("baseline", "5"),
            mde: or("mde", "10"),
            daily: or("daily", "1000"),
        }
    }

    /// The query string that reproduces this form (for the shareable link).
    pub fn to_query(&self) -> String {
        [
            ("a_visitors", &self.a_visitors),
            ("a_conversions", &self.a_conversions),
            ("b_visitors", &self.b_visitors),
            ("b_conversions", &self.b_conversions),
            ("baseline", &self.baseline),
            ("mde", &self.mde),
            ("daily", &self.daily),
        ]
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// Percent-encodes a value for a query string (digits and dots pass).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Significance {
    pub rate_a: f64,
    pub rate_b: f64,
    /// Relative lift of B over A (0.1 = +10 %) and its 95 % interval.
    pub lift: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// Bayesian chance that B beats A (prior N(0, 0.3²) on the lift).
    pub chance_to_win: Option<f64>,
    /// p of the visitors against a 50/50 split.
    pub srm_p_value: Option<f64>,
    pub significant: bool,
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleSize {
    pub per_variant: u64,
    pub total: u64,
    /// Days at the daily visitors given, when given.
    pub days: Option<u64>,
}

/// Both answers, each with its own problems by field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calculation {
    pub significance: Result<Significance, Vec<(String, String)>>,
    pub sample_size: Result<SampleSize, Vec<(String, String)>>,
}

fn count(field: &str, text: &str, problems: &mut Vec<(String, String)>) -> u64 {
    match text.trim().replace([',', '_', ' '], "").parse::<u64>() {
        Ok(n) if n <= MAX_VISITORS => n,
        Ok(_) => {
            problems.push((
                field.into(),
                "That is more than a billion; check the number.".into(),
            ));
            0
        }
        Err(_) => {
            problems.push((field.into(), "Give a whole number, e.g. 5000.".into()));
            0
        }
    }
}

fn percent(
    field: &str,
    text: &str,
    low: f64,
    high: f64,
    problems: &mut Vec<(String, String)>,
) -> f64 {
    match text
        .trim()
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse::<f64>()
    {
        Ok(x) if x.is_finite() && x > low && x < high => x / 100.0,
        _ => {
            problems.push((
                field.into(),
                format!("Give a percentage above {low} and below {high}, e.g. 5."),
            ));
            0.0
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:+.1} %", x * 100.0)
}

fn significance(form: &CalculatorForm) -> Result<Significance, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let a_users = count("a_visitors", &form.a_visitors, &mut problems);
    let a_conv = count("a_conversions", &form.a_conversions, &mut problems);
    let b_users = count("b_visitors", &form.b_visitors, &mut problems);
    let b_conv = count("b_conversions", &form.b_conversions, &mut problems);
    if problems.is_empty() {
        if a_users == 0 {
            problems.push(("a_visitors".into(), "A needs at least one visitor.".into()));
        }
        if b_users == 0 {
            problems.push(("b_visitors".into(), "B needs at least one visitor.".into()));
        }
        if a_conv > a_users {
            problems.push((
                "a_conversions".into(),
                "More conversions than visitors in A.".into(),
            ));
        }
        if b_conv > b_users {
            problems.push((
                "b_conversions".into(),
                "More conversions than visitors in B.".into(),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Only the tests shown, not the engine's whole comparison: that also
    // runs the Beta posterior (an exact sum and 100,000 Monte Carlo draws),
    // which took over a second of a phone's CPU on every keystroke
    // (Lighthouse, 4x slowdown) for a number this page does not show.
    let tests = relative_lift_tests(
        &ProportionArm {
            users: a_users,
            conversions: a_conv,
        },
        &ProportionArm {
            users: b_users,
            conversions: b_conv,
        },
        ALPHA,
    );
    let f = &tests.fixed;
    let lift = f.expected.num();
    let p_value = f.p_value.num();
    let significant = p_value.is_some_and(|p| p < ALPHA);
    let verdict = match (lift, p_value) {
        (Some(lift), Some(p)) if p < ALPHA => format!(
            "B converts {} than A: {} relative lift, significant at 95 % (p = {}).",
            if lift > 0.0 { "better" } else { "worse" },
            pct(lift),
            super::readout::format_p(Some(p)),
        ),
        (Some(lift), Some(p)) => format!(
            "Not significant: a {} lift this uncertain is consistent with no difference \
             (p = {}). Only stop at the sample size you planned.",
            pct(lift),
            super::readout::format_p(Some(p)),
        ),
        _ => format!(
            "No lift can be computed: {}.",
            f.error_message
                .unwrap_or("A needs conversions to compare with")
        ),
    };
    Ok(Significance {
        rate_a: a_conv as f64 / a_users as f64,
        rate_b: b_conv as f64 / b_users as f64,
        lift,
        ci_low: f.ci_low.num(),
        ci_high: f.ci_high.num(),
        p_value,
        chance_to_win: tests.bayes_prior.chance_to_win.num(),
        srm_p_value: srm(&[a_users, b_users], &[0.5, 0.5]).p_value.num(),
        significant,
        verdict,
    })
}

fn sample_size(form: &CalculatorForm) -> Result<SampleSize, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let baseline = percent("baseline", &form.baseline, 0.0, 100.0, &mut problems);
    let mde = percent("mde", &form.mde, 0.0, 1000.0, &mut problems);
    let daily = match form.daily.trim() {
        "" => None,
        text => Some(count("daily", text, &mut problems)),
    };
    if problems.is_empty() && baseline * (1.0 + mde) >= 1.0 {
        problems.push((
            "mde".into(),
            "The baseline with this lift would pass 100 %; choose a smaller lift.".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let per_variant = super::readout::planned_sample(baseline, mde).ok_or_else(|| {
        vec![(
            "mde".to_string(),
            "No sample size reaches this; choose a larger lift.".to_string(),
        )]
    })?;
    let total = per_variant.saturating_mul(2);
    let days = daily.filter(|d| *d > 0).map(|d| total.div_ceil(d).max(1));
    Ok(SampleSize {
        per_variant,
        total,
        days,
    })
}

pub fn calculate(form: &CalculatorForm) -> Calculation {
    Calculation {
        significance: significance(form),
        sample_size: sample_size(form),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(a: (&str, &str), b: (&str, &str)) -> CalculatorForm {
        CalculatorForm {
            a_visitors: a.0.into(),
            a_conversions: a.1.into(),
            b_visitors: b.0.into(),
            b_conversions: b.1.into(),
            baseline: "5".into(),
            mde: "10".into(),
            daily: "1000".into(),
        }
    }

    /// The calculator computes only the tests it shows; they must be the
    /// statistics engine's own numbers for the same two arms.
    #[test]
    fn the_figures_are_the_full_analysis_figures() {
        use crate::domain::stats::analysis::{analyze, AnalysisInput, ArmInput, Metric};
        for (a, b) in [
            ((1000, 50), (1000, 60)),
            ((10_000, 500), (10_000, 600)),
            ((20_000, 1_000), (19_000, 1_100)),
            ((500, 0), (500, 3)),
            ((1_000_000, 31_000), (1_010_000, 30_500)),
            ((100, 100), (100, 99)),
        ] {
            let count = |n: u64| n.to_string();
            let calculated = significance(&form(
                (&count(a.0), &count(a.1)),
                (&count(b.0), &count(b.1)),
            ))
            .unwrap();
            let full = analyze(&AnalysisInput {
                metric: Some(Metric::Proportion),
                alpha: Some(ALPHA),
                expected_split: Some(vec![0.5, 0.5]),
                arms: Some(vec![
                    ArmInput::proportion("A", a.0, a.1),
                    ArmInput::proportion("B", b.0, b.1),
                ]),
                sequential_tuning: None,
                sample_size: None,
                mde: None,
            })
            .unwrap();
            let comparison = &full.comparisons.as_ref().unwrap().get("B").unwrap();
            let f = &comparison.freq_relative;
            let case = format!("{a:?} vs {b:?}");
            assert_eq!(calculated.lift, f.expected.num(), "{case}");
            assert_eq!(calculated.ci_low, f.ci_low.num(), "{case}");
            assert_eq!(calculated.ci_high, f.ci_high.num(), "{case}");
            assert_eq!(calculated.p_value, f.p_value.num(), "{case}");
            assert_eq!(
                calculated.chance_to_win,
                comparison.bayes_relative_prior.chance_to_win.num(),
                "{case}"
            );
            assert_eq!(
                calculated.srm_p_value,
                full.srm.as_ref().unwrap().p_value.num(),
                "{case}"
            );
        }
    }

    #[test]
    fn the_example_is_a_significant_win_for_b() {
        let example = CalculatorForm::from_query(&[]);
        let result = calculate(&example).significance.unwrap();
        assert!((result.rate_a - 0.05).abs() < 1e-12);
        assert!((result.lift.unwrap() - 0.2).abs() < 1e-9);
        assert!(result.significant, "{result:?}");
        assert!(
            result.verdict.starts_with("B converts better than A"),
            "{}",
            result.verdict
        );
        let size = calculate(&example).sample_size.unwrap();
        // 5 % baseline, +10 %: about 31,000 per variant (classical, unpooled).
        assert!((30_000..33_000).contains(&size.per_variant), "{size:?}");
        assert_eq!(size.days, Some(size.total.div_ceil(1000)));
    }

    #[test]
    fn a_small_difference_is_not_called() {
        let result = calculate(&form(("1000", "50"), ("1000", "55")))
            .significance
            .unwrap();
        assert!(!result.significant);
        assert!(
            result.verdict.starts_with("Not significant"),
            "{}",
            result.verdict
        );
    }

    #[test]
    fn bad_input_is_named_by_field() {
        let fields = |f: CalculatorForm| -> Vec<String> {
            calculate(&f)
                .significance
                .unwrap_err()
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        };
        assert_eq!(fields(form(("abc", "1"), ("10", "1"))), ["a_visitors"]);
        assert_eq!(fields(form(("10", "11"), ("10", "1"))), ["a_conversions"]);
        assert_eq!(fields(form(("0", "0"), ("10", "1"))), ["a_visitors"]);
        let mut big = form(("10", "1"), ("10", "1"));
        big.baseline = "60".into();
        big.mde = "100".into();
        assert_eq!(calculate(&big).sample_size.unwrap_err()[0].0, "mde");
        big.baseline = "0".into();
        assert_eq!(calculate(&big).sample_size.unwrap_err()[0].0, "baseline");
    }

    #[test]
    fn zero_conversions_give_a_reason_not_a_number() {
        let result = calculate(&form(("1000", "0"), ("1000", "0")))
            .significance
            .unwrap();
        assert_eq!(result.lift, None);
        assert!(
            result.verdict.starts_with("No lift can be computed"),
            "{}",
            result.verdict
        );
        assert!(!serde_json::to_string(&result).unwrap().contains("NaN"));
    }

    #[test]
    fn the_link_reproduces_the_form() {
        let f = CalculatorForm::from_query(&[]);
        let pairs: Vec<(String, String)> = f
            .to_query()
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect();
        assert_eq!(CalculatorForm::from_query(&pairs), f);
        assert_eq!(encode("5 000&x"), "5%20000%26x");
    }
}
