//! Capturing a lead: rate limits, spam checks, validation, linking the
//! visitor's earlier activity, scoring, routing to a consultant, and storing
//! it exactly once (a repeat from the same address within a day is kept
//! beside the lead, never over it).

use crate::db::leads::{self as db_leads, Claim, LeadFields, LeadRow, NewInteraction};
use crate::db::roi_calculations::{self as db_roi, EvidenceRow};
use crate::db::{consultants as db_consultants, lead_submissions, new_id, now_ms, Db};
use crate::domain::consultant_match::{
    best_assignee, rank, ConsultantCandidate, ConsultantMatch, MatchRequest,
};
use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, RevenueRange, Tier, Timeline,
};
use crate::domain::lead_form::CONSENT_WORDING_VERSION;
use crate::domain::lead_form::{booking_url_for, BookingPrefill, LeadForm, LeadSubmission};
use crate::domain::lead_form::{spam_check, SpamVerdict};
use crate::domain::lead_score::{score, LeadScore, ScoreInput, ScoringSettings};
use crate::domain::rate_limit::{LEADS_PER_HOUR, LEADS_PER_MINUTE};
use crate::domain::roi::known_industries;
use crate::error::AppError;
use crate::model::leads::AssignedConsultant;
use crate::services::rate_limit;
use crate::services::visitor::Client;

/// Submissions from one address within this long merge into one lead.
pub const MERGE_WINDOW_MS: i64 = 24 * 60 * 60 * 1000;
/// The settings key of the admin-editable scoring weights.
pub const SCORING_SETTINGS_KEY: &str = "lead_scoring";

#[derive(Debug, Clone)]
pub struct CaptureOutcome {
    /// What the prospect gets back to find their thank-you page: the new
    /// lead's id, or for a repeat the submission's own id (never the lead's).
    pub reference: String,
    /// True when the address already had a lead from the last day (kept to
    /// the server: the reply must not tell an earlier submission exists).
    pub repeat: bool,
    pub score: LeadScore,
    pub consultant: Option<AssignedConsultant>,
    pub booking_url: Option<String>,
}

/// How quickly the firm promises to answer a lead of this tier.
pub fn response_time(tier: Tier) -> &'static str {
    match tier {
        Tier::Tier1 => "1 hour",
        Tier::Tier2 => "24 hours",
        Tier::Tier3 => "48 hours",
    }
}

/// What happens next, in the prospect's words.
pub fn next_steps(
    tier: Tier,
    consultant: Option<&AssignedConsultant>,
    booking: bool,
) -> Vec<String> {
    let who = consultant
        .map(|c| c.first_name.clone())
        .unwrap_or_else(|| "One of our consultants".to_string());
    let mut steps = vec![format!(
        "{who} will read your answers and reply within {}.",
        response_time(tier)
    )];
    if booking {
        steps.push("If you'd rather not wait, book a free 30-minute call now.".to_string());
    }
    steps.push(match tier {
        Tier::Tier1 | Tier::Tier2 => {
            "On the call we'll agree the question worth testing first and what a result would be worth.".to_string()
        }
        Tier::Tier3 => {
            "Meanwhile, the case studies for your industry show how comparable teams started.".to_string()
        }
    });
    steps
}

/// The admin-set scoring settings, or the documented defaults.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn scoring_settings(db: &Db) -> Result<ScoringSettings, AppError> {
    match crate::db::settings::get(db, SCORING_SETTINGS_KEY).await? {
        Some(json) => serde_json::from_str(&json).map_err(AppError::from),
        None => Ok(ScoringSettings::default()),
    }
}

/// Every consultant as a matching candidate, with the published studies they
/// led in the lead's industry and on its challenge.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn candidates(
    db: &Db,
    evidence: &[EvidenceRow],
    request: &MatchRequest,
) -> Result<Vec<ConsultantCandidate>, AppError> {
    let rows = db_consultants::list_all(db).await?;
    rows.into_iter()
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
                id: row.id,
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

/// What scoring reads from a lead, stored or about to be.
pub struct ScoreSource<'a> {
    pub revenue: &'a str,
    pub size: &'a str,
    pub authority: &'a str,
    pub timeline: &'a str,
    pub budget: Option<&'a str>,
    pub calculator_used: bool,
    pub time_on_site_secs: i64,
    pub forms_submitted: i64,
    pub case_studies_viewed: usize,
}

