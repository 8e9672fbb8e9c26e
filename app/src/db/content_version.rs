//! The number every back-office write moves on, so each app server knows
//! when the public pages it keeps in memory may be out of date (see
//! `server::page_cache` and the migration that made the table).

use super::Db;

/// The current content version.
pub async fn current(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM content_version WHERE id = 1")
        .fetch_one(&db.pool)
        .await
}

/// Moves the content version on: public pages kept anywhere are stale.
pub async fn bump(db: &Db) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("UPDATE content_version SET version = version + 1 WHERE id = 1")
        .execute(&db.pool)
        .await
        .map(|_| ())
}
