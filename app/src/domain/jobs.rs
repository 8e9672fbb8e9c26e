//! The durable job queue's rules, without the database: what a job is, when
//! a failed one is tried again (exponential backoff with jitter) and when it
//! is given up (dead-lettered) instead.

use serde::{Deserialize, Serialize};

/// What a job does. Stored as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Deliver one row of `outbound_emails` by SMTP.
    SendEmail,
    /// Delete uploaded images nothing uses (once a day).
    MediaSweep,
    /// Tell admins of Tier-1 leads nobody contacted in time (every few minutes).
    SlaCheck,
    /// POST one row of `webhook_deliveries` to its endpoint, signed.
    DeliverWebhook,
    /// Write one email of a lead's follow-up sequence, if it still goes.
    SequenceStep,
}

impl JobKind {
    pub const ALL: [JobKind; 5] = [
        JobKind::SendEmail,
        JobKind::MediaSweep,
        JobKind::SlaCheck,
        JobKind::DeliverWebhook,
        JobKind::SequenceStep,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::SendEmail => "send_email",
            JobKind::MediaSweep => "media_sweep",
            JobKind::SlaCheck => "sla_check",
            JobKind::DeliverWebhook => "deliver_webhook",
            JobKind::SequenceStep => "sequence_step",
        }
    }

    pub fn parse(value: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            JobKind::SendEmail => "Send an email",
            JobKind::MediaSweep => "Clean up unused images",
            JobKind::SlaCheck => "Check reply times",
            JobKind::DeliverWebhook => "Deliver a webhook",
            JobKind::SequenceStep => "Follow-up email",
        }
    }
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// How often the reply-time check runs.
pub const SLA_CHECK_EVERY_MS: i64 = 5 * 60 * 1000;

/// The periodic jobs due in the period containing `now`, each with the
/// idempotency key of its period: every app server proposes them each
/// round and the key keeps it to one job per period. (kind, key, run_at)
pub fn periodic_jobs(now: i64) -> [(JobKind, String, i64); 2] {
    let day = now.div_euclid(DAY_MS);
    let slot = now.div_euclid(SLA_CHECK_EVERY_MS);
    [
        (
            JobKind::MediaSweep,
            format!("media-sweep-{day}"),
            day * DAY_MS,
        ),
        (
            JobKind::SlaCheck,
            format!("sla-check-{slot}"),
            slot * SLA_CHECK_EVERY_MS,
        ),
    ]
}

/// Where a job is in its life. Stored as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for its `run_at`.
    Queued,
    /// Claimed by a worker until its lease ends.
    Running,
    Done,
    /// Given up after too many failures or too long; an admin may retry it.
    Dead,
    /// Stopped by an admin before it ran.
    Cancelled,
}

impl JobState {
    pub const ALL: [JobState; 5] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Dead,
        JobState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "dead",
            JobState::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            JobState::Queued => "Waiting",
            JobState::Running => "Running",
            JobState::Done => "Done",
            JobState::Dead => "Gave up",
            JobState::Cancelled => "Cancelled",
        }
    }

    /// An admin may send it again (it failed for good, or was cancelled).
    pub fn may_retry(self) -> bool {
        matches!(self, JobState::Dead | JobState::Cancelled)
    }

    /// An admin may stop it (it has not run yet).
    pub fn may_cancel(self) -> bool {
        self == JobState::Queued
    }
}

/// The first retry waits this long; each next one twice as long.
pub const FIRST_RETRY_MS: i64 = 30_000;
/// No single wait is longer than this.
pub const MAX_RETRY_MS: i64 = 60 * 60 * 1000;
/// A job failing for longer than this since it was made is given up.
pub const GIVE_UP_AFTER_MS: i64 = 24 * 60 * 60 * 1000;
/// A job failing this many times is given up.
pub const MAX_ATTEMPTS: i64 = 12;
/// How long a worker holds a claimed job before another may take it over
/// (a worker that died mid-job).
pub const LEASE_MS: i64 = 5 * 60 * 1000;

/// What happens after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryAt(i64),
    GiveUp,
}

/// After attempt number `attempts` (1 for the first) failed at `now`, for a
/// job created at `created_at`: wait 30 s, 1 min, 2 min … (at most an hour),
/// each shortened by up to a quarter at random (`jitter` in 0..1) so many
/// jobs failing together do not all come back at once; give up after
/// [`MAX_ATTEMPTS`] or once [`GIVE_UP_AFTER_MS`] have passed.
pub fn after_failure(attempts: i64, created_at: i64, now: i64, jitter: f64) -> AfterFailure {
    if attempts >= MAX_ATTEMPTS || now - created_at >= GIVE_UP_AFTER_MS {
        return AfterFailure::GiveUp;
    }
    let exponent = (attempts.max(1) - 1).min(20) as u32;
    let wait = FIRST_RETRY_MS
        .saturating_mul(1_i64 << exponent)
        .min(MAX_RETRY_MS);
    let jitter = jitter.clamp(0.0, 1.0);
    let wait = wait - (wait as f64 * 0.25 * jitter) as i64;
    AfterFailure::RetryAt(now + wait)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn waits_double_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9)
            .map(|n| match after_failure(n, 0, 0, 0.0) {
                AfterFailure::RetryAt(at) => at,
                AfterFailure::GiveUp => panic!("attempt {n} gave up"),
            })
            .collect();
        assert_eq!(
            waits,
            [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]
        );
        assert_eq!(after_failure(MAX_ATTEMPTS, 0, 0, 0.0), AfterFailure::GiveUp);
        assert_eq!(
            after_failure(1, 0, GIVE_UP_AFTER_MS, 0.0),
            AfterFailure::GiveUp,
            "a day of failing is enough"
        );
    }

    #[test]
    fn periodic_jobs_have_one_key_per_period() {
        let now = 20_000 * DAY_MS + 3 * 60 * 60 * 1000 + 7 * 60 * 1000;
        let [(sweep, day_key, day_start), (check, slot_key, slot_start)] = periodic_jobs(now);
        assert_eq!((sweep, check), (JobKind::MediaSweep, JobKind::SlaCheck));
        assert_eq!(day_key, "media-sweep-20000");
        assert!(day_start <= now && now - day_start < DAY_MS);
        assert!(slot_start <= now && now - slot_start < SLA_CHECK_EVERY_MS);
        let later = periodic_jobs(now + SLA_CHECK_EVERY_MS);
        assert_eq!(later[0].1, day_key, "the same day: the same sweep");
        assert_ne!(later[1].1, slot_key, "the next slot: another check");
    }

    #[test]
    fn names_round_trip() {
        for state in JobState::ALL {
            assert_eq!(JobState::parse(state.as_str()), Some(state));
        }
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(JobState::parse("lost"), None);
    }

    proptest! {
        /// A retry is always in the future, never more than an hour away,
        /// and jitter only ever shortens the wait.
        #[test]
        fn retries_stay_in_bounds(attempts in 1i64..MAX_ATTEMPTS, now in 0i64..GIVE_UP_AFTER_MS, jitter in 0.0f64..=1.0) {
            match after_failure(attempts, 0, now, jitter) {
                AfterFailure::RetryAt(at) => {
                    prop_assert!(at > now);
                    prop_assert!(at - now <= MAX_RETRY_MS);
                    let AfterFailure::RetryAt(plain) = after_failure(attempts, 0, now, 0.0) else { unreachable!() };
                    prop_assert!(at <= plain && at - now >= (plain - now) * 3 / 4);
                }
                AfterFailure::GiveUp => prop_assert!(false, "gave up early"),
            }
        }
    }
}
