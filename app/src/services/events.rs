//! Ingesting the beacon's event batches: parse the whole batch, store it
//! and the conversions it brings (for running experiments the visitor is
//! in, on their metrics) in one transaction, and answer only after the
//! commit: an acknowledged event is on disk. Also the server-side visit
//! goal: a page view of a goal path converts without any script.

use crate::db::experiments as db_exp;
use crate::db::{events as db_events, now_ms, rate_limits, Db};
use crate::domain::experiments::events::parse_batch;
use crate::domain::experiments::Goal;
use crate::domain::rate_limit::RateLimit;
use crate::error::{AppError, FieldError};
use crate::services::rate_limit::{prune_now_and_then, verdict, windows};
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
///
/// The batch counts against `limits` (per client address) in the same
/// transaction that stores it, and that transaction is group-committed
/// with other batches (`Db::group_commit`): on SQLite one disk sync serves
/// every batch that arrived meanwhile, instead of two syncs per batch. A
/// refused batch (429) is counted but not stored.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn ingest(
    db: &Db,
    client: &Client,
    limits: &[RateLimit],
    body: &[u8],
) -> Result<Ingested, AppError> {
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
    let visitor = client.visitor_key.clone();
    if let Some(visitor) = visitor.as_deref() {
        // Their exposures, written behind a render, land before conversions.
        crate::db::exposures::settle(db, visitor).await;
    }
    let address = client.ip.clone();
    let counted = !limits.is_empty();
    let limits = limits.to_vec();
    let outcome = db
        .group_commit(move |tx| {
            Box::pin(async move {
                if !limits.is_empty() {
                    let counts =
                        rate_limits::hit_all(&mut **tx, &address, &windows(&limits, now)).await?;
                    if let Err(refused) = verdict(&limits, &counts, now, &address) {
                        return Ok(Err(refused));
                    }
                }
                db_events::insert_batch(tx, visitor.as_deref(), &events, now).await?;
                let conversions = match visitor.as_deref() {
                    Some(visitor) => {
                        let goals: Vec<(String, i64)> = events
                            .iter()
                            .map(|event| (event.goal().to_wire(), event.at_ms))
                            .collect();
                        db_exp::record_conversions(tx, visitor, &goals).await?
                    }
                    None => 0,
                };
                Ok(Ok(Ingested {
                    accepted: events.len(),
                    conversions,
                }))
            })
        })
        .await?;
    if counted {
        prune_now_and_then(db, now).await?;
    }
    outcome
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
    crate::db::exposures::settle(db, visitor_key).await;
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let converted = db_exp::record_conversions(&mut tx, visitor_key, &[(goal, now_ms())]).await?;
    tx.commit().await?;
    Ok(converted)
}
