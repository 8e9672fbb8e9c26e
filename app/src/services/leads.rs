//! Capturing a lead: rate limits, spam checks, validation, linking the
//! visitor's earlier activity, scoring, routing to a consultant, and storing
//! it exactly once (a repeat from the same address within a day is kept
//! beside the lead, never over it). The rules themselves (repeats, what the
//! prospect is told, timeline texts) are in `domain::lead_capture`.

use crate::db::consultants::{self as db_consultants, ConsultantRow};
use crate::db::leads::{self as db_leads, Claim, NewInteraction, NewLead};
use crate::db::roi_calculations::{self as db_roi, EvidenceRow};
use crate::db::{lead_inputs, lead_submissions, new_id, now_ms, outbound_emails, Db};
use crate::domain::consultant_match::{
    best_assignee, rank, ConsultantCandidate, ConsultantMatch, MatchRequest,
};
use crate::domain::email_templates::TemplateKey;
use crate::domain::lead_capture::response_time;
use crate::domain::lead_capture::{self as rules, Answers};
use crate::domain::lead_fields::Tier;
use crate::domain::lead_form::{honeypot_refusal, BookingPrefill, LeadForm, LeadSubmission};
use crate::domain::lead_score::{score, Engagement, Fit, LeadScore, ScoreInput, ScoringSettings};
use crate::domain::roi::{known_industries, StudyEvidence};
use crate::error::AppError;
use crate::model::leads::{AssignedConsultant, ThankYou};
use crate::services::rate_limit;
use crate::services::visitor::Client;
use crate::state::RuntimeSettings;

/// The settings key of the admin-editable scoring weights.
pub use crate::db::lead_inputs::SCORING_SETTINGS_KEY;

#[derive(Debug, Clone)]
pub struct CaptureOutcome {
    /// What the prospect sees next; its `lead_id` is the new lead's id, or
    /// for a repeat the submission's own id (never the lead's).
    pub thank_you: ThankYou,
    /// True when the address already had a lead from the last day (kept to
    /// the server: the reply must not tell an earlier submission exists).
    pub repeat: bool,
    pub score: LeadScore,
}

/// The thank-you data of one submission: the one conversion used for a
/// capture (server function and REST alike) and for a thank-you page
/// opened later.
pub fn thank_you(
    reference: String,
    tier: Tier,
    consultant: Option<AssignedConsultant>,
    booking_url: Option<String>,
) -> ThankYou {
    ThankYou {
        next_steps: rules::next_steps(
            tier,
            consultant.as_ref().map(|c| c.first_name.as_str()),
            booking_url.is_some(),
        ),
        estimated_response_time: rules::response_time(tier).to_string(),
        lead_id: reference,
        consultant,
        booking_url,
    }
}

/// The admin-set scoring settings, or the documented defaults.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn scoring_settings(db: &Db) -> Result<ScoringSettings, AppError> {
    let stored = crate::db::settings::get(db, SCORING_SETTINGS_KEY).await?;
    scoring_settings_from(stored.as_deref())
}

/// The scoring settings as stored (JSON), or the defaults when none are.
pub fn scoring_settings_from(stored: Option<&str>) -> Result<ScoringSettings, AppError> {
    match stored {
        Some(json) => serde_json::from_str(json).map_err(AppError::from),
        None => Ok(ScoringSettings::default()),
    }
}

/// Every consultant as a matching candidate, with the published studies they
/// led in the lead's industry and on its challenge.
pub fn candidates(
    consultants: &[ConsultantRow],
    evidence: &[EvidenceRow],
    request: &MatchRequest,
) -> Result<Vec<ConsultantCandidate>, AppError> {
    consultants
        .iter()
        .map(|row| {
            let led = evidence
                .iter()
                .filter(|e| e.consultant_id.as_deref() == Some(row.id.as_str()));
            let studies_in_industry = led
                .clone()
                .filter(|e| {
                    Some(e.industry_sic_code.as_str()) == request.industry_sic_code.as_deref()
                })
                .count() as u32;
            let studies_for_challenge = led
                .filter(|e| e.challenge == request.challenge.as_str())
                .count() as u32;
            Ok(ConsultantCandidate {
                name: format!("{} {}", row.first_name, row.last_name),
                primary_industries: db_consultants::json_list(&row.primary_industries_json)?,
                secondary_industries: db_consultants::json_list(&row.secondary_industries_json)?,
                specializations: db_consultants::json_list(&row.specializations_json)?,
                capacity_pct: row.capacity_pct.clamp(0, 100) as u8,
                available_for_new_clients: row.available_for_new_clients == 1,
                active: row.active == 1,
                satisfaction: row.satisfaction_score,
                years_experience: row.years_experience.clamp(0, 70) as u32,
                studies_in_industry,
                studies_for_challenge,
                id: row.id.clone(),
            })
        })
        .collect()
}

