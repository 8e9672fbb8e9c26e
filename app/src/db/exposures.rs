//! Visitors' arms known without a round trip, and first exposures written
//! behind the render.
//!
//! A page under test must know the visitor's arm before it renders, and the
//! issue's budget for that is 0.2 ms. Two things kept it over:
//!
//! - A returning visitor's arm was read from the database on every view.
//!   Here it is kept in [`ExposureBook`]'s bounded map (least recently used
//!   out first). That map is a pure cache: a stored exposure never changes
//!   (the table has no UPDATE; an experiment's exposures go only with the
//!   experiment), so a remembered arm cannot go stale, and another app server
//!   without it reads the database once.
//! - A first exposure was a durable write on the render path (a disk sync
//!   on SQLite). Now its arm is remembered at once and the row is written by
//!   a task the render does not wait for (on SQLite through group commit).
//!
//! What the deferred write could change, and why it does not:
//!
//! - The visitor's next view before the row lands is answered from this
//!   process's map (the arm is remembered before the render answers). On
//!   another app server within those milliseconds, the deterministic hash
//!   gives the same arm unless the weights changed in that very moment; the
//!   first row stored wins (`ON CONFLICT DO NOTHING`) and every later view
//!   shows it.
//! - A conversion (lead, event batch, goal visit) of a visitor waits here
//!   for that visitor's pending exposures first ([`ExposureBook::settle`]),
//!   so it is never recorded before its exposure in this process.
//! - A crash loses the exposures still pending (the last few milliseconds'
//!   first views), as it loses requests in flight; such a visitor's next
//!   view stores one again, with the same hashed arm. A graceful shutdown
//!   waits for them ([`ExposureBook::settle_all`]).
//! - A write that fails is logged and forgotten: the visitor's next view
//!   tries again.
//! - At most [`MAX_PENDING`] writes wait at once; past that a render writes
//!   its exposure itself (back-pressure instead of unbounded memory).

use super::Db;
use hashlink::LruCache;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// Remembered (experiment, visitor) arms: about 100 bytes each, so at most
/// about 10 MB.
pub const KNOWN_CAPACITY: usize = 100_000;
/// First exposures being written at once before renders write their own.
pub const MAX_PENDING: usize = 4_096;
/// How long a conversion waits for its visitor's pending exposures: far
/// beyond a healthy write (milliseconds), short enough not to hold a lead.
const SETTLE_WAIT: Duration = Duration::from_secs(5);

type Key = (String, String);

/// The arms this process knows, and the first exposures it is writing.
#[derive(Clone)]
pub struct ExposureBook {
    known: Arc<Mutex<LruCache<Key, String>>>,
    /// Per visitor key, one receiver per write in flight (true once done).
    pending: Arc<Mutex<HashMap<String, Vec<watch::Receiver<bool>>>>>,
    in_flight: Arc<AtomicUsize>,
}

impl Default for ExposureBook {
    fn default() -> Self {
        ExposureBook {
            known: Arc::new(Mutex::new(LruCache::new(KNOWN_CAPACITY))),
            pending: Arc::default(),
            in_flight: Arc::default(),
        }
    }
}

