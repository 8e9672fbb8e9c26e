//! Back-office server functions for consultant profiles: admins edit anyone's,
//! consultants only their own (the profile linked to their account).

use crate::domain::consultant_form::ConsultantInput;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantListItem {
    pub id: String,
    pub name: String,
    pub title: String,
    pub active: bool,
    pub linked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantEditorData {
    pub id: String,
    pub input: ConsultantInput,
}

/// Admins: every profile. Consultants: just their own (or none).
#[server(prefix = "/api", endpoint = "admin/consultants/list")]
pub async fn list_consultant_profiles() -> Result<Vec<ConsultantListItem>, AppError> {
    let outcome = async {
        let user =
            crate::auth::current::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
        crate::services::consultant_admin::list(&user).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/editor")]
pub async fn load_consultant_editor(id: String) -> Result<ConsultantEditorData, AppError> {
    let outcome = async {
        let user =
            crate::auth::current::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
        crate::services::consultant_admin::editor(&user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/consultants/save")]
pub async fn save_consultant_profile(id: String, input: ConsultantInput) -> Result<(), AppError> {
    let outcome = async {
        let user =
            crate::auth::current::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
        crate::services::consultant_admin::save(&user, &id, &input).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
