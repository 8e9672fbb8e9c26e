//! Back-office server functions for consultant profiles: admins edit anyone's,
//! consultants only their own (the profile linked to their account).

use crate::domain::consultant_form::ConsultantInput;
use crate::domain::new_consultant::NewConsultantInput;
use crate::error::AppError;
use crate::model::consultant_admin::{ConsultantEditorData, ConsultantsOverview};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/consultants/overview")]
/// `q` (part of a name, title or email), `status` (`active`, `inactive` or
/// empty) and `page`, as in the page's URL; consultants get their own profile.
pub async fn load_consultants_overview(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] page: String,
) -> Result<ConsultantsOverview, AppError> {
    let outcome = async {
        let user =
            crate::api::context::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
        let (query, errors) =
            crate::domain::list_filters::ConsultantListQuery::from_strings(&q, &status, &page);
        if !errors.is_empty() {
            return Err(crate::api::bad_parameters(errors));
        }
        crate::services::consultant_admin::overview(&crate::api::context::db()?, &user, &query)
            .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/editor")]
pub async fn load_consultant_editor(id: String) -> Result<ConsultantEditorData, AppError> {
    let outcome = async {
        let user =
            crate::api::context::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
        crate::services::consultant_admin::editor(&crate::api::context::db()?, &user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/save")]
pub async fn save_consultant_profile(id: String, input: ConsultantInput) -> Result<(), AppError> {
    let outcome = async {
        let user =
            crate::api::context::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
        crate::services::consultant_admin::save(&crate::api::context::db()?, &user, &id, &input)
            .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Admins: creates a profile and opens it for editing.
#[server(prefix = "/api", endpoint = "admin/consultants/create")]
pub async fn create_consultant_profile(input: NewConsultantInput) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[crate::domain::role::Role::Admin]).await?;
        crate::services::consultant_admin::create(&crate::api::context::db()?, &user, &input).await
    }
    .await;
    if let Ok(id) = &outcome {
        leptos_axum::redirect(&format!("/admin/consultants/{id}/edit"));
    }
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/active")]
pub async fn set_consultant_active(id: String, active: bool) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[crate::domain::role::Role::Admin]).await?;
        crate::services::consultant_admin::set_active(
            &crate::api::context::db()?,
            &user,
            &id,
            active,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/delete")]
pub async fn delete_consultant_profile(id: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[crate::domain::role::Role::Admin]).await?;
        crate::services::consultant_admin::delete(&crate::api::context::db()?, &user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/link")]
pub async fn link_consultant_account(id: String, user_id: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[crate::domain::role::Role::Admin]).await?;
        crate::services::consultant_admin::link_account(
            &crate::api::context::db()?,
            &user,
            &id,
            &user_id,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
