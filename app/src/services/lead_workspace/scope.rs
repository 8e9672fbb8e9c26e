//! Whose leads a user may see.

use crate::db::leads::{self as db_leads, LeadRow};
use crate::db::{consultants as db_consultants, Db};
use crate::domain::lead_query::LeadQuery;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;

/// Whose leads a user may see: everyone's (admins) or one consultant's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Consultant(String),
    /// A consultant account with no linked profile: no leads.
    Nothing,
}

impl Scope {
    pub(super) fn consultant_id(&self) -> Option<&str> {
        match self {
            Scope::All => None,
            Scope::Consultant(id) => Some(id),
            Scope::Nothing => Some(""),
        }
    }

    pub(super) fn allows(&self, row: &LeadRow) -> bool {
        match self {
            Scope::All => true,
            Scope::Consultant(id) => row.assigned_consultant_id.as_deref() == Some(id.as_str()),
            Scope::Nothing => false,
        }
    }
}

#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn scope_for(db: &Db, user: &CurrentUser) -> Result<Scope, AppError> {
    match user.role {
        Role::Admin => Ok(Scope::All),
        Role::Consultant => Ok(db_consultants::by_user_id(db, &user.id)
            .await?
            .map_or(Scope::Nothing, |c| Scope::Consultant(c.id))),
        Role::Marketer => Err(AppError::Forbidden),
    }
}

/// The consultant whose leads a list or export shows: the user's scope,
/// or for an admin asking for "mine" their own consultant profile (none
/// linked: no leads). `None` means every lead.
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn consultant_filter(
    db: &Db,
    user: &CurrentUser,
    query: &LeadQuery,
) -> Result<Option<String>, AppError> {
    let scope = scope_for(db, user).await?;
    filter_of(db, &scope, user, query).await
}

pub(super) async fn filter_of(
    db: &Db,
    scope: &Scope,
    user: &CurrentUser,
    query: &LeadQuery,
) -> Result<Option<String>, AppError> {
    match scope.consultant_id() {
        Some(id) => Ok(Some(id.to_string())),
        None if query.mine => Ok(Some(
            db_consultants::by_user_id(db, &user.id)
                .await?
                .map_or_else(String::new, |c| c.id),
        )),
        None => Ok(None),
    }
}

/// The lead if the user may see it; 404 otherwise (not 403: a consultant
/// should not learn which ids exist).
pub(super) async fn visible_lead(
    db: &Db,
    user: &CurrentUser,
    id: &str,
) -> Result<(Scope, LeadRow), AppError> {
    let scope = scope_for(db, user).await?;
    match db_leads::by_id(db, id).await? {
        Some(row) if scope.allows(&row) => Ok((scope, row)),
        _ => Err(AppError::NotFound("That lead".into())),
    }
}
