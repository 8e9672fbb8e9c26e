use crate::error::AppError;
use crate::model::auth::CurrentUser;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "auth/me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::api::respond::with_status(crate::api::context::current_user().await)
}

/// Logs in and returns where to go next. A plain form post (no JavaScript) is
/// redirected: to `next` on success, back to the login page with an error code otherwise.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use crate::api::respond::{is_plain_form_post, with_status};
    use crate::domain::email::{EmailAddress, EmailError};
    // No account has an address longer than an address may be. Refused here,
    // before the throttle records it as a key: PostgreSQL cannot index a
    // value of several kilobytes and answered 500.
    let outcome = match EmailAddress::parse(&email) {
        Err(err @ EmailError::TooLong) => Err(AppError::invalid("email", err.to_string())),
        _ => {
            async {
                let (db, ctx) = crate::api::context::request()?;
                let mut cookies = crate::services::context::Cookies::default();
                let target = crate::services::auth::login(
                    &db,
                    &ctx,
                    &mut cookies,
                    &email,
                    &password,
                    next.as_deref(),
                )
                .await?;
                crate::api::context::send(cookies)?;
                Ok(target)
            }
            .await
        }
    };
    match &outcome {
        Ok(target) => leptos_axum::redirect(target),
        Err(err) if is_plain_form_post() => {
            let next = crate::domain::safe_redirect::safe_next_path(next.as_deref());
            // The address typed comes back in the form (only a well-formed
            // one: it is what this browser just sent, nobody else's).
            let typed = EmailAddress::parse(&email)
                .map(|e| {
                    format!(
                        "&email={}",
                        crate::domain::safe_redirect::encode_query_value(e.as_str())
                    )
                })
                .unwrap_or_default();
            leptos_axum::redirect(&format!(
                "/login?error={}&next={}{typed}",
                crate::model::auth::LoginProblem::from_error(err).code(),
                crate::domain::safe_redirect::encode_query_value(&next)
            ));
            return Err(err.clone());
        }
        Err(_) => {}
    }
    with_status(outcome)
}

#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    let outcome = async {
        let (db, ctx) = crate::api::context::request()?;
        let mut cookies = crate::services::context::Cookies::default();
        crate::services::auth::logout(&db, &ctx, &mut cookies).await?;
        crate::api::context::send(cookies)
    }
    .await;
    if outcome.is_ok() {
        leptos_axum::redirect("/login?logged_out=1");
    }
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "auth/change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_user().await?;
        let (db, ctx) = crate::api::context::request()?;
        crate::services::auth::change_password(
            &db,
            &ctx,
            &user,
            &current_password,
            &new_password,
            &confirm_password,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
