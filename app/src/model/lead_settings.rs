//! The lead-scoring settings page.

use crate::domain::consultant_match::ConsultantMatch;
use crate::domain::lead_fields::IndustryRef;
use crate::domain::lead_score::ScoringForm;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadSettingsData {
    pub form: ScoringForm,
    pub industries: Vec<IndustryRef>,
    pub preview_industry: String,
    pub preview_challenge: String,
    /// `Some` once a preview was asked for.
    pub preview: Option<Result<Vec<ConsultantMatch>, String>>,
}
