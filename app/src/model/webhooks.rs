//! Webhook endpoints and their deliveries as the webhooks page shows them.

use crate::domain::webhooks::WebhookEvent;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointSummary {
    pub id: String,
    pub url: String,
    /// Admins see it: the receiver needs it to check signatures.
    pub secret: String,
    pub events: Vec<WebhookEvent>,
    pub active: bool,
    /// A built-in endpoint (Slack, HubSpot, from the configuration): what it
    /// does. Its secret is not shown.
    pub builtin: Option<String>,
    /// Newest first.
    pub deliveries: Vec<DeliverySummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverySummary {
    pub id: String,
    pub event: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_status_code: Option<i64>,
    pub last_error: String,
    pub created_at_ms: i64,
    pub delivered_at_ms: Option<i64>,
}

/// The new-webhook form as posted (`input[url]`, `input[events][]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookInput {
    pub url: String,
    /// Event names; none ticked arrives as none.
    #[serde(default)]
    pub events: Vec<String>,
}
