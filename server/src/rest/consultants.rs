//! `GET /api/v1/consultants` (the directory, filtered) and
//! `GET /api/v1/consultants/{id}` (one active profile).

use super::error::{pairs, ApiError};
use app::domain::consultant_query::ConsultantQuery;
use app::services::showcase;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let query = ConsultantQuery::parse(pairs(&query)).map_err(ApiError::bad_parameters)?;
    let list = showcase::consultant_list(&state.db, &query).await?;
    Ok(Json(list).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match showcase::consultant(&state.db, &id, None).await? {
        Some(profile) => Ok(Json(profile).into_response()),
        None => Err(ApiError::not_found("That consultant")),
    }
}
