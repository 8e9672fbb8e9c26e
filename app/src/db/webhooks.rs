//! Webhook endpoints and their delivery log.

use super::{new_id, now_ms, Db};
use crate::domain::jobs::JobKind;
use crate::domain::webhooks::WebhookEvent;
use sqlx::{Any, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct EndpointRow {
    pub id: String,
    pub url: String,
    pub secret: String,
    pub events_json: String,
    pub active: i64,
    pub created_at: i64,
    /// `signed`, or built in from the configuration: `slack`, `hubspot`.
    pub kind: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub id: String,
    pub endpoint_id: String,
    pub event: String,
    pub payload_json: String,
    pub status: String,
    pub attempts: i64,
    pub last_status_code: Option<i64>,
    pub last_error: String,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

const DELIVERY_COLUMNS: &str = "id, endpoint_id, event, payload_json, status, attempts, \
    last_status_code, last_error, created_at, delivered_at";

pub async fn create(
    db: &Db,
    url: &str,
    secret: &str,
    events: &[WebhookEvent],
    created_by: &str,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let events: Vec<&str> = events.iter().map(|e| e.as_str()).collect();
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO webhook_endpoints (id, url, secret, events_json, active, created_by, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5, $6)",
    )
    .bind(&id)
    .bind(url)
    .bind(secret)
    .bind(serde_json::to_string(&events).map_err(|e| sqlx::Error::Encode(Box::new(e)))?)
    .bind(created_by)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(id)
}

pub async fn list(db: &Db) -> Result<Vec<EndpointRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, url, secret, events_json, active, created_at, kind FROM webhook_endpoints \
         ORDER BY created_at, id",
    )
    .fetch_all(&db.pool)
    .await
}

pub async fn endpoint(db: &Db, id: &str) -> Result<Option<EndpointRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, url, secret, events_json, active, created_at, kind FROM webhook_endpoints \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn set_active(db: &Db, id: &str, active: bool) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let changed = sqlx::query("UPDATE webhook_endpoints SET active = $1 WHERE id = $2")
        .bind(active as i64)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(changed.rows_affected() == 1)
}

pub async fn delete(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let gone = sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(gone.rows_affected() == 1)
}

/// The kind of the built-in Slack endpoint, and its fixed id.
pub const SLACK: &str = "slack";

/// Writes the Slack endpoint from the configuration: on with this URL, or
/// (no URL) off, keeping its delivery log. Every server does this at start.
pub async fn configure_slack(db: &Db, url: Option<&str>) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    match url {
        Some(url) => sqlx::query(
            "INSERT INTO webhook_endpoints (id, url, secret, events_json, active, created_at, kind) \
             VALUES ($1, $2, '', '[\"lead.created\"]', 1, $3, $1) \
             ON CONFLICT (id) DO UPDATE SET url = excluded.url, active = 1",
        )
        .bind(SLACK)
        .bind(url)
        .bind(now_ms())
        .execute(&db.pool)
        .await
        .map(|_| ()),
        None => sqlx::query("UPDATE webhook_endpoints SET active = 0 WHERE id = $1")
            .bind(SLACK)
            .execute(&db.pool)
            .await
            .map(|_| ()),
    }
}

/// The kind of the built-in HubSpot endpoint, and its fixed id. Its `url`
/// is HubSpot's API base, its `secret` the access token (never shown).
pub const HUBSPOT: &str = "hubspot";

/// Writes the HubSpot endpoint from the configuration: on with this API base
/// and token for every lead event, or (none) off, keeping its log.
pub async fn configure_hubspot(db: &Db, api: Option<(&str, &str)>) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    match api {
        Some((base_url, token)) => sqlx::query(
            "INSERT INTO webhook_endpoints (id, url, secret, events_json, active, created_at, kind) \
             VALUES ($1, $2, $3, '[\"lead.created\",\"lead.updated\",\"lead.status_changed\"]', 1, $4, $1) \
             ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, active = 1",
        )
        .bind(HUBSPOT)
        .bind(base_url)
        .bind(token)
        .bind(now_ms())
        .execute(&db.pool)
        .await
        .map(|_| ()),
        None => sqlx::query("UPDATE webhook_endpoints SET active = 0 WHERE id = $1")
            .bind(HUBSPOT)
            .execute(&db.pool)
            .await
            .map(|_| ()),
    }
}

/// One delivery (and its job) for every active endpoint that wants `event`,
/// inside the caller's transaction: the event is announced exactly when the
/// change that caused it is stored.
pub async fn announce_in(
    tx: &mut Transaction<'_, Any>,
    event: WebhookEvent,
    payload_json: &str,
) -> Result<(), sqlx::Error> {
    let endpoints: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, events_json, kind FROM webhook_endpoints WHERE active = 1")
            .fetch_all(&mut **tx)
            .await?;
    for (endpoint_id, events_json, kind) in endpoints {
        let wants = if kind == SLACK {
            crate::domain::webhooks::slack_wants(event, payload_json)
        } else {
            serde_json::from_str::<Vec<String>>(&events_json)
                .map(|events| events.iter().any(|e| e == event.as_str()))
                .unwrap_or(false)
        };
        if wants {
            insert_delivery_in(tx, &endpoint_id, event.as_str(), payload_json).await?;
        }
    }
    Ok(())
}

async fn insert_delivery_in(
    tx: &mut Transaction<'_, Any>,
    endpoint_id: &str,
    event: &str,
    payload_json: &str,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO webhook_deliveries (id, endpoint_id, event, payload_json, status, attempts, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', 0, $5)",
    )
    .bind(&id)
    .bind(endpoint_id)
    .bind(event)
    .bind(payload_json)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    super::jobs::enqueue(
        &mut **tx,
        JobKind::DeliverWebhook,
        &serde_json::json!({ "delivery_id": id }).to_string(),
        &format!("webhook-{id}"),
        now,
    )
    .await?;
    Ok(id)
}

/// "Send again": a new delivery of the same event and body.
pub async fn send_again(db: &Db, delivery: &DeliveryRow) -> Result<String, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let id = insert_delivery_in(
        &mut tx,
        &delivery.endpoint_id,
        &delivery.event,
        &delivery.payload_json,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delivery(db: &Db, id: &str) -> Result<Option<DeliveryRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// The deliveries with these ids (those that still exist), in one query.
pub async fn deliveries_by_ids(db: &Db, ids: &[String]) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id IN ({})",
        super::placeholders(ids.len())
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id);
    }
    query.fetch_all(&db.pool).await
}

/// An endpoint's newest deliveries (at most `limit`).
pub async fn deliveries(
    db: &Db,
    endpoint_id: &str,
    limit: i64,
) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    )))
    .bind(endpoint_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Records one attempt: its HTTP status (if any answer came) and error.
pub async fn record_attempt(
    db: &Db,
    id: &str,
    status_code: Option<u16>,
    error: &str,
    delivered: bool,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    sqlx::query(
        "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $1, \
         last_error = $2, status = CASE WHEN $3 = 1 THEN 'delivered' ELSE status END, \
         delivered_at = CASE WHEN $3 = 1 THEN $4 ELSE delivered_at END WHERE id = $5",
    )
    .bind(status_code.map(i64::from))
    .bind(error)
    .bind(delivered as i64)
    .bind(now)
    .bind(id)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// Delivery was given up (its job is dead).
pub async fn mark_failed(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .execute(&db.pool)
    .await
    .map(|_| ())
}
