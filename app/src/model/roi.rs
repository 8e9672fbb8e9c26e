//! The ROI calculator's pages: the calculator and a stored result.

use crate::domain::lead_fields::IndustryRef;
use crate::domain::roi::{studies_named, RoiEstimate, RoiForm, StudyEvidence};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// What the calculator page needs: the evidence (so the browser can estimate
/// without a round trip), the form as given in the URL, and — when the URL
/// asked for a check (a no-JavaScript submission that did not validate) —
/// the errors and the server's estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalculatorData {
    pub evidence: Vec<StudyEvidence>,
    pub industries: Vec<IndustryRef>,
    pub form: RoiForm,
    pub errors: Vec<FieldError>,
    pub estimate: Option<RoiEstimate>,
}

/// A study named in an estimate, for links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarStudy {
    pub slug: String,
    pub title: String,
    pub industry_name: String,
    pub improvement_pct: f64,
    pub roi_pct: f64,
}

impl SimilarStudy {
    /// The studies an estimate names (`similar_case_studies`), in order,
    /// from the evidence it was made with.
    pub fn named(evidence: &[StudyEvidence], slugs: &[String]) -> Vec<SimilarStudy> {
        studies_named(evidence, slugs)
            .into_iter()
            .map(|e| SimilarStudy {
                slug: e.slug.clone(),
                title: e.title.clone(),
                industry_name: e.industry_name.clone(),
                improvement_pct: e.improvement_pct,
                roi_pct: e.roi_pct,
            })
            .collect()
    }
}

/// A stored calculation, for its shareable page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredResult {
    pub id: String,
    pub form: RoiForm,
    /// The inputs as sentences ("Industry: Cinemas", …).
    pub inputs: Vec<(String, String)>,
    pub estimate: RoiEstimate,
    pub similar: Vec<SimilarStudy>,
    pub created_at: i64,
    /// The lead form under the estimate, carrying this calculation.
    pub lead_form: crate::model::leads::LeadFormData,
}
