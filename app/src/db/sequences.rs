//! What a follow-up email needs to know about its lead, and unsubscribing.

use super::{now_ms, Db};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct SequenceLeadRow {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub industry_name: String,
    pub tier: String,
    pub status: String,
    pub consent_marketing: i64,
    pub unsubscribed_at: Option<i64>,
    pub consultant_first_name: Option<String>,
    pub consultant_last_name: Option<String>,
    pub consultant_calendar_url: Option<String>,
    /// The calculator's answer the lead came with, as stored.
    pub roi_outputs_json: Option<String>,
}

pub async fn lead(db: &Db, id: &str) -> Result<Option<SequenceLeadRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id, l.email, l.first_name, l.last_name, l.company_name, l.industry_name, l.tier, \
         l.status, l.consent_marketing, l.unsubscribed_at, c.first_name AS consultant_first_name, \
         c.last_name AS consultant_last_name, c.calendar_url AS consultant_calendar_url, \
         r.outputs_json AS roi_outputs_json \
         FROM leads l LEFT JOIN consultants c ON c.id = l.assigned_consultant_id \
         LEFT JOIN roi_calculations r ON r.id = l.roi_calculation_id WHERE l.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct DigestStudyRow {
    pub title: String,
    pub summary: String,
    pub slug: String,
}

/// Case studies published since `since` (ms), newest first, at most 10.
pub async fn studies_published_since(
    db: &Db,
    since: i64,
) -> Result<Vec<DigestStudyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT title, summary, slug FROM case_studies WHERE published = 1 AND published_at >= $1 \
         ORDER BY published_at DESC, id LIMIT 10",
    )
    .bind(since)
    .fetch_all(&db.pool)
    .await
}

/// Records the withdrawal of marketing consent, once, with a timeline entry,
/// and cancels the lead's waiting follow-up emails. `false`: already done.
pub async fn unsubscribe(
    db: &Db,
    lead_id: &str,
    key_prefix: &str,
    event_payload: &str,
) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let now = now_ms();
    let changed = sqlx::query(
        "UPDATE leads SET unsubscribed_at = $1, consent_marketing = 0, updated_at = $1 \
         WHERE id = $2 AND unsubscribed_at IS NULL",
    )
    .bind(now)
    .bind(lead_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if changed {
        super::leads::add_interaction(
            &mut tx,
            lead_id,
            crate::db::leads::NewInteraction {
                kind: "note",
                detail: "Unsubscribed from marketing email with the link in an email: \
                         marketing consent withdrawn."
                    .to_string(),
                ..Default::default()
            },
            now,
        )
        .await?;
        cancel_waiting_steps(&mut tx, key_prefix).await?;
        super::webhooks::announce_in(
            &mut tx,
            crate::domain::webhooks::WebhookEvent::LeadUpdated,
            event_payload,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Cancels a lead's follow-up emails still waiting (their keys share
/// `key_prefix`), so the jobs page shows the sequence ended.
pub async fn cancel_waiting_steps(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    key_prefix: &str,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET state = 'cancelled', updated_at = $1 \
         WHERE kind = 'sequence_step' AND state = 'queued' AND idempotency_key LIKE $2",
    )
    .bind(now_ms())
    // Lead ids are UUIDs: nothing in the prefix is a LIKE wildcard.
    .bind(format!("{key_prefix}%"))
    .execute(&mut **tx)
    .await
    .map(|r| r.rows_affected())
}

/// Puts a lead's cancelled follow-up emails that are still in the future
/// back in the queue (a status change was undone). Each still checks the
/// lead when it comes due, so an unsubscribed prospect gets none.
pub async fn resume_cancelled_steps(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    key_prefix: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET state = 'queued', updated_at = $1 \
         WHERE kind = 'sequence_step' AND state = 'cancelled' AND run_at > $1 \
         AND idempotency_key LIKE $2",
    )
    .bind(now)
    .bind(format!("{key_prefix}%"))
    .execute(&mut **tx)
    .await
    .map(|r| r.rows_affected())
}
