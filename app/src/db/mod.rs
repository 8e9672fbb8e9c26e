//! Database access. One binary talks to SQLite or PostgreSQL through sqlx's
//! `Any` driver, chosen by the URL scheme; every statement uses `$N`
//! placeholders and only portable column types (see docs/architecture.md).

pub mod audit;
pub mod case_studies;
pub mod case_study_admin;
pub mod consultants;
pub mod content_version;
pub mod email_templates;
pub mod events;
pub mod experiments;
pub mod exposures;
pub mod form_drafts;
pub mod group_commit;
pub mod jobs;
pub mod landing_pages;
pub mod lead_inputs;
pub mod lead_sla;
pub mod lead_start;
pub mod lead_submissions;
pub mod lead_workspace;
pub mod leads;
pub mod login_failures;
pub mod media_references;
pub mod media_uploads;
pub mod outbound_emails;
pub mod password_links;
pub mod portfolio;
pub mod rate_limits;
pub mod roi_calculations;
pub mod sequences;
pub mod sessions;
pub mod settings;
pub mod users;
pub mod visitors;
pub mod webhooks;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::time::Duration;

pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// A pooled connection idle at least this long is pinged before use.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite has one write lock per file; writers that find it taken sleep
    /// and retry (busy timeout), which makes latency spiky under load. Writers
    /// of this process queue here first instead. Correctness still rests on
    /// SQLite's own locking (other processes may write too).
    writers: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Which experiment runs on which page, as read a moment ago (see
    /// `experiments::LiveCache`): every landing-page render asks.
    pub(crate) live_experiments: experiments::LiveCache,
    /// Visitors' arms, and first exposures being written behind renders.
    pub(crate) exposures: exposures::ExposureBook,
    /// What every lead submission reads, as read a moment ago (see
    /// `lead_inputs`).
    pub(crate) lead_inputs: lead_inputs::LeadInputsCache,
    /// The SQLite writer task that commits queued writes together
    /// (`Db::group_commit`), started on first use.
    group: group_commit::GroupCommit,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite:, postgres: or postgresql: (got \"{0}\")")]
    UnsupportedScheme(String),
    #[error("could not create the directory for the SQLite file {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Connects (creating the SQLite file and its directory if needed).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, ConnectError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)
            .ok_or_else(|| ConnectError::UnsupportedScheme(redact_url(url)))?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            // sqlx pings every connection before handing it out: a full round
            // trip before each query, which doubled the cost of a point
            // lookup. Only a connection idle for a while is checked now. The
            // bound is under PostgreSQL's 5 s idle-in-transaction timeout
            // (below), which ends the session of a connection left with an
            // open transaction: such a connection has been idle at least that
            // long, so it is pinged and replaced, never handed out dead.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= IDLE_BEFORE_PING {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Writers wait for each other instead of failing at once.
                        conn.execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")
                            .await?;
                    } else {
                        // A transaction whose request was dropped mid-way goes back
                        // to the pool still open (sqlx rolls it back only when the
                        // connection is next used), holding its row locks; other
                        // requests would wait on them without end. The server ends
                        // such a transaction after 5 s, and no statement waits for a
                        // lock longer than 10 s: an error, not a hung page.
                        conn.execute(
                            "SET idle_in_transaction_session_timeout = 5000; SET lock_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        if backend == Backend::Sqlite {
            // WAL lets readers proceed while one writer writes; it persists in the file.
            pool.execute("PRAGMA journal_mode = WAL").await?;
        }
        Ok(Db {
            pool,
            backend,
            writers: Default::default(),
            live_experiments: Default::default(),
            exposures: Default::default(),
            lead_inputs: Default::default(),
            group: Default::default(),
        })
    }

    /// Waits for this process's turn to write (SQLite only; PostgreSQL has
    /// row locks and needs no queue). Hold the guard for the whole write.
    pub async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writers.lock().await),
            Backend::Postgres => None,
        }
    }

    /// Waits (a bounded time) until the first exposures this process is
    /// writing behind renders have landed: before the pool closes, and in
    /// tests before they count rows.
    pub async fn settle_exposures(&self) {
        self.exposures.settle_all().await;
    }

    /// Forgets what this process keeps of the back office's data (which
    /// experiments run where, what lead submissions read), so the next
    /// request reads it: when another app server is known to have edited
    /// something, or after a seed.
    pub fn forget_cached_reads(&self) {
        self.live_experiments.clear();
        self.lead_inputs.clear();
    }

    pub async fn migrate(&self) -> Result<(), ConnectError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// A cheap round trip, for health checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// `sqlite://path` → ensure the directory exists and the file is created on first use.
fn prepare_sqlite_url(url: &str) -> Result<String, ConnectError> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or_default();
    if !path.is_empty() && path != ":memory:" {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|source| ConnectError::CreateDir {
                    path: path.to_string(),
                    source,
                })?;
            }
        }
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Hides the password of a database URL so it can be logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `$1, $2, … $n`: the placeholders of an `IN (…)` list of `n` values, in
/// the form both databases read through the Any driver.
pub fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Milliseconds since the Unix epoch: the timestamp convention of every table.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// A new primary key: a UUIDv7 as text (time-ordered, so indexes stay compact).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_backends_by_scheme() {
        assert_eq!(Backend::from_url("sqlite://x.db"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::from_url("postgres://u@h/d"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/d"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://u@h/d"), None);
    }

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/ce"),
            "postgres://app:***@db:5432/ce"
        );
        assert_eq!(redact_url("postgres://app@db/ce"), "postgres://app@db/ce");
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join(format!("ce-test-{}", new_id()));
        let url = format!("sqlite://{}/app.db", dir.display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
