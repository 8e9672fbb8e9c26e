use crate::domain::media::ImageUrls;
use leptos::prelude::*;

/// An `<img>` with the uploaded variants as `srcset`. `width`/`height` give
/// the intrinsic shape so the page does not jump while the image loads;
/// `sizes` tells the browser how wide it will be drawn, so a phone fetches
/// the 400 px variant rather than the 1200 px one.
#[component]
pub fn ResponsiveImage(
    image: ImageUrls,
    #[prop(into)] alt: String,
    sizes: &'static str,
    #[prop(optional)] width: Option<u32>,
    #[prop(optional)] height: Option<u32>,
    #[prop(optional)] class: &'static str,
    /// Above the fold: load at once and early (the hero), not lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    view! {
        <img
            class=class
            src=image.src
            srcset=image.srcset
            sizes=sizes
            alt=alt
            width=width
            height=height
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
            fetchpriority=eager.then_some("high")
        />
    }
}
