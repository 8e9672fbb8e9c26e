//! Wire types of the lead workspace.

use crate::domain::consultant_match::ConsultantMatch;
use crate::domain::lead_fields::LeadStatus;
use crate::domain::lead_query::LeadQuery;
use crate::domain::lead_score::ScoreFactor;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadListItem {
    pub id: String,
    pub name: String,
    pub email: String,
    pub company_name: String,
    pub industry_name: String,
    pub challenge: String,
    pub source: String,
    pub score: i64,
    pub tier: String,
    pub status: String,
    pub consultant_name: Option<String>,
    /// Pounds.
    pub estimated_value: Option<f64>,
    pub created_at: i64,
}

/// This month's figures, with the charts drawn on the server (SVG).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadDashboard {
    pub by_tier: Vec<(String, i64)>,
    pub by_source: Vec<(String, i64)>,
    pub open_pipeline_value: f64,
    pub open_leads: i64,
    pub tier_chart_svg: String,
    pub source_chart_svg: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadListData {
    pub query: LeadQuery,
    pub leads: Vec<LeadListItem>,
    pub dashboard: LeadDashboard,
    pub industries: Vec<(String, String)>,
    /// Whether the viewer is an admin (sees every lead, may reassign).
    pub is_admin: bool,
    /// Whether the list was cut at the limit.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub kind: String,
    pub detail: String,
    pub actor: Option<String>,
    pub occurred_at: i64,
}

/// One row of a lead's details; contact rows link (`mailto:`, `tel:`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadFact {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

/// Everything about one lead, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadDetail {
    pub id: String,
    /// Contact, company, intent, attribution, consent.
    pub facts: Vec<LeadFact>,
    pub name: String,
    pub email: String,
    pub score: i64,
    pub tier: String,
    pub breakdown: Vec<ScoreFactor>,
    pub status: LeadStatus,
    pub next_statuses: Vec<LeadStatus>,
    /// Where "undo" would take the lead back to (the viewer's own change,
    /// within ten minutes), if it is offered.
    pub undo_to: Option<LeadStatus>,
    /// (status label, unix ms) for each step reached.
    pub status_dates: Vec<(String, i64)>,
    pub consultant_id: Option<String>,
    pub consultant_name: Option<String>,
    pub matches: Vec<ConsultantMatch>,
    pub roi_calculation_id: Option<String>,
    pub roi_summary: Option<String>,
    pub case_studies_viewed: Vec<String>,
    pub estimated_value: Option<f64>,
    pub actual_value: Option<f64>,
    pub timeline: Vec<TimelineEntry>,
    pub is_admin: bool,
    /// For reassignment (admins): active consultants (id, name).
    pub consultants: Vec<(String, String)>,
}

/// A lead still waiting for a first reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingLead {
    pub id: String,
    pub name: String,
    pub company: String,
    pub tier: String,
    pub received: String,
    /// "3 h 5 min".
    pub waiting_for: String,
}

/// A staff member's start page: what needs doing first, then how things stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartPage {
    /// Whose leads these are ("Your leads", "All leads").
    pub scope: String,
    pub waiting_total: i64,
    /// The oldest few.
    pub waiting: Vec<WaitingLead>,
    pub open_leads: i64,
    pub open_value: f64,
    pub month_received: i64,
    pub month_won: i64,
    pub month_won_value: f64,
    pub pipeline_chart_svg: String,
    pub intake_chart_svg: String,
}
