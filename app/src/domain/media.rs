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
/// Smaller pictures are refused: nothing useful survives being enlarged from
/// fewer pixels, and it keeps every crop at least a few pixels on each side.
pub const MIN_SOURCE_DIMENSION: u32 = 16;
/// No planned variant is larger than this on either side (the widest variant,
/// 1,200 px, times the tallest shape a chart may have).
pub const MAX_VARIANT_DIMENSION: u32 = 1200 * 4;
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

    /// How far from square a source may be. Beyond this a hero or portrait
    /// would lose most of itself to the crop, and a chart would become an
    /// absurdly long strip; either way resizing it costs memory out of all
    /// proportion to the picture (a 1 × 12,000 px hero once asked for 52 GB).
    pub fn shape_limits(self) -> ShapeLimits {
        match self {
            // Wide dashboards are common; very tall ones are not.
            ImageKind::Chart => ShapeLimits {
                max_width_to_height: 6,
                max_height_to_width: 4,
            },
            ImageKind::Hero | ImageKind::Profile => ShapeLimits {
                max_width_to_height: 4,
                max_height_to_width: 4,
            },
        }
    }

    /// The shape the kind is cropped to, as width : height; `None` for kinds
    /// that keep the source's shape.
    pub fn crop_shape(self) -> Option<(u32, u32)> {
        match self {
            ImageKind::Hero => Some((40, 21)),
            ImageKind::Profile => Some((1, 1)),
            ImageKind::Chart => None,
        }
    }

    /// What a person calls it, for messages.
    fn noun(self) -> &'static str {
        match self {
            ImageKind::Hero => "hero image",
            ImageKind::Chart => "chart",
            ImageKind::Profile => "portrait",
        }
    }
}

/// The most a source's sides may differ, as whole multiples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapeLimits {
    /// Width may be at most this many times the height.
    pub max_width_to_height: u32,
    /// Height may be at most this many times the width.
    pub max_height_to_width: u32,
}

impl ShapeLimits {
    pub fn allows(self, width: u32, height: u32) -> bool {
        let (width, height) = (u64::from(width), u64::from(height));
        width <= height * u64::from(self.max_width_to_height)
            && height <= width * u64::from(self.max_height_to_width)
    }

    /// The rule in words, completing "The image is W × H px; …".
    fn described(self, kind: ImageKind) -> String {
        if self.max_width_to_height == self.max_height_to_width {
            format!(
                "its sides may differ by at most {} times",
                self.max_width_to_height
            )
        } else {
            format!(
                "a {} may be at most {} times as wide as it is tall, or {} times as tall as it is wide",
                kind.noun(),
                self.max_width_to_height,
                self.max_height_to_width
            )
        }
    }
}

/// A rectangle inside the source, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The size of one encoded variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariantSize {
    pub width: u32,
    pub height: u32,
}

/// How one source becomes its variants: cut out `crop` first, then scale
/// that to each size. Decided from the dimensions alone, before any pixel is
/// decoded, so nothing larger than the source or the output is ever made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderPlan {
    pub crop: Crop,
    /// Largest first, one per [`ImageKind::widths`].
    pub variants: Vec<VariantSize>,
}

/// Checks a source's dimensions (after EXIF rotation) for `kind`: not too
/// large, not too far from square, not too small.
pub fn check_dimensions(kind: ImageKind, width: u32, height: u32) -> Result<(), UploadError> {
    if width > MAX_SOURCE_DIMENSION || height > MAX_SOURCE_DIMENSION {
        return Err(UploadError::TooManyPixels(width, height));
    }
    // Shape before size: a 1 × 12,000 px strip is better described as a
    // strip (crop it) than as too narrow.
    if !kind.shape_limits().allows(width, height) {
        return Err(UploadError::BadShape {
            kind,
            width,
            height,
        });
    }
    if width < MIN_SOURCE_DIMENSION || height < MIN_SOURCE_DIMENSION {
        return Err(UploadError::TooSmall(width, height));
    }
    Ok(())
}

/// `a * b / c`, rounded to the nearest whole number (no overflow: u64).
fn scale(a: u32, b: u32, c: u32) -> u32 {
    let (a, b, c) = (u64::from(a), u64::from(b), u64::from(c));
    ((a * b + c / 2) / c) as u32
}

