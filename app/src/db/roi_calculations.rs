//! Stored ROI calculations and the evidence the engine works from.

use super::Db;
use sqlx::FromRow;

/// A published case study's figures, as the ROI engine and matching use them.
#[derive(Debug, Clone, FromRow)]
pub struct EvidenceRow {
    pub slug: String,
    pub title: String,
    pub industry_sic_code: String,
    pub industry_name: String,
    pub challenge: String,
    pub company_size: String,
    pub primary_metric_improvement_pct: f64,
    pub roi_pct: f64,
    pub payback_months: f64,
    pub consultant_id: Option<String>,
}

pub async fn published_evidence(db: &Db) -> Result<Vec<EvidenceRow>, sqlx::Error> {
    sqlx::query_as::<_, EvidenceRow>(
        "SELECT slug, title, industry_sic_code, industry_name, challenge, company_size, \
         primary_metric_improvement_pct, roi_pct, payback_months, consultant_id \
         FROM case_studies WHERE published = 1 ORDER BY slug",
    )
    .fetch_all(&db.pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct CalculationRow {
    pub id: String,
    pub visitor_key: Option<String>,
    pub inputs_json: String,
    pub outputs_json: String,
    pub created_at: i64,
}

pub struct NewCalculation<'a> {
    pub id: &'a str,
    pub visitor_key: Option<&'a str>,
    pub industry_sic_code: Option<&'a str>,
    pub challenge: &'a str,
    pub annual_revenue_minor: i64,
    pub inputs_json: String,
    pub outputs_json: String,
    pub created_at: i64,
}

pub async fn insert(db: &Db, calc: NewCalculation<'_>) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO roi_calculations (id, visitor_key, industry_sic_code, challenge, annual_revenue_minor, \
         inputs_json, outputs_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(calc.id)
    .bind(calc.visitor_key.map(str::to_string))
    .bind(calc.industry_sic_code.map(str::to_string))
    .bind(calc.challenge)
    .bind(calc.annual_revenue_minor)
    .bind(calc.inputs_json)
    .bind(calc.outputs_json)
    .bind(calc.created_at)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<CalculationRow>, sqlx::Error> {
    sqlx::query_as::<_, CalculationRow>(
        "SELECT id, visitor_key, inputs_json, outputs_json, created_at FROM roi_calculations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// The visitor's most recent calculation, if any.
pub async fn latest_for_visitor(db: &Db, visitor_key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM roi_calculations WHERE visitor_key = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(visitor_key)
    .fetch_optional(&db.pool)
    .await
}
