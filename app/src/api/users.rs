#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::users::{UserDirectory, UserSummary};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/users/list")]
pub async fn list_users() -> Result<UserDirectory, AppError> {
    let outcome = async {
        let viewer = crate::api::context::require_role(&[Role::Admin]).await?;
        Ok(UserDirectory {
            users: crate::services::users::list(&crate::api::context::db()?).await?,
            viewer_id: viewer.id,
        })
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/users/create")]
pub async fn create_user(
    email: String,
    display_name: String,
    role: String,
    password: String,
) -> Result<UserSummary, AppError> {
    let outcome = async {
        let actor = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::users::create(
            &crate::api::context::db()?,
            Some(&actor),
            &email,
            &display_name,
            &role,
            &password,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/users/role")]
pub async fn change_user_role(id: String, role: String) -> Result<(), AppError> {
    let outcome = async {
        let actor = crate::api::context::require_role(&[Role::Admin]).await?;
        let role = Role::parse(&role).map_err(|e| AppError::invalid("role", e.to_string()))?;
        crate::services::users::update(
            &crate::api::context::db()?,
            &actor,
            &id,
            crate::services::users::Change::Role(role),
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/users/active")]
pub async fn set_user_active(id: String, active: bool) -> Result<(), AppError> {
    let outcome = async {
        let actor = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::users::update(
            &crate::api::context::db()?,
            &actor,
            &id,
            crate::services::users::Change::Active(active),
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
