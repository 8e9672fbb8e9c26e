//! The lead score: 0–100 points from ten factors, each giving up to an
//! admin-set maximum ([`ScoringSettings`]). A factor turns its answer into a
//! fraction of its maximum:
//!
//! | factor | fractions |
//! |---|---|
//! | revenue | over £250M 1.0 · £50–250M 0.85 · £10–50M 0.65 · £2–10M 0.4 · under £2M 0.2 |
//! | company_size | 1000+ 1.0 · 200–1000 0.8 · 50–200 0.6 · 10–50 0.4 · 1–10 0.2 |
//! | decision_authority | decision maker 1.0 · influencer 0.6 · researcher 0.2 |
//! | timeline | ASAP 1.0 · 1–3 months 0.8 · 3–6 months 0.5 · 6+ months 0.3 · researching 0.1 |
//! | budget | over £150k 1.0 · £50–150k 0.8 · £10–50k 0.5 · not sure / not given 0.3 · under £10k 0.1 |
//! | industry_results | published studies in their industry: 0 → 0 · 1 → 0.6 · 2 → 0.8 · 3+ → 1.0 |
//! | case_studies_viewed | min(n, 5) / 5 |
//! | calculator_used | used 1.0 · not 0 |
//! | time_on_site | min(seconds, 600) / 600 |
//! | forms_submitted | min(n, 3) / 3 (this submission counts) |
//!
//! Points per factor are shown rounded to 0.1; the total is the unrounded sum
//! rounded to a whole number and clamped to 0..=100. The tier is 1 from
//! `tier1_min`, 2 from `tier2_min`, otherwise 3. See `docs/lead-scoring.md`.

mod fractions;
mod settings;

pub use settings::{ScoringForm, ScoringSettings};

use crate::domain::lead_fields::{
    BudgetRange, DecisionAuthority, EmployeeRange, RevenueRange, Tier, Timeline,
};
use crate::domain::lead_form::LeadSubmission;
use serde::{Deserialize, Serialize};

/// What the score is computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreInput {
    pub revenue: RevenueRange,
    pub employees: EmployeeRange,
    pub authority: DecisionAuthority,
    pub timeline: Timeline,
    pub budget: Option<BudgetRange>,
    /// Published case studies in the lead's industry (0 for "other").
    pub published_studies_in_industry: u32,
    pub case_studies_viewed: u32,
    pub calculator_used: bool,
    pub time_on_site_secs: u32,
    /// Forms this person has submitted, including this one.
    pub forms_submitted: u32,
}

/// The answers about the company and the decision that scoring reads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub revenue: RevenueRange,
    pub employees: EmployeeRange,
    pub authority: DecisionAuthority,
    pub timeline: Timeline,
    pub budget: Option<BudgetRange>,
}

impl From<&LeadSubmission> for Fit {
    fn from(lead: &LeadSubmission) -> Fit {
        Fit {
            revenue: lead.annual_revenue_range,
            employees: lead.company_size_range,
            authority: lead.decision_making_authority,
            timeline: lead.timeline,
            budget: lead.budget_range,
        }
    }
}

/// What the server itself recorded of a lead's behaviour. Never what the
/// request claims (studies read, seconds on site): those raise the score, so
/// a prospect could otherwise inflate it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Engagement {
    pub case_studies_viewed: u32,
    pub calculator_used: bool,
    pub time_on_site_secs: u32,
    /// Forms this person has submitted, including this one (at least 1).
    pub forms_submitted: u32,
}

impl Engagement {
    /// From stored or measured counts; out-of-range values are clamped
    /// (negative seconds count as 0, fewer than one form as one).
    pub fn from_counts(
        case_studies_viewed: usize,
        calculator_used: bool,
        time_on_site_secs: i64,
        forms_submitted: i64,
    ) -> Engagement {
        Engagement {
            case_studies_viewed: u32::try_from(case_studies_viewed).unwrap_or(u32::MAX),
            calculator_used,
            time_on_site_secs: time_on_site_secs.clamp(0, i64::from(u32::MAX)) as u32,
            forms_submitted: forms_submitted.clamp(1, i64::from(u32::MAX)) as u32,
        }
    }
}

