//! Where a landing page's links lead: buttons and CTAs, rich-text links and
//! the click-to-load video. Pure functions, so the rules are unit-tested.
//!
//! The parser already refused unsafe URLs when the document was saved; the
//! renderer checks again (defence in depth, and the editor canvas renders
//! documents mid-edit), turning a refused URL into no link rather than
//! emitting it.

use crate::domain::page_document::{check_url, video_embed, Target, VideoProvider};

/// The `href` of a button or CTA: its URL, or the first lead form's anchor
/// for [`Target::Form`] (`form_href` is `#` when the page has no form).
pub(super) fn target_href(target: &Target, form_href: &str) -> String {
    match target {
        Target::Link { href } => safe_href(href).unwrap_or_else(|| "#".to_string()),
        Target::Form => form_href.to_string(),
    }
}

/// `href` when it passes the document's URL rules.
pub(super) fn safe_href(href: &str) -> Option<String> {
    check_url(href).ok().map(|()| href.to_string())
}

/// `rel` for a link: `noopener` for links to other sites (absolute http(s)
/// URLs), nothing for the page's own paths, anchors, `mailto:` and `tel:`.
pub(super) fn rel_for(href: &str) -> Option<&'static str> {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some("noopener")
}

/// Where the video link goes before any player is loaded: the provider's
/// own watch page, and the player URL a script may swap in after the click.
/// A URL that is not a recognised video (refused on save) links nowhere.
pub(super) fn video_links(url: &str) -> (String, Option<String>) {
    match video_embed(url) {
        Ok(embed) => {
            let watch = match embed.provider {
                VideoProvider::YouTube => format!("https://www.youtube.com/watch?v={}", embed.id),
                VideoProvider::Vimeo => format!("https://vimeo.com/{}", embed.id),
            };
            (watch, Some(embed.player_url()))
        }
        Err(_) => ("#".to_string(), None),
    }
}

/// The anchor of the page's first lead form, or `#` without one.
pub(super) fn form_anchor(first_form_id: Option<&str>) -> String {
    first_form_id.map_or_else(|| "#".to_string(), |id| format!("#{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_lead_to_their_url_or_the_first_form() {
        let link = Target::Link {
            href: "/pricing".to_string(),
        };
        assert_eq!(target_href(&link, "#form"), "/pricing");
        assert_eq!(target_href(&Target::Form, "#form"), "#form");
        assert_eq!(target_href(&Target::Form, "#"), "#");
        let unsafe_link = Target::Link {
            href: "javascript:alert(1)".to_string(),
        };
        assert_eq!(target_href(&unsafe_link, "#form"), "#");
        assert_eq!(form_anchor(Some("lead")), "#lead");
        assert_eq!(form_anchor(None), "#");
    }

    #[test]
    fn only_links_to_other_sites_get_noopener() {
        assert_eq!(rel_for("https://example.com/a"), Some("noopener"));
        assert_eq!(rel_for("HTTP://example.com"), Some("noopener"));
        assert_eq!(rel_for("/pricing"), None);
        assert_eq!(rel_for("#form"), None);
        assert_eq!(rel_for("mailto:a@example.com"), None);
        assert_eq!(rel_for("http"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
        assert_eq!(safe_href("/ok").as_deref(), Some("/ok"));
    }

    #[test]
    fn videos_link_to_the_watch_page_until_clicked() {
        let (watch, player) = video_links("https://youtu.be/dQw4w9WgXcQ");
        assert_eq!(watch, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        assert_eq!(
            player.as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
        );
        let (watch, _) = video_links("https://player.vimeo.com/video/76979871");
        assert_eq!(watch, "https://vimeo.com/76979871");
        assert_eq!(
            video_links("https://evil.example/x"),
            ("#".to_string(), None)
        );
    }
}
