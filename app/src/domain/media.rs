//! Uploaded images: what may be uploaded, which responsive variants each kind
//! gets, and how a stored image reference becomes `src`/`srcset`.
//!
//! An upload is decoded and re-encoded into WebP variants (which also drops
//! EXIF data such as GPS positions); the original bytes are never kept. The
//! database stores only a [`MediaKey`] such as `hero/0193…`, from which every
//! variant's file name follows, so pages never need a second lookup.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The spec's upload limit.
pub const MAX_UPLOAD_BYTES: u64 = 10 * 1024 * 1024;
/// Larger pictures are refused before decoding (a 10 MB file can still claim
/// to be 60,000 px wide and exhaust memory when decoded).
pub const MAX_SOURCE_DIMENSION: u32 = 12_000;
/// How many chart images one case study may carry.
pub const MAX_CHART_IMAGES: usize = 6;
/// What the file pickers offer.
pub const ACCEPTED_TYPES: &str = "image/jpeg,image/png,image/webp";

/// What an image is for; decides its variants and whether it is cropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageKind {
    /// A case study's wide header picture, cropped to 1.91:1 (the Open Graph
    /// shape, so the same file serves link previews).
    Hero,
    /// A chart from an engagement: never cropped, only scaled.
    Chart,
    /// A consultant's portrait, cropped square.
    Profile,
}

impl ImageKind {
    pub const ALL: [ImageKind; 3] = [ImageKind::Hero, ImageKind::Chart, ImageKind::Profile];

    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Hero => "hero",
            ImageKind::Chart => "chart",
            ImageKind::Profile => "profile",
        }
    }

    pub fn parse(value: &str) -> Option<ImageKind> {
        ImageKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Variant widths, largest first (the spec's sizes).
    pub fn widths(self) -> &'static [u32] {
        match self {
            ImageKind::Hero | ImageKind::Chart => &[1200, 800, 400],
            ImageKind::Profile => &[400, 150, 64],
        }
    }

    /// Height for a variant width when the kind has a fixed shape; `None`
    /// keeps the source's aspect ratio.
    pub fn height_for(self, width: u32) -> Option<u32> {
        match self {
            ImageKind::Hero => Some(width * 21 / 40), // 1200 × 630
            ImageKind::Profile => Some(width),
            ImageKind::Chart => None,
        }
    }

    /// The variant used as plain `src` (browsers without srcset, feeds, e-mail).
    pub fn fallback_width(self) -> u32 {
        match self {
            ImageKind::Hero | ImageKind::Chart => 800,
            ImageKind::Profile => 400,
        }
    }
}

impl fmt::Display for ImageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The formats accepted, recognised by their first bytes (never by the
/// file name or the browser's declared type, which are both just claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Jpeg,
    Png,
    Webp,
}

impl SourceFormat {
    pub fn sniff(head: &[u8]) -> Option<SourceFormat> {
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(SourceFormat::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(SourceFormat::Png)
        } else if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(SourceFormat::Webp)
        } else {
            None
        }
    }
}

/// Why an upload was refused, in words for the person uploading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("Choose an image file to upload.")]
    Empty,
    #[error("The file is {}; images may be at most 10 MB.", megabytes(*.0))]
    TooLarge(u64),
    #[error("Only JPEG, PNG and WebP images can be uploaded{}.", described(.0))]
    UnsupportedType(String),
    #[error("The image is {0} × {1} px; images may be at most 12,000 px on each side.")]
    TooManyPixels(u32, u32),
    #[error("The image could not be read; it may be damaged. Try saving it again as JPEG or PNG.")]
    Unreadable,
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn described(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" (this one is {name})")
    }
}

/// The checks a browser can make before uploading, and the server repeats:
/// size first (cheap), then the declared type.
pub fn check_declared(size: u64, declared_type: &str) -> Result<(), UploadError> {
    if size == 0 {
        return Err(UploadError::Empty);
    }
    if size > MAX_UPLOAD_BYTES {
        return Err(UploadError::TooLarge(size));
    }
    match declared_type {
        "image/jpeg" | "image/png" | "image/webp" | "" => Ok(()),
        other => Err(UploadError::UnsupportedType(other.to_string())),
    }
}

/// The server's check of the bytes themselves.
pub fn check_content(bytes: &[u8]) -> Result<SourceFormat, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(UploadError::TooLarge(bytes.len() as u64));
    }
    SourceFormat::sniff(bytes).ok_or_else(|| UploadError::UnsupportedType(String::new()))
}

/// A stored image reference, parsed (forms post these back, so they are
/// untrusted until parsed: no path can escape the media directory).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MediaKey {
    /// An upload with WebP variants: `{kind}/{32 lowercase hex}`.
    Responsive { kind: ImageKind, id: String },
    /// A single generated file (the demo portraits): `consultants/{slug}.svg`.
    Single(String),
}

