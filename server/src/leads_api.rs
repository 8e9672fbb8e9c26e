//! `/api/v1` for the ROI calculator and leads: the spec's request and
//! response shapes, with the same validation, rate limits and storage as the
//! pages. Bad bodies get a 422 naming each field.

use crate::api_v1::ApiError;
use app::auth::current::user_for_request;
use app::domain::consultant_match::ConsultantMatch;
use app::domain::lead_form::{api_values, LeadForm, LeadRequest};
use app::domain::roi::{known_industries, RoiRequest};
use app::domain::role::Role;
use app::error::AppError;
use app::services::visitor::Client;
use app::services::{lead_workspace, leads, roi};
use app::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// A body that is not JSON of the right shape: 400 with serde's explanation
/// (it names the field and the expected type).
fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    payload.map(|Json(v)| v).map_err(|rejection| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_body",
        message: rejection.body_text(),
        parameters: Vec::new(),
        retry_after_secs: None,
    })
}

fn similar_json(
    evidence: &[app::domain::roi::StudyEvidence],
    slugs: &[String],
    base: &str,
) -> Vec<Value> {
    slugs
        .iter()
        .filter_map(|slug| evidence.iter().find(|e| &e.slug == slug))
        .map(|e| {
            json!({
                "slug": e.slug, "title": e.title, "industry_sic_code": e.industry_sic_code,
                "industry_display_name": e.industry_name, "challenge": e.challenge,
                "primary_metric_improvement": e.improvement_pct, "roi_percentage": e.roi_pct,
                "payback_period_months": e.payback_months,
                "url": format!("{base}/case-studies/{}", e.slug),
            })
        })
        .collect()
}

pub async fn estimate(
    State(state): State<AppState>,
    parts: Parts,
    payload: Result<Json<RoiRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let request = body(payload)?;
    let evidence = roi::evidence(&state.db).await?;
    let input = request
        .parse(&known_industries(&evidence))
        .map_err(|errors| ApiError::from(AppError::fields(errors)))?;
    let client = Client::from_parts(&parts, &state.settings.trusted_proxies);
    let stored = roi::calculate(&state.db, &client, &input, &evidence).await?;
    let e = &stored.estimate;
    let base = state.settings.public_url.as_str();
    Ok(Json(json!({
        "estimated_annual_impact": {
            "revenue_increase_min": e.revenue_increase_min,
            "revenue_increase_max": e.revenue_increase_max,
            "revenue_increase_percentage": e.revenue_increase_pct,
            "revenue_increase_percentage_min": e.revenue_increase_pct_min,
            "revenue_increase_percentage_max": e.revenue_increase_pct_max,
            "currency": "GBP",
        },
        "roi_projections": {
            "roi_percentage_min": e.roi_pct_min,
            "roi_percentage_max": e.roi_pct_max,
            "payback_period_months": e.payback_months,
            "confidence_level": e.confidence,
        },
        "methodology_summary": e.methodology_summary,
        "evidence": e.basis,
        "similar_case_studies": similar_json(&evidence, &e.similar_case_studies, base),
        "calculation_id": stored.id,
        "complexity_score": e.complexity_score,
        "result_url": format!("{base}/roi-calculator/r/{}", stored.id),
    }))
    .into_response())
}

pub async fn create_lead(
    State(state): State<AppState>,
    parts: Parts,
    payload: Result<Json<LeadRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let form = LeadForm::from(body(payload)?);
    let client = Client::from_parts(&parts, &state.settings.trusted_proxies);
    let outcome = leads::capture(&state.db, &client, &form)
        .await
        .map_err(|err| match err {
            // The form's messages ("Choose your company's annual revenue")
            // become ones that list the accepted values.
            AppError::Invalid(fields) => AppError::fields(api_values::api_errors(
                fields.into_iter().map(|f| (f.field, f.message)).collect(),
            )),
            other => other,
        })?;
    let tier = outcome.score.tier;
    let consultant = outcome.consultant.as_ref().map(|c| {
        json!({
            "id": c.id, "first_name": c.first_name, "last_name": c.last_name, "title": c.title,
            "profile_image_url": c.profile_image_url, "calendar_booking_url": c.calendar_booking_url,
        })
    });
    // A repeat submission answers exactly like a new one: the reply must not
    // reveal that the address already has a lead.
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "lead_id": outcome.reference,
            "lead_score": outcome.score.total,
            "lead_tier": tier,
            "assigned_consultant": consultant,
            "estimated_response_time": leads::response_time(tier),
            "next_steps": leads::next_steps(tier, outcome.consultant.as_ref(), outcome.booking_url.is_some()),
            "booking_url": outcome.booking_url,
        })),
    )
        .into_response())
}

/// Staff only (a session cookie): admins for any lead, consultants for their own.
pub async fn consultant_match(
    State(state): State<AppState>,
    parts: Parts,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let user = user_for_request(&state.db, &parts)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !Role::PROFILE_EDITORS.contains(&user.role) {
        return Err(AppError::Forbidden.into());
    }
    let detail = lead_workspace::detail(&state.db, &user, &id).await?;
    let base = state.settings.public_url.as_str();
    let evidence_rows = app::db::roi_calculations::published_evidence(&state.db)
        .await
        .map_err(AppError::internal)?;
    let consultants = app::db::consultants::list_all(&state.db)
        .await
        .map_err(AppError::internal)?;
    let summary = |m: &ConsultantMatch| -> Value {
        let c = consultants.iter().find(|c| c.id == m.consultant_id);
        json!({
            "consultant": {
                "id": m.consultant_id,
                "first_name": c.map(|c| c.first_name.clone()),
                "last_name": c.map(|c| c.last_name.clone()),
                "title": c.map(|c| c.title.clone()),
                "calendar_booking_url": c.and_then(|c| c.calendar_url.clone()),
            },
            "match_score": m.score,
            "match_reasons": m.reasons,
            "availability": {
                // No calendar integration yet: the booking link is the way to a slot.
                "next_available_slot": Value::Null,
                "capacity_percentage": m.capacity_pct,
                "accepting_new_clients": m.available,
            },
        })
    };
    let Some((best, rest)) = detail.matches.split_first() else {
        return Err(ApiError::not_found("A consultant match for that lead"));
    };
    let relevant: Vec<String> = evidence_rows
        .iter()
        .filter(|e| e.consultant_id.as_deref() == Some(best.consultant_id.as_str()))
        .take(3)
        .map(|e| e.slug.clone())
        .collect();
    let evidence = roi::evidence_from_rows(&evidence_rows);
    let mut recommended = summary(best);
    recommended["relevant_case_studies"] = Value::from(similar_json(&evidence, &relevant, base));
    Ok(Json(json!({
        "lead_id": detail.id,
        "assigned_consultant_id": detail.consultant_id,
        "recommended_consultant": recommended,
        "alternative_consultants": rest.iter().map(summary).collect::<Vec<_>>(),
    }))
    .into_response())
}
