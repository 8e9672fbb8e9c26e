//! Pushing leads to HubSpot (configured with `CE_HUBSPOT_TOKEN`): each lead
//! event upserts the contact by email with the lead's current details and
//! status, and the first time the lead is qualified or further on a deal is
//! opened for it. Runs as a delivery of the built-in `hubspot` endpoint, so
//! it is retried and logged like any webhook.

use crate::db::Db;
use crate::domain::crm::{contact_upsert, new_deal, upserted_contact_id, wants_deal, CrmLead};
use sqlx::FromRow;

#[derive(Debug, FromRow)]
struct LeadRow {
    email: String,
    first_name: String,
    last_name: String,
    company_name: String,
    job_title: String,
    phone: String,
    website: String,
    status: String,
    tier: String,
    score: i64,
    estimated_value_minor: Option<i64>,
    crm_deal_id: Option<String>,
}

/// One sync of `lead_id`; `Ok(status)` is HubSpot's last answer, `Err` what
/// went wrong (with HubSpot's status when it answered).
pub async fn sync_lead(
    db: &Db,
    http: &reqwest::Client,
    base_url: &str,
    token: &str,
    lead_id: &str,
) -> Result<u16, (Option<u16>, String)> {
    let row: Option<LeadRow> = sqlx::query_as(
        "SELECT email, first_name, last_name, company_name, job_title, phone, website, status, \
         tier, score, estimated_value_minor, crm_deal_id FROM leads WHERE id = $1",
    )
    .bind(lead_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(|e| (None, e.to_string()))?;
    let Some(row) = row else {
        // Erased since: nothing to send (and nothing to retry).
        return Ok(204);
    };
    let lead = CrmLead {
        email: row.email,
        first_name: row.first_name,
        last_name: row.last_name,
        company: row.company_name,
        job_title: row.job_title,
        phone: row.phone,
        website: row.website,
        status: row.status,
        tier: row.tier,
        score: row.score,
        estimated_value_minor: row.estimated_value_minor,
    };
    let base = base_url.trim_end_matches('/');
    let (status, answer) = post(
        http,
        &format!("{base}/crm/v3/objects/contacts/batch/upsert"),
        token,
        &contact_upsert(&lead),
    )
    .await?;
    if !wants_deal(&lead.status) || row.crm_deal_id.is_some() {
        // Opened already, or being opened by another server right now.
        return Ok(status);
    }
    let contact = upserted_contact_id(&answer).ok_or((
        Some(status),
        "HubSpot's answer named no contact".to_string(),
    ))?;
    // Several app servers may sync the same lead at once: the one that marks
    // the lead first opens the deal, the others leave it.
    if !set_deal_id(db, lead_id, None, DEAL_OPENING).await? {
        return Ok(status);
    }
    let opened = post(
        http,
        &format!("{base}/crm/v3/objects/deals"),
        token,
        &new_deal(&lead, &contact),
    )
    .await
    .and_then(|(status, deal)| match deal["id"].as_str() {
        Some(id) => Ok((status, id.to_string())),
        None => Err((Some(status), "HubSpot's answer named no deal".to_string())),
    });
    match opened {
        Ok((status, deal_id)) => {
            set_deal_id(db, lead_id, Some(DEAL_OPENING), &deal_id).await?;
            Ok(status)
        }
        Err(failure) => {
            // Let go, so the retry opens it.
            set_deal_id(db, lead_id, Some(DEAL_OPENING), "").await?;
            Err(failure)
        }
    }
}

/// What `crm_deal_id` holds while one server opens the deal.
const DEAL_OPENING: &str = "opening";

/// Moves the lead's deal id from `from` (`None`: unset) to `to` (`""`:
/// unset); `false` when it held something else (another server was first).
async fn set_deal_id(
    db: &Db,
    lead_id: &str,
    from: Option<&str>,
    to: &str,
) -> Result<bool, (Option<u16>, String)> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "UPDATE leads SET crm_deal_id = NULLIF($1, '') WHERE id = $2 \
         AND COALESCE(crm_deal_id, '') = $3",
    )
    .bind(to)
    .bind(lead_id)
    .bind(from.unwrap_or(""))
    .execute(&db.pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(|e| (None, format!("could not record the deal: {e}")))
}

async fn post(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    body: &serde_json::Value,
) -> Result<(u16, serde_json::Value), (Option<u16>, String)> {
    let response = http
        .post(url)
        .bearer_auth(token)
        .header("user-agent", "CausalEdge-CRM/1")
        .json(body)
        .send()
        .await
        .map_err(|e| (None, format!("could not reach HubSpot: {e}")))?;
    let status = response.status();
    if !status.is_success() {
        return Err((Some(status.as_u16()), format!("HubSpot answered {status}")));
    }
    let answer = response.json().await.map_err(|e| {
        (
            Some(status.as_u16()),
            format!("HubSpot's answer was not JSON: {e}"),
        )
    })?;
    Ok((status.as_u16(), answer))
}
