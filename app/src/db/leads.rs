//! Leads: capture (a new lead exactly once per address and day), the
//! timeline, and what the workspace reads of one lead.

use super::{new_id, Db};
use crate::domain::lead_capture::industry_name;
use crate::domain::lead_fields::Tier;
use crate::domain::lead_form::{LeadSubmission, CONSENT_WORDING_VERSION};
use sqlx::{Any, FromRow, Transaction};

/// Every column of a lead, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct LeadRow {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub job_title: String,
    pub phone: String,
    pub website: String,
    pub industry_sic_code: Option<String>,
    pub industry_name: String,
    pub annual_revenue_range: String,
    pub company_size_range: String,
    pub number_of_locations: Option<i64>,
    pub primary_challenge: String,
    pub challenge_description: String,
    pub timeline: String,
    pub budget_range: Option<String>,
    pub decision_authority: String,
    pub source: String,
    pub source_detail: String,
    pub utm_campaign: String,
    pub utm_source: String,
    pub utm_medium: String,
    pub score: i64,
    pub tier: String,
    pub score_breakdown_json: String,
    pub scored_at: i64,
    pub assigned_consultant_id: Option<String>,
    pub assigned_at: Option<i64>,
    pub match_json: String,
    pub status: String,
    pub contacted_at: Option<i64>,
    pub qualified_at: Option<i64>,
    pub consultation_booked_at: Option<i64>,
    pub proposal_sent_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub closed_reason: String,
    pub estimated_value_minor: Option<i64>,
    pub actual_value_minor: Option<i64>,
    pub currency: String,
    pub visitor_key: Option<String>,
    pub roi_calculation_id: Option<String>,
    pub case_studies_viewed_json: String,
    pub time_on_site_secs: i64,
    pub forms_submitted: i64,
    pub consent_marketing: i64,
    pub consent_at: i64,
    pub consent_wording_version: String,
    pub consent_purposes_json: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A new lead as capture writes it: the typed submission plus what the
/// server measured and decided. Values stay typed to here; the choices are
/// bound by their wire names (`as_str()`), blanks as empty text.
#[derive(Debug, Clone)]
pub struct NewLead<'a> {
    pub submission: &'a LeadSubmission,
    pub score: u8,
    pub tier: Tier,
    pub score_breakdown_json: String,
    pub assigned_consultant_id: Option<&'a str>,
    pub match_json: String,
    pub visitor_key: Option<&'a str>,
    /// The visitor's own estimate (never just the one the request names).
    pub roi_calculation_id: Option<&'a str>,
    pub case_studies_viewed_json: String,
    pub time_on_site_secs: i64,
    pub consent_purposes_json: String,
}

/// Whose lead an email address's submission belongs to, claimed inside the
/// capture transaction. Writing the `lead_emails` row first takes a lock on
/// that address (a row lock on PostgreSQL, the write lock on SQLite), so
/// concurrent submissions for one address queue up instead of racing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// No lead for this address yet: `new_id` is now reserved for it.
    Fresh,
    /// The address last submitted at `last_submitted_at` into this lead.
    Existing {
        lead_id: String,
        last_submitted_at: i64,
    },
}

