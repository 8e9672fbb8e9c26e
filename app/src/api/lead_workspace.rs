//! Back-office server functions of the lead workspace. Admins and consultants
//! only; the service limits consultants to their own leads.

use crate::domain::lead_query::LeadQuery;
use crate::error::AppError;
use crate::model::lead_workspace::{LeadDetail, LeadListData, StartPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn worker() -> Result<(crate::db::Db, crate::model::auth::CurrentUser), AppError> {
    let user =
        crate::api::context::require_role(&crate::domain::role::Role::PROFILE_EDITORS).await?;
    Ok((crate::api::context::db()?, user))
}

#[server(prefix = "/api", endpoint = "admin/leads/list", input = server_fn::codec::Json)]
pub async fn load_leads(query: LeadQuery) -> Result<LeadListData, AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        // The page builds the query with `LeadQuery::parse`; one posted here
        // directly gets the same check for its one free-text filter.
        if let Some(industry) = &query.industry {
            LeadQuery::parse([("industry", industry.as_str())])
                .map_err(crate::api::bad_parameters)?;
        }
        crate::services::lead_workspace::list(&db, &user, query).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// The start page's lead figures; `None` for roles that work no leads.
#[server(prefix = "/api", endpoint = "admin/start")]
pub async fn load_start_page() -> Result<Option<StartPage>, AppError> {
    let outcome = async {
        let user = crate::api::context::require_user().await?;
        let db = crate::api::context::db()?;
        crate::services::lead_workspace::start_page(&db, &user, crate::db::now_ms()).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/leads/detail")]
pub async fn load_lead(id: String) -> Result<LeadDetail, AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        crate::services::lead_workspace::detail(&db, &user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/leads/status")]
pub async fn set_lead_status(id: String, status: String, note: String) -> Result<(), AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        crate::services::lead_workspace::set_status(&db, &user, &id, &status, &note).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/leads/undo-status")]
pub async fn undo_lead_status(id: String) -> Result<(), AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        crate::services::lead_workspace::undo_status(&db, &user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/leads/note")]
pub async fn add_lead_note(id: String, note: String) -> Result<(), AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        crate::services::lead_workspace::add_note(&db, &user, &id, &note).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/leads/values")]
pub async fn set_lead_values(
    id: String,
    estimated_value: String,
    actual_value: String,
) -> Result<(), AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        crate::services::lead_workspace::set_values(
            &db,
            &user,
            &id,
            &estimated_value,
            &actual_value,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/leads/reassign")]
pub async fn reassign_lead(id: String, consultant_id: String) -> Result<(), AppError> {
    let outcome = async {
        let (db, user) = worker().await?;
        crate::services::lead_workspace::reassign(&db, &user, &id, &consultant_id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
