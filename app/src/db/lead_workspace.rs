//! The lead workspace's queries and writes (list, month figures, the sales
//! process, notes, values, reassignment).

use super::leads::NewInteraction;
use super::{now_ms, Db};
use crate::domain::lead_fields::{
    BudgetRange, DecisionAuthority, EmployeeRange, RevenueRange, Tier, Timeline,
};
use crate::domain::lead_query::{LeadQuery, LeadSort};
use crate::domain::lead_score::{Engagement, Fit};
use crate::error::AppError;
use futures_core::stream::BoxStream;
use sqlx::{AssertSqlSafe, FromRow};

/// A lead in the list.
#[derive(Debug, Clone, FromRow)]
pub struct LeadListRow {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub industry_name: String,
    pub primary_challenge: String,
    pub source: String,
    pub score: i64,
    pub tier: String,
    pub status: String,
    pub assigned_consultant_id: Option<String>,
    pub consultant_name: Option<String>,
    pub estimated_value_minor: Option<i64>,
    pub created_at: i64,
}

/// The most leads the list page shows (it says when there are more); the
/// CSV export is not capped ([`stream`]).
pub const LIST_LIMIT: i64 = 1000;

/// Leads matching `query`, limited to one consultant's when `consultant_id`
/// is given; at most [`LIST_LIMIT`].
pub async fn list(
    db: &Db,
    query: &LeadQuery,
    consultant_id: Option<&str>,
) -> Result<Vec<LeadListRow>, sqlx::Error> {
    let (sql, binds) = select(query, consultant_id, Some(LIST_LIMIT));
    let mut q = sqlx::query_as::<_, LeadListRow>(AssertSqlSafe(sql));
    for value in binds {
        q = q.bind(value);
    }
    q.fetch_all(&db.pool).await
}

/// Every lead matching `query` (as [`list`], without its cap), read from a
/// database cursor one row at a time, for the CSV export.
pub fn stream<'a>(
    db: &'a Db,
    query: &LeadQuery,
    consultant_id: Option<&str>,
) -> BoxStream<'a, Result<LeadListRow, sqlx::Error>> {
    let (sql, binds) = select(query, consultant_id, None);
    let mut q = sqlx::query_as::<_, LeadListRow>(AssertSqlSafe(sql));
    for value in binds {
        q = q.bind(value);
    }
    q.fetch(&db.pool)
}

/// The list's SQL and its bind values: filters, order, and the row cap if any.
fn select(
    query: &LeadQuery,
    consultant_id: Option<&str>,
    limit: Option<i64>,
) -> (String, Vec<String>) {
    let mut conditions = vec!["1 = 1".to_string()];
    let mut binds: Vec<String> = Vec::new();
    let mut push = |fragment: &str, value: String| {
        binds.push(value);
        conditions.push(fragment.replace('?', &format!("${}", binds.len())));
    };
    if let Some(id) = consultant_id {
        push("l.assigned_consultant_id = ?", id.to_string());
    }
    if let Some(tier) = query.tier {
        push("l.tier = ?", tier.as_str().to_string());
    }
    if let Some(status) = query.status {
        push("l.status = ?", status.as_str().to_string());
    }
    if let Some(source) = query.source {
        push("l.source = ?", source.as_str().to_string());
    }
    if let Some(industry) = &query.industry {
        push("l.industry_sic_code = ?", industry.clone());
    }
    if let Some(search) = &query.search {
        // One bound pattern, used for each column (`$n` may repeat).
        push(
            "(lower(l.email) LIKE ? ESCAPE '\\' \
             OR lower(l.first_name || ' ' || l.last_name) LIKE ? ESCAPE '\\' \
             OR lower(l.company_name) LIKE ? ESCAPE '\\')",
            search.like_pattern(),
        );
    }
    let order = match query.sort {
        LeadSort::Newest => "l.created_at DESC",
        LeadSort::Oldest => "l.created_at ASC",
        LeadSort::Score => "l.score DESC, l.created_at DESC",
    };
    let limit = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    let sql = format!(
        "SELECT l.id, l.email, l.first_name, l.last_name, l.company_name, l.industry_name, l.primary_challenge, \
         l.source, l.score, l.tier, l.status, l.assigned_consultant_id, \
         c.first_name || ' ' || c.last_name AS consultant_name, l.estimated_value_minor, l.created_at \
         FROM leads l LEFT JOIN consultants c ON c.id = l.assigned_consultant_id \
         WHERE {} ORDER BY {order}, l.id{limit}",
        conditions.join(" AND ")
    );
    (sql, binds)
}

