//! A consultant's track record, derived from the case studies they led that
//! are published: nothing about it is typed in, so it follows publishing and
//! withdrawing a study. (Client satisfaction is entered separately, from
//! client surveys.)

use serde::{Deserialize, Serialize};

/// One consultant's published studies in one currency, as the database sums them.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyTotals {
    pub currency: String,
    pub studies: i64,
    /// Sum of the studies' ROI percentages.
    pub roi_pct_sum: f64,
    /// Sum of the studies' ROI values, in minor units of `currency`.
    pub value_minor_sum: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackRecord {
    /// Published case studies led.
    pub projects_completed: i64,
    /// Mean ROI % over those studies (0 with none).
    pub average_roi_pct: f64,
    /// Client value generated, in minor units of `currency`.
    pub total_value_minor: i64,
    pub currency: String,
}

impl TrackRecord {
    /// Every study counts towards the number of projects and the average ROI.
    /// Money is not converted: the total is in the currency most of the
    /// studies report in (ties: `default_currency`, then alphabetical), and
    /// studies in any other currency are left out of it. With no studies the
    /// record is all zeros in `default_currency`.
    pub fn from_totals(totals: &[StudyTotals], default_currency: &str) -> TrackRecord {
        let projects_completed: i64 = totals.iter().map(|t| t.studies.max(0)).sum();
        let roi_pct_sum: f64 = totals.iter().map(|t| t.roi_pct_sum).sum();
        let main = totals.iter().filter(|t| t.studies > 0).max_by(|a, b| {
            a.studies
                .cmp(&b.studies)
                .then_with(|| {
                    (a.currency == default_currency).cmp(&(b.currency == default_currency))
                })
                .then_with(|| b.currency.cmp(&a.currency))
        });
        TrackRecord {
            projects_completed,
            average_roi_pct: if projects_completed > 0 {
                roi_pct_sum / projects_completed as f64
            } else {
                0.0
            },
            total_value_minor: main.map_or(0, |t| t.value_minor_sum),
            currency: main
                .map_or(default_currency, |t| t.currency.as_str())
                .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(currency: &str, studies: i64, roi_pct_sum: f64, value: i64) -> StudyTotals {
        StudyTotals {
            currency: currency.into(),
            studies,
            roi_pct_sum,
            value_minor_sum: value,
        }
    }

    #[test]
    fn no_published_studies_is_all_zeros() {
        let record = TrackRecord::from_totals(&[], "EUR");
        assert_eq!(
            record,
            TrackRecord {
                projects_completed: 0,
                average_roi_pct: 0.0,
                total_value_minor: 0,
                currency: "EUR".into(),
            }
        );
    }

    #[test]
    fn one_currency_sums_and_averages() {
        let record = TrackRecord::from_totals(&[totals("GBP", 3, 600.0, 9_000_000)], "GBP");
        assert_eq!(record.projects_completed, 3);
        assert_eq!(record.average_roi_pct, 200.0);
        assert_eq!(record.total_value_minor, 9_000_000);
        assert_eq!(record.currency, "GBP");
    }

    #[test]
    fn mixed_currencies_are_counted_but_not_added() {
        let record = TrackRecord::from_totals(
            &[
                totals("USD", 2, 300.0, 5_000_000),
                totals("GBP", 1, 100.0, 1_000_000),
            ],
            "GBP",
        );
        assert_eq!(record.projects_completed, 3);
        assert!((record.average_roi_pct - 400.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            (record.total_value_minor, record.currency.as_str()),
            (5_000_000, "USD")
        );
        // A tie goes to the profile's own currency, whichever order rows come in.
        for rows in [
            [totals("USD", 1, 100.0, 7), totals("GBP", 1, 100.0, 9)],
            [totals("GBP", 1, 100.0, 9), totals("USD", 1, 100.0, 7)],
        ] {
            let record = TrackRecord::from_totals(&rows, "GBP");
            assert_eq!(
                (record.total_value_minor, record.currency.as_str()),
                (9, "GBP")
            );
        }
        // Otherwise alphabetical, so the answer never depends on row order.
        let rows = [totals("USD", 1, 0.0, 7), totals("EUR", 1, 0.0, 9)];
        assert_eq!(TrackRecord::from_totals(&rows, "GBP").currency, "EUR");
    }
}
