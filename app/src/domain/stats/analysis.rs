//! The whole analysis of one metric, as `server stats analyze`, the API and
//! the results page show it: input validation, then every block of every
//! variant-vs-control comparison. The first arm is the control.

use super::bayes::{gaussian_bayes, Bayesian, DEFAULT_PRIOR};
use super::beta::{beta_posterior, BetaPosterior, MC_DRAWS};
use super::corrections::{benjamini_hochberg, holm};
use super::cuped::{cuped, Cuped, CupedArm};
use super::descriptive::{
    mean_descriptive, proportion_descriptive, MeanArm, MeanDescriptive, ProportionArm,
    ProportionDescriptive,
};
use super::gbstats::{two_sided_ttest, Frequentist, GbStat};
use super::outcome::{stats_block, Val};
use super::power::{mde, sample_size, Mde, MdeInput, SampleSize, SampleSizeInput};
use super::proportion::{z_pooled, z_unpooled, ZPooled, ZUnpooled};
use super::sequential::{sequential_ttest, DEFAULT_TUNING};
use super::srm::{srm, Srm};
use super::welch::{welch, Welch};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    Proportion,
    Mean,
}

/// One arm as submitted; which fields are required depends on the metric.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmInput {
    pub name: String,
    pub users: Option<u64>,
    pub conversions: Option<u64>,
    pub n: Option<u64>,
    pub sum: Option<f64>,
    pub sum_squares: Option<f64>,
    pub pre_sum: Option<f64>,
    pub pre_sum_squares: Option<f64>,
    pub sum_products: Option<f64>,
}

