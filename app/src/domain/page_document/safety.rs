//! The rules for URLs, plain text, media keys and video links. Each check
//! returns the message shown after the field's path.
//!
//! URLs: `http(s)://host…`, `mailto:`, `tel:`, relative paths (`/pricing`,
//! `pricing`, `../x`, `?q=1`) and in-page anchors (`#contact`). Refused:
//! every other scheme (`javascript:`, `data:`, `vbscript:`, `file:` …),
//! protocol-relative `//host` (it silently leaves the site), backslashes
//! (browsers read `\` as `/`), spaces and control characters.
//!
//! Text is plain text and is escaped when rendered, so `<b>` is harmless; but
//! text that looks like an attempt to smuggle script (`<script`, `javascript:`,
//! `vbscript:`, `<iframe`, `<object`, `<embed`, an `on…=` handler inside a
//! tag) is refused with a clear message, as the issue asks.

use super::limits::{MAX_MEDIA_KEY_CHARS, MAX_URL_CHARS};

/// Why `url` may not be used as a link, if it may not.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("a URL is required".into());
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!("URLs are limited to {MAX_URL_CHARS} characters"));
    }
    if url.chars().any(char::is_control) {
        return Err("URLs cannot contain control characters".into());
    }
    if url.chars().any(char::is_whitespace) {
        return Err("URLs cannot contain spaces (write %20)".into());
    }
    if url.contains('\\') {
        return Err("URLs cannot contain backslashes".into());
    }
    if let Some(anchor) = url.strip_prefix('#') {
        return if super::ids::is_valid_id(anchor) {
            Ok(())
        } else {
            Err("an in-page anchor is # followed by a block's id".into())
        };
    }
    if url.starts_with("//") {
        return Err("protocol-relative URLs (//host) are not allowed; write https://".into());
    }
    match scheme(url) {
        None => Ok(()), // a relative path, query or fragment
        Some(scheme) => match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => {
                let rest = &url[scheme.len() + 1..];
                let host = rest
                    .strip_prefix("//")
                    .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
                match host {
                    Some(host) if !host.is_empty() && !host.contains('@') => Ok(()),
                    Some(host) if host.contains('@') => {
                        Err("URLs with a user name (user@host) are not allowed".into())
                    }
                    _ => Err(format!("write {scheme}://host/…")),
                }
            }
            "mailto" | "tel" if url.len() > scheme.len() + 1 => Ok(()),
            "mailto" | "tel" => Err(format!("{scheme}: needs an address or number")),
            lower => Err(format!(
                "{lower}: URLs are not allowed (use http(s), mailto, tel, a relative path or #anchor)"
            )),
        },
    }
}

/// The scheme of an absolute URL (the text before the first `:` when that
/// comes before any `/`, `?` or `#` and looks like a scheme).
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let candidate = &url[..end];
    if url[..end].contains(['/', '?', '#']) {
        return None;
    }
    let mut chars = candidate.chars();
    let looks_like_scheme = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Anything else with a colon before the path (`java script:`) is refused
    // by the space rule above, or is not a scheme a browser would run.
    looks_like_scheme.then_some(candidate)
}

/// Why a plain-text value is refused, if it is: too long, a control
/// character (other than line breaks where `multiline`), or script.
pub fn check_text(value: &str, max_chars: usize, multiline: bool) -> Result<(), String> {
    let count = value.chars().count();
    if count > max_chars {
        return Err(format!(
            "at most {max_chars} characters are allowed (this has {count})"
        ));
    }
    let bad_control = value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad_control {
        return Err(if multiline {
            "text cannot contain control characters".into()
        } else {
            "text cannot contain line breaks or control characters".into()
        });
    }
    check_no_script(value)
}

/// Refuses text that carries script or active markup (see the module doc).
pub fn check_no_script(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    for (needle, what) in [
        ("<script", "<script"),
        ("</script", "<script"),
        ("javascript:", "javascript:"),
        ("vbscript:", "vbscript:"),
        ("<iframe", "<iframe"),
        ("<object", "<object"),
        ("<embed", "<embed"),
    ] {
        if lower.contains(needle) {
            return Err(format!("text cannot contain script ({what})"));
        }
    }
    if has_event_handler_in_tag(&lower) {
        return Err("text cannot contain script (an on… event handler)".into());
    }
    Ok(())
}

