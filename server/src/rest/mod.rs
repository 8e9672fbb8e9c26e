//! The public JSON API under `/api/v1`, one file per resource. Bad query
//! parameters get a 400 naming each parameter, bad bodies a 400 (not JSON of
//! the right shape) or a 422 naming each field, unknown slugs and ids a 404;
//! every error is an [`error::ApiError`]. The OpenAPI document
//! (`openapi.json`, served at `/api/v1/openapi.json`) describes them all.
//!
//! Modules depend downward only: the resource files use `error` and `staff`;
//! neither uses a resource file.

pub mod bookings;
pub mod case_studies;
pub mod consultants;
pub mod error;
pub mod events;
pub mod leads;
pub mod openapi;
pub mod roi;
pub mod staff;
pub mod unsubscribe;

use app::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/case-studies", get(case_studies::list))
        .route("/api/v1/case-studies/{slug}", get(case_studies::show))
        .route("/api/v1/consultants", get(consultants::list))
        .route("/api/v1/consultants/{id}", get(consultants::show))
        .route("/api/v1/roi-calculator/estimate", post(roi::estimate))
        .route("/api/v1/leads", post(leads::create))
        .route(
            events::PATH,
            post(events::create).layer(axum::extract::DefaultBodyLimit::max(
                events::MAX_BATCH_BYTES,
            )),
        )
        .route(
            "/api/v1/leads/{id}/consultant-match",
            get(leads::consultant_match),
        )
        .route("/api/v1/bookings/calendly", post(bookings::calendly))
        .route(
            "/api/v1/unsubscribe/{token}",
            post(unsubscribe::one_click).get(unsubscribe::page),
        )
}
