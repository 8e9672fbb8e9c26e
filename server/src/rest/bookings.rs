//! `POST /api/v1/bookings/calendly`: Calendly's webhook for scheduled and
//! cancelled meetings (`invitee.created`, `invitee.canceled`), signed with
//! the key set in `CE_CALENDLY_SIGNING_KEY`. Not configured: 404. A forged or
//! replayed event: 401, logged. An event for nobody we know: 200 (Calendly
//! would otherwise keep sending it) saying so.

use super::error::ApiError;
use app::services::bookings::{record_calendly, BookingError, BookingOutcome};
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;

pub async fn calendly(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: String,
) -> Result<Json<BookingOutcome>, ApiError> {
    let Some(key) = state.settings.calendly_signing_key.as_deref() else {
        return Err(refusal(
            StatusCode::NOT_FOUND,
            "not_configured",
            "Booking webhooks are not configured (CE_CALENDLY_SIGNING_KEY).".into(),
        ));
    };
    let signature = headers
        .get("calendly-webhook-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let now = app::db::now_ms() / 1000;
    match record_calendly(
        &state.db,
        &state.settings.public_url,
        key,
        signature,
        &body,
        now,
    )
    .await
    {
        Ok(outcome) => Ok(Json(outcome)),
        Err(refused @ (BookingError::BadSignature | BookingError::Stale)) => {
            tracing::warn!(reason = %refused, "booking webhook refused");
            Err(refusal(
                StatusCode::UNAUTHORIZED,
                "bad_signature",
                format!("Refused: {refused}."),
            ))
        }
        Err(BookingError::Malformed(why)) => {
            Err(refusal(StatusCode::BAD_REQUEST, "invalid_body", why))
        }
        Err(BookingError::Internal(error)) => Err(error.into()),
    }
}

fn refusal(status: StatusCode, code: &'static str, message: String) -> ApiError {
    ApiError {
        status,
        code,
        message,
        parameters: Vec::new(),
        retry_after_secs: None,
    }
}
