//! Enforcing the public endpoints' rate limits (domain::rate_limit) per client address.

use crate::db::{now_ms, rate_limits, Db};
use crate::domain::rate_limit::RateLimit;
use crate::error::AppError;

/// Counts this request against every limit and refuses it (429 with the
/// longest wait) if any is exceeded.
pub async fn enforce(db: &Db, limits: &[RateLimit], client_key: &str) -> Result<(), AppError> {
    let now = now_ms();
    let mut wait: Option<i64> = None;
    for limit in limits {
        let window = limit.window_start(now);
        let hits = rate_limits::hit(db, limit.scope, client_key, window)
            .await
            .map_err(AppError::internal)?;
        if hits == 1 && rand::random::<u8>() < 8 {
            // Now and then, on the first hit of a window, drop counters of
            // windows long gone (the longest limit is an hour).
            rate_limits::prune(db, now - 2 * 3600 * 1000)
                .await
                .map_err(AppError::internal)?;
        }
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
