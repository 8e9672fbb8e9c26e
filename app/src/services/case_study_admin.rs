use crate::db::{audit, case_study_admin as db_admin, media_uploads, Db};
use crate::domain::case_study_form::{metric_rows, CaseStudyDraft, CaseStudyInput};
use crate::domain::industry_choice::resolve_industry;
use crate::domain::list_filters::CaseStudyListQuery;
use crate::domain::list_query::page_count;
use crate::domain::media::{may_attach, MediaKey, UploadsAllowed};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::case_study_admin::{AdminCaseStudy, AdminCaseStudyList, EditorData};

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn list(db: &Db, query: &CaseStudyListQuery) -> Result<AdminCaseStudyList, AppError> {
    let (rows, total) = db_admin::list(db, query).await?;
    let studies = rows
        .into_iter()
        .map(|r| AdminCaseStudy {
            id: r.id,
            title: r.title,
            slug: r.slug,
            industry_name: r.industry_name,
            published: r.published == 1,
            featured: r.featured == 1,
            view_count: r.view_count,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(AdminCaseStudyList {
        studies,
        total,
        page: query.page,
        pages: page_count(total),
    })
}

/// The form's contents: a stored case study written back as text fields, or
/// an empty form with sensible defaults.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn editor(db: &Db, id: Option<&str>, can_delete: bool) -> Result<EditorData, AppError> {
    let consultants = db_admin::consultant_choices(db).await?;
    let industries = db_admin::industries(db).await?;
    let Some(id) = id else {
        return Ok(EditorData {
            id: None,
            input: CaseStudyInput {
                company_size: "mid_market".into(),
                methodology: "ab_test".into(),
                challenge: "conversion".into(),
                confidence_level: "0.95".into(),
                roi_timeframe: "annually".into(),
                ..CaseStudyInput::default()
            },
            published: false,
            consultants,
            industries,
            can_delete,
        });
    };
    let row = db_admin::by_id(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That case study".into()))?;
    let secondary = row.secondary_metrics()?;
    let chart_images = row.chart_images()?.join("\n");
    Ok(EditorData {
        id: Some(row.id.clone()),
        published: row.published == 1,
        consultants,
        industries,
        can_delete,
        input: CaseStudyInput {
            title: row.title,
            slug: row.slug,
            summary: row.summary,
            industry_sic_code: row.industry_sic_code,
            industry_name: row.industry_name,
            client_type: row.client_type,
            company_size: row.company_size,
            client_size_label: row.client_size_label,
            client_region: row.client_region,
            business_challenge: row.business_challenge_md,
            previous_approaches: row.previous_approaches_md,
            stakeholder_concerns: row.stakeholder_concerns_md,
            success_criteria: row.success_criteria_md,
            consultant_id: row.consultant_id.unwrap_or_default(),
            methodology: row.methodology,
            challenge: row.challenge,
            duration_days: row.duration_days.to_string(),
            sample_size: row.sample_size.to_string(),
            confidence_level: row.confidence_level.to_string(),
            primary_metric_name: row.primary_metric_name,
            primary_metric_unit: row.primary_metric_unit,
            primary_metric_baseline: row.primary_metric_baseline.to_string(),
            primary_metric_result: row.primary_metric_result.to_string(),
            secondary_metrics: metric_rows(&secondary),
            roi_pct: row.roi_pct.to_string(),
            roi_value: format!("{:.2}", row.roi_value_minor as f64 / 100.0),
            roi_timeframe: row.roi_timeframe,
            payback_months: row.payback_months.to_string(),
            methodology_details: row.methodology_details_md,
            testimonial_text: row.testimonial_text,
            testimonial_author: row.testimonial_author,
            testimonial_role: row.testimonial_role,
            chart_images,
            hero_image: row.hero_image.unwrap_or_default(),
            meta_description: row.meta_description,
            meta_keywords: row.meta_keywords,
        },
    })
}

#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: Option<&str>,
    input: &CaseStudyInput,
) -> Result<String, AppError> {
    let known = db_admin::industries(db).await?;
    // A known industry's name is filled in when left empty.
    let mut input = input.clone();
    if input.industry_name.trim().is_empty() {
        if let Some((_, name)) = known
            .iter()
            .find(|(code, _)| code == input.industry_sic_code.trim())
        {
            input.industry_name = name.clone();
        }
    }
    let mut draft = input.parse().map_err(AppError::fields)?;
    check_images(db, id, &draft).await?;
    let (sic_code, name) = resolve_industry(
        &known,
        &draft.industry_sic_code,
        &draft.industry_name,
        user.role == Role::Admin,
    )
    .map_err(AppError::fields)?;
    draft.industry_sic_code = sic_code;
    draft.industry_name = name;
    let saved = db_admin::save(db, id, &draft, Some(&user.id))
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                AppError::invalid("consultant_id", "Choose a consultant from the list.")
            }
            _ => AppError::unique_conflict(
                e,
                "slug",
                format!(
                    "Another case study already uses the slug \"{}\".",
                    draft.slug.as_str()
                ),
            ),
        })?;
    let id = saved.ok_or_else(|| AppError::NotFound("That case study".into()))?;
    audit::record(
        db,
        Some(&user.id),
        "case_study.saved",
        &id,
        serde_json::json!({ "slug": draft.slug.as_str() }),
    )
    .await?;
    Ok(id)
}