/// The crop and variant sizes for a `width` × `height` source of `kind`, or
/// why the source is refused.
pub fn plan_render(kind: ImageKind, width: u32, height: u32) -> Result<RenderPlan, UploadError> {
    check_dimensions(kind, width, height)?;
    // Centre crop to the kind's shape: trim the sides of a source that is too
    // wide for it, or the top and bottom of one that is too tall.
    let crop = match kind.crop_shape() {
        Some((shape_w, shape_h))
            if u64::from(width) * u64::from(shape_h) > u64::from(height) * u64::from(shape_w) =>
        {
            let crop_width = scale(height, shape_w, shape_h).clamp(1, width);
            Crop {
                x: (width - crop_width) / 2,
                y: 0,
                width: crop_width,
                height,
            }
        }
        Some((shape_w, shape_h)) => {
            let crop_height = scale(width, shape_h, shape_w).clamp(1, height);
            Crop {
                x: 0,
                y: (height - crop_height) / 2,
                width,
                height: crop_height,
            }
        }
        None => Crop {
            x: 0,
            y: 0,
            width,
            height,
        },
    };
    let variants = kind
        .widths()
        .iter()
        .map(|&target_width| VariantSize {
            width: target_width,
            height: kind
                .height_for(target_width)
                .unwrap_or_else(|| scale(target_width, crop.height, crop.width).max(1)),
        })
        .collect();
    Ok(RenderPlan { crop, variants })
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
    #[error(
        "The image is {} × {} px; images may be at most 12,000 px on each side.",
        thousands(*.0), thousands(*.1)
    )]
    TooManyPixels(u32, u32),
    #[error(
        "The image is {} × {} px; images must be at least {MIN_SOURCE_DIMENSION} px on each side.",
        thousands(*.0), thousands(*.1)
    )]
    TooSmall(u32, u32),
    #[error(
        "The image is {} × {} px; {}. Crop it and upload again.",
        thousands(*.width), thousands(*.height), .kind.shape_limits().described(*.kind)
    )]
    BadShape {
        kind: ImageKind,
        width: u32,
        height: u32,
    },
    /// Within the side limits, but its pixels would take more memory to
    /// decode than one upload may use (e.g. 16-bit colour at full size).
    #[error(
        "The image is {} × {} px, more than can be processed at once; save it smaller \
         (6,000 px on the longer side is plenty) and upload again.",
        thousands(*.0), thousands(*.1)
    )]
    TooLargeToProcess(u32, u32),
    #[error("The image could not be read; it may be damaged. Try saving it again as JPEG or PNG.")]
    Unreadable,
}

/// 12000 -> "12,000".
fn thousands(value: u32) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

/// What the server recorded about an upload when it stored the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub kind: ImageKind,
    pub uploaded_by: String,
}

/// Whose uploads a form may attach to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadsAllowed<'a> {
    /// Any upload of the right kind (admins; marketers on case studies).
    Anyone,
    /// Only uploads by this user (a consultant on their own profile).
    UploadedBy(&'a str),
}

/// Why a form may not attach an image key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachRefusal {
    /// No upload of this kind was recorded under the key.
    NotAnUpload,
    /// An upload, but someone else's.
    NotYours,
}

