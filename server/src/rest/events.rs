//! `POST /api/v1/events`: a batch of events from the beacon (`/ce.js`) or
//! any first-party script. The body is JSON, sent as `application/json` or
//! as `text/plain` (what `navigator.sendBeacon` sends for a string); it is
//! refused unread above [`MAX_BATCH_BYTES`] (413), refused whole when any
//! event is malformed (422 naming each field), and acknowledged (202) only
//! after the batch is committed. Cross-site posts are refused by the
//! cross-site middleware; the general API rate limit applies per address.

use super::error::ApiError;
use app::services::events::{ingest, Ingested};
use app::services::visitor::Client;
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;

pub use app::domain::experiments::events::MAX_BATCH_BYTES;

pub const PATH: &str = "/api/v1/events";

pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    body: Bytes,
) -> Result<(StatusCode, Json<Ingested>), ApiError> {
    let client = Client::from_parts(&parts, &state.settings.trusted_proxies);
    let ingested = ingest(&state.db, &client, &state.settings.api_rate_limits, &body).await?;
    Ok((StatusCode::ACCEPTED, Json(ingested)))
}
