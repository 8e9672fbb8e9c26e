//! Admin server functions: lead-scoring settings and the routing preview.

use crate::domain::lead_score::ScoringForm;
use crate::error::AppError;
use crate::model::lead_settings::LeadSettingsData;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/settings/leads")]
pub async fn load_lead_settings(
    preview_industry: String,
    preview_challenge: String,
) -> Result<LeadSettingsData, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[crate::domain::role::Role::Admin]).await?;
        let db = crate::api::context::db()?;
        let form = crate::services::lead_settings::current(&db, &user).await?;
        let evidence = crate::services::roi::evidence(&db).await?;
        let preview = if preview_challenge.is_empty() {
            None
        } else {
            Some(
                crate::services::lead_settings::preview(
                    &db,
                    &user,
                    &preview_industry,
                    &preview_challenge,
                )
                .await
                .map_err(|e| e.to_string()),
            )
        };
        Ok(LeadSettingsData {
            form,
            industries: crate::domain::roi::known_industries(&evidence),
            preview_industry,
            preview_challenge,
            preview,
        })
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Saves the scoring settings and returns how many open leads changed score or tier.
#[server(prefix = "/api", endpoint = "admin/settings/scoring")]
pub async fn save_scoring_settings(input: ScoringForm) -> Result<i64, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[crate::domain::role::Role::Admin]).await?;
        let db = crate::api::context::db()?;
        crate::services::lead_settings::save(&db, &user, &input)
            .await
            .map(|n| n as i64)
    }
    .await;
    crate::api::respond::with_status(outcome)
}
