//! The lead form's pages: its data (with a no-JavaScript draft), capture as
//! the prospect sees it, and the thank-you details.

use crate::db::{
    consultants as db_consultants, form_drafts, lead_submissions, leads as db_leads, Db,
};
use crate::domain::lead_capture::{booking_link, stored_prefill};
use crate::domain::lead_fields::Tier;
use crate::domain::lead_form::{BookingPrefill, LeadForm};
use crate::domain::roi::known_industries;
use crate::error::{AppError, FieldError};
use crate::model::leads::{LeadFormData, ThankYou};
use crate::services::leads;
use crate::services::visitor::Client;
use crate::state::RuntimeSettings;

const DRAFT_FORM: &str = "lead";

/// Where a no-JavaScript submission returns to: a local path, else the contact page.
pub fn return_path(requested: &str) -> String {
    let path = requested.trim();
    // safe_next_path falls back to the back office, which is no place to
    // send a prospect: anything it refuses goes to the contact page.
    let safe = crate::domain::safe_redirect::safe_next_path(Some(path));
    if safe == path {
        safe
    } else {
        "/contact".to_string()
    }
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn form_data(
    db: &Db,
    client: &Client,
    prefill: LeadForm,
    draft: Option<&str>,
) -> Result<LeadFormData, AppError> {
    if let (true, Some(key)) = (client.new_visitor, client.visitor_key.as_deref()) {
        crate::services::visitor::note_first_seen(db, key).await?;
    }
    let evidence = crate::services::roi::evidence(db).await?;
    let industries = known_industries(&evidence);
    if let Some(draft) = draft {
        if let Some((form, errors)) = load_draft(db, client, draft).await? {
            return Ok(LeadFormData {
                industries,
                form,
                errors,
            });
        }
    }
    Ok(LeadFormData {
        industries,
        form: prefill,
        errors: Vec::new(),
    })
}

/// What the visitor typed and the errors, from their own draft `id`;
/// `None` for anyone else's, an expired one or none at all.
pub async fn load_draft(
    db: &Db,
    client: &Client,
    id: &str,
) -> Result<Option<(LeadForm, Vec<FieldError>)>, AppError> {
    let Some(key) = client.visitor_key.as_deref() else {
        return Ok(None);
    };
    match form_drafts::load(db, id, key, DRAFT_FORM).await? {
        Some((payload, errors)) => Ok(Some((
            serde_json::from_str(&payload)?,
            serde_json::from_str(&errors)?,
        ))),
        None => Ok(None),
    }
}

/// Keeps what a visitor typed (never the honeypot) with the errors, for the
/// page they return to.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn save_draft(
    db: &Db,
    client: &Client,
    form: &LeadForm,
    err: &AppError,
) -> Result<String, AppError> {
    let key = client.visitor_key.as_deref().unwrap_or("anonymous");
    let mut kept = form.clone();
    kept.fax_number.clear();
    let errors = match err {
        AppError::Invalid(errors) => errors.clone(),
        other => vec![FieldError {
            field: "form".to_string(),
            message: other.to_string(),
        }],
    };
    form_drafts::save(
        db,
        key,
        DRAFT_FORM,
        &serde_json::to_string(&kept)?,
        &serde_json::to_string(&errors)?,
    )
    .await
    .map_err(AppError::from)
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn capture(
    db: &Db,
    client: &Client,
    form: &LeadForm,
    runtime: &RuntimeSettings,
) -> Result<ThankYou, AppError> {
    Ok(leads::capture(db, client, form, runtime).await?.thank_you)
}

/// The thank-you details of one submission, only for the browser that sent
/// it (its visitor cookie); anyone else gets `None`. `reference` is a lead's
/// id (its first submission) or a repeat submission's id; either way the
/// page shows what that submission said and where it was routed.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn thanks(
    db: &Db,
    client: &Client,
    reference: &str,
) -> Result<Option<ThankYou>, AppError> {
    let Some(visitor_key) = client.visitor_key.as_deref() else {
        return Ok(None);
    };
    // A reference names a lead (its first submission) or a repeat submission.
    let submission = match db_leads::by_id(db, reference).await? {
        Some(row) => (row.visitor_key.as_deref() == Some(visitor_key)).then(|| {
            submitted(
                &row.tier,
                [
                    &row.first_name,
                    &row.last_name,
                    &row.email,
                    &row.company_name,
                ],
                [&row.primary_challenge, &row.timeline],
                row.assigned_consultant_id.clone(),
            )
        }),
        None => lead_submissions::by_id(db, reference)
            .await?
            .filter(|row| row.visitor_key.as_deref() == Some(visitor_key))
            .map(|row| {
                submitted(
                    &row.tier,
                    [
                        &row.first_name,
                        &row.last_name,
                        &row.email,
                        &row.company_name,
                    ],
                    [&row.primary_challenge, &row.timeline],
                    row.consultant_id.clone(),
                )
            }),
    };
    let Some(submission) = submission else {
        return Ok(None);
    };
    let consultant = match &submission.consultant_id {
        Some(id) => db_consultants::by_id(db, id)
            .await?
            .map(leads::assigned_summary),
        None => None,
    };
    let booking = booking_link(
        consultant
            .as_ref()
            .and_then(|c| c.calendar_booking_url.as_deref()),
        &submission.prefill,
    );
    Ok(Some(leads::thank_you(
        reference.to_string(),
        submission.tier.unwrap_or(Tier::Tier3),
        consultant,
        booking,
    )))
}

/// What a thank-you page shows of one submission.
struct Submitted {
    tier: Option<Tier>,
    consultant_id: Option<String>,
    prefill: BookingPrefill,
}

/// What a stored submission (a lead's first, or a repeat) said: its tier,
/// [first name, last name, email, company], [challenge, timeline], and
/// where it was routed.
fn submitted(
    tier: &str,
    [first, last, email, company]: [&str; 4],
    [challenge, timeline]: [&str; 2],
    consultant_id: Option<String>,
) -> Submitted {
    Submitted {
        tier: Tier::parse(tier),
        prefill: stored_prefill(first, last, email, company, challenge, timeline),
        consultant_id,
    }
}

#[cfg(test)]
mod tests {
    use super::return_path;

    #[test]
    fn a_failed_form_returns_to_its_own_page_or_the_contact_page() {
        assert_eq!(
            return_path("/roi-calculator/r/abc"),
            "/roi-calculator/r/abc"
        );
        for hostile in ["https://evil.example", "//evil.example", "/\\evil", ""] {
            assert_eq!(return_path(hostile), "/contact", "{hostile}");
        }
    }
}
