//! The parts of a consultant's match score, each worth up to its weight
//! (weights add up to 100), and the reasons people read.

use super::{ConsultantCandidate, MatchRequest};
use crate::domain::lead_fields::Challenge;

/// Works mainly (primary, full weight) or also (secondary, half) in the lead's industry.
pub const INDUSTRY_WEIGHT: f64 = 25.0;
/// Led published studies in the lead's industry: min(n, 2) / 2.
pub const INDUSTRY_RESULTS_WEIGHT: f64 = 5.0;
/// A specialisation contains one of the challenge's keywords.
pub const SPECIALISATION_WEIGHT: f64 = 20.0;
/// Led published studies on the lead's challenge: min(n, 2) / 2.
pub const CHALLENGE_RESULTS_WEIGHT: f64 = 10.0;
/// Room for new work: (95 − booked %) / 95; 95 % booked or more is full (0).
pub const CAPACITY_WEIGHT: f64 = 20.0;
/// Client satisfaction / 5; no score yet counts as half.
pub const SATISFACTION_WEIGHT: f64 = 10.0;
/// Years of experience: min(years, 15) / 15.
pub const EXPERIENCE_WEIGHT: f64 = 10.0;

/// Booked at or above this percentage counts as full.
pub const FULL_CAPACITY_PCT: u8 = 95;

pub(super) struct Scored {
    pub components: Vec<(String, f64)>,
    pub reasons: Vec<String>,
    pub total: f64,
}

/// Whether the consultant can take this lead now.
pub(super) fn is_available(c: &ConsultantCandidate) -> bool {
    c.available_for_new_clients && c.capacity_pct < FULL_CAPACITY_PCT
}

fn challenge_noun(challenge: Challenge) -> &'static str {
    match challenge {
        Challenge::Conversion => "conversion",
        Challenge::Pricing => "pricing",
        Challenge::Retention => "retention",
        Challenge::Marketing => "marketing",
        Challenge::BasketValue => "basket-value",
        Challenge::CustomerExperience => "customer-experience",
    }
}

/// "Pricing optimisation" → "pricing optimisation"; acronyms ("CRO") stay.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(second)) if second.is_uppercase() => s.to_string(),
        (Some(first), _) => first.to_lowercase().chain(s.chars().skip(1)).collect(),
        (None, _) => String::new(),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn score(request: &MatchRequest, c: &ConsultantCandidate) -> Scored {
    let mut components: Vec<(String, f64)> = Vec::new();
    let mut reasons: Vec<String> = Vec::new();
    let mut add = |key: &str, weight: f64, fraction: f64| {
        components.push((key.to_string(), weight * fraction.clamp(0.0, 1.0)));
    };

    let code = request
        .industry_sic_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let industry_name = request
        .industry_name
        .clone()
        .or_else(|| code.map(|c| format!("SIC {c}")))
        .unwrap_or_default();
    let works_in = |list: &[String]| code.is_some_and(|code| list.iter().any(|s| s.trim() == code));
    let industry = if works_in(&c.primary_industries) {
        reasons.push(format!("Works mainly in {industry_name}"));
        1.0
    } else if works_in(&c.secondary_industries) {
        reasons.push(format!("Also works in {industry_name}"));
        0.5
    } else {
        0.0
    };
    add("industry", INDUSTRY_WEIGHT, industry);

    let industry_studies = if code.is_some() {
        c.studies_in_industry
    } else {
        0
    };
    if industry_studies > 0 {
        reasons.push(format!(
            "Led {} in {industry_name}",
            plural(industry_studies, "published study", "published studies")
        ));
    }
    add(
        "industry_results",
        INDUSTRY_RESULTS_WEIGHT,
        f64::from(industry_studies.min(2)) / 2.0,
    );

    let keywords = request.challenge.specialisation_keywords();
    let specialism = c.specializations.iter().find(|s| {
        let s = s.to_lowercase();
        keywords.iter().any(|k| s.contains(k))
    });
    if let Some(s) = specialism {
        reasons.push(format!("Specialises in {}", lower_first(s.trim())));
    }
    add(
        "specialisation",
        SPECIALISATION_WEIGHT,
        if specialism.is_some() { 1.0 } else { 0.0 },
    );

    let noun = challenge_noun(request.challenge);
    if c.studies_for_challenge > 0 {
        reasons.push(format!(
            "Led {}",
            plural(
                c.studies_for_challenge,
                &format!("published {noun} study"),
                &format!("published {noun} studies")
            )
        ));
    }
    add(
        "challenge_results",
        CHALLENGE_RESULTS_WEIGHT,
        f64::from(c.studies_for_challenge.min(2)) / 2.0,
    );

    let booked = c.capacity_pct.min(100);
    if !c.available_for_new_clients {
        reasons.push("Not taking new clients".to_string());
    } else if booked >= FULL_CAPACITY_PCT {
        reasons.push(format!("Fully booked ({booked}% booked)"));
    } else {
        reasons.push(format!("Has capacity ({booked}% booked)"));
    }
    add(
        "capacity",
        CAPACITY_WEIGHT,
        f64::from(FULL_CAPACITY_PCT.saturating_sub(booked)) / f64::from(FULL_CAPACITY_PCT),
    );

    let satisfaction = c
        .satisfaction
        .filter(|s| s.is_finite())
        .map(|s| s.clamp(0.0, 5.0));
    if let Some(s) = satisfaction {
        reasons.push(format!("Client satisfaction {s:.1}/5"));
    }
    add(
        "satisfaction",
        SATISFACTION_WEIGHT,
        satisfaction.map_or(0.5, |s| s / 5.0),
    );

    if c.years_experience > 0 {
        reasons.push(format!(
            "{} experience",
            plural(c.years_experience, "year's", "years'")
        ));
    }
    add(
        "experience",
        EXPERIENCE_WEIGHT,
        f64::from(c.years_experience.min(15)) / 15.0,
    );

    let total = components.iter().map(|(_, p)| p).sum();
    let components = components
        .into_iter()
        .map(|(k, p)| (k, (p * 10.0).round() / 10.0))
        .collect();
    Scored {
        components,
        reasons,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_add_up_to_100() {
        let sum = INDUSTRY_WEIGHT
            + INDUSTRY_RESULTS_WEIGHT
            + SPECIALISATION_WEIGHT
            + CHALLENGE_RESULTS_WEIGHT
            + CAPACITY_WEIGHT
            + SATISFACTION_WEIGHT
            + EXPERIENCE_WEIGHT;
        assert_eq!(sum, 100.0);
    }

    #[test]
    fn lowercases_the_first_letter_but_keeps_acronyms() {
        assert_eq!(lower_first("Pricing optimisation"), "pricing optimisation");
        assert_eq!(lower_first("CRO audits"), "CRO audits");
        assert_eq!(lower_first(""), "");
    }
}