/// (key, count) of leads created since `since_ms`, grouped by `column`
/// (`tier` or `source`), for one consultant when given.
pub async fn counts_since(
    db: &Db,
    column: &'static str,
    since_ms: i64,
    consultant_id: Option<&str>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    debug_assert!(column == "tier" || column == "source");
    let sql = format!(
        "SELECT {column}, COUNT(*) FROM leads WHERE created_at >= $1 \
         AND ($2 IS NULL OR assigned_consultant_id = $2) GROUP BY {column} ORDER BY {column}"
    );
    sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql))
        .bind(since_ms)
        .bind(consultant_id.map(str::to_string))
        .fetch_all(&db.pool)
        .await
}

/// Sum of estimated values (minor units) and count of open leads.
pub async fn open_pipeline(
    db: &Db,
    consultant_id: Option<&str>,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT CAST(COALESCE(SUM(estimated_value_minor), 0) AS BIGINT), COUNT(*) FROM leads \
         WHERE status NOT IN ('won', 'lost') AND ($1 IS NULL OR assigned_consultant_id = $1)",
    )
    .bind(consultant_id.map(str::to_string))
    .fetch_one(&db.pool)
    .await
}

/// The column that dates the first time a lead reached `status`.
fn stamp_column(status: &str) -> &'static str {
    match status {
        "contacted" => "contacted_at",
        "qualified" => "qualified_at",
        "consultation_booked" => "consultation_booked_at",
        "proposal_sent" => "proposal_sent_at",
        _ => "closed_at",
    }
}

/// The latest status change on a lead: (timeline text, who, when).
pub async fn last_status_change(
    db: &Db,
    lead_id: &str,
) -> Result<Option<(String, Option<String>, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, Option<String>, i64)>(
        "SELECT detail, actor_user_id, occurred_at FROM lead_interactions \
         WHERE lead_id = $1 AND kind = 'status_change' ORDER BY occurred_at DESC, id DESC LIMIT 1",
    )
    .bind(lead_id)
    .fetch_optional(&db.pool)
    .await
}

/// Takes a lead from `undone` back to `back_to`. The undone step's date (and,
/// for won or lost, the reason) go only if that change set them at
/// `changed_at`; the timeline records the undo. `false` when the lead has
/// moved meanwhile.
pub async fn undo_status(
    db: &Db,
    id: &str,
    undone: &str,
    back_to: &str,
    changed_at: i64,
    interaction: NewInteraction<'_>,
    event_payload: &str,
) -> Result<bool, sqlx::Error> {
    let stamp = stamp_column(undone);
    let reason = if stamp == "closed_at" {
        ", closed_reason = CASE WHEN closed_at = $2 THEN '' ELSE closed_reason END"
    } else {
        ""
    };
    let now = now_ms();
    let sql = format!(
        "UPDATE leads SET status = $1, {stamp} = CASE WHEN {stamp} = $2 THEN NULL ELSE {stamp} END{reason}, \
         updated_at = $3 WHERE id = $4 AND status = $5"
    );
    let update = sqlx::query(AssertSqlSafe(sql))
        .bind(back_to)
        .bind(changed_at)
        .bind(now)
        .bind(id)
        .bind(undone);
    update_with_interaction(db, update, id, back_to, interaction, event_payload, now).await
}

