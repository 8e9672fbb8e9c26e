//! Unsubscribing from marketing email through the signed link in each
//! email. Public: the token is the authority.

use crate::error::AppError;
use leptos::prelude::*;

/// Whether the person the link names still gets marketing email.
#[server(prefix = "/api", endpoint = "unsubscribe/status")]
pub async fn unsubscribe_status(token: String) -> Result<bool, AppError> {
    let outcome = async {
        crate::services::sequences::is_subscribed(&crate::api::context::db()?, &token).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// The page's button (a plain form post): back to the page, which then
/// says it is done.
#[server(prefix = "/api", endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    let outcome = async {
        crate::services::sequences::unsubscribe(&crate::api::context::db()?, &token).await
    }
    .await;
    if outcome.is_ok() && crate::api::respond::is_plain_form_post() {
        // The token checked out, so it is our own URL-safe text.
        leptos_axum::redirect(&format!("/unsubscribe/{token}"));
    }
    crate::api::respond::with_status(outcome)
}
