//! `POST /api/v1/unsubscribe/{token}`: the one-click unsubscribe that mail
//! programs send for the `List-Unsubscribe-Post` header (RFC 8058). The body
//! (`List-Unsubscribe=One-Click`) is not needed: the signed token says who.
//! A GET (someone opening the address) goes to the page with the button.

use super::error::ApiError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::Json;
use serde_json::{json, Value};

pub async fn one_click(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<Value>, ApiError> {
    app::services::sequences::unsubscribe(&state.db, &token).await?;
    Ok(Json(json!({ "unsubscribed": true })))
}

pub async fn page(Path(token): Path<String>) -> Redirect {
    // The token is our own URL-safe text or junk the page refuses; either
    // way it only names a path segment.
    let segment: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    Redirect::to(&format!("/unsubscribe/{segment}"))
}
