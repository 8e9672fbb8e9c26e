//! [`Staff`]: the axum extractor for endpoints that need a signed-in member
//! of staff in certain roles. No session is a 401, a role outside the set a
//! 403, both as [`ApiError`] JSON. Handlers name the roles in the type:
//!
//! ```ignore
//! async fn export(Staff { user, .. }: Staff<LeadRoles>) -> … // admins and consultants
//! async fn upload(Staff { user, .. }: Staff) -> …            // any staff role
//! ```

use super::error::ApiError;
use app::auth::current::user_for_request;
use app::domain::role::Role;
use app::error::AppError;
use app::model::auth::CurrentUser;
use app::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::marker::PhantomData;

/// A set of roles an endpoint admits.
pub trait AllowedRoles: Send + Sync + 'static {
    const ROLES: &'static [Role];
}

/// Every staff role (any signed-in user).
pub struct AnyRole;
impl AllowedRoles for AnyRole {
    const ROLES: &'static [Role] = &Role::ALL;
}

/// Those who work leads: admins (every lead) and consultants (their own).
pub struct LeadRoles;
impl AllowedRoles for LeadRoles {
    const ROLES: &'static [Role] = &Role::PROFILE_EDITORS;
}

/// The signed-in user, admitted because their role is in `R`.
pub struct Staff<R: AllowedRoles = AnyRole> {
    pub user: CurrentUser,
    pub roles: PhantomData<R>,
}

impl<R: AllowedRoles> FromRequestParts<AppState> for Staff<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = user_for_request(&state.db, parts)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if !R::ROLES.contains(&user.role) {
            return Err(AppError::Forbidden.into());
        }
        Ok(Staff {
            user,
            roles: PhantomData,
        })
    }
}
