//! The one place where server functions read the Leptos request context:
//! the database, the explicit [`RequestContext`] the services take, and the
//! cookies they ask for. Services never read Leptos context themselves.

use crate::auth::current::{request_parts, state};
use crate::db::Db;
use crate::error::AppError;
use crate::services::context::{Cookies, RequestContext};
use crate::services::visitor::Client;
use http::{header, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The database.
pub fn db() -> Result<Db, AppError> {
    Ok(state()?.db)
}

/// The database and what the services may know about this request.
pub fn request() -> Result<(Db, RequestContext), AppError> {
    let state = state()?;
    let ctx = RequestContext::from_parts(&request_parts()?, &state.settings);
    Ok((state.db, ctx))
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
