//! The ROI calculator's engine: pure Rust, shared by the server (the JSON API
//! and the no-JS form post) and the browser island, which re-estimates on
//! every keystroke.
//!
//! The estimate is derived from the published case studies, not from
//! constants: every study is weighted by how closely it matches the prospect
//! (same industry and challenge, then one of the two, then company size), with
//! shrinkage toward all studies when close ones are few; the revenue and ROI
//! ranges are the weighted middle half of what the studies achieved, and the
//! confidence grows with the number of close studies. When nothing close
//! exists, the estimate says so (`EvidenceBasis::fallback`). The model, in
//! words and with a worked example, is in `docs/roi-model.md`.
//!
//! ```text
//! industries = known_industries(&evidence)
//! input      = form.parse(&industries)?        // or request.parse(..)
//! estimate   = estimate(&input, &evidence)?
//! ```

mod basis;
mod complexity;
mod estimate;
mod evidence;
mod field_rules;
mod form_query;
mod input;
mod quantiles;

#[cfg(test)]
mod tests;

pub use basis::{EvidenceBasis, Fallback};
pub use complexity::complexity_score;
pub use estimate::{
    confidence, estimate, RoiError, RoiEstimate, CONFIDENCE_CEILING, CONFIDENCE_FLOOR,
    PARTIAL_MATCH_CREDIT, PRIOR_STRENGTH, RANGE_QUANTILES, SAME_SIZE_FACTOR,
};
pub use evidence::{known_industries, studies_named, StudyEvidence};
pub use field_rules::{parse_money, MAX_ANNUAL_REVENUE_GBP, MAX_LOCATIONS};
pub use form_query::{form_from_query, form_query};
pub use input::{describe_input, RoiForm, RoiInput, RoiRequest};
pub use quantiles::weighted_quantiles;
