//! The engine against a small hand-made evidence set, and its invariants
//! against generated evidence and inputs.

use super::*;
use crate::domain::lead_fields::{Challenge, CurrentSolution, IndustryRef};
use crate::domain::showcase::CompanySize;
use proptest::prelude::*;

fn study(
    slug: &str,
    code: &str,
    challenge: Challenge,
    size: CompanySize,
    improvement: f64,
    roi: f64,
    payback: f64,
) -> StudyEvidence {
    let name = match code {
        "4791" => "E-commerce retail",
        "5510" => "Hotels",
        "5914" => "Cinemas",
        _ => "Elsewhere",
    };
    StudyEvidence {
        slug: slug.into(),
        title: slug.replace('-', " "),
        industry_sic_code: code.into(),
        industry_name: name.into(),
        challenge,
        company_size: size,
        improvement_pct: improvement,
        roi_pct: roi,
        payback_months: payback,
    }
}

/// Two retail conversion studies, one retail pricing, two hotel conversion,
/// two cinema pricing.
fn evidence() -> Vec<StudyEvidence> {
    use Challenge::*;
    use CompanySize::*;
    vec![
        study(
            "retail-conv-a",
            "4791",
            Conversion,
            MidMarket,
            8.0,
            400.0,
            3.0,
        ),
        study(
            "retail-conv-b",
            "4791",
            Conversion,
            Enterprise,
            10.0,
            700.0,
            2.0,
        ),
        study("retail-price", "4791", Pricing, MidMarket, 12.0, 300.0, 4.0),
        study("hotel-conv-a", "5510", Conversion, Smb, 20.0, 500.0, 2.0),
        study(
            "hotel-conv-b",
            "5510",
            Conversion,
            MidMarket,
            22.0,
            250.0,
            5.0,
        ),
        study(
            "cinema-price-a",
            "5914",
            Pricing,
            MidMarket,
            18.0,
            340.0,
            4.0,
        ),
        study("cinema-price-b", "5914", Pricing, Smb, 9.0, 410.0, 3.0),
    ]
}

fn input(industry: Option<&str>, challenge: Challenge, revenue: f64) -> RoiInput {
    let industries = known_industries(&evidence());
    RoiInput {
        industry: industry.map(|code| {
            industries
                .iter()
                .find(|i| i.sic_code == code)
                .cloned()
                .unwrap_or(IndustryRef {
                    sic_code: code.into(),
                    name: "Breweries".into(),
                })
        }),
        annual_revenue_gbp: revenue,
        locations: None,
        company_size: CompanySize::MidMarket,
        challenge,
        current_solutions: vec![CurrentSolution::WebAnalytics],
    }
}

#[test]
fn an_exact_match_leads_the_estimate_and_names_its_studies() {
    let e = estimate(
        &input(Some("4791"), Challenge::Conversion, 10_000_000.0),
        &evidence(),
    )
    .unwrap();
    assert_eq!(e.basis.exact, 2);
    assert_eq!(e.basis.same_industry, 3);
    assert_eq!(e.basis.same_challenge, 4);
    assert_eq!(e.basis.total, 7);
    assert_eq!(e.basis.fallback, None);
    // Exact matches first (same size first), then partial ones by size and ROI.
    assert_eq!(
        e.similar_case_studies,
        ["retail-conv-a", "retail-conv-b", "retail-price"]
    );
    assert!(e.revenue_increase_pct_min <= e.revenue_increase_pct);
    assert!(e.revenue_increase_pct <= e.revenue_increase_pct_max);
    assert!(e.revenue_increase_pct_min >= 8.0 && e.revenue_increase_pct_max <= 22.0);
    assert_eq!(
        e.revenue_increase_min,
        (10_000_000.0 * e.revenue_increase_pct_min / 100.0).round()
    );
    // 2 exact + ½·3 partial = 3.5 close studies: 0.3 + 0.6 · 3.5 / 6.5
    assert_eq!(e.confidence, 0.62);
    assert!(e
        .methodology_summary
        .contains("all 7 of our published case studies"));
    assert!(e
        .methodology_summary
        .contains("2 conversion studies in E-commerce retail"));
}

#[test]
fn closer_evidence_moves_the_estimate_toward_it() {
    // Hotels convert with 20–22% lifts, retail with 8–10%: the same challenge
    // in the two industries must give clearly different ranges.
    let retail = estimate(
        &input(Some("4791"), Challenge::Conversion, 1e6),
        &evidence(),
    )
    .unwrap();
    let hotels = estimate(
        &input(Some("5510"), Challenge::Conversion, 1e6),
        &evidence(),
    )
    .unwrap();
    assert!(retail.revenue_increase_pct < hotels.revenue_increase_pct);
}

