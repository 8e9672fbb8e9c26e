//! Back-office writes to case studies.

use super::case_studies::CaseStudyRow;
use super::{new_id, now_ms, Db};
use crate::domain::case_study_form::CaseStudyDraft;
use crate::domain::list_filters::{CaseStudyListQuery, PublishState};
use crate::domain::list_query::PAGE_SIZE;
use sqlx::AssertSqlSafe;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct AdminListRow {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub industry_name: String,
    pub published: i64,
    pub featured: i64,
    pub view_count: i64,
    pub updated_at: i64,
}

/// One page of the back-office list (newest edits first) and how many match.
pub async fn list(
    db: &Db,
    query: &CaseStudyListQuery,
) -> Result<(Vec<AdminListRow>, i64), sqlx::Error> {
    let filter = "($1 = '' OR lower(title) LIKE $1 ESCAPE '\\' OR lower(industry_name) LIKE $1 ESCAPE '\\') \
                  AND ($2 < 0 OR published = $2)";
    let pattern = query.like_pattern();
    let published: i64 = match query.filter {
        Some(PublishState::Published) => 1,
        Some(PublishState::Draft) => 0,
        None => -1,
    };
    let rows = sqlx::query_as::<_, AdminListRow>(AssertSqlSafe(format!(
        "SELECT id, title, slug, industry_name, published, featured, view_count, updated_at \
         FROM case_studies WHERE {filter} ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4"
    )))
    .bind(&pattern)
    .bind(published)
    .bind(PAGE_SIZE)
    .bind(query.offset())
    .fetch_all(&db.pool)
    .await?;
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM case_studies WHERE {filter}"
    )))
    .bind(&pattern)
    .bind(published)
    .fetch_one(&db.pool)
    .await?;
    Ok((rows, total))
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<CaseStudyRow>, sqlx::Error> {
    sqlx::query_as::<_, CaseStudyRow>("SELECT * FROM case_studies WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn by_slug_any_status(db: &Db, slug: &str) -> Result<Option<CaseStudyRow>, sqlx::Error> {
    sqlx::query_as::<_, CaseStudyRow>("SELECT * FROM case_studies WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await
}

/// Active consultants for the form's select: (id, full name).
/// The industries case studies are filed under (any status): (SIC code, name).
pub async fn industries(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT industry_sic_code, MIN(industry_name) FROM case_studies \
         GROUP BY industry_sic_code ORDER BY MIN(industry_name)",
    )
    .fetch_all(&db.pool)
    .await
}

pub async fn consultant_choices(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT id, first_name || ' ' || last_name FROM consultants WHERE active = 1 ORDER BY last_name, first_name",
    )
    .fetch_all(&db.pool)
    .await
}

