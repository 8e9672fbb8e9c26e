//! Who is making this request. Used inside every server function and guarded
//! page: authorisation is checked where the data is, not only in the UI.

use super::session_token;
use crate::db::{sessions, users::UserRow};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::state::AppState;
use http::request::Parts;
use leptos::prelude::use_context;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts missing from context"))
}

/// The session token the request carries, if any.
pub fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(session_token::from_cookie_header)
}

pub fn to_current_user(row: UserRow) -> Result<CurrentUser, AppError> {
    Ok(CurrentUser {
        role: row.role()?,
        id: row.id,
        email: row.email,
        display_name: row.display_name,
    })
}

/// The logged-in user, or `None` for anonymous requests and expired sessions.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    user_for_request(&state()?.db, &request_parts()?).await
}

/// The user whose session cookie a request carries (for axum handlers, which
/// have no Leptos context).
pub async fn user_for_request(
    db: &crate::db::Db,
    parts: &Parts,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = session_token(parts) else {
        return Ok(None);
    };
    let row = sessions::find_user(db, &session_token::hash_token(&token)).await?;
    row.map(to_current_user).transpose()
}

/// The logged-in user if their role is one of `allowed`; 401 or 403 otherwise.
pub async fn require_role(allowed: &[Role]) -> Result<CurrentUser, AppError> {
    let user = current_user().await?.ok_or(AppError::Unauthenticated)?;
    if allowed.contains(&user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn require_user() -> Result<CurrentUser, AppError> {
    require_role(&Role::ALL).await
}

/// The client's address: the socket peer, or — behind proxies the
/// deployment trusts — the hop they vouch for (see
/// [`crate::domain::client_address`]). Always a parsed IP address.
pub fn client_ip(
    parts: &Parts,
    trusted: &crate::domain::client_address::TrustedProxies,
) -> std::net::IpAddr {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::domain::client_address::client_address(peer, &forwarded, trusted)
}
