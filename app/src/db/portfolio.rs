//! The published case studies' headline figures, for the home page.

use super::Db;

/// (improvement %, payback months, confidence level) of every published study.
pub async fn published_figures(db: &Db) -> Result<Vec<(f64, f64, f64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT primary_metric_improvement_pct, payback_months, confidence_level \
         FROM case_studies WHERE published = 1",
    )
    .fetch_all(&db.pool)
    .await
}
