//! One lead's page: its facts, score, matches, estimate and timeline.

use super::scope::visible_lead;
use super::{full_name, label_of, pounds};
use crate::db::leads::{self as db_leads, LeadRow};
use crate::db::{consultants as db_consultants, Db};
use crate::domain::consultant_match::ConsultantMatch;
use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, LeadSource, LeadStatus, RevenueRange,
    Tier, Timeline,
};
use crate::domain::lead_score::ScoreFactor;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::lead_workspace::{LeadDetail, LeadFact, TimelineEntry};

/// A `tel:` link for a stored phone number (digits and a leading +).
fn tel_href(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    (digits.chars().filter(char::is_ascii_digit).count() >= 6).then(|| format!("tel:{digits}"))
}

use crate::domain::page_document::check_slug;

fn facts(row: &LeadRow) -> Vec<LeadFact> {
    let contact = [
        LeadFact {
            label: "Email".to_string(),
            value: row.email.clone(),
            href: Some(format!("mailto:{}", row.email)),
        },
        LeadFact {
            label: "Phone".to_string(),
            value: row.phone.clone(),
            href: tel_href(&row.phone),
        },
    ];
    let facts = vec![
        ("Company".to_string(), row.company_name.clone()),
        ("Job title".to_string(), row.job_title.clone()),
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
            crate::domain::dates::duration_words(row.time_on_site_secs),
        ),
        (
            "Marketing consent".to_string(),
            if row.consent_marketing == 1 {
                format!(
                    "Yes ({} wording, {})",
                    row.consent_wording_version,
                    crate::domain::dates::date_time(row.consent_at)
                )
            } else {
                "No".to_string()
            },
        ),
    ];
    // A landing-page lead's source detail is the page's address: link it.
    let is_landing = LeadSource::parse(&row.source) == Some(LeadSource::LandingPage);
    contact
        .into_iter()
        .chain(facts.into_iter().map(|(label, value)| {
            LeadFact {
                href: (is_landing && label == "Source detail" && check_slug(&value).is_ok())
                    .then(|| format!("/landing/{value}")),
                label,
                value,
            }
        }))
        .filter(|fact| !fact.value.trim().is_empty())
        .collect()
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
    let undo_to = super::actions::undo_target_for(db, user, id, status)
        .await?
        .map(|(back_to, _)| back_to);
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
        undo_to,
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
