//! Engine-wide tests: reference values from scipy, statsmodels and gbstats
//! (`reference.json`, written by `scripts/stats-reference/generate.py`),
//! property tests, edge cases, and the sequential-testing simulation.

use super::analysis::{
    analyze_json, compare_mean, compare_proportion, compare_proportion_draws, relative_lift_tests,
    Comparison,
};
use super::beta;
use super::corrections::{benjamini_hochberg, holm};
use super::cuped::{adjusted, cuped, theta, CupedArm};
use super::descriptive::{MeanArm, ProportionArm};
use super::gbstats::{two_sided_ttest, Frequentist, GbStat};
use super::outcome::Val;
use super::power::{mde, sample_size, MdeInput, SampleSizeInput};
use super::rng::Rng;
use super::sequential::{sequential_ttest, DEFAULT_TUNING};
use super::srm::srm;
use super::welch::welch;
use proptest::prelude::*;
use serde_json::Value;

const REFERENCE: &str = include_str!("reference.json");
/// Closed-form methods must agree with the references to this relative error.
const REL: f64 = 1e-6;

fn reference() -> Value {
    serde_json::from_str(REFERENCE).expect("reference.json parses")
}

#[track_caller]
fn check(what: &str, actual: Val, expected: &Value, rel: f64) {
    match expected.as_f64() {
        None => assert!(
            actual.num().is_none(),
            "{what}: expected undefined, got {actual:?}"
        ),
        Some(e) => {
            let a = actual
                .num()
                .unwrap_or_else(|| panic!("{what}: expected {e}, got {actual:?}"));
            // An absolute floor for values that are 0 up to rounding.
            let tol = rel * e.abs().max(1e-12);
            assert!(
                (a - e).abs() <= tol,
                "{what}: {a} vs reference {e} (rel {:e})",
                (a - e).abs() / e.abs()
            );
        }
    }
}

fn check_freq(what: &str, actual: &Frequentist, expected: &Value) {
    let err = expected["error_message"].as_str();
    assert_eq!(actual.error_message, err, "{what}: error_message");
    if err.is_some() {
        assert!(actual.expected.num().is_none() && actual.p_value.num().is_none());
        return;
    }
    for field in ["expected", "ci_low", "ci_high", "stddev"] {
        let v = match field {
            "expected" => actual.expected,
            "ci_low" => actual.ci_low,
            "ci_high" => actual.ci_high,
            _ => actual.stddev,
        };
        check(&format!("{what}.{field}"), v, &expected[field], REL);
    }
    if let Some(dof) = expected.get("dof") {
        check(&format!("{what}.dof"), actual.dof, dof, REL);
    }
    // gbstats' own p (2·(1 − cdf)) wherever it has not rounded, else the
    // survival-function form computed by scipy.
    let p_ref = expected.get("p_value_sf").unwrap_or(&expected["p_value"]);
    check(&format!("{what}.p_value"), actual.p_value, p_ref, REL);
    if expected["p_value"].as_f64().is_some_and(|p| p > 1e-9) {
        check(
            &format!("{what}.p_value (gbstats)"),
            actual.p_value,
            &expected["p_value"],
            REL,
        );
    }
}

fn check_gb_blocks(what: &str, c: &Comparison, r: &Value) {
    check_freq(
        &format!("{what} freq_relative"),
        &c.freq_relative,
        &r["freq_relative"],
    );
    check_freq(
        &format!("{what} freq_absolute"),
        &c.freq_absolute,
        &r["freq_absolute"],
    );
    check_freq(
        &format!("{what} sequential_relative"),
        &c.sequential_relative,
        &r["sequential_relative"],
    );
    check_freq(
        &format!("{what} sequential_absolute"),
        &c.sequential_absolute,
        &r["sequential_absolute"],
    );
    for (name, b) in [
        ("bayes_relative", &c.bayes_relative),
        ("bayes_relative_prior", &c.bayes_relative_prior),
    ] {
        let e = &r[name];
        assert_eq!(
            b.error_message,
            e["error_message"].as_str(),
            "{what} {name}"
        );
        let fields = [
            ("chance_to_win", b.chance_to_win),
            ("expected", b.expected),
            ("ci_low", b.ci_low),
            ("ci_high", b.ci_high),
            ("risk_control", b.risk_control),
            ("risk_variant", b.risk_variant),
            ("stddev", b.stddev),
        ];
        for (field, v) in fields {
            check(&format!("{what} {name}.{field}"), v, &e[field], REL);
        }
    }
}

