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

/// Everything about one lead, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadDetail {
    pub id: String,
    /// (label, value) rows: contact, company, intent, attribution, consent.
    pub facts: Vec<(String, String)>,
    pub name: String,
    pub email: String,
    pub score: i64,
    pub tier: String,
    pub breakdown: Vec<ScoreFactor>,
    pub status: LeadStatus,
    pub next_statuses: Vec<LeadStatus>,
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