#[test]
fn an_industry_without_the_challenge_falls_back_visibly() {
    let e = estimate(
        &input(Some("5914"), Challenge::Conversion, 1e6),
        &evidence(),
    )
    .unwrap();
    assert_eq!(e.basis.exact, 0);
    assert_eq!(
        e.basis.fallback,
        Some(Fallback::NoExactMatch {
            industry: "Cinemas".into(),
            challenge: Challenge::Conversion
        })
    );
    assert!(e
        .methodology_summary
        .starts_with("We have no published conversion studies in Cinemas yet"));
}

#[test]
fn other_industry_leans_on_the_challenge() {
    let e = estimate(&input(None, Challenge::Pricing, 1e6), &evidence()).unwrap();
    assert_eq!(
        e.basis.fallback,
        Some(Fallback::OtherIndustry {
            challenge: Challenge::Pricing
        })
    );
    assert_eq!(e.basis.same_challenge, 3);
    assert_eq!(e.similar_case_studies.len(), 3);
    assert!(e
        .methodology_summary
        .contains("weighted toward the 3 pricing studies."));
}

#[test]
fn no_close_match_uses_everything_and_says_so() {
    let e = estimate(&input(None, Challenge::Retention, 1e6), &evidence()).unwrap();
    assert_eq!(
        e.basis.fallback,
        Some(Fallback::NoCloseMatches {
            industry: None,
            challenge: Challenge::Retention
        })
    );
    assert!(e.similar_case_studies.is_empty());
    assert_eq!(e.confidence, CONFIDENCE_FLOOR);
    assert!(e
        .methodology_summary
        .starts_with("We have no published studies in your industry or on retention yet"));

    let unknown = estimate(&input(Some("9999"), Challenge::Retention, 1e6), &evidence()).unwrap();
    assert!(unknown
        .methodology_summary
        .contains("in Breweries or on retention"));
}

#[test]
fn a_single_study_gives_its_own_figures() {
    let one = [study(
        "only",
        "4791",
        Challenge::Pricing,
        CompanySize::Smb,
        6.5,
        320.0,
        4.5,
    )];
    let e = estimate(&input(None, Challenge::Conversion, 2_000_000.0), &one).unwrap();
    assert_eq!(
        (
            e.revenue_increase_pct_min,
            e.revenue_increase_pct,
            e.revenue_increase_pct_max
        ),
        (6.5, 6.5, 6.5)
    );
    assert_eq!(
        (e.roi_pct_min, e.roi_pct_max, e.payback_months),
        (320.0, 320.0, 4.5)
    );
    assert_eq!(e.revenue_increase_min, 130_000.0);
    assert!(e
        .methodology_summary
        .contains("Based on our one published case study"));
}

#[test]
fn no_studies_is_an_error_not_a_guess() {
    let i = input(None, Challenge::Conversion, 1e6);
    assert_eq!(estimate(&i, &[]), Err(RoiError::NoPublishedStudies));
    let mut broken = evidence();
    broken.truncate(1);
    broken[0].roi_pct = f64::NAN;
    assert_eq!(estimate(&i, &broken), Err(RoiError::NoPublishedStudies));
}

#[test]
fn nonsense_revenue_is_refused() {
    for revenue in [-1.0, f64::NAN, f64::INFINITY, 2e12] {
        let i = input(None, Challenge::Conversion, revenue);
        assert_eq!(estimate(&i, &evidence()), Err(RoiError::InvalidRevenue));
    }
}

#[test]
fn from_form_to_estimate() {
    let evidence = evidence();
    let form = RoiForm {
        industry: "5510".into(),
        annual_revenue: "£4.2m".into(),
        locations: "12".into(),
        company_size: "smb".into(),
        challenge: "conversion".into(),
        current_solutions: vec!["none".into()],
    };
    let input = form.parse(&known_industries(&evidence)).unwrap();
    let e = estimate(&input, &evidence).unwrap();
    assert_eq!(e.similar_case_studies[0], "hotel-conv-a");
    assert_eq!(e.complexity_score, 3); // 1 + SMB 0 + 12 locations 2 + nothing 0
}

// --- properties -----------------------------------------------------------

fn arb_challenge() -> impl Strategy<Value = Challenge> {
    prop::sample::select(Challenge::ALL.to_vec())
}

fn arb_size() -> impl Strategy<Value = CompanySize> {
    prop::sample::select(CompanySize::ALL.to_vec())
}