#[test]
fn proportion_tests_match_statsmodels_and_gbstats() {
    let r = reference();
    let alpha = r["alpha"].as_f64().unwrap();
    for (i, case) in r["proportion"].as_array().unwrap().iter().enumerate() {
        let arm = |v: &Value| ProportionArm {
            users: v["users"].as_u64().unwrap(),
            conversions: v["conversions"].as_u64().unwrap(),
        };
        let (c, v) = (arm(&case["control"]), arm(&case["variant"]));
        let cmp = compare_proportion(&c, &v, alpha, DEFAULT_TUNING);
        let what = format!("proportion[{i}]");
        let zu = cmp.z_unpooled.as_ref().unwrap();
        let e = &case["z_unpooled"];
        check(&format!("{what} diff"), zu.diff, &e["diff"], REL);
        check(&format!("{what} se"), zu.se, &e["se"], REL);
        check(&format!("{what} z"), zu.z, &e["z"], REL);
        check(&format!("{what} p"), zu.p_value, &e["p_value"], REL);
        check(&format!("{what} ci_low"), zu.ci_low, &e["ci_low"], REL);
        check(&format!("{what} ci_high"), zu.ci_high, &e["ci_high"], REL);
        let zp = cmp.z_pooled.as_ref().unwrap();
        check(
            &format!("{what} pooled z"),
            zp.z,
            &case["z_pooled"]["z"],
            REL,
        );
        check(
            &format!("{what} pooled p"),
            zp.p_value,
            &case["z_pooled"]["p_value"],
            REL,
        );
        let bp = cmp.beta_posterior.as_ref().unwrap();
        check(
            &format!("{what} beta exact"),
            bp.prob_variant_beats_control_exact,
            &case["beta_exact"],
            1e-8,
        );
        let mc = bp.prob_variant_beats_control_mc.num().unwrap();
        let exact = case["beta_exact"].as_f64().unwrap();
        // 100k draws: standard error ≤ 0.0016, so 0.01 is > 6 SE.
        assert!(
            (mc - exact).abs() < 0.01,
            "{what} beta MC {mc} vs exact {exact}"
        );
        check_gb_blocks(&what, &cmp, case);
    }
}

#[test]
fn mean_tests_match_scipy_and_gbstats() {
    let r = reference();
    let alpha = r["alpha"].as_f64().unwrap();
    for (i, case) in r["mean"].as_array().unwrap().iter().enumerate() {
        let arm = |v: &Value| MeanArm {
            n: v["n"].as_u64().unwrap(),
            sum: v["sum"].as_f64().unwrap(),
            sum_squares: v["sum_squares"].as_f64().unwrap(),
        };
        let (c, v) = (arm(&case["control"]), arm(&case["variant"]));
        let what = format!("mean[{i}]");
        let w = welch(&c, &v, alpha);
        let e = &case["welch"];
        for (field, val) in [
            ("diff", w.diff),
            ("t", w.t),
            ("df", w.df),
            ("se", w.se),
            ("p_value", w.p_value),
            ("ci_low", w.ci_low),
            ("ci_high", w.ci_high),
        ] {
            check(&format!("{what} welch.{field}"), val, &e[field], REL);
        }
        check_gb_blocks(
            &what,
            &compare_mean(&c, &v, alpha, DEFAULT_TUNING, None),
            case,
        );
    }
}

fn cuped_arm(v: &Value) -> CupedArm {
    let g = |k: &str| v[k].as_f64().unwrap();
    CupedArm {
        n: v["n"].as_u64().unwrap(),
        sum: g("sum"),
        sum_squares: g("sum_squares"),
        pre_sum: g("pre_sum"),
        pre_sum_squares: g("pre_sum_squares"),
        sum_products: g("sum_products"),
    }
}

