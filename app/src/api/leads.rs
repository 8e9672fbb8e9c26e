//! Server functions behind the public lead form. Public, rate-limited per
//! client address, and spam-checked.

use crate::domain::lead_form::LeadForm;
use crate::error::AppError;
use crate::model::leads::{LeadFormData, ThankYou};
use leptos::prelude::*;

/// The form's data: industries, the prefill, and the visitor's draft (if
/// `draft` names one of theirs).
#[server(prefix = "/api", endpoint = "leads/form", input = server_fn::codec::Json)]
pub async fn load_lead_form(
    prefill: LeadForm,
    draft: Option<String>,
) -> Result<LeadFormData, AppError> {
    let outcome = async {
        let (db, client) = crate::api::context::visitor()?;
        crate::services::lead_pages::form_data(&db, &client, prefill, draft.as_deref()).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Captures a lead. A plain form post (no JavaScript) is redirected to the
/// thank-you page, or back to `return_to` with a draft holding what was
/// typed and the errors.
#[server(prefix = "/api", endpoint = "leads/capture")]
pub async fn capture_lead(input: LeadForm, return_to: String) -> Result<ThankYou, AppError> {
    use crate::api::respond::{is_plain_form_post, with_status};
    let (db, client) = crate::api::context::visitor()?;
    let settings = crate::api::context::state()?.settings;
    let outcome = crate::services::lead_pages::capture(&db, &client, &input, &settings).await;
    if is_plain_form_post() {
        match &outcome {
            Ok(thanks) => leptos_axum::redirect(&format!("/thanks/{}", thanks.lead_id)),
            Err(err) => {
                let target = crate::services::lead_pages::return_path(&return_to);
                let draft =
                    crate::services::lead_pages::save_draft(&db, &client, &input, err).await?;
                let joiner = if target.contains('?') { '&' } else { '?' };
                leptos_axum::redirect(&format!("{target}{joiner}draft={draft}#lead-form"));
            }
        }
    }
    with_status(outcome)
}

/// The thank-you details of a lead, for the browser that sent it.
#[server(prefix = "/api", endpoint = "leads/thanks")]
pub async fn load_thanks(lead_id: String) -> Result<Option<ThankYou>, AppError> {
    let outcome = async {
        let (db, client) = crate::api::context::visitor()?;
        crate::services::lead_pages::thanks(&db, &client, &lead_id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