impl ScoreInput {
    /// A lead's answers and behaviour; the caller counts the published
    /// studies in the lead's industry (0 for "other").
    pub fn new(fit: Fit, engagement: Engagement, published_studies_in_industry: u32) -> ScoreInput {
        ScoreInput {
            revenue: fit.revenue,
            employees: fit.employees,
            authority: fit.authority,
            timeline: fit.timeline,
            budget: fit.budget,
            published_studies_in_industry,
            case_studies_viewed: engagement.case_studies_viewed,
            calculator_used: engagement.calculator_used,
            time_on_site_secs: engagement.time_on_site_secs,
            forms_submitted: engagement.forms_submitted.max(1),
        }
    }
}

/// One factor's contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreFactor {
    pub key: String,
    pub label: String,
    /// `"fit"` or `"engagement"`.
    pub group: String,
    /// Rounded to 0.1.
    pub points: f64,
    pub max: f64,
    /// E.g. "Decision maker: full marks".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadScore {
    /// 0..=100.
    pub total: u8,
    pub tier: Tier,
    pub factors: Vec<ScoreFactor>,
}

/// The tier a total falls in.
pub fn tier_for(total: u8, settings: &ScoringSettings) -> Tier {
    if total >= settings.tier1_min {
        Tier::Tier1
    } else if total >= settings.tier2_min {
        Tier::Tier2
    } else {
        Tier::Tier3
    }
}

fn verdict(fraction: f64) -> String {
    if fraction >= 1.0 {
        "full marks".to_string()
    } else if fraction <= 0.0 {
        "no points".to_string()
    } else {
        format!("{}% of the points", (fraction * 100.0).round())
    }
}

