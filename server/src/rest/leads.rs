//! `POST /api/v1/leads` (the spec's CreateLeadRequest; the spec's documented
//! labels are accepted where they map to ours) and
//! `GET /api/v1/leads/{id}/consultant-match` (staff only).

use super::error::{body, ApiError};
use super::roi::{similar_case_studies, SimilarCaseStudy};
use super::staff::{LeadRoles, Staff};
use app::domain::consultant_match::ConsultantMatch;
use app::domain::lead_fields::Tier;
use app::domain::lead_form::{api_values, LeadForm, LeadRequest};
use app::error::AppError;
use app::model::leads::AssignedConsultant;
use app::services::visitor::Client;
use app::services::{lead_workspace, leads, roi};
use app::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

/// The spec's `CreateLeadResponse`.
#[derive(Debug, Serialize)]
pub struct CreateLeadResponse {
    pub lead_id: String,
    pub lead_score: u8,
    pub lead_tier: Tier,
    /// The schema `LeadConsultant` in `openapi.json`.
    pub assigned_consultant: Option<AssignedConsultant>,
    pub estimated_response_time: String,
    pub next_steps: Vec<String>,
    pub booking_url: Option<String>,
}

/// The spec's `ConsultantMatchResponse`, with the lead and its current assignee.
#[derive(Debug, Serialize)]
pub struct ConsultantMatchResponse {
    pub lead_id: String,
    pub assigned_consultant_id: Option<String>,
    pub recommended_consultant: RecommendedConsultant,
    pub alternative_consultants: Vec<MatchSummary>,
}

#[derive(Debug, Serialize)]
pub struct RecommendedConsultant {
    #[serde(flatten)]
    pub summary: MatchSummary,
    pub relevant_case_studies: Vec<SimilarCaseStudy>,
}

#[derive(Debug, Serialize)]
pub struct MatchSummary {
    pub consultant: MatchedConsultant,
    pub match_score: u8,
    pub match_reasons: Vec<String>,
    pub availability: Availability,
}

/// Names are `null` only if the profile was deleted since the match was made.
#[derive(Debug, Serialize)]
pub struct MatchedConsultant {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub title: Option<String>,
    pub calendar_booking_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Availability {
    /// Always `null`: no calendar integration yet; the booking link is the way to a slot.
    pub next_available_slot: Option<String>,
    pub capacity_percentage: u8,
    pub accepting_new_clients: bool,
}

pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    payload: Result<Json<LeadRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreateLeadResponse>), ApiError> {
    let form = LeadForm::from(body(payload)?);
    let client = Client::from_parts(&parts, &state.settings.trusted_proxies);
    let outcome = leads::capture(&state.db, &client, &form, &state.settings)
        .await
        .map_err(|err| match err {
            // The form's messages ("Choose your company's annual revenue")
            // become ones that list the accepted values.
            AppError::Invalid(fields) => AppError::fields(api_values::api_errors(
                fields.into_iter().map(|f| (f.field, f.message)).collect(),
            )),
            other => other,
        })?;
    let thank_you = outcome.thank_you;
    // A repeat submission answers exactly like a new one: the reply must not
    // reveal that the address already has a lead.
    Ok((
        StatusCode::CREATED,
        Json(CreateLeadResponse {
            lead_id: thank_you.lead_id,
            lead_score: outcome.score.total,
            lead_tier: outcome.score.tier,
            assigned_consultant: thank_you.consultant,
            estimated_response_time: thank_you.estimated_response_time,
            next_steps: thank_you.next_steps,
            booking_url: thank_you.booking_url,
        }),
    ))
}

/// Staff only (a session cookie): admins for any lead, consultants for their own.
pub async fn consultant_match(
    State(state): State<AppState>,
    Staff { user, .. }: Staff<LeadRoles>,
    Path(id): Path<String>,
) -> Result<Json<ConsultantMatchResponse>, ApiError> {
    let detail = lead_workspace::detail(&state.db, &user, &id).await?;
    let base = state.settings.public_url.as_str();
    let evidence_rows = app::db::roi_calculations::published_evidence(&state.db).await?;
    let consultants = app::db::consultants::list_all(&state.db).await?;
    let summary = |m: &ConsultantMatch| -> MatchSummary {
        let c = consultants.iter().find(|c| c.id == m.consultant_id);
        MatchSummary {
            consultant: MatchedConsultant {
                id: m.consultant_id.clone(),
                first_name: c.map(|c| c.first_name.clone()),
                last_name: c.map(|c| c.last_name.clone()),
                title: c.map(|c| c.title.clone()),
                calendar_booking_url: c.and_then(|c| c.calendar_url.clone()),
            },
            match_score: m.score,
            match_reasons: m.reasons.clone(),
            availability: Availability {
                next_available_slot: None,
                capacity_percentage: m.capacity_pct,
                accepting_new_clients: m.available,
            },
        }
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
    Ok(Json(ConsultantMatchResponse {
        lead_id: detail.id,
        assigned_consultant_id: detail.consultant_id,
        recommended_consultant: RecommendedConsultant {
            summary: summary(best),
            relevant_case_studies: similar_case_studies(&evidence, &relevant, base),
        },
        alternative_consultants: rest.iter().map(summary).collect(),
    }))
}
