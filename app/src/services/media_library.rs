//! The media library as the page editor sees it: the images uploaded to this
//! site that a landing page may show (header pictures and charts; portraits
//! stay with their consultants), and the check that a saved page names only
//! such images.

use crate::db::media_uploads::{self, LibraryCursor, LibraryRow};
use crate::db::Db;
use crate::domain::media::{may_attach, media_url, ImageKind, MediaKey, UploadsAllowed};
use crate::domain::page_document::{media_references, Document};
use crate::error::{AppError, FieldError};
use crate::model::media::{LibraryImage, MediaLibraryPage};

/// The kinds of upload a landing page may show (as `db::media_uploads::page_images` lists).
pub const PAGE_IMAGE_KINDS: [ImageKind; 2] = [ImageKind::Chart, ImageKind::Hero];

/// Images per library page: four rows of the picker's grid.
pub const LIBRARY_PAGE_SIZE: usize = 24;

/// One page of the library, newest first; `cursor` is a previous page's
/// `next_cursor` (empty for the first page).
pub async fn page(db: &Db, cursor: &str) -> Result<MediaLibraryPage, AppError> {
    let cursor = parse_cursor(cursor)?;
    // One more than a page tells whether another page follows.
    let mut rows =
        media_uploads::page_images(db, cursor.as_ref(), LIBRARY_PAGE_SIZE as i64 + 1).await?;
    let more = rows.len() > LIBRARY_PAGE_SIZE;
    rows.truncate(LIBRARY_PAGE_SIZE);
    let next_cursor = more
        .then(|| {
            rows.last()
                .map(|r| format!("{}.{}", r.created_at, r.media_key))
        })
        .flatten();
    Ok(MediaLibraryPage {
        images: rows.into_iter().filter_map(library_image).collect(),
        next_cursor,
    })
}

fn parse_cursor(text: &str) -> Result<Option<LibraryCursor>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let refused = || {
        AppError::invalid(
            "cursor",
            "That is not a media-library page; start again from the first page.",
        )
    };
    let (created_at, key) = text.split_once('.').ok_or_else(refused)?;
    let created_at = created_at.parse::<i64>().map_err(|_| refused())?;
    let key = MediaKey::parse(key).map_err(|_| refused())?;
    Ok(Some(LibraryCursor {
        created_at,
        media_key: key.to_string(),
    }))
}

fn library_image(row: LibraryRow) -> Option<LibraryImage> {
    let key = MediaKey::parse(&row.media_key).ok()?;
    let kind = key.kind()?;
    let smallest = *kind.widths().last()?;
    Some(LibraryImage {
        thumbnail: media_url(&key.variant_path(smallest)),
        kind_label: match kind {
            ImageKind::Hero => "Wide header picture",
            ImageKind::Chart => "Chart or picture",
            ImageKind::Profile => "Portrait",
        }
        .to_string(),
        key: row.media_key,
        uploaded_by: row.uploaded_by_name,
        uploaded_at_ms: row.created_at,
    })
}

/// Refuses a document that names an image the library does not hold, field
/// by field. Keys the page already stored (`stored`: its current draft and
/// published documents) stay allowed, so a page keeps its images.
pub async fn check_page_images(
    db: &Db,
    document: &Document,
    stored: &[&Document],
) -> Result<(), AppError> {
    let kept: Vec<String> = stored
        .iter()
        .flat_map(|d| media_references(d))
        .map(|r| r.key)
        .collect();
    let mut errors = Vec::new();
    for reference in media_references(document) {
        if kept.contains(&reference.key) {
            continue;
        }
        let known = match MediaKey::parse(&reference.key) {
            Ok(key) => {
                let record = media_uploads::find(db, &key).await?;
                let usable = record
                    .as_ref()
                    .is_some_and(|r| PAGE_IMAGE_KINDS.contains(&r.kind));
                usable
                    && may_attach(
                        &key,
                        std::iter::empty(),
                        record.as_ref(),
                        UploadsAllowed::Anyone,
                    )
                    .is_ok()
            }
            Err(_) => false,
        };
        if !known {
            errors.push(FieldError {
                field: reference.path,
                message: "this image is not in this site's media library; choose it from the \
                          library or upload it again"
                    .to_string(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}
