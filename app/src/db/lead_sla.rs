//! Tier-1 leads nobody contacted within the promised time, and noting that
//! admins were told.

use super::{now_ms, Db};

/// A lead that waited too long: id, name, company, when it came.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OverdueLead {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub created_at: i64,
}

/// Tier-1 leads still "new" that arrived before `before` and were not
/// reported yet, oldest first.
pub async fn overdue_tier1(db: &Db, before: i64) -> Result<Vec<OverdueLead>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, first_name, last_name, company_name, created_at FROM leads \
         WHERE tier = 'Tier_1' AND status = 'new' AND created_at < $1 AND sla_alerted_at IS NULL \
         ORDER BY created_at LIMIT 200",
    )
    .bind(before)
    .fetch_all(&db.pool)
    .await
}

/// The email addresses of active admins.
pub async fn admin_emails(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM users WHERE role = 'admin' AND active = 1 ORDER BY email")
        .fetch_all(&db.pool)
        .await
}

/// Marks the leads reported and writes the emails about the ones this call
/// marked (`emails_for` gets their ids), in one transaction: however many
/// checks run at once, admins hear of each late lead once.
pub async fn report(
    db: &Db,
    lead_ids: &[String],
    emails_for: impl FnOnce(&[String]) -> Vec<(String, String, String)>,
) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let mut marked = Vec::new();
    for id in lead_ids {
        let changed = sqlx::query(
            "UPDATE leads SET sla_alerted_at = $1 WHERE id = $2 AND sla_alerted_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 1 {
            marked.push(id.clone());
        }
    }
    if !marked.is_empty() {
        for (to, subject, body) in emails_for(&marked) {
            super::outbound_emails::insert_in(
                &mut tx,
                super::outbound_emails::NewEmail {
                    to_address: &to,
                    subject: &subject,
                    body_text: &body,
                    kind: "sla_alert",
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(marked.len())
}
