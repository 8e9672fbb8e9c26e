//! Case studies as the back office lists and edits them.

use crate::domain::case_study_form::CaseStudyInput;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminCaseStudy {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub industry_name: String,
    pub published: bool,
    pub featured: bool,
    pub view_count: i64,
    pub updated_at: i64,
}

/// One page of the back-office list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminCaseStudyList {
    pub studies: Vec<AdminCaseStudy>,
    /// How many match the search and filter (all pages).
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorData {
    /// `None` for a new case study.
    pub id: Option<String>,
    pub input: CaseStudyInput,
    pub published: bool,
    /// (id, name) of the consultants to choose from.
    pub consultants: Vec<(String, String)>,
    /// (SIC code, name) of the industries studies are filed under.
    pub industries: Vec<(String, String)>,
    pub can_delete: bool,
}
