//! Case-study queries. The gallery's WHERE clause is assembled from fixed
//! fragments only; every user-supplied value is a bound parameter.

use super::{now_ms, Db};
use crate::domain::gallery_query::{GalleryQuery, SortOrder};
use crate::domain::showcase::SecondaryMetric;
use sqlx::{AssertSqlSafe, FromRow};

/// The columns of a gallery card, joined with the consultant's name.
#[derive(Debug, Clone, FromRow)]
pub struct SummaryRow {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub industry_sic_code: String,
    pub industry_name: String,
    pub client_type: String,
    pub company_size: String,
    pub methodology: String,
    pub roi_pct: f64,
    pub roi_value_minor: i64,
    pub roi_currency: String,
    pub payback_months: f64,
    pub confidence_level: f64,
    pub primary_metric_name: String,
    pub primary_metric_improvement_pct: f64,
    pub hero_image: Option<String>,
    pub consultant_id: Option<String>,
    pub consultant_name: Option<String>,
    pub view_count: i64,
    pub featured: i64,
    pub published_at: Option<i64>,
}

macro_rules! summary_select {
    () => {
        "SELECT cs.id, cs.title, cs.slug, cs.summary, cs.industry_sic_code, cs.industry_name, \
         cs.client_type, cs.company_size, cs.methodology, cs.roi_pct, cs.roi_value_minor, \
         cs.roi_currency, cs.payback_months, cs.confidence_level, cs.primary_metric_name, \
         cs.primary_metric_improvement_pct, cs.hero_image, cs.consultant_id, \
         c.first_name || ' ' || c.last_name AS consultant_name, cs.view_count, cs.featured, \
         cs.published_at \
         FROM case_studies cs LEFT JOIN consultants c ON c.id = cs.consultant_id "
    };
}

pub fn decode_error(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what} \"{value}\" in the database").into())
}

/// One bound value of a dynamically assembled query.
enum Bind {
    Text(String),
    Real(f64),
}

/// The published case studies matching a gallery query, and how many match in all.
pub async fn gallery(db: &Db, query: &GalleryQuery) -> Result<(Vec<SummaryRow>, i64), sqlx::Error> {
    let mut conditions = vec!["cs.published = 1".to_string()];
    let mut binds = Vec::new();
    let mut push = |fragment: &str, bind: Bind| {
        binds.push(bind);
        conditions.push(fragment.replace('?', &format!("${}", binds.len())));
    };
    if let Some(industry) = &query.industry {
        push("cs.industry_sic_code = ?", Bind::Text(industry.clone()));
    }
    if let Some(methodology) = query.experiment_type {
        push(
            "cs.methodology = ?",
            Bind::Text(methodology.as_str().to_string()),
        );
    }
    // The unary `+` keeps SQLite from choosing the (published, roi_pct) index
    // for an ROI range: a range like 100–800 % matches most studies, and that
    // index would read each one's wide row. The gallery index covers every
    // filter column, so counting and paging never touch the rows. (Harmless
    // on PostgreSQL, whose planner has real statistics for the range.)
    if let Some(min) = query.roi_min {
        push("+cs.roi_pct >= ?", Bind::Real(min));
    }
    if let Some(max) = query.roi_max {
        push("+cs.roi_pct <= ?", Bind::Real(max));
    }
    if let Some(size) = query.company_size {
        push("cs.company_size = ?", Bind::Text(size.as_str().to_string()));
    }
    if query.featured_only {
        conditions.push("cs.featured = 1".to_string());
    }
    let where_clause = conditions.join(" AND ");
    let order = match query.sort_by {
        SortOrder::RoiDesc => "cs.roi_pct DESC",
        SortOrder::Recent => "cs.published_at DESC",
        SortOrder::Popular => "cs.view_count DESC",
    };
    let featured_first = if query.featured_first {
        "cs.featured DESC, "
    } else {
        ""
    };
    let n = binds.len();
    // Two steps in one statement: pick the page's ids from the covering
    // gallery index, then read only those rows (a case study's row is wide:
    // its Markdown runs to kilobytes).
    let list_sql = format!(
        "{} JOIN (SELECT cs.id FROM case_studies cs WHERE {where_clause} \
         ORDER BY {featured_first}{order}, cs.id LIMIT ${} OFFSET ${}) page ON page.id = cs.id \
         ORDER BY {featured_first}{order}, cs.id",
        summary_select!(),
        n + 1,
        n + 2
    );
    let count_sql = format!("SELECT COUNT(*) FROM case_studies cs WHERE {where_clause}");

    let mut list = sqlx::query_as::<_, SummaryRow>(AssertSqlSafe(list_sql));
    let mut count = sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql));
    for bind in &binds {
        (list, count) = match bind {
            Bind::Text(v) => (list.bind(v.clone()), count.bind(v.clone())),
            Bind::Real(v) => (list.bind(*v), count.bind(*v)),
        };
    }
    let rows = list
        .bind(query.limit)
        .bind(query.offset)
        .fetch_all(&db.pool)
        .await?;
    let total = count.fetch_one(&db.pool).await?;
    Ok((rows, total))
}

