//! The pure rules of capturing a lead: when a submission counts as a repeat,
//! what a repeat said differently, what the prospect is told next and how
//! soon, their booking link, and the texts written to the lead's timeline.
//! The service (`services::leads`) does the reading and writing around them.

use crate::domain::lead_fields::{Challenge, LeadSource, Tier, Timeline};
use crate::domain::lead_form::{booking_url_for, BookingPrefill, LeadSubmission};

/// A submission from an address whose lead had a submission this recently
/// is a repeat: kept beside that lead (for staff), never written over it.
pub const REPEAT_WINDOW_MS: i64 = 24 * 60 * 60 * 1000;

/// Whether a submission at `now` repeats one made at `last_submitted_at`.
pub fn is_repeat(last_submitted_at: i64, now: i64) -> bool {
    now - last_submitted_at <= REPEAT_WINDOW_MS
}

/// The kinds of timeline entry capture writes.
pub const FORM_SUBMIT: &str = "form_submit";
pub const CASE_STUDY_VIEW: &str = "case_study_view";
pub const ROI_CALCULATION: &str = "roi_calculation";

/// How quickly the firm promises to answer a lead of this tier.
pub fn response_time(tier: Tier) -> &'static str {
    match tier {
        Tier::Tier1 => "1 hour",
        Tier::Tier2 => "24 hours",
        Tier::Tier3 => "48 hours",
    }
}

/// What happens next, in the prospect's words; `consultant` is the first
/// name of the consultant the lead went to, `booking` whether they have a
/// booking link.
pub fn next_steps(tier: Tier, consultant: Option<&str>, booking: bool) -> Vec<String> {
    let who = consultant.unwrap_or("One of our consultants");
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

/// "First Last", trimmed (blank when neither is known).
pub fn contact_name(first_name: &str, last_name: &str) -> String {
    format!("{first_name} {last_name}").trim().to_string()
}

/// What a booking link is prefilled with, from a stored submission's
/// details (an unknown challenge or timeline is left out).
pub fn stored_prefill(
    first_name: &str,
    last_name: &str,
    email: &str,
    company: &str,
    challenge: &str,
    timeline: &str,
) -> BookingPrefill {
    BookingPrefill {
        name: contact_name(first_name, last_name),
        email: email.to_string(),
        company: company.to_string(),
        challenge: Challenge::parse(challenge),
        timeline: Timeline::parse(timeline),
    }
}

/// The consultant's booking link prefilled with the lead's details, if the
/// consultant has a (valid http/https) calendar link.
pub fn booking_link(calendar_url: Option<&str>, prefill: &BookingPrefill) -> Option<String> {
    booking_url_for(calendar_url?, prefill)
}

/// The answers a repeat submission is compared on, as stored: wire values
/// for the choices, blank for what was not given.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Answers<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub company: &'a str,
    pub job_title: &'a str,
    pub phone: &'a str,
    pub website: &'a str,
    pub industry: &'a str,
    pub revenue: &'a str,
    pub size: &'a str,
    pub challenge: &'a str,
    pub description: &'a str,
    pub timeline: &'a str,
    pub budget: &'a str,
    pub authority: &'a str,
}

/// The industry name stored with a lead: the listed or typed one, else "Other".
pub fn industry_name(submission: &LeadSubmission) -> &str {
    submission.industry_display_name().unwrap_or("Other")
}

impl<'a> From<&'a LeadSubmission> for Answers<'a> {
    fn from(s: &'a LeadSubmission) -> Answers<'a> {
        let text = |v: &'a Option<String>| v.as_deref().unwrap_or_default();
        Answers {
            first_name: text(&s.first_name),
            last_name: text(&s.last_name),
            company: text(&s.company_name),
            job_title: text(&s.job_title),
            phone: text(&s.phone),
            website: text(&s.website),
            industry: industry_name(s),
            revenue: s.annual_revenue_range.as_str(),
            size: s.company_size_range.as_str(),
            challenge: s.primary_challenge.as_str(),
            description: text(&s.challenge_description),
            timeline: s.timeline.as_str(),
            budget: s.budget_range.map_or("", |b| b.as_str()),
            authority: s.decision_making_authority.as_str(),
        }
    }
}

/// What a repeat submission said that differs from the lead, as
/// "label: new value" (a blank new answer is not a difference).
pub fn differences(existing: &Answers<'_>, new: &Answers<'_>) -> Vec<String> {
    let pairs = [
        ("first name", existing.first_name, new.first_name),
        ("last name", existing.last_name, new.last_name),
        ("company", existing.company, new.company),
        ("job title", existing.job_title, new.job_title),
        ("phone", existing.phone, new.phone),
        ("website", existing.website, new.website),
        ("industry", existing.industry, new.industry),
        ("revenue", existing.revenue, new.revenue),
        ("company size", existing.size, new.size),
        ("challenge", existing.challenge, new.challenge),
        ("description", existing.description, new.description),
        ("timeline", existing.timeline, new.timeline),
        ("budget", existing.budget, new.budget),
        ("decision authority", existing.authority, new.authority),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| !new.is_empty() && old != new)
        .map(|(label, _, new)| format!("{label}: {new}"))
        .collect()
}

