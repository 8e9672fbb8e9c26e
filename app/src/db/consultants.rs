//! Consultant profile queries.

use super::Db;
use crate::domain::consultant_query::ConsultantQuery;
use crate::domain::new_consultant::NewConsultant;
use crate::domain::track_record::StudyTotals;
use sqlx::{AssertSqlSafe, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ConsultantRow {
    pub id: String,
    pub user_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub title: String,
    pub bio_md: String,
    pub years_experience: i64,
    pub specializations_json: String,
    pub primary_industries_json: String,
    pub secondary_industries_json: String,
    /// Not read: the track record is derived from published case studies
    /// (`published_study_totals`); kept because landed migrations stay as they are.
    pub total_client_roi_minor: i64,
    /// The rates' currency (and the track record's when there are no studies).
    pub currency: String,
    /// Not read (see `total_client_roi_minor`).
    pub average_project_roi_pct: f64,
    /// Not read (see `total_client_roi_minor`).
    pub projects_completed: i64,
    pub satisfaction_score: Option<f64>,
    pub capacity_pct: i64,
    pub hourly_rate_minor: Option<i64>,
    pub consultation_rate_minor: Option<i64>,
    pub available_for_new_clients: i64,
    pub preferred_contact: String,
    pub calendar_url: Option<String>,
    pub profile_image: Option<String>,
    pub linkedin_url: Option<String>,
    pub active: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub fn json_list(text: &str) -> Result<Vec<String>, sqlx::Error> {
    serde_json::from_str(text).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Active consultants matching the directory filters, most experienced first.
pub async fn list(db: &Db, query: &ConsultantQuery) -> Result<Vec<ConsultantRow>, sqlx::Error> {
    let mut conditions = vec!["active = 1".to_string()];
    let mut texts: Vec<String> = Vec::new();
    let mut numbers: Vec<(usize, f64)> = Vec::new();
    let mut next = 0;
    let mut placeholder = || {
        next += 1;
        format!("${next}")
    };
    if let Some(industry) = &query.industry {
        // Industries are stored as a JSON array of SIC codes: match the quoted code.
        conditions.push(format!("primary_industries_json LIKE {}", placeholder()));
        texts.push(format!("%\"{industry}\"%"));
    }
    if let Some(part) = &query.specialization {
        conditions.push(format!(
            "LOWER(specializations_json) LIKE {}",
            placeholder()
        ));
        let escaped = part.replace(['%', '_', '"', '\\'], "");
        texts.push(format!("%{escaped}%"));
    }
    if query.available_only {
        conditions.push("available_for_new_clients = 1".to_string());
    }
    if let Some(years) = query.min_experience_years {
        let p = placeholder();
        numbers.push((texts.len(), years as f64));
        conditions.push(format!("years_experience >= {p}"));
    }
    if let Some(score) = query.min_satisfaction_score {
        let p = placeholder();
        numbers.push((texts.len(), score));
        conditions.push(format!("satisfaction_score >= {p}"));
    }
    let sql = format!(
        "SELECT * FROM consultants WHERE {} ORDER BY years_experience DESC, last_name, id",
        conditions.join(" AND ")
    );
    // Text filters come first in placeholder order, then the numeric ones.
    let mut q = sqlx::query_as::<_, ConsultantRow>(AssertSqlSafe(sql));
    for text in texts {
        q = q.bind(text);
    }
    for (_, number) in numbers {
        q = q.bind(number);
    }
    q.fetch_all(&db.pool).await
}

pub async fn active_by_id(db: &Db, id: &str) -> Result<Option<ConsultantRow>, sqlx::Error> {
    sqlx::query_as::<_, ConsultantRow>("SELECT * FROM consultants WHERE id = $1 AND active = 1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Ids of active consultants, for the sitemap.
pub async fn active_ids(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, i64)>(
        "SELECT id, updated_at FROM consultants WHERE active = 1 ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await
}

/// Any consultant (active or not), for the back office.
pub async fn by_id(db: &Db, id: &str) -> Result<Option<ConsultantRow>, sqlx::Error> {
    sqlx::query_as::<_, ConsultantRow>("SELECT * FROM consultants WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The profile a back-office account may edit as its own.
pub async fn by_user_id(db: &Db, user_id: &str) -> Result<Option<ConsultantRow>, sqlx::Error> {
    sqlx::query_as::<_, ConsultantRow>("SELECT * FROM consultants WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn list_all(db: &Db) -> Result<Vec<ConsultantRow>, sqlx::Error> {
    sqlx::query_as::<_, ConsultantRow>(
        "SELECT * FROM consultants ORDER BY last_name, first_name, id",
    )
    .fetch_all(&db.pool)
    .await
}

/// Every profile's specialisations, as stored (JSON lists).
pub async fn all_specializations(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT specializations_json FROM consultants")
        .fetch_all(&db.pool)
        .await
}

/// One page of the back office's profile list (by surname) and how many match:
/// the search looks in the name, title and email.
pub async fn list_page(
    db: &Db,
    query: &crate::domain::list_filters::ConsultantListQuery,
) -> Result<(Vec<ConsultantRow>, i64), sqlx::Error> {
    use crate::domain::list_filters::ProfileState;
    let filter = "($1 = '' OR lower(first_name || ' ' || last_name) LIKE $1 ESCAPE '\\' \
                  OR lower(title) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\') \
                  AND ($2 < 0 OR active = $2)";
    let pattern = query.like_pattern();
    let active: i64 = match query.filter {
        Some(ProfileState::Active) => 1,
        Some(ProfileState::Inactive) => 0,
        None => -1,
    };
    let rows = sqlx::query_as::<_, ConsultantRow>(AssertSqlSafe(format!(
        "SELECT * FROM consultants WHERE {filter} ORDER BY last_name, first_name, id LIMIT $3 OFFSET $4"
    )))
    .bind(&pattern)
    .bind(active)
    .bind(crate::domain::list_query::PAGE_SIZE)
    .bind(query.offset())
    .fetch_all(&db.pool)
    .await?;
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM consultants WHERE {filter}"
    )))
    .bind(&pattern)
    .bind(active)
    .fetch_one(&db.pool)
    .await?;
    Ok((rows, total))
}

pub async fn update_profile(
    db: &Db,
    id: &str,
    draft: &crate::domain::consultant_form::ConsultantDraft,
) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let encode = |value: Vec<&str>| {
        serde_json::to_string(&value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
    };
    let specializations = encode(draft.specializations.iter().map(String::as_str).collect())?;
    let primary = encode(
        draft
            .primary_industries
            .iter()
            .map(|c| c.as_str())
            .collect(),
    )?;
    let secondary = encode(
        draft
            .secondary_industries
            .iter()
            .map(|c| c.as_str())
            .collect(),
    )?;
    let updated = sqlx::query(
        "UPDATE consultants SET first_name = $1, last_name = $2, title = $3, bio_md = $4, phone = $5, \
         specializations_json = $6, years_experience = $7, capacity_pct = $8, available_for_new_clients = $9, \
         preferred_contact = $10, calendar_url = $11, linkedin_url = $12, updated_at = $13, \
         profile_image = $15, primary_industries_json = $16, secondary_industries_json = $17, \
         hourly_rate_minor = $18, consultation_rate_minor = $19, currency = $20, \
         satisfaction_score = CASE WHEN $22 = 1 THEN $21 ELSE NULL END WHERE id = $14",
    )
    .bind(&draft.first_name)
    .bind(&draft.last_name)
    .bind(&draft.title)
    .bind(&draft.bio)
    .bind(draft.phone.clone())
    .bind(specializations)
    .bind(draft.years_experience)
    .bind(draft.capacity_pct)
    .bind(draft.available_for_new_clients as i64)
    .bind(&draft.preferred_contact)
    .bind(draft.calendar_url.clone())
    .bind(draft.linkedin_url.clone())
    .bind(super::now_ms())
    .bind(id)
    .bind(draft.profile_image.as_ref().map(|k| k.to_string()))
    .bind(primary)
    .bind(secondary)
    .bind(draft.hourly_rate_minor)
    .bind(draft.consultation_rate_minor)
    .bind(draft.currency.as_str())
    // Never an `Option<f64>` bind: sqlx 0.9.0's Any driver sends a NULL
    // double as a float4 NULL, PostgreSQL caches the statement with that
    // type, and the next save with a score fails ("incorrect binary data
    // format in bind parameter"). So: always a number, and a flag.
    .bind(draft.satisfaction_score.unwrap_or(0.0))
    .bind(i64::from(draft.satisfaction_score.is_some()))
    .execute(&db.pool)
    .await;
    db.lead_inputs
        .after_write(updated)
        .map(|r| r.rows_affected() == 1)
}

/// Published case studies per consultant and ROI currency: (consultant id,
/// totals), for everyone or for one consultant. The track record is derived
/// from these (`domain::track_record`); the stored `projects_completed`,
/// `average_project_roi_pct` and `total_client_roi_minor` columns are no
/// longer read.
pub async fn published_study_totals(
    db: &Db,
    consultant_id: Option<&str>,
) -> Result<Vec<(String, StudyTotals)>, sqlx::Error> {
    // CASTs: PostgreSQL sums BIGINT as NUMERIC, which `Any` cannot decode.
    let sql = format!(
        "SELECT consultant_id, roi_currency, COUNT(*), \
                CAST(SUM(roi_pct) AS DOUBLE PRECISION), CAST(SUM(roi_value_minor) AS BIGINT) \
         FROM case_studies WHERE published = 1 AND consultant_id IS NOT NULL {} \
         GROUP BY consultant_id, roi_currency ORDER BY consultant_id, roi_currency",
        if consultant_id.is_some() {
            "AND consultant_id = $1"
        } else {
            ""
        }
    );
    let mut query = sqlx::query_as::<_, (String, String, i64, f64, i64)>(AssertSqlSafe(sql));
    if let Some(id) = consultant_id {
        query = query.bind(id);
    }
    Ok(query
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(id, currency, studies, roi_pct_sum, value_minor_sum)| {
            (
                id,
                StudyTotals {
                    currency,
                    studies,
                    roi_pct_sum,
                    value_minor_sum,
                },
            )
        })
        .collect())
}

/// Links a profile to the account that may edit it.
pub async fn link_user(
    db: &Db,
    consultant_email: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let changed =
        sqlx::query("UPDATE consultants SET user_id = $1 WHERE email = $2 AND user_id IS NULL")
            .bind(user_id)
            .bind(consultant_email)
            .execute(&db.pool)
            .await;
    db.lead_inputs
        .after_write(changed)
        .map(|r| r.rows_affected() == 1)
}

/// A new profile with only its name, email and title, hidden until it is
/// complete (see `domain::profile_completeness`); the rest is filled in on
/// the profile form.
pub async fn create(db: &Db, new: &NewConsultant) -> Result<String, sqlx::Error> {
    let _turn = db.write_turn().await;
    let id = super::new_id();
    let now = super::now_ms();
    sqlx::query(
        "INSERT INTO consultants (id, first_name, last_name, email, title, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6, $6)",
    )
    .bind(&id)
    .bind(&new.first_name)
    .bind(&new.last_name)
    .bind(new.email.as_str())
    .bind(&new.title)
    .bind(now)
    .execute(&db.pool)
    .await?;
    db.lead_inputs.clear();
    Ok(id)
}

/// Shows or hides a profile everywhere public, and in lead routing.
pub async fn set_active(db: &Db, id: &str, active: bool) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let changed = sqlx::query("UPDATE consultants SET active = $1, updated_at = $2 WHERE id = $3")
        .bind(active as i64)
        .bind(super::now_ms())
        .bind(id)
        .execute(&db.pool)
        .await;
    db.lead_inputs
        .after_write(changed)
        .map(|r| r.rows_affected() == 1)
}

/// What deleting a profile did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deletion {
    Deleted,
    NotFound,
    /// Still the author of case studies or the owner of leads: deleting would
    /// orphan them, so the profile stays (deactivating is the way out).
    InUse {
        case_studies: i64,
        leads: i64,
    },
}

/// Deletes a profile nothing refers to. One statement, so a case study or
/// lead assigned meanwhile cannot be orphaned.
pub async fn delete_unused(db: &Db, id: &str) -> Result<Deletion, sqlx::Error> {
    let _turn = db.write_turn().await;
    let deleted = sqlx::query(
        "DELETE FROM consultants WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM case_studies WHERE consultant_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM leads WHERE assigned_consultant_id = $1)",
    )
    .bind(id)
    .execute(&db.pool)
    .await?
    .rows_affected();
    if deleted == 1 {
        db.lead_inputs.clear();
        return Ok(Deletion::Deleted);
    }
    let counts = sqlx::query_as::<_, (i64, i64)>(
        "SELECT (SELECT COUNT(*) FROM case_studies WHERE consultant_id = c.id), \
                (SELECT COUNT(*) FROM leads WHERE assigned_consultant_id = c.id) \
         FROM consultants c WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match counts {
        None => Deletion::NotFound,
        Some((case_studies, leads)) => Deletion::InUse {
            case_studies,
            leads,
        },
    })
}

/// Sets (or clears) the account that may edit a profile.
pub async fn set_user(db: &Db, id: &str, user_id: Option<&str>) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let changed = sqlx::query("UPDATE consultants SET user_id = $1, updated_at = $2 WHERE id = $3")
        .bind(user_id.map(str::to_string))
        .bind(super::now_ms())
        .bind(id)
        .execute(&db.pool)
        .await;
    db.lead_inputs
        .after_write(changed)
        .map(|r| r.rows_affected() == 1)
}

/// Consultant-role accounts, as (id, display name, email), for linking.
pub async fn consultant_accounts(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, display_name, email FROM users WHERE role = 'consultant' AND active = 1 ORDER BY display_name, email",
    )
    .fetch_all(&db.pool)
    .await
}
