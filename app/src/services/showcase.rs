//! Building the showcase's wire types from rows: the gallery, a case study
//! with its related content, and consultant profiles. Shared by the pages
//! (through server functions) and the JSON API.

use crate::db::case_studies::{self, decode_error, SummaryRow};
use crate::db::consultants::{self, json_list, ConsultantRow};
use crate::db::Db;
use crate::domain::consultant_query::ConsultantQuery;
use crate::domain::gallery_query::{GalleryQuery, Pagination};
use crate::domain::media::stored_image_urls;
use crate::domain::showcase::{CompanySize, Methodology};
use crate::domain::track_record::{StudyTotals, TrackRecord};
use crate::error::AppError;
use crate::model::showcase::{
    CaseStudyDetail, CaseStudyList, CaseStudySummary, ConsultantList, ConsultantProfile,
    ConsultantSummary, Testimonial,
};

/// The one URL an API client gets for a consultant's portrait
/// (`profile_image_url`, on `/api/v1/consultants`, case studies and leads
/// alike): the image's `src` fallback, 400 px wide for an upload (pages
/// use the full `profile_image` with its `srcset`).
pub fn profile_image_url(stored: Option<&str>) -> Option<String> {
    stored.map(|key| stored_image_urls(key).src)
}

/// A consultant's row as the summary shown beside their work; the one
/// mapping behind every consultant summary (see also
/// `services::leads::assigned_summary`).
pub fn consultant_summary(row: ConsultantRow) -> ConsultantSummary {
    ConsultantSummary {
        profile_image_url: profile_image_url(row.profile_image.as_deref()),
        profile_image: row.profile_image.as_deref().map(stored_image_urls),
        calendar_booking_url: row.calendar_url,
        id: row.id,
        first_name: row.first_name,
        last_name: row.last_name,
        title: row.title,
    }
}

/// A gallery card from its row.
fn summary(row: SummaryRow) -> Result<CaseStudySummary, sqlx::Error> {
    let hero_image = row.hero_image.as_deref().map(stored_image_urls);
    Ok(CaseStudySummary {
        company_size: CompanySize::parse(&row.company_size)
            .ok_or_else(|| decode_error("company size", &row.company_size))?,
        experiment_type: Methodology::parse(&row.methodology)
            .ok_or_else(|| decode_error("methodology", &row.methodology))?,
        id: row.id,
        title: row.title,
        slug: row.slug,
        summary: row.summary,
        industry_sic_code: row.industry_sic_code,
        industry_display_name: row.industry_name,
        client_type: row.client_type,
        roi_percentage: row.roi_pct,
        roi_absolute_value: row.roi_value_minor as f64 / 100.0,
        roi_currency: row.roi_currency,
        payback_period_months: row.payback_months,
        confidence_level: row.confidence_level,
        primary_metric_name: row.primary_metric_name,
        primary_metric_improvement: row.primary_metric_improvement_pct,
        hero_image_url: hero_image.as_ref().map(|i| i.largest.clone()),
        hero_image,
        consultant_id: row.consultant_id,
        consultant_name: row.consultant_name,
        view_count: row.view_count,
        is_featured: row.featured == 1,
        published_at: row.published_at,
    })
}

