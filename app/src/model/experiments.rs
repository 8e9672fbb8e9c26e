//! Experiments as the back office shows them (wire types).

use crate::domain::experiments::readout::Readout;
use crate::domain::experiments::{Action, ArmForm, Engine, SettingsForm, Status};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentSummary {
    pub id: String,
    pub name: String,
    pub page_title: String,
    pub page_slug: String,
    pub status: Status,
    pub goal_label: String,
    pub engine: Engine,
    pub arms: usize,
    pub visitors: i64,
    pub started_at_ms: Option<i64>,
    pub ended_at_ms: Option<i64>,
}

/// A published page an experiment may run on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageChoice {
    pub id: String,
    pub title: String,
    pub slug: String,
    /// The page's calls to action (block id, label), for click goals.
    pub ctas: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentList {
    pub experiments: Vec<ExperimentSummary>,
    pub pages: Vec<PageChoice>,
    /// Admins and marketers; consultants only read.
    pub can_edit: bool,
}

/// The new-experiment form: `input[page_id]`, the settings and the
/// smallest lift worth detecting (percent; sizes the planned sample).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewExperimentInput {
    #[serde(default)]
    pub page_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub hypothesis: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub goal_detail: String,
    #[serde(default)]
    pub secondary_1: String,
    #[serde(default)]
    pub secondary_2: String,
    #[serde(default)]
    pub guardrail: String,
    #[serde(default)]
    pub engine: String,
    #[serde(default)]
    pub coverage: String,
    #[serde(default)]
    pub mde_pct: String,
    #[serde(default)]
    pub device: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub utm_source: String,
    #[serde(default)]
    pub utm_campaign: String,
}

impl NewExperimentInput {
    pub fn settings(&self) -> SettingsForm {
        SettingsForm {
            name: self.name.clone(),
            hypothesis: self.hypothesis.clone(),
            goal: self.goal.clone(),
            goal_detail: self.goal_detail.clone(),
            secondary_1: self.secondary_1.clone(),
            secondary_2: self.secondary_2.clone(),
            guardrail: self.guardrail.clone(),
            engine: self.engine.clone(),
            coverage: self.coverage.clone(),
            device: self.device.clone(),
            audience: self.audience.clone(),
            utm_source: self.utm_source.clone(),
            utm_campaign: self.utm_campaign.clone(),
        }
    }
}

/// One arm with what makes it differ from the control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmDetail {
    pub key: String,
    pub name: String,
    pub weight: u32,
    /// "Heading “Old” → “New”", one per changed text; empty for the control.
    pub changes: Vec<String>,
    /// Staff-only link that forces this arm (not counted).
    pub preview_path: String,
}

/// A block whose text a variant may change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextBlock {
    pub id: String,
    pub label: String,
    pub text: String,
}

/// Who promoted which arm, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub arm_key: String,
    pub arm_name: String,
    pub by: String,
    pub at_ms: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentDetail {
    pub summary: ExperimentSummary,
    pub hypothesis: String,
    pub engine_label: String,
    pub coverage_pct: u8,
    pub targeting: String,
    pub mde_pct: u32,
    pub created_by: String,
    pub created_at_ms: i64,
    pub arms: Vec<ArmDetail>,
    /// The page's blocks whose text a variant may change (draft only).
    pub text_blocks: Vec<TextBlock>,
    pub actions: Vec<Action>,
    pub editable: bool,
    pub can_edit: bool,
    pub readout: Readout,
    /// Secondary metrics and guardrails, read out by the same engine.
    pub metrics: Vec<MetricResult>,
    /// "About 9 days at current traffic", when the page has traffic.
    pub duration_estimate: Option<String>,
    pub decision: Option<Decision>,
    /// Running totals per UTC day and arm, for the cumulative chart.
    pub daily: Vec<DailyTotals>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MetricRole {
    /// Watched for learning; the verdict rests on the goal.
    Secondary,
    /// Must not get worse: a significant drop is flagged.
    Guardrail,
}

/// One secondary metric or guardrail, read out per variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricResult {
    pub role: MetricRole,
    pub label: String,
    pub readout: Readout,
    /// Set when a guardrail got significantly worse in some variant.
    pub warning: Option<String>,
}

/// A variant open in the page builder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantEditor {
    pub experiment_id: String,
    pub experiment_name: String,
    pub arm_key: String,
    pub arm_name: String,
    pub page_title: String,
    /// The experiment's `updated_at`: a save from an older copy is refused.
    pub revision: i64,
    pub document_json: String,
    pub editor_data: crate::model::landing_pages::LandingData,
    /// A draft, and the user may edit it.
    pub editable: bool,
}

/// An arm's running totals at the end of a UTC day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyTotals {
    pub day_ms: i64,
    pub arm_key: String,
    pub users: i64,
    pub conversions: i64,
}

/// The arms' names and weights, as the form sends them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArmsInput {
    pub arms: Vec<ArmForm>,
}