pub fn score_input(
    source: &ScoreSource<'_>,
    studies_in_industry: u32,
) -> Result<ScoreInput, AppError> {
    let bad = |what: &str| AppError::internal(format!("stored lead has a bad {what}"));
    Ok(ScoreInput {
        revenue: RevenueRange::parse(source.revenue).ok_or_else(|| bad("revenue range"))?,
        employees: EmployeeRange::parse(source.size).ok_or_else(|| bad("size range"))?,
        authority: DecisionAuthority::parse(source.authority).ok_or_else(|| bad("authority"))?,
        timeline: Timeline::parse(source.timeline).ok_or_else(|| bad("timeline"))?,
        budget: source.budget.and_then(BudgetRange::parse),
        published_studies_in_industry: studies_in_industry,
        case_studies_viewed: source.case_studies_viewed.min(u32::MAX as usize) as u32,
        calculator_used: source.calculator_used,
        time_on_site_secs: source.time_on_site_secs.clamp(0, u32::MAX as i64) as u32,
        forms_submitted: source.forms_submitted.clamp(1, u32::MAX as i64) as u32,
    })
}

fn source_of(fields: &LeadFields, viewed: usize) -> ScoreSource<'_> {
    ScoreSource {
        revenue: &fields.annual_revenue_range,
        size: &fields.company_size_range,
        authority: &fields.decision_authority,
        timeline: &fields.timeline,
        budget: fields.budget_range.as_deref(),
        calculator_used: fields.roi_calculation_id.is_some(),
        time_on_site_secs: fields.time_on_site_secs,
        forms_submitted: fields.forms_submitted,
        case_studies_viewed: viewed,
    }
}

fn apply_score(fields: &mut LeadFields, scored: &LeadScore) -> Result<(), AppError> {
    fields.score = scored.total as i64;
    fields.tier = scored.tier.as_str().to_string();
    fields.score_breakdown_json = serde_json::to_string(&scored.factors)?;
    Ok(())
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// A new submission's fields (score and routing filled in later).
fn fields_from(
    sub: &LeadSubmission,
    behaviour: &Behaviour,
    client: &Client,
) -> Result<LeadFields, AppError> {
    let slugs: Vec<&str> = behaviour
        .viewed
        .iter()
        .map(|(_, slug)| slug.as_str())
        .collect();
    Ok(LeadFields {
        email: sub.email.as_str().to_string(),
        first_name: text(&sub.first_name),
        last_name: text(&sub.last_name),
        company_name: text(&sub.company_name),
        job_title: text(&sub.job_title),
        phone: text(&sub.phone),
        website: text(&sub.website),
        industry_sic_code: sub.industry_sic_code().map(str::to_string),
        industry_name: sub.industry_display_name().unwrap_or("Other").to_string(),
        annual_revenue_range: sub.annual_revenue_range.as_str().to_string(),
        company_size_range: sub.company_size_range.as_str().to_string(),
        number_of_locations: sub.number_of_locations,
        primary_challenge: sub.primary_challenge.as_str().to_string(),
        challenge_description: text(&sub.challenge_description),
        timeline: sub.timeline.as_str().to_string(),
        budget_range: sub.budget_range.map(|b| b.as_str().to_string()),
        decision_authority: sub.decision_making_authority.as_str().to_string(),
        source: sub.source.as_str().to_string(),
        source_detail: text(&sub.source_detail),
        utm_campaign: text(&sub.utm_campaign),
        utm_source: text(&sub.utm_source),
        utm_medium: text(&sub.utm_medium),
        score: 0,
        tier: Tier::Tier3.as_str().to_string(),
        score_breakdown_json: "[]".to_string(),
        assigned_consultant_id: None,
        match_json: "[]".to_string(),
        visitor_key: client.visitor_key.clone(),
        roi_calculation_id: behaviour.roi_calculation_id.clone(),
        case_studies_viewed_json: serde_json::to_string(&slugs)?,
        time_on_site_secs: behaviour.time_on_site_secs,
        forms_submitted: 1,
        consent_marketing: sub.consent_marketing,
        consent_wording_version: CONSENT_WORDING_VERSION.to_string(),
        consent_purposes_json: serde_json::to_string(&sub.consent_purposes())?,
    })
}

/// What a repeat submission said that differs from the lead, for the
/// lead's timeline (staff see both; the lead itself is not overwritten).
fn differences(existing: &LeadRow, new: &LeadFields) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |label: &str, old: &str, new: &str| {
        if !new.is_empty() && old != new {
            changes.push(format!("{label}: {new}"));
        }
    };
    compare("first name", &existing.first_name, &new.first_name);
    compare("last name", &existing.last_name, &new.last_name);
    compare("company", &existing.company_name, &new.company_name);
    compare("job title", &existing.job_title, &new.job_title);
    compare("phone", &existing.phone, &new.phone);
    compare("website", &existing.website, &new.website);
    compare("industry", &existing.industry_name, &new.industry_name);
    compare(
        "revenue",
        &existing.annual_revenue_range,
        &new.annual_revenue_range,
    );
    compare(
        "company size",
        &existing.company_size_range,
        &new.company_size_range,
    );
    compare(
        "challenge",
        &existing.primary_challenge,
        &new.primary_challenge,
    );
    compare(
        "description",
        &existing.challenge_description,
        &new.challenge_description,
    );
    compare("timeline", &existing.timeline, &new.timeline);
    compare(
        "budget",
        existing.budget_range.as_deref().unwrap_or_default(),
        new.budget_range.as_deref().unwrap_or_default(),
    );
    compare(
        "decision authority",
        &existing.decision_authority,
        &new.decision_authority,
    );
    changes
}