/// Each new image must name a recorded upload of its kind (keys are public,
/// so a parsed key alone proves nothing); any editor's upload will do. What
/// the case study already holds is kept as it is.
async fn check_images(db: &Db, id: Option<&str>, draft: &CaseStudyDraft) -> Result<(), AppError> {
    let (stored_hero, stored_charts) = match id {
        Some(id) => match db_admin::by_id(db, id).await? {
            Some(row) => (row.hero_image.clone(), row.chart_images()?),
            None => return Err(AppError::NotFound("That case study".into())),
        },
        None => (None, Vec::new()),
    };
    let mut errors = Vec::new();
    if let Some(hero) = &draft.hero_image {
        if !is_attachable(db, hero, stored_hero.as_deref()).await? {
            errors.push((
                "hero_image".to_string(),
                "Upload the hero image again; that image was not uploaded here.".to_string(),
            ));
        }
    }
    for chart in &draft.chart_images {
        if !is_attachable(db, chart, stored_charts.iter().map(String::as_str)).await? {
            errors.push((
                "chart_images".to_string(),
                format!("Upload the chart \"{chart}\" again; it was not uploaded here."),
            ));
            break;
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::fields(errors))
    }
}

async fn is_attachable<'a>(
    db: &Db,
    key: &MediaKey,
    stored: impl IntoIterator<Item = &'a str>,
) -> Result<bool, AppError> {
    let record = media_uploads::find(db, key).await?;
    Ok(may_attach(key, stored, record.as_ref(), UploadsAllowed::Anyone).is_ok())
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn set_flag(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    flag: &str,
    value: bool,
) -> Result<(), AppError> {
    let changed = match flag {
        "published" => db_admin::set_published(db, id, value).await,
        _ => db_admin::set_featured(db, id, value).await,
    }?;
    if !changed {
        return Err(AppError::NotFound("That case study".into()));
    }
    audit::record(
        db,
        Some(&user.id),
        &format!("case_study.{flag}"),
        id,
        serde_json::json!({ "value": value }),
    )
    .await
    .map_err(AppError::from)
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn delete(db: &Db, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    if !db_admin::delete(db, id).await? {
        return Err(AppError::NotFound("That case study".into()));
    }
    audit::record(
        db,
        Some(&user.id),
        "case_study.deleted",
        id,
        serde_json::json!({}),
    )
    .await
    .map_err(AppError::from)
}
