//! Deletes uploaded image files nothing refers to any more (see
//! `domain::media_sweep` for the rules). Run once a day as a job on the
//! queue (one app server does it) and on demand by `server sweep-media`. A
//! file already gone (another sweep) is not an error.

use crate::db::{media_references, media_uploads, Db};
use crate::domain::media::ImageKind;
use crate::domain::media_sweep::{referenced_uploads, removal, Removal, UploadFile};
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// What a sweep found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    pub files_kept: usize,
    pub unreferenced_removed: usize,
    pub unfinished_removed: usize,
    pub bytes_freed: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error("could not read the image references from the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not read or delete under the media directory: {0}")]
    Io(#[from] std::io::Error),
}

/// Sweeps `media_dir`. With `dry_run` nothing is deleted; the report says
/// what would have been.
pub async fn sweep(
    db: &Db,
    media_dir: &Path,
    grace: Duration,
    dry_run: bool,
) -> Result<SweepReport, SweepError> {
    // References are read before the directory: an upload saved after this
    // point is younger than the grace period, so it is kept anyway.
    let stored = media_references::all(db).await?;
    let referenced = referenced_uploads(stored.iter().map(String::as_str));
    let now = SystemTime::now();
    let mut report = SweepReport::default();
    let mut forgotten = HashSet::new();
    for kind in ImageKind::ALL {
        let dir = media_dir.join(kind.as_str());
        let mut entries = match tokio::fs::read_dir(&dir).await {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        while let Some(entry) = entries.next_entry().await? {
            let metadata = match entry.metadata().await {
                Ok(m) if m.is_file() => m,
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            // A clock step backwards makes a file look new: keep it.
            let age = metadata
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .unwrap_or_default();
            let relative = format!("{kind}/{name}");
            let Some(reason) = removal(&relative, age, grace, &referenced) else {
                report.files_kept += 1;
                continue;
            };
            if !dry_run {
                // Forget the upload before deleting its files, so a form can
                // never attach a recorded key whose files are gone.
                if let (Removal::Unreferenced, Some(UploadFile::Variant(key))) =
                    (reason, UploadFile::parse(&relative))
                {
                    if forgotten.insert(key.clone()) {
                        media_uploads::forget(db, &key).await?;
                    }
                }
                match tokio::fs::remove_file(entry.path()).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            tracing::debug!(file = %relative, ?reason, dry_run, "media sweep removes");
            report.bytes_freed += metadata.len();
            match reason {
                Removal::Unreferenced => report.unreferenced_removed += 1,
                Removal::Unfinished => report.unfinished_removed += 1,
            }
        }
    }
    Ok(report)
}
