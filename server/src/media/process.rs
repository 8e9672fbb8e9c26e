//! Decoding, cropping, resizing and WebP encoding. CPU-bound: callers run it
//! on the blocking pool, never on the request runtime.
//!
//! Memory is bounded before it is spent: the dimensions in the file's header
//! are checked against the kind's limits and turned into a plan (crop, then
//! exact variant sizes) before any pixel is decoded, and the decoder itself
//! may allocate at most [`MAX_DECODER_BYTES`].

use app::domain::media::{
    check_content, plan_render, ImageKind, UploadError, MAX_SOURCE_DIMENSION,
};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits};
use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The most the decoder may allocate for one picture. Enough for a
/// 100-megapixel photo at 8 bits per channel; a 10 MB file can still claim
/// 12,000 × 12,000 px at 16 bits (1.1 GB), which is refused instead.
pub const MAX_DECODER_BYTES: u64 = 512 * 1024 * 1024;

/// One encoded variant.
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
}

/// What an upload became.
pub struct Rendered {
    pub source_width: u32,
    pub source_height: u32,
    /// The part of the source the variants show (heroes and portraits are
    /// cropped to their shape; charts keep all of it).
    pub cropped_width: u32,
    /// Largest first, one per [`ImageKind::widths`].
    pub variants: Vec<Variant>,
}

/// Why rendering stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Refused(#[from] UploadError),
    /// Whoever asked for the work went away (the client disconnected).
    #[error("the upload was cancelled")]
    Cancelled,
}

/// A flag the request sets when it goes away, read by the blocking work
/// between steps. Clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct Cancellation(Arc<AtomicBool>);

impl Cancellation {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// A guard that cancels when dropped. Held by the request handler: axum
    /// drops the handler's future when the client disconnects, but work on
    /// the blocking pool would otherwise run on to the end.
    pub fn cancel_on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

pub struct CancelOnDrop(Cancellation);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The points between steps where the work may stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checkpoint {
    /// The header was read and the plan made; nothing decoded yet.
    Planned,
    Decoded,
    Cropped,
    /// The variant with this index was encoded.
    Encoded(usize),
}

/// Photos compress well at this quality; charts (text, thin lines) get more.
fn quality(kind: ImageKind) -> f32 {
    match kind {
        ImageKind::Chart => 90.0,
        ImageKind::Hero | ImageKind::Profile => 82.0,
    }
}

pub fn render_variants(
    bytes: &[u8],
    kind: ImageKind,
    cancellation: &Cancellation,
) -> Result<Rendered, RenderError> {
    render_with_checkpoints(bytes, kind, &mut |checkpoint| {
        if cancellation.is_cancelled() {
            tracing::info!(?kind, ?checkpoint, "image processing cancelled");
            Err(RenderError::Cancelled)
        } else {
            Ok(())
        }
    })
}

fn render_with_checkpoints(
    bytes: &[u8],
    kind: ImageKind,
    checkpoint: &mut dyn FnMut(Checkpoint) -> Result<(), RenderError>,
) -> Result<Rendered, RenderError> {
    check_content(bytes)?;
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| UploadError::Unreadable)
    };
    // Dimensions come from the header alone, before anything is allocated,
    // so an absurd size is named as such rather than as a decoder limit.
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|_| UploadError::Unreadable)?;
    if width > MAX_SOURCE_DIMENSION || height > MAX_SOURCE_DIMENSION {
        return Err(UploadError::TooManyPixels(width, height).into());
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_DIMENSION);
    limits.max_image_height = Some(MAX_SOURCE_DIMENSION);
    limits.max_alloc = Some(MAX_DECODER_BYTES);
    let mut reader = reader()?;
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(|_| UploadError::Unreadable)?;
    // Phone photos are stored sideways with an EXIF note saying so; the
    // limits and the crop apply to the picture as it is seen.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (seen_width, seen_height) = if swaps_sides(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    let plan = plan_render(kind, seen_width, seen_height)?;
    checkpoint(Checkpoint::Planned)?;

    // `ImageReader::decode` counts the output buffer against `max_alloc`;
    // going through the decoder ourselves (for the orientation) we must too.
    let too_large = UploadError::TooLargeToProcess(seen_width, seen_height);
    limits
        .reserve(decoder.total_bytes())
        .map_err(|_| too_large.clone())?;
    decoder.set_limits(limits).map_err(|_| too_large.clone())?;
    let mut source = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        ImageError::Limits(_) => too_large.clone(),
        _ => UploadError::Unreadable,
    })?;
    source.apply_orientation(orientation);
    if (source.width(), source.height()) != (seen_width, seen_height) {
        // The header promised one size and the pixels came out another.
        return Err(UploadError::Unreadable.into());
    }
    checkpoint(Checkpoint::Decoded)?;

    // Crop first, so nothing is ever scaled beyond the output's size (scaling
    // a 1 px wide strip to fill 1,200 px wide was what asked for 52 GB).
    let crop = plan.crop;
    let cropped = if (crop.width, crop.height) == (seen_width, seen_height) {
        source
    } else {
        let cropped = source.crop_imm(crop.x, crop.y, crop.width, crop.height);
        // Free the full picture now, not at the end of the function.
        drop(source);
        cropped
    };
    checkpoint(Checkpoint::Cropped)?;

    let mut variants = Vec::with_capacity(plan.variants.len());
    // Each smaller variant is scaled from the previous one: far cheaper than
    // starting from a 12-megapixel source every time, and just as sharp.
    let mut previous = cropped;
    for (index, size) in plan.variants.iter().enumerate() {
        let resized = previous.resize_exact(size.width, size.height, FilterType::Lanczos3);
        drop(previous);
        variants.push(encode(&resized, kind)?);
        checkpoint(Checkpoint::Encoded(index))?;
        previous = resized;
    }
    Ok(Rendered {
        source_width: seen_width,
        source_height: seen_height,
        cropped_width: crop.width,
        variants,
    })
}

