//! The worked example of `docs/roi-model.md`, recomputed from the demo
//! studies so the document cannot drift from the code.

use super::DemoShowcase;
use crate::domain::lead_fields::Challenge;
use crate::domain::roi::*;

fn demo_evidence() -> Vec<StudyEvidence> {
    DemoShowcase::bundled()
        .and_then(|demo| demo.evidence())
        .expect("the bundled demo parses")
}

fn retailer(industry: &str, challenge: &str) -> RoiForm {
    RoiForm {
        industry: industry.into(),
        annual_revenue: "£20m".into(),
        locations: "".into(),
        company_size: "mid_market".into(),
        challenge: challenge.into(),
        current_solutions: vec!["web_analytics".into(), "ab_testing_tool".into()],
    }
}

fn estimate_for(form: &RoiForm) -> RoiEstimate {
    let evidence = demo_evidence();
    let input = form.parse(&known_industries(&evidence)).unwrap();
    estimate(&input, &evidence).unwrap()
}

#[test]
fn the_documented_mid_market_retailer_with_a_conversion_challenge() {
    let e = estimate_for(&retailer("4791", "conversion"));
    assert_eq!(
        (
            e.basis.exact,
            e.basis.same_industry,
            e.basis.same_challenge,
            e.basis.total
        ),
        (2, 3, 6, 29)
    );
    assert_eq!(e.basis.fallback, None);
    assert_eq!(
        (
            e.revenue_increase_pct_min,
            e.revenue_increase_pct,
            e.revenue_increase_pct_max
        ),
        (6.9, 10.0, 20.3)
    );
    assert_eq!(
        (e.revenue_increase_min, e.revenue_increase_max),
        (1_380_000.0, 4_060_000.0)
    );
    assert_eq!((e.roi_pct_min, e.roi_pct_max), (345.0, 533.0));
    assert_eq!(e.payback_months, 3.0);
    assert_eq!(e.confidence, 0.66);
    assert_eq!(e.complexity_score, 4);
    assert_eq!(
        e.similar_case_studies,
        [
            "sportswear-e-commerce-site-lifts-revenue-per-visitor-6-8-pct-with-a-thompson-sampling-homepage",
            "online-fashion-retailer-raises-checkout-conversion-9-4-pct-by-redesigning-delivery-options",
            "b2b-saas-company-lifts-trial-to-paid-conversion-21-pct-with-guided-onboarding",
        ]
    );
}

#[test]
fn the_documented_fallback_for_an_industry_we_have_not_published_in() {
    let e = estimate_for(&retailer("other", "pricing"));
    assert_eq!(
        e.basis.fallback,
        Some(Fallback::OtherIndustry {
            challenge: Challenge::Pricing
        })
    );
    assert_eq!(e.basis.same_challenge, 5);
    assert_eq!(
        (
            e.revenue_increase_pct_min,
            e.revenue_increase_pct,
            e.revenue_increase_pct_max
        ),
        (8.3, 15.3, 18.7)
    );
    assert_eq!(
        (e.revenue_increase_min, e.revenue_increase_max),
        (1_660_000.0, 3_740_000.0)
    );
    assert_eq!((e.roi_pct_min, e.roi_pct_max), (260.0, 399.0));
    assert_eq!(e.payback_months, 4.0);
    assert_eq!(e.confidence, 0.57);
    assert_eq!(
        e.methodology_summary,
        "We have no published studies in your industry yet, so the figures lean on pricing studies from other industries. \
         Based on all 29 of our published case studies, weighted toward the 5 pricing studies. \
         The range is the middle half of their results (25th to 75th percentile) and payback is their median: an estimate from past results, not a promise."
    );
}