#[test]
fn cuped_matches_gbstats_regression_adjustment() {
    let r = reference();
    for (i, case) in r["cuped"].as_array().unwrap().iter().enumerate() {
        let (c, v) = (cuped_arm(&case["control"]), cuped_arm(&case["variant"]));
        let what = format!("cuped[{i}]");
        let th = theta(&c, &v);
        check(&format!("{what} theta"), Val::Num(th), &case["theta"], REL);
        check(
            &format!("{what} var c"),
            Val::Num(adjusted(&c, th).variance),
            &case["var_adjusted_control"],
            REL,
        );
        check(
            &format!("{what} var v"),
            Val::Num(adjusted(&v, th).variance),
            &case["var_adjusted_variant"],
            REL,
        );
        let out = cuped(&c, &v, 0.05);
        check_freq(
            &format!("{what} freq_relative"),
            &out.freq_relative,
            &case["freq_relative"],
        );
        check_freq(
            &format!("{what} freq_absolute"),
            &out.freq_absolute,
            &case["freq_absolute"],
        );
        let reduction = out.summary.variance_reduction.num().unwrap();
        assert!(
            reduction > 0.3,
            "{what}: correlated covariate removes variance ({reduction})"
        );
        // And the adjusted interval is narrower than the unadjusted one.
        let raw = compare_mean(&c.post(), &v.post(), 0.05, DEFAULT_TUNING, None);
        let width = |f: &Frequentist| f.ci_high.unwrap_or(0.0) - f.ci_low.unwrap_or(0.0);
        assert!(width(&out.freq_absolute) < width(&raw.freq_absolute));
    }
}