pub fn assigned_summary(row: &db_consultants::ConsultantRow) -> AssignedConsultant {
    AssignedConsultant {
        id: row.id.clone(),
        first_name: row.first_name.clone(),
        last_name: row.last_name.clone(),
        title: row.title.clone(),
        profile_image_url: row
            .profile_image
            .as_deref()
            .map(|k| crate::domain::media::stored_image_urls(k).src),
        calendar_booking_url: row.calendar_url.clone(),
    }
}

/// A stored lead's contact details, as a booking link prefills them.
pub struct StoredContact<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub company: &'a str,
    pub challenge: &'a str,
    pub timeline: &'a str,
}

/// The consultant's booking link prefilled with the lead's details, if they have one.
pub fn booking_link(
    consultant: Option<&AssignedConsultant>,
    lead: &StoredContact<'_>,
) -> Option<String> {
    let base = consultant?.calendar_booking_url.as_deref()?;
    let prefill = BookingPrefill {
        name: format!("{} {}", lead.first_name, lead.last_name)
            .trim()
            .to_string(),
        email: lead.email.to_string(),
        company: lead.company.to_string(),
        challenge: Challenge::parse(lead.challenge),
        timeline: Timeline::parse(lead.timeline),
    };
    booking_url_for(base, &prefill)
}

