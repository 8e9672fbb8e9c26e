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

/// An upload as the media library lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LibraryRow {
    pub media_key: String,
    pub created_at: i64,
    pub uploaded_by_name: String,
}

/// Where a library page starts: strictly older than this upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryCursor {
    pub created_at: i64,
    pub media_key: String,
}

/// Up to `limit` header pictures and charts (the uploads a landing page may
/// show), newest first, after `cursor` (keyset paging on `(created_at,
/// media_key)`, so an upload made while someone pages does not shift or
/// repeat the pages).
pub async fn page_images(
    db: &Db,
    cursor: Option<&LibraryCursor>,
    limit: i64,
) -> Result<Vec<LibraryRow>, sqlx::Error> {
    // No cursor: before the end of time, which every row is.
    let (after, key) = match cursor {
        Some(c) => (c.created_at, c.media_key.as_str()),
        None => (i64::MAX, ""),
    };
    sqlx::query_as::<_, LibraryRow>(
        "SELECT m.media_key, m.created_at, u.display_name AS uploaded_by_name \
         FROM media_uploads m JOIN users u ON u.id = m.uploaded_by \
         WHERE m.kind IN ('chart', 'hero') \
           AND (m.created_at < $1 OR (m.created_at = $1 AND m.media_key < $2)) \
         ORDER BY m.created_at DESC, m.media_key DESC LIMIT $3",
    )
    .bind(after)
    .bind(key)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
