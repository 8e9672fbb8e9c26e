//! Cross-cutting HTTP layers: one tracing span per request, and refusing
//! cross-site state-changing requests.

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, Method, StatusCode};
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

/// Browsers send `Origin` with every POST; one from another site is refused
/// (on top of SameSite=Lax cookies) so no other site can act for a logged-in user.
pub async fn refuse_cross_site_writes(request: Request<Body>, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        let origin_host = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .filter(|o| *o != "null")
            .map(|o| {
                o.split_once("://")
                    .map(|(_, host)| host)
                    .unwrap_or(o)
                    .to_string()
            });
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok());
        if let (Some(origin_host), Some(host)) = (origin_host, host) {
            if origin_host != host {
                tracing::warn!(%origin_host, %host, "cross-site request refused");
                return (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response();
            }
        }
    }
    next.run(request).await
}
