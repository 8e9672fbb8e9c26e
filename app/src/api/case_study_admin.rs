//! Back-office server functions for case studies. Admins and marketers may
//! create, edit, publish and feature; only admins delete.

use crate::domain::case_study_form::CaseStudyInput;
#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::case_study_admin::{AdminCaseStudyList, EditorData};
use leptos::prelude::*;

/// One page of the list: `q` (part of a title or industry), `status`
/// (`published`, `draft` or empty) and `page`, as in the page's URL.
#[server(prefix = "/api", endpoint = "admin/case-studies/list")]
pub async fn list_case_studies_admin(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] page: String,
) -> Result<AdminCaseStudyList, AppError> {
    let outcome = async {
        crate::api::context::require_role(&Role::CASE_STUDY_EDITORS).await?;
        let (query, errors) =
            crate::domain::list_filters::CaseStudyListQuery::from_strings(&q, &status, &page);
        if !errors.is_empty() {
            return Err(crate::api::bad_parameters(errors));
        }
        crate::services::case_study_admin::list(&crate::api::context::db()?, &query).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/case-studies/editor")]
pub async fn load_case_study_editor(id: Option<String>) -> Result<EditorData, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&Role::CASE_STUDY_EDITORS).await?;
        crate::services::case_study_admin::editor(
            &crate::api::context::db()?,
            id.as_deref(),
            user.role == Role::Admin,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Creates (no `id`) or updates a case study; returns its id. New case studies
/// start unpublished.
#[server(prefix = "/api", endpoint = "admin/case-studies/save")]
pub async fn save_case_study(
    id: Option<String>,
    input: CaseStudyInput,
) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&Role::CASE_STUDY_EDITORS).await?;
        crate::services::case_study_admin::save(
            &crate::api::context::db()?,
            &user,
            id.as_deref().filter(|s| !s.is_empty()),
            &input,
        )
        .await
    }
    .await;
    if let (Ok(id), true) = (&outcome, crate::api::respond::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/admin/case-studies/{id}/edit?saved=1"));
    }
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/case-studies/publish")]
pub async fn publish_case_study(id: String, published: bool) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&Role::CASE_STUDY_EDITORS).await?;
        crate::services::case_study_admin::set_flag(
            &crate::api::context::db()?,
            &user,
            &id,
            "published",
            published,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/case-studies/feature")]
pub async fn feature_case_study(id: String, featured: bool) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&Role::CASE_STUDY_EDITORS).await?;
        crate::services::case_study_admin::set_flag(
            &crate::api::context::db()?,
            &user,
            &id,
            "featured",
            featured,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/case-studies/delete")]
pub async fn delete_case_study(id: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::case_study_admin::delete(&crate::api::context::db()?, &user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// The HTML a Markdown text becomes on the public page (the same cleaning),
/// for the editor's preview. Editors only.
#[server(prefix = "/api", endpoint = "admin/case-studies/preview")]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    let outcome = async {
        crate::api::context::require_role(&Role::CASE_STUDY_EDITORS).await?;
        if text.chars().count() > crate::domain::case_study_form::MAX_TEXT {
            return Err(AppError::invalid(
                "text",
                "The text is too long to preview (at most 10,000 characters).",
            ));
        }
        Ok(crate::markdown::to_safe_html(&text))
    }
    .await;
    crate::api::respond::with_status(outcome)
}