/// A lead's behaviour before the form, as the server recorded it for the
/// visitor's cookie. What the request claims (studies read, an estimate id,
/// seconds on site) is not believed: those raise the score, so a prospect
/// could otherwise inflate it. An estimate counts only if this visitor made it.
struct Behaviour {
    viewed: Vec<(String, String)>,
    roi_calculation_id: Option<String>,
    time_on_site_secs: i64,
}

/// A tab left open for days is not engagement; the scoring caps at 10 minutes anyway.
const MAX_TIME_ON_SITE_SECS: i64 = 24 * 60 * 60;

async fn behaviour(
    db: &Db,
    client: &Client,
    sub: &LeadSubmission,
    now: i64,
) -> Result<Behaviour, AppError> {
    let Some(key) = &client.visitor_key else {
        return Ok(Behaviour {
            viewed: Vec::new(),
            roi_calculation_id: None,
            time_on_site_secs: 0,
        });
    };
    let viewed = db_leads::case_studies_viewed_by(db, key).await?;
    // The estimate the form names, if this visitor made it; else their latest.
    let mut roi_calculation_id = None;
    if let Some(id) = &sub.roi_calculation_id {
        roi_calculation_id = db_roi::by_id(db, id)
            .await?
            .filter(|row| row.visitor_key.as_deref() == Some(key.as_str()))
            .map(|row| row.id);
    }
    if roi_calculation_id.is_none() {
        roi_calculation_id = db_roi::latest_for_visitor(db, key).await?;
    }
    let time_on_site_secs = crate::db::visitors::first_activity(db, key)
        .await?
        .map(|first| ((now - first) / 1000).clamp(0, MAX_TIME_ON_SITE_SECS))
        .unwrap_or(0);
    Ok(Behaviour {
        viewed,
        roi_calculation_id,
        time_on_site_secs,
    })
}

/// Published case studies in this industry (none for "other").
pub fn studies_in_industry(evidence: &[StudyEvidence], industry_sic_code: Option<&str>) -> u32 {
    let count = evidence
        .iter()
        .filter(|e| Some(e.industry_sic_code.as_str()) == industry_sic_code)
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// The answers of a stored lead, as a repeat submission is compared with them.
fn stored_answers(row: &db_leads::LeadRow) -> Answers<'_> {
    Answers {
        first_name: &row.first_name,
        last_name: &row.last_name,
        company: &row.company_name,
        job_title: &row.job_title,
        phone: &row.phone,
        website: &row.website,
        industry: &row.industry_name,
        revenue: &row.annual_revenue_range,
        size: &row.company_size_range,
        challenge: &row.primary_challenge,
        description: &row.challenge_description,
        timeline: &row.timeline,
        budget: row.budget_range.as_deref().unwrap_or_default(),
        authority: &row.decision_authority,
    }
}

/// The consultant a lead went to, as the prospect sees them.
pub fn assigned_summary(row: db_consultants::ConsultantRow) -> AssignedConsultant {
    crate::services::showcase::consultant_summary(row).into()
}