#[test]
fn srm_matches_scipy_chisquare_and_gbstats() {
    for (i, case) in reference()["srm"].as_array().unwrap().iter().enumerate() {
        let users: Vec<u64> = case["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_u64().unwrap())
            .collect();
        let weights: Vec<f64> = case["weights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_f64().unwrap())
            .collect();
        let s = srm(&users, &weights);
        check(&format!("srm[{i}] chi2"), s.chi2, &case["chi2"], REL);
        check(&format!("srm[{i}] df"), s.df, &case["df"], REL);
        check(&format!("srm[{i}] p"), s.p_value, &case["p_value"], REL);
        check(
            &format!("srm[{i}] gbstats p"),
            s.p_value,
            &case["gbstats_p_value"],
            REL,
        );
        assert_eq!(s.flagged, case["p_value"].as_f64().unwrap() < 0.001);
    }
}

#[test]
fn sample_sizes_match_statsmodels() {
    for (i, case) in reference()["power"].as_array().unwrap().iter().enumerate() {
        let input: SampleSizeInput = serde_json::from_value(case["input"].clone()).unwrap();
        let s = sample_size(&input);
        let what = format!("power[{i}]");
        check(
            &format!("{what} p_variant"),
            s.cohens_h_power.p_variant,
            &case["p_variant"],
            REL,
        );
        // statsmodels' proportion_effectsize(variant, control) has the same sign.
        check(
            &format!("{what} h"),
            s.cohens_h_power.cohens_h,
            &case["cohens_h"],
            REL,
        );
        check(
            &format!("{what} n h power"),
            s.cohens_h_power.n_per_arm,
            &case["n_cohens_h_power"],
            REL,
        );
        check(
            &format!("{what} n h closed"),
            s.cohens_h_closed_form.n_per_arm,
            &case["n_cohens_h_closed_form"],
            REL,
        );
        check(
            &format!("{what} n classical"),
            s.classical.n_per_arm,
            &case["n_classical"],
            REL,
        );
        check(
            &format!("{what} n unpooled"),
            s.classical_unpooled.n_per_arm,
            &case["n_classical_unpooled"],
            REL,
        );
        let n = s.classical.n_per_arm.num().unwrap();
        assert_eq!(s.classical.n_per_arm_ceil, Val::Num(n.ceil()));
    }
}

#[test]
fn mde_inverts_sample_size() {
    for (i, case) in reference()["mde"].as_array().unwrap().iter().enumerate() {
        let input: MdeInput = serde_json::from_value(case["input"].clone()).unwrap();
        let m = mde(&input);
        check(
            &format!("mde[{i}]"),
            m.relative_mde_cohens_h_power,
            &case["relative_mde_cohens_h_power"],
            REL,
        );
        // Round trip: the classical n for the classical MDE is the n we gave.
        let back = sample_size(&SampleSizeInput {
            baseline_rate: input.baseline_rate,
            relative_mde: m.relative_mde_classical.num().unwrap(),
            alpha: input.alpha,
            power: input.power,
            ratio: input.ratio,
        });
        check(
            &format!("mde[{i}] round trip"),
            back.classical.n_per_arm,
            &Value::from(input.n_per_arm),
            1e-9,
        );
        let back_h = sample_size(&SampleSizeInput {
            relative_mde: m.relative_mde_cohens_h_closed_form.num().unwrap(),
            ..serde_json::from_value(serde_json::json!({"baseline_rate": input.baseline_rate, "relative_mde": 0.1, "alpha": input.alpha, "power": input.power, "ratio": input.ratio})).unwrap()
        });
        check(
            &format!("mde[{i}] h round trip"),
            back_h.cohens_h_closed_form.n_per_arm,
            &Value::from(input.n_per_arm),
            1e-9,
        );
    }
}

#[test]
fn corrections_match_statsmodels_multipletests() {
    let r = reference();
    let c = &r["corrections"];
    let p: Vec<Val> = c["p"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| Val::Num(x.as_f64().unwrap()))
        .collect();
    for (k, (h, b)) in holm(&p).iter().zip(benjamini_hochberg(&p)).enumerate() {
        check(&format!("holm[{k}]"), *h, &c["holm"][k], 1e-12);
        check(&format!("bh[{k}]"), b, &c["bh"][k], 1e-12);
    }
    // Undefined p-values are not hypotheses: they stay undefined, m shrinks.
    let mixed = [Val::Num(0.01), Val::Undefined("x"), Val::Num(0.04)];
    let h = holm(&mixed);
    assert_eq!(h[0], Val::Num(0.02));
    assert!(h[1].num().is_none());
    assert_eq!(h[2], Val::Num(0.04));
}

// ---------------------------------------------------------------- edge cases

/// Every null in the output has its reason in the block's "undefined" map
/// (error_message is the reason itself), and no number is NaN or infinite.
fn assert_nulls_explained(v: &Value, path: &str) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if child.is_null() && k != "error_message" {
                    let reason = map
                        .get("undefined")
                        .and_then(|u| u.get(k))
                        .and_then(Value::as_str);
                    assert!(
                        reason.is_some_and(|r| !r.is_empty()),
                        "{path}.{k} is null without a reason"
                    );
                }
                if k != "undefined" {
                    assert_nulls_explained(child, &format!("{path}.{k}"));
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| assert_nulls_explained(x, path)),
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{path}: {n}"),
        _ => {}
    }
}

fn run(json: &str) -> Value {
    let analysis = analyze_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let text = serde_json::to_string(&analysis).unwrap();
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_nulls_explained(&v, "$");
    v
}

