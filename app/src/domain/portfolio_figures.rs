//! The figures the home page shows about our results, computed from the
//! published case studies at request time, so they change when a study is
//! published or withdrawn and can never say more than the portfolio does.

use serde::{Deserialize, Serialize};

/// What one published case study contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudyFigures {
    /// Relative change of its headline metric, in percent.
    pub improvement_pct: f64,
    pub payback_months: f64,
    /// E.g. 0.95.
    pub confidence_level: f64,
}

/// The summary shown on the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioFigures {
    /// How many published studies the figures summarise.
    pub studies: usize,
    /// Median improvement of the headline metric, in percent.
    pub median_improvement_pct: f64,
    /// Median payback, in months.
    pub median_payback_months: f64,
    /// Studies whose result was reported at 95% confidence or more.
    pub at_95_confidence: usize,
}

/// The confidence level the home page counts (a study stating 0.95 counts).
const HIGH_CONFIDENCE: f64 = 0.95;

/// The median of finite values (mean of the middle two for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    })
}

/// `None` when nothing is published (the page then shows no figures).
pub fn summarise(studies: &[StudyFigures]) -> Option<PortfolioFigures> {
    let improvements: Vec<f64> = studies.iter().map(|s| s.improvement_pct).collect();
    let paybacks: Vec<f64> = studies.iter().map(|s| s.payback_months).collect();
    Some(PortfolioFigures {
        studies: studies.len(),
        median_improvement_pct: median(&improvements)?,
        median_payback_months: median(&paybacks)?,
        // A small tolerance: 0.95 stored as a float must count as 95%.
        at_95_confidence: studies
            .iter()
            .filter(|s| s.confidence_level >= HIGH_CONFIDENCE - 1e-9)
            .count(),
    })
}

impl PortfolioFigures {
    /// "+15%" (whole percent; "+2.5%" below 10%).
    pub fn improvement_label(&self) -> String {
        let pct = self.median_improvement_pct;
        let sign = if pct >= 0.0 { "+" } else { "−" };
        if pct.abs() < 10.0 {
            format!("{sign}{:.1}%", pct.abs())
        } else {
            format!("{sign}{:.0}%", pct.abs())
        }
    }

    /// "3 mo", "3.5 mo".
    pub fn payback_label(&self) -> String {
        let months = self.median_payback_months;
        if (months - months.round()).abs() < 0.05 {
            format!("{:.0} mo", months.round())
        } else {
            format!("{months:.1} mo")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn study(improvement_pct: f64, payback_months: f64, confidence_level: f64) -> StudyFigures {
        StudyFigures {
            improvement_pct,
            payback_months,
            confidence_level,
        }
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN]), None);
    }

    #[test]
    fn a_portfolio_is_summarised_from_its_studies() {
        let figures = summarise(&[
            study(12.0, 2.0, 0.95),
            study(15.0, 3.0, 0.90),
            study(30.0, 6.0, 0.99),
        ])
        .unwrap();
        assert_eq!(figures.studies, 3);
        assert_eq!(figures.median_improvement_pct, 15.0);
        assert_eq!(figures.median_payback_months, 3.0);
        assert_eq!(figures.at_95_confidence, 2);
        assert_eq!(figures.improvement_label(), "+15%");
        assert_eq!(figures.payback_label(), "3 mo");
    }

    #[test]
    fn nothing_published_shows_nothing() {
        assert_eq!(summarise(&[]), None);
    }

    #[test]
    fn labels_keep_a_decimal_where_it_matters() {
        let figures = PortfolioFigures {
            studies: 2,
            median_improvement_pct: 4.25,
            median_payback_months: 3.5,
            at_95_confidence: 0,
        };
        assert_eq!(figures.improvement_label(), "+4.2%");
        assert_eq!(figures.payback_label(), "3.5 mo");
    }

    proptest! {
        #[test]
        fn the_median_lies_between_the_extremes(values in proptest::collection::vec(-1e6f64..1e6, 1..50)) {
            let m = median(&values).unwrap();
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(min <= m && m <= max);
        }
    }
}