/// Whether some `<tag …>` (a `<` followed by a letter) holds an attribute
/// named `on…` followed by `=`: `<img src=x onerror=alert(1)>`.
fn has_event_handler_in_tag(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(offset) = lower[i..].find('<') {
        let start = i + offset + 1;
        i = start;
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let end = lower[start..].find('>').map_or(bytes.len(), |e| start + e);
        let tag = &bytes[start..end];
        for j in 1..tag.len() {
            let after_separator = matches!(
                tag[j - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\''
            );
            if after_separator && tag[j..].starts_with(b"on") {
                let name_end = tag[j + 2..]
                    .iter()
                    .position(|b| !b.is_ascii_alphabetic())
                    .map_or(tag.len(), |p| j + 2 + p);
                let rest = tag[name_end..]
                    .iter()
                    .skip_while(|b| b.is_ascii_whitespace());
                if name_end > j + 2 && rest.clone().next() == Some(&b'=') {
                    return true;
                }
            }
        }
    }
    false
}

/// Why a media key is refused, if it is. A key names a file in the media
/// library (`hero/0193…ab`, `consultants/ana-lopez.svg`): a lowercase folder,
/// one `/`, then lowercase letters, digits, `-` and at most one `.ext`. The
/// server still checks that the media exists when it saves the page.
pub fn check_media_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("choose an image from the media library".into());
    }
    let invalid = || "not a media library image; choose the image again".to_string();
    if key.len() > MAX_MEDIA_KEY_CHARS {
        return Err(invalid());
    }
    let Some((folder, name)) = key.split_once('/') else {
        return Err(invalid());
    };
    let folder_ok = !folder.is_empty() && folder.bytes().all(|b| b.is_ascii_lowercase());
    let (stem, ext) = name.split_once('.').unwrap_or((name, "a"));
    let stem_ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let ext_ok = !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_lowercase());
    if folder_ok && stem_ok && ext_ok {
        Ok(())
    } else {
        Err(invalid())
    }
}

/// A video host the video block accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VideoProvider {
    YouTube,
    Vimeo,
}

/// A recognised video: who hosts it and its id there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VideoEmbed {
    pub provider: VideoProvider,
    pub id: String,
}

impl VideoEmbed {
    /// The player URL loaded after the visitor clicks the poster (YouTube's
    /// no-cookie domain; nothing from the host is loaded before the click).
    pub fn player_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => {
                format!(
                    "https://www.youtube-nocookie.com/embed/{}?autoplay=1",
                    self.id
                )
            }
            VideoProvider::Vimeo => {
                format!(
                    "https://player.vimeo.com/video/{}?autoplay=1&dnt=1",
                    self.id
                )
            }
        }
    }
}

/// Recognises an https YouTube or Vimeo video URL: `youtube.com/watch?v=ID`,
/// `youtu.be/ID`, `youtube.com/embed/ID`, `youtube.com/shorts/ID`,
/// `youtube-nocookie.com/embed/ID`, `vimeo.com/NUMBER`,
/// `player.vimeo.com/video/NUMBER`.
pub fn video_embed(url: &str) -> Result<VideoEmbed, String> {
    let refuse = || {
        "use the https address of a YouTube or Vimeo video (for example https://www.youtube.com/watch?v=…)"
            .to_string()
    };
    check_url(url)?;
    let rest = url.strip_prefix("https://").ok_or_else(refuse)?;
    let (host, path_and_query) = rest.split_once('/').unwrap_or((rest, ""));
    let without_fragment = path_and_query.split('#').next().unwrap_or("");
    let (path, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let youtube_id = |id: &str| {
        (id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| VideoEmbed {
            provider: VideoProvider::YouTube,
            id: id.to_string(),
        })
    };
    let vimeo_id = |id: &str| {
        (!id.is_empty() && id.len() <= 12 && id.bytes().all(|b| b.is_ascii_digit())).then(|| {
            VideoEmbed {
                provider: VideoProvider::Vimeo,
                id: id.to_string(),
            }
        })
    };
    let found = match host.to_ascii_lowercase().as_str() {
        "youtube.com" | "www.youtube.com" | "m.youtube.com" => {
            if path == "watch" {
                query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("v="))
                    .and_then(youtube_id)
            } else {
                path.strip_prefix("embed/")
                    .or_else(|| path.strip_prefix("shorts/"))
                    .and_then(youtube_id)
            }
        }
        "www.youtube-nocookie.com" | "youtube-nocookie.com" => {
            path.strip_prefix("embed/").and_then(youtube_id)
        }
        "youtu.be" => youtube_id(path),
        "vimeo.com" | "www.vimeo.com" => vimeo_id(path),
        "player.vimeo.com" => path.strip_prefix("video/").and_then(vimeo_id),
        _ => None,
    };
    found.ok_or_else(refuse)
}

