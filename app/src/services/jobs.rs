//! Running the durable job queue: claim what is due, do it, record the
//! outcome. Every app server runs [`run_due`] on a timer; the claim makes
//! sure each job is worked by one of them at a time. Jobs of a kind this
//! server cannot do (email with no mail server configured) stay queued.

use crate::db::{jobs, outbound_emails, Db};
use crate::domain::jobs::{after_failure, AfterFailure, JobKind};
use crate::error::AppError;
use crate::services::mail::Mailer;

/// The payload of a `deliver_webhook` job.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct DeliverWebhook {
    pub delivery_id: String,
}

/// The payload of a `send_email` job.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SendEmail {
    pub email_id: String,
}

/// What one worker can do. [`Worker::new`] only sends email (the tests'
/// workers); [`Worker::for_server`] also runs the periodic jobs.
#[derive(Clone, Debug)]
pub struct Worker {
    /// Names this worker in the lease (process and a random part).
    pub id: String,
    pub mailer: Option<Mailer>,
    periodic: Option<Periodic>,
    /// For webhooks (servers only): a 10-second timeout per delivery.
    http: Option<reqwest::Client>,
    /// The period whose jobs this worker last proposed: a pure cache (the
    /// idempotency keys make proposing again harmless), so a server writes
    /// nothing for the schedule between periods.
    proposed_slot: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

/// What the periodic jobs need.
#[derive(Clone, Debug)]
pub struct Periodic {
    pub media_dir: std::path::PathBuf,
    /// The site's origin, for links in emails.
    pub public_url: String,
    /// How long a Tier-1 lead may wait uncontacted before admins are told.
    pub tier1_sla_ms: i64,
}

impl Worker {
    pub fn new(mailer: Option<Mailer>) -> Worker {
        Worker {
            id: format!("{}-{}", std::process::id(), crate::db::new_id()),
            mailer,
            periodic: None,
            http: None,
            proposed_slot: Default::default(),
        }
    }

    pub fn for_server(mailer: Option<Mailer>, periodic: Periodic) -> Worker {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .ok();
        Worker {
            periodic: Some(periodic),
            http,
            ..Worker::new(mailer)
        }
    }

