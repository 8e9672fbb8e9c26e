//! Search and sharing metadata for a public page: title, description,
//! canonical URL, Open Graph / Twitter cards and JSON-LD structured data.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The absolute URL of a path on this site (uses the configured public URL).
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        let origin = use_context::<crate::state::AppState>()
            .map(|s| s.settings.public_url.clone())
            .unwrap_or_default();
        format!("{origin}{path}")
    }
    #[cfg(not(feature = "ssr"))]
    path.to_string()
}

/// JSON for a `<script type="application/ld+json">`, escaped so the data
/// can neither close the script element nor start a comment inside it.
pub fn json_ld(value: &serde_json::Value) -> String {
    crate::domain::html_text::json_for_script(&value.to_string())
}

#[component]
pub fn Seo(
    title: String,
    description: String,
    /// Path of the canonical URL, e.g. `/case-studies/some-slug`.
    path: String,
    #[prop(default = "website")] og_type: &'static str,
    #[prop(optional)] image: Option<String>,
    #[prop(optional)] structured_data: Option<serde_json::Value>,
    /// Keep the page out of search results (personal pages such as a saved estimate).
    #[prop(optional)]
    noindex: bool,
) -> impl IntoView {
    let canonical = absolute_url(&path);
    // The home page has no title of its own; shared links still need one.
    let share_title = if title.is_empty() {
        "Causal Edge".to_string()
    } else {
        title.clone()
    };
    // Pages pass "" when they have no picture: no og:image then, and the small card.
    let image = image.filter(|i| !i.is_empty()).map(|i| {
        if i.starts_with('/') {
            absolute_url(&i)
        } else {
            i
        }
    });
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        {noindex.then(|| view! { <Meta name="robots" content="noindex" /> })}
        <Link rel="canonical" href=canonical.clone() />
        <Meta property="og:type" content=og_type />
        <Meta property="og:site_name" content="Causal Edge" />
        <Meta property="og:title" content=share_title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=canonical />
        {image.clone().map(|i| view! { <Meta property="og:image" content=i /> })}
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        <Meta name="twitter:title" content=share_title />
        <Meta name="twitter:description" content=description />
        {structured_data.map(|data| view! { <script type="application/ld+json" inner_html=json_ld(&data)></script> })}
    }
}

#[cfg(test)]
mod tests {
    use super::json_ld;

    #[test]
    fn structured_data_cannot_close_its_script() {
        let v = serde_json::json!({ "name": "</script><script>alert(1)</script>" });
        assert!(!json_ld(&v).contains("</script>"));
    }
}
