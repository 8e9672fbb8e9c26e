//! Document images. A block names an image by its media key (`hero/0193…`);
//! the media library's own rules turn that into `src`/`srcset`
//! (`stored_image_urls`), and the site's `ResponsiveImage` draws it lazily.

use crate::components::responsive_image::ResponsiveImage;
use crate::domain::media::{stored_image_urls, MediaKey};
use leptos::prelude::*;

/// How wide a full-width block image is drawn: the normal container is
/// 64rem, narrower screens use their whole width.
pub(super) const BLOCK_IMAGE_SIZES: &str = "(min-width: 66rem) 64rem, 100vw";
/// A hero image takes half the container beside the text, all of it on
/// phones (stacked).
pub(super) const HERO_IMAGE_SIZES: &str = "(min-width: 40rem) 50vw, 100vw";
/// Logos are drawn at most 8rem wide.
pub(super) const LOGO_SIZES: &str = "8rem";

/// The intrinsic size of the fallback variant when the media kind has a
/// fixed shape (a hero upload is 800 × 420), so the page does not jump while
/// the image loads. Charts keep their own shape: unknown here.
pub(super) fn intrinsic_size(media: &str) -> Option<(u32, u32)> {
    let kind = MediaKey::parse(media).ok()?.kind()?;
    let width = kind.fallback_width();
    Some((width, kind.height_for(width)?))
}

/// An `<img>` for a media key, or nothing while no image is chosen (a
/// document mid-edit; the parser refuses to save one without).
pub(super) fn media_image(
    media: &str,
    alt: &str,
    sizes: &'static str,
    class: &'static str,
    eager: bool,
) -> Option<AnyView> {
    if media.is_empty() {
        return None;
    }
    let image = stored_image_urls(media);
    let alt = alt.to_string();
    let view = match intrinsic_size(media) {
        Some((width, height)) => view! {
            <ResponsiveImage image=image alt=alt sizes=sizes class=class eager=eager
                width=width height=height />
        }
        .into_any(),
        None => view! {
            <ResponsiveImage image=image alt=alt sizes=sizes class=class eager=eager />
        }
        .into_any(),
    };
    Some(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_shape_uploads_have_a_known_size() {
        let hero = format!("hero/{}", "0123456789abcdef".repeat(2));
        assert_eq!(intrinsic_size(&hero), Some((800, 420)));
        let chart = format!("chart/{}", "0123456789abcdef".repeat(2));
        assert_eq!(intrinsic_size(&chart), None);
        assert_eq!(intrinsic_size("consultants/ana-lopez.svg"), None);
        assert_eq!(intrinsic_size("not a key"), None);
    }
}
