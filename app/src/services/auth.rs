use crate::auth::{password_hash, session_token as token};
use crate::db::{audit, login_failures, sessions, users, Db};
use crate::domain::email::EmailAddress;
use crate::domain::password::NewPassword;
use crate::domain::safe_redirect::safe_next_path;
use crate::domain::throttle::ThrottlePolicy;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::services::context::{Cookies, RequestContext};

/// Checks the credentials (throttled per account and per address), starts a
/// new session — replacing the browser's previous one — and sets its cookie.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn login(
    db: &Db,
    ctx: &RequestContext,
    cookies: &mut Cookies,
    email: &str,
    password: &str,
    next: Option<&str>,
) -> Result<String, AppError> {
    let ip = ctx.client_ip.clone();
    // A malformed email cannot match an account; treat it like wrong credentials
    // but still count it against the address. Its throttle key is a hash, so
    // whatever was typed (any length, any bytes) is never stored or indexed.
    let email_key = EmailAddress::parse(email)
        .map(EmailAddress::into_inner)
        .unwrap_or_else(|_| {
            format!(
                "unparsed:{}",
                token::hash_token(&email.trim().to_lowercase())
            )
        });

    // The attempt counts before the (slow) password check, so parallel
    // guesses cannot all pass the throttle before any of them is recorded.
    let attempt = login_failures::record(db, &email_key, &ip).await?;
    let now = attempt.at_ms;
    for (policy, attempts) in [
        (
            ThrottlePolicy::PER_ACCOUNT,
            login_failures::for_email_since(
                db,
                &email_key,
                ThrottlePolicy::PER_ACCOUNT.window_start(now),
            )
            .await,
        ),
        (
            ThrottlePolicy::PER_ADDRESS,
            login_failures::for_ip_since(db, &ip, ThrottlePolicy::PER_ADDRESS.window_start(now))
                .await,
        ),
    ] {
        let attempts = attempts?;
        if let Some(retry_after_secs) = policy.retry_after_secs_counting(&attempts, now) {
            login_failures::forget(db, &attempt).await?;
            tracing::warn!(%ip, email = %email_key, "login throttled");
            return Err(AppError::TooManyRequests { retry_after_secs });
        }
    }

    let user = users::find_by_email(db, &email_key).await?;
    let verified =
        password_hash::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match user {
        Some(user) if verified && user.is_active() => user,
        _ => {
            // The attempt recorded above stays as the failure.
            tracing::info!(%ip, "login failed");
            return Err(AppError::BadCredentials);
        }
    };

    login_failures::clear_for_email(db, &email_key, now - ThrottlePolicy::PER_ADDRESS.window_ms)
        .await?;
    let new_token = token::generate();
    let previous = ctx.session_token_hash.as_deref();
    let user_agent = ctx.user_agent.as_deref();
    sessions::create(
        db,
        sessions::NewSession {
            token_hash: &new_token.hash,
            user_id: &user.id,
            ttl_ms: ctx.session_ttl_ms,
            ip_address: Some(&ip),
            user_agent,
        },
        previous,
    )
    .await?;
    cookies.set(token::cookie(
        &new_token.token,
        ctx.session_ttl_ms / 1000,
        ctx.secure_cookies,
    ));
    crate::db::users::record_login(db, &user.id, now).await?;
    tracing::info!(user_id = %user.id, "logged in");
    Ok(safe_next_path(next))
}

/// Ends the session on the server (so a copied cookie stops working) and clears the cookie.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn logout(db: &Db, ctx: &RequestContext, cookies: &mut Cookies) -> Result<(), AppError> {
    if let Some(hash) = &ctx.session_token_hash {
        sessions::delete(db, hash).await?;
    }
    cookies.set(token::clearing_cookie(ctx.secure_cookies));
    Ok(())
}

/// Changes the user's own password and ends their other sessions.
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn change_password(
    db: &Db,
    ctx: &RequestContext,
    user: &CurrentUser,
    current_password: &str,
    new_password: &str,
    confirm_password: &str,
) -> Result<(), AppError> {
    let new_password = NewPassword::parse(new_password)
        .map_err(|e| AppError::invalid("new_password", e.message()))?;
    if new_password.expose() != confirm_password {
        return Err(AppError::invalid(
            "confirm_password",
            "The two new passwords do not match.",
        ));
    }
    let row = users::find_by_id(db, &user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !password_hash::verify(current_password, Some(row.password_hash)).await? {
        return Err(AppError::invalid(
            "current_password",
            "Your current password is incorrect.",
        ));
    }
    let hash = password_hash::hash(&new_password).await?;
    users::update_password_hash(db, &user.id, &hash).await?;
    sessions::delete_for_user_except(db, &user.id, ctx.session_token_hash.as_deref()).await?;
    audit::record(
        db,
        Some(&user.id),
        "user.password_changed",
        &user.id,
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}
