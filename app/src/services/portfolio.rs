//! The home page's figures about our results, from the published studies.

use crate::db::{portfolio, Db};
use crate::domain::portfolio_figures::{summarise, PortfolioFigures, StudyFigures};
use crate::error::AppError;

pub async fn figures(db: &Db) -> Result<Option<PortfolioFigures>, AppError> {
    let rows = portfolio::published_figures(db)
        .await
        .map_err(AppError::internal)?;
    let studies: Vec<StudyFigures> = rows
        .into_iter()
        .map(
            |(improvement_pct, payback_months, confidence_level)| StudyFigures {
                improvement_pct,
                payback_months,
                confidence_level,
            },
        )
        .collect();
    Ok(summarise(&studies))
}
