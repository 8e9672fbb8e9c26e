//! One-time password links: admins make them, staff ask for one by email,
//! and the link's holder sets a password. The last three are public (the
//! token or the same-for-everyone answer is the protection) and rate-limited.

#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::users::{PasswordLink, PasswordLinkInfo};
use leptos::prelude::*;

/// Admins: a reset link for another user, to hand over (24 hours, once).
#[server(prefix = "/api", endpoint = "admin/users/password-link")]
pub async fn create_password_link(id: String) -> Result<PasswordLink, AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        let state = crate::api::context::state()?;
        crate::services::password_links::link_for(
            &state.db,
            &state.settings.public_url,
            &admin,
            &id,
            crate::domain::password_link::LinkPurpose::Reset,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// "Forgot your password?": always the same answer for a well-formed email.
#[server(prefix = "/api", endpoint = "auth/forgot-password")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let outcome = async {
        let state = crate::api::context::state()?;
        let (db, ctx) = crate::api::context::request()?;
        crate::services::password_links::request_reset(
            &db,
            &ctx,
            &state.settings.public_url,
            &email,
        )
        .await
    }
    .await;
    if crate::api::respond::is_plain_form_post() {
        match &outcome {
            Ok(()) => leptos_axum::redirect("/forgot-password?sent=1"),
            Err(AppError::TooManyRequests { .. }) => {
                leptos_axum::redirect("/forgot-password?error=too_many")
            }
            Err(_) => leptos_axum::redirect("/forgot-password?error=email"),
        }
    }
    crate::api::respond::with_status(outcome)
}

/// Whose link this is and what for; a dead link is a 422 on `token`.
#[server(prefix = "/api", endpoint = "auth/password-link")]
pub async fn inspect_password_link(token: String) -> Result<PasswordLinkInfo, AppError> {
    let outcome = async {
        let db = crate::api::context::db()?;
        let (email, purpose) = crate::services::password_links::inspect(&db, &token).await?;
        Ok(PasswordLinkInfo { email, purpose })
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Sets the password through a live link; on to the login form after.
#[server(prefix = "/api", endpoint = "auth/set-password")]
pub async fn set_password_by_link(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<String, AppError> {
    let outcome = async {
        let db = crate::api::context::db()?;
        crate::services::password_links::set_password(&db, &token, &new_password, &confirm_password)
            .await
    }
    .await;
    if let (Ok(email), true) = (&outcome, crate::api::respond::is_plain_form_post()) {
        leptos_axum::redirect(&crate::domain::password_link::after_set_path(email));
    }
    crate::api::respond::with_status(outcome)
}
