//! Cross-cutting HTTP layers: one tracing span per request, and refusing
//! cross-site state-changing requests.

use app::domain::content_policy;
use app::domain::cross_site::{judge, CrossSiteVerdict, RequestSource};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method, StatusCode};
use std::time::Instant;
use tracing::{field, info_span, Instrument};

/// Wraps each request in a span with method, matched route, status and latency.
pub async fn trace_request(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "<unmatched>".to_string());
    let span = info_span!(
        "request",
        method = %request.method(),
        route = %route,
        status = field::Empty,
        latency_ms = field::Empty,
    );
    let started = Instant::now();
    async move {
        let response = next.run(request).await;
        let latency = started.elapsed().as_secs_f64() * 1000.0;
        let span = tracing::Span::current();
        span.record("status", response.status().as_u16());
        span.record("latency_ms", latency);
        if response.status().is_server_error() {
            tracing::error!("request failed");
        } else {
            tracing::info!("request handled");
        }
        response
    }
    .instrument(span)
    .await
}

/// How long browsers may keep a built asset under `/pkg/` (or another
/// bundle's, such as `/back-office/pkg/`): a year, never asking again,
/// when its name carries a content hash (`causal-edge.3f9a…c1.wasm`: a new
/// build means a new name); five minutes otherwise (a build without hashes).
/// Not an asset: `None`.
pub fn asset_cache_policy(path: &str) -> Option<&'static str> {
    let name = path.strip_prefix("/pkg/").or_else(|| {
        let (dir, rest) = path.strip_prefix('/')?.split_once('/')?;
        app::domain::islands::Bundle::ALL
            .iter()
            .any(|bundle| bundle.site_dir() == Some(dir))
            .then_some(rest)?
            .strip_prefix("pkg/")
    })?;
    let parts: Vec<&str> = name.split('.').collect();
    let hashed = parts.len() >= 3
        && parts[1].len() >= 8
        && parts[1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    Some(if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    })
}

/// Refuses state-changing requests that a browser says come from another
/// site, scheme or an opaque origin (see [`app::domain::cross_site`]), and
/// server-function or API writes whose body is not a type our forms send: a
/// `text/plain` POST is what a cross-site form can send without a preflight.
pub async fn refuse_cross_site_writes(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let source = RequestSource {
        origin: text(header::ORIGIN),
        sec_fetch_site: headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        referer: text(header::REFERER),
    };
    if let CrossSiteVerdict::Refused(why) = judge(source, &our_origins(&state, headers)) {
        tracing::warn!(origin = ?source.origin, reason = why, "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            format!("Cross-site request refused: {why}."),
        )
            .into_response();
    }
    let path = request.uri().path();
    // The events endpoint also takes text/plain: `navigator.sendBeacon` sends
    // a string as that. The origin check above has already run, and an event
    // can do no more than count a click for the visitor who sent it.
    let beacon = path == crate::rest::events::PATH && is_plain_text(headers);
    if (path.starts_with("/api/") || path.starts_with("/admin/"))
        && !has_form_body_type(headers)
        && !beacon
    {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the request as application/json, application/x-www-form-urlencoded or multipart/form-data.",
        )
            .into_response();
    }
    next.run(request).await
}

/// The origins our own pages have: the configured public URL, and this
/// host under the scheme the deployment uses (several names may reach one server).
fn our_origins(state: &AppState, headers: &http::HeaderMap) -> Vec<String> {
    let mut origins = vec![origin_of(&state.settings.public_url)];
    if let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) {
        let scheme = if state.settings.secure_cookies {
            "https"
        } else {
            "http"
        };
        origins.push(format!("{scheme}://{host}"));
    }
    origins
}

fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            format!("{scheme}://{host}")
        }
        None => url.to_string(),
    }
}

fn is_plain_text(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/plain"))
}

/// A body's declared type is one our forms and islands send; a request with
/// no body may omit it.
fn has_form_body_type(headers: &http::HeaderMap) -> bool {
    match headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        Some(value) => {
            let essence = value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            matches!(
                essence.as_str(),
                "application/json" | "application/x-www-form-urlencoded" | "multipart/form-data"
            )
        }
        None => headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|length| length.trim() == "0"),
    }
}

/// Headers every response gets unless a handler chose its own:
/// - a Content-Security-Policy for anything that is not a rendered page
///   (pages send their own, with the script nonce);
/// - HSTS when the public URL is https;
/// - `Cache-Control: no-store` for the back office, the API, the login and
///   thank-you pages and anything that sets a cookie, so no shared cache or
///   back button keeps personal data.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let is_page = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if is_page {
            // Rendered pages send their own policy with the script nonce. A
            // page seen without one (rare; not yet understood) is left without
            // a policy rather than given the no-script one, which would break
            // it; the escaping of every user-editable text still holds.
            tracing::warn!(%path, "page rendered without its Content-Security-Policy");
        } else {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(content_policy::FOR_NON_PAGES),
            );
        }
    }
    if state.settings.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let personal = [
        "/admin",
        "/api/",
        "/login",
        "/thanks/",
        "/roi-calculator/r/",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix));
    if personal || headers.contains_key(header::SET_COOKIE) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A successful page view by a visitor with our cookie converts their
