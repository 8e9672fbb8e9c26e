//! Server functions behind the ROI calculator. Public: rate-limited per
//! client address when a calculation is stored.

use crate::domain::roi::RoiForm;
use crate::error::AppError;
#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
use crate::model::roi::SimilarStudy;
use crate::model::roi::{CalculatorData, StoredResult};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "roi/calculator", input = server_fn::codec::Json)]
pub async fn load_calculator(form: RoiForm, check: bool) -> Result<CalculatorData, AppError> {
    let outcome =
        async { crate::services::roi::calculator(&crate::api::context::db()?, form, check).await }
            .await;
    crate::api::respond::with_status(outcome)
}

/// Stores a calculation and returns its id. A plain form post (no
/// JavaScript) is redirected to the result page, or back to the calculator
/// with the inputs and their errors.
#[server(prefix = "/api", endpoint = "roi/save")]
pub async fn save_roi_calculation(input: RoiForm) -> Result<String, AppError> {
    use crate::api::respond::{is_plain_form_post, with_status};
    let outcome = async {
        let (db, client) = crate::api::context::visitor()?;
        crate::services::roi::calculate_form(&db, &client, |industries| input.parse(industries))
            .await
            .map(|calculated| calculated.stored.id)
    }
    .await;
    if is_plain_form_post() {
        match &outcome {
            Ok(id) => leptos_axum::redirect(&format!("/roi-calculator/r/{id}")),
            Err(AppError::Invalid(_)) => leptos_axum::redirect(&format!(
                "/roi-calculator?{}&check=true#calculator",
                crate::domain::roi::form_query(&input)
            )),
            Err(_) => leptos_axum::redirect("/roi-calculator?problem=1#calculator"),
        }
    }
    with_status(outcome)
}

#[server(prefix = "/api", endpoint = "roi/result")]
pub async fn load_roi_result(
    id: String,
    draft: Option<String>,
) -> Result<Option<StoredResult>, AppError> {
    let outcome = async {
        let (db, client) = crate::api::context::visitor()?;
        let Some(stored) = crate::services::roi::stored(&db, &id).await? else {
            return Ok(None);
        };
        let evidence = crate::services::roi::evidence(&db).await?;
        let similar = SimilarStudy::named(&evidence, &stored.estimate.similar_case_studies);
        let prefill = crate::domain::lead_form::LeadForm {
            source: "roi_calculator".to_string(),
            source_detail: format!("ROI estimate {}", stored.id),
            roi_calculation_id: stored.id.clone(),
            industry: stored.input.industry.as_ref().map_or_else(
                || crate::domain::lead_fields::OTHER_INDUSTRY.to_string(),
                |i| i.sic_code.clone(),
            ),
            primary_challenge: stored.input.challenge.as_str().to_string(),
            annual_revenue_range: crate::domain::lead_fields::RevenueRange::containing(
                stored.input.annual_revenue_gbp,
            )
            .as_str()
            .to_string(),
            ..Default::default()
        };
        let lead_form =
            crate::services::lead_pages::form_data(&db, &client, prefill, draft.as_deref()).await?;
        Ok(Some(StoredResult {
            lead_form,
            id: stored.id,
            form: RoiForm::from(&stored.input),
            inputs: crate::domain::roi::describe_input(&stored.input),
            estimate: stored.estimate,
            similar,
            created_at: stored.created_at,
        }))
    }
    .await;
    crate::api::respond::with_status(outcome)
}
