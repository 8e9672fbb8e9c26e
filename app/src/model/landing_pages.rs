//! Landing pages as the back office and the public site see them.

use crate::domain::gallery_query::ParamError;
use crate::domain::list_filters::{PageListQuery, PageState};
use crate::model::showcase::CaseStudySummary;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSummary {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub status: PageState,
    pub updated_at_ms: i64,
    pub updated_by: Option<String>,
    pub published_at_ms: Option<i64>,
    pub views: i64,
    pub leads: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageList {
    pub pages: Vec<PageSummary>,
    pub total: i64,
    pub query: PageListQuery,
    /// Parameters of the address that were left out, and why.
    pub problems: Vec<ParamError>,
    /// What "new page" offers.
    pub templates: Vec<TemplateChoice>,
}

/// A template a new page may start from: a built-in one (`key`) or one
/// saved from a page (`custom:{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChoice {
    pub key: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub id: String,
    /// "published" or "named".
    pub kind: String,
    pub name: String,
    pub author: Option<String>,
    pub created_at_ms: i64,
}

/// A page in the back office: its draft (pretty JSON) and history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageDetail {
    pub summary: PageSummary,
    pub draft_json: String,
    /// Name this in a save: a save from an older revision is refused (409).
    pub revision: i64,
    /// The draft differs from what is published.
    pub unpublished_changes: bool,
    pub versions: Vec<VersionSummary>,
    /// What the editor canvas shows for blocks filled from the database
    /// (case-study cards), as the preview would.
    pub editor_data: LandingData,
}

/// What a new page starts from (`input[template]`, `input[title]`, `input[slug]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPageInput {
    pub template: String,
    pub title: String,
    pub slug: String,
}

/// What a landing page's address says about the visit: its campaign, and a
/// staff preview link's variant (`?variant=b`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandingVisit {
    #[serde(default)]
    pub utm_source: String,
    #[serde(default)]
    pub utm_campaign: String,
    #[serde(default)]
    pub variant: String,
}

/// A page ready to render: its document (as JSON the server has parsed and
/// serialised) and what the document needs from the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderablePage {
    pub page_id: String,
    pub document_json: String,
    pub data: LandingData,
    /// A staff preview of the draft, not the published page.
    pub preview: bool,
    /// Which document this is depends on the visitor (a page under test):
    /// the response must not be kept by a shared cache.
    #[serde(default)]
    pub personalised: bool,
    /// The visitor takes part in the page's experiment: the page loads the
    /// event beacon (`/ce.js`).
    #[serde(default)]
    pub beacon: bool,
}

/// What a document needs from the database at render time, looked up by
/// the service beforehand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LandingData {
    /// Case-study cards per case_studies block id (published studies only,
    /// already limited to the block's max).
    pub case_studies: HashMap<String, Vec<CaseStudySummary>>,
    /// The page's slug (the lead form posts it back).
    pub slug: String,
    /// After a no-JS form post that failed or succeeded: what to show in that form.
    pub form_state: Option<LandingFormState>,
    /// The visit's campaign (`utm_source`, `utm_medium`, `utm_campaign`
    /// from the address), carried by the lead forms.
    #[serde(default)]
    pub utm: Vec<(String, String)>,
    /// For a page with a calculator block: what the calculator island needs.
    #[serde(default)]
    pub calculator: Option<crate::model::roi::CalculatorData>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LandingFormState {
    /// The lead-form block this state belongs to.
    pub block_id: String,
    /// What the visitor typed, by field name, to fill the inputs again.
    pub values: BTreeMap<String, String>,
    /// A message per field name.
    pub errors: BTreeMap<String, String>,
    /// A message about the whole form.
    pub general: Option<String>,
    /// After a successful submission: the block's thank-you instead of the form.
    pub submitted: bool,
}

/// Where a landing page's form sent the visitor back to the page (without
/// JavaScript): `/landing/{slug}?form=<block>&draft=<id>` after a refused
/// post, `?form=<block>&sent=<lead>` after a lead. Blank when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormReturn {
    pub form: String,
    pub draft: String,
    pub sent: String,
}

impl FormReturn {
    pub fn is_empty(&self) -> bool {
        self.form.is_empty()
    }
}

/// What `/landing/{slug}` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PublicPage {
    Found(Box<RenderablePage>),
    /// The page moved: a 301 to this slug.
    Moved(String),
    Missing,
}