impl ArmInput {
    /// A proportion arm: `conversions` of `users`.
    pub fn proportion(name: &str, users: u64, conversions: u64) -> ArmInput {
        ArmInput {
            name: name.to_string(),
            users: Some(users),
            conversions: Some(conversions),
            n: None,
            sum: None,
            sum_squares: None,
            pre_sum: None,
            pre_sum_squares: None,
            sum_products: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisInput {
    pub metric: Option<Metric>,
    pub alpha: Option<f64>,
    pub expected_split: Option<Vec<f64>>,
    pub arms: Option<Vec<ArmInput>>,
    /// N* of the sequential boundary (default 5,000, as GrowthBook).
    pub sequential_tuning: Option<f64>,
    pub sample_size: Option<SampleSizeInput>,
    pub mde: Option<MdeInput>,
}

/// Input that cannot be analysed at all (as opposed to a statistic that is
/// undefined for valid input, which is a null with a reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

fn bad(msg: impl Into<String>) -> InputError {
    InputError(msg.into())
}

stats_block! {
    /// Holm and Benjamini–Hochberg adjustments of this comparison's primary
    /// p-value across all variants of the metric.
    pub struct Corrections {
        pub p_value: Val,
        pub p_holm: Val,
        pub p_bh: Val,
        ;
        /// Which test the p-value comes from: "z_unpooled" or "welch".
        pub source: &'static str,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptive: Option<ProportionDescriptive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptive_mean: Option<MeanDescriptive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub z_unpooled: Option<ZUnpooled>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub z_pooled: Option<ZPooled>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welch: Option<Welch>,
    pub freq_relative: Frequentist,
    pub freq_absolute: Frequentist,
    pub sequential_relative: Frequentist,
    pub sequential_absolute: Frequentist,
    pub bayes_relative: Bayesian,
    pub bayes_relative_prior: Bayesian,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta_posterior: Option<BetaPosterior>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cuped: Option<Cuped>,
    pub corrections: Corrections,
}

/// Comparisons keyed by variant name, in arm order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparisons(pub Vec<(String, Comparison)>);

impl Serialize for Comparisons {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, c) in &self.0 {
            map.serialize_entry(name, c)?;
        }
        map.end()
    }
}

impl Comparisons {
    pub fn get(&self, name: &str) -> Option<&Comparison> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub srm: Option<Srm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparisons: Option<Comparisons>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_size: Option<SampleSize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mde: Option<Mde>,
}

/// Parses and analyses a JSON request (the CLI's and API's entry point).
pub fn analyze_json(json: &str) -> Result<Analysis, InputError> {
    let input: AnalysisInput =
        serde_json::from_str(json).map_err(|e| bad(format!("invalid input: {e}")))?;
    analyze(&input)
}

enum Arms {
    Proportion(Vec<ProportionArm>),
    Mean(Vec<MeanArm>, Option<Vec<CupedArm>>),
}

fn validate_arms(metric: Metric, arms: &[ArmInput]) -> Result<Arms, InputError> {
    if arms.is_empty() {
        return Err(bad("arms: at least one arm (the control) is required"));
    }
    for (i, a) in arms.iter().enumerate() {
        if a.name.trim().is_empty() {
            return Err(bad(format!("arms[{i}].name: must not be empty")));
        }
        if arms[..i].iter().any(|b| b.name == a.name) {
            return Err(bad(format!("arms[{i}].name: duplicate name {:?}", a.name)));
        }
    }
    let finite = |i: usize, field: &str, x: Option<f64>| -> Result<f64, InputError> {
        match x {
            Some(x) if x.is_finite() => Ok(x),
            Some(_) => Err(bad(format!("arms[{i}].{field}: must be a finite number"))),
            None => Err(bad(format!(
                "arms[{i}].{field}: required for a {metric:?} metric"
            ))),
        }
    };
    match metric {
        Metric::Proportion => arms
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let users = a.users.ok_or_else(|| {
                    bad(format!("arms[{i}].users: required for a proportion metric"))
                })?;
                let conversions = a.conversions.ok_or_else(|| {
                    bad(format!(
                        "arms[{i}].conversions: required for a proportion metric"
                    ))
                })?;
                if conversions > users {
                    return Err(bad(format!(
                        "arms[{i}].conversions: {conversions} is more than users ({users})"
                    )));
                }
                Ok(ProportionArm { users, conversions })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Arms::Proportion),
        Metric::Mean => {
            let mut means = Vec::with_capacity(arms.len());
            for (i, a) in arms.iter().enumerate() {
                let n =
                    a.n.ok_or_else(|| bad(format!("arms[{i}].n: required for a mean metric")))?;
                let sum = finite(i, "sum", a.sum)?;
                let sum_squares = finite(i, "sum_squares", a.sum_squares)?;
                if sum_squares < 0.0 {
                    return Err(bad(format!("arms[{i}].sum_squares: must not be negative")));
                }
                means.push(MeanArm {
                    n,
                    sum,
                    sum_squares,
                });
            }
            let has_pre = |a: &ArmInput| {
                a.pre_sum.is_some() || a.pre_sum_squares.is_some() || a.sum_products.is_some()
            };
            let cuped = if arms.iter().any(has_pre) {
                let mut out = Vec::with_capacity(arms.len());
                for (i, (a, m)) in arms.iter().zip(&means).enumerate() {
                    let pre_sum = finite(i, "pre_sum", a.pre_sum)?;
                    let pre_sum_squares = finite(i, "pre_sum_squares", a.pre_sum_squares)?;
                    let sum_products = finite(i, "sum_products", a.sum_products)?;
                    out.push(CupedArm {
                        n: m.n,
                        sum: m.sum,
                        sum_squares: m.sum_squares,
                        pre_sum,
                        pre_sum_squares,
                        sum_products,
                    });
                }
                Some(out)
            } else {
                None
            };
            Ok(Arms::Mean(means, cuped))
        }
    }
}

pub fn analyze(input: &AnalysisInput) -> Result<Analysis, InputError> {
    let alpha = input.alpha.unwrap_or(0.05);
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(bad("alpha: must be strictly between 0 and 1"));
    }
    let tuning = input.sequential_tuning.unwrap_or(DEFAULT_TUNING);
    if !(tuning > 0.0 && tuning.is_finite()) {
        return Err(bad("sequential_tuning: must be a positive number"));
    }
    if input.arms.is_none() && input.sample_size.is_none() && input.mde.is_none() {
        return Err(bad("expected arms (with metric), sample_size or mde"));
    }
    let mut out = Analysis {
        metric: input.metric,
        alpha: None,
        srm: None,
        comparisons: None,
        sample_size: None,
        mde: None,
    };
    if let Some(arms) = &input.arms {
        let metric = input
            .metric
            .ok_or_else(|| bad("metric: required with arms (\"proportion\" or \"mean\")"))?;
        let arms_ok = validate_arms(metric, arms)?;
        let split = match &input.expected_split {
            Some(w) if w.len() != arms.len() => {
                return Err(bad(format!(
                    "expected_split: {} weights for {} arms",
                    w.len(),
                    arms.len()
                )))
            }
            Some(w) if w.iter().any(|x| !(x.is_finite() && *x > 0.0)) => {
                return Err(bad(
                    "expected_split: every weight must be a positive number",
                ))
            }
            Some(w) => w.clone(),
            None => vec![1.0; arms.len()],
        };
        let names: Vec<String> = arms.iter().map(|a| a.name.clone()).collect();
        let (users, mut comparisons): (Vec<u64>, Vec<(String, Comparison)>) = match &arms_ok {
            Arms::Proportion(p) => (
                p.iter().map(|a| a.users).collect(),
                p.iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, v)| {
                        (
                            names[i].clone(),
                            compare_proportion(&p[0], v, alpha, tuning),
                        )
                    })
                    .collect(),
            ),
            Arms::Mean(m, cup) => (
                m.iter().map(|a| a.n).collect(),
                m.iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, v)| {
                        let cuped = cup.as_ref().map(|c| cuped(&c[0], &c[i], alpha));
                        (
                            names[i].clone(),
                            compare_mean(&m[0], v, alpha, tuning, cuped),
                        )
                    })
                    .collect(),
            ),
        };
        let primary: Vec<Val> = comparisons
            .iter()
            .map(|(_, c)| c.corrections.p_value)
            .collect();
        let (h, bh) = (holm(&primary), benjamini_hochberg(&primary));
        for (k, (_, c)) in comparisons.iter_mut().enumerate() {
            c.corrections.p_holm = h[k];
            c.corrections.p_bh = bh[k];
        }
        out.alpha = Some(alpha);
        out.srm = Some(srm(&users, &split));
        out.comparisons = Some(Comparisons(comparisons));
    }
    out.sample_size = input.sample_size.as_ref().map(sample_size);
    out.mde = input.mde.as_ref().map(mde);
    Ok(out)
}

