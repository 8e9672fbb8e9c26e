//! The lead list and this month's figures.

use super::scope::{filter_of, scope_for, Scope};
use super::{counts_in_order, full_name, label_of, pounds};
use crate::db::lead_workspace as db_ws;
use crate::db::{now_ms, Db};
use crate::domain::lead_fields::{Challenge, LeadSource, LeadStatus, Tier};
use crate::domain::lead_query::LeadQuery;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::lead_workspace::{LeadDashboard, LeadListData, LeadListItem};

async fn dashboard(db: &Db, scope: &Scope) -> Result<LeadDashboard, AppError> {
    let since = crate::domain::dates::month_start(now_ms());
    let consultant = scope.consultant_id();
    let tiers = db_ws::counts_since(db, "tier", since, consultant).await?;
    let by_tier = counts_in_order(Tier::ALL.iter().copied(), &tiers, Tier::as_str, Tier::label);
    let by_source: Vec<(String, i64)> = db_ws::counts_since(db, "source", since, consultant)
        .await?
        .into_iter()
        .map(|(k, n)| (label_of(&k, LeadSource::parse, LeadSource::label), n))
        .collect();
    let (value_minor, open) = db_ws::open_pipeline(db, consultant).await?;
    Ok(LeadDashboard {
        tier_chart_svg: crate::charts::count_bars("Leads by tier this month", &by_tier),
        source_chart_svg: crate::charts::count_bars("Leads by source this month", &by_source),
        by_tier,
        by_source,
        open_pipeline_value: value_minor as f64 / 100.0,
        open_leads: open,
    })
}

async fn list_items(
    db: &Db,
    scope: &Scope,
    query: &LeadQuery,
    user: &CurrentUser,
) -> Result<Vec<LeadListItem>, AppError> {
    let consultant = filter_of(db, scope, user, query).await?;
    let rows = db_ws::list(db, query, consultant.as_deref()).await?;
    Ok(rows
        .into_iter()
        .map(|r| LeadListItem {
            name: full_name(&r.first_name, &r.last_name),
            challenge: label_of(&r.primary_challenge, Challenge::parse, Challenge::label),
            source: label_of(&r.source, LeadSource::parse, LeadSource::label),
            status: label_of(&r.status, LeadStatus::parse, LeadStatus::label),
            tier: label_of(&r.tier, Tier::parse, Tier::label),
            estimated_value: pounds(r.estimated_value_minor),
            id: r.id,
            email: r.email,
            company_name: r.company_name,
            industry_name: r.industry_name,
            score: r.score,
            consultant_name: r.consultant_name,
            created_at: r.created_at,
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn list(db: &Db, user: &CurrentUser, query: LeadQuery) -> Result<LeadListData, AppError> {
    let scope = scope_for(db, user).await?;
    let leads = list_items(db, &scope, &query, user).await?;
    let industries = crate::services::showcase::industries(db)
        .await?
        .into_iter()
        .map(|(code, name, _)| (code, name))
        .collect();
    Ok(LeadListData {
        truncated: leads.len() as i64 >= db_ws::LIST_LIMIT,
        leads,
        dashboard: dashboard(db, &scope).await?,
        industries,
        is_admin: user.role == Role::Admin,
        query,
    })
}
