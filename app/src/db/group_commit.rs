//! Group commit: many small writes that must each be durable before they
//! are answered, committed together.
//!
//! On SQLite every commit waits for the disk (WAL with `synchronous=FULL`,
//! about 0.5 ms here) and only one writer writes at a time, so under load
//! the syncs, not the statements, limit how many writes a second the server
//! can acknowledge. Here a writer task takes every job queued so far (up to
//! [`MAX_GROUP`]), runs each inside its own savepoint of one transaction,
//! commits once, and only then answers each job: a job is acknowledged only
//! after its data is on disk, as before, but one sync serves the group. A
//! job that fails is rolled back to its savepoint alone; a commit that fails
//! fails every job of the group (none is answered as stored).
//!
//! PostgreSQL commits concurrent transactions in parallel (and groups their
//! WAL flushes itself), so there each job simply runs in a transaction of
//! its own.
//!
//! The queue lives in this process only, and holds nothing that was
//! acknowledged: a crash loses queued jobs whose callers never got an
//! answer, exactly as it loses requests in flight.

use super::Backend;
use futures_core::future::BoxFuture;
use sqlx::AnyPool;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{mpsc, oneshot, Mutex};

/// A transaction a job writes in.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Most jobs in one transaction: bounds how long the last of a group waits
/// for the others' statements.
pub const MAX_GROUP: usize = 64;
/// Jobs waiting for the writer before callers wait to queue (backpressure).
const QUEUE: usize = 1024;

/// Called after the group's commit with its outcome.
type Finish = Box<dyn FnOnce(Result<(), String>) + Send>;
/// Runs a job in the group's transaction; says whether it succeeded (else
/// it is rolled back to its savepoint) and how to answer it.
type Job = Box<dyn for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, (bool, Finish)> + Send>;

/// The writer of one database handle (cloned with it).
#[derive(Clone, Default)]
pub struct GroupCommit {
    /// The running writer's queue; replaced when that writer has ended (a
    /// job panicked), so one bad job cannot stop every later write.
    queue: Arc<std::sync::Mutex<Option<mpsc::Sender<Job>>>>,
}

impl std::fmt::Debug for GroupCommit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit").finish_non_exhaustive()
    }
}

impl GroupCommit {
    /// The writer's queue, starting a writer on first use or when the last
    /// one has ended.
    fn writer(&self, db: &super::Db) -> mpsc::Sender<Job> {
        let mut queue = self
            .queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match queue.as_ref() {
            Some(sender) if !sender.is_closed() => sender.clone(),
            ended => {
                if ended.is_some() {
                    tracing::error!("the group-commit writer ended; starting another");
                }
                let (sender, receiver) = mpsc::channel(QUEUE);
                tokio::spawn(write_groups(db.pool.clone(), db.writers.clone(), receiver));
                *queue = Some(sender.clone());
                sender
            }
        }
    }
}

impl super::Db {
    /// Runs `work` in a transaction and answers its result once the
    /// transaction has committed; on SQLite, batched with other callers'
    /// work (see the module). `work` must do nothing but database writes
    /// and reads: it may share its transaction with others.
    pub async fn group_commit<T, F>(&self, work: F) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Result<T, sqlx::Error>> + Send + 'static,
    {
        if self.backend == Backend::Postgres {
            let mut tx = self.pool.begin().await?;
            let out = work(&mut tx).await?;
            tx.commit().await?;
            return Ok(out);
        }
        let (reply, answer) = oneshot::channel::<Result<T, String>>();
        let job: Job = Box::new(move |tx: &mut Tx| {
            Box::pin(async move {
                match work(tx).await {
                    Ok(out) => {
                        let finish: Finish = Box::new(move |committed| {
                            let _ = reply.send(committed.map(|()| out));
                        });
                        (true, finish)
                    }
                    Err(err) => {
                        let message = err.to_string();
                        let finish: Finish = Box::new(move |_| {
                            let _ = reply.send(Err(message));
                        });
                        (false, finish)
                    }
                }
            })
        });
        let queue = self.group.writer(self);
        queue
            .send(job)
            .await
            .map_err(|_| sqlx::Error::WorkerCrashed)?;
        match answer.await {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(message)) => Err(sqlx::Error::Protocol(message)),
            // The writer dropped the job: its group failed before running it.
            Err(_) => Err(sqlx::Error::WorkerCrashed),
        }
    }
}

/// The writer task: one group at a time, holding this process's write turn
/// (see `Db::write_turn`) for the whole group.
async fn write_groups(pool: AnyPool, writers: Arc<Mutex<()>>, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    let mut idle_since = Instant::now();
    while queue.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let group = std::mem::take(&mut jobs);
        let size = group.len();
        let idle = idle_since.elapsed();
        let waiting = Instant::now();
        let _turn = writers.lock().await;
        let turn_wait = waiting.elapsed();
        let writing = Instant::now();
        let mut finishers = Vec::with_capacity(size);
        let outcome = write_group(&pool, group, &mut finishers).await;
        // How busy the one writer is (on SQLite it limits the lead path:
        // 97 % busy at 50 clients, docs/performance.md): idle before the
        // group, waiting for the write turn, then writing and committing it.
        tracing::debug!(
            jobs = size,
            idle_us = idle.as_micros() as u64,
            turn_wait_us = turn_wait.as_micros() as u64,
            write_us = writing.elapsed().as_micros() as u64,
            "group written"
        );
        idle_since = Instant::now();
        if let Err(err) = &outcome {
            tracing::error!(error = %err, jobs = size, "a group commit failed");
        }
        let outcome = outcome.map_err(|err| format!("the group's transaction failed: {err}"));
        for finish in finishers {
            finish(outcome.clone());
        }
    }
}

async fn write_group(
    pool: &AnyPool,
    group: Vec<Job>,
    finishers: &mut Vec<Finish>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for job in group {
        sqlx::query("SAVEPOINT group_job").execute(&mut *tx).await?;
        let (succeeded, finish) = job(&mut tx).await;
        finishers.push(finish);
        if !succeeded {
            sqlx::query("ROLLBACK TO group_job")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("RELEASE group_job").execute(&mut *tx).await?;
    }
    tx.commit().await
}
