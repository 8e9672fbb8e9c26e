//! The first-party visitor id: a random value in the `ce_vid` cookie that lets
//! us count a visitor's case-study views once a day (and, later, link their
//! calculator use to a lead). It identifies a browser, not a person, and is
//! never shared with third parties.

use crate::auth::current::{client_ip, request_parts, state};
use crate::auth::session_token;
use crate::db::{case_studies, Db};
use crate::domain::visitor::is_probable_bot;
use crate::error::AppError;
use http::{header, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub const COOKIE_NAME: &str = "ce_vid";

fn from_cookie_header(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| {
            v.len() == 43
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The visitor's id, issuing a new cookie when the browser has none.
pub fn visitor_id() -> Result<String, AppError> {
    let parts = request_parts()?;
    let existing = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(from_cookie_header);
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = session_token::generate().token;
    let secure = state()?.settings.secure_cookies;
    let cookie = format!(
        "{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
        if secure { "; Secure" } else { "" }
    );
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(
            header::SET_COOKIE,
            HeaderValue::from_str(&cookie).map_err(AppError::internal)?,
        );
    }
    Ok(id)
}

/// Counts a case-study view unless the client looks like a crawler. The
/// visitor is known by their cookie and by address + browser, so neither a
/// reload with the cookie nor a reload by a browser refusing cookies counts again.
pub async fn count_case_study_view(db: &Db, case_study_id: &str) -> Result<(), AppError> {
    let parts = request_parts()?;
    let user_agent = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    if is_probable_bot(user_agent) {
        return Ok(());
    }
    let ip = client_ip(&parts, state()?.settings.trust_proxy);
    let keys = [
        session_token::hash_token(&format!("cookie|{}", visitor_id()?)),
        session_token::hash_token(&format!("address|{ip}|{}", user_agent.unwrap_or_default())),
    ];
    case_studies::record_view(db, case_study_id, &keys)
        .await
        .map_err(AppError::internal)?;
    Ok(())
}