/// Whether showing the picture upright turns it on its side.
fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

fn encode(image: &DynamicImage, kind: ImageKind) -> Result<Variant, UploadError> {
    let (width, height) = (image.width(), image.height());
    let webp = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), width, height)
            .encode(quality(kind))
            .to_vec()
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), width, height)
            .encode(quality(kind))
            .to_vec()
    };
    Ok(Variant {
        width,
        height,
        webp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
    use std::time::{Duration, Instant};

    fn render(bytes: &[u8], kind: ImageKind) -> Result<Rendered, RenderError> {
        render_variants(bytes, kind, &Cancellation::default())
    }

    fn refusal(bytes: &[u8], kind: ImageKind) -> Option<UploadError> {
        match render(bytes, kind) {
            Err(RenderError::Refused(err)) => Some(err),
            Err(RenderError::Cancelled) => panic!("cancelled without being asked to"),
            Ok(_) => None,
        }
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn dimensions(webp: &[u8]) -> (u32, u32) {
        image::load_from_memory_with_format(webp, ImageFormat::WebP)
            .map(|i| (i.width(), i.height()))
            .unwrap()
    }

    #[test]
    fn heroes_are_cropped_to_the_open_graph_shape() {
        let rendered = render(&png(1600, 1600), ImageKind::Hero).unwrap();
        let sizes: Vec<_> = rendered
            .variants
            .iter()
            .map(|v| dimensions(&v.webp))
            .collect();
        assert_eq!(sizes, vec![(1200, 630), (800, 420), (400, 210)]);
        assert_eq!(
            (rendered.source_width, rendered.source_height),
            (1600, 1600)
        );
    }

    #[test]
    fn portraits_are_square_and_charts_keep_their_shape() {
        let profile = render(&png(300, 500), ImageKind::Profile).unwrap();
        let sizes: Vec<_> = profile
            .variants
            .iter()
            .map(|v| dimensions(&v.webp))
            .collect();
        assert_eq!(sizes, vec![(400, 400), (150, 150), (64, 64)]);
        let chart = render(&png(1000, 500), ImageKind::Chart).unwrap();
        let sizes: Vec<_> = chart.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(1200, 600), (800, 400), (400, 200)]);
    }

    #[test]
    fn transparency_survives() {
        let img = RgbaImage::from_pixel(200, 200, Rgba([10, 20, 30, 0]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        let rendered = render(&out.into_inner(), ImageKind::Profile).unwrap();
        let decoded = image::load_from_memory(&rendered.variants[2].webp).unwrap();
        assert!(decoded.color().has_alpha());
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(
            refusal(b"GIF89a....", ImageKind::Hero),
            Some(UploadError::UnsupportedType(String::new()))
        );
        // A real PNG signature with a truncated body.
        let mut broken = png(50, 50);
        broken.truncate(40);
        assert_eq!(
            refusal(&broken, ImageKind::Hero),
            Some(UploadError::Unreadable)
        );
    }

    /// A valid PNG header claiming `width` × `height` px with `bit_depth` and
    /// `color_type` (2 RGB, 6 RGBA), with no pixel data.
    fn png_header(width: u32, height: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
        let mut header = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
        let crc = crc32(&header[12..]);
        header.extend_from_slice(&crc.to_be_bytes());
        // An empty IDAT chunk: the header reader stops at the first one.
        header.extend_from_slice(&[0, 0, 0, 0]);
        header.extend_from_slice(b"IDAT");
        header.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
        header
    }

    #[test]
    fn absurd_dimensions_are_refused_before_decoding() {
        let header = png_header(20_000, 10, 8, 2);
        assert_eq!(
            refusal(&header, ImageKind::Hero),
            Some(UploadError::TooManyPixels(20_000, 10))
        );
    }

    /// The probe's picture: 130 bytes that once made the resizer ask for 52 GB.
    fn strip(width: u32, height: u32) -> Vec<u8> {
        let img = RgbImage::from_pixel(width, height, Rgb([200, 30, 30]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn degenerate_strips_are_refused_quickly_for_every_kind() {
        for (width, height) in [(1, 12_000), (12_000, 1), (20, 3000)] {
            let bytes = strip(width, height);
            for kind in ImageKind::ALL {
                let started = Instant::now();
                assert_eq!(
                    refusal(&bytes, kind),
                    Some(UploadError::BadShape {
                        kind,
                        width,
                        height
                    }),
                    "{width} × {height} as {kind}"
                );
                // Refused from the header: no decoding, no resizing.
                assert!(
                    started.elapsed() < Duration::from_millis(500),
                    "{width} × {height} as {kind} took {:?}",
                    started.elapsed()
                );
            }
        }
        assert!(refusal(&strip(1, 12_000), ImageKind::Hero)
            .unwrap()
            .to_string()
            .contains("its sides may differ by at most 4 times"));
    }

    #[test]
    fn the_most_extreme_allowed_shapes_work_and_stay_small() {
        let chart = render(&png(4000, 1000), ImageKind::Chart).unwrap();
        let sizes: Vec<_> = chart.variants.iter().map(|v| dimensions(&v.webp)).collect();
        assert_eq!(sizes, vec![(1200, 300), (800, 200), (400, 100)]);

        let tall_chart = render(&png(300, 1200), ImageKind::Chart).unwrap();
        assert_eq!(dimensions(&tall_chart.variants[0].webp), (1200, 4800));

        let hero = render(&png(4000, 1000), ImageKind::Hero).unwrap();
        assert_eq!(dimensions(&hero.variants[0].webp), (1200, 630));
        assert_eq!(hero.cropped_width, 1905);

        let portrait = render(&png(250, 1000), ImageKind::Profile).unwrap();
        assert_eq!(dimensions(&portrait.variants[0].webp), (400, 400));
        assert_eq!(portrait.cropped_width, 250);
    }

    #[test]
    fn tiny_pictures_are_refused() {
        assert_eq!(
            refusal(&png(10, 10), ImageKind::Profile),
            Some(UploadError::TooSmall(10, 10))
        );
    }

    #[test]
    fn decoder_memory_is_bounded() {
        // 12,000 × 12,000 px at 16 bits per RGBA channel would take 1.1 GB.
        let header = png_header(12_000, 12_000, 16, 6);
        assert_eq!(
            refusal(&header, ImageKind::Profile),
            Some(UploadError::TooLargeToProcess(12_000, 12_000))
        );
    }

    #[test]
    fn a_cancelled_upload_does_no_work() {
        let cancellation = Cancellation::default();
        drop(cancellation.cancel_on_drop());
        assert!(cancellation.is_cancelled(), "dropping the guard cancels");
        assert_eq!(
            render_variants(&png(800, 800), ImageKind::Hero, &cancellation).err(),
            Some(RenderError::Cancelled)
        );
    }

    #[test]
    fn cancellation_stops_the_work_at_the_next_step() {
        let bytes = png(900, 600);
        for stop_at in [
            Checkpoint::Planned,
            Checkpoint::Decoded,
            Checkpoint::Cropped,
            Checkpoint::Encoded(0),
            Checkpoint::Encoded(1),
        ] {
            let mut reached = Vec::new();
            let result = render_with_checkpoints(&bytes, ImageKind::Hero, &mut |checkpoint| {
                reached.push(checkpoint);
                if checkpoint == stop_at {
                    Err(RenderError::Cancelled)
                } else {
                    Ok(())
                }
            });
            assert_eq!(result.err(), Some(RenderError::Cancelled));
            assert_eq!(
                reached.last(),
                Some(&stop_at),
                "nothing ran after {stop_at:?}"
            );
        }
        let mut reached = Vec::new();
        render_with_checkpoints(&bytes, ImageKind::Hero, &mut |checkpoint| {
            reached.push(checkpoint);
            Ok(())
        })
        .unwrap();
        assert_eq!(
            reached,
            vec![
                Checkpoint::Planned,
                Checkpoint::Decoded,
                Checkpoint::Cropped,
                Checkpoint::Encoded(0),
                Checkpoint::Encoded(1),
                Checkpoint::Encoded(2),
            ]
        );
    }

    #[test]
    fn a_guard_dropped_on_the_request_side_stops_the_worker() {
        let cancellation = Cancellation::default();
        let bytes = png(2000, 1500);
        let worker = {
            let cancellation = cancellation.clone();
            std::thread::spawn(move || render_variants(&bytes, ImageKind::Chart, &cancellation))
        };
        let guard = cancellation.cancel_on_drop();
        drop(guard);
        assert_eq!(worker.join().unwrap().err(), Some(RenderError::Cancelled));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in data {
            crc ^= byte as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
