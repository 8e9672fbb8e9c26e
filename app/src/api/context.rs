//! The one place where server functions read the Leptos request context:
//! the database, the explicit [`RequestContext`] the services take, and the
//! cookies they ask for. Services never read Leptos context themselves.

use crate::auth::current::user_for_request;
use crate::db::Db;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::services::context::{Cookies, RequestContext};
use crate::services::visitor::Client;
use crate::state::AppState;
use http::request::Parts;
use http::{header, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts missing from context"))
}

/// The logged-in user, or `None` for anonymous requests and expired sessions.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    user_for_request(&state()?.db, &request_parts()?).await
}

/// The logged-in user if their role is one of `allowed`; 401 or 403 otherwise.
/// Every server function that needs a role calls this first.
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

/// Whether the request carries a session cookie (not whether it is still
/// valid): enough for the public header to offer the back office instead of
/// "sign in", without a database read on every public page.
pub fn carries_session() -> bool {
    request_parts()
        .map(|parts| crate::auth::current::session_token(&parts).is_some())
        .unwrap_or(false)
}

/// The database.
pub fn db() -> Result<Db, AppError> {
    Ok(state()?.db)
}

/// The database and what the services may know about this request.
pub fn request() -> Result<(Db, RequestContext), AppError> {
    let state = state()?;
    let mut ctx = RequestContext::from_parts(&request_parts()?, &state.settings);
    // A page renders with several server functions; the first one that
    // gives a new visitor an id sets the cookie, and the others must use
    // that id, not mint their own (the browser would keep only the last,
    // and what the first recorded would belong to nobody).
    if ctx.visitor_id.is_none() {
        ctx.visitor_id = visitor_id_issued_in_this_response();
    }
    Ok((state.db, ctx))
}

/// The visitor id this response already gives the browser, if any.
fn visitor_id_issued_in_this_response() -> Option<String> {
    let response = use_context::<ResponseOptions>()?;
    let parts = response.0.read().ok()?;
    parts
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|cookie| {
            cookie
                .split(';')
                .next()?
                .strip_prefix(crate::services::context::VISITOR_COOKIE)?
                .strip_prefix('=')
                .map(str::to_string)
        })
}

/// The database and the caller of a public endpoint, issuing the visitor
/// cookie when the browser has none.
pub fn visitor() -> Result<(Db, Client), AppError> {
    let (db, ctx) = request()?;
    let mut cookies = Cookies::default();
    let client = Client::identify(&ctx, &mut cookies);
    send_if_rendering_allows(cookies)?;
    Ok((db, client))
}

/// Like [`send`], for cookies that are a courtesy (the visitor id): without
/// a response to add them to, the request goes on without them.
pub fn send_if_rendering_allows(cookies: Cookies) -> Result<(), AppError> {
    if use_context::<ResponseOptions>().is_none() {
        return Ok(());
    }
    send(cookies)
}

/// The response depends on the visitor (a page under test): browsers may
/// keep it, shared caches may not, and it varies with the visitor cookie.
pub fn mark_personalised() {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        response.append_header(header::VARY, HeaderValue::from_static("Cookie"));
    }
}

/// Adds the cookies a service asked for to the response.
pub fn send(cookies: Cookies) -> Result<(), AppError> {
    if cookies.is_empty() {
        return Ok(());
    }
    let response = use_context::<ResponseOptions>()
        .ok_or_else(|| AppError::internal("ResponseOptions missing from context"))?;
    for value in cookies.values() {
        let value = HeaderValue::from_str(value).map_err(AppError::internal)?;
        response.append_header(header::SET_COOKIE, value);
    }
    Ok(())
}
