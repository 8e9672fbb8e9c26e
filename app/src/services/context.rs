//! What a service may know about the request it serves, passed explicitly so
//! that a server function, a REST handler, the CLI and a test call a service
//! alike. The caller builds it (server functions: `api::context`; REST
//! handlers: [`RequestContext::from_parts`]; tests and the CLI: by hand), and
//! sends the cookies a service asks for (see [`Cookies`]).

use crate::auth::current::{client_ip, session_token};
use crate::auth::session_token::hash_token;
use crate::state::RuntimeSettings;
use http::header;

#[derive(Debug, Clone)]
pub struct RequestContext {
    /// The client's address (see [`crate::domain::client_address`]).
    pub client_ip: String,
    pub user_agent: Option<String>,
    /// SHA-256 of the session token the request carries, if any.
    pub session_token_hash: Option<String>,
    /// The first-party visitor id from the `ce_vid` cookie, if any.
    pub visitor_id: Option<String>,
    /// Mark cookies `Secure` (the public URL is https).
    pub secure_cookies: bool,
    /// How long a new login lasts.
    pub session_ttl_ms: i64,
}

impl RequestContext {
    /// From an HTTP request's parts and the server's settings.
    pub fn from_parts(parts: &http::request::Parts, settings: &RuntimeSettings) -> RequestContext {
        RequestContext {
            client_ip: client_ip(parts, &settings.trusted_proxies).to_string(),
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            session_token_hash: session_token(parts).map(|t| hash_token(&t)),
            visitor_id: visitor_id_in(&parts.headers),
            secure_cookies: settings.secure_cookies,
            session_ttl_ms: settings.session_ttl_ms,
        }
    }
}

/// `Set-Cookie` values a service asks its caller to send with the response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cookies(Vec<String>);

impl Cookies {
    pub fn set(&mut self, set_cookie: String) {
        self.0.push(set_cookie);
    }

    pub fn values(&self) -> &[String] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The first-party visitor cookie (see `services::visitor`).
pub const VISITOR_COOKIE: &str = "ce_vid";

fn from_cookie_header(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == VISITOR_COOKIE)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| {
            v.len() == 43
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The visitor id in a request's cookies, if any.
pub fn visitor_id_in(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(from_cookie_header)
}
