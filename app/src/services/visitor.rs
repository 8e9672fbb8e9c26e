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
    let new_visitor = ctx.visitor_id.is_none();
    let keys = view_keys(ctx, &visitor_id(ctx, cookies));
    if new_visitor {
        note_first_seen(db, &keys[0]).await?;
    }
    case_studies::record_view(db, case_study_id, &keys).await?;
    Ok(())
}

/// Counts a case-study view answered from the page cache (the render that
/// filled the cache counted its own). The visitor's cookie is decided now,
/// as a render would (a new visitor gets one); the writes run behind the
/// response, so a page from memory does not wait for the disk.
pub fn count_cached_case_study_view(
    db: &Db,
    ctx: &RequestContext,
    cookies: &mut Cookies,
    slug: &str,
) {
    if is_probable_bot(ctx.user_agent.as_deref()) {
        return;
    }
    let new_visitor = ctx.visitor_id.is_none();
    let keys = view_keys(ctx, &visitor_id(ctx, cookies));
    let (db, slug) = (db.clone(), slug.to_string());
    tokio::spawn(async move {
        let counted = async {
            if new_visitor {
                note_first_seen(&db, &keys[0]).await?;
            }
            if let Some(id) = case_studies::published_id_by_slug(&db, &slug).await? {
                case_studies::record_view(&db, &id, &keys).await?;
            }
            Ok::<(), AppError>(())
        }
        .await;
        if let Err(e) = counted {
            tracing::warn!(error = ?e, slug, "could not count a cached case-study view");
        }
    });
}

/// The keys a view is de-duplicated by: the visitor's cookie, and their
/// address with their browser (for browsers that refuse cookies).
fn view_keys(ctx: &RequestContext, visitor_id: &str) -> [String; 2] {
    [
        visitor_key(visitor_id),
        session_token::hash_token(&format!(
            "address|{}|{}",
            ctx.client_ip,
            ctx.user_agent.as_deref().unwrap_or_default()
        )),
    ]
}

/// Notes when the server first saw a visitor, so a lead's time on site is
/// measured by us (see `services::leads`), not taken from the request.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn note_first_seen(db: &Db, visitor_key: &str) -> Result<(), AppError> {
    crate::db::visitors::note_first_seen(db, visitor_key, crate::db::now_ms())
        .await
        .map_err(AppError::from)
}