impl MediaKey {
    pub fn new_upload(kind: ImageKind, id: impl Into<String>) -> MediaKey {
        MediaKey::Responsive {
            kind,
            id: id.into(),
        }
    }

    pub fn parse(value: &str) -> Result<MediaKey, String> {
        let value = value.trim();
        let invalid = || format!("\"{value}\" is not an uploaded image; upload the image again.");
        let (dir, name) = value.split_once('/').ok_or_else(invalid)?;
        if let Some(kind) = ImageKind::parse(dir) {
            let is_id = name.len() == 32
                && name
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            return if is_id {
                Ok(MediaKey::new_upload(kind, name))
            } else {
                Err(invalid())
            };
        }
        let stem = name.strip_suffix(".svg").ok_or_else(invalid)?;
        let safe_stem = !stem.is_empty()
            && stem
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if dir == "consultants" && safe_stem {
            Ok(MediaKey::Single(value.to_string()))
        } else {
            Err(invalid())
        }
    }

    pub fn kind(&self) -> Option<ImageKind> {
        match self {
            MediaKey::Responsive { kind, .. } => Some(*kind),
            MediaKey::Single(_) => None,
        }
    }

    /// The file of one variant, relative to the media directory.
    pub fn variant_path(&self, width: u32) -> String {
        match self {
            MediaKey::Responsive { kind, id } => format!("{kind}/{id}-{width}.webp"),
            MediaKey::Single(path) => path.clone(),
        }
    }

    /// URLs for an `<img>`: the fallback `src` and, for uploads, the `srcset`.
    pub fn urls(&self) -> ImageUrls {
        match self {
            MediaKey::Responsive { kind, .. } => ImageUrls {
                src: media_url(&self.variant_path(kind.fallback_width())),
                srcset: Some(
                    kind.widths()
                        .iter()
                        .map(|w| format!("{} {w}w", media_url(&self.variant_path(*w))))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                largest: media_url(&self.variant_path(kind.widths()[0])),
            },
            MediaKey::Single(path) => ImageUrls {
                src: media_url(path),
                srcset: None,
                largest: media_url(path),
            },
        }
    }
}

impl fmt::Display for MediaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaKey::Responsive { kind, id } => write!(f, "{kind}/{id}"),
            MediaKey::Single(path) => f.write_str(path),
        }
    }
}