/// Captures a submitted lead form; see the module docs.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
/// From `runtime` it takes the lead rate limits and the site's origin (for
/// the link in the consultant's email).
pub async fn capture(
    db: &Db,
    client: &Client,
    form: &LeadForm,
    runtime: &RuntimeSettings,
) -> Result<CaptureOutcome, AppError> {
    rate_limit::enforce(db, &runtime.lead_rate_limits, &client.ip).await?;
    // Evidence, consultants, settings and the email template, as read a
    // moment ago (see `db::lead_inputs` for how stale they may be).
    let inputs = lead_inputs::current(db).await?;
    let evidence_rows = &inputs.evidence;
    let evidence = crate::services::roi::evidence_from_rows(evidence_rows);
    let industries = known_industries(&evidence);
    // `parse` runs the spam checks once: content findings (links in names,
    // disposable addresses…) come back with the other field errors, and a
    // filled honeypot refuses the whole form with its message alone.
    let sub = form.parse(&industries).map_err(|errors| {
        if let Some(message) = honeypot_refusal(&errors) {
            tracing::info!(client = %client.ip, "lead refused: honeypot filled");
            return AppError::invalid("form", message);
        }
        tracing::info!(client = %client.ip, fields = errors.len(), "lead refused: invalid fields");
        AppError::fields(errors)
    })?;
    let behaviour = behaviour(db, client, &sub, now_ms()).await?;
    let settings = scoring_settings_from(inputs.scoring_settings_json.as_deref())?;
    let request = MatchRequest::from_submission(&sub);
    let candidates = candidates(&inputs.consultants, evidence_rows, &request)?;
    // This submission on its own: its score and the consultant its answers
    // route to. A new lead stores them; a repeat keeps them to itself.
    let engagement = Engagement::from_counts(
        behaviour.viewed.len(),
        behaviour.roi_calculation_id.is_some(),
        behaviour.time_on_site_secs,
        1,
    );
    let studies = studies_in_industry(&evidence, sub.industry_sic_code());
    let scored = score(
        &ScoreInput::new(Fit::from(&sub), engagement, studies),
        &settings,
    );
    let ranked: Vec<ConsultantMatch> = rank(&request, &candidates);
    let assignee = best_assignee(&ranked, &candidates).map(|m| m.consultant_id.clone());
    let assignee_row = assignee
        .as_deref()
        .and_then(|id| inputs.consultant(id))
        .cloned();

    let estimate = match &behaviour.roi_calculation_id {
        Some(id) => db_roi::by_id(db, id)
            .await?
            .and_then(|row| serde_json::from_str(&row.outputs_json).ok()),
        None => None,
    };
    let reserved_id = new_id();
    let lead_url = format!("{}/admin/leads/{reserved_id}", runtime.public_url);
    // Rendered before the write (outside the transaction); sent only if
    // this turns out to be a new lead.
    let consultant_email = match &assignee_row {
        Some(consultant) => {
            let vars = new_lead_variables(consultant, &sub, &scored, estimate.as_ref(), &lead_url);
            let email = crate::services::email_templates::render_with(
                TemplateKey::NewLead,
                inputs.new_lead_template.as_ref(),
                &vars,
            )?;
            Some((consultant.email.clone(), email))
        }
        None => None,
    };

    // The lead converts for the experiments this visitor saw: their first
    // exposures, written behind the page's render, land first.
    if let Some(visitor) = client.visitor_key.as_deref() {
        crate::db::exposures::settle(db, visitor).await;
    }
    let write = LeadWrite {
        reserved_id,
        visitor_key: client.visitor_key.clone(),
        lead_url,
        consultant_email,
        score_breakdown_json: serde_json::to_string(&scored.factors)?,
        match_json: serde_json::to_string(&ranked)?,
        consent_purposes_json: serde_json::to_string(&sub.consent_purposes())?,
        sub,
        scored,
        assignee,
        behaviour,
    };
    // On SQLite, committed together with other submissions' writes (one
    // sync to disk for the group; see `db::group_commit`).
    let (stored, write) = db
        .group_commit(move |tx| {
            Box::pin(async move {
                let stored = store(tx, &write, now_ms()).await?;
                Ok((stored, write))
            })
        })
        .await?;
    let Stored { lead_id, repeat } = stored;
    let LeadWrite {
        reserved_id: reference,
        sub,
        scored,
        ..
    } = write;

    let consultant = assignee_row.map(assigned_summary);
    // Prefilled with what this submission said, never with an earlier one's details.
    let booking = rules::booking_link(
        consultant
            .as_ref()
            .and_then(|c| c.calendar_booking_url.as_deref()),
        &BookingPrefill::from(&sub),
    );
    tracing::info!(lead = %lead_id, repeat, score = scored.total, "lead captured");
    Ok(CaptureOutcome {
        thank_you: thank_you(reference, scored.tier, consultant, booking),
        repeat,
        score: scored,
    })
}

/// A checked, scored and routed submission, ready to store: everything the
/// transaction writes, owned, so it can run in a group commit.
struct LeadWrite {
    /// The new lead's id, or for a repeat the submission's.
    reserved_id: String,
    visitor_key: Option<String>,
    /// The lead's page in the back office (webhooks and the email link to it).
    lead_url: String,
    /// The assigned consultant's address and their rendered email.
    consultant_email: Option<(String, crate::domain::email_templates::RenderedEmail)>,
    score_breakdown_json: String,
    match_json: String,
    consent_purposes_json: String,
    sub: LeadSubmission,
    scored: LeadScore,
    assignee: Option<String>,
    behaviour: Behaviour,
}

