//! Consultant profiles as the back office lists and edits them.

use crate::domain::consultant_form::ConsultantInput;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantListItem {
    pub id: String,
    pub name: String,
    pub title: String,
    pub active: bool,
    pub linked: bool,
    /// The linked account's id (shown to admins for re-linking).
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantEditorData {
    pub id: String,
    pub input: ConsultantInput,
}

/// The consultants page: admins get every profile and the accounts a profile
/// can be linked to; consultants get just their own profile (or none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantsOverview {
    pub profiles: Vec<ConsultantListItem>,
    /// `Some` only for admins: consultant accounts as (id, label). Its
    /// presence is what shows the admin controls.
    pub linkable_accounts: Option<Vec<(String, String)>>,
}