/// Where the server serves the media directory.
pub fn media_url(path: &str) -> String {
    format!("/media/{path}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageUrls {
    pub src: String,
    pub srcset: Option<String>,
    /// The largest variant: for Open Graph tags and the JSON API.
    pub largest: String,
}

/// URLs for a reference read from the database. A value that does not parse
/// (written by hand, or by an older version) is served as a plain file path
/// rather than failing the whole page.
pub fn stored_image_urls(stored: &str) -> ImageUrls {
    match MediaKey::parse(stored) {
        Ok(key) => key.urls(),
        Err(_) => ImageUrls {
            src: media_url(stored),
            srcset: None,
            largest: media_url(stored),
        },
    }
}

/// Parses the editor's list of chart images (one key per line).
pub fn parse_chart_images(text: &str) -> Result<Vec<MediaKey>, String> {
    let keys = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(MediaKey::parse)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.len() > MAX_CHART_IMAGES {
        return Err(format!(
            "A case study may have at most {MAX_CHART_IMAGES} chart images; remove {}.",
            keys.len() - MAX_CHART_IMAGES
        ));
    }
    if let Some(key) = keys.iter().find(|k| k.kind() != Some(ImageKind::Chart)) {
        return Err(format!(
            "\"{key}\" is not a chart image; upload it as a chart."
        ));
    }
    Ok(keys)
}

/// Parses an optional single image of the given kind (empty means none).
pub fn parse_optional_image(text: &str, kind: ImageKind) -> Result<Option<MediaKey>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let key = MediaKey::parse(text)?;
    match key.kind() {
        Some(k) if k == kind => Ok(Some(key)),
        // The demo portraits are single generated files; keep them on re-save.
        None if kind == ImageKind::Profile => Ok(Some(key)),
        _ => Err(format!(
            "\"{key}\" is not a {kind} image; upload it again here."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "0193a1b2c3d4e5f60718293a4b5c6d7e";

    #[test]
    fn formats_are_recognised_by_their_bytes() {
        assert_eq!(
            SourceFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some(SourceFormat::Jpeg)
        );
        assert_eq!(
            SourceFormat::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(SourceFormat::Png)
        );
        assert_eq!(
            SourceFormat::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(SourceFormat::Webp)
        );
        assert_eq!(SourceFormat::sniff(b"GIF89a"), None);
        assert_eq!(SourceFormat::sniff(b"<svg xmlns="), None);
        assert_eq!(SourceFormat::sniff(b"RIFF"), None);
    }

    #[test]
    fn declared_checks_name_the_problem() {
        assert_eq!(check_declared(0, "image/png"), Err(UploadError::Empty));
        let too_big = MAX_UPLOAD_BYTES + 1;
        assert_eq!(
            check_declared(too_big, "image/png"),
            Err(UploadError::TooLarge(too_big))
        );
        assert_eq!(
            UploadError::TooLarge(12 * 1024 * 1024).to_string(),
            "The file is 12.0 MB; images may be at most 10 MB."
        );
        assert!(check_declared(MAX_UPLOAD_BYTES, "image/webp").is_ok());
        let gif = check_declared(10, "image/gif").unwrap_err();
        assert_eq!(
            gif.to_string(),
            "Only JPEG, PNG and WebP images can be uploaded (this one is image/gif)."
        );
    }

    #[test]
    fn content_must_be_an_accepted_image() {
        assert_eq!(check_content(b""), Err(UploadError::Empty));
        assert_eq!(
            check_content(b"<script>alert(1)</script>"),
            Err(UploadError::UnsupportedType(String::new()))
        );
        assert_eq!(
            check_content(&[0xFF, 0xD8, 0xFF, 0xDB]),
            Ok(SourceFormat::Jpeg)
        );
    }

    #[test]
    fn uploaded_keys_give_every_variant() {
        let key = MediaKey::parse(&format!("hero/{ID}")).unwrap();
        assert_eq!(key.to_string(), format!("hero/{ID}"));
        let urls = key.urls();
        assert_eq!(urls.src, format!("/media/hero/{ID}-800.webp"));
        assert_eq!(urls.largest, format!("/media/hero/{ID}-1200.webp"));
        assert_eq!(
            urls.srcset.unwrap(),
            format!(
                "/media/hero/{ID}-1200.webp 1200w, /media/hero/{ID}-800.webp 800w, /media/hero/{ID}-400.webp 400w"
            )
        );
        let profile = MediaKey::new_upload(ImageKind::Profile, ID);
        assert_eq!(profile.variant_path(64), format!("profile/{ID}-64.webp"));
        assert_eq!(ImageKind::Hero.height_for(1200), Some(630));
        assert_eq!(ImageKind::Hero.height_for(400), Some(210));
    }

    #[test]
    fn keys_cannot_point_outside_the_media_directory() {
        for bad in [
            "../../etc/passwd",
            "hero/../../secret",
            "hero/0193A1B2C3D4E5F60718293A4B5C6D7E",
            "hero/short",
            "consultants/../x.svg",
            "consultants/.svg",
            "other/x.svg",
            "/etc/passwd",
            "hero",
            "",
        ] {
            assert!(MediaKey::parse(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(
            MediaKey::parse("consultants/priya-raman.svg")
                .unwrap()
                .urls()
                .src,
            "/media/consultants/priya-raman.svg"
        );
    }

    #[test]
    fn editor_lists_are_checked() {
        let chart = format!("chart/{ID}");
        assert_eq!(parse_chart_images("").unwrap(), vec![]);
        assert_eq!(
            parse_chart_images(&format!("\n{chart}\n\n")).unwrap().len(),
            1
        );
        let seven = vec![chart.clone(); 7].join("\n");
        assert!(parse_chart_images(&seven)
            .unwrap_err()
            .contains("at most 6"));
        assert!(parse_chart_images(&format!("hero/{ID}"))
            .unwrap_err()
            .contains("not a chart"));
        assert_eq!(parse_optional_image(" ", ImageKind::Hero), Ok(None));
        assert!(parse_optional_image(&chart, ImageKind::Hero).is_err());
        assert!(
            parse_optional_image("consultants/a.svg", ImageKind::Profile)
                .unwrap()
                .is_some()
        );
        assert!(parse_optional_image("consultants/a.svg", ImageKind::Hero).is_err());
    }

    #[test]
    fn unparsable_stored_values_still_render() {
        assert_eq!(stored_image_urls("legacy.png").src, "/media/legacy.png");
    }

    proptest! {
        #[test]
        fn parsed_keys_round_trip_and_stay_inside(value in "[a-z0-9./-]{0,48}") {
            if let Ok(key) = MediaKey::parse(&value) {
                prop_assert_eq!(key.to_string(), value.trim());
                prop_assert!(!key.to_string().contains(".."));
                prop_assert!(!key.to_string().starts_with('/'));
            }
        }

        #[test]
        fn variant_heights_keep_the_shape(width in 16u32..4000) {
            let hero = ImageKind::Hero.height_for(width).unwrap();
            prop_assert!((hero as f64 - width as f64 * 0.525).abs() < 1.0, "{width} -> {hero}");
            prop_assert_eq!(ImageKind::Profile.height_for(width), Some(width));
        }
    }
}
