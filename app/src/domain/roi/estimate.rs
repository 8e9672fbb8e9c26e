//! The estimate: every published study is weighted by how closely it matches
//! the prospect, with shrinkage toward all studies when close ones are few;
//! the ranges are weighted quantiles of what the studies achieved. See
//! `docs/roi-model.md` for the model in words and a worked example.

use super::basis::{methodology_summary, EvidenceBasis, Fallback};
use super::complexity::complexity_score;
use super::evidence::{Closeness, StudyEvidence};
use super::field_rules::MAX_ANNUAL_REVENUE_GBP;
use super::input::RoiInput;
use super::quantiles::weighted_quantiles;
use serde::{Deserialize, Serialize};

/// Prior strength `k`: a group of `n` close studies carries `n / (n + k)` of
/// the weight, the rest going to wider evidence. With `k = 3`, one exact match
/// carries a quarter, three carry half, nine carry three quarters.
pub const PRIOR_STRENGTH: f64 = 3.0;
/// Within any group, a study of the prospect's company size counts this many
/// times as much as one of another size.
pub const SAME_SIZE_FACTOR: f64 = 2.0;
/// The range is the middle half of the weighted results.
pub const RANGE_QUANTILES: (f64, f64) = (0.25, 0.75);
/// Confidence runs from the floor (no close study) toward the ceiling (many),
/// never reaching it: an estimate from other businesses' results is never certain.
pub const CONFIDENCE_FLOOR: f64 = 0.30;
pub const CONFIDENCE_CEILING: f64 = 0.90;
/// A study sharing only the industry or only the challenge counts this much
/// toward confidence (an exact match counts 1).
pub const PARTIAL_MATCH_CREDIT: f64 = 0.5;
/// How many similar case studies an estimate names.
pub const SIMILAR_STUDIES: usize = 3;

/// What the calculator answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoiEstimate {
    /// Extra revenue per year, in whole pounds.
    pub revenue_increase_min: f64,
    pub revenue_increase_max: f64,
    /// Typical (weighted median) revenue lift in percent, one decimal place.
    pub revenue_increase_pct: f64,
    pub revenue_increase_pct_min: f64,
    pub revenue_increase_pct_max: f64,
    /// Return on investment in whole percent.
    pub roi_pct_min: f64,
    pub roi_pct_max: f64,
    /// Median payback, one decimal place.
    pub payback_months: f64,
    /// 0..1, two decimal places: how much close evidence stands behind the figures.
    pub confidence: f64,
    pub basis: EvidenceBasis,
    /// One to three plain sentences naming the studies used and any fallback.
    pub methodology_summary: String,
    /// Slugs of up to three studies sharing the industry or the challenge,
    /// most similar first.
    pub similar_case_studies: Vec<String>,
    /// Internal, 1..=10; see [`complexity_score`].
    pub complexity_score: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RoiError {
    #[error("There are no published case studies to base an estimate on yet.")]
    NoPublishedStudies,
    #[error("Annual revenue must be a number of pounds from zero to £1 trillion.")]
    InvalidRevenue,
}

/// Shares of the total weight: exact matches, partial matches, everything.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Masses {
    exact: f64,
    partial: f64,
    all: f64,
}

impl Masses {
    fn new(exact: u32, partial: u32) -> Masses {
        let share = |n: u32| f64::from(n) / (f64::from(n) + PRIOR_STRENGTH);
        let exact_mass = share(exact);
        let partial_mass = (1.0 - exact_mass) * share(partial);
        Masses {
            exact: exact_mass,
            partial: partial_mass,
            all: 1.0 - exact_mass - partial_mass,
        }
    }
}

/// Confidence from the number of exact and partial matches.
pub fn confidence(exact: u32, partial: u32) -> f64 {
    let close = f64::from(exact) + PARTIAL_MATCH_CREDIT * f64::from(partial);
    CONFIDENCE_FLOOR + (CONFIDENCE_CEILING - CONFIDENCE_FLOOR) * close / (close + PRIOR_STRENGTH)
}

