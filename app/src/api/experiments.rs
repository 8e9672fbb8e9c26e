//! Experiments (`/admin/experiments`): admins and marketers create, edit
//! and run them; consultants read. Thin: authorize, call the service.

use crate::domain::experiments::ArmForm;
#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::experiments::ArmsInput;
use crate::model::experiments::{
    ExperimentDetail, ExperimentList, NewExperimentInput, VariantEditor,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
const EDITORS: [Role; 2] = [Role::Admin, Role::Marketer];

/// A plain form post (no JavaScript) goes back to the experiment's page.
#[cfg(feature = "ssr")]
fn back_to(id: &str) {
    if crate::api::respond::is_plain_form_post() {
        leptos_axum::redirect(&format!("/admin/experiments/{id}"));
    }
}

#[server(prefix = "/api", endpoint = "admin/experiments/list")]
pub async fn list_experiments() -> Result<ExperimentList, AppError> {
    let outcome = async {
        let user = crate::api::context::require_user().await?;
        let can_edit = EDITORS.contains(&user.role);
        crate::services::experiments::list(&crate::api::context::db()?, can_edit).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/experiments/get")]
pub async fn experiment(id: String) -> Result<ExperimentDetail, AppError> {
    let outcome = async {
        let user = crate::api::context::require_user().await?;
        let can_edit = EDITORS.contains(&user.role);
        crate::services::experiments::detail(&crate::api::context::db()?, &id, can_edit).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Answers the new experiment's id.
#[server(prefix = "/api", endpoint = "admin/experiments/create")]
pub async fn create_experiment(input: NewExperimentInput) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        let id =
            crate::services::experiments::create(&crate::api::context::db()?, &user, input).await?;
        back_to(&id);
        Ok(id)
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/experiments/arms")]
pub async fn save_experiment_arms(id: String, arms: Vec<ArmForm>) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::experiments::save_arms(
            &crate::api::context::db()?,
            &user,
            &id,
            ArmsInput { arms },
        )
        .await?;
        back_to(&id);
        Ok(())
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/experiments/variant-text")]
pub async fn set_variant_text(
    id: String,
    arm: String,
    block: String,
    text: String,
) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::experiments::set_variant_text(
            &crate::api::context::db()?,
            &user,
            &id,
            &arm,
            &block,
            &text,
        )
        .await?;
        back_to(&id);
        Ok(())
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// A variant's document for the page builder (staff read; editors edit).
#[server(prefix = "/api", endpoint = "admin/experiments/variant")]
pub async fn experiment_variant(id: String, arm: String) -> Result<VariantEditor, AppError> {
    let outcome = async {
        let user = crate::api::context::require_user().await?;
        let can_edit = EDITORS.contains(&user.role);
        crate::services::experiments::variant_editor(
            &crate::api::context::db()?,
            &id,
            &arm,
            can_edit,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Saves a variant's whole document from the page builder; answers the
/// experiment's new revision.
#[server(prefix = "/api", endpoint = "admin/experiments/variant-document")]
pub async fn save_variant_document(
    id: String,
    arm: String,
    revision: i64,
    document: String,
) -> Result<i64, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::experiments::save_variant_document(
            &crate::api::context::db()?,
            &user,
            &id,
            &arm,
            revision,
            &document,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// `action`: start, pause, resume, stop or promote (with `winner` and
/// `reason`). Answers the new status's wire name.
#[server(prefix = "/api", endpoint = "admin/experiments/act")]
pub async fn act_on_experiment(
    id: String,
    action: String,
    #[server(default)] winner: String,
    #[server(default)] reason: String,
) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        let status = crate::services::experiments::act(
            &crate::api::context::db()?,
            &user,
            &id,
            &action,
            &winner,
            &reason,
        )
        .await?;
        back_to(&id);
        Ok(status.as_str().to_string())
    }
    .await;
    crate::api::respond::with_status(outcome)
}