/// Why a SIC code is refused, if it is: 4 or 5 digits.
pub fn check_sic_code(code: &str) -> Result<(), String> {
    if (4..=5).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err("an industry is a SIC code of 4 or 5 digits".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_urls() {
        for url in [
            "https://example.com",
            "http://example.com/a?b=c#d",
            "HTTPS://EXAMPLE.COM",
            "mailto:hello@example.com",
            "tel:+441234567890",
            "/pricing",
            "pricing",
            "../guide",
            "?utm_source=x",
            "#contact",
            "/a:b",
        ] {
            assert_eq!(check_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn refused_urls_say_why() {
        let cases = [
            ("javascript:alert(1)", "javascript: URLs are not allowed"),
            ("JavaScript:alert(1)", "javascript: URLs are not allowed"),
            ("data:text/html,<b>", "data: URLs are not allowed"),
            ("vbscript:msgbox", "vbscript: URLs are not allowed"),
            ("ftp://example.com", "ftp: URLs are not allowed"),
            ("//evil.example", "protocol-relative"),
            ("/\\evil.example", "backslashes"),
            ("java\tscript:alert(1)", "control characters"),
            ("\u{1}javascript:alert(1)", "control characters"),
            (" https://example.com", "spaces"),
            ("https://", "write https://host"),
            ("https:example.com", "write https://host"),
            ("https://user@evil.example", "user name"),
            ("mailto:", "needs an address"),
            ("#", "in-page anchor"),
            ("#a b", "spaces"),
            ("", "required"),
        ];
        for (url, expected) in cases {
            let message = check_url(url).expect_err(url);
            assert!(message.contains(expected), "{url:?}: {message}");
        }
        assert!(check_url(&format!("/{}", "a".repeat(MAX_URL_CHARS))).is_err());
    }

    #[test]
    fn script_in_text_is_refused_but_harmless_markup_is_kept() {
        for ok in [
            "<b>bold</b> is shown as typed",
            "5 < 6 and one=1",
            "Focus on = results",
            "Lead on",
        ] {
            assert_eq!(check_text(ok, 100, false), Ok(()), "{ok}");
        }
        for bad in [
            "<script>alert(1)</script>",
            "<SCRIPT src=x>",
            "click javascript:alert(1)",
            "<img src=x onerror=alert(1)>",
            "<a href=x ONCLICK = 'x'>",
            "<iframe src=x>",
        ] {
            assert!(check_text(bad, 100, false).is_err(), "{bad}");
        }
        assert!(check_text("a\nb", 100, false).is_err());
        assert!(check_text("a\nb", 100, true).is_ok());
        assert!(check_text("a\u{0}b", 100, true).is_err());
        assert!(check_text("ééé", 3, false).is_ok(), "characters, not bytes");
        assert!(check_text("éééé", 3, false).is_err());
    }

    #[test]
    fn media_keys_name_a_library_file() {
        for ok in ["hero/0193abcd", "consultants/ana-lopez.svg"] {
            assert_eq!(check_media_key(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "hero",
            "../etc/passwd",
            "hero/../x",
            "/hero/a",
            "Hero/a",
            "hero/a b",
            "hero/a.b.c",
        ] {
            assert!(check_media_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn videos_come_from_youtube_or_vimeo_over_https() {
        let yt = video_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1").unwrap();
        assert_eq!(yt.id, "dQw4w9WgXcQ");
        assert_eq!(
            yt.player_url(),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        );
        assert_eq!(
            video_embed("https://youtu.be/dQw4w9WgXcQ").unwrap().id,
            "dQw4w9WgXcQ"
        );
        assert_eq!(
            video_embed("https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0")
                .unwrap()
                .id,
            "dQw4w9WgXcQ"
        );
        let vimeo = video_embed("https://vimeo.com/76979871").unwrap();
        assert_eq!(vimeo.provider, VideoProvider::Vimeo);
        assert_eq!(
            video_embed("https://player.vimeo.com/video/76979871").unwrap(),
            vimeo
        );
        for bad in [
            "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://evil.example/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=short",
            "https://vimeo.com/abc",
            "javascript:alert(1)",
        ] {
            assert!(video_embed(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sic_codes_are_four_or_five_digits() {
        assert!(check_sic_code("4791").is_ok());
        assert!(check_sic_code("47910").is_ok());
        assert!(check_sic_code("479").is_err());
        assert!(check_sic_code("47a1").is_err());
    }
}
