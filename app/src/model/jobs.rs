//! The job queue as the jobs page shows it.

use crate::domain::jobs::{JobKind, JobState};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSummary {
    pub id: String,
    pub kind: JobKind,
    pub state: JobState,
    /// What it works on, in words ("Email to ann@example.com: Reset …").
    pub subject: String,
    pub attempts: i64,
    /// When it runs next (queued) or ran last.
    pub run_at_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub last_error: String,
    pub created_at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobsOverview {
    pub jobs: Vec<JobSummary>,
    /// How many jobs are in each state (all of them, not just this list).
    pub counts: Vec<(JobState, i64)>,
    /// How many jobs "All" lists (routine checks that simply ran left out).
    pub listed_total: i64,
    /// Whether email jobs can run (a mail server is configured).
    pub mail_configured: bool,
}
