//! Follow-up email sequences: started in the transaction that stores a new
//! lead (only with marketing consent), each step written as an email when it
//! comes due (if the lead is still new and subscribed), and one-click
//! unsubscribing, which withdraws consent and ends every sequence.

use crate::db::{jobs, outbound_emails, sequences as db_sequences, Db};
use crate::domain::email_sequence::{
    decide, lead_key_prefix, step_key, steps, unsubscribe_token, verify_unsubscribe_token, LeadNow,
    StepDecision, DIGEST_EVERY_MS,
};
use crate::domain::email_templates::TemplateKey;
use crate::domain::jobs::JobKind;
use crate::domain::lead_fields::Tier;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The payload of a `sequence_step` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SequenceStep {
    pub lead_id: String,
    pub template: TemplateKey,
    /// Which of Tier 3's monthly digests; 0 for the other steps.
    #[serde(default)]
    pub round: u32,
}

/// Queues the tier's sequence for a new lead who agreed to marketing email.
pub async fn start_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    lead_id: &str,
    tier: Tier,
    consent_marketing: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    if !consent_marketing {
        return Ok(());
    }
    for (template, delay) in steps(tier) {
        enqueue_step(tx, lead_id, *template, 0, now + delay).await?;
    }
    Ok(())
}

async fn enqueue_step(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    lead_id: &str,
    template: TemplateKey,
    round: u32,
    run_at: i64,
) -> Result<(), sqlx::Error> {
    let payload = SequenceStep {
        lead_id: lead_id.to_string(),
        template,
        round,
    };
    jobs::enqueue(
        &mut **tx,
        JobKind::SequenceStep,
        &serde_json::to_string(&payload).expect("the payload serialises"),
        &step_key(lead_id, template, round),
        run_at,
    )
    .await
}

/// A lead's unsubscribe addresses: the page the email's link opens (a
/// button), and the one-click address its `List-Unsubscribe` header names
/// (mail programs POST to it).
pub struct UnsubscribeLinks {
    pub page: String,
    pub one_click: String,
}

pub async fn unsubscribe_links(
    db: &Db,
    public_url: &str,
    lead_id: &str,
) -> Result<UnsubscribeLinks, AppError> {
    let key = crate::db::email_templates::signing_key(db).await?;
    let token = unsubscribe_token(&key, lead_id);
    Ok(UnsubscribeLinks {
        page: format!("{public_url}/unsubscribe/{token}"),
        one_click: format!("{public_url}/api/v1/unsubscribe/{token}"),
    })
}

