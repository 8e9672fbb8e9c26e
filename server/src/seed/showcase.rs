//! Inserts the demo consultants and case studies (idempotent: skipped when
//! any case study exists) and writes a generated SVG portrait per consultant
//! into the media directory — nothing is downloaded.

use super::showcase_data::{DemoCaseStudy, DemoConsultant, CASE_STUDIES, CONSULTANTS};
use app::db::{new_id, now_ms, Db};
use app::error::AppError;
use std::collections::HashMap;
use std::path::Path;

const DAY_MS: i64 = 86_400_000;

/// A simple, friendly portrait: a two-colour gradient with the initials.
pub fn avatar_svg(consultant: &DemoConsultant) -> String {
    let initials: String = [consultant.first_name, consultant.last_name]
        .iter()
        .filter_map(|n| n.chars().next())
        .collect();
    let (from, to) = consultant.avatar_colors;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="{first} {last}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{from}"/><stop offset="1" stop-color="{to}"/></linearGradient></defs>
<rect width="400" height="400" fill="url(#g)"/>
<circle cx="200" cy="160" r="78" fill="#ffffff" fill-opacity="0.22"/>
<path d="M60 400c0-90 63-150 140-150s140 60 140 150z" fill="#ffffff" fill-opacity="0.22"/>
<text x="200" y="178" text-anchor="middle" font-family="system-ui, sans-serif" font-size="84" font-weight="700" fill="#ffffff">{initials}</text>
</svg>
"##,
        first = consultant.first_name,
        last = consultant.last_name,
    )
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}

/// Seeds the showcase; returns how many case studies were created.
pub async fn seed_showcase(db: &Db, media_dir: &Path) -> Result<usize, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_studies")
        .fetch_one(&db.pool)
        .await
        .map_err(AppError::internal)?;
    if existing > 0 {
        return Ok(0);
    }
    let avatar_dir = media_dir.join("consultants");
    std::fs::create_dir_all(&avatar_dir).map_err(AppError::internal)?;
    let now = now_ms();
    let mut tx = db.pool.begin().await.map_err(AppError::internal)?;
    let mut ids: HashMap<&str, String> = HashMap::new();
    for c in CONSULTANTS {
        let id = new_id();
        let image_key = format!("consultants/{}.svg", c.key);
        std::fs::write(media_dir.join(&image_key), avatar_svg(c)).map_err(AppError::internal)?;
        let studies: Vec<&DemoCaseStudy> = CASE_STUDIES
            .iter()
            .filter(|s| s.consultant_key == c.key)
            .collect();
        let total_roi_minor: i64 = studies.iter().map(|s| s.roi_value_gbp * 100).sum();
        sqlx::query(
            "INSERT INTO consultants (id, first_name, last_name, email, title, bio_md, years_experience, \
             specializations_json, primary_industries_json, secondary_industries_json, total_client_roi_minor, \
             currency, average_project_roi_pct, projects_completed, satisfaction_score, capacity_pct, \
             hourly_rate_minor, consultation_rate_minor, available_for_new_clients, preferred_contact, \
             calendar_url, profile_image, linkedin_url, active, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'GBP', $12, $13, $14, $15, $16, $17, $18, $19, \
             $20, $21, $22, 1, $23, $23)",
        )
        .bind(&id)
        .bind(c.first_name)
        .bind(c.last_name)
        .bind(c.email)
        .bind(c.title)
        .bind(c.bio)
        .bind(c.years_experience)
        .bind(json(&c.specializations))
        .bind(json(&c.primary_industries))
        .bind(json(&c.secondary_industries))
        .bind(total_roi_minor)
        .bind(c.average_project_roi_pct)
        .bind(c.projects_completed)
        .bind(c.satisfaction_score)
        .bind(c.capacity_pct)
        .bind(c.hourly_rate_gbp * 100)
        .bind(c.consultation_rate_gbp * 100)
        .bind(c.available_for_new_clients as i64)
        .bind(c.preferred_contact)
        .bind(c.calendar_url.map(str::to_string))
        .bind(image_key)
        .bind(c.linkedin_url.map(str::to_string))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(AppError::internal)?;
        ids.insert(c.key, id);
    }
    for s in CASE_STUDIES {
        let secondary: Vec<serde_json::Value> = s
            .secondary_metrics
            .iter()
            .map(|m| {
                serde_json::json!({
                    "name": m.name, "baseline": m.baseline, "result": m.result,
                    "improvement_percentage": m.improvement_pct,
                    "unit": if m.unit.is_empty() { None } else { Some(m.unit) },
                })
            })
            .collect();
        let published_at = now - s.published_days_ago * DAY_MS;
        sqlx::query(
            "INSERT INTO case_studies (id, title, slug, summary, industry_sic_code, industry_name, client_type, \
             company_size, client_size_label, client_region, business_challenge_md, previous_approaches_md, \
             stakeholder_concerns_md, success_criteria_md, consultant_id, methodology, duration_days, sample_size, \
             confidence_level, primary_metric_name, primary_metric_unit, primary_metric_baseline, \
             primary_metric_result, primary_metric_improvement_pct, secondary_metrics_json, roi_pct, \
             roi_value_minor, roi_currency, roi_timeframe, payback_months, methodology_details_md, \
             testimonial_text, testimonial_author, testimonial_role, meta_description, meta_keywords, featured, \
             published, published_at, view_count, created_at, updated_at, challenge) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
             $21, $22, $23, $24, $25, $26, $27, 'GBP', $28, $29, $30, $31, $32, $33, $34, $35, $36, 1, $37, $38, \
             $37, $37, $39)",
        )
        .bind(new_id())
        .bind(s.title)
        .bind(s.slug)
        .bind(s.summary)
        .bind(s.industry_sic_code)
        .bind(s.industry_name)
        .bind(s.client_type)
        .bind(s.company_size)
        .bind(s.client_size_label)
        .bind(s.client_region)
        .bind(s.business_challenge)
        .bind(s.previous_approaches)
        .bind(s.stakeholder_concerns)
        .bind(s.success_criteria)
        .bind(ids.get(s.consultant_key).cloned())
        .bind(s.methodology)
        .bind(s.duration_days)
        .bind(s.sample_size)
        .bind(s.confidence_level)
        .bind(s.primary_metric.name)
        .bind(s.primary_metric.unit)
        .bind(s.primary_metric.baseline)
        .bind(s.primary_metric.result)
        .bind(s.primary_metric.improvement_pct)
        .bind(serde_json::Value::Array(secondary).to_string())
        .bind(s.roi_pct)
        .bind(s.roi_value_gbp * 100)
        .bind(s.roi_timeframe)
        .bind(s.payback_months)
        .bind(s.methodology_details)
        .bind(s.testimonial_text)
        .bind(s.testimonial_author)
        .bind(s.testimonial_role)
        .bind(s.meta_description)
        .bind(s.meta_keywords)
        .bind(s.featured as i64)
        .bind(published_at)
        .bind(s.view_count)
        .bind(s.challenge)
        .execute(&mut *tx)
        .await
        .map_err(AppError::internal)?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(CASE_STUDIES.len())
}

/// Lets the demo consultant account edit the first demo consultant's profile.
pub async fn link_demo_consultant(db: &Db) -> Result<(), AppError> {
    let Some(user) = app::db::users::find_by_email(db, "consultant@causal-edge.example")
        .await
        .map_err(AppError::internal)?
    else {
        return Ok(());
    };
    if let Some(first) = CONSULTANTS.first() {
        app::db::consultants::link_user(db, first.email, &user.id)
            .await
            .map_err(AppError::internal)?;
    }
    Ok(())
}
