#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::users::{CreatedUser, UserDirectory};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/users/list")]
/// `q` (part of a name or email), `show` (a role, `deactivated` or empty)
/// and `page`, as in the page's URL.
pub async fn list_users(
    #[server(default)] q: String,
    #[server(default)] show: String,
    #[server(default)] page: String,
) -> Result<UserDirectory, AppError> {
    let outcome = async {
        let viewer = crate::api::context::require_role(&[Role::Admin]).await?;
        let (query, errors) =
            crate::domain::list_filters::UserListQuery::from_strings(&q, &show, &page);
        if !errors.is_empty() {
            return Err(crate::api::bad_parameters(errors));
        }
        crate::services::users::list(&crate::api::context::db()?, &viewer, &query).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/users/create")]
/// A new account without a password; the answer holds its invitation link.
pub async fn create_user(
    email: String,
    display_name: String,
    role: String,
) -> Result<CreatedUser, AppError> {
    let outcome = async {
        let admin = crate::api::context::require_role(&[Role::Admin]).await?;
        let state = crate::api::context::state()?;
        crate::services::users::invite(
            &state.db,
            &state.settings.public_url,
            &admin,
            &email,
            &display_name,
            &role,
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