/// A step come due: writes its email (and sends it through the queue) if
/// the sequence still runs; a Tier 3 digest also books the next one. A
/// step retried after it already wrote its email writes nothing more.
pub async fn run_step(db: &Db, public_url: &str, step: &SequenceStep) -> Result<(), AppError> {
    let Some(lead) = db_sequences::lead(db, &step.lead_id).await? else {
        tracing::info!(lead = %step.lead_id, "sequence ended: the lead was deleted");
        return Ok(());
    };
    let decision = decide(LeadNow {
        status: &lead.status,
        consent_marketing: lead.consent_marketing == 1,
        unsubscribed: lead.unsubscribed_at.is_some(),
    });
    if let StepDecision::Stop(reason) = decision {
        tracing::info!(lead = %lead.id, template = step.template.as_str(), reason, "sequence ended");
        return Ok(());
    }
    let now = crate::db::now_ms();
    let digest = step.template == TemplateKey::Tier3Digest;
    let studies = if digest {
        db_sequences::studies_published_since(db, now - DIGEST_EVERY_MS).await?
    } else {
        Vec::new()
    };
    let unsubscribe = unsubscribe_links(db, public_url, &lead.id).await?;
    let vars = variables(&lead, public_url, &unsubscribe.page, &studies);
    let email =
        crate::services::email_templates::render_for_sending(db, step.template, &vars).await?;
    // A digest with nothing new is skipped; the next month's is still booked.
    let write_email = !digest || !studies.is_empty();
    let send_key = format!("email-{}", step_key(&lead.id, step.template, step.round));

    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    if write_email && !jobs::key_exists(&mut *tx, &send_key).await? {
        outbound_emails::insert_in(
            &mut tx,
            outbound_emails::NewEmail {
                to_address: &lead.email,
                subject: &email.subject,
                body_text: &email.body_text,
                body_html: &email.body_html,
                unsubscribe_url: &unsubscribe.one_click,
                kind: step.template.as_str(),
                send_key: Some(&send_key),
            },
        )
        .await?;
    }
    if digest {
        enqueue_step(
            &mut tx,
            &lead.id,
            step.template,
            step.round + 1,
            now + DIGEST_EVERY_MS,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn variables(
    lead: &db_sequences::SequenceLeadRow,
    public_url: &str,
    unsubscribe_url: &str,
    studies: &[db_sequences::DigestStudyRow],
) -> serde_json::Value {
    let consultant = match (&lead.consultant_first_name, &lead.consultant_last_name) {
        (Some(first), Some(last)) => format!("{first} {last}"),
        _ => "our team".to_string(),
    };
    let estimate = lead
        .roi_outputs_json
        .as_deref()
        .and_then(|json| serde_json::from_str::<crate::domain::roi::RoiEstimate>(json).ok())
        .map(|e| estimate_words(&e))
        .unwrap_or_default();
    let tier = Tier::parse(&lead.tier).map(|t| t.label()).unwrap_or("");
    serde_json::json!({
        "lead": {
            "first_name": lead.first_name,
            "name": crate::domain::lead_capture::contact_name(&lead.first_name, &lead.last_name),
            "company": lead.company_name,
            "industry": lead.industry_name,
            "tier": tier,
        },
        "consultant": { "name": consultant },
        "estimate": estimate,
        "booking_link": lead.consultant_calendar_url.clone().unwrap_or_default(),
        "site_url": public_url,
        "unsubscribe_url": unsubscribe_url,
        "case_studies": studies.iter().map(|s| serde_json::json!({
            "title": s.title,
            "summary": s.summary,
            "url": format!("{public_url}/case-studies/{}", s.slug),
        })).collect::<Vec<_>>(),
    })
}

/// "£120,000 to £310,000 more revenue a year".
pub fn estimate_words(estimate: &crate::domain::roi::RoiEstimate) -> String {
    use crate::domain::lift::group_thousands;
    format!(
        "£{} to £{} more revenue a year",
        group_thousands(estimate.revenue_increase_min),
        group_thousands(estimate.revenue_increase_max)
    )
}

/// Whether the lead a token names is still subscribed; `NotFound` for a
/// token that does not check out.
pub async fn is_subscribed(db: &Db, token: &str) -> Result<bool, AppError> {
    let lead_id = verified(db, token).await?;
    Ok(db_sequences::lead(db, lead_id)
        .await?
        .is_some_and(|lead| lead.unsubscribed_at.is_none()))
}

async fn verified<'t>(db: &Db, token: &'t str) -> Result<&'t str, AppError> {
    let key = crate::db::email_templates::signing_key(db).await?;
    verify_unsubscribe_token(&key, token).ok_or_else(|| {
        tracing::warn!("unsubscribe link with a bad signature");
        AppError::NotFound("That unsubscribe link".to_string())
    })
}

/// The one-click unsubscribe (the button the email's link opens, and the
/// POST mail programs send for `List-Unsubscribe-Post`). A token that does
/// not check out is refused without saying more; unsubscribing twice is fine.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn unsubscribe(db: &Db, token: &str) -> Result<(), AppError> {
    let lead_id = verified(db, token).await?;
    let announced = crate::services::webhooks::lead_payload(
        crate::domain::webhooks::WebhookEvent::LeadUpdated,
        lead_id,
        serde_json::json!({ "consent_marketing": false, "unsubscribed": true }),
    );
    if db_sequences::unsubscribe(db, lead_id, &lead_key_prefix(lead_id), &announced).await? {
        tracing::info!(lead = %lead_id, "unsubscribed from marketing email");
    }
    Ok(())
}