/// Runs a guarded one-row status update and, when it changed the row,
/// records the interaction and announces the change to webhooks, in one
/// transaction. `false` when the guard did not match.
async fn update_with_interaction<'q>(
    db: &Db,
    update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    id: &str,
    status_after: &str,
    interaction: NewInteraction<'_>,
    event_payload: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let updated = update.execute(&mut *tx).await?.rows_affected() == 1;
    if updated {
        // Follow-up emails run only while a lead is new: moving on ends them,
        // undoing the move (back to new) picks them up again.
        let prefix = crate::domain::email_sequence::lead_key_prefix(id);
        if status_after == "new" {
            super::sequences::resume_cancelled_steps(&mut tx, &prefix, now).await?;
        } else {
            super::sequences::cancel_waiting_steps(&mut tx, &prefix).await?;
        }
        super::leads::add_interaction(&mut tx, id, interaction, now).await?;
        super::webhooks::announce_in(
            &mut tx,
            crate::domain::webhooks::WebhookEvent::LeadStatusChanged,
            event_payload,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(updated)
}

/// Moves a lead to `status`, stamping the step's date the first time it is
/// reached, and records the change (with an optional note) in its timeline.
/// `expected` guards against a concurrent change: 0 rows when it moved meanwhile.
pub async fn set_status(
    db: &Db,
    id: &str,
    expected: &str,
    status: &str,
    closed_reason: Option<&str>,
    interaction: NewInteraction<'_>,
    event_payload: &str,
) -> Result<bool, sqlx::Error> {
    let stamp = stamp_column(status);
    let now = now_ms();
    let sql = format!(
        "UPDATE leads SET status = $1, {stamp} = COALESCE({stamp}, $2), updated_at = $2, \
         closed_reason = COALESCE($3, closed_reason) WHERE id = $4 AND status = $5"
    );
    let update = sqlx::query(AssertSqlSafe(sql))
        .bind(status)
        .bind(now)
        .bind(closed_reason.map(str::to_string))
        .bind(id)
        .bind(expected);
    update_with_interaction(db, update, id, status, interaction, event_payload, now).await
}

pub async fn add_note(
    db: &Db,
    id: &str,
    interaction: NewInteraction<'_>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let now = now_ms();
    super::leads::add_interaction(&mut tx, id, interaction, now).await?;
    sqlx::query("UPDATE leads SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

pub async fn set_values(
    db: &Db,
    id: &str,
    estimated_minor: Option<i64>,
    actual_minor: Option<i64>,
    interaction: NewInteraction<'_>,
    event_payload: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let now = now_ms();
    sqlx::query(
        "UPDATE leads SET estimated_value_minor = $1, actual_value_minor = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(estimated_minor)
    .bind(actual_minor)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    super::leads::add_interaction(&mut tx, id, interaction, now).await?;
    super::webhooks::announce_in(
        &mut tx,
        crate::domain::webhooks::WebhookEvent::LeadUpdated,
        event_payload,
    )
    .await?;
    tx.commit().await
}

pub async fn reassign(
    db: &Db,
    id: &str,
    consultant_id: &str,
    interaction: NewInteraction<'_>,
    event_payload: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let now = now_ms();
    sqlx::query(
        "UPDATE leads SET assigned_consultant_id = $1, assigned_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(consultant_id)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    super::leads::add_interaction(&mut tx, id, interaction, now).await?;
    super::webhooks::announce_in(
        &mut tx,
        crate::domain::webhooks::WebhookEvent::LeadUpdated,
        event_payload,
    )
    .await?;
    tx.commit().await
}

/// What re-scoring reads of an open lead, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct OpenLeadRow {
    pub id: String,
    pub industry_sic_code: Option<String>,
    pub annual_revenue_range: String,
    pub company_size_range: String,
    pub decision_authority: String,
    pub timeline: String,
    pub budget_range: Option<String>,
    pub roi_calculation_id: Option<String>,
    pub case_studies_viewed_json: String,
    pub time_on_site_secs: i64,
    pub forms_submitted: i64,
    pub score: i64,
    pub tier: String,
}

/// An open lead parsed once for re-scoring: its answers and recorded
/// behaviour typed, and the score it has now.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenLead {
    pub id: String,
    pub industry_sic_code: Option<String>,
    pub fit: Fit,
    pub engagement: Engagement,
    pub score: i64,
    pub tier: Option<Tier>,
}

impl TryFrom<OpenLeadRow> for OpenLead {
    type Error = AppError;

    /// Fails on a stored choice that is not one of ours (the table's CHECKs
    /// make that a bug); a budget we do not know counts as not given.
    fn try_from(row: OpenLeadRow) -> Result<OpenLead, AppError> {
        fn parsed<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, AppError> {
            parse(value).ok_or_else(|| AppError::internal(format!("stored lead has a bad {what}")))
        }
        let viewed: Vec<String> = serde_json::from_str(&row.case_studies_viewed_json)?;
        Ok(OpenLead {
            fit: Fit {
                revenue: parsed(
                    &row.annual_revenue_range,
                    RevenueRange::parse,
                    "revenue range",
                )?,
                employees: parsed(&row.company_size_range, EmployeeRange::parse, "size range")?,
                authority: parsed(
                    &row.decision_authority,
                    DecisionAuthority::parse,
                    "authority",
                )?,
                timeline: parsed(&row.timeline, Timeline::parse, "timeline")?,
                budget: row.budget_range.as_deref().and_then(BudgetRange::parse),
            },
            engagement: Engagement::from_counts(
                viewed.len(),
                row.roi_calculation_id.is_some(),
                row.time_on_site_secs,
                row.forms_submitted,
            ),
            tier: Tier::parse(&row.tier),
            score: row.score,
            industry_sic_code: row.industry_sic_code,
            id: row.id,
        })
    }
}

/// Open leads, parsed for re-scoring after a settings change.
pub async fn open_leads(db: &Db) -> Result<Vec<OpenLead>, AppError> {
    let rows = sqlx::query_as::<_, OpenLeadRow>(
        "SELECT id, industry_sic_code, annual_revenue_range, company_size_range, decision_authority, \
         timeline, budget_range, roi_calculation_id, case_studies_viewed_json, time_on_site_secs, \
         forms_submitted, score, tier \
         FROM leads WHERE status NOT IN ('won', 'lost') ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(OpenLead::try_from).collect()
}

pub async fn set_score(
    db: &Db,
    id: &str,
    score: u8,
    tier: Tier,
    breakdown_json: &str,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "UPDATE leads SET score = $1, tier = $2, score_breakdown_json = $3, scored_at = $4 WHERE id = $5",
    )
    .bind(i64::from(score))
    .bind(tier.as_str())
    .bind(breakdown_json)
    .bind(now_ms())
    .bind(id)
    .execute(&db.pool)
    .await
    .map(|_| ())
}