pub async fn claim_email(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    new_id: &str,
    now: i64,
) -> Result<Claim, sqlx::Error> {
    let (lead_id, last): (String, i64) = sqlx::query_as(
        "INSERT INTO lead_emails (email, lead_id, last_submitted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (email) DO UPDATE SET email = excluded.email \
         RETURNING lead_id, last_submitted_at",
    )
    .bind(email)
    .bind(new_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(if lead_id == new_id {
        Claim::Fresh
    } else {
        Claim::Existing {
            lead_id,
            last_submitted_at: last,
        }
    })
}

/// Points an address at the lead its latest submission went into.
pub async fn touch_email(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    lead_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE lead_emails SET lead_id = $2, last_submitted_at = $3 WHERE email = $1")
        .bind(email)
        .bind(lead_id)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn by_id_in(
    tx: &mut Transaction<'_, Any>,
    id: &str,
) -> Result<Option<LeadRow>, sqlx::Error> {
    sqlx::query_as::<_, LeadRow>("SELECT * FROM leads WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<LeadRow>, sqlx::Error> {
    sqlx::query_as::<_, LeadRow>("SELECT * FROM leads WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    lead: &NewLead<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let sub = lead.submission;
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    sqlx::query(
        "INSERT INTO leads (id, email, first_name, last_name, company_name, job_title, phone, website, \
         industry_sic_code, industry_name, annual_revenue_range, company_size_range, number_of_locations, \
         primary_challenge, challenge_description, timeline, budget_range, decision_authority, source, \
         source_detail, utm_campaign, utm_source, utm_medium, score, tier, score_breakdown_json, scored_at, \
         assigned_consultant_id, assigned_at, match_json, visitor_key, roi_calculation_id, \
         case_studies_viewed_json, time_on_site_secs, forms_submitted, consent_marketing, consent_at, \
         consent_wording_version, consent_purposes_json, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
         $21, $22, $23, $24, $25, $26, $27, $28, CASE WHEN $28 IS NULL THEN NULL ELSE $27 END, $29, $30, $31, \
         $32, $33, $34, $35, $27, $36, $37, $27, $27)",
    )
    .bind(id)
    .bind(sub.email.as_str())
    .bind(text(&sub.first_name))
    .bind(text(&sub.last_name))
    .bind(text(&sub.company_name))
    .bind(text(&sub.job_title))
    .bind(text(&sub.phone))
    .bind(text(&sub.website))
    .bind(sub.industry_sic_code().map(str::to_string))
    .bind(industry_name(sub))
    .bind(sub.annual_revenue_range.as_str())
    .bind(sub.company_size_range.as_str())
    .bind(sub.number_of_locations)
    .bind(sub.primary_challenge.as_str())
    .bind(text(&sub.challenge_description))
    .bind(sub.timeline.as_str())
    .bind(sub.budget_range.map(|b| b.as_str()))
    .bind(sub.decision_making_authority.as_str())
    .bind(sub.source.as_str())
    .bind(text(&sub.source_detail))
    .bind(text(&sub.utm_campaign))
    .bind(text(&sub.utm_source))
    .bind(text(&sub.utm_medium))
    .bind(i64::from(lead.score))
    .bind(lead.tier.as_str())
    .bind(&lead.score_breakdown_json)
    .bind(now)
    .bind(lead.assigned_consultant_id.map(str::to_string))
    .bind(&lead.match_json)
    .bind(lead.visitor_key.map(str::to_string))
    .bind(lead.roi_calculation_id.map(str::to_string))
    .bind(&lead.case_studies_viewed_json)
    .bind(lead.time_on_site_secs)
    // A new lead's first form.
    .bind(1_i64)
    .bind(i64::from(sub.consent_marketing))
    .bind(CONSENT_WORDING_VERSION)
    .bind(&lead.consent_purposes_json)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// One entry of a lead's timeline.
#[derive(Debug, Clone, FromRow)]
pub struct InteractionRow {
    pub id: String,
    pub kind: String,
    pub detail: String,
    pub case_study_id: Option<String>,
    pub actor_name: Option<String>,
    pub occurred_at: i64,
}

#[derive(Debug, Clone, Default)]
pub struct NewInteraction<'a> {
    pub kind: &'a str,
    pub detail: String,
    pub case_study_id: Option<String>,
    pub actor_user_id: Option<String>,
}

pub async fn add_interaction(
    tx: &mut Transaction<'_, Any>,
    lead_id: &str,
    interaction: NewInteraction<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO lead_interactions (id, lead_id, kind, detail, case_study_id, actor_user_id, occurred_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(lead_id)
    .bind(interaction.kind)
    .bind(interaction.detail)
    .bind(interaction.case_study_id)
    .bind(interaction.actor_user_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn interactions(db: &Db, lead_id: &str) -> Result<Vec<InteractionRow>, sqlx::Error> {
    sqlx::query_as::<_, InteractionRow>(
        "SELECT i.id, i.kind, i.detail, i.case_study_id, u.display_name AS actor_name, i.occurred_at \
         FROM lead_interactions i LEFT JOIN users u ON u.id = i.actor_user_id \
         WHERE i.lead_id = $1 ORDER BY i.occurred_at DESC, i.id DESC",
    )
    .bind(lead_id)
    .fetch_all(&db.pool)
    .await
}

/// Ids of the case studies a visitor (by hashed cookie) has viewed.
pub async fn case_studies_viewed_by(
    db: &Db,
    visitor_key: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT DISTINCT cs.id, cs.slug FROM case_study_views v JOIN case_studies cs ON cs.id = v.case_study_id \
         WHERE v.visitor_key = $1",
    )
    .bind(visitor_key)
    .fetch_all(&db.pool)
    .await
}

/// (id, slug) of the published case studies with these slugs, in one query.
pub async fn case_study_ids_for_slugs(
    db: &Db,
    slugs: &[String],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, slug FROM case_studies WHERE published = 1 AND slug IN ({})",
        super::placeholders(slugs.len())
    );
    let mut query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
    for slug in slugs {
        query = query.bind(slug);
    }
    query.fetch_all(&db.pool).await
}
