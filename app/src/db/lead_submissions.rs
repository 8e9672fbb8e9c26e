//! Repeat submissions: a form sent again with an email that already has a
//! lead from the last day. The lead keeps what its first submission said; a
//! repeat is stored here, with only what its own thank-you page needs.

use super::Db;
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

pub async fn insert(tx: &mut Transaction<'_, Any>, row: &SubmissionRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO lead_submissions (id, lead_id, visitor_key, email, first_name, last_name, \
         company_name, primary_challenge, timeline, score, tier, consultant_id, answers_json, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&row.id)
    .bind(&row.lead_id)
    .bind(row.visitor_key.clone())
    .bind(&row.email)
    .bind(&row.first_name)
    .bind(&row.last_name)
    .bind(&row.company_name)
    .bind(&row.primary_challenge)
    .bind(&row.timeline)
    .bind(row.score)
    .bind(&row.tier)
    .bind(row.consultant_id.clone())
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
