//! The job queue's page: admins see what ran, what waits and what gave up,
//! and retry or cancel.

#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::jobs::JobsOverview;
use leptos::prelude::*;

/// `state`: one of the job states, or empty for all.
#[server(prefix = "/api", endpoint = "admin/jobs/list")]
pub async fn list_jobs(#[server(default)] state: String) -> Result<JobsOverview, AppError> {
    let outcome = async {
        crate::api::context::require_role(&[Role::Admin]).await?;
        let state = match state.trim() {
            "" => None,
            other => Some(crate::domain::jobs::JobState::parse(other).ok_or_else(|| {
                AppError::invalid(
                    "state",
                    "Show waiting, running, done, gave up, cancelled or all.",
                )
            })?),
        };
        let app = crate::api::context::state()?;
        crate::services::jobs::overview(&app.db, state, app.settings.mail_configured).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/jobs/retry")]
pub async fn retry_job(id: String) -> Result<(), AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::jobs::retry(&crate::api::context::db()?, &admin, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/jobs/cancel")]
pub async fn cancel_job(id: String) -> Result<(), AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::jobs::cancel(&crate::api::context::db()?, &admin, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
