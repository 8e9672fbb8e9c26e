//! The ROI calculator on the server: loading the evidence (published case
//! studies), estimating, and storing each calculation with what was asked.

use crate::db::roi_calculations::{self as db_roi, EvidenceRow};
use crate::db::{new_id, now_ms, Db};
use crate::domain::lead_fields::{Challenge, IndustryRef};
use crate::domain::rate_limit::ROI_PER_MINUTE;
use crate::domain::roi::{estimate, known_industries, RoiEstimate, RoiInput, StudyEvidence};
use crate::domain::showcase::CompanySize;
use crate::error::AppError;
use crate::services::rate_limit;
use crate::services::visitor::Client;

/// What the calculator island starts from: the evidence (so the browser
/// estimates without a round trip), the form, and — when `check` asks for it
/// (a no-JavaScript submission) — the form's errors and the server's
/// estimate. The calculator page and landing pages with a calculator block
/// both use it.
pub async fn calculator(
    db: &Db,
    form: crate::domain::roi::RoiForm,
    check: bool,
) -> Result<crate::model::roi::CalculatorData, AppError> {
    let evidence = evidence(db).await?;
    let industries = known_industries(&evidence);
    // Inputs that check out are estimated on the server too: a shared link
    // shows its estimate before the island hydrates (it waits for the
    // visitor) and without JavaScript. Messages only once the visitor sent
    // the form (`check`): a link with half the inputs is not a mistake.
    let (errors, estimate) = match form.parse(&industries) {
        Ok(input) => (Vec::new(), estimate(&input, &evidence).ok()),
        Err(errors) if check => (
            errors
                .into_iter()
                .map(|(field, message)| crate::error::FieldError { field, message })
                .collect(),
            None,
        ),
        Err(_) => (Vec::new(), None),
    };
    Ok(crate::model::roi::CalculatorData {
        evidence,
        industries,
        form,
        errors,
        estimate,
    })
}

/// Published case studies as the engine's evidence.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn evidence(db: &Db) -> Result<Vec<StudyEvidence>, AppError> {
    let rows = db_roi::published_evidence(db).await?;
    Ok(evidence_from_rows(&rows))
}

/// A row whose challenge or size does not parse is skipped (and logged)
/// rather than failing every estimate.
pub fn evidence_from_rows(rows: &[EvidenceRow]) -> Vec<StudyEvidence> {
    rows.iter()
        .filter_map(|row| {
            let (Some(challenge), Some(company_size)) = (
                Challenge::parse(&row.challenge),
                CompanySize::parse(&row.company_size),
            ) else {
                tracing::warn!(slug = %row.slug, "case study skipped as ROI evidence: bad challenge or size");
                return None;
            };
            Some(StudyEvidence {
                slug: row.slug.clone(),
                title: row.title.clone(),
                industry_sic_code: row.industry_sic_code.clone(),
                industry_name: row.industry_name.clone(),
                challenge,
                company_size,
                improvement_pct: row.primary_metric_improvement_pct,
                roi_pct: row.roi_pct,
                payback_months: row.payback_months,
            })
        })
        .collect()
}

/// A stored calculation: what was asked and what was answered.
#[derive(Debug, Clone)]
pub struct StoredCalculation {
    pub id: String,
    pub input: RoiInput,
    pub estimate: RoiEstimate,
    pub created_at: i64,
}

/// Estimates for `input` and stores the calculation (rate-limited per client).
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn calculate(
    db: &Db,
    client: &Client,
    input: &RoiInput,
    evidence: &[StudyEvidence],
) -> Result<StoredCalculation, AppError> {
    rate_limit::enforce(db, &[ROI_PER_MINUTE], &client.ip).await?;
    let result =
        estimate(input, evidence).map_err(|e| AppError::invalid("industry", e.to_string()))?;
    let id = new_id();
    let now = now_ms();
    db_roi::insert(
        db,
        db_roi::NewCalculation {
            id: &id,
            visitor_key: client.visitor_key.as_deref(),
            industry_sic_code: input.industry.as_ref().map(|i| i.sic_code.as_str()),
            challenge: input.challenge.as_str(),
            annual_revenue_minor: (input.annual_revenue_gbp * 100.0).round().max(1.0) as i64,
            inputs_json: serde_json::to_string(input)?,
            outputs_json: serde_json::to_string(&result)?,
            created_at: now,
        },
    )
    .await?;
    Ok(StoredCalculation {
        id,
        input: input.clone(),
        estimate: result,
        created_at: now,
    })
}

/// A stored calculation and the evidence it was estimated from.
#[derive(Debug, Clone)]
pub struct Calculated {
    pub stored: StoredCalculation,
    pub evidence: Vec<StudyEvidence>,
}

/// The calculator's steps in one place, for the page's form post and the
/// REST API alike: load the evidence, check the answers against the
/// industries it covers (`parse` is `RoiForm::parse` or `RoiRequest::parse`;
/// its errors become field errors), then estimate and store.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn calculate_form(
    db: &Db,
    client: &Client,
    parse: impl FnOnce(&[IndustryRef]) -> Result<RoiInput, Vec<(String, String)>>,
) -> Result<Calculated, AppError> {
    let evidence = evidence(db).await?;
    let input = parse(&known_industries(&evidence)).map_err(AppError::fields)?;
    let stored = calculate(db, client, &input, &evidence).await?;
    Ok(Calculated { stored, evidence })
}

#[tracing::instrument(skip_all, fields(id = %id), err(Debug, level = "info"))]
pub async fn stored(db: &Db, id: &str) -> Result<Option<StoredCalculation>, AppError> {
    let Some(row) = db_roi::by_id(db, id).await? else {
        return Ok(None);
    };
    Ok(Some(StoredCalculation {
        id: row.id,
        input: serde_json::from_str(&row.inputs_json)?,
        estimate: serde_json::from_str(&row.outputs_json)?,
        created_at: row.created_at,
    }))
}
