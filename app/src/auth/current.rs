//! Who is making a request, read from its parts (session cookie, peer
//! address): no Leptos context, so axum handlers, server functions (through
//! `api::context`) and tests use it alike.

use super::session_token;
use crate::db::{sessions, users::UserRow};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use http::request::Parts;

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
