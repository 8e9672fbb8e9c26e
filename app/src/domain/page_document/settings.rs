//! Page-level settings: title, slug, SEO description, Open Graph image,
//! noindex and the theme's accent colour.
//!
//! The slug lives here so that an exported document carries its address, but
//! the page row's `slug` column is what routes `/landing/{slug}` and what is
//! unique: the service copies the draft document's slug to the row on save,
//! and the documents of a page's experiment variants must carry the page's
//! slug (the service checks). Variants may differ in title and description.

use serde::Serialize;

/// The accent palette: name and CSS colour.
pub const ACCENT_PALETTE: &[(&str, &str)] = &[
    ("blue", "#1d4ed8"),
    ("teal", "#0f766e"),
    ("green", "#15803d"),
    ("orange", "#c2410c"),
    ("red", "#b91c1c"),
    ("purple", "#7e22ce"),
    ("slate", "#334155"),
];

/// Slugs that would shadow an application route or read as official.
pub const RESERVED_SLUGS: &[&str] = &[
    "admin", "api", "assets", "auth", "login", "logout", "media", "pkg", "static", "landing",
    "sitemap", "robots", "health", "new", "edit", "preview",
];

/// The theme accent: a palette name (`"teal"`) or a `#rrggbb` colour.
/// Validated by the parser; [`AccentColour::css`] gives the CSS value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct AccentColour(pub String);

impl Default for AccentColour {
    fn default() -> AccentColour {
        AccentColour(ACCENT_PALETTE[0].0.to_string())
    }
}

impl AccentColour {
    /// Why the value is not an accent colour, if it is not.
    pub fn check(&self) -> Result<(), String> {
        if self.css().is_some() {
            Ok(())
        } else {
            let names: Vec<&str> = ACCENT_PALETTE.iter().map(|(n, _)| *n).collect();
            Err(format!(
                "use one of {} or a colour written #rrggbb",
                names.join(", ")
            ))
        }
    }

    /// The CSS colour (`#rrggbb`), or `None` when the value is invalid.
    pub fn css(&self) -> Option<&str> {
        let value = self.0.as_str();
        if let Some((_, css)) = ACCENT_PALETTE.iter().find(|(name, _)| *name == value) {
            return Some(css);
        }
        let hex = value.strip_prefix('#')?;
        (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(value)
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A document's page-level settings. The JSON is
/// `{"title", "slug", "description"?, "og_image"?, "noindex"?, "accent"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PageSettings {
    /// The `<title>` and default Open Graph title.
    pub title: String,
    /// The page's address under `/landing/`.
    pub slug: String,
    /// The meta description (also the Open Graph description).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// A media key; empty: no `og:image`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub og_image: String,
    /// Adds `<meta name="robots" content="noindex">` and leaves the page out
    /// of the sitemap.
    #[serde(skip_serializing_if = "is_false")]
    pub noindex: bool,
    pub accent: AccentColour,
}

impl PageSettings {
    pub fn new(title: &str, slug: &str) -> PageSettings {
        PageSettings {
            title: title.to_string(),
            slug: slug.to_string(),
            description: String::new(),
            og_image: String::new(),
            noindex: false,
            accent: AccentColour::default(),
        }
    }
}

/// Why a slug is refused, if it is: 3–120 lowercase letters, digits and
/// single hyphens, no hyphen at either end, not reserved.
pub fn check_slug(slug: &str) -> Result<(), String> {
    use super::limits::{MAX_SLUG_CHARS, MIN_SLUG_CHARS};
    if !(MIN_SLUG_CHARS..=MAX_SLUG_CHARS).contains(&slug.len()) {
        return Err(format!(
            "the slug must be {MIN_SLUG_CHARS} to {MAX_SLUG_CHARS} characters long"
        ));
    }
    let valid_chars = slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_chars || slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(
            "use only lowercase letters, digits and single hyphens in the slug (no hyphen at either end)"
                .to_string(),
        );
    }
    if RESERVED_SLUGS.contains(&slug) {
        return Err(format!("\"{slug}\" is reserved; choose another slug"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_are_palette_names_or_hex_colours() {
        for good in ["blue", "slate", "#a1B2c3"] {
            assert!(AccentColour(good.into()).check().is_ok(), "{good}");
        }
        for bad in ["pink", "#abc", "#abcdeg", "red;", "", "rgb(0,0,0)"] {
            assert!(AccentColour(bad.into()).check().is_err(), "{bad}");
        }
        assert_eq!(AccentColour("teal".into()).css(), Some("#0f766e"));
    }

    #[test]
    fn slugs_are_lowercase_words_and_not_reserved() {
        assert!(check_slug("free-consultation").is_ok());
        for bad in [
            "ab", "Free", "a--b", "-ab", "ab-", "a b c", "admin", "api", "café",
        ] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
