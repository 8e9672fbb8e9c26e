//! Which files under the media directory the sweep may delete: variants of
//! uploads that no case study or consultant refers to (an image replaced in
//! an editor, or uploaded and never saved), and writes cut off half way.
//!
//! Recent files are always kept: an editor may hold an upload it has not
//! saved yet, so the grace period must be longer than anyone edits a page.
//! Files the sweep does not recognise are never touched.

use super::media::{ImageKind, MediaKey};
use std::collections::HashSet;
use std::time::Duration;

/// How long an unreferenced upload is kept by default.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(24 * 60 * 60);

/// A file the upload pipeline writes, recognised from its path relative to
/// the media directory (`hero/{id}-1200.webp`, or the same with `.partial`
/// while it is being written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadFile {
    Variant(MediaKey),
    Partial(MediaKey),
}

impl UploadFile {
    pub fn parse(relative: &str) -> Option<UploadFile> {
        let (dir, name) = relative.split_once('/')?;
        let kind = ImageKind::parse(dir)?;
        let (name, partial) = match name.strip_suffix(".partial") {
            Some(name) => (name, true),
            None => (name, false),
        };
        let (id, width) = name.strip_suffix(".webp")?.rsplit_once('-')?;
        let width: u32 = width.parse().ok()?;
        if !kind.widths().contains(&width) {
            return None;
        }
        // The id must be one `MediaKey` accepts (32 lowercase hex digits).
        let key = MediaKey::parse(&format!("{kind}/{id}")).ok()?;
        Some(if partial {
            UploadFile::Partial(key)
        } else {
            UploadFile::Variant(key)
        })
    }
}

/// Why a file goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// No case study or consultant uses the upload.
    Unreferenced,
    /// A write that never finished (the process stopped mid-upload).
    Unfinished,
}

/// The references stored in the database, parsed. Values that do not parse
/// (the demo portraits' single files, hand-written paths) refer to no upload.
pub fn referenced_uploads<'a>(stored: impl IntoIterator<Item = &'a str>) -> HashSet<MediaKey> {
    stored
        .into_iter()
        .filter_map(|value| MediaKey::parse(value).ok())
        .filter(|key| key.kind().is_some())
        .collect()
}

/// `Some(reason)` when the file at `relative` (last modified `age` ago) may
/// be deleted.
pub fn removal(
    relative: &str,
    age: Duration,
    grace: Duration,
    referenced: &HashSet<MediaKey>,
) -> Option<Removal> {
    if age < grace {
        return None;
    }
    match UploadFile::parse(relative)? {
        UploadFile::Partial(_) => Some(Removal::Unfinished),
        UploadFile::Variant(key) if referenced.contains(&key) => None,
        UploadFile::Variant(_) => Some(Removal::Unreferenced),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "0193a1b2c3d4e5f60718293a4b5c6d7e";
    const OTHER: &str = "ffffa1b2c3d4e5f60718293a4b5c6d7e";
    const DAY: Duration = DEFAULT_GRACE;

    fn referenced() -> HashSet<MediaKey> {
        referenced_uploads([
            format!("hero/{ID}").as_str(),
            "consultants/priya-raman.svg",
            "../../etc/passwd",
        ])
    }

    #[test]
    fn only_uploads_count_as_references() {
        let refs = referenced();
        assert_eq!(refs.len(), 1);
        assert!(refs.contains(&MediaKey::new_upload(ImageKind::Hero, ID)));
    }

    #[test]
    fn unreferenced_old_variants_go_and_referenced_ones_stay() {
        let refs = referenced();
        let old = DAY * 2;
        assert_eq!(
            removal(&format!("hero/{ID}-1200.webp"), old, DAY, &refs),
            None
        );
        assert_eq!(
            removal(&format!("hero/{OTHER}-400.webp"), old, DAY, &refs),
            Some(Removal::Unreferenced)
        );
        // Same id under another kind is another upload.
        assert_eq!(
            removal(&format!("chart/{ID}-800.webp"), old, DAY, &refs),
            Some(Removal::Unreferenced)
        );
    }

    #[test]
    fn recent_files_are_kept_whatever_they_are() {
        let refs = referenced();
        let recent = Duration::from_secs(60);
        assert_eq!(
            removal(&format!("hero/{OTHER}-400.webp"), recent, DAY, &refs),
            None
        );
        assert_eq!(
            removal(
                &format!("profile/{OTHER}-64.webp.partial"),
                recent,
                DAY,
                &refs
            ),
            None
        );
    }

    #[test]
    fn unfinished_writes_go_even_when_referenced() {
        assert_eq!(
            removal(
                &format!("hero/{ID}-800.webp.partial"),
                DAY,
                DAY,
                &referenced()
            ),
            Some(Removal::Unfinished)
        );
    }

    #[test]
    fn unknown_files_are_never_touched() {
        let refs = referenced();
        for path in [
            "consultants/priya-raman.svg".to_string(),
            format!("hero/{ID}-1000.webp"), // not a hero width
            format!("profile/{ID}-1200.webp"),
            format!("hero/{ID}.webp"),
            format!("hero/{}-400.webp", &ID[..30]),
            format!("hero/{}-400.webp", ID.to_uppercase()),
            format!("other/{ID}-400.webp"),
            format!("hero/nested/{ID}-400.webp"),
            "README".to_string(),
        ] {
            assert_eq!(removal(&path, DAY * 30, DAY, &refs), None, "{path}");
        }
    }

    proptest! {
        /// Whatever the path, a file younger than the grace period stays, and
        /// a referenced upload's variants stay at any age.
        #[test]
        fn never_removes_what_is_recent_or_referenced(
            path in "[a-z/0-9.-]{0,60}",
            width_index in 0usize..3,
            age_secs in 0u64..(3 * 86_400),
        ) {
            let refs = referenced();
            let age = Duration::from_secs(age_secs);
            if age < DAY {
                prop_assert_eq!(removal(&path, age, DAY, &refs), None);
            }
            let width = ImageKind::Hero.widths()[width_index];
            let kept = format!("hero/{ID}-{width}.webp");
            prop_assert_eq!(removal(&kept, age, DAY, &refs), None);
        }
    }
}
