//! Ingesting the beacon's event batches: parse the whole batch, store it
//! and the conversions it brings (for running experiments the visitor is
//! in, on their metrics) in one transaction, and answer only after the
//! commit: an acknowledged event is on disk. Also the server-side visit
//! goal: a page view of a goal path converts without any script.

use crate::db::experiments as db_exp;
use crate::db::{events as db_events, now_ms, Db};
use crate::domain::experiments::events::{parse_batch, Event};
use crate::domain::experiments::Goal;
use crate::error::{AppError, FieldError};
use crate::services::visitor::Client;

/// What a stored batch brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Ingested {
    /// Events stored.
    pub accepted: usize,
    /// New experiment conversions among them.
    pub conversions: u64,
}

/// Parses and stores one batch (`body` is the request body, already
/// bounded by the caller). A bad batch stores nothing and names each field.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn ingest(db: &Db, client: &Client, body: &[u8]) -> Result<Ingested, AppError> {
    let json: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| AppError::invalid("body", format!("The body is not JSON: {e}.")))?;
    let now = now_ms();
    let events = parse_batch(&json, now).map_err(|problems| {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| FieldError { field, message })
                .collect(),
        )
    })?;
    let visitor = client.visitor_key.as_deref();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    db_events::insert_batch(&mut tx, visitor, &events, now).await?;
    let conversions = match visitor {
        Some(visitor) => convert_in(&mut tx, visitor, &events).await?,
        None => 0,
    };
    tx.commit().await?;
    Ok(Ingested {
        accepted: events.len(),
        conversions,
    })
}

/// Stores the conversions `events` bring to the running experiments the
/// visitor is in (each event's goal, where it is one of the experiment's
/// metrics).
async fn convert_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    visitor: &str,
    events: &[Event],
) -> Result<u64, AppError> {
    let exposures = db_exp::running_exposures(tx, visitor).await?;
    if exposures.is_empty() {
        return Ok(0);
    }
    let mut converted = 0;
    for event in events {
        let goal = event.goal().to_wire();
        for exposure in exposures.iter().filter(|x| x.measures(&goal)) {
            converted += db_exp::convert(tx, exposure, visitor, &goal, event.at_ms).await?;
        }
    }
    Ok(converted)
}

/// A page view by a visitor with our cookie (its id): when `path_and_query` is a
/// visit goal of a running experiment they are in, it converts. Answers the
/// conversions stored. Costs nothing but a cached lookup on other paths.
pub async fn note_visit(db: &Db, visitor_id: &str, path_and_query: &str) -> Result<u64, AppError> {
    let paths = db_exp::visit_goal_paths(db).await?;
    let path = path_and_query.split('?').next().unwrap_or_default();
    // A goal with a query names that exact address; one without, the path.
    let Some(goal_path) = paths
        .iter()
        .find(|p| p.as_str() == path_and_query || p.as_str() == path)
    else {
        return Ok(0);
    };
    let goal = Goal::UrlVisit {
        path: goal_path.clone(),
    }
    .to_wire();
    // Hashed only now: most page views are of no goal's path.
    let visitor_key = crate::services::visitor::visitor_key(visitor_id);
    let visitor_key = visitor_key.as_str();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let converted = db_exp::record_conversions(&mut tx, visitor_key, &goal, now_ms()).await?;
    tx.commit().await?;
    Ok(converted)
}
