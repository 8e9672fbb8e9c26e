//! Enforcing the public endpoints' rate limits (domain::rate_limit) per client address.

use crate::db::{now_ms, rate_limits, Backend, Db};
use crate::domain::rate_limit::RateLimit;
use crate::error::AppError;

/// Counts this request against every limit and refuses it (429 with the
/// longest wait) if any is exceeded.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn enforce(db: &Db, limits: &[RateLimit], client_key: &str) -> Result<(), AppError> {
    let now = now_ms();
    let (key, counted) = (client_key.to_string(), windows(limits, now));
    let counts = match db.backend {
        // Through the group commit: many requests' counters share one sync
        // to disk.
        Backend::Sqlite => {
            db.group_commit(move |tx| {
                Box::pin(async move { rate_limits::hit_all(&mut **tx, &key, &counted).await })
            })
            .await?
        }
        // One statement, committed on its own: a transaction around it
        // would only add two round trips.
        Backend::Postgres => rate_limits::hit_all(&db.pool, &key, &counted).await?,
    };
    prune_now_and_then(db, now).await?;
    verdict(limits, &counts, now, client_key)
}

/// Now and then (one call in 64), drops counters of windows long gone (the
/// longest limit is an hour). Every caller that counts hits calls this.
pub async fn prune_now_and_then(db: &Db, now: i64) -> Result<(), AppError> {
    if rand::random::<u8>() < 4 {
        rate_limits::prune(db, now - 2 * 3600 * 1000).await?;
    }
    Ok(())
}

/// The window each limit counts `now` in, as `rate_limits::hit_all` takes them.
pub fn windows(limits: &[RateLimit], now: i64) -> Vec<(&'static str, i64)> {
    limits
        .iter()
        .map(|l| (l.scope, l.window_start(now)))
        .collect()
}

/// Refuses (429 with the longest wait) when any limit's count, this hit
/// included, is over it. For callers that count inside their own
/// transaction (`hit_all` with `windows`, then [`prune_now_and_then`]).
pub fn verdict(
    limits: &[RateLimit],
    counts: &[(String, i64)],
    now: i64,
    client_key: &str,
) -> Result<(), AppError> {
    let mut wait: Option<i64> = None;
    for limit in limits {
        let hits = counts
            .iter()
            .find(|(scope, _)| scope == limit.scope)
            .map_or(0, |(_, hits)| *hits);
        if let Some(secs) = limit.verdict(hits, now) {
            wait = Some(wait.map_or(secs, |w| w.max(secs)));
        }
    }
    match wait {
        Some(retry_after_secs) => {
            tracing::info!(client = client_key, retry_after_secs, "rate limit reached");
            Err(AppError::TooManyRequests { retry_after_secs })
        }
        None => Ok(()),
    }
}