fn detail_suffix(source_detail: Option<&str>) -> String {
    source_detail.map(|d| format!(": {d}")).unwrap_or_default()
}

/// The timeline entry of a lead's first submission.
pub fn first_submission_text(source: LeadSource, source_detail: Option<&str>) -> String {
    format!(
        "Sent the form ({}){}",
        source.label(),
        detail_suffix(source_detail)
    )
}

/// The timeline entry of a repeat submission, with what it said differently
/// (from [`differences`]).
pub fn repeat_submission_text(
    source: LeadSource,
    source_detail: Option<&str>,
    changed: &[String],
) -> String {
    format!(
        "Sent the form again ({}{}); {}",
        source.label(),
        detail_suffix(source_detail),
        if changed.is_empty() {
            "the same answers as before.".to_string()
        } else {
            format!(
                "not applied to the lead, answers that differ: {}.",
                changed.join("; ")
            )
        }
    )
}

/// The timeline entry for a case study the visitor read before the form.
pub fn case_study_view_text(slug: &str) -> String {
    format!("Read the case study {slug}")
}

/// The timeline entry for the visitor's ROI estimate.
pub fn calculator_text(roi_calculation_id: &str) -> String {
    format!("Used the ROI calculator (estimate {roi_calculation_id})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeat_is_a_submission_within_a_day_of_the_last() {
        let day = REPEAT_WINDOW_MS;
        assert!(is_repeat(1_000, 1_000));
        assert!(is_repeat(1_000, 1_000 + day));
        assert!(!is_repeat(1_000, 1_000 + day + 1));
    }

    #[test]
    fn the_promised_response_time_follows_the_tier() {
        assert_eq!(response_time(Tier::Tier1), "1 hour");
        assert_eq!(response_time(Tier::Tier2), "24 hours");
        assert_eq!(response_time(Tier::Tier3), "48 hours");
    }

    #[test]
    fn next_steps_name_the_consultant_and_offer_a_call_only_with_a_link() {
        let steps = next_steps(Tier::Tier1, Some("Ada"), true);
        assert_eq!(
            steps,
            [
                "Ada will read your answers and reply within 1 hour.",
                "If you'd rather not wait, book a free 30-minute call now.",
                "On the call we'll agree the question worth testing first and what a result would be worth.",
            ]
        );
        let steps = next_steps(Tier::Tier3, None, false);
        assert_eq!(steps.len(), 2);
        assert_eq!(
            steps[0],
            "One of our consultants will read your answers and reply within 48 hours."
        );
        assert!(steps[1].starts_with("Meanwhile, the case studies"));
    }

    #[test]
    fn a_booking_link_needs_a_calendar_and_carries_the_stored_details() {
        let prefill = stored_prefill("Ada", " ", "ada@example.com", "Acme", "retention", "bogus");
        assert_eq!(prefill.name, "Ada");
        assert_eq!(prefill.challenge, Some(Challenge::Retention));
        assert_eq!(prefill.timeline, None);
        assert_eq!(booking_link(None, &prefill), None);
        assert_eq!(booking_link(Some("not a link"), &prefill), None);
        let link = booking_link(Some("https://cal.example/ada"), &prefill).unwrap();
        assert!(link.starts_with("https://cal.example/ada?"), "{link}");
        assert!(link.contains("email=ada%40example.com"), "{link}");
    }

    #[test]
    fn differences_list_changed_answers_and_ignore_blanks() {
        let old = Answers {
            first_name: "Ada",
            company: "Acme",
            revenue: "2m_10m",
            budget: "",
            ..Answers::default()
        };
        let new = Answers {
            first_name: "Ada",
            company: "",
            revenue: "10m_50m",
            budget: "10k_50k",
            ..Answers::default()
        };
        assert_eq!(
            differences(&old, &new),
            ["revenue: 10m_50m", "budget: 10k_50k"]
        );
        assert!(differences(&old, &old).is_empty());
    }

    #[test]
    fn timeline_texts_say_where_the_form_came_from_and_what_differed() {
        assert_eq!(
            first_submission_text(LeadSource::ContactPage, None),
            format!("Sent the form ({})", LeadSource::ContactPage.label())
        );
        assert_eq!(
            first_submission_text(LeadSource::ContactPage, Some("footer")),
            format!(
                "Sent the form ({}): footer",
                LeadSource::ContactPage.label()
            )
        );
        let label = LeadSource::ContactPage.label();
        assert_eq!(
            repeat_submission_text(LeadSource::ContactPage, Some("footer"), &[]),
            format!("Sent the form again ({label}: footer); the same answers as before.")
        );
        assert_eq!(
            repeat_submission_text(
                LeadSource::ContactPage,
                None,
                &["phone: 1".to_string(), "company: B".to_string()]
            ),
            format!(
                "Sent the form again ({label}); not applied to the lead, answers that differ: phone: 1; company: B."
            )
        );
        assert_eq!(case_study_view_text("acme"), "Read the case study acme");
        assert_eq!(
            calculator_text("r1"),
            "Used the ROI calculator (estimate r1)"
        );
    }
}