impl std::fmt::Debug for ExposureBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExposureBook")
            .field("in_flight", &self.in_flight.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl ExposureBook {
    /// The arm remembered for this visitor (stored, or being stored).
    pub fn known(&self, experiment_id: &str, visitor_key: &str) -> Option<String> {
        let mut known = self.known.lock().ok()?;
        known
            .get(&(experiment_id.to_string(), visitor_key.to_string()))
            .cloned()
    }

    pub fn remember(&self, experiment_id: &str, visitor_key: &str, arm_key: &str) {
        if let Ok(mut known) = self.known.lock() {
            known.insert(
                (experiment_id.to_string(), visitor_key.to_string()),
                arm_key.to_string(),
            );
        }
    }

    fn forget(&self, experiment_id: &str, visitor_key: &str) {
        if let Ok(mut known) = self.known.lock() {
            known.remove(&(experiment_id.to_string(), visitor_key.to_string()));
        }
    }

    /// Waits (a bounded time) until every exposure of this visitor that
    /// this process is writing has landed or failed.
    pub async fn settle(&self, visitor_key: &str) {
        let waits = self
            .pending
            .lock()
            .map(|pending| pending.get(visitor_key).cloned().unwrap_or_default())
            .unwrap_or_default();
        wait_all(waits).await;
    }

    /// Waits (a bounded time) for every pending exposure: before a
    /// graceful shutdown closes the pool, and in tests before counting.
    pub async fn settle_all(&self) {
        let waits: Vec<_> = self
            .pending
            .lock()
            .map(|pending| pending.values().flatten().cloned().collect())
            .unwrap_or_default();
        wait_all(waits).await;
    }

    /// Notes a write about to start (it ends when the guard drops, also
    /// if its task panics); `None` when too many are in flight.
    fn begin(&self, visitor_key: &str) -> Option<PendingWrite> {
        if self.in_flight.fetch_add(1, Ordering::AcqRel) >= MAX_PENDING {
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let (done, waiter) = watch::channel(false);
        if let Ok(mut pending) = self.pending.lock() {
            pending
                .entry(visitor_key.to_string())
                .or_default()
                .push(waiter);
        }
        Some(PendingWrite {
            book: self.clone(),
            visitor_key: visitor_key.to_string(),
            done,
        })
    }
}

/// One first exposure being written; dropping it marks it done.
struct PendingWrite {
    book: ExposureBook,
    visitor_key: String,
    done: watch::Sender<bool>,
}

impl Drop for PendingWrite {
    fn drop(&mut self) {
        let _ = self.done.send(true);
        if let Ok(mut pending) = self.book.pending.lock() {
            if let Some(waits) = pending.get_mut(&self.visitor_key) {
                waits.retain(|w| !*w.borrow());
                if waits.is_empty() {
                    pending.remove(&self.visitor_key);
                }
            }
        }
        self.book.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

async fn wait_all(waits: Vec<watch::Receiver<bool>>) {
    let all = async {
        for mut wait in waits {
            // A sender dropped without an answer (its task ended) is done too.
            let _ = wait.wait_for(|done| *done).await;
        }
    };
    if tokio::time::timeout(SETTLE_WAIT, all).await.is_err() {
        tracing::warn!("pending experiment exposures did not land within the wait");
    }
}

/// The arm this process remembers for a visitor (stored or being stored),
/// without asking the database.
pub fn known_arm(db: &Db, experiment_id: &str, visitor_key: &str) -> Option<String> {
    db.exposures.known(experiment_id, visitor_key)
}

/// Waits (a bounded time) until this visitor's first exposures that this
/// process is writing have landed: before recording their conversions.
pub async fn settle(db: &Db, visitor_key: &str) {
    db.exposures.settle(visitor_key).await;
}

/// Stores a visitor's first exposure without making the caller wait for
/// the disk: the arm is remembered now and the row written by a task. When
/// too many writes are already waiting, writes it before answering.
pub async fn expose_behind(
    db: &Db,
    experiment_id: &str,
    visitor_key: &str,
    arm_key: &str,
    exposed_at: i64,
) -> Result<String, sqlx::Error> {
    let book = &db.exposures;
    let Some(pending) = book.begin(visitor_key) else {
        return super::experiments::expose(db, experiment_id, visitor_key, arm_key, exposed_at)
            .await;
    };
    book.remember(experiment_id, visitor_key, arm_key);
    let answer = arm_key.to_string();
    let (db, experiment_id, visitor_key, arm_key) = (
        db.clone(),
        experiment_id.to_string(),
        visitor_key.to_string(),
        arm_key.to_string(),
    );
    tokio::spawn(async move {
        // `expose` remembers the arm stored, which is another server's if
        // that one stored first.
        let stored =
            super::experiments::expose(&db, &experiment_id, &visitor_key, &arm_key, exposed_at)
                .await;
        if let Err(error) = stored {
            tracing::warn!(%error, experiment_id, "an experiment exposure was not stored");
            db.exposures.forget(&experiment_id, &visitor_key);
        }
        drop(pending);
    });
    Ok(answer)
}
