//! Consultant profiles as the back office lists and edits them.

use crate::domain::consultant_form::ConsultantInput;
use crate::domain::lead_fields::IndustryRef;
use crate::domain::track_record::TrackRecord;
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
    /// Why it cannot be made public yet (an incomplete profile).
    pub activation_refusal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantEditorData {
    pub id: String,
    pub input: ConsultantInput,
    /// Industries of the published case studies (SIC code and name), offered
    /// as choices; any other 4-digit SIC code may be typed.
    pub industries: Vec<IndustryRef>,
    /// Only admins set client satisfaction (a consultant does not rate themselves).
    pub can_edit_satisfaction: bool,
    /// The person editing is the consultant themselves: the form says "you".
    pub editing_own: bool,
    /// Specialisations on any profile, offered as suggestions so one skill is
    /// not spelt three ways.
    pub known_specializations: Vec<String>,
    /// Derived from the profile's published case studies; shown, not edited.
    pub track_record: TrackRecord,
}

/// The consultants page: admins get every profile and the accounts a profile
/// can be linked to; consultants get just their own profile (or none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantsOverview {
    /// One page of the profiles matching the list's search and filter.
    pub profiles: Vec<ConsultantListItem>,
    /// How many match (all pages).
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// `Some` only for admins: consultant accounts as (id, label). Its
    /// presence is what shows the admin controls.
    pub linkable_accounts: Option<Vec<(String, String)>>,
}