/// What storing a submission did.
struct Stored {
    /// The lead it went into (a repeat's is the earlier lead's).
    lead_id: String,
    repeat: bool,
}

fn encode(error: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Encode(Box::new(error))
}

/// Stores a submission exactly once: claims its address, then writes a new
/// lead with its timeline, webhook deliveries, the consultant's email and
/// follow-up sequence, or for a repeat within a day the submission beside
/// the earlier lead; and the lead's experiment conversions. All in `tx`.
async fn store(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    w: &LeadWrite,
    now: i64,
) -> Result<Stored, sqlx::Error> {
    let claim = db_leads::claim_email(tx, w.sub.email.as_str(), &w.reserved_id, now).await?;
    let existing = match &claim {
        Claim::Existing {
            lead_id,
            last_submitted_at,
        } if rules::is_repeat(*last_submitted_at, now) => db_leads::by_id_in(tx, lead_id).await?,
        _ => None,
    };
    let repeat = existing.is_some();
    // The id the prospect gets back (their thank-you page): the lead's own
    // for a first submission, the submission's for a repeat. Both are new
    // random ids, so the reply says nothing about an earlier submission.
    let reference = &w.reserved_id;
    let source_detail = w.sub.source_detail.as_deref();
    let lead_id = match existing {
        Some(existing) => {
            // Anyone who knows an address can send the form with it: the
            // lead keeps what its first submission said and stays linked to
            // its own browser; this one is kept beside it for staff to read.
            let changed = rules::differences(&stored_answers(&existing), &Answers::from(&w.sub));
            lead_submissions::insert(
                tx,
                &lead_submissions::NewSubmission {
                    id: reference,
                    lead_id: &existing.id,
                    submission: &w.sub,
                    visitor_key: w.visitor_key.as_deref(),
                    score: w.scored.total,
                    tier: w.scored.tier,
                    consultant_id: w.assignee.as_deref(),
                    answers_json: serde_json::to_string(&changed).map_err(encode)?,
                    submitted_at: now,
                },
            )
            .await?;
            let sent = NewInteraction {
                kind: rules::FORM_SUBMIT,
                detail: rules::repeat_submission_text(w.sub.source, source_detail, &changed),
                ..NewInteraction::default()
            };
            db_leads::add_interaction(tx, &existing.id, sent, now).await?;
            db_leads::touch_email(tx, w.sub.email.as_str(), &existing.id, now).await?;
            existing.id
        }
        None => {
            let slugs: Vec<&str> = w
                .behaviour
                .viewed
                .iter()
                .map(|(_, slug)| slug.as_str())
                .collect();
            let lead = NewLead {
                submission: &w.sub,
                score: w.scored.total,
                tier: w.scored.tier,
                score_breakdown_json: w.score_breakdown_json.clone(),
                assigned_consultant_id: w.assignee.as_deref(),
                match_json: w.match_json.clone(),
                visitor_key: w.visitor_key.as_deref(),
                roi_calculation_id: w.behaviour.roi_calculation_id.as_deref(),
                case_studies_viewed_json: serde_json::to_string(&slugs).map_err(encode)?,
                time_on_site_secs: w.behaviour.time_on_site_secs,
                consent_purposes_json: w.consent_purposes_json.clone(),
            };
            db_leads::insert(tx, &w.reserved_id, &lead, now).await?;
            if claim != Claim::Fresh {
                db_leads::touch_email(tx, w.sub.email.as_str(), &w.reserved_id, now).await?;
            }
            let sent = NewInteraction {
                kind: rules::FORM_SUBMIT,
                detail: rules::first_submission_text(w.sub.source, source_detail),
                ..NewInteraction::default()
            };
            db_leads::add_interaction(tx, &w.reserved_id, sent, now).await?;
            if let (crate::domain::lead_fields::LeadSource::LandingPage, Some(slug)) =
                (w.sub.source, source_detail)
            {
                let day = now.div_euclid(86_400_000);
                crate::db::landing_pages::record_lead(tx, &w.reserved_id, slug, day).await?;
            }
            for (case_study_id, slug) in &w.behaviour.viewed {
                let view = NewInteraction {
                    kind: rules::CASE_STUDY_VIEW,
                    detail: rules::case_study_view_text(slug),
                    case_study_id: Some(case_study_id.clone()),
                    ..NewInteraction::default()
                };
                db_leads::add_interaction(tx, &w.reserved_id, view, now).await?;
            }
            if let Some(roi) = &w.behaviour.roi_calculation_id {
                let used = NewInteraction {
                    kind: rules::ROI_CALCULATION,
                    detail: rules::calculator_text(roi),
                    ..NewInteraction::default()
                };
                db_leads::add_interaction(tx, &w.reserved_id, used, now).await?;
            }
            let announced = crate::services::webhooks::lead_payload(
                crate::domain::webhooks::WebhookEvent::LeadCreated,
                &w.reserved_id,
                serde_json::json!({
                    "email": w.sub.email.as_str(),
                    "first_name": w.sub.first_name,
                    "last_name": w.sub.last_name,
                    "company_name": w.sub.company_name,
                    "industry": w.sub.industry_display_name(),
                    "score": w.scored.total,
                    "tier": w.scored.tier.as_str(),
                    "source": w.sub.source.as_str(),
                    "assigned_consultant_id": w.assignee,
                    "status": "new",
                    "url": w.lead_url,
                }),
            );
            crate::db::webhooks::announce_in(
                tx,
                crate::domain::webhooks::WebhookEvent::LeadCreated,
                &announced,
            )
            .await?;
            // The consultant hears at once, in the same transaction: no lead
            // without its notification, no notification without its lead.
            if let Some((to_address, email)) = &w.consultant_email {
                outbound_emails::insert_in(
                    tx,
                    outbound_emails::NewEmail {
                        to_address,
                        subject: &email.subject,
                        body_text: &email.body_text,
                        body_html: &email.body_html,
                        kind: "new_lead",
                        ..Default::default()
                    },
                )
                .await?;
            }
            crate::services::sequences::start_in(
                tx,
                &w.reserved_id,
                w.scored.tier,
                w.sub.consent_marketing,
                now,
            )
            .await?;
            w.reserved_id.clone()
        }
    };
    // The lead counts for every running experiment this visitor saw, in the
    // same transaction: no conversion without its lead, nor the reverse.
    if let Some(visitor) = w.visitor_key.as_deref() {
        crate::db::experiments::record_conversions(
            tx,
            visitor,
            &[(
                crate::domain::experiments::Goal::LeadSubmitted.to_wire(),
                now,
            )],
        )
        .await?;
    }
    Ok(Stored { lead_id, repeat })
}

