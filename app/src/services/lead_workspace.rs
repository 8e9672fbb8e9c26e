//! The lead workspace: admins see and manage every lead; a consultant sees
//! only the leads assigned to the profile linked to their account. Every
//! function takes the current user and enforces that scope itself.

use crate::db::lead_workspace as db_ws;
use crate::db::leads::{self as db_leads, LeadRow, NewInteraction};
use crate::db::{consultants as db_consultants, now_ms, Db};
use crate::domain::consultant_match::ConsultantMatch;
use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, LeadSource, LeadStatus, RevenueRange,
    Tier, Timeline,
};
use crate::domain::lead_query::LeadQuery;
use crate::domain::lead_score::ScoreFactor;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::lead_workspace::{
    LeadDashboard, LeadDetail, LeadListData, LeadListItem, TimelineEntry,
};

/// Whose leads a user may see: everyone's (admins) or one consultant's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Consultant(String),
    /// A consultant account with no linked profile: no leads.
    Nothing,
}

impl Scope {
    fn consultant_id(&self) -> Option<&str> {
        match self {
            Scope::All => None,
            Scope::Consultant(id) => Some(id),
            Scope::Nothing => Some(""),
        }
    }

    fn allows(&self, row: &LeadRow) -> bool {
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

fn label_of<T: Copy>(
    value: &str,
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> String {
    parse(value).map_or_else(|| value.to_string(), |v| label(v).to_string())
}

fn pounds(minor: Option<i64>) -> Option<f64> {
    minor.map(|m| m as f64 / 100.0)
}

fn full_name(first: &str, last: &str) -> String {
    let name = format!("{first} {last}");
    let name = name.trim();
    if name.is_empty() {
        "(no name given)".to_string()
    } else {
        name.to_string()
    }
}

async fn dashboard(db: &Db, scope: &Scope) -> Result<LeadDashboard, AppError> {
    let since = crate::domain::dates::month_start(now_ms());
    let consultant = scope.consultant_id();
    let tiers = db_ws::counts_since(db, "tier", since, consultant).await?;
    let by_tier: Vec<(String, i64)> = Tier::ALL
        .iter()
        .map(|t| {
            let n = tiers
                .iter()
                .find(|(k, _)| k == t.as_str())
                .map_or(0, |(_, n)| *n);
            (t.label().to_string(), n)
        })
        .collect();
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
    let mut consultant = scope.consultant_id().map(str::to_string);
    if query.mine && consultant.is_none() {
        // An admin asking for "mine": their own consultant profile, if any.
        consultant = Some(
            db_consultants::by_user_id(db, &user.id)
                .await?
                .map_or_else(String::new, |c| c.id),
        );
    }
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

/// The filtered list as CSV (RFC 4180 quoting; cells that a spreadsheet
/// would run as formulas are prefixed with an apostrophe).
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn export_csv(db: &Db, user: &CurrentUser, query: LeadQuery) -> Result<String, AppError> {
    let scope = scope_for(db, user).await?;
    let leads = list_items(db, &scope, &query, user).await?;
    let mut out = String::from(
        "id,created_at,name,email,company,industry,challenge,source,score,tier,status,consultant,estimated_value_gbp\r\n",
    );
    for l in leads {
        let cells = [
            l.id,
            crate::domain::dates::iso_date(l.created_at),
            l.name,
            l.email,
            l.company_name,
            l.industry_name,
            l.challenge,
            l.source,
            l.score.to_string(),
            l.tier,
            l.status,
            l.consultant_name.unwrap_or_default(),
            l.estimated_value
                .map(|v| format!("{v:.2}"))
                .unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

pub fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The lead if the user may see it; 404 otherwise (not 403: a consultant
/// should not learn which ids exist).
async fn visible_lead(db: &Db, user: &CurrentUser, id: &str) -> Result<(Scope, LeadRow), AppError> {
    let scope = scope_for(db, user).await?;
    match db_leads::by_id(db, id).await? {
        Some(row) if scope.allows(&row) => Ok((scope, row)),
        _ => Err(AppError::NotFound("That lead".into())),
    }
}

fn facts(row: &LeadRow) -> Vec<(String, String)> {
    let mut facts = vec![
        ("Email".to_string(), row.email.clone()),
        ("Company".to_string(), row.company_name.clone()),
        ("Job title".to_string(), row.job_title.clone()),
        ("Phone".to_string(), row.phone.clone()),
        ("Industry".to_string(), row.industry_name.clone()),
        (
            "Annual revenue".to_string(),
            label_of(
                &row.annual_revenue_range,
                RevenueRange::parse,
                RevenueRange::label,
            ),
        ),
        (
            "Company size".to_string(),
            label_of(
                &row.company_size_range,
                EmployeeRange::parse,
                EmployeeRange::label,
            ),
        ),
        (
            "Locations".to_string(),
            row.number_of_locations
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        (
            "Challenge".to_string(),
            label_of(&row.primary_challenge, Challenge::parse, Challenge::label),
        ),
        (
            "In their words".to_string(),
            row.challenge_description.clone(),
        ),
        (
            "Timeline".to_string(),
            label_of(&row.timeline, Timeline::parse, Timeline::label),
        ),
        (
            "Budget".to_string(),
            row.budget_range
                .as_deref()
                .map(|b| label_of(b, BudgetRange::parse, BudgetRange::label))
                .unwrap_or_default(),
        ),
        (
            "Decision".to_string(),
            label_of(
                &row.decision_authority,
                DecisionAuthority::parse,
                DecisionAuthority::label,
            ),
        ),
        (
            "Source".to_string(),
            label_of(&row.source, LeadSource::parse, LeadSource::label),
        ),
        ("Source detail".to_string(), row.source_detail.clone()),
        (
            "Campaign".to_string(),
            [&row.utm_source, &row.utm_medium, &row.utm_campaign]
                .iter()
                .filter(|v| !v.is_empty())
                .map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        ("Forms sent".to_string(), row.forms_submitted.to_string()),
        (
            "Time on site".to_string(),
            format!("{} min", row.time_on_site_secs / 60),
        ),
        (
            "Marketing consent".to_string(),
            if row.consent_marketing == 1 {
                format!(
                    "Yes ({} wording, {})",
                    row.consent_wording_version,
                    crate::domain::dates::iso_date(row.consent_at)
                )
            } else {
                "No".to_string()
            },
        ),
    ];
    facts.retain(|(_, v)| !v.trim().is_empty());
    facts
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn detail(db: &Db, user: &CurrentUser, id: &str) -> Result<LeadDetail, AppError> {
    let (_, row) = visible_lead(db, user, id).await?;
    let status =
        LeadStatus::parse(&row.status).ok_or_else(|| AppError::internal("bad lead status"))?;
    let breakdown: Vec<ScoreFactor> = serde_json::from_str(&row.score_breakdown_json)?;
    let matches: Vec<ConsultantMatch> = serde_json::from_str(&row.match_json)?;
    let consultant_name = match &row.assigned_consultant_id {
        Some(cid) => db_consultants::by_id(db, cid)
            .await?
            .map(|c| full_name(&c.first_name, &c.last_name)),
        None => None,
    };
    let roi_summary = match &row.roi_calculation_id {
        Some(rid) => crate::services::roi::stored(db, rid).await?.map(|calc| {
            format!(
                "£{} – £{} a year ({:.1}% typical lift), confidence {:.0}%",
                crate::domain::lift::group_thousands(calc.estimate.revenue_increase_min),
                crate::domain::lift::group_thousands(calc.estimate.revenue_increase_max),
                calc.estimate.revenue_increase_pct,
                calc.estimate.confidence * 100.0
            )
        }),
        None => None,
    };
    let timeline = db_leads::interactions(db, id)
        .await?
        .into_iter()
        .map(|i| TimelineEntry {
            kind: i.kind,
            detail: i.detail,
            actor: i.actor_name,
            occurred_at: i.occurred_at,
        })
        .collect();
    let status_dates = [
        (LeadStatus::New, Some(row.created_at)),
        (LeadStatus::Contacted, row.contacted_at),
        (LeadStatus::Qualified, row.qualified_at),
        (LeadStatus::ConsultationBooked, row.consultation_booked_at),
        (LeadStatus::ProposalSent, row.proposal_sent_at),
        (
            if status == LeadStatus::Lost {
                LeadStatus::Lost
            } else {
                LeadStatus::Won
            },
            row.closed_at,
        ),
    ]
    .into_iter()
    .filter_map(|(s, at)| at.map(|at| (s.label().to_string(), at)))
    .collect();
    let is_admin = user.role == Role::Admin;
    let consultants = if is_admin {
        db_consultants::list_all(db)
            .await?
            .into_iter()
            .filter(|c| c.active == 1)
            .map(|c| (c.id, full_name(&c.first_name, &c.last_name)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(LeadDetail {
        facts: facts(&row),
        name: full_name(&row.first_name, &row.last_name),
        email: row.email.clone(),
        score: row.score,
        tier: label_of(&row.tier, Tier::parse, Tier::label),
        breakdown,
        next_statuses: status.next_allowed(),
        status,
        status_dates,
        consultant_id: row.assigned_consultant_id.clone(),
        consultant_name,
        matches,
        roi_calculation_id: row.roi_calculation_id.clone(),
        roi_summary,
        case_studies_viewed: serde_json::from_str(&row.case_studies_viewed_json)?,
        estimated_value: pounds(row.estimated_value_minor),
        actual_value: pounds(row.actual_value_minor),
        timeline,
        is_admin,
        consultants,
        id: row.id,
    })
}

fn note_text(note: &str) -> Result<Option<String>, AppError> {
    let note = note.trim();
    if note.chars().count() > 2000 {
        return Err(AppError::invalid(
            "note",
            "Keep the note under 2,000 characters.",
        ));
    }
    Ok((!note.is_empty()).then(|| note.to_string()))
}

/// Moves a lead along the sales process (only to a status the flow allows).
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn set_status(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    target: &str,
    note: &str,
) -> Result<(), AppError> {
    let (_, row) = visible_lead(db, user, id).await?;
    let current =
        LeadStatus::parse(&row.status).ok_or_else(|| AppError::internal("bad lead status"))?;
    let target = LeadStatus::parse(target)
        .ok_or_else(|| AppError::invalid("status", "Choose a status from the list."))?;
    if !current.can_move_to(target) {
        return Err(AppError::invalid(
            "status",
            format!(
                "A lead that is {} cannot move to {}.",
                current.label().to_lowercase(),
                target.label().to_lowercase()
            ),
        ));
    }
    let note = note_text(note)?;
    let detail = match &note {
        Some(n) => format!("{} → {}: {n}", current.label(), target.label()),
        None => format!("{} → {}", current.label(), target.label()),
    };
    let closing_reason = matches!(target, LeadStatus::Lost | LeadStatus::Won)
        .then(|| note.clone())
        .flatten();
    let moved = db_ws::set_status(
        db,
        id,
        current.as_str(),
        target.as_str(),
        closing_reason.as_deref(),
        NewInteraction {
            kind: "status_change",
            detail,
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
    )
    .await?;
    if moved {
        Ok(())
    } else {
        Err(AppError::conflict(
            "status",
            "Someone else changed this lead's status just now; reload to see it.",
        ))
    }
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn add_note(db: &Db, user: &CurrentUser, id: &str, note: &str) -> Result<(), AppError> {
    visible_lead(db, user, id).await?;
    let note =
        note_text(note)?.ok_or_else(|| AppError::invalid("note", "Write the note first."))?;
    db_ws::add_note(
        db,
        id,
        NewInteraction {
            kind: "note",
            detail: note,
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
    )
    .await
    .map_err(AppError::from)
}

/// "12,500" or "£12.5k"-style amounts in pounds → minor units; blank → None.
fn money(field: &str, text: &str) -> Result<Option<i64>, AppError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..1e12).contains(&v) => Ok(Some((v * 100.0).round() as i64)),
        _ => Err(AppError::invalid(
            field,
            "Enter an amount in pounds, e.g. 45,000.",
        )),
    }
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn set_values(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    estimated: &str,
    actual: &str,
) -> Result<(), AppError> {
    visible_lead(db, user, id).await?;
    let (est, act) = match (
        money("estimated_value", estimated),
        money("actual_value", actual),
    ) {
        (Ok(e), Ok(a)) => (e, a),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            return Err(AppError::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let show = |v: Option<i64>| {
        v.map_or("—".to_string(), |m| {
            format!(
                "£{}",
                crate::domain::lift::group_thousands(m as f64 / 100.0)
            )
        })
    };
    db_ws::set_values(
        db,
        id,
        est,
        act,
        NewInteraction {
            kind: "value_change",
            detail: format!("Estimated value {}, actual value {}", show(est), show(act)),
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
    )
    .await
    .map_err(AppError::from)
}

/// Admins only: gives the lead to another active consultant.
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn reassign(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    consultant_id: &str,
) -> Result<(), AppError> {
    if user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    visible_lead(db, user, id).await?;
    let consultant = db_consultants::by_id(db, consultant_id)
        .await?
        .filter(|c| c.active == 1)
        .ok_or_else(|| AppError::invalid("consultant_id", "Choose an active consultant."))?;
    db_ws::reassign(
        db,
        id,
        &consultant.id,
        NewInteraction {
            kind: "assignment",
            detail: format!(
                "Reassigned to {}",
                full_name(&consultant.first_name, &consultant.last_name)
            ),
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
    )
    .await
    .map_err(AppError::from)
}
