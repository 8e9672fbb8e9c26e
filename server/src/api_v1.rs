//! The public JSON API under `/api/v1`: read-only showcase data. Bad query
//! parameters get a 400 naming each parameter; unknown slugs and ids a 404.

use crate::leads_api;
use app::domain::consultant_query::ConsultantQuery;
use app::domain::gallery_query::{GalleryQuery, ParamError};
use app::error::AppError;
use app::services::showcase;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/case-studies", get(list_case_studies))
        .route("/api/v1/case-studies/{slug}", get(case_study))
        .route("/api/v1/consultants", get(list_consultants))
        .route("/api/v1/consultants/{id}", get(consultant))
        .route("/api/v1/roi-calculator/estimate", post(leads_api::estimate))
        .route("/api/v1/leads", post(leads_api::create_lead))
        .route(
            "/api/v1/leads/{id}/consultant-match",
            get(leads_api::consultant_match),
        )
}

/// An API error as JSON: a stable code, a readable message and, for bad
/// parameters or body fields, one entry per parameter.
pub struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) parameters: Vec<ParamError>,
    pub(crate) retry_after_secs: Option<i64>,
}

impl ApiError {
    pub(crate) fn bad_parameters(parameters: Vec<ParamError>) -> ApiError {
        let names: Vec<&str> = parameters.iter().map(|p| p.parameter.as_str()).collect();
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_parameter",
            message: format!("Invalid query parameter(s): {}.", names.join(", ")),
            parameters,
            retry_after_secs: None,
        }
    }

    pub(crate) fn not_found(what: &str) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: format!("{what} was not found."),
            parameters: Vec::new(),
            retry_after_secs: None,
        }
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> ApiError {
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let (code, parameters, retry_after_secs) = match &err {
            AppError::Invalid(fields) => (
                "invalid_field",
                fields
                    .iter()
                    .map(|f| ParamError {
                        parameter: f.field.clone(),
                        message: f.message.clone(),
                    })
                    .collect(),
                None,
            ),
            AppError::TooManyRequests { retry_after_secs } => {
                ("rate_limited", Vec::new(), Some(*retry_after_secs))
            }
            AppError::Unauthenticated => ("unauthenticated", Vec::new(), None),
            AppError::Forbidden => ("forbidden", Vec::new(), None),
            AppError::NotFound(_) => ("not_found", Vec::new(), None),
            _ => ("error", Vec::new(), None),
        };
        ApiError {
            status,
            code,
            message: err.to_string(),
            parameters,
            retry_after_secs,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": { "code": self.code, "message": self.message, "parameters": self.parameters }
        });
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            if let Ok(value) = axum::http::HeaderValue::from_str(&secs.to_string()) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
        }
        response
    }
}

fn pairs(query: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    query.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

async fn list_case_studies(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let query = GalleryQuery::parse(pairs(&query)).map_err(ApiError::bad_parameters)?;
    let list = showcase::gallery(&state.db, &query).await?;
    Ok(Json(list).into_response())
}

async fn case_study(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    match showcase::case_study(&state.db, &slug, false).await? {
        Some(detail) => Ok(Json(detail).into_response()),
        None => Err(ApiError::not_found(&format!("Case study \"{slug}\""))),
    }
}

async fn list_consultants(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let query = ConsultantQuery::parse(pairs(&query)).map_err(ApiError::bad_parameters)?;
    let list = showcase::consultant_list(&state.db, &query).await?;
    Ok(Json(list).into_response())
}

async fn consultant(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match showcase::consultant(&state.db, &id, None).await? {
        Some(profile) => Ok(Json(profile).into_response()),
        None => Err(ApiError::not_found("That consultant")),
    }
}
