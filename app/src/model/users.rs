//! Back-office users as the users page sees them.

use crate::domain::password_link::LinkPurpose;
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
    /// Email the app wrote but could not send (no mail transport yet).
    pub unsent_emails: Vec<UnsentEmail>,
}

/// A one-time link to set a password, to hand over or email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLink {
    pub url: String,
    /// "7 days", "24 hours" …
    pub valid_for: String,
}

/// Whose a live link is and what it is for (shown on the set-password page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLinkInfo {
    pub email: String,
    pub purpose: LinkPurpose,
}

/// A new account and its invitation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedUser {
    pub user: UserSummary,
    pub invite: PasswordLink,
}

/// An email waiting for a mail transport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsentEmail {
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at_ms: i64,
}
