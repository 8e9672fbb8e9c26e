//! The evidence: published case studies reduced to what the estimate needs,
//! how each one relates to a prospect (same industry, challenge, size), and
//! the industries a form can offer.

use crate::domain::lead_fields::{Challenge, IndustryRef};
use crate::domain::showcase::CompanySize;
use serde::{Deserialize, Serialize};

/// One published case study, as the engine sees it (the server loads these
/// from the DB; the browser island receives them as props).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyEvidence {
    pub slug: String,
    pub title: String,
    pub industry_sic_code: String,
    pub industry_name: String,
    pub challenge: Challenge,
    pub company_size: CompanySize,
    /// Primary-metric lift in percent, e.g. `9.4`.
    pub improvement_pct: f64,
    /// Return on investment in percent, e.g. `340.0`.
    pub roi_pct: f64,
    pub payback_months: f64,
}

/// The studies named by `slugs` (an estimate's similar case studies), in
/// that order; a slug no longer in the evidence (unpublished since) is skipped.
pub fn studies_named<'a>(
    evidence: &'a [StudyEvidence],
    slugs: &[String],
) -> Vec<&'a StudyEvidence> {
    slugs
        .iter()
        .filter_map(|slug| evidence.iter().find(|e| &e.slug == slug))
        .collect()
}

/// The industries the evidence covers: distinct by SIC code (the first name
/// seen wins), sorted by name.
pub fn known_industries(evidence: &[StudyEvidence]) -> Vec<IndustryRef> {
    let mut industries: Vec<IndustryRef> = Vec::new();
    for study in evidence {
        let code = study.industry_sic_code.trim();
        if !code.is_empty() && !industries.iter().any(|i| i.sic_code == code) {
            industries.push(IndustryRef {
                sic_code: code.to_string(),
                name: study.industry_name.trim().to_string(),
            });
        }
    }
    industries.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.sic_code.cmp(&b.sic_code))
    });
    industries
}

/// Sanity bounds on a study's figures. The upper bounds only stop a mistyped
/// study (or a synthetic one) from producing infinite or absurd money;
/// published figures sit far inside them. A negative lift counts as none: a
/// change that lost revenue in a test is not rolled out, so its revenue
/// consequence for the client was nil (its ROI, from what the test saved,
/// still counts as published).
pub(super) const IMPROVEMENT_PCT_BOUNDS: (f64, f64) = (0.0, 1_000.0);
pub(super) const ROI_PCT_BOUNDS: (f64, f64) = (-100.0, 100_000.0);
pub(super) const PAYBACK_MONTHS_BOUNDS: (f64, f64) = (0.0, 600.0);

impl StudyEvidence {
    /// Whether the study's figures are usable at all (finite numbers).
    pub(super) fn is_usable(&self) -> bool {
        self.improvement_pct.is_finite()
            && self.roi_pct.is_finite()
            && self.payback_months.is_finite()
    }

    pub(super) fn improvement(&self) -> f64 {
        clamp(self.improvement_pct, IMPROVEMENT_PCT_BOUNDS)
    }

    pub(super) fn roi(&self) -> f64 {
        clamp(self.roi_pct, ROI_PCT_BOUNDS)
    }

    pub(super) fn payback(&self) -> f64 {
        clamp(self.payback_months, PAYBACK_MONTHS_BOUNDS)
    }
}

fn clamp(value: f64, (low, high): (f64, f64)) -> f64 {
    value.clamp(low, high)
}

/// How a study relates to the prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Closeness {
    pub same_industry: bool,
    pub same_challenge: bool,
    pub same_size: bool,
}

impl Closeness {
    pub fn of(
        study: &StudyEvidence,
        industry: Option<&IndustryRef>,
        challenge: Challenge,
        size: CompanySize,
    ) -> Closeness {
        Closeness {
            same_industry: industry.is_some_and(|i| i.sic_code == study.industry_sic_code.trim()),
            same_challenge: study.challenge == challenge,
            same_size: study.company_size == size,
        }
    }

    /// Same industry and same challenge.
    pub fn is_exact(self) -> bool {
        self.same_industry && self.same_challenge
    }

    /// Shares exactly one of industry and challenge.
    pub fn is_partial(self) -> bool {
        self.same_industry != self.same_challenge
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_studies_come_in_the_order_named_and_unknown_slugs_are_skipped() {
        let evidence = [study("1", "A"), study("2", "B"), study("3", "C")];
        let slugs: Vec<String> = ["s-3", "gone", "s-1"].map(String::from).to_vec();
        let named: Vec<&str> = studies_named(&evidence, &slugs)
            .iter()
            .map(|e| e.slug.as_str())
            .collect();
        assert_eq!(named, ["s-3", "s-1"]);
    }

    fn study(code: &str, name: &str) -> StudyEvidence {
        StudyEvidence {
            slug: format!("s-{code}"),
            title: "t".into(),
            industry_sic_code: code.into(),
            industry_name: name.into(),
            challenge: Challenge::Conversion,
            company_size: CompanySize::Smb,
            improvement_pct: 5.0,
            roi_pct: 100.0,
            payback_months: 3.0,
        }
    }

    #[test]
    fn known_industries_are_distinct_and_sorted_by_name() {
        let evidence = [
            study("5510", "Hotels"),
            study("4791", "E-commerce retail"),
            study("5510", "Hotels"),
            study("5914", "Cinemas"),
        ];
        let names: Vec<_> = known_industries(&evidence)
            .into_iter()
            .map(|i| i.name)
            .collect();
        assert_eq!(names, ["Cinemas", "E-commerce retail", "Hotels"]);
    }

    #[test]
    fn absurd_figures_are_clamped_and_non_finite_ones_unusable() {
        let mut s = study("1", "A");
        s.improvement_pct = 1e300;
        s.payback_months = -4.0;
        assert_eq!(s.improvement(), 1_000.0);
        s.improvement_pct = -3.0;
        assert_eq!(s.improvement(), 0.0);
        assert_eq!(s.payback(), 0.0);
        assert!(s.is_usable());
        s.roi_pct = f64::NAN;
        assert!(!s.is_usable());
    }
}
