//! Who uploaded each image (table `media_uploads`), so forms can refuse keys
//! that are not uploads, or not the saver's own.

use super::{now_ms, Db};
use crate::domain::media::{ImageKind, MediaKey, UploadRecord};

/// Records a stored upload.
pub async fn record(
    db: &Db,
    key: &MediaKey,
    kind: ImageKind,
    uploaded_by: &str,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO media_uploads (media_key, kind, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(key.to_string())
    .bind(kind.as_str())
    .bind(uploaded_by)
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// What was recorded for `key`, if anything.
pub async fn find(db: &Db, key: &MediaKey) -> Result<Option<UploadRecord>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT kind, uploaded_by FROM media_uploads WHERE media_key = $1")
            .bind(key.to_string())
            .fetch_optional(&db.pool)
            .await?;
    row.map(|(kind, uploaded_by)| {
        let kind = ImageKind::parse(&kind).ok_or_else(|| {
            sqlx::Error::Decode(format!("unknown image kind \"{kind}\" in media_uploads").into())
        })?;
        Ok(UploadRecord { kind, uploaded_by })
    })
    .transpose()
}

/// Forgets an upload whose files are being deleted.
pub async fn forget(db: &Db, key: &MediaKey) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM media_uploads WHERE media_key = $1")
        .bind(key.to_string())
        .execute(&db.pool)
        .await
        .map(|_| ())
}