fn summaries(rows: Vec<SummaryRow>) -> Result<Vec<CaseStudySummary>, AppError> {
    rows.into_iter()
        .map(|row| summary(row).map_err(AppError::from))
        .collect()
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn gallery(db: &Db, query: &GalleryQuery) -> Result<CaseStudyList, AppError> {
    let (rows, total_count) = case_studies::gallery(db, query).await?;
    Ok(CaseStudyList {
        case_studies: summaries(rows)?,
        total_count,
        filters_applied: query.clone(),
        pagination: Pagination::new(query.limit, query.offset, total_count),
    })
}

/// Industries with published case studies: (SIC code, name, count).
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn industries(db: &Db) -> Result<Vec<(String, String, i64)>, AppError> {
    case_studies::published_industries(db)
        .await
        .map_err(AppError::from)
}

/// A case study by slug. Unpublished ones are returned only when
/// `include_unpublished` (a back-office preview).
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn case_study(
    db: &Db,
    slug: &str,
    include_unpublished: bool,
) -> Result<Option<CaseStudyDetail>, AppError> {
    let row = if include_unpublished {
        crate::db::case_study_admin::by_slug_any_status(db, slug).await
    } else {
        case_studies::published_by_slug(db, slug).await
    };
    let Some(row) = row? else {
        return Ok(None);
    };
    // The rest depends only on the study's row: ask for it concurrently, so
    // a networked database costs one more round trip rather than three.
    let consultant = async {
        match &row.consultant_id {
            Some(id) => consultants::active_by_id(db, id).await,
            None => Ok(None),
        }
    };
    let related = case_studies::related(db, &row.industry_sic_code, &row.id, 3);
    let other_work = async {
        match &row.consultant_id {
            Some(id) => case_studies::by_consultant(db, id, Some(&row.id), 3).await,
            None => Ok(Vec::new()),
        }
    };
    let (consultant, related, other_work) = tokio::join!(consultant, related, other_work);
    let consultant = consultant?;
    let related = related?;
    let other_work = other_work?;
    let secondary_metrics = row.secondary_metrics()?;
    let charts: Vec<_> = row
        .chart_images()?
        .iter()
        .map(|k| stored_image_urls(k))
        .collect();
    let hero_image = row.hero_image.as_deref().map(stored_image_urls);
    let testimonial = (!row.testimonial_text.trim().is_empty()).then(|| Testimonial {
        text: row.testimonial_text.clone(),
        author: row.testimonial_author.clone(),
        role: row.testimonial_role.clone(),
    });
    Ok(Some(CaseStudyDetail {
        company_size: CompanySize::parse(&row.company_size)
            .ok_or_else(|| AppError::internal(decode_error("company size", &row.company_size)))?,
        methodology_type: Methodology::parse(&row.methodology)
            .ok_or_else(|| AppError::internal(decode_error("methodology", &row.methodology)))?,
        consultant: consultant.map(consultant_summary),
        related_case_studies: summaries(related)?,
        consultant_other_work: summaries(other_work)?,
        secondary_metrics,
        chart_images: charts.iter().map(|c| c.largest.clone()).collect(),
        charts,
        client_testimonial: testimonial,
        hero_image_url: hero_image.as_ref().map(|i| i.largest.clone()),
        hero_image,
        id: row.id,
        title: row.title,
        slug: row.slug,
        summary: row.summary,
        meta_description: row.meta_description,
        meta_keywords: row.meta_keywords,
        industry_sic_code: row.industry_sic_code,
        industry_display_name: row.industry_name,
        business_challenge: row.business_challenge_md,
        previous_approaches: row.previous_approaches_md,
        stakeholder_concerns: row.stakeholder_concerns_md,
        success_criteria: row.success_criteria_md,
        client_type: row.client_type,
        client_size: row.client_size_label,
        client_region: row.client_region,
        experiment_duration: row.duration_days,
        sample_size: row.sample_size,
        confidence_level: row.confidence_level,
        detailed_methodology: row.methodology_details_md,
        primary_metric_name: row.primary_metric_name,
        primary_metric_unit: row.primary_metric_unit,
        primary_metric_improvement: row.primary_metric_improvement_pct,
        primary_metric_baseline: row.primary_metric_baseline,
        primary_metric_result: row.primary_metric_result,
        roi_percentage: row.roi_pct,
        roi_absolute_value: row.roi_value_minor as f64 / 100.0,
        roi_currency: row.roi_currency,
        roi_timeframe: row.roi_timeframe,
        payback_period_months: row.payback_months,
        is_featured: row.featured == 1,
        is_published: row.published == 1,
        published_at: row.published_at,
        updated_at: row.updated_at,
        view_count: row.view_count,
    }))
}

/// Featured and recent studies shown per consultant.
const WORK_PER_CONSULTANT: i64 = 3;

/// A profile from its row and the consultant's published work, best first
/// (featured, then most recent); the work need only hold the top few of each.
/// The track record is derived from the published studies' `totals` (see
/// `domain::track_record`), never from typed-in figures.
fn profile(
    row: ConsultantRow,
    work: Vec<CaseStudySummary>,
    totals: &[StudyTotals],
) -> Result<ConsultantProfile, AppError> {
    let record = TrackRecord::from_totals(totals, &row.currency);
    let featured: Vec<_> = work
        .iter()
        .filter(|s| s.is_featured)
        .take(3)
        .cloned()
        .collect();
    // Recent work that is not already shown as featured.
    let mut recent: Vec<_> = work
        .iter()
        .filter(|s| !featured.iter().any(|f| f.id == s.id))
        .cloned()
        .collect();
    recent.sort_by_key(|s| std::cmp::Reverse(s.published_at));
    recent.truncate(3);
    Ok(ConsultantProfile {
        is_active: row.active == 1,
        specializations: json_list(&row.specializations_json)?,
        primary_industries: json_list(&row.primary_industries_json)?,
        secondary_industries: json_list(&row.secondary_industries_json)?,
        profile_image_url: profile_image_url(row.profile_image.as_deref()),
        profile_image: row.profile_image.as_deref().map(stored_image_urls),
        id: row.id,
        first_name: row.first_name,
        last_name: row.last_name,
        title: row.title,
        bio: row.bio_md,
        years_experience: row.years_experience,
        total_client_roi_generated: record.total_value_minor as f64 / 100.0,
        currency: record.currency,
        average_project_roi_percentage: record.average_roi_pct,
        total_projects_completed: record.projects_completed,
        client_satisfaction_score: row.satisfaction_score,
        current_capacity: row.capacity_pct,
        available_for_new_clients: row.available_for_new_clients == 1,
        preferred_contact_method: row.preferred_contact,
        calendar_booking_url: row.calendar_url,
        linkedin_url: row.linkedin_url,
        featured_case_studies: featured,
        recent_success_stories: recent,
    })
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn consultant_list(db: &Db, query: &ConsultantQuery) -> Result<ConsultantList, AppError> {
    let rows = consultants::list(db, query).await?;
    // Everyone's featured and recent work in one query, not one per consultant.
    let mut work_by_consultant: std::collections::HashMap<String, Vec<CaseStudySummary>> =
        std::collections::HashMap::new();
    for summary in summaries(case_studies::showcase_work(db, WORK_PER_CONSULTANT, None).await?)? {
        if let Some(id) = summary.consultant_id.clone() {
            work_by_consultant.entry(id).or_default().push(summary);
        }
    }
    let mut totals_by_consultant: std::collections::HashMap<String, Vec<StudyTotals>> =
        std::collections::HashMap::new();
    for (id, totals) in consultants::published_study_totals(db, None).await? {
        totals_by_consultant.entry(id).or_default().push(totals);
    }
    let list = rows
        .into_iter()
        .map(|row| {
            let work = work_by_consultant.remove(&row.id).unwrap_or_default();
            let totals = totals_by_consultant.remove(&row.id).unwrap_or_default();
            profile(row, work, &totals)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ConsultantList {
        total_count: list.len() as i64,
        consultants: list,
    })
}

/// An active consultant's profile. `previewer` may also see an inactive one
/// when it is an admin or the consultant whose profile it is.
#[tracing::instrument(skip_all, fields(id = %id), err(Debug, level = "info"))]
pub async fn consultant(
    db: &Db,
    id: &str,
    previewer: Option<&crate::model::auth::CurrentUser>,
) -> Result<Option<ConsultantProfile>, AppError> {
    let row = consultants::by_id(db, id).await?.filter(|row| {
        row.active == 1
            || previewer.is_some_and(|u| {
                u.role == crate::domain::role::Role::Admin
                    || row.user_id.as_deref() == Some(u.id.as_str())
            })
    });
    match row {
        Some(row) => {
            let (work, totals) = tokio::join!(
                case_studies::showcase_work(db, WORK_PER_CONSULTANT, Some(&row.id)),
                consultants::published_study_totals(db, Some(&row.id)),
            );
            let totals: Vec<StudyTotals> = totals?.into_iter().map(|(_, t)| t).collect();
            Ok(Some(profile(row, summaries(work?)?, &totals)?))
        }
        None => Ok(None),
    }
}
