//! A staff member's start page: the leads waiting for a first reply (and for
//! how long), the open pipeline by step, and this month's outcomes, for the
//! leads they may see (a consultant their own, an admin everyone's).

use super::scope::{scope_for, Scope};
use super::{counts_in_order, full_name, label_of};
use crate::db::lead_start as db_start;
use crate::db::Db;
use crate::domain::dates::{date_time, duration_words, month_start};
use crate::domain::lead_fields::{LeadStatus, Tier};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::lead_workspace::{StartPage, WaitingLead};

/// How many waiting leads the page lists (the count covers them all).
const WAITING_SHOWN: i64 = 5;
/// Weeks of intake in the chart.
const WEEKS: i64 = 8;
const WEEK_MS: i64 = 7 * 86_400_000;

/// `None` for roles that work no leads (marketers).
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn start_page(
    db: &Db,
    user: &CurrentUser,
    now_ms: i64,
) -> Result<Option<StartPage>, AppError> {
    if user.role == Role::Marketer {
        return Ok(None);
    }
    let scope = scope_for(db, user).await?;
    let consultant = scope.consultant_id();
    let (rows, waiting_total) = db_start::waiting(db, consultant, WAITING_SHOWN).await?;
    let waiting = rows
        .into_iter()
        .map(|row| WaitingLead {
            name: full_name(&row.first_name, &row.last_name),
            company: row.company_name,
            tier: label_of(&row.tier, Tier::parse, Tier::label),
            received: date_time(row.created_at),
            waiting_for: duration_words((now_ms - row.created_at) / 1000),
            id: row.id,
        })
        .collect();
    let by_status = db_start::open_by_status(db, consultant).await?;
    let open_steps = LeadStatus::ALL
        .iter()
        .copied()
        .filter(|s| !matches!(s, LeadStatus::Won | LeadStatus::Lost));
    let pipeline = counts_in_order(
        open_steps,
        &by_status,
        LeadStatus::as_str,
        LeadStatus::label,
    );
    let open_leads = pipeline.iter().map(|(_, n)| n).sum();
    let (open_value_minor, _) = crate::db::lead_workspace::open_pipeline(db, consultant).await?;
    let month = month_start(now_ms);
    let (month_received, month_won, month_won_minor) =
        db_start::outcomes_since(db, consultant, month).await?;
    let since = now_ms - WEEKS * WEEK_MS;
    let weekly = db_start::weekly_intake(db, consultant, since).await?;
    let intake: Vec<(String, i64)> = (0..WEEKS)
        .map(|week| {
            let n = weekly
                .iter()
                .find(|(w, _)| *w == week)
                .map_or(0, |(_, n)| *n);
            let label = if week == WEEKS - 1 {
                "This week".to_string()
            } else {
                format!("{} wk ago", WEEKS - 1 - week)
            };
            (label, n)
        })
        .rev()
        .collect();
    Ok(Some(StartPage {
        scope: match scope {
            Scope::All => "All leads".to_string(),
            Scope::Consultant(_) => "Your leads".to_string(),
            Scope::Nothing => "No consultant profile is linked to your account yet".to_string(),
        },
        waiting_total,
        waiting,
        open_leads,
        open_value: open_value_minor as f64 / 100.0,
        month_received,
        month_won,
        month_won_value: month_won_minor as f64 / 100.0,
        pipeline_chart_svg: crate::charts::count_bars("Open leads by step", &pipeline),
        intake_chart_svg: crate::charts::count_bars(
            "Leads received per week, last 8 weeks",
            &intake,
        ),
    }))
}
