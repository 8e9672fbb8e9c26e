//! An experiment's results in plain terms: per arm the visitors and
//! conversions, per variant the lift over the control judged by the engine
//! chosen at creation, the sample-ratio check, and a verdict that never says
//! more than the data does. The numbers come from `domain::stats`; this
//! module only chooses which of them the engine stands behind.

use super::settings::Engine;
use crate::domain::stats::analysis::relative_lift_tests;
use crate::domain::stats::descriptive::ProportionArm;
use crate::domain::stats::power::{sample_size, SampleSizeInput};
use crate::domain::stats::srm::srm;
use serde::{Deserialize, Serialize};

/// The significance level every experiment is judged at.
pub const ALPHA: f64 = 0.05;
/// The power the planned sample is sized for.
pub const POWER: f64 = 0.8;
/// A Bayesian result is called at this chance to win (or its complement).
pub const BAYES_THRESHOLD: f64 = 0.95;
/// Below this many visitors per arm no engine's verdict is shown: normal
/// approximations need some data, and early swings mislead.
pub const MIN_USERS_PER_ARM: u64 = 100;

/// What SQL counted for one arm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArmCount {
    pub key: String,
    pub name: String,
    pub weight: u32,
    pub users: u64,
    pub conversions: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmReadout {
    pub key: String,
    pub name: String,
    pub users: u64,
    pub conversions: u64,
    /// `None` with no visitors yet.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Call {
    /// Too little data for this engine to say anything.
    NotEnoughData,
    /// The engine says the variant converts better than the control.
    Better,
    /// …worse than the control.
    Worse,
    /// The planned sample is reached and no difference was detected.
    NoDifference,
    /// Data is coming in; no call yet.
    Undecided,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantReadout {
    pub key: String,
    pub name: String,
    /// Relative lift over the control (0.1 = +10 %) and its interval (a
    /// confidence interval, or a credible one for the Bayesian engine).
    pub lift: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Frequentist engines only (the sequential one's is always valid).
    pub p_value: Option<f64>,
    /// Bayesian engine only.
    pub chance_to_win: Option<f64>,
    pub risk_control: Option<f64>,
    pub risk_variant: Option<f64>,
    /// Why a statistic is missing, when one is.
    pub undefined_reason: Option<String>,
    pub call: Call,
    /// One sentence for people: what the engine can and cannot say.
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readout {
    pub engine: Engine,
    pub arms: Vec<ArmReadout>,
    pub variants: Vec<VariantReadout>,
    /// p of the chi-square test of visitors against the weights.
    pub srm_p_value: Option<f64>,
    /// Visitors split unlike the weights (p < 0.001): the results are not
    /// to be trusted until the cause is found.
    pub srm_flagged: bool,
    /// Visitors per arm the planned sample needs (the fixed-horizon test's
    /// size for the minimum effect), when it can be computed.
    pub planned_per_arm: Option<u64>,
    /// Visitors still needed in the arm that has fewest, to reach the plan
    /// (or the minimum for any verdict).
    pub remaining_per_arm: u64,
}

/// Visitors per arm for a two-sided test at [`ALPHA`] and [`POWER`] to
/// detect `relative_mde` (0.2 = +20 %) from `baseline_rate`.
pub fn planned_sample(baseline_rate: f64, relative_mde: f64) -> Option<u64> {
    let size = sample_size(&SampleSizeInput {
        baseline_rate,
        relative_mde,
        alpha: ALPHA,
        power: POWER,
        ratio: 1.0,
    });
    size.classical_unpooled
        .n_per_arm_ceil
        .num()
        .filter(|n| n.is_finite() && *n >= 1.0 && *n < 1e12)
        .map(|n| n as u64)
}

fn pct(x: f64) -> String {
    format!("{:+.1} %", x * 100.0)
}

/// Reads out an experiment. `arms[0]` is the control; `baseline_rate` is
/// the page's conversion rate before the test when known (else the
/// control's, once it has conversions); `relative_mde` is the smallest
/// lift worth detecting.
pub fn read_out(
    engine: Engine,
    arms: &[ArmCount],
    baseline_rate: Option<f64>,
    relative_mde: f64,
) -> Readout {
    let arm_readouts: Vec<ArmReadout> = arms
        .iter()
        .map(|a| ArmReadout {
            key: a.key.clone(),
            name: a.name.clone(),
            users: a.users,
            conversions: a.conversions,
            rate: (a.users > 0).then(|| a.conversions as f64 / a.users as f64),
        })
        .collect();
    let control_rate = arm_readouts
        .first()
        .and_then(|a| a.rate)
        .filter(|r| *r > 0.0 && *r < 1.0);
    let baseline = baseline_rate
        .filter(|r| *r > 0.0 && *r < 1.0)
        .or(control_rate);
    let planned = baseline.and_then(|b| planned_sample(b, relative_mde));
    let fewest = arms
        .iter()
        .filter(|a| a.weight > 0)
        .map(|a| a.users)
        .min()
        .unwrap_or(0);
    let target = planned.unwrap_or(MIN_USERS_PER_ARM).max(MIN_USERS_PER_ARM);
    let remaining = target.saturating_sub(fewest);

    // The SRM check and, per variant, only the tests the engines read.
    let weights: Vec<f64> = arms.iter().map(|a| f64::from(a.weight) / 100.0).collect();
    let (srm_p_value, srm_flagged) = if arms.len() >= 2 && weights.iter().all(|w| *w > 0.0) {
        let check = srm(&arms.iter().map(|a| a.users).collect::<Vec<_>>(), &weights);
        (check.p_value.num(), check.flagged)
    } else {
        (None, false)
    };
    let proportion = |a: &ArmCount| ProportionArm {
        users: a.users,
        conversions: a.conversions.min(a.users),
    };

    let variants = arms
        .iter()
        .skip(1)
        .map(|arm| {
            let tests = relative_lift_tests(&proportion(&arms[0]), &proportion(arm), ALPHA);
            let control_users = arms[0].users;
            let enough_for_any = arm.users.min(control_users) >= MIN_USERS_PER_ARM;
            let reached_plan = planned.is_some_and(|p| arm.users.min(control_users) >= p);
            let mut out = VariantReadout {
                key: arm.key.clone(),
                name: arm.name.clone(),
                lift: None,
                ci_low: None,
                ci_high: None,
                p_value: None,
                chance_to_win: None,
                risk_control: None,
                risk_variant: None,
                undefined_reason: None,
                call: Call::NotEnoughData,
                verdict: String::new(),
            };
            match engine {
                Engine::Frequentist | Engine::Sequential => {
                    let f = if engine == Engine::Sequential {
                        &tests.sequential
                    } else {
                        &tests.fixed
                    };
                    out.lift = f.expected.num();
                    out.ci_low = f.ci_low.num();
                    out.ci_high = f.ci_high.num();
                    out.p_value = f.p_value.num();
                    out.undefined_reason = f.error_message.map(str::to_string);
                }
                Engine::Bayesian => {
                    let b = &tests.bayes_prior;
                    out.lift = b.expected.num();
                    out.ci_low = b.ci_low.num();
                    out.ci_high = b.ci_high.num();
                    out.chance_to_win = b.chance_to_win.num();
                    out.risk_control = b.risk_control.num();
                    out.risk_variant = b.risk_variant.num();
                    out.undefined_reason = b.error_message.map(str::to_string);
                }
            }
            out.call = if !enough_for_any || out.lift.is_none() {
                Call::NotEnoughData
            } else {
                match engine {
                    // A fixed-horizon test is read once, at the planned size:
                    // an early "significant" result is not a result.
                    Engine::Frequentist if !reached_plan => Call::Undecided,
                    Engine::Frequentist | Engine::Sequential => match out.p_value {
                        Some(p) if p < ALPHA => {
                            if out.lift.unwrap_or(0.0) > 0.0 {
                                Call::Better
                            } else {
                                Call::Worse
                            }
                        }
                        _ if reached_plan => Call::NoDifference,
                        _ => Call::Undecided,
                    },
                    Engine::Bayesian => match out.chance_to_win {
                        Some(c) if c >= BAYES_THRESHOLD => Call::Better,
                        Some(c) if c <= 1.0 - BAYES_THRESHOLD => Call::Worse,
                        _ if reached_plan => Call::NoDifference,
                        _ => Call::Undecided,
                    },
                }
            };
            out.verdict = verdict(engine, &out, remaining);
            out
        })
        .collect();

    Readout {
        engine,
        arms: arm_readouts,
        variants,
        srm_p_value,
        srm_flagged,
        planned_per_arm: planned,
        remaining_per_arm: remaining,
    }
}

fn interval(v: &VariantReadout) -> String {
    match (v.ci_low, v.ci_high) {
        (Some(lo), Some(hi)) => format!(" (95 % interval {} to {})", pct(lo), pct(hi)),
        _ => String::new(),
    }
}

fn verdict(engine: Engine, v: &VariantReadout, remaining: u64) -> String {
    let name = &v.name;
    match v.call {
        Call::NotEnoughData => match &v.undefined_reason {
            Some(reason) if remaining == 0 => format!("No result for {name} yet: {reason}."),
            _ => format!(
                "Not enough data yet: about {remaining} more visitors per variant before any call."
            ),
        },
        Call::Better | Call::Worse => {
            let direction = if v.call == Call::Better {
                "better"
            } else {
                "worse"
            };
            let lift = v.lift.map(pct).unwrap_or_default();
            match engine {
                Engine::Bayesian => format!(
                    "{name} is likely {direction} than the control: {:.0} % chance to beat it, \
                     expected lift {lift}{}.",
                    v.chance_to_win.unwrap_or(0.0) * 100.0,
                    interval(v)
                ),
                _ => format!(
                    "{name} converts {direction} than the control: lift {lift}{}, p = {}.",
                    interval(v),
                    format_p(v.p_value)
                ),
            }
        }
        Call::NoDifference => format!(
            "No difference detected between {name} and the control at the planned sample{}; \
             a difference smaller than the one planned for may still exist.",
            interval(v)
        ),
        Call::Undecided => match engine {
            Engine::Frequentist => format!(
                "Keep running: this test is read once, at the planned sample \
                 (about {remaining} more visitors per variant)."
            ),
            Engine::Sequential => format!(
                "No significant difference yet for {name}{}; safe to keep checking.",
                interval(v)
            ),
            Engine::Bayesian => format!(
                "Too close to call: {name} has a {:.0} % chance to beat the control.",
                v.chance_to_win.unwrap_or(0.5) * 100.0
            ),
        },
    }
}

/// A p-value as people read it: "< 0.001" rather than 1.2e-9.
pub fn format_p(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "< 0.001".into(),
        Some(p) => format!("{p:.3}"),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arms(control: (u64, u64), variant: (u64, u64)) -> Vec<ArmCount> {
        vec![
            ArmCount {
                key: "control".into(),
                name: "Control".into(),
                weight: 50,
                users: control.0,
                conversions: control.1,
            },
            ArmCount {
                key: "b".into(),
                name: "Variant B".into(),
                weight: 50,
                users: variant.0,
                conversions: variant.1,
            },
        ]
    }

    #[test]
    fn no_visitors_is_not_enough_data_for_every_engine() {
        for engine in Engine::ALL {
            let r = read_out(engine, &arms((0, 0), (0, 0)), None, 0.2);
            assert_eq!(r.arms[0].rate, None);
            assert_eq!(r.variants[0].call, Call::NotEnoughData, "{engine:?}");
            assert!(r.variants[0].verdict.starts_with("Not enough data yet"));
            assert_eq!(r.remaining_per_arm, MIN_USERS_PER_ARM);
        }
    }

    #[test]
    fn a_clear_win_is_called_by_the_sequential_and_bayesian_engines() {
        // 5 % against 8 % on 5,000 visitors each.
        let data = arms((5_000, 250), (5_000, 400));
        let seq = read_out(Engine::Sequential, &data, Some(0.05), 0.2);
        assert_eq!(seq.variants[0].call, Call::Better);
        assert!(
            seq.variants[0].verdict.contains("converts better"),
            "{}",
            seq.variants[0].verdict
        );
        let lift = seq.variants[0].lift.unwrap();
        assert!((lift - 0.6).abs() < 1e-9, "{lift}");
        let bayes = read_out(Engine::Bayesian, &data, Some(0.05), 0.2);
        assert_eq!(bayes.variants[0].call, Call::Better);
        assert!(bayes.variants[0].chance_to_win.unwrap() > 0.99);
    }

    #[test]
    fn the_fixed_horizon_test_waits_for_its_planned_sample() {
        // Baseline 5 %, +20 % to detect: about 8,000 per arm.
        let planned = planned_sample(0.05, 0.2).unwrap();
        assert!((7_000..9_000).contains(&planned), "{planned}");
        let early = read_out(
            Engine::Frequentist,
            &arms((2_000, 100), (2_000, 160)),
            Some(0.05),
            0.2,
        );
        assert_eq!(
            early.variants[0].call,
            Call::Undecided,
            "significant but early"
        );
        assert!(early.variants[0].verdict.contains("read once"));
        let done = read_out(
            Engine::Frequentist,
            &arms((planned, planned / 20), (planned, planned / 20)),
            Some(0.05),
            0.2,
        );
        assert_eq!(done.variants[0].call, Call::NoDifference);
        assert!(done.variants[0].verdict.contains("may still exist"));
    }

    #[test]
    fn a_split_unlike_the_weights_is_flagged() {
        let r = read_out(
            Engine::Sequential,
            &arms((5_000, 250), (4_000, 200)),
            None,
            0.2,
        );
        assert!(r.srm_flagged);
        assert!(r.srm_p_value.unwrap() < 0.001);
        let fine = read_out(
            Engine::Sequential,
            &arms((5_000, 250), (5_050, 250)),
            None,
            0.2,
        );
        assert!(!fine.srm_flagged);
    }

    #[test]
    fn degenerate_data_gives_reasons_not_numbers() {
        // No conversions anywhere: the relative lift is undefined.
        let r = read_out(Engine::Sequential, &arms((1_000, 0), (1_000, 0)), None, 0.2);
        assert_eq!(r.variants[0].lift, None);
        assert_eq!(r.variants[0].call, Call::NotEnoughData);
        assert!(r.variants[0].undefined_reason.is_some());
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("NaN"));
    }
}
