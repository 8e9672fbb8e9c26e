//! `/health` (is this instance and its database working?) and `/ready`
//! (should a load balancer send traffic here?).

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn database_status(state: &AppState) -> (bool, f64) {
    let started = Instant::now();
    let reachable = matches!(
        tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await,
        Ok(Ok(()))
    );
    (reachable, started.elapsed().as_secs_f64() * 1000.0)
}

pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let (reachable, latency_ms) = database_status(&state).await;
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "status": if reachable { "ok" } else { "degraded" },
            "version": env!("CARGO_PKG_VERSION"),
            "database": {
                "backend": state.db.backend.name(),
                "reachable": reachable,
                "latency_ms": (latency_ms * 100.0).round() / 100.0,
            }
        })),
    )
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if state.lifecycle.is_shutting_down() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ready": false, "reason": "shutting down" })),
        );
    }
    let (reachable, _) = database_status(&state).await;
    if reachable {
        (StatusCode::OK, Json(json!({ "ready": true })))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ready": false, "reason": "database unreachable" })),
        )
    }
}