/// Inserts a new (unpublished) case study, or updates an existing one; returns its id.
pub async fn save(
    db: &Db,
    id: Option<&str>,
    draft: &CaseStudyDraft,
    author: Option<&str>,
) -> Result<Option<String>, sqlx::Error> {
    let _turn = db.write_turn().await;
    let now = now_ms();
    let secondary = serde_json::to_string(&draft.secondary_metrics)
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let chart_images = serde_json::to_string(
        &draft
            .chart_images
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>(),
    )
    .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let inserting = id.is_none();
    let (sql, id) = match id {
        Some(id) => (
            "UPDATE case_studies SET title = $2, slug = $3, summary = $4, industry_sic_code = $5, industry_name = $6, \
             client_type = $7, company_size = $8, client_size_label = $9, client_region = $10, \
             business_challenge_md = $11, previous_approaches_md = $12, stakeholder_concerns_md = $13, \
             success_criteria_md = $14, consultant_id = $15, methodology = $16, duration_days = $17, \
             sample_size = $18, confidence_level = $19, primary_metric_name = $20, primary_metric_unit = $21, \
             primary_metric_baseline = $22, primary_metric_result = $23, primary_metric_improvement_pct = $24, \
             secondary_metrics_json = $25, roi_pct = $26, roi_value_minor = $27, roi_timeframe = $28, \
             payback_months = $29, methodology_details_md = $30, testimonial_text = $31, testimonial_author = $32, \
             testimonial_role = $33, meta_description = $34, meta_keywords = $35, updated_at = $36, challenge = $37, \
             hero_image = $38, chart_images_json = $39 WHERE id = $1",
            id.to_string(),
        ),
        None => (
            "INSERT INTO case_studies (id, title, slug, summary, industry_sic_code, industry_name, client_type, \
             company_size, client_size_label, client_region, business_challenge_md, previous_approaches_md, \
             stakeholder_concerns_md, success_criteria_md, consultant_id, methodology, duration_days, sample_size, \
             confidence_level, primary_metric_name, primary_metric_unit, primary_metric_baseline, \
             primary_metric_result, primary_metric_improvement_pct, secondary_metrics_json, roi_pct, \
             roi_value_minor, roi_timeframe, payback_months, methodology_details_md, testimonial_text, \
             testimonial_author, testimonial_role, meta_description, meta_keywords, updated_at, created_by, \
             created_at, published, featured, challenge, hero_image, chart_images_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
             $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $40, $36, 0, 0, $37, \
             $38, $39)",
            new_id(),
        ),
    };
    let mut query = sqlx::query(sql)
        .bind(&id)
        .bind(&draft.title)
        .bind(draft.slug.as_str())
        .bind(&draft.summary)
        .bind(&draft.industry_sic_code)
        .bind(&draft.industry_name)
        .bind(&draft.client_type)
        .bind(draft.company_size.as_str())
        .bind(&draft.client_size_label)
        .bind(&draft.client_region)
        .bind(&draft.business_challenge)
        .bind(&draft.previous_approaches)
        .bind(&draft.stakeholder_concerns)
        .bind(&draft.success_criteria)
        .bind(draft.consultant_id.clone())
        .bind(draft.methodology.as_str())
        .bind(draft.duration_days)
        .bind(draft.sample_size)
        .bind(draft.confidence_level)
        .bind(&draft.primary_metric_name)
        .bind(&draft.primary_metric_unit)
        .bind(draft.primary_metric_baseline)
        .bind(draft.primary_metric_result)
        .bind(draft.primary_metric_improvement_pct)
        .bind(secondary)
        .bind(draft.roi_pct)
        .bind(draft.roi_value_minor)
        .bind(&draft.roi_timeframe)
        .bind(draft.payback_months)
        .bind(&draft.methodology_details)
        .bind(&draft.testimonial_text)
        .bind(&draft.testimonial_author)
        .bind(&draft.testimonial_role)
        .bind(&draft.meta_description)
        .bind(&draft.meta_keywords)
        .bind(now)
        .bind(draft.challenge.as_str())
        .bind(draft.hero_image.as_ref().map(|k| k.to_string()))
        .bind(chart_images);
    if inserting {
        query = query.bind(author);
    }
    let result = db.lead_inputs.after_write(query.execute(&db.pool).await);
    Ok((result?.rows_affected() == 1).then_some(id))
}

/// Publishing stamps `published_at` the first time; unpublishing keeps it.
pub async fn set_published(db: &Db, id: &str, published: bool) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let now = now_ms();
    let changed = sqlx::query(
        "UPDATE case_studies SET published = $1, published_at = COALESCE(published_at, $2), updated_at = $2 \
         WHERE id = $3",
    )
    .bind(published as i64)
    .bind(now)
    .bind(id)
    .execute(&db.pool)
    .await;
    db.lead_inputs
        .after_write(changed)
        .map(|r| r.rows_affected() == 1)
}

pub async fn set_featured(db: &Db, id: &str, featured: bool) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("UPDATE case_studies SET featured = $1, updated_at = $2 WHERE id = $3")
        .bind(featured as i64)
        .bind(now_ms())
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|r| r.rows_affected() == 1)
}

pub async fn delete(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let changed = sqlx::query("DELETE FROM case_studies WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await;
    db.lead_inputs
        .after_write(changed)
        .map(|r| r.rows_affected() == 1)
}