#[test]
fn hostile_inputs_give_numbers_or_reasons_never_nan_or_panic() {
    let prop = |c: &str, v: &str| {
        format!(
            r#"{{"metric":"proportion","arms":[{{"name":"control",{c}}},{{"name":"v1",{v}}}]}}"#
        )
    };
    for (c, v) in [
        (
            r#""users":0,"conversions":0"#,
            r#""users":0,"conversions":0"#,
        ),
        (
            r#""users":0,"conversions":0"#,
            r#""users":10,"conversions":3"#,
        ),
        (
            r#""users":1000,"conversions":0"#,
            r#""users":1000,"conversions":0"#,
        ),
        (
            r#""users":1000,"conversions":1000"#,
            r#""users":1000,"conversions":1000"#,
        ),
        (
            r#""users":1000,"conversions":0"#,
            r#""users":1000,"conversions":1000"#,
        ),
        (
            r#""users":1,"conversions":1"#,
            r#""users":1,"conversions":0"#,
        ),
        (
            r#""users":10000000,"conversions":100000"#,
            r#""users":10000000,"conversions":200000"#,
        ),
        (
            r#""users":10000000,"conversions":5000000"#,
            r#""users":10000000,"conversions":5001000"#,
        ),
        (
            r#""users":18446744073709551615,"conversions":7"#,
            r#""users":18446744073709551615,"conversions":9"#,
        ),
    ] {
        run(&prop(c, v));
    }
    // p far below 1e-300 is reported (as a tiny number or 0), not NaN.
    let v = run(&prop(
        r#""users":10000000,"conversions":100000"#,
        r#""users":10000000,"conversions":200000"#,
    ));
    let p = v["comparisons"]["v1"]["z_unpooled"]["p_value"]
        .as_f64()
        .unwrap();
    assert!(p < 1e-300);
    let ctw = v["comparisons"]["v1"]["beta_posterior"]["prob_variant_beats_control_exact"]
        .as_f64()
        .unwrap();
    assert_eq!(ctw, 1.0);
    // One arm: nothing to compare, SRM undefined with a reason.
    let v =
        run(r#"{"metric":"proportion","arms":[{"name":"control","users":10,"conversions":1}]}"#);
    assert_eq!(v["comparisons"], serde_json::json!({}));
    assert!(v["srm"]["p_value"].is_null());
    for arms in [
        r#"{"name":"c","n":0,"sum":0,"sum_squares":0},{"name":"v","n":0,"sum":0,"sum_squares":0}"#,
        r#"{"name":"c","n":1,"sum":5,"sum_squares":25},{"name":"v","n":1,"sum":5,"sum_squares":25}"#,
        r#"{"name":"c","n":3,"sum":6,"sum_squares":12},{"name":"v","n":3,"sum":6,"sum_squares":12}"#,
        r#"{"name":"c","n":3,"sum":1e300,"sum_squares":1e300},{"name":"v","n":3,"sum":-1e300,"sum_squares":1e300}"#,
        r#"{"name":"c","n":100,"sum":-50,"sum_squares":400},{"name":"v","n":100,"sum":60,"sum_squares":500}"#,
        r#"{"name":"c","n":100,"sum":0,"sum_squares":400},{"name":"v","n":100,"sum":60,"sum_squares":500}"#,
    ] {
        run(&format!(r#"{{"metric":"mean","arms":[{arms}]}}"#));
    }
    for bad in [
        r#"{"metric":"proportion","arms":[{"name":"c","users":5,"conversions":6}]}"#,
        r#"{"metric":"proportion","arms":[]}"#,
        r#"{"metric":"proportion","alpha":1.5,"arms":[{"name":"c","users":5,"conversions":1}]}"#,
        r#"{"metric":"proportion","expected_split":[1],"arms":[{"name":"c","users":5,"conversions":1},{"name":"v","users":5,"conversions":1}]}"#,
        r#"{"metric":"proportion","arms":[{"name":"c","users":5,"conversions":1},{"name":"c","users":5,"conversions":1}]}"#,
        r#"{"metric":"mean","arms":[{"name":"c","users":5,"conversions":1}]}"#,
        r#"{"arms":[{"name":"c","users":5,"conversions":1}]}"#,
        r#"{}"#,
        r#"[1,2]"#,
        "not json",
    ] {
        assert!(analyze_json(bad).is_err(), "{bad} should be refused");
    }
    for s in [
        r#"{"sample_size":{"baseline_rate":0,"relative_mde":0.1}}"#,
        r#"{"sample_size":{"baseline_rate":0.9,"relative_mde":0.5}}"#,
        r#"{"sample_size":{"baseline_rate":0.05,"relative_mde":1e-12}}"#,
        r#"{"sample_size":{"baseline_rate":0.05,"relative_mde":0.1,"power":0.01}}"#,
        r#"{"mde":{"baseline_rate":0.5,"n_per_arm":3}}"#,
        r#"{"mde":{"baseline_rate":0.05,"n_per_arm":0}}"#,
    ] {
        run(s);
    }
}

proptest! {
    /// The read-out's shortcut computes exactly what the whole comparison
    /// reports in the same fields, refusals included.
    #[test]
    fn relative_lift_tests_equal_the_whole_comparison(
        users_c in 0u64..5_000_000,
        users_v in 0u64..5_000_000,
        rate_c in 0.0f64..=1.0,
        rate_v in 0.0f64..=1.0,
    ) {
        let c = ProportionArm { users: users_c, conversions: (users_c as f64 * rate_c) as u64 };
        let v = ProportionArm { users: users_v, conversions: (users_v as f64 * rate_v) as u64 };
        let whole = compare_proportion_draws(&c, &v, 0.05, DEFAULT_TUNING, 10);
        let tests = relative_lift_tests(&c, &v, 0.05);
        prop_assert_eq!(tests.fixed, whole.freq_relative);
        prop_assert_eq!(tests.sequential, whole.sequential_relative);
        prop_assert_eq!(tests.bayes_prior, whole.bayes_relative_prior);
    }
}

#[test]
fn gbstats_refusals_are_reasons() {
    let c = ProportionArm {
        users: 1000,
        conversions: 0,
    };
    let v = ProportionArm {
        users: 1000,
        conversions: 10,
    };
    let cmp = compare_proportion(&c, &v, 0.05, DEFAULT_TUNING);
    assert_eq!(
        cmp.freq_relative.error_message,
        Some("ZERO_NEGATIVE_BASELINE_VARIATION")
    );
    assert!(cmp.freq_relative.p_value.num().is_none());
    let json = serde_json::to_value(&cmp.freq_relative).unwrap();
    assert!(json["p_value"].is_null());
    assert_eq!(
        json["undefined"]["p_value"],
        "ZERO_NEGATIVE_BASELINE_VARIATION"
    );
}

#[test]
fn the_issue_example_runs_end_to_end() {
    let v = run(
        r#"{"metric":"proportion","alpha":0.05,"expected_split":[0.5,0.5],"arms":[
        {"name":"control","users":1000,"conversions":52},{"name":"v1","users":1000,"conversions":67}]}"#,
    );
    let c = &v["comparisons"]["v1"];
    for block in [
        "descriptive",
        "z_unpooled",
        "z_pooled",
        "freq_relative",
        "freq_absolute",
        "bayes_relative",
        "bayes_relative_prior",
        "beta_posterior",
        "corrections",
    ] {
        assert!(c[block].is_object(), "missing {block}");
    }
    assert_eq!(v["srm"]["df"], 1.0);
    let v = run(
        r#"{"sample_size":{"baseline_rate":0.05,"relative_mde":0.1,"alpha":0.05,"power":0.8,"ratio":1}}"#,
    );
    assert!(
        v["sample_size"]["cohens_h_power"]["n_per_arm_ceil"]
            .as_f64()
            .unwrap()
            > 30_000.0
    );
}

// -------------------------------------------------------------- properties

fn prop_arm() -> impl Strategy<Value = ProportionArm> {
    (1u64..200_000)
        .prop_flat_map(|users| (Just(users), 0..=users))
        .prop_map(|(users, conversions)| ProportionArm { users, conversions })
}

fn in_unit(v: Val) -> bool {
    v.num().is_none_or(|p| (0.0..=1.0).contains(&p))
}

fn contains(low: Val, x: Val, high: Val) -> bool {
    match (low.num(), x.num(), high.num()) {
        (Some(l), Some(x), Some(h)) => l <= x && x <= h,
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn p_values_are_probabilities_and_intervals_contain_estimates(c in prop_arm(), v in prop_arm()) {
        let cmp = compare_proportion_draws(&c, &v, 0.05, DEFAULT_TUNING, 200);
        let zu = cmp.z_unpooled.as_ref().unwrap();
        prop_assert!(in_unit(zu.p_value) && in_unit(cmp.z_pooled.as_ref().unwrap().p_value));
        prop_assert!(contains(zu.ci_low, zu.diff, zu.ci_high));
        for f in [&cmp.freq_relative, &cmp.freq_absolute, &cmp.sequential_relative, &cmp.sequential_absolute] {
            prop_assert!(in_unit(f.p_value));
            prop_assert!(contains(f.ci_low, f.expected, f.ci_high));
        }
        for b in [&cmp.bayes_relative, &cmp.bayes_relative_prior] {
            prop_assert!(in_unit(b.chance_to_win));
            prop_assert!(contains(b.ci_low, b.expected, b.ci_high));
            prop_assert!(b.risk_control.num().is_none_or(|r| r >= 0.0));
            prop_assert!(b.risk_variant.num().is_none_or(|r| r >= 0.0));
        }
        let bp = cmp.beta_posterior.as_ref().unwrap();
        prop_assert!(in_unit(bp.prob_variant_beats_control_exact));
        // The sequential interval is always at least as wide as the fixed one.
        if let (Some(s), Some(f)) = (cmp.sequential_absolute.ci_high.num(), cmp.freq_absolute.ci_high.num()) {
            prop_assert!(s >= f - 1e-12);
        }
    }

    #[test]
    fn swapping_arms_mirrors_the_results(c in prop_arm(), v in prop_arm()) {
        let ab = compare_proportion_draws(&c, &v, 0.05, DEFAULT_TUNING, 200);
        let ba = compare_proportion_draws(&v, &c, 0.05, DEFAULT_TUNING, 200);
        let (x, y) = (ab.z_unpooled.unwrap(), ba.z_unpooled.unwrap());
        let near = |a: Val, b: Val| match (a.num(), b.num()) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12),
            (None, None) => true,
            _ => false,
        };
        let neg = |a: Val| a.num().map_or(a, |x| Val::Num(-x));
        prop_assert!(near(x.z, neg(y.z)));
        prop_assert!(near(x.p_value, y.p_value));
        prop_assert!(near(x.ci_low, neg(y.ci_high)) && near(x.ci_high, neg(y.ci_low)));
        prop_assert!(near(ab.z_pooled.unwrap().p_value, ba.z_pooled.unwrap().p_value));
        prop_assert!(near(ab.freq_absolute.p_value, ba.freq_absolute.p_value));
        // P(B > A) + P(A > B) = 1 for continuous posteriors.
        let (p, q) = (beta::exact(&c, &v).num().unwrap(), beta::exact(&v, &c).num().unwrap());
        prop_assert!((p + q - 1.0).abs() < 1e-8, "{} + {}", p, q);
        // Same arms: no difference, no winner.
        let same = compare_proportion_draws(&c, &c, 0.05, DEFAULT_TUNING, 200);
        prop_assert!(same.z_unpooled.unwrap().p_value.num().is_none_or(|p| (p - 1.0).abs() < 1e-12));
        prop_assert!((beta::exact(&c, &c).num().unwrap() - 0.5).abs() < 1e-8);
    }

    #[test]
    fn more_data_at_the_same_rates_never_widens_an_interval(c in prop_arm(), v in prop_arm(), k in 2u64..50) {
        let scale = |a: &ProportionArm| ProportionArm { users: a.users * k, conversions: a.conversions * k };
        let small = compare_proportion_draws(&c, &v, 0.05, DEFAULT_TUNING, 200);
        let big = compare_proportion_draws(&scale(&c), &scale(&v), 0.05, DEFAULT_TUNING, 200);
        let width = |l: Val, h: Val| h.num().zip(l.num()).map(|(h, l)| h - l);
        let pairs = [
            (width(small.z_unpooled.as_ref().unwrap().ci_low, small.z_unpooled.as_ref().unwrap().ci_high),
             width(big.z_unpooled.as_ref().unwrap().ci_low, big.z_unpooled.as_ref().unwrap().ci_high)),
            (width(small.freq_relative.ci_low, small.freq_relative.ci_high), width(big.freq_relative.ci_low, big.freq_relative.ci_high)),
            (width(small.freq_absolute.ci_low, small.freq_absolute.ci_high), width(big.freq_absolute.ci_low, big.freq_absolute.ci_high)),
            (width(small.sequential_absolute.ci_low, small.sequential_absolute.ci_high), width(big.sequential_absolute.ci_low, big.sequential_absolute.ci_high)),
            (width(small.bayes_relative.ci_low, small.bayes_relative.ci_high), width(big.bayes_relative.ci_low, big.bayes_relative.ci_high)),
        ];
        for (s, b) in pairs {
            if let (Some(s), Some(b)) = (s, b) {
                prop_assert!(b <= s * (1.0 + 1e-12), "{} widened to {}", s, b);
            }
        }
    }

    #[test]
    fn welch_is_antisymmetric(n1 in 2u64..10_000, n2 in 2u64..10_000, m1 in -100.0..100.0f64, m2 in -100.0..100.0f64, s1 in 0.1..50.0f64, s2 in 0.1..50.0f64) {
        let arm = |n: u64, m: f64, s: f64| {
            let nf = n as f64;
            MeanArm { n, sum: m * nf, sum_squares: s * s * (nf - 1.0) + m * m * nf }
        };
        let (a, b) = (arm(n1, m1, s1), arm(n2, m2, s2));
        let (x, y) = (welch(&a, &b, 0.05), welch(&b, &a, 0.05));
        prop_assert!(in_unit(x.p_value));
        prop_assert!(contains(x.ci_low, x.diff, x.ci_high));
        let (px, py) = (x.p_value.num().unwrap(), y.p_value.num().unwrap());
        prop_assert!((px - py).abs() <= 1e-9 * px.max(1e-300));
        prop_assert!((x.t.num().unwrap() + y.t.num().unwrap()).abs() <= 1e-9 * x.t.num().unwrap().abs().max(1e-12));
    }
}