fn gb_tests(a: &GbStat, b: &GbStat, alpha: f64, tuning: f64) -> [Frequentist; 4] {
    [
        two_sided_ttest(a, b, alpha, true),
        two_sided_ttest(a, b, alpha, false),
        sequential_ttest(a, b, alpha, true, tuning),
        sequential_ttest(a, b, alpha, false, tuning),
    ]
}

fn corrections(p_value: Val, source: &'static str) -> Corrections {
    Corrections {
        p_value,
        p_holm: p_value,
        p_bh: p_value,
        source,
    }
}

/// The three tests of a proportion metric's relative lift that an
/// experiment's read-out chooses from (by its engine), alone: the results
/// page needs no other block, and the Beta posterior's exact sum and Monte
/// Carlo draws cost tens of milliseconds at a million visitors. Equal to
/// the same fields of [`compare_proportion`].
#[derive(Debug, Clone, PartialEq)]
pub struct RelativeLiftTests {
    /// `freq_relative`: the fixed-horizon test.
    pub fixed: Frequentist,
    /// `sequential_relative`: always valid, at the default tuning.
    pub sequential: Frequentist,
    /// `bayes_relative_prior`: Gaussian, with the default proper prior.
    pub bayes_prior: Bayesian,
}

pub fn relative_lift_tests(c: &ProportionArm, v: &ProportionArm, alpha: f64) -> RelativeLiftTests {
    let (a, b) = (
        GbStat::from_summary(c.summary()),
        GbStat::from_summary(v.summary()),
    );
    RelativeLiftTests {
        fixed: two_sided_ttest(&a, &b, alpha, true),
        sequential: sequential_ttest(&a, &b, alpha, true, DEFAULT_TUNING),
        bayes_prior: gaussian_bayes(&a, &b, alpha, true, Some(DEFAULT_PRIOR)),
    }
}

pub fn compare_proportion(
    c: &ProportionArm,
    v: &ProportionArm,
    alpha: f64,
    tuning: f64,
) -> Comparison {
    compare_proportion_draws(c, v, alpha, tuning, MC_DRAWS)
}

/// [`compare_proportion`] with a chosen number of Monte Carlo draws (tests
/// that run thousands of comparisons use fewer).
pub fn compare_proportion_draws(
    c: &ProportionArm,
    v: &ProportionArm,
    alpha: f64,
    tuning: f64,
    mc_draws: u32,
) -> Comparison {
    let (a, b) = (
        GbStat::from_summary(c.summary()),
        GbStat::from_summary(v.summary()),
    );
    let [freq_relative, freq_absolute, sequential_relative, sequential_absolute] =
        gb_tests(&a, &b, alpha, tuning);
    let zu = z_unpooled(c, v, alpha);
    Comparison {
        descriptive: Some(proportion_descriptive(c, v)),
        descriptive_mean: None,
        corrections: corrections(zu.p_value, "z_unpooled"),
        z_unpooled: Some(zu),
        z_pooled: Some(z_pooled(c, v)),
        welch: None,
        freq_relative,
        freq_absolute,
        sequential_relative,
        sequential_absolute,
        bayes_relative: gaussian_bayes(&a, &b, alpha, true, None),
        bayes_relative_prior: gaussian_bayes(&a, &b, alpha, true, Some(DEFAULT_PRIOR)),
        beta_posterior: Some(beta_posterior(c, v, mc_draws)),
        cuped: None,
    }
}

pub fn compare_mean(
    c: &MeanArm,
    v: &MeanArm,
    alpha: f64,
    tuning: f64,
    cuped: Option<Cuped>,
) -> Comparison {
    let (a, b) = (
        GbStat::from_summary(c.summary()),
        GbStat::from_summary(v.summary()),
    );
    let [freq_relative, freq_absolute, sequential_relative, sequential_absolute] =
        gb_tests(&a, &b, alpha, tuning);
    let w = welch(c, v, alpha);
    Comparison {
        descriptive: None,
        descriptive_mean: Some(mean_descriptive(c, v)),
        z_unpooled: None,
        z_pooled: None,
        corrections: corrections(w.p_value, "welch"),
        welch: Some(w),
        freq_relative,
        freq_absolute,
        sequential_relative,
        sequential_absolute,
        bayes_relative: gaussian_bayes(&a, &b, alpha, true, None),
        bayes_relative_prior: gaussian_bayes(&a, &b, alpha, true, Some(DEFAULT_PRIOR)),
        beta_posterior: None,
        cuped,
    }
}