/// Estimates the prospect's gain from the published studies.
pub fn estimate(input: &RoiInput, evidence: &[StudyEvidence]) -> Result<RoiEstimate, RoiError> {
    let revenue = input.annual_revenue_gbp;
    if !(0.0..=MAX_ANNUAL_REVENUE_GBP).contains(&revenue) {
        return Err(RoiError::InvalidRevenue);
    }
    let industry = input.industry.as_ref();
    let closeness =
        |s: &StudyEvidence| Closeness::of(s, industry, input.challenge, input.company_size);
    let size_factor = |c: Closeness| if c.same_size { SAME_SIZE_FACTOR } else { 1.0 };

    // First pass: counts and the size-weighted total of each group.
    let mut basis = EvidenceBasis {
        exact: 0,
        same_industry: 0,
        same_challenge: 0,
        same_company_size: 0,
        total: 0,
        fallback: None,
    };
    let (mut sum_exact, mut sum_partial, mut sum_all) = (0.0, 0.0, 0.0);
    for study in evidence.iter().filter(|s| s.is_usable()) {
        let c = closeness(study);
        let f = size_factor(c);
        basis.total += 1;
        basis.exact += u32::from(c.is_exact());
        basis.same_industry += u32::from(c.same_industry);
        basis.same_challenge += u32::from(c.same_challenge);
        basis.same_company_size += u32::from(c.same_size);
        sum_all += f;
        if c.is_exact() {
            sum_exact += f;
        } else if c.is_partial() {
            sum_partial += f;
        }
    }
    if basis.total == 0 {
        return Err(RoiError::NoPublishedStudies);
    }
    let partial = basis.same_industry + basis.same_challenge - 2 * basis.exact;
    let masses = Masses::new(basis.exact, partial);
    let per_unit = |mass: f64, sum: f64| if sum > 0.0 { mass / sum } else { 0.0 };
    let (unit_exact, unit_partial, unit_all) = (
        per_unit(masses.exact, sum_exact),
        per_unit(masses.partial, sum_partial),
        per_unit(masses.all, sum_all),
    );

    // Second pass: each study's weight, and the most similar studies.
    let mut weighted: Vec<(StudyMetrics, f64)> = Vec::with_capacity(basis.total as usize);
    let mut similar: Vec<(SimilarityKey, &StudyEvidence)> = Vec::with_capacity(SIMILAR_STUDIES + 1);
    for study in evidence.iter().filter(|s| s.is_usable()) {
        let c = closeness(study);
        let unit = unit_all
            + if c.is_exact() {
                unit_exact
            } else if c.is_partial() {
                unit_partial
            } else {
                0.0
            };
        weighted.push((StudyMetrics::of(study), size_factor(c) * unit));
        if c.is_exact() || c.is_partial() {
            keep_most_similar(&mut similar, SimilarityKey::of(c, study), study);
        }
    }

    let mut points: Vec<(f64, f64)> = weighted.iter().map(|(m, w)| (m.improvement, *w)).collect();
    let [pct_min, pct, pct_max] =
        weighted_quantiles(&mut points, [RANGE_QUANTILES.0, 0.5, RANGE_QUANTILES.1])
            .ok_or(RoiError::NoPublishedStudies)?;
    refill(&mut points, &weighted, |m| m.roi);
    let [roi_min, roi_max] =
        weighted_quantiles(&mut points, [RANGE_QUANTILES.0, RANGE_QUANTILES.1])
            .ok_or(RoiError::NoPublishedStudies)?;
    refill(&mut points, &weighted, |m| m.payback);
    let [payback] = weighted_quantiles(&mut points, [0.5]).ok_or(RoiError::NoPublishedStudies)?;

    let (pct_min, pct, pct_max) = (round_to(pct_min, 1), round_to(pct, 1), round_to(pct_max, 1));
    basis.fallback = Fallback::choose(&basis, industry, input.challenge);
    Ok(RoiEstimate {
        revenue_increase_min: (revenue * pct_min / 100.0).round(),
        revenue_increase_max: (revenue * pct_max / 100.0).round(),
        revenue_increase_pct: pct,
        revenue_increase_pct_min: pct_min,
        revenue_increase_pct_max: pct_max,
        roi_pct_min: roi_min.round(),
        roi_pct_max: roi_max.round(),
        payback_months: round_to(payback, 1),
        confidence: round_to(confidence(basis.exact, partial), 2),
        methodology_summary: methodology_summary(&basis, industry, input.challenge),
        basis,
        similar_case_studies: similar.into_iter().map(|(_, s)| s.slug.clone()).collect(),
        complexity_score: complexity_score(input),
    })
}

/// A study's figures after the sanity bounds.
#[derive(Debug, Clone, Copy)]
struct StudyMetrics {
    improvement: f64,
    roi: f64,
    payback: f64,
}

impl StudyMetrics {
    fn of(study: &StudyEvidence) -> StudyMetrics {
        StudyMetrics {
            improvement: study.improvement(),
            roi: study.roi(),
            payback: study.payback(),
        }
    }
}

fn refill(
    points: &mut [(f64, f64)],
    weighted: &[(StudyMetrics, f64)],
    metric: fn(&StudyMetrics) -> f64,
) {
    for (point, (m, w)) in points.iter_mut().zip(weighted) {
        *point = (metric(m), *w);
    }
}

/// Ordering for "most similar": exact matches first, then the same company
/// size, then the higher ROI, then the slug (so the order is stable).
#[derive(Debug, Clone, Copy)]
struct SimilarityKey {
    exact: bool,
    same_size: bool,
    roi: f64,
}

impl SimilarityKey {
    fn of(c: Closeness, study: &StudyEvidence) -> SimilarityKey {
        SimilarityKey {
            exact: c.is_exact(),
            same_size: c.same_size,
            roi: study.roi(),
        }
    }

    fn beats(self, other: SimilarityKey, slug: &str, other_slug: &str) -> bool {
        (self.exact, self.same_size)
            .cmp(&(other.exact, other.same_size))
            .then(self.roi.total_cmp(&other.roi))
            .then_with(|| other_slug.cmp(slug))
            .is_gt()
    }
}

fn keep_most_similar<'a>(
    kept: &mut Vec<(SimilarityKey, &'a StudyEvidence)>,
    key: SimilarityKey,
    study: &'a StudyEvidence,
) {
    let at = kept
        .iter()
        .position(|(k, s)| key.beats(*k, &study.slug, &s.slug))
        .unwrap_or(kept.len());
    if at < SIMILAR_STUDIES {
        kept.insert(at, (key, study));
        kept.truncate(SIMILAR_STUDIES);
    }
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}
