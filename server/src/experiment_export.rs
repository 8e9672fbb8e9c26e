//! `GET /admin/experiments/{id}/daily.csv`: an experiment's per-day
//! sufficient statistics (new visitors and conversions per arm, with running
//! totals), for analysts who want to check the numbers elsewhere. Any staff
//! role: consultants read experiments too.

use crate::rest::error::ApiError;
use crate::rest::staff::Staff;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub async fn daily_csv(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (file_name, csv) = app::services::experiments::daily_csv(&state.db, &id).await?;
    // The id is one the database gave back (a UUID), safe in the quoted name.
    let disposition = format!("attachment; filename=\"{file_name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        csv,
    )
        .into_response())
}
