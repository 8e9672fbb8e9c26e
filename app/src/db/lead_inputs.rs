//! What every lead submission reads that staff change rarely: the published
//! studies' evidence, the consultants, the scoring settings and the new-lead
//! email template. Four queries on every submission, so they are kept for
//! [`FRESH_FOR`] (a pure cache: nothing is written through it).
//!
//! Staleness: none after a change made through this process (the writes to
//! those tables call [`super::Db::forget_cached_reads`]); at most
//! [`FRESH_FOR`] after a change made by another app server or outside the
//! app. For that long a lead may be scored or routed as before the change,
//! exactly as if it had arrived a moment earlier.

use super::consultants::ConsultantRow;
use super::email_templates::EmailTemplateRow;
use super::roi_calculations::EvidenceRow;
use super::Db;
use crate::domain::email_templates::TemplateKey;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a reading is used: the staleness bound across app servers.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// The settings key of the admin-editable scoring weights.
pub const SCORING_SETTINGS_KEY: &str = "lead_scoring";

/// One reading of the four.
#[derive(Debug)]
pub struct LeadInputs {
    /// Published case studies, by slug.
    pub evidence: Vec<EvidenceRow>,
    /// Every consultant (active or not: matching decides).
    pub consultants: Vec<ConsultantRow>,
    /// The stored scoring settings, if an admin saved any.
    pub scoring_settings_json: Option<String>,
    /// The edited new-lead email, if it was edited.
    pub new_lead_template: Option<EmailTemplateRow>,
}

impl LeadInputs {
    pub fn consultant(&self, id: &str) -> Option<&ConsultantRow> {
        self.consultants.iter().find(|c| c.id == id)
    }
}

/// A reading and when it began.
type Kept = Option<(Instant, Arc<LeadInputs>)>;

#[derive(Debug, Clone, Default)]
pub struct LeadInputsCache {
    kept: Arc<Mutex<Kept>>,
    /// Moves on every clear: a reading that began before it is not kept.
    generation: Arc<AtomicU64>,
}

impl LeadInputsCache {
    fn fresh(&self) -> Option<Arc<LeadInputs>> {
        let kept = self.kept.lock().ok()?;
        kept.as_ref()
            .filter(|(at, _)| at.elapsed() < FRESH_FOR)
            .map(|(_, inputs)| inputs.clone())
    }

    fn keep(&self, read_in_generation: u64, inputs: Arc<LeadInputs>, read_at: Instant) {
        if let Ok(mut kept) = self.kept.lock() {
            // Checked under the lock that `clear` also takes, so a change
            // that landed during the reading is never hidden behind it.
            if self.generation.load(Ordering::Acquire) == read_in_generation {
                *kept = Some((read_at, inputs));
            }
        }
    }

    /// Passes on the outcome of a write to a table kept here, forgetting
    /// the copy first (also when the write failed: it may have landed).
    pub fn after_write<T>(&self, outcome: T) -> T {
        self.clear();
        outcome
    }

    pub fn clear(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            self.generation.fetch_add(1, Ordering::AcqRel);
            *kept = None;
        }
    }
}

/// The four readings, from memory when they were read less than
/// [`FRESH_FOR`] ago.
pub async fn current(db: &Db) -> Result<Arc<LeadInputs>, sqlx::Error> {
    let cache = &db.lead_inputs;
    if let Some(inputs) = cache.fresh() {
        return Ok(inputs);
    }
    let generation = cache.generation.load(Ordering::Acquire);
    // Timed from before the reading, so nothing is used longer than
    // FRESH_FOR after it was read.
    let read_at = Instant::now();
    let (evidence, consultants, scoring_settings_json, new_lead_template) = tokio::try_join!(
        super::roi_calculations::published_evidence(db),
        super::consultants::list_all(db),
        super::settings::get(db, SCORING_SETTINGS_KEY),
        super::email_templates::get(db, TemplateKey::NewLead),
    )?;
    let inputs = Arc::new(LeadInputs {
        evidence,
        consultants,
        scoring_settings_json,
        new_lead_template,
    });
    cache.keep(generation, inputs.clone(), read_at);
    Ok(inputs)
}
