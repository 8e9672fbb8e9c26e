//! The feature icons and the video's play mark as inline SVG: 24 × 24
//! strokes in `currentColor`, so they take the text colour of any tone, and
//! `aria-hidden` because the feature's title says what the icon shows.
//!
//! The markup is fixed text written here (never document content), inserted
//! with `inner_html` so each icon stays one readable line.

use crate::domain::page_document::Icon;
use leptos::prelude::*;

/// Wraps path data in the shared `<svg>` element.
macro_rules! stroke_icon {
    ($($body:literal),+ $(,)?) => {
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" "#,
            r#"fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" "#,
            r#"stroke-linejoin="round" aria-hidden="true" focusable="false">"#,
            $($body,)+
            "</svg>"
        )
    };
}

/// The SVG markup of a feature icon.
pub fn icon_svg(icon: Icon) -> &'static str {
    match icon {
        Icon::Chart => stroke_icon!(
            r#"<path d="M3 3v18h18"/><path d="M7 16v-4"/><path d="M12 16V8"/><path d="M17 16v-7"/>"#
        ),
        Icon::Target => stroke_icon!(
            r#"<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/><circle cx="12" cy="12" r="1"/>"#
        ),
        Icon::Clock => stroke_icon!(r#"<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>"#),
        Icon::Shield => stroke_icon!(
            r#"<path d="M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6z"/><path d="M9 12l2 2 4-4"/>"#
        ),
        Icon::Users => stroke_icon!(
            r#"<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/>"#,
            r#"<path d="M16 4.5a3.5 3.5 0 0 1 0 7"/><path d="M18 14a6.5 6.5 0 0 1 3.5 6"/>"#
        ),
        Icon::Growth => stroke_icon!(r#"<path d="M3 17l6-6 4 4 8-8"/><path d="M14 7h7v7"/>"#),
        Icon::Idea => stroke_icon!(
            r#"<path d="M9 18h6"/><path d="M10 21h4"/>"#,
            r#"<path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"/>"#
        ),
        Icon::Check => {
            stroke_icon!(r#"<circle cx="12" cy="12" r="9"/><path d="M8 12.5l2.5 2.5L16 9.5"/>"#)
        }
        Icon::Money => stroke_icon!(
            r#"<rect x="2" y="6" width="20" height="12" rx="2"/><circle cx="12" cy="12" r="2.5"/>"#,
            r#"<path d="M6 10v4"/><path d="M18 10v4"/>"#
        ),
        Icon::Flask => stroke_icon!(
            r#"<path d="M9 3h6"/><path d="M10 3v6l-5.5 9.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3"/>"#,
            r#"<path d="M7 15h10"/>"#
        ),
    }
}

/// The play mark drawn over a video poster (a filled triangle).
pub const PLAY_SVG: &str = concat!(
    r#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" "#,
    r#"aria-hidden="true" focusable="false"><path d="M8 5.5v13l11-6.5z" fill="currentColor"/></svg>"#
);

/// A feature icon in its badge.
#[component]
pub fn FeatureIcon(icon: Icon) -> impl IntoView {
    view! { <span class="lp-feature__icon" inner_html=icon_svg(icon)></span> }
}

/// The play mark in its round badge over a video poster.
#[component]
pub fn PlayMark() -> impl IntoView {
    view! { <span class="lp-video__play" inner_html=PLAY_SVG></span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_a_hidden_24px_stroke_svg() {
        for icon in Icon::ALL {
            let svg = icon_svg(*icon);
            assert!(svg.starts_with("<svg "), "{icon:?}");
            assert!(svg.ends_with("</svg>"), "{icon:?}");
            assert!(svg.contains(r#"viewBox="0 0 24 24""#), "{icon:?}");
            assert!(svg.contains(r#"stroke="currentColor""#), "{icon:?}");
            assert!(svg.contains(r#"aria-hidden="true""#), "{icon:?}");
            assert_eq!(svg.matches("<svg").count(), 1, "{icon:?}");
        }
        let distinct: std::collections::HashSet<&str> =
            Icon::ALL.iter().map(|i| icon_svg(*i)).collect();
        assert_eq!(
            distinct.len(),
            Icon::ALL.len(),
            "each icon is drawn differently"
        );
        assert!(PLAY_SVG.contains(r#"aria-hidden="true""#));
    }
}
