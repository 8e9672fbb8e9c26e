//! Bad input stopped at the edge, before any handler sees it:
//!
//! * control characters (NUL and the other C0 controls except tab, LF and
//!   CR; DEL) in the path, the query string (also encoded twice, as pages
//!   decode it twice) or a form/JSON body are refused with 400, the same on
//!   both databases (PostgreSQL cannot store a NUL in text and answered 500;
//!   SQLite stored it);
//! * bodies over [`BODY_LIMIT`] are refused with 413;
//! * a server function whose arguments do not decode answers with the
//!   status its error names (400) rather than the 500 server_fn gives every
//!   error it raises itself.
//!
//! The rules about which characters count live in
//! [`app::domain::control_chars`]; this module only applies them to requests.

use crate::rest::error::ApiError;
use app::domain::control_chars;
use app::error::AppError;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};

/// The most a body other than an upload may hold: axum's default body limit,
/// which every route but the multipart upload keeps.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub const CONTROL_CHARACTERS: &str =
    "Text may not contain control characters (found one in the request).";
pub const TOO_LARGE: &str = "The request is too large (the limit is 2 MB).";
const UNREADABLE: &str = "The request body could not be read.";

/// Server functions live under `/api/`; `/api/v1/` is the REST API with
/// handlers (and error shapes) of its own.
pub fn is_server_fn_path(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/v1/")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Form,
    Json,
    Multipart,
    /// `text/plain`, none, or anything else. Server functions decode a body
    /// with their own codec whatever its declared type, so such a body is
    /// checked both as a form and as JSON.
    Other,
}

fn body_kind(request: &Request) -> BodyKind {
    let essence = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence == "application/json" || essence.ends_with("+json") {
        BodyKind::Json
    } else if essence.starts_with("multipart/") {
        BodyKind::Multipart
    } else {
        BodyKind::Other
    }
}

fn body_has_control_characters(kind: BodyKind, body: &[u8]) -> bool {
    match kind {
        BodyKind::Form => control_chars::find_in_url_encoded(body).is_some(),
        BodyKind::Json => control_chars::find_in_json(body).is_some(),
        BodyKind::Multipart => false,
        BodyKind::Other => {
            control_chars::find_in_url_encoded(body).is_some()
                || control_chars::find_in_json(body).is_some()
        }
    }
}

/// Refuses control characters in the path, query and body, and bodies over
/// the limit. Multipart uploads pass untouched: files are binary, and the
/// upload takes its one text value (`kind`) from the query string.
pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let in_url = control_chars::find_in_url(path.as_bytes()).is_some()
        || request
            .uri()
            .query()
            .is_some_and(|q| control_chars::find_in_url(q.as_bytes()).is_some());
    if in_url {
        tracing::info!("control character in the URL refused");
        return refuse(
            &path,
            StatusCode::BAD_REQUEST,
            "invalid_text",
            CONTROL_CHARACTERS,
        );
    }
    let kind = match body_kind(&request) {
        // Server functions here take forms or JSON and decode a body with
        // their own codec whatever it claims to be, so a "multipart" body
        // sent to one is checked like any other.
        BodyKind::Multipart if is_server_fn_path(&path) => BodyKind::Other,
        kind => kind,
    };
    if kind == BodyKind::Multipart || request.body().size_hint().exact() == Some(0) {
        return next.run(request).await;
    }
    let declared_length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > BODY_LIMIT as u64) {
        return refuse(&path, StatusCode::PAYLOAD_TOO_LARGE, "too_large", TOO_LARGE);
    }
    let (parts, body) = request.into_parts();
    let bytes = match read_bounded(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge) => {
            return refuse(&path, StatusCode::PAYLOAD_TOO_LARGE, "too_large", TOO_LARGE)
        }
        Err(ReadError::Broken) => {
            return refuse(&path, StatusCode::BAD_REQUEST, "invalid_body", UNREADABLE)
        }
    };
    if body_has_control_characters(kind, &bytes) {
        tracing::info!(?kind, "control character in the body refused");
        return refuse(
            &path,
            StatusCode::BAD_REQUEST,
            "invalid_text",
            CONTROL_CHARACTERS,
        );
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// server_fn answers every error it raises itself (an argument that does not
/// decode, a body it cannot read) with 500 and the serialized error. An
/// [`AppError`] knows its status (`Request` is 400), so a server function's
/// 500 whose body is one gets that status; a real `Internal` stays 500.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    if !is_server_fn_path(request.uri().path()) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    // Error bodies are a few hundred bytes of JSON; anything else is left alone.
    const MAX_ERROR_BODY: u64 = 64 * 1024;
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_ERROR_BODY);
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !small {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = read_bounded(body, MAX_ERROR_BODY as usize).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

enum ReadError {
    TooLarge,
    Broken,
}

/// Reads a body into memory, stopping (without reading the rest) once it
/// passes `limit`.
async fn read_bounded(mut body: Body, limit: usize) -> Result<Bytes, ReadError> {
    let mut buffer = Vec::new();
    while let Some(frame) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
    {
        let frame = frame.map_err(|_| ReadError::Broken)?;
        if let Ok(data) = frame.into_data() {
            if buffer.len() + data.len() > limit {
                return Err(ReadError::TooLarge);
            }
            buffer.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(buffer))
}

/// A refusal in the shape the caller reads: the REST API's JSON error, a
/// serialized [`AppError`] for server functions (their client decodes it),
/// plain text for pages.
fn refuse(path: &str, status: StatusCode, code: &'static str, message: &str) -> Response {
    if path.starts_with("/api/v1/") {
        ApiError {
            status,
            code,
            message: message.to_string(),
            parameters: Vec::new(),
            retry_after_secs: None,
        }
        .into_response()
    } else if is_server_fn_path(path) {
        let body = serde_json::to_string(&AppError::Request(message.to_string()))
            .unwrap_or_else(|_| format!("{{\"Request\":\"{message}\"}}"));
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message.to_string(),
        )
            .into_response()
    }
}