// ----------------------------------------------------- sequential testing

/// A/A simulation: both arms convert at 10%, 500 users per arm per day, a
/// look every day for 20 days. Rejecting at any look with the fixed-horizon
/// p-value inflates the false-positive rate far above alpha; the always-valid
/// sequential p-value keeps it at or below alpha.
#[test]
fn daily_peeking_keeps_sequential_error_at_alpha_but_not_fixed_horizon() {
    const RUNS: u32 = 2_000;
    const DAYS: u32 = 20;
    const PER_DAY: u64 = 500;
    const RATE: f64 = 0.10;
    const SEED: u64 = 20_240_612;
    let alpha = 0.05;
    let mut rng = Rng::seeded(SEED);
    let (mut fixed_any, mut fixed_final, mut seq_any) = (0u32, 0u32, 0u32);
    for _ in 0..RUNS {
        let (mut c, mut v) = (
            ProportionArm {
                users: 0,
                conversions: 0,
            },
            ProportionArm {
                users: 0,
                conversions: 0,
            },
        );
        let (mut f_hit, mut s_hit) = (false, false);
        for day in 1..=DAYS {
            c.users += PER_DAY;
            v.users += PER_DAY;
            c.conversions += rng.binomial(PER_DAY, RATE);
            v.conversions += rng.binomial(PER_DAY, RATE);
            let (a, b) = (
                GbStat::from_summary(c.summary()),
                GbStat::from_summary(v.summary()),
            );
            let fixed = two_sided_ttest(&a, &b, alpha, false).p_value.unwrap_or(1.0);
            let seq = sequential_ttest(&a, &b, alpha, false, DEFAULT_TUNING)
                .p_value
                .unwrap_or(1.0);
            f_hit |= fixed < alpha;
            s_hit |= seq < alpha;
            if day == DAYS && fixed < alpha {
                fixed_final += 1;
            }
        }
        fixed_any += f_hit as u32;
        seq_any += s_hit as u32;
    }
    let rate = |k: u32| k as f64 / RUNS as f64;
    println!(
        "A/A, {RUNS} runs, seed {SEED}, {DAYS} daily looks of {PER_DAY}/arm at {RATE}: \
         fixed-horizon with peeking {:.4}, fixed-horizon final look only {:.4}, sequential with peeking {:.4}",
        rate(fixed_any), rate(fixed_final), rate(seq_any)
    );
    assert!(
        rate(seq_any) <= alpha,
        "sequential false-positive rate {}",
        rate(seq_any)
    );
    assert!(
        rate(fixed_any) > 2.0 * alpha,
        "peeking should inflate the fixed test: {}",
        rate(fixed_any)
    );
    // The fixed test is honest when looked at once (±3 SE of 0.05 at 2,000 runs).
    assert!(
        (rate(fixed_final) - alpha).abs() < 0.015,
        "fixed final-look rate {}",
        rate(fixed_final)
    );
}