fn arb_study() -> impl Strategy<Value = StudyEvidence> {
    (
        prop::sample::select(vec!["4791", "5510", "5914", "6419"]),
        arb_challenge(),
        arb_size(),
        prop_oneof![-50.0f64..200.0, Just(0.0), Just(1e300), Just(-1e300)],
        prop_oneof![-100.0f64..5_000.0, Just(0.0), Just(1e300)],
        prop_oneof![0.0f64..48.0, Just(1e300)],
        0u32..1_000,
    )
        .prop_map(|(code, challenge, size, imp, roi, payback, n)| {
            study(&format!("s-{n}"), code, challenge, size, imp, roi, payback)
        })
}

fn arb_input() -> impl Strategy<Value = RoiInput> {
    (
        prop::sample::select(vec![None, Some("4791"), Some("5510"), Some("9999")]),
        arb_challenge(),
        arb_size(),
        prop_oneof![1e-6f64..1e12, Just(1e-6), Just(1e12), Just(0.0)],
    )
        .prop_map(|(industry, challenge, size, revenue)| RoiInput {
            company_size: size,
            ..input(industry, challenge, revenue)
        })
}

fn all_finite(e: &RoiEstimate) -> bool {
    [
        e.revenue_increase_min,
        e.revenue_increase_max,
        e.revenue_increase_pct,
        e.revenue_increase_pct_min,
        e.revenue_increase_pct_max,
        e.roi_pct_min,
        e.roi_pct_max,
        e.payback_months,
        e.confidence,
    ]
    .iter()
    .all(|x| x.is_finite())
}

proptest! {
    #[test]
    fn estimates_are_ordered_finite_and_bounded(
        input in arb_input(),
        evidence in prop::collection::vec(arb_study(), 1..40),
    ) {
        let e = estimate(&input, &evidence).unwrap();
        prop_assert!(all_finite(&e), "{e:?}");
        prop_assert!(e.revenue_increase_min <= e.revenue_increase_max);
        prop_assert!(e.revenue_increase_pct_min <= e.revenue_increase_pct);
        prop_assert!(e.revenue_increase_pct <= e.revenue_increase_pct_max);
        prop_assert!(e.roi_pct_min <= e.roi_pct_max);
        prop_assert!((0.0..=1.0).contains(&e.confidence));
        prop_assert!((1..=10).contains(&e.complexity_score));
        prop_assert!(e.similar_case_studies.len() <= 3);
        prop_assert_eq!(e.basis.total as usize, evidence.len());
        prop_assert!(!e.methodology_summary.is_empty());
    }

    #[test]
    fn more_revenue_never_means_less_gain(
        input in arb_input(),
        evidence in prop::collection::vec(arb_study(), 1..30),
        a in 0.0f64..1e12,
        b in 0.0f64..1e12,
    ) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let at = |revenue| estimate(&RoiInput { annual_revenue_gbp: revenue, ..input.clone() }, &evidence).unwrap();
        let (small, large) = (at(low), at(high));
        prop_assert!(small.revenue_increase_min <= large.revenue_increase_min);
        prop_assert!(small.revenue_increase_max <= large.revenue_increase_max);
        prop_assert_eq!(small.revenue_increase_pct, large.revenue_increase_pct);
    }

    #[test]
    fn another_exact_match_never_lowers_confidence(
        input in arb_input(),
        evidence in prop::collection::vec(arb_study(), 1..30),
        improvement in 0.0f64..100.0,
    ) {
        let before = estimate(&input, &evidence).unwrap();
        let mut more = evidence.clone();
        let code = input.industry.as_ref().map_or("4791".to_string(), |i| i.sic_code.clone());
        more.push(StudyEvidence {
            industry_sic_code: code,
            challenge: input.challenge,
            improvement_pct: improvement,
            ..evidence[0].clone()
        });
        let after = estimate(&input, &more).unwrap();
        prop_assert!(after.confidence >= before.confidence);
    }

    #[test]
    fn identical_studies_give_a_point_estimate(n in 1usize..50, imp in 0.0f64..50.0, revenue in 1e-6f64..1e12) {
        let evidence = vec![study("same", "4791", Challenge::Pricing, CompanySize::Smb, imp, 300.0, 3.0); n];
        let e = estimate(&input(Some("4791"), Challenge::Pricing, revenue), &evidence).unwrap();
        prop_assert_eq!(e.revenue_increase_pct_min, e.revenue_increase_pct_max);
        prop_assert_eq!(e.roi_pct_min, 300.0);
        prop_assert!(all_finite(&e));
    }
}
