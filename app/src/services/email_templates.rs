//! Email templates: the editor's list, detail, save, reset and preview, and
//! rendering an email for sending (an edited template that fails falls back
//! to the default, so a bad edit never holds up a lead).

use crate::db::{email_templates as db_templates, Db};
use crate::domain::email_templates::{
    check, render, RenderedEmail, TemplateError, TemplateKey, TemplateSource,
};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::email_templates::{TemplateDetail, TemplateSummary};

fn summary(key: TemplateKey, row: Option<&db_templates::EmailTemplateRow>) -> TemplateSummary {
    TemplateSummary {
        key,
        label: key.label().to_string(),
        edited: row.is_some(),
        updated_at_ms: row.map(|r| r.updated_at),
        updated_by: row.and_then(|r| r.updated_by_name.clone()),
    }
}

fn source_of(key: TemplateKey, row: Option<&db_templates::EmailTemplateRow>) -> TemplateSource {
    match row {
        Some(row) => TemplateSource {
            subject: row.subject.clone(),
            body_text: row.body_text.clone(),
            body_html: row.body_html.clone(),
        },
        None => key.default_source(),
    }
}

pub async fn list(db: &Db) -> Result<Vec<TemplateSummary>, AppError> {
    let rows = db_templates::all(db).await?;
    Ok(TemplateKey::ALL
        .into_iter()
        .map(|key| summary(key, rows.iter().find(|r| r.key == key.as_str())))
        .collect())
}

pub fn parse_key(key: &str) -> Result<TemplateKey, AppError> {
    TemplateKey::parse(key).ok_or_else(|| AppError::NotFound("That email template".to_string()))
}

pub async fn detail(db: &Db, key: TemplateKey) -> Result<TemplateDetail, AppError> {
    let row = db_templates::get(db, key).await?;
    let source = source_of(key, row.as_ref());
    Ok(TemplateDetail {
        summary: summary(key, row.as_ref()),
        preview: preview(key, &source),
        source,
        variables: key
            .variables()
            .iter()
            .map(|(name, what)| (name.to_string(), what.to_string()))
            .collect(),
        marketing: key.is_marketing(),
    })
}

/// The template rendered with made-up values, or what stops it.
pub fn preview(key: TemplateKey, source: &TemplateSource) -> Result<RenderedEmail, String> {
    check(key, source).map_err(|e| e.to_string())?;
    render(source, &key.sample_variables()).map_err(|e| e.to_string())
}

fn refused(error: TemplateError) -> AppError {
    AppError::invalid(error.part.field(), error.to_string())
}

/// Saves an edit; a template that does not render is refused with its part
/// and line, and nothing is stored. Audited.
#[tracing::instrument(skip_all, fields(template = key.as_str()), err(Debug, level = "info"))]
pub async fn save(
    db: &Db,
    editor: &CurrentUser,
    key: TemplateKey,
    source: TemplateSource,
) -> Result<(), AppError> {
    check(key, &source).map_err(refused)?;
    db_templates::put(db, key, &source, &editor.id).await?;
    crate::db::audit::record(
        db,
        Some(&editor.id),
        "email_template.saved",
        key.as_str(),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// Back to the default text. Audited.
#[tracing::instrument(skip_all, fields(template = key.as_str()), err(Debug, level = "info"))]
pub async fn reset(db: &Db, editor: &CurrentUser, key: TemplateKey) -> Result<(), AppError> {
    if db_templates::delete(db, key).await? {
        crate::db::audit::record(
            db,
            Some(&editor.id),
            "email_template.reset",
            key.as_str(),
            serde_json::json!({}),
        )
        .await?;
    }
    Ok(())
}

/// Renders `key` for sending with real values. The stored template is
/// checked when saved, but a variable can still be missing at send time; then
/// the default goes out and the failure is logged.
pub async fn render_for_sending(
    db: &Db,
    key: TemplateKey,
    vars: &serde_json::Value,
) -> Result<RenderedEmail, AppError> {
    let row = db_templates::get(db, key).await?;
    render_with(key, row.as_ref(), vars)
}

/// [`render_for_sending`] with the template's row already read (`None`
/// when it was never edited).
pub fn render_with(
    key: TemplateKey,
    row: Option<&db_templates::EmailTemplateRow>,
    vars: &serde_json::Value,
) -> Result<RenderedEmail, AppError> {
    let source = source_of(key, row);
    match render(&source, vars) {
        Ok(email) => Ok(email),
        Err(error) => {
            tracing::warn!(template = key.as_str(), %error, "edited template failed; sending the default");
            render(&key.default_source(), vars).map_err(AppError::internal)
        }
    }
}