/// Captures a submitted lead form; see the module docs.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn capture(
    db: &Db,
    client: &Client,
    form: &LeadForm,
) -> Result<CaptureOutcome, AppError> {
    rate_limit::enforce(db, &[LEADS_PER_MINUTE, LEADS_PER_HOUR], &client.ip).await?;
    let evidence_rows = db_roi::published_evidence(db).await?;
    let evidence = crate::services::roi::evidence_from_rows(&evidence_rows);
    let industries = known_industries(&evidence);
    // A filled honeypot refuses the whole form; content checks (links in
    // names, disposable addresses…) come back with the other field errors.
    if let SpamVerdict::Bot { message } = spam_check(form) {
        tracing::info!(client = %client.ip, "lead refused: honeypot filled");
        return Err(AppError::invalid("form", message));
    }
    let sub = form.parse(&industries).map_err(|errors| {
        tracing::info!(client = %client.ip, fields = errors.len(), "lead refused: invalid fields");
        AppError::fields(errors)
    })?;
    let behaviour = behaviour(db, client, &sub, now_ms()).await?;
    let settings = scoring_settings(db).await?;
    let request = MatchRequest::from_submission(&sub);
    let candidates = candidates(db, &evidence_rows, &request).await?;
    let studies_in_industry = evidence
        .iter()
        .filter(|e| Some(e.industry_sic_code.as_str()) == sub.industry_sic_code())
        .count() as u32;
    // This submission on its own: its score and the consultant its answers
    // route to. A new lead stores them; a repeat keeps them to itself.
    let mut fields = fields_from(&sub, &behaviour, client)?;
    let scored = score(
        &score_input(
            &source_of(&fields, behaviour.viewed.len()),
            studies_in_industry,
        )?,
        &settings,
    );
    apply_score(&mut fields, &scored)?;
    let ranked: Vec<ConsultantMatch> = rank(&request, &candidates);
    fields.assigned_consultant_id =
        best_assignee(&ranked, &candidates).map(|m| m.consultant_id.clone());
    fields.match_json = serde_json::to_string(&ranked)?;

    let turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let now = now_ms();
    let reserved_id = new_id();
    let claim = db_leads::claim_email(&mut tx, &fields.email, &reserved_id, now).await?;
    let existing = match &claim {
        Claim::Existing {
            lead_id,
            last_submitted_at,
        } if now - last_submitted_at <= MERGE_WINDOW_MS => {
            db_leads::by_id_in(&mut tx, lead_id).await?
        }
        _ => None,
    };
    let repeat = existing.is_some();
    // The id the prospect gets back (their thank-you page): the lead's own
    // for a first submission, the submission's for a repeat. Both are new
    // random ids, so the reply says nothing about an earlier submission.
    let reference = reserved_id.clone();
    let lead_id = match existing {
        Some(existing) => {
            // Anyone who knows an address can send the form with it: the
            // lead keeps what its first submission said and stays linked to
            // its own browser; this one is kept beside it for staff to read.
            let changed = differences(&existing, &fields);
            lead_submissions::insert(
                &mut tx,
                &lead_submissions::SubmissionRow {
                    id: reference.clone(),
                    lead_id: existing.id.clone(),
                    visitor_key: client.visitor_key.clone(),
                    email: fields.email.clone(),
                    first_name: fields.first_name.clone(),
                    last_name: fields.last_name.clone(),
                    company_name: fields.company_name.clone(),
                    primary_challenge: fields.primary_challenge.clone(),
                    timeline: fields.timeline.clone(),
                    score: fields.score,
                    tier: fields.tier.clone(),
                    consultant_id: fields.assigned_consultant_id.clone(),
                    answers_json: serde_json::to_string(&changed)?,
                    submitted_at: now,
                },
            )
            .await?;
            let detail = format!(
                "Sent the form again ({}{}); {}",
                sub.source.label(),
                sub.source_detail
                    .as_deref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default(),
                if changed.is_empty() {
                    "the same answers as before.".to_string()
                } else {
                    format!(
                        "not applied to the lead, answers that differ: {}.",
                        changed.join("; ")
                    )
                }
            );
            db_leads::add_interaction(
                &mut tx,
                &existing.id,
                NewInteraction {
                    kind: "form_submit",
                    detail,
                    ..NewInteraction::default()
                },
                now,
            )
            .await?;
            db_leads::touch_email(&mut tx, &fields.email, &existing.id, now).await?;
            existing.id
        }
        None => {
            db_leads::insert(&mut tx, &reserved_id, &fields, now).await?;
            if claim != Claim::Fresh {
                db_leads::touch_email(&mut tx, &fields.email, &reserved_id, now).await?;
            }
            let sent = NewInteraction {
                kind: "form_submit",
                detail: format!(
                    "Sent the form ({}){}",
                    sub.source.label(),
                    sub.source_detail
                        .as_deref()
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default()
                ),
                ..NewInteraction::default()
            };
            db_leads::add_interaction(&mut tx, &reserved_id, sent, now).await?;
            for (case_study_id, slug) in &behaviour.viewed {
                let view = NewInteraction {
                    kind: "case_study_view",
                    detail: format!("Read the case study {slug}"),
                    case_study_id: Some(case_study_id.clone()),
                    ..NewInteraction::default()
                };
                db_leads::add_interaction(&mut tx, &reserved_id, view, now).await?;
            }
            if let Some(roi) = &behaviour.roi_calculation_id {
                let used = NewInteraction {
                    kind: "roi_calculation",
                    detail: format!("Used the ROI calculator (estimate {roi})"),
                    ..NewInteraction::default()
                };
                db_leads::add_interaction(&mut tx, &reserved_id, used, now).await?;
            }
            reserved_id
        }
    };
    tx.commit().await?;
    drop(turn);

    let consultant = match &fields.assigned_consultant_id {
        Some(id) => db_consultants::by_id(db, id)
            .await?
            .map(|row| assigned_summary(&row)),
        None => None,
    };
    // Prefilled with what this submission said, never with an earlier one's details.
    let booking = booking_link(
        consultant.as_ref(),
        &StoredContact {
            first_name: &fields.first_name,
            last_name: &fields.last_name,
            email: &fields.email,
            company: &fields.company_name,
            challenge: &fields.primary_challenge,
            timeline: &fields.timeline,
        },
    );
    tracing::info!(lead = %lead_id, repeat, score = scored.total, "lead captured");
    Ok(CaptureOutcome {
        reference,
        repeat,
        score: scored,
        consultant,
        booking_url: booking,
    })
}
