//! The first-party visitor id: a random value in the `ce_vid` cookie that lets
//! us count a visitor's case-study views once a day (and, later, link their
//! calculator use to a lead). It identifies a browser, not a person, and is
//! never shared with third parties.

use crate::auth::current::client_ip;
use crate::auth::session_token;
use crate::db::{case_studies, Db};
use crate::domain::visitor::is_probable_bot;
use crate::error::AppError;
use crate::services::context::{Cookies, RequestContext, VISITOR_COOKIE};

/// What the database stores for a visitor: a hash of their cookie's id, so
/// the id itself never sits in a table.
pub fn visitor_key(visitor_id: &str) -> String {
    session_token::hash_token(&format!("cookie|{visitor_id}"))
}

/// A caller of a public endpoint: their address (for rate limits) and, when
/// their browser has our visitor cookie, its key (to link their activity).
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: String,
    pub visitor_key: Option<String>,
    /// This request is the visitor's first (their cookie was just issued):
    /// the service handling it notes when we first saw them.
    pub new_visitor: bool,
}

impl Client {
    /// For axum handlers (the REST API): never sets a cookie.
    pub fn from_parts(
        parts: &http::request::Parts,
        trusted: &crate::domain::client_address::TrustedProxies,
    ) -> Client {
        Client {
            ip: client_ip(parts, trusted).to_string(),
            visitor_key: crate::services::context::visitor_id_in(&parts.headers)
                .map(|id| visitor_key(&id)),
            new_visitor: false,
        }
    }

    /// For server functions and pages: asks for the visitor cookie if the
    /// browser has none.
    pub fn identify(ctx: &RequestContext, cookies: &mut Cookies) -> Client {
        Client {
            ip: ctx.client_ip.clone(),
            new_visitor: ctx.visitor_id.is_none(),
            visitor_key: Some(visitor_key(&visitor_id(ctx, cookies))),
        }
    }
}

/// The visitor's id, issuing a new cookie when the browser has none.
pub fn visitor_id(ctx: &RequestContext, cookies: &mut Cookies) -> String {
    if let Some(id) = &ctx.visitor_id {
        return id.clone();
    }
    let id = session_token::generate().token;
    cookies.set(format!(
        "{VISITOR_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
        if ctx.secure_cookies { "; Secure" } else { "" }
    ));
    id
}

/// Counts a case-study view unless the client looks like a crawler. The
/// visitor is known by their cookie and by address + browser, so neither a
/// reload with the cookie nor a reload by a browser refusing cookies counts again.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn count_case_study_view(
    db: &Db,
    ctx: &RequestContext,
    cookies: &mut Cookies,
    case_study_id: &str,
) -> Result<(), AppError> {
    let user_agent = ctx.user_agent.as_deref();
    if is_probable_bot(user_agent) {
        return Ok(());
    }
    let ip = &ctx.client_ip;
    let new_visitor = ctx.visitor_id.is_none();
    let key = visitor_key(&visitor_id(ctx, cookies));
    if new_visitor {
        note_first_seen(db, &key).await?;
    }
    let keys = [
        key,
        session_token::hash_token(&format!("address|{ip}|{}", user_agent.unwrap_or_default())),
    ];
    case_studies::record_view(db, case_study_id, &keys).await?;
    Ok(())
}

/// Notes when the server first saw a visitor, so a lead's time on site is
/// measured by us (see `services::leads`), not taken from the request.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn note_first_seen(db: &Db, visitor_key: &str) -> Result<(), AppError> {
    crate::db::visitors::note_first_seen(db, visitor_key, crate::db::now_ms())
        .await
        .map_err(AppError::from)
}