    fn kinds(&self) -> Vec<JobKind> {
        let mut kinds = Vec::new();
        if self.mailer.is_some() {
            kinds.push(JobKind::SendEmail);
        }
        if self.periodic.is_some() {
            kinds.extend([
                JobKind::MediaSweep,
                JobKind::SlaCheck,
                JobKind::SequenceStep,
            ]);
        }
        if self.http.is_some() {
            kinds.push(JobKind::DeliverWebhook);
        }
        kinds
    }
}

impl Worker {
    /// Proposes the periodic jobs once per period (a server's worker, each
    /// round); nothing is written while the period is the same.
    pub async fn propose_periodic(&self, db: &Db) -> Result<(), AppError> {
        use std::sync::atomic::Ordering;
        if self.periodic.is_none() {
            return Ok(());
        }
        let slot = crate::db::now_ms().div_euclid(crate::domain::jobs::SLA_CHECK_EVERY_MS);
        if self.proposed_slot.swap(slot, Ordering::Relaxed) != slot {
            schedule_periodic(db).await?;
        }
        Ok(())
    }
}

/// Proposes this period's periodic jobs; the idempotency key keeps each to
/// one across all app servers.
pub async fn schedule_periodic(db: &Db) -> Result<(), AppError> {
    let now = crate::db::now_ms();
    // Like every other write on SQLite, in this process's writing turn.
    let _turn = db.write_turn().await;
    for (kind, key, run_at) in crate::domain::jobs::periodic_jobs(now) {
        jobs::enqueue(&db.pool, kind, "{}", &key, run_at).await?;
    }
    Ok(())
}

/// Works through every job due now; returns how many were tried.
pub async fn run_due(db: &Db, worker: &Worker) -> Result<usize, AppError> {
    let kinds = worker.kinds();
    let mut tried = 0;
    while let Some(job) = jobs::claim_next(db, &worker.id, &kinds).await? {
        tried += 1;
        let outcome = match JobKind::parse(&job.kind) {
            Some(JobKind::SendEmail) => send_email(db, worker, &job).await,
            Some(JobKind::MediaSweep) => sweep_media(db, worker).await,
            Some(JobKind::SlaCheck) => check_reply_times(db, worker).await,
            Some(JobKind::DeliverWebhook) => match (
                &worker.http,
                serde_json::from_str::<DeliverWebhook>(&job.payload_json),
            ) {
                (Some(http), Ok(payload)) => {
                    crate::services::webhooks::deliver(db, http, &payload.delivery_id).await
                }
                (None, _) => Err("no HTTP client here".to_string()),
                (_, Err(e)) => Err(format!("bad payload: {e}")),
            },
            Some(JobKind::SequenceStep) => run_sequence_step(db, worker, &job).await,
            None => Err(format!("unknown kind of job \"{}\"", job.kind)),
        };
        match outcome {
            Ok(()) => {
                jobs::finish(db, &job.id, &worker.id).await?;
                tracing::info!(job = %job.id, kind = %job.kind, "job done");
            }
            Err(error) => {
                let next = after_failure(
                    job.attempts,
                    job.started_at,
                    crate::db::now_ms(),
                    rand::random::<f64>(),
                );
                tracing::warn!(job = %job.id, kind = %job.kind, attempts = job.attempts, %error, ?next, "job failed");
                jobs::fail(db, &job.id, &worker.id, &error, next).await?;
                if next == AfterFailure::GiveUp {
                    if let Ok(SendEmail { email_id }) = serde_json::from_str(&job.payload_json) {
                        outbound_emails::mark_failed(db, &email_id).await?;
                    }
                    if let Ok(DeliverWebhook { delivery_id }) =
                        serde_json::from_str(&job.payload_json)
                    {
                        crate::db::webhooks::mark_failed(db, &delivery_id).await?;
                    }
                }
            }
        }
    }
    Ok(tried)
}

async fn run_sequence_step(db: &Db, worker: &Worker, job: &jobs::JobRow) -> Result<(), String> {
    let periodic = worker
        .periodic
        .as_ref()
        .ok_or("not set up for follow-up email")?;
    let step: crate::services::sequences::SequenceStep =
        serde_json::from_str(&job.payload_json).map_err(|e| format!("bad payload: {e}"))?;
    crate::services::sequences::run_step(db, &periodic.public_url, &step)
        .await
        .map_err(|e| format!("{e:?}"))
}

async fn sweep_media(db: &Db, worker: &Worker) -> Result<(), String> {
    let periodic = worker.periodic.as_ref().ok_or("no media directory here")?;
    let report = crate::services::media_sweep::sweep(
        db,
        &periodic.media_dir,
        crate::domain::media_sweep::DEFAULT_GRACE,
        false,
    )
    .await
    .map_err(|e| e.to_string())?;
    // The daily tidy-up also drops finished periodic jobs older than a week.
    let pruned = jobs::prune_periodic(db, crate::db::now_ms() - 7 * 24 * 60 * 60 * 1000)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(?report, pruned, "media sweep done");
    Ok(())
}

/// Tier-1 leads still new after the promised reply time: one email to each
/// admin listing them, and each lead reported once.
async fn check_reply_times(db: &Db, worker: &Worker) -> Result<(), String> {
    use crate::domain::lead_notification::{late_leads_email, LateLead};
    let periodic = worker
        .periodic
        .as_ref()
        .ok_or("not set up for periodic jobs")?;
    let now = crate::db::now_ms();
    let late = crate::db::lead_sla::overdue_tier1(db, now - periodic.tier1_sla_ms)
        .await
        .map_err(|e| e.to_string())?;
    if late.is_empty() {
        return Ok(());
    }
    let admins = crate::db::lead_sla::admin_emails(db)
        .await
        .map_err(|e| e.to_string())?;
    let promise = crate::domain::dates::duration_words(periodic.tier1_sla_ms / 1000);
    let ids: Vec<String> = late.iter().map(|l| l.id.clone()).collect();
    let emails_for = |marked: &[String]| {
        let listed: Vec<LateLead> = late
            .iter()
            .filter(|lead| marked.contains(&lead.id))
            .map(|lead| LateLead {
                name: crate::domain::lead_capture::contact_name(&lead.first_name, &lead.last_name),
                company: lead.company_name.clone(),
                waited: crate::domain::dates::duration_words((now - lead.created_at) / 1000),
                url: format!("{}/admin/leads/{}", periodic.public_url, lead.id),
            })
            .collect();
        let (subject, body) = late_leads_email(&listed, &promise);
        admins
            .iter()
            .map(|to| (to.clone(), subject.clone(), body.clone()))
            .collect()
    };
    let reported = crate::db::lead_sla::report(db, &ids, emails_for)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(leads = reported, "admins told of late Tier-1 leads");
    Ok(())
}

async fn send_email(db: &Db, worker: &Worker, job: &jobs::JobRow) -> Result<(), String> {
    let mailer = worker
        .mailer
        .as_ref()
        .ok_or("no mail server is configured")?;
    let SendEmail { email_id } =
        serde_json::from_str(&job.payload_json).map_err(|e| format!("bad payload: {e}"))?;
    let email = outbound_emails::by_id(db, &email_id)
        .await
        .map_err(|e| format!("could not read the email: {e}"))?
        .ok_or("the email no longer exists")?;
    if email.status == "sent" {
        // Sent by an earlier attempt whose result was not recorded.
        return Ok(());
    }
    mailer
        .send(
            &crate::services::mail::OutgoingEmail {
                to: &email.to_address,
                subject: &email.subject,
                body_text: &email.body_text,
                body_html: &email.body_html,
                unsubscribe_url: &email.unsubscribe_url,
            },
            &job.idempotency_key,
        )
        .await?;
    outbound_emails::mark_sent(db, &email.id)
        .await
        .map_err(|e| format!("sent, but not recorded: {e}"))
}

/// Admins: the newest jobs (optionally in one state) with what each works on.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn overview(
    db: &Db,
    state: Option<crate::domain::jobs::JobState>,
    mail_configured: bool,
) -> Result<crate::model::jobs::JobsOverview, AppError> {
    use crate::domain::jobs::JobState;
    use crate::model::jobs::{JobSummary, JobsOverview};
    let rows = jobs::list(db, state, 100).await?;
    // What the jobs work on, read in one query per kind (not one per row).
    let email_ids: Vec<String> = rows
        .iter()
        .filter_map(|r| serde_json::from_str::<SendEmail>(&r.payload_json).ok())
        .map(|p| p.email_id)
        .collect();
    let delivery_ids: Vec<String> = rows
        .iter()
        .filter_map(|r| serde_json::from_str::<DeliverWebhook>(&r.payload_json).ok())
        .map(|p| p.delivery_id)
        .collect();
    let emails = outbound_emails::by_ids(db, &email_ids).await?;
    let deliveries = crate::db::webhooks::deliveries_by_ids(db, &delivery_ids).await?;
    let mut summaries = Vec::new();
    for row in rows {
        let kind = JobKind::parse(&row.kind)
            .ok_or_else(|| AppError::internal(format!("unknown job kind {}", row.kind)))?;
        let state = JobState::parse(&row.state)
            .ok_or_else(|| AppError::internal(format!("unknown job state {}", row.state)))?;
        let subject = match kind {
            JobKind::MediaSweep | JobKind::SlaCheck => String::new(),
            JobKind::SequenceStep => {
                match serde_json::from_str::<crate::services::sequences::SequenceStep>(
                    &row.payload_json,
                ) {
                    Ok(step) => format!("{} (lead {})", step.template.label(), step.lead_id),
                    Err(_) => String::new(),
                }
            }
            JobKind::DeliverWebhook => {
                match serde_json::from_str::<DeliverWebhook>(&row.payload_json) {
                    Ok(DeliverWebhook { delivery_id }) => {
                        match deliveries.iter().find(|d| d.id == delivery_id) {
                            Some(d) => format!("{} (delivery {})", d.event, d.id),
                            None => "A delivery that no longer exists".to_string(),
                        }
                    }
                    Err(_) => String::new(),
                }
            }
            JobKind::SendEmail => serde_json::from_str::<SendEmail>(&row.payload_json)
                .ok()
                .and_then(|p| emails.iter().find(|e| e.id == p.email_id))
                .map_or_else(
                    || "An email that no longer exists".to_string(),
                    |e| format!("Email to {}: {}", e.to_address, e.subject),
                ),
        };
        summaries.push(JobSummary {
            id: row.id,
            kind,
            state,
            subject,
            attempts: row.attempts,
            run_at_ms: row.run_at,
            finished_at_ms: row.finished_at,
            last_error: row.last_error,
            created_at_ms: row.created_at,
        });
    }
    let counts = jobs::counts(db)
        .await?
        .into_iter()
        .filter_map(|(state, n)| JobState::parse(&state).map(|s| (s, n)))
        .collect();
    Ok(JobsOverview {
        jobs: summaries,
        counts,
        listed_total: jobs::listed_count(db).await?,
        mail_configured,
    })
}

/// Admins: run a job that gave up or was cancelled again now. Audited.
#[tracing::instrument(skip_all, fields(job = %id), err(Debug, level = "info"))]
pub async fn retry(
    db: &Db,
    admin: &crate::model::auth::CurrentUser,
    id: &str,
) -> Result<(), AppError> {
    if !jobs::retry(db, id).await? {
        return Err(AppError::conflict(
            "id",
            "Only a job that gave up or was cancelled can be retried.",
        ));
    }
    crate::db::audit::record(
        db,
        Some(&admin.id),
        "job.retried",
        id,
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// Admins: stop a job that has not run yet. Audited.
#[tracing::instrument(skip_all, fields(job = %id), err(Debug, level = "info"))]
pub async fn cancel(
    db: &Db,
    admin: &crate::model::auth::CurrentUser,
    id: &str,
) -> Result<(), AppError> {
    if !jobs::cancel(db, id).await? {
        return Err(AppError::conflict(
            "id",
            "Only a waiting job can be cancelled.",
        ));
    }
    crate::db::audit::record(
        db,
        Some(&admin.id),
        "job.cancelled",
        id,
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}
