//! Each factor's answer as a fraction of its maximum, with the words that
//! explain it. The tables here are the ones documented in `docs/lead-scoring.md`.

use crate::domain::lead_fields::{
    BudgetRange, DecisionAuthority, EmployeeRange, RevenueRange, Timeline,
};

pub fn revenue(r: RevenueRange) -> (f64, String) {
    let fraction = match r {
        RevenueRange::Over250m => 1.0,
        RevenueRange::From50mTo250m => 0.85,
        RevenueRange::From10mTo50m => 0.65,
        RevenueRange::From2mTo10m => 0.4,
        RevenueRange::Under2m => 0.2,
    };
    (
        fraction,
        format!("Annual revenue {}", lower_first(r.label())),
    )
}

pub fn company_size(e: EmployeeRange) -> (f64, String) {
    let fraction = match e {
        EmployeeRange::Over1000 => 1.0,
        EmployeeRange::UpTo1000 => 0.8,
        EmployeeRange::UpTo200 => 0.6,
        EmployeeRange::UpTo50 => 0.4,
        EmployeeRange::UpTo10 => 0.2,
    };
    (fraction, e.label().to_string())
}

pub fn decision_authority(a: DecisionAuthority) -> (f64, String) {
    match a {
        DecisionAuthority::DecisionMaker => (1.0, "Decision maker".into()),
        DecisionAuthority::Influencer => (0.6, "Influences the decision".into()),
        DecisionAuthority::Researcher => (0.2, "Researching for someone else".into()),
    }
}

pub fn timeline(t: Timeline) -> (f64, String) {
    match t {
        Timeline::Asap => (1.0, "Wants to start as soon as possible".into()),
        Timeline::OneToThreeMonths => (0.8, "Wants to start in 1–3 months".into()),
        Timeline::ThreeToSixMonths => (0.5, "Wants to start in 3–6 months".into()),
        Timeline::SixPlusMonths => (0.3, "Wants to start in 6 months or more".into()),
        Timeline::JustResearching => (0.1, "Just researching".into()),
    }
}

/// No answer counts as "not sure yet".
pub fn budget(b: Option<BudgetRange>) -> (f64, String) {
    match b {
        Some(BudgetRange::Over150k) => (1.0, "Budget over £150k".into()),
        Some(BudgetRange::From50kTo150k) => (0.8, "Budget £50k–£150k".into()),
        Some(BudgetRange::From10kTo50k) => (0.5, "Budget £10k–£50k".into()),
        Some(BudgetRange::NotSure) => (0.3, "Budget not decided yet".into()),
        None => (0.3, "Budget not given".into()),
        Some(BudgetRange::Under10k) => (0.1, "Budget under £10k".into()),
    }
}

/// Published results in their industry: the first matters most.
pub fn industry_results(studies: u32) -> (f64, String) {
    let fraction = match studies {
        0 => 0.0,
        1 => 0.6,
        2 => 0.8,
        _ => 1.0,
    };
    let reason = match studies {
        0 => "No published results in their industry yet".to_string(),
        1 => "1 published result in their industry".to_string(),
        n => format!("{n} published results in their industry"),
    };
    (fraction, reason)
}

/// min(n, 5) / 5.
pub fn case_studies_viewed(n: u32) -> (f64, String) {
    let reason = match n {
        0 => "Has not viewed a case study".to_string(),
        1 => "Viewed 1 case study".to_string(),
        n => format!("Viewed {n} case studies"),
    };
    (f64::from(n.min(5)) / 5.0, reason)
}

pub fn calculator_used(used: bool) -> (f64, String) {
    if used {
        (1.0, "Used the ROI calculator".into())
    } else {
        (0.0, "Has not used the ROI calculator".into())
    }
}

/// min(t, 600 s) / 600 s.
pub fn time_on_site(secs: u32) -> (f64, String) {
    let reason = format!(
        "{} on the site",
        crate::domain::dates::duration_words(i64::from(secs))
    );
    (f64::from(secs.min(600)) / 600.0, reason)
}

/// min(n, 3) / 3; the submission being scored counts.
pub fn forms_submitted(n: u32) -> (f64, String) {
    let reason = if n == 1 {
        "Submitted 1 form".to_string()
    } else {
        format!("Submitted {n} forms")
    };
    (f64::from(n.min(3)) / 3.0, reason)
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
