//! The home page's figures about our results (public: published data only).

use crate::domain::portfolio_figures::PortfolioFigures;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "showcase/figures")]
pub async fn load_portfolio_figures() -> Result<Option<PortfolioFigures>, AppError> {
    let outcome = async {
        let db = crate::api::context::db()?;
        crate::services::portfolio::figures(&db).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
