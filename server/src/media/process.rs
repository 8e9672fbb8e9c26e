//! Decoding, resizing and WebP encoding. CPU-bound: callers run it on the
//! blocking pool, never on the request runtime.

use app::domain::media::{check_content, ImageKind, UploadError, MAX_SOURCE_DIMENSION};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

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
    /// Largest first, one per [`ImageKind::widths`].
    pub variants: Vec<Variant>,
}

/// Photos compress well at this quality; charts (text, thin lines) get more.
fn quality(kind: ImageKind) -> f32 {
    match kind {
        ImageKind::Chart => 90.0,
        ImageKind::Hero | ImageKind::Profile => 82.0,
    }
}

pub fn render_variants(bytes: &[u8], kind: ImageKind) -> Result<Rendered, UploadError> {
    check_content(bytes)?;
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| UploadError::Unreadable)
    };
    // Dimensions come from the header alone, before anything is allocated.
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|_| UploadError::Unreadable)?;
    if width > MAX_SOURCE_DIMENSION || height > MAX_SOURCE_DIMENSION {
        return Err(UploadError::TooManyPixels(width, height));
    }
    if width == 0 || height == 0 {
        return Err(UploadError::Unreadable);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_DIMENSION);
    limits.max_image_height = Some(MAX_SOURCE_DIMENSION);
    let mut reader = reader()?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| UploadError::Unreadable)?;
    // Phone photos are stored sideways with an EXIF note saying so.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut source = DynamicImage::from_decoder(decoder).map_err(|_| UploadError::Unreadable)?;
    source.apply_orientation(orientation);
    let (source_width, source_height) = (source.width(), source.height());

    let mut variants = Vec::new();
    // Each smaller variant is scaled from the previous one: far cheaper than
    // starting from a 12-megapixel source every time, and just as sharp.
    let mut previous = source;
    for &target_width in kind.widths() {
        let resized = match kind.height_for(target_width) {
            Some(target_height) => {
                previous.resize_to_fill(target_width, target_height, FilterType::Lanczos3)
            }
            None => {
                let target_height = ((target_width as f64 * previous.height() as f64
                    / previous.width() as f64)
                    .round() as u32)
                    .max(1);
                previous.resize_exact(target_width, target_height, FilterType::Lanczos3)
            }
        };
        variants.push(encode(&resized, kind)?);
        previous = resized;
    }
    Ok(Rendered {
        source_width,
        source_height,
        variants,
    })
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
        let rendered = render_variants(&png(1600, 1600), ImageKind::Hero).unwrap();
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
        let profile = render_variants(&png(300, 500), ImageKind::Profile).unwrap();
        let sizes: Vec<_> = profile
            .variants
            .iter()
            .map(|v| dimensions(&v.webp))
            .collect();
        assert_eq!(sizes, vec![(400, 400), (150, 150), (64, 64)]);
        let chart = render_variants(&png(1000, 500), ImageKind::Chart).unwrap();
        let sizes: Vec<_> = chart.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(1200, 600), (800, 400), (400, 200)]);
    }

    #[test]
    fn transparency_survives() {
        let img = RgbaImage::from_pixel(200, 200, Rgba([10, 20, 30, 0]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        let rendered = render_variants(&out.into_inner(), ImageKind::Profile).unwrap();
        let decoded = image::load_from_memory(&rendered.variants[2].webp).unwrap();
        assert!(decoded.color().has_alpha());
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(
            render_variants(b"GIF89a....", ImageKind::Hero).err(),
            Some(UploadError::UnsupportedType(String::new()))
        );
        // A real PNG signature with a truncated body.
        let mut broken = png(50, 50);
        broken.truncate(40);
        assert_eq!(
            render_variants(&broken, ImageKind::Hero).err(),
            Some(UploadError::Unreadable)
        );
    }

    #[test]
    fn absurd_dimensions_are_refused_before_decoding() {
        // A valid PNG header claiming 20,000 × 10 px, with no pixel data.
        let mut header = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        header.extend_from_slice(&20_000u32.to_be_bytes());
        header.extend_from_slice(&10u32.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let crc = crc32(&header[12..]);
        header.extend_from_slice(&crc.to_be_bytes());
        // An empty IDAT chunk: the header reader stops at the first one.
        header.extend_from_slice(&[0, 0, 0, 0]);
        header.extend_from_slice(b"IDAT");
        header.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
        assert_eq!(
            render_variants(&header, ImageKind::Hero).err(),
            Some(UploadError::TooManyPixels(20_000, 10))
        );
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