/// Whether a form may put `chosen` on a record that now holds `stored`.
///
/// Keys are public (they are in every image URL), so a parsed key proves
/// nothing: it must name an upload the server recorded, of the same kind and,
/// where `allowed` says so, by the person saving. A value the record already
/// holds is always kept, so re-saving a form never fails over an older upload
/// or a demo portrait that has no record.
pub fn may_attach<'a>(
    chosen: &MediaKey,
    stored: impl IntoIterator<Item = &'a str>,
    record: Option<&UploadRecord>,
    allowed: UploadsAllowed<'_>,
) -> Result<(), AttachRefusal> {
    let already_there = stored
        .into_iter()
        .any(|value| MediaKey::parse(value).as_ref() == Ok(chosen));
    if already_there {
        return Ok(());
    }
    let record = match record {
        Some(record) if Some(record.kind) == chosen.kind() => record,
        _ => return Err(AttachRefusal::NotAnUpload),
    };
    match allowed {
        UploadsAllowed::Anyone => Ok(()),
        UploadsAllowed::UploadedBy(user) if record.uploaded_by == user => Ok(()),
        UploadsAllowed::UploadedBy(_) => Err(AttachRefusal::NotYours),
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
    fn degenerate_shapes_are_refused_per_kind() {
        for kind in [ImageKind::Hero, ImageKind::Profile] {
            let err = plan_render(kind, 1, 12_000).unwrap_err();
            assert_eq!(
                err.to_string(),
                "The image is 1 × 12,000 px; its sides may differ by at most 4 times. \
                 Crop it and upload again."
            );
            assert!(plan_render(kind, 4001, 1000).is_err());
            assert!(plan_render(kind, 4000, 1000).is_ok());
            assert!(plan_render(kind, 1000, 4000).is_ok());
            assert!(plan_render(kind, 1000, 4001).is_err());
        }
        let chart = plan_render(ImageKind::Chart, 1, 12_000).unwrap_err();
        assert_eq!(
            chart,
            UploadError::BadShape {
                kind: ImageKind::Chart,
                width: 1,
                height: 12_000
            }
        );
        assert_eq!(
            chart.to_string(),
            "The image is 1 × 12,000 px; a chart may be at most 6 times as wide as it is tall, \
             or 4 times as tall as it is wide. Crop it and upload again."
        );
        assert!(plan_render(ImageKind::Chart, 6000, 1000).is_ok());
        assert!(plan_render(ImageKind::Chart, 6001, 1000).is_err());
        assert!(plan_render(ImageKind::Chart, 20, 3000).is_err());
    }

    #[test]
    fn sizes_outside_the_limits_are_refused_with_their_dimensions() {
        assert_eq!(
            plan_render(ImageKind::Chart, 12_001, 5000),
            Err(UploadError::TooManyPixels(12_001, 5000))
        );
        assert_eq!(
            UploadError::TooManyPixels(20_000, 10).to_string(),
            "The image is 20,000 × 10 px; images may be at most 12,000 px on each side."
        );
        assert_eq!(
            plan_render(ImageKind::Profile, 10, 12),
            Err(UploadError::TooSmall(10, 12))
        );
        assert_eq!(
            UploadError::TooSmall(10, 12).to_string(),
            "The image is 10 × 12 px; images must be at least 16 px on each side."
        );
        assert_eq!(
            plan_render(ImageKind::Hero, 0, 0),
            Err(UploadError::TooSmall(0, 0))
        );
        assert!(plan_render(ImageKind::Profile, 16, 16).is_ok());
        assert!(UploadError::TooLargeToProcess(12_000, 12_000)
            .to_string()
            .starts_with("The image is 12,000 × 12,000 px, more than can be processed"));
    }

    #[test]
    fn plans_crop_the_centre_to_the_kind_shape() {
        let hero = plan_render(ImageKind::Hero, 1600, 1600).unwrap();
        assert_eq!(
            hero.crop,
            Crop {
                x: 0,
                y: 380,
                width: 1600,
                height: 840
            }
        );
        let sizes: Vec<_> = hero.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(1200, 630), (800, 420), (400, 210)]);

        let wide_hero = plan_render(ImageKind::Hero, 4000, 1000).unwrap();
        assert_eq!(
            wide_hero.crop,
            Crop {
                x: 1047,
                y: 0,
                width: 1905,
                height: 1000
            }
        );

        let portrait = plan_render(ImageKind::Profile, 300, 500).unwrap();
        assert_eq!(
            portrait.crop,
            Crop {
                x: 0,
                y: 100,
                width: 300,
                height: 300
            }
        );
        let sizes: Vec<_> = portrait
            .variants
            .iter()
            .map(|v| (v.width, v.height))
            .collect();
        assert_eq!(sizes, vec![(400, 400), (150, 150), (64, 64)]);

        let chart = plan_render(ImageKind::Chart, 1000, 500).unwrap();
        assert_eq!(
            chart.crop,
            Crop {
                x: 0,
                y: 0,
                width: 1000,
                height: 500
            }
        );
        let sizes: Vec<_> = chart.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(1200, 600), (800, 400), (400, 200)]);
        let tallest = plan_render(ImageKind::Chart, 1000, 4000).unwrap();
        assert_eq!(
            tallest.variants[0],
            VariantSize {
                width: 1200,
                height: 4800
            }
        );
    }

    #[test]
    fn numbers_in_messages_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_000), "12,000");
        assert_eq!(thousands(u32::MAX), "4,294,967,295");
    }

    fn record(kind: ImageKind, by: &str) -> UploadRecord {
        UploadRecord {
            kind,
            uploaded_by: by.to_string(),
        }
    }

    #[test]
    fn forms_attach_only_recorded_uploads_of_the_right_person() {
        let mine = MediaKey::new_upload(ImageKind::Profile, ID);
        let no_stored: [&str; 0] = [];
        let own = record(ImageKind::Profile, "user-a");
        let only_a = UploadsAllowed::UploadedBy("user-a");
        assert_eq!(may_attach(&mine, no_stored, Some(&own), only_a), Ok(()));
        assert_eq!(
            may_attach(
                &mine,
                no_stored,
                Some(&own),
                UploadsAllowed::UploadedBy("user-b")
            ),
            Err(AttachRefusal::NotYours)
        );
        assert_eq!(
            may_attach(&mine, no_stored, Some(&own), UploadsAllowed::Anyone),
            Ok(())
        );
        assert_eq!(
            may_attach(&mine, no_stored, None, UploadsAllowed::Anyone),
            Err(AttachRefusal::NotAnUpload),
            "a well-formed key nobody uploaded"
        );
        assert_eq!(
            may_attach(
                &mine,
                no_stored,
                Some(&record(ImageKind::Hero, "user-a")),
                only_a
            ),
            Err(AttachRefusal::NotAnUpload),
            "a record of another kind"
        );
        // What the record already holds stays, recorded or not.
        let stored = format!("profile/{ID}");
        assert_eq!(
            may_attach(
                &mine,
                [stored.as_str()],
                None,
                UploadsAllowed::UploadedBy("user-b")
            ),
            Ok(())
        );
        let demo = MediaKey::parse("consultants/priya-raman.svg").unwrap();
        assert_eq!(
            may_attach(&demo, ["consultants/priya-raman.svg"], None, only_a),
            Ok(())
        );
        assert_eq!(
            may_attach(
                &demo,
                ["consultants/someone-else.svg"],
                None,
                UploadsAllowed::Anyone
            ),
            Err(AttachRefusal::NotAnUpload)
        );
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
        fn plans_are_bounded_and_crops_lie_inside(
            kind in prop::sample::select(ImageKind::ALL.to_vec()),
            width in 1u32..=13_000,
            height in 1u32..=13_000,
        ) {
            let within = width.max(height) <= MAX_SOURCE_DIMENSION
                && width.min(height) >= MIN_SOURCE_DIMENSION
                && kind.shape_limits().allows(width, height);
            match plan_render(kind, width, height) {
                Ok(plan) => {
                    prop_assert!(within);
                    let crop = plan.crop;
                    prop_assert!(crop.width >= 1 && crop.height >= 1);
                    prop_assert!(crop.x + crop.width <= width);
                    prop_assert!(crop.y + crop.height <= height);
                    prop_assert_eq!(plan.variants.len(), kind.widths().len());
                    for size in &plan.variants {
                        prop_assert!(size.width >= 1 && size.height >= 1, "{:?}", size);
                        prop_assert!(size.width <= MAX_VARIANT_DIMENSION, "{:?}", size);
                        prop_assert!(size.height <= MAX_VARIANT_DIMENSION, "{:?}", size);
                    }
                }
                Err(_) => prop_assert!(!within),
            }
        }

        #[test]
        fn crops_have_the_kind_shape(
            kind in prop::sample::select(vec![ImageKind::Hero, ImageKind::Profile]),
            width in 16u32..=12_000,
            height in 16u32..=12_000,
        ) {
            prop_assume!(kind.shape_limits().allows(width, height));
            let crop = plan_render(kind, width, height).unwrap().crop;
            let (shape_w, shape_h) = kind.crop_shape().unwrap();
            // Within one pixel of the shape, and as large as the source allows.
            let ideal_height = crop.width as f64 * shape_h as f64 / shape_w as f64;
            let ideal_width = crop.height as f64 * shape_w as f64 / shape_h as f64;
            prop_assert!(
                (crop.height as f64 - ideal_height).abs() <= 1.0
                    || (crop.width as f64 - ideal_width).abs() <= 1.0,
                "{:?}", crop
            );
            prop_assert!(crop.width == width || crop.height == height);
        }

        #[test]
        fn variant_heights_keep_the_shape(width in 16u32..4000) {
            let hero = ImageKind::Hero.height_for(width).unwrap();
            prop_assert!((hero as f64 - width as f64 * 0.525).abs() < 1.0, "{width} -> {hero}");
            prop_assert_eq!(ImageKind::Profile.height_for(width), Some(width));
        }
    }
}
