//! The ROI calculator's pages: the calculator (its island lives in
//! `components::roi_calculator`, shared with landing pages) and a stored
//! result.

mod calculator;
mod result;

pub use crate::components::roi_calculator::{pounds, EstimateView, RoiCalculator};
pub use calculator::RoiCalculatorPage;
pub use result::RoiResultPage;
