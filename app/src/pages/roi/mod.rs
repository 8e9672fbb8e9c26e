//! The ROI calculator: the page with its island, the estimate view shared by
//! the island and the stored-result page, and that page.

mod calculator;
mod estimate_view;
mod result;

pub use calculator::{RoiCalculator, RoiCalculatorPage};
pub use estimate_view::EstimateView;
pub use result::RoiResultPage;

/// "£1,234,567" from pounds.
pub fn pounds(value: f64) -> String {
    format!("£{}", crate::domain::lift::group_thousands(value))
}