/// Every column of a case study.
#[derive(Debug, Clone, FromRow)]
pub struct CaseStudyRow {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub industry_sic_code: String,
    pub industry_name: String,
    pub client_type: String,
    pub company_size: String,
    pub challenge: String,
    pub client_size_label: String,
    pub client_region: String,
    pub business_challenge_md: String,
    pub previous_approaches_md: String,
    pub stakeholder_concerns_md: String,
    pub success_criteria_md: String,
    pub consultant_id: Option<String>,
    pub methodology: String,
    pub duration_days: i64,
    pub sample_size: i64,
    pub confidence_level: f64,
    pub primary_metric_name: String,
    pub primary_metric_unit: String,
    pub primary_metric_baseline: f64,
    pub primary_metric_result: f64,
    pub primary_metric_improvement_pct: f64,
    pub secondary_metrics_json: String,
    pub roi_pct: f64,
    pub roi_value_minor: i64,
    pub roi_currency: String,
    pub roi_timeframe: String,
    pub payback_months: f64,
    pub methodology_details_md: String,
    pub testimonial_text: String,
    pub testimonial_author: String,
    pub testimonial_role: String,
    pub hero_image: Option<String>,
    pub chart_images_json: String,
    pub meta_description: String,
    pub meta_keywords: String,
    pub featured_snippet: String,
    pub featured: i64,
    pub published: i64,
    pub published_at: Option<i64>,
    pub view_count: i64,
    pub lead_conversions: i64,
    pub consultation_bookings: i64,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl CaseStudyRow {
    pub fn secondary_metrics(&self) -> Result<Vec<SecondaryMetric>, sqlx::Error> {
        serde_json::from_str(&self.secondary_metrics_json)
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }

    pub fn chart_images(&self) -> Result<Vec<String>, sqlx::Error> {
        serde_json::from_str(&self.chart_images_json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }
}

/// A published case study by its slug.
pub async fn published_by_slug(db: &Db, slug: &str) -> Result<Option<CaseStudyRow>, sqlx::Error> {
    sqlx::query_as::<_, CaseStudyRow>(
        "SELECT * FROM case_studies WHERE slug = $1 AND published = 1",
    )
    .bind(slug)
    .fetch_optional(&db.pool)
    .await
}

/// The id of the published case study at this slug (a view counted for a
/// page served from memory needs no more).
pub async fn published_id_by_slug(db: &Db, slug: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM case_studies WHERE slug = $1 AND published = 1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await
}

/// Up to `limit` other published case studies from the same industry, best
/// first. Like the gallery, ids come from an index first, rows second.
pub async fn related(
    db: &Db,
    industry: &str,
    exclude_id: &str,
    limit: i64,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    sqlx::query_as::<_, SummaryRow>(concat!(
        summary_select!(),
        "JOIN (SELECT id FROM case_studies WHERE published = 1 AND industry_sic_code = $1 AND id <> $2 \
           ORDER BY featured DESC, roi_pct DESC, id LIMIT $3) page ON page.id = cs.id \
         ORDER BY cs.featured DESC, cs.roi_pct DESC, cs.id"
    ))
    .bind(industry)
    .bind(exclude_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// A consultant's published case studies (excluding one), featured then most recent.
pub async fn by_consultant(
    db: &Db,
    consultant_id: &str,
    exclude_id: Option<&str>,
    limit: i64,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    sqlx::query_as::<_, SummaryRow>(concat!(
        summary_select!(),
        "JOIN (SELECT id FROM case_studies WHERE published = 1 AND consultant_id = $1 AND id <> $2 \
           ORDER BY featured DESC, published_at DESC, id LIMIT $3) page ON page.id = cs.id \
         ORDER BY cs.featured DESC, cs.published_at DESC, cs.id"
    ))
    .bind(consultant_id)
    .bind(exclude_id.unwrap_or(""))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// For every consultant at once (or only one): their `per_kind` best featured studies and
/// their `2 × per_kind` most recent ones (enough to fill "recent" after the
/// featured ones are taken out), ordered featured first, then newest.
pub async fn showcase_work(
    db: &Db,
    per_kind: i64,
    only_consultant: Option<&str>,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    sqlx::query_as::<_, SummaryRow>(concat!(
        summary_select!(),
        "JOIN (SELECT id, \
           ROW_NUMBER() OVER (PARTITION BY consultant_id ORDER BY featured DESC, published_at DESC, id) AS by_featured, \
           ROW_NUMBER() OVER (PARTITION BY consultant_id ORDER BY published_at DESC, id) AS by_recent \
           FROM case_studies WHERE published = 1 AND consultant_id IS NOT NULL \
             AND ($3 = '' OR consultant_id = $3)) ranked ON ranked.id = cs.id \
         WHERE ranked.by_featured <= $1 OR ranked.by_recent <= $2 \
         ORDER BY cs.consultant_id, cs.featured DESC, cs.published_at DESC, cs.id"
    ))
    .bind(per_kind)
    .bind(per_kind * 2)
    .bind(only_consultant.unwrap_or(""))
    .fetch_all(&db.pool)
    .await
}

/// Counts a view once per visitor and day. A visitor is known by several
/// keys (their cookie, their address and browser); the view counts only when
/// none of them was seen today, and all are remembered for the rest of the day.
pub async fn record_view(
    db: &Db,
    case_study_id: &str,
    visitor_keys: &[String],
) -> Result<bool, sqlx::Error> {
    // Run to the end even when the page request is dropped mid-way: a
    // transaction abandoned after its UPDATE would hold the study's row lock.
    let (db, id, keys) = (db.clone(), case_study_id.to_string(), visitor_keys.to_vec());
    match tokio::spawn(async move { record_view_now(&db, &id, &keys).await }).await {
        Ok(outcome) => outcome,
        Err(join) => Err(sqlx::Error::Protocol(format!(
            "view counting stopped: {join}"
        ))),
    }
}

async fn record_view_now(
    db: &Db,
    case_study_id: &str,
    visitor_keys: &[String],
) -> Result<bool, sqlx::Error> {
    let day = now_ms() / 86_400_000;
    let mut tx = db.pool.begin().await?;
    let mut seen = false;
    for key in visitor_keys {
        let inserted = sqlx::query(
            "INSERT INTO case_study_views (case_study_id, visitor_key, day) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(case_study_id)
        .bind(key)
        .bind(day)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        seen |= inserted == 0;
    }
    let counted = !seen && !visitor_keys.is_empty();
    if counted {
        sqlx::query("UPDATE case_studies SET view_count = view_count + 1 WHERE id = $1")
            .bind(case_study_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(counted)
}

/// Slugs and last-modified times of everything published, for the sitemap.
pub async fn published_slugs(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, i64)>(
        "SELECT slug, updated_at FROM case_studies WHERE published = 1 ORDER BY published_at DESC",
    )
    .fetch_all(&db.pool)
    .await
}

/// The industries that have published case studies, with counts, for the gallery filter.
pub async fn published_industries(db: &Db) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, String, i64)>(
        "SELECT industry_sic_code, MIN(industry_name), COUNT(*) FROM case_studies \
         WHERE published = 1 GROUP BY industry_sic_code ORDER BY MIN(industry_name)",
    )
    .fetch_all(&db.pool)
    .await
}
