//! Server-side state shared by every request: handed to server functions and
//! pages through Leptos context, and to axum handlers as router state.

use crate::db::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<RuntimeSettings>,
    pub lifecycle: Lifecycle,
}

/// Settings the request handlers need (the rest of the configuration is the server's).
#[derive(Debug, Clone)]
pub struct RuntimeSettings {
    /// Mark cookies `Secure`: true when the public URL is https.
    pub secure_cookies: bool,
    /// How long a login lasts.
    pub session_ttl_ms: i64,
    /// Which proxies in front of the server may say who the client is
    /// (`X-Forwarded-For`); none by default.
    pub trusted_proxies: crate::domain::client_address::TrustedProxies,
    /// The general per-address limit on `/api/` requests (empty: none).
    pub api_rate_limits: Vec<crate::domain::rate_limit::RateLimit>,
    /// The per-address limit on lead submissions (empty: none).
    pub lead_rate_limits: Vec<crate::domain::rate_limit::RateLimit>,
    /// The site's public origin (`https://example.com`, no trailing slash), for
    /// canonical URLs, Open Graph tags and the sitemap.
    pub public_url: String,
    /// Where uploaded images are written (and served from, under `/media`).
    pub media_dir: std::path::PathBuf,
    /// A mail server is configured, so emails are sent (else they wait).
    pub mail_configured: bool,
    /// `CE_CALENDLY_SIGNING_KEY`: booking webhooks are taken only with it.
    pub calendly_signing_key: Option<String>,
}

impl Default for RuntimeSettings {
    fn default() -> Self {
        RuntimeSettings {
            secure_cookies: false,
            session_ttl_ms: 24 * 60 * 60 * 1000,
            trusted_proxies: Default::default(),
            api_rate_limits: crate::domain::rate_limit::API_DEFAULT.to_vec(),
            lead_rate_limits: crate::domain::rate_limit::LEADS_DEFAULT.to_vec(),
            public_url: "http://127.0.0.1:3000".to_string(),
            media_dir: "data/media".into(),
            mail_configured: false,
            calendly_signing_key: None,
        }
    }
}

/// Whether this instance is shutting down, so `/ready` can tell load balancers
/// to stop sending traffic while in-flight requests finish.
#[derive(Clone, Default)]
pub struct Lifecycle(Arc<AtomicBool>);

impl Lifecycle {
    pub fn begin_shutdown(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