/// What the new-lead email may say (see [`TemplateKey::NewLead`]).
fn new_lead_variables(
    consultant: &crate::db::consultants::ConsultantRow,
    sub: &LeadSubmission,
    scored: &LeadScore,
    estimate: Option<&crate::domain::roi::RoiEstimate>,
    lead_url: &str,
) -> serde_json::Value {
    serde_json::json!({
        "consultant": {
            "first_name": consultant.first_name,
            "name": format!("{} {}", consultant.first_name, consultant.last_name),
            "email": consultant.email,
        },
        "lead": {
            "name": rules::contact_name(
                sub.first_name.as_deref().unwrap_or(""),
                sub.last_name.as_deref().unwrap_or(""),
            ),
            "first_name": sub.first_name.as_deref().unwrap_or(""),
            "company": sub.company_name.as_deref().unwrap_or(""),
            "industry": sub.industry_display_name().unwrap_or("an industry not given"),
            "tier": scored.tier.label(),
            "score": scored.total,
        },
        "reasons": strongest_reasons(&scored.factors),
        "response_time": response_time(scored.tier),
        "estimate": estimate.map(crate::services::sequences::estimate_words).unwrap_or_default(),
        "lead_url": lead_url,
    })
}

/// The three factors that earned the most points, as "Label: reason".
fn strongest_reasons(factors: &[crate::domain::lead_score::ScoreFactor]) -> Vec<String> {
    let mut ranked: Vec<_> = factors.iter().filter(|f| f.points > 0.0).collect();
    ranked.sort_by(|a, b| b.points.total_cmp(&a.points));
    ranked
        .into_iter()
        .take(3)
        .map(|f| format!("{}: {}", f.label, f.reason))
        .collect()
}
