//! Repeat submissions: a form sent again with an email that already has a
//! lead from the last day. The lead keeps what its first submission said; a
//! repeat is stored here, with only what its own thank-you page needs.

use super::Db;
use crate::domain::lead_fields::Tier;
use crate::domain::lead_form::LeadSubmission;
use sqlx::{Any, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct SubmissionRow {
    pub id: String,
    pub lead_id: String,
    pub visitor_key: Option<String>,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub primary_challenge: String,
    pub timeline: String,
    pub score: i64,
    pub tier: String,
    pub consultant_id: Option<String>,
    pub answers_json: String,
    pub submitted_at: i64,
}

/// A repeat submission as capture writes it (the typed answers, bound by
/// their wire names).
#[derive(Debug, Clone)]
pub struct NewSubmission<'a> {
    pub id: &'a str,
    pub lead_id: &'a str,
    pub submission: &'a LeadSubmission,
    pub visitor_key: Option<&'a str>,
    pub score: u8,
    pub tier: Tier,
    pub consultant_id: Option<&'a str>,
    /// What it said differently from the lead (JSON list of texts).
    pub answers_json: String,
    pub submitted_at: i64,
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    row: &NewSubmission<'_>,
) -> Result<(), sqlx::Error> {
    let sub = row.submission;
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    sqlx::query(
        "INSERT INTO lead_submissions (id, lead_id, visitor_key, email, first_name, last_name, \
         company_name, primary_challenge, timeline, score, tier, consultant_id, answers_json, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(row.id)
    .bind(row.lead_id)
    .bind(row.visitor_key.map(str::to_string))
    .bind(sub.email.as_str())
    .bind(text(&sub.first_name))
    .bind(text(&sub.last_name))
    .bind(text(&sub.company_name))
    .bind(sub.primary_challenge.as_str())
    .bind(sub.timeline.as_str())
    .bind(i64::from(row.score))
    .bind(row.tier.as_str())
    .bind(row.consultant_id.map(str::to_string))
    .bind(&row.answers_json)
    .bind(row.submitted_at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<SubmissionRow>, sqlx::Error> {
    sqlx::query_as::<_, SubmissionRow>(
        "SELECT id, lead_id, visitor_key, email, first_name, last_name, company_name, \
         primary_challenge, timeline, score, tier, consultant_id, answers_json, submitted_at \
         FROM lead_submissions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}
