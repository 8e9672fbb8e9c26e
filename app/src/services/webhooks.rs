//! Outgoing webhooks: admins register endpoints for events; each event is
//! announced in the transaction of the change that caused it, delivered by
//! a job (signed, retried with backoff, logged), and can be sent again.

use crate::db::{audit, webhooks, Db};
use crate::domain::webhooks::{check_url, WebhookEvent};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::webhooks::{DeliverySummary, EndpointSummary};

/// Admins: a new endpoint for `events`, with a fresh secret. Audited.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn create(
    db: &Db,
    admin: &CurrentUser,
    url: &str,
    events: &[String],
) -> Result<String, AppError> {
    let url = check_url(url).map_err(|m| AppError::invalid("url", m))?;
    let events: Vec<WebhookEvent> = events
        .iter()
        .map(|e| {
            WebhookEvent::parse(e).ok_or_else(|| {
                AppError::invalid("events", format!("\"{e}\" is not an event we send."))
            })
        })
        .collect::<Result<_, _>>()?;
    if events.is_empty() {
        return Err(AppError::invalid("events", "Choose at least one event."));
    }
    // 256 random bits, shown to admins so the receiver can check signatures.
    let secret = format!("whsec_{}", crate::auth::session_token::generate().token);
    let id = webhooks::create(db, &url, &secret, &events, &admin.id).await?;
    audit::record(
        db,
        Some(&admin.id),
        "webhook.created",
        &id,
        serde_json::json!({ "url": url }),
    )
    .await?;
    Ok(id)
}

/// Admins: every endpoint with its newest deliveries.
pub async fn overview(db: &Db) -> Result<Vec<EndpointSummary>, AppError> {
    let mut out = Vec::new();
    for row in webhooks::list(db).await? {
        let events: Vec<String> = serde_json::from_str(&row.events_json)?;
        let deliveries = webhooks::deliveries(db, &row.id, 20)
            .await?
            .into_iter()
            .map(|d| DeliverySummary {
                id: d.id,
                event: d.event,
                status: d.status,
                attempts: d.attempts,
                last_status_code: d.last_status_code,
                last_error: d.last_error,
                created_at_ms: d.created_at,
                delivered_at_ms: d.delivered_at,
            })
            .collect();
        out.push(EndpointSummary {
            id: row.id,
            url: row.url,
            // A built-in endpoint's secret is an access token: never shown.
            secret: if row.kind == "signed" {
                row.secret
            } else {
                String::new()
            },
            events: events
                .iter()
                .filter_map(|e| WebhookEvent::parse(e))
                .collect(),
            active: row.active == 1,
            builtin: match row.kind.as_str() {
                webhooks::SLACK => {
                    Some("Slack, from CE_SLACK_WEBHOOK_URL: a message for each new Tier 1 lead.".into())
                }
                webhooks::HUBSPOT => Some(
                    "HubSpot, from CE_HUBSPOT_TOKEN: every lead event updates the contact; a deal opens once the lead is qualified."
                        .into(),
                ),
                _ => None,
            },
            deliveries,
        });
    }
    Ok(out)
}

pub async fn set_active(
    db: &Db,
    admin: &CurrentUser,
    id: &str,
    active: bool,
) -> Result<(), AppError> {
    if !webhooks::set_active(db, id, active).await? {
        return Err(AppError::NotFound("That webhook".into()));
    }
    let action = if active {
        "webhook.enabled"
    } else {
        "webhook.disabled"
    };
    audit::record(db, Some(&admin.id), action, id, serde_json::json!({})).await?;
    Ok(())
}

pub async fn delete(db: &Db, admin: &CurrentUser, id: &str) -> Result<(), AppError> {
    if !webhooks::delete(db, id).await? {
        return Err(AppError::NotFound("That webhook".into()));
    }
    audit::record(
        db,
        Some(&admin.id),
        "webhook.deleted",
        id,
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// Admins: deliver a logged event once more (a new delivery, a new id).
pub async fn send_again(db: &Db, admin: &CurrentUser, delivery_id: &str) -> Result<(), AppError> {
    let delivery = webhooks::delivery(db, delivery_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That delivery".into()))?;
    let id = webhooks::send_again(db, &delivery).await?;
    audit::record(
        db,
        Some(&admin.id),
        "webhook.sent_again",
        &id,
        serde_json::json!({ "from": delivery_id }),
    )
    .await?;
    Ok(())
}

/// One delivery attempt (run by the job queue). `Err` means try again later.
pub async fn deliver(db: &Db, http: &reqwest::Client, delivery_id: &str) -> Result<(), String> {
    let delivery = webhooks::delivery(db, delivery_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the delivery no longer exists")?;
    if delivery.status == "delivered" {
        return Ok(());
    }
    let endpoint = webhooks::endpoint(db, &delivery.endpoint_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the webhook was deleted")?;
    if endpoint.active != 1 {
        return Err("the webhook is switched off".into());
    }
    if endpoint.kind == webhooks::HUBSPOT {
        let lead_id = serde_json::from_str::<serde_json::Value>(&delivery.payload_json)
            .ok()
            .and_then(|body| body["lead_id"].as_str().map(str::to_string))
            .ok_or("the event names no lead")?;
        let outcome =
            crate::services::crm::sync_lead(db, http, &endpoint.url, &endpoint.secret, &lead_id)
                .await;
        let (code, error) = match outcome {
            Ok(code) => (Some(code), None),
            Err((code, error)) => (code, Some(error)),
        };
        return finish_attempt(db, &delivery.id, code, error).await;
    }
    let request = if endpoint.kind == webhooks::SLACK {
        // Slack takes its own message shape, unsigned (the URL is the secret).
        http.post(&endpoint.url)
            .header("content-type", "application/json")
            .body(crate::domain::webhooks::slack_message(
                &delivery.payload_json,
            )?)
    } else {
        let timestamp = crate::db::now_ms() / 1000;
        let signature = crate::domain::webhooks::signature_header(
            &endpoint.secret,
            timestamp,
            &delivery.payload_json,
        );
        http.post(&endpoint.url)
            .header("content-type", "application/json")
            .header("x-ce-event", &delivery.event)
            .header("x-ce-delivery", &delivery.id)
            .header("x-ce-signature", signature)
            .body(delivery.payload_json.clone())
    };
    let sent = request
        .header("user-agent", "CausalEdge-Webhooks/1")
        .send()
        .await;
    let (code, error) = match sent {
        Ok(response) if response.status().is_success() => (Some(response.status().as_u16()), None),
        Ok(response) => (
            Some(response.status().as_u16()),
            Some(format!("the receiver answered {}", response.status())),
        ),
        Err(e) => (None, Some(format!("could not reach the receiver: {e}"))),
    };
    finish_attempt(db, &delivery.id, code, error).await
}

/// Logs one attempt; `Err` (try again later) when it failed.
async fn finish_attempt(
    db: &Db,
    delivery_id: &str,
    code: Option<u16>,
    error: Option<String>,
) -> Result<(), String> {
    webhooks::record_attempt(
        db,
        delivery_id,
        code,
        error.as_deref().unwrap_or(""),
        error.is_none(),
    )
    .await
    .map_err(|e| e.to_string())?;
    match error {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

/// The body of a lead event: what a receiver (a CRM, a spreadsheet) needs,
/// never the consent record's internals or the visitor id.
pub fn lead_payload(event: WebhookEvent, lead_id: &str, fields: serde_json::Value) -> String {
    serde_json::json!({
        "event": event.as_str(),
        "sent_at_ms": crate::db::now_ms(),
        "lead_id": lead_id,
        "lead": fields,
    })
    .to_string()
}
