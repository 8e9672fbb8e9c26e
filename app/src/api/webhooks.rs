//! Outgoing webhooks (admins): register endpoints, switch them off and on,
//! delete them, and send a logged delivery again. Plain form posts.

#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::webhooks::{EndpointSummary, WebhookInput};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/webhooks/list")]
pub async fn list_webhooks() -> Result<Vec<EndpointSummary>, AppError> {
    let outcome = async {
        crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::webhooks::overview(&crate::api::context::db()?).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// `input[url]` and the event names as `input[events][]` (the form's checkboxes).
#[server(prefix = "/api", endpoint = "admin/webhooks/create")]
pub async fn create_webhook(input: WebhookInput) -> Result<String, AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::webhooks::create(
            &crate::api::context::db()?,
            &admin,
            &input.url,
            &input.events,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/webhooks/active")]
pub async fn set_webhook_active(id: String, active: bool) -> Result<(), AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::webhooks::set_active(&crate::api::context::db()?, &admin, &id, active)
            .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/webhooks/delete")]
pub async fn delete_webhook(id: String) -> Result<(), AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::webhooks::delete(&crate::api::context::db()?, &admin, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/webhooks/send-again")]
pub async fn send_webhook_again(id: String) -> Result<(), AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::webhooks::send_again(&crate::api::context::db()?, &admin, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
