//! `POST /api/v1/roi-calculator/estimate`: the calculator's estimate in the
//! spec's response shape, with the same validation, rate limits and storage
//! as the page. Similar case studies are linked by URL.

use super::error::{body, ApiError};
use app::domain::lead_fields::Challenge;
use app::domain::roi::{studies_named, EvidenceBasis, RoiRequest, StudyEvidence};
use app::services::roi;
use app::services::visitor::Client;
use app::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::request::Parts;
use axum::Json;
use serde::Serialize;

/// The answer to an estimate request (the spec's `ROICalculationResponse`
/// plus the stored calculation's id, its page and the evidence basis).
#[derive(Debug, Serialize)]
pub struct EstimateResponse {
    pub estimated_annual_impact: AnnualImpact,
    pub roi_projections: RoiProjections,
    pub methodology_summary: String,
    pub evidence: EvidenceBasis,
    pub similar_case_studies: Vec<SimilarCaseStudy>,
    pub calculation_id: String,
    pub complexity_score: u8,
    pub result_url: String,
}

#[derive(Debug, Serialize)]
pub struct AnnualImpact {
    pub revenue_increase_min: f64,
    pub revenue_increase_max: f64,
    pub revenue_increase_percentage: f64,
    pub revenue_increase_percentage_min: f64,
    pub revenue_increase_percentage_max: f64,
    pub currency: &'static str,
}

#[derive(Debug, Serialize)]
pub struct RoiProjections {
    pub roi_percentage_min: f64,
    pub roi_percentage_max: f64,
    pub payback_period_months: f64,
    pub confidence_level: f64,
}

/// A published case study as evidence for an estimate or a match.
#[derive(Debug, Serialize)]
pub struct SimilarCaseStudy {
    pub slug: String,
    pub title: String,
    pub industry_sic_code: String,
    pub industry_display_name: String,
    pub challenge: Challenge,
    pub primary_metric_improvement: f64,
    pub roi_percentage: f64,
    pub payback_period_months: f64,
    pub url: String,
}

/// The published studies named by `slugs`, in that order, linked under `base`.
pub(super) fn similar_case_studies(
    evidence: &[StudyEvidence],
    slugs: &[String],
    base: &str,
) -> Vec<SimilarCaseStudy> {
    studies_named(evidence, slugs)
        .into_iter()
        .map(|e| SimilarCaseStudy {
            slug: e.slug.clone(),
            title: e.title.clone(),
            industry_sic_code: e.industry_sic_code.clone(),
            industry_display_name: e.industry_name.clone(),
            challenge: e.challenge,
            primary_metric_improvement: e.improvement_pct,
            roi_percentage: e.roi_pct,
            payback_period_months: e.payback_months,
            url: format!("{base}/case-studies/{}", e.slug),
        })
        .collect()
}

pub async fn estimate(
    State(state): State<AppState>,
    parts: Parts,
    payload: Result<Json<RoiRequest>, JsonRejection>,
) -> Result<Json<EstimateResponse>, ApiError> {
    let request = body(payload)?;
    let client = Client::from_parts(&parts, &state.settings.trusted_proxies);
    let roi::Calculated { stored, evidence } =
        roi::calculate_form(&state.db, &client, |industries| request.parse(industries)).await?;
    let e = stored.estimate;
    let base = state.settings.public_url.as_str();
    Ok(Json(EstimateResponse {
        estimated_annual_impact: AnnualImpact {
            revenue_increase_min: e.revenue_increase_min,
            revenue_increase_max: e.revenue_increase_max,
            revenue_increase_percentage: e.revenue_increase_pct,
            revenue_increase_percentage_min: e.revenue_increase_pct_min,
            revenue_increase_percentage_max: e.revenue_increase_pct_max,
            currency: "GBP",
        },
        roi_projections: RoiProjections {
            roi_percentage_min: e.roi_pct_min,
            roi_percentage_max: e.roi_pct_max,
            payback_period_months: e.payback_months,
            confidence_level: e.confidence,
        },
        similar_case_studies: similar_case_studies(&evidence, &e.similar_case_studies, base),
        methodology_summary: e.methodology_summary,
        evidence: e.basis,
        complexity_score: e.complexity_score,
        result_url: format!("{base}/roi-calculator/r/{}", stored.id),
        calculation_id: stored.id,
    }))
}
