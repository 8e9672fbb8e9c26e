//! Admin settings for leads: the scoring weights and thresholds (saving them
//! re-scores every open lead), and a routing preview — who would get a lead
//! like this — that creates nothing.

use crate::db::lead_workspace as db_ws;
use crate::db::{audit, Db};
use crate::domain::consultant_match::{rank, ConsultantMatch, MatchRequest};
use crate::domain::lead_fields::{Challenge, IndustryRef};
use crate::domain::lead_score::{score, ScoreInput, ScoringForm, ScoringSettings};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::services::leads::{
    candidates, scoring_settings, studies_in_industry, SCORING_SETTINGS_KEY,
};

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn current(db: &Db, user: &CurrentUser) -> Result<ScoringForm, AppError> {
    require_admin(user)?;
    Ok(ScoringForm::from(&scoring_settings(db).await?))
}

/// Validates and stores new settings, then re-scores every open lead.
/// Returns how many leads changed score or tier.
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn save(db: &Db, user: &CurrentUser, form: &ScoringForm) -> Result<usize, AppError> {
    require_admin(user)?;
    let settings = form.parse().map_err(AppError::fields)?;
    let json = serde_json::to_string(&settings)?;
    crate::db::settings::put(db, SCORING_SETTINGS_KEY, &json).await?;
    audit::record(
        db,
        Some(&user.id),
        "lead_scoring.update",
        SCORING_SETTINGS_KEY,
        serde_json::to_value(&settings)?,
    )
    .await?;
    rescore_open_leads(db, &settings).await
}

async fn rescore_open_leads(db: &Db, settings: &ScoringSettings) -> Result<usize, AppError> {
    let evidence = crate::services::roi::evidence(db).await?;
    let mut changed = 0;
    for lead in db_ws::open_leads(db).await? {
        let studies = studies_in_industry(&evidence, lead.industry_sic_code.as_deref());
        let scored = score(
            &ScoreInput::new(lead.fit, lead.engagement, studies),
            settings,
        );
        let breakdown = serde_json::to_string(&scored.factors)?;
        if i64::from(scored.total) != lead.score || Some(scored.tier) != lead.tier {
            changed += 1;
        }
        db_ws::set_score(db, &lead.id, scored.total, scored.tier, &breakdown).await?;
    }
    tracing::info!(changed, "open leads re-scored");
    Ok(changed)
}

/// Who would get a lead from this industry with this challenge, best first.
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn preview(
    db: &Db,
    user: &CurrentUser,
    industry_sic_code: &str,
    challenge: &str,
) -> Result<Vec<ConsultantMatch>, AppError> {
    require_admin(user)?;
    // What a lead submitted now would be routed by.
    let inputs = crate::db::lead_inputs::current(db).await?;
    let evidence = &inputs.evidence;
    let challenge = Challenge::parse(challenge)
        .ok_or_else(|| AppError::invalid("challenge", "Choose a challenge from the list."))?;
    let industries: Vec<IndustryRef> =
        crate::domain::roi::known_industries(&crate::services::roi::evidence_from_rows(evidence));
    let industry = industries
        .iter()
        .find(|i| i.sic_code == industry_sic_code.trim());
    if industry.is_none()
        && !industry_sic_code.trim().is_empty()
        && industry_sic_code.trim() != "other"
    {
        return Err(AppError::invalid(
            "industry",
            "Choose an industry from the list, or Other.",
        ));
    }
    let request = MatchRequest {
        industry_sic_code: industry.map(|i| i.sic_code.clone()),
        industry_name: industry.map(|i| i.name.clone()),
        challenge,
    };
    let candidates = candidates(&inputs.consultants, evidence, &request)?;
    Ok(rank(&request, &candidates))
}
