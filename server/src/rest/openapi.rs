//! `GET /api/v1/openapi.json`: the API's OpenAPI 3.1 document. It is written
//! by hand (`openapi.json` beside this file); the integration test
//! `openapi.rs` keeps it true: every documented path, method and status is
//! produced by a real request, and every documented response field is in the
//! real response.

use axum::http::header;
use axum::response::IntoResponse;

/// The document, as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        DOCUMENT,
    )
}
