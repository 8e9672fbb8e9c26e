//! Back-office users as the users page sees them.

use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

/// A back-office user as the users page shows it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub created_at_ms: i64,
    pub last_login_at_ms: Option<i64>,
}

/// One page of the users matching the list's search and filter, and which
/// of them is looking (their own row offers no actions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDirectory {
    pub viewer_id: String,
    pub users: Vec<UserSummary>,
    /// How many match (all pages).
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}
