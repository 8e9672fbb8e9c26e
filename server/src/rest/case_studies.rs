//! `GET /api/v1/case-studies` (the gallery, filtered and paged) and
//! `GET /api/v1/case-studies/{slug}` (one published study).

use super::error::{pairs, ApiError};
use app::domain::gallery_query::GalleryQuery;
use app::services::showcase;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let query = GalleryQuery::parse(pairs(&query)).map_err(ApiError::bad_parameters)?;
    let list = showcase::gallery(&state.db, &query).await?;
    Ok(Json(list).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    match showcase::case_study(&state.db, &slug, false).await? {
        Some(detail) => Ok(Json(detail).into_response()),
        None => Err(ApiError::not_found(&format!("Case study \"{slug}\""))),
    }
}