/// `(key, label, group, max, (fraction, answer))` for one factor.
type FactorRow = (&'static str, &'static str, &'static str, f64, (f64, String));

/// Scores a lead. Settings are expected to be valid; negative or non-finite
/// maxima count as 0 and the total is clamped, so this never panics.
pub fn score(input: &ScoreInput, settings: &ScoringSettings) -> LeadScore {
    let s = settings;
    let rows: [FactorRow; 10] = [
        (
            "revenue",
            "Annual revenue",
            "fit",
            s.revenue,
            fractions::revenue(input.revenue),
        ),
        (
            "company_size",
            "Company size",
            "fit",
            s.company_size,
            fractions::company_size(input.employees),
        ),
        (
            "decision_authority",
            "Decision authority",
            "fit",
            s.decision_authority,
            fractions::decision_authority(input.authority),
        ),
        (
            "timeline",
            "Timeline",
            "fit",
            s.timeline,
            fractions::timeline(input.timeline),
        ),
        (
            "budget",
            "Budget",
            "fit",
            s.budget,
            fractions::budget(input.budget),
        ),
        (
            "industry_results",
            "Results in their industry",
            "fit",
            s.industry_results,
            fractions::industry_results(input.published_studies_in_industry),
        ),
        (
            "case_studies_viewed",
            "Case studies viewed",
            "engagement",
            s.case_studies_viewed,
            fractions::case_studies_viewed(input.case_studies_viewed),
        ),
        (
            "calculator_used",
            "ROI calculator",
            "engagement",
            s.calculator_used,
            fractions::calculator_used(input.calculator_used),
        ),
        (
            "time_on_site",
            "Time on site",
            "engagement",
            s.time_on_site,
            fractions::time_on_site(input.time_on_site_secs),
        ),
        (
            "forms_submitted",
            "Forms submitted",
            "engagement",
            s.forms_submitted,
            fractions::forms_submitted(input.forms_submitted),
        ),
    ];
    let mut sum = 0.0;
    let factors = rows
        .into_iter()
        .map(|(key, label, group, max, (fraction, answer))| {
            let max = if max.is_finite() { max.max(0.0) } else { 0.0 };
            let points = max * fraction.clamp(0.0, 1.0);
            sum += points;
            ScoreFactor {
                key: key.to_string(),
                label: label.to_string(),
                group: group.to_string(),
                points: (points * 10.0).round() / 10.0,
                max,
                reason: format!("{answer}: {}", verdict(fraction)),
            }
        })
        .collect();
    let total = sum.round().clamp(0.0, 100.0) as u8;
    LeadScore {
        total,
        tier: tier_for(total, settings),
        factors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn best() -> ScoreInput {
        ScoreInput {
            revenue: RevenueRange::Over250m,
            employees: EmployeeRange::Over1000,
            authority: DecisionAuthority::DecisionMaker,
            timeline: Timeline::Asap,
            budget: Some(BudgetRange::Over150k),
            published_studies_in_industry: 4,
            case_studies_viewed: 9,
            calculator_used: true,
            time_on_site_secs: 3600,
            forms_submitted: 3,
        }
    }

    #[test]
    fn engagement_counts_are_clamped_and_a_lead_has_sent_at_least_one_form() {
        let e = Engagement::from_counts(3, true, -5, 0);
        assert_eq!(
            e,
            Engagement {
                case_studies_viewed: 3,
                calculator_used: true,
                time_on_site_secs: 0,
                forms_submitted: 1,
            }
        );
        assert_eq!(
            Engagement::from_counts(0, false, i64::MAX, i64::MAX).time_on_site_secs,
            u32::MAX
        );
        let input = ScoreInput::new(
            Fit {
                revenue: RevenueRange::Over250m,
                employees: EmployeeRange::Over1000,
                authority: DecisionAuthority::DecisionMaker,
                timeline: Timeline::Asap,
                budget: Some(BudgetRange::Over150k),
            },
            Engagement {
                case_studies_viewed: 9,
                calculator_used: true,
                time_on_site_secs: 3600,
                forms_submitted: 3,
            },
            4,
        );
        assert_eq!(input, best());
    }

    #[test]
    fn the_best_lead_scores_100_in_tier_1_with_full_marks_everywhere() {
        let s = score(&best(), &ScoringSettings::default());
        assert_eq!(s.total, 100);
        assert_eq!(s.tier, Tier::Tier1);
        assert_eq!(s.factors.len(), 10);
        assert!(s.factors.iter().all(|f| f.reason.ends_with("full marks")));
        assert!(s
            .factors
            .iter()
            .any(|f| f.reason == "Decision maker: full marks"));
    }

    #[test]
    fn the_documented_example_scores_63_in_tier_2() {
        let input = ScoreInput {
            revenue: RevenueRange::From10mTo50m,
            employees: EmployeeRange::UpTo200,
            authority: DecisionAuthority::Influencer,
            timeline: Timeline::OneToThreeMonths,
            budget: None,
            published_studies_in_industry: 2,
            case_studies_viewed: 2,
            calculator_used: true,
            time_on_site_secs: 300,
            forms_submitted: 1,
        };
        let s = score(&input, &ScoringSettings::default());
        // 13 + 6 + 9 + 12 + 3 + 8 + 2.8 + 7 + 1.5 + 1 = 63.3
        assert_eq!(s.total, 63);
        assert_eq!(s.tier, Tier::Tier2);
        let budget = s.factors.iter().find(|f| f.key == "budget").unwrap();
        assert_eq!(budget.points, 3.0);
        assert_eq!(budget.reason, "Budget not given: 30% of the points");
    }

    #[test]
    fn a_cold_lead_is_tier_3() {
        let input = ScoreInput {
            revenue: RevenueRange::Under2m,
            employees: EmployeeRange::UpTo10,
            authority: DecisionAuthority::Researcher,
            timeline: Timeline::JustResearching,
            budget: Some(BudgetRange::Under10k),
            published_studies_in_industry: 0,
            case_studies_viewed: 0,
            calculator_used: false,
            time_on_site_secs: 20,
            forms_submitted: 1,
        };
        let s = score(&input, &ScoringSettings::default());
        assert_eq!(s.tier, Tier::Tier3);
        assert!(s.total < 20, "{}", s.total);
    }

    // Answers from worst to best, for generating comparable inputs.
    const REVENUE: [RevenueRange; 5] = [
        RevenueRange::Under2m,
        RevenueRange::From2mTo10m,
        RevenueRange::From10mTo50m,
        RevenueRange::From50mTo250m,
        RevenueRange::Over250m,
    ];
    const EMPLOYEES: [EmployeeRange; 5] = [
        EmployeeRange::UpTo10,
        EmployeeRange::UpTo50,
        EmployeeRange::UpTo200,
        EmployeeRange::UpTo1000,
        EmployeeRange::Over1000,
    ];
    const AUTHORITY: [DecisionAuthority; 3] = [
        DecisionAuthority::Researcher,
        DecisionAuthority::Influencer,
        DecisionAuthority::DecisionMaker,
    ];
    const TIMELINE: [Timeline; 5] = [
        Timeline::JustResearching,
        Timeline::SixPlusMonths,
        Timeline::ThreeToSixMonths,
        Timeline::OneToThreeMonths,
        Timeline::Asap,
    ];
    const BUDGET: [Option<BudgetRange>; 6] = [
        Some(BudgetRange::Under10k),
        None,
        Some(BudgetRange::NotSure),
        Some(BudgetRange::From10kTo50k),
        Some(BudgetRange::From50kTo150k),
        Some(BudgetRange::Over150k),
    ];

    type Ranks = (usize, usize, usize, usize, usize, u32, u32, bool, u32, u32);

    fn ranks() -> impl Strategy<Value = Ranks> {
        (
            0..5usize,
            0..5usize,
            0..3usize,
            0..5usize,
            0..6usize,
            0..6u32,
            0..10u32,
            any::<bool>(),
            0..2000u32,
            0..6u32,
        )
    }

    fn input(r: Ranks) -> ScoreInput {
        ScoreInput {
            revenue: REVENUE[r.0],
            employees: EMPLOYEES[r.1],
            authority: AUTHORITY[r.2],
            timeline: TIMELINE[r.3],
            budget: BUDGET[r.4],
            published_studies_in_industry: r.5,
            case_studies_viewed: r.6,
            calculator_used: r.7,
            time_on_site_secs: r.8,
            forms_submitted: r.9,
        }
    }

    fn settings() -> impl Strategy<Value = ScoringSettings> {
        (proptest::collection::vec(0u32..=20, 10), 2u8..=100)
            .prop_filter("some points", |(w, _)| w.iter().sum::<u32>() > 0)
            .prop_map(|(weights, tier1)| {
                let sum: f64 = weights.iter().map(|w| f64::from(*w)).sum();
                let m: Vec<f64> = weights
                    .iter()
                    .map(|w| f64::from(*w) * 100.0 / sum)
                    .collect();
                ScoringSettings {
                    revenue: m[0],
                    company_size: m[1],
                    decision_authority: m[2],
                    timeline: m[3],
                    budget: m[4],
                    industry_results: m[5],
                    case_studies_viewed: m[6],
                    calculator_used: m[7],
                    time_on_site: m[8],
                    forms_submitted: m[9],
                    tier1_min: tier1,
                    tier2_min: tier1 / 2,
                }
            })
    }

    #[test]
    fn the_default_tiers_open_at_70_and_40() {
        let s = ScoringSettings::default();
        assert_eq!(tier_for(100, &s), Tier::Tier1);
        assert_eq!(tier_for(70, &s), Tier::Tier1);
        assert_eq!(tier_for(69, &s), Tier::Tier2);
        assert_eq!(tier_for(40, &s), Tier::Tier2);
        assert_eq!(tier_for(39, &s), Tier::Tier3);
        assert_eq!(tier_for(0, &s), Tier::Tier3);
    }

    proptest! {
        #[test]
        fn the_total_is_in_range_and_matches_its_factors(r in ranks(), s in settings()) {
            let result = score(&input(r), &s);
            prop_assert!(result.total <= 100);
            let sum: f64 = result.factors.iter().map(|f| f.points).sum();
            prop_assert!((sum - f64::from(result.total)).abs() <= 1.0, "{sum} vs {}", result.total);
            prop_assert!(result.factors.iter().all(|f| f.points >= 0.0 && f.points <= f.max + 0.05));
            prop_assert_eq!(result.tier, tier_for(result.total, &s));
        }

        #[test]
        fn better_answers_never_lower_the_score(a in ranks(), b in ranks(), s in settings()) {
            let better: Ranks = (
                a.0.max(b.0), a.1.max(b.1), a.2.max(b.2), a.3.max(b.3), a.4.max(b.4),
                a.5.max(b.5), a.6.max(b.6), a.7 || b.7, a.8.max(b.8), a.9.max(b.9),
            );
            prop_assert!(score(&input(better), &s).total >= score(&input(a), &s).total);
        }

        /// A higher total never lands in a lower tier, and the thresholds
        /// themselves belong to the tier they open.
        #[test]
        fn tiers_rise_with_the_total_and_open_at_their_thresholds(
            a in 0u8..=100, b in 0u8..=100, s in settings()
        ) {
            let rank = |t: Tier| match t { Tier::Tier3 => 0, Tier::Tier2 => 1, Tier::Tier1 => 2 };
            let (low, high) = (a.min(b), a.max(b));
            prop_assert!(rank(tier_for(high, &s)) >= rank(tier_for(low, &s)));
            prop_assert_eq!(tier_for(s.tier1_min, &s), Tier::Tier1);
            if s.tier2_min < s.tier1_min {
                prop_assert_eq!(tier_for(s.tier2_min, &s), Tier::Tier2);
            }
        }
    }
}