/// experiments' visit goals (`url_visit:/thanks`): without any script, so
/// it counts with JavaScript off. Other paths cost a cached lookup; requests
/// without the cookie cost nothing. (A page answered from the page cache
/// never reaches this layer: the cache calls [`after_cache_hit`].)
pub async fn note_goal_visits(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let visit = goal_visit_of(request.method(), request.uri(), request.headers());
    let response = next.run(request).await;
    note_goal_visit(&state, visit, response.status()).await;
    response
}

/// The visitor and address of a GET that may convert a visit goal.
fn goal_visit_of(
    method: &Method,
    uri: &http::Uri,
    headers: &http::HeaderMap,
) -> Option<(String, String)> {
    if method != Method::GET {
        return None;
    }
    let visitor = app::services::context::visitor_id_in(headers)?;
    let target = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string());
    Some((visitor, target))
}

async fn note_goal_visit(state: &AppState, visit: Option<(String, String)>, status: StatusCode) {
    let Some((visitor_id, target)) = visit else {
        return;
    };
    if status.is_success() && !target.starts_with("/api/") && !target.starts_with("/pkg/") {
        if let Err(err) = app::services::events::note_visit(&state.db, &visitor_id, &target).await {
            tracing::warn!(error = %err, "could not record a visit goal");
        }
    }
}

/// What the layers the page cache skips would have done for a page it
/// answered from memory: a case study or landing page was not rendered, so
/// nothing counted its view (counted here, behind the response, and a
/// visitor without our cookie gets one, as the render would have given
/// them), and a visitor's view may convert a visit goal.
pub async fn after_cache_hit(
    state: &AppState,
    request: &http::request::Parts,
    response: &mut Response,
) {
    let visit = goal_visit_of(&request.method, &request.uri, &request.headers);
    note_goal_visit(state, visit, response.status()).await;
    let page = (request.method == Method::GET)
        .then(|| crate::page_cache::counted_page(request.uri.path()))
        .flatten();
    let Some(page) = page else {
        return;
    };
    let ctx = app::services::context::RequestContext::from_parts(request, &state.settings);
    let mut cookies = app::services::context::Cookies::default();
    match page {
        crate::page_cache::CountedPage::CaseStudy(slug) => {
            app::services::visitor::count_cached_case_study_view(
                &state.db,
                &ctx,
                &mut cookies,
                &slug,
            )
        }
        crate::page_cache::CountedPage::Landing(slug) => {
            app::services::landing_pages::count_cached_view(&state.db, &ctx, &slug)
        }
    }
    if !cookies.is_empty() {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        for cookie in cookies.values() {
            if let Ok(value) = HeaderValue::from_str(cookie) {
                headers.append(header::SET_COOKIE, value);
            }
        }
    }
}

/// The general per-address limit on the API (REST and server functions),
/// counted in the database so every app server shares it. Pages are not
/// limited here; the endpoints that write (leads, estimates, logins) have
/// their own, stricter limits.
pub async fn limit_api_requests(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let limits = &state.settings.api_rate_limits;
    let path = request.uri().path();
    // The events endpoint counts the same limits inside the transaction
    // that stores the batch (one commit instead of two).
    if limits.is_empty() || !path.starts_with("/api/") || path == crate::rest::events::PATH {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let address = app::auth::current::client_ip(&parts, &state.settings.trusted_proxies);
    match app::services::rate_limit::enforce(&state.db, limits, &address.to_string()).await {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(app::error::AppError::TooManyRequests { retry_after_secs }) => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                axum::Json(serde_json::json!({
                    "error": "rate_limited",
                    "message": format!("Too many requests from your address. Try again in {retry_after_secs} s."),
                    "retry_after": retry_after_secs,
                })),
            )
                .into_response();
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is busy; please try again shortly.",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::asset_cache_policy;

    #[test]
    fn hashed_assets_are_kept_for_a_year_and_others_briefly() {
        let year = Some("public, max-age=31536000, immutable");
        assert_eq!(
            asset_cache_policy("/pkg/causal-edge.Kx3v9QpZtR2mWf8a.wasm"),
            year
        );
        assert_eq!(
            asset_cache_policy("/pkg/causal-edge.0123456789abcdef.css"),
            year
        );
        assert_eq!(
            asset_cache_policy("/pkg/causal-edge.css"),
            Some("public, max-age=300")
        );
        assert_eq!(
            asset_cache_policy("/pkg/causal-edge.js"),
            Some("public, max-age=300")
        );
        assert_eq!(
            asset_cache_policy("/back-office/pkg/causal-edge.Kx3v9QpZtR2mWf8a.wasm"),
            year
        );
        assert_eq!(
            asset_cache_policy("/gallery/pkg/causal-edge.Kx3v9QpZtR2mWf8a.js"),
            year
        );
        assert_eq!(asset_cache_policy("/back-office/x.wasm"), None);
        assert_eq!(
            asset_cache_policy("/elsewhere/pkg/causal-edge.Kx3v9QpZtR2m.js"),
            None
        );
        assert_eq!(asset_cache_policy("/case-studies"), None);
        assert_eq!(asset_cache_policy("/media/hero/x.webp"), None);
    }
}
