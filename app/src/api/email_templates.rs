//! Email templates (admins and marketers): list, read, save, reset and a
//! live preview. Thin: authorize, call the service.

use crate::domain::email_templates::RenderedEmail;
#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::email_templates::{TemplateDetail, TemplateInput, TemplateSummary};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
const EDITORS: [Role; 2] = [Role::Admin, Role::Marketer];

#[server(prefix = "/api", endpoint = "admin/email-templates/list")]
pub async fn list_email_templates() -> Result<Vec<TemplateSummary>, AppError> {
    let outcome = async {
        crate::api::context::require_role(&EDITORS).await?;
        crate::services::email_templates::list(&crate::api::context::db()?).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/email-templates/get")]
pub async fn email_template(key: String) -> Result<TemplateDetail, AppError> {
    let outcome = async {
        crate::api::context::require_role(&EDITORS).await?;
        let key = crate::services::email_templates::parse_key(&key)?;
        crate::services::email_templates::detail(&crate::api::context::db()?, key).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// `key`, and `input[subject]`, `input[body_text]`, `input[body_html]`.
#[server(prefix = "/api", endpoint = "admin/email-templates/save")]
pub async fn save_email_template(key: String, input: TemplateInput) -> Result<(), AppError> {
    let outcome = async {
        let editor = crate::api::context::require_role(&EDITORS).await?;
        let key = crate::services::email_templates::parse_key(&key)?;
        crate::services::email_templates::save(
            &crate::api::context::db()?,
            &editor,
            key,
            input.into(),
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/email-templates/reset")]
pub async fn reset_email_template(key: String) -> Result<(), AppError> {
    let outcome = async {
        let editor = crate::api::context::require_role(&EDITORS).await?;
        let key = crate::services::email_templates::parse_key(&key)?;
        crate::services::email_templates::reset(&crate::api::context::db()?, &editor, key).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// The template as typed, rendered with made-up values; `Err` holds where
/// and what is wrong ("HTML, line 3: syntax error: …").
#[server(prefix = "/api", endpoint = "admin/email-templates/preview")]
pub async fn preview_email_template(
    key: String,
    input: TemplateInput,
) -> Result<Result<RenderedEmail, String>, AppError> {
    let outcome = async {
        crate::api::context::require_role(&EDITORS).await?;
        let key = crate::services::email_templates::parse_key(&key)?;
        Ok(crate::services::email_templates::preview(
            key,
            &input.into(),
        ))
    }
    .await;
    crate::api::respond::with_status(outcome)
}
