//! Pages carry the rules of the site's stylesheet they use in their head,
//! and load the whole stylesheet without blocking the first paint
//! (server::critical_css). The
//! stylesheet is a made-up one under a made-up site root, so what each page
//! gets is known. The database plays no part: SQLite only.

use crate::common::{client, spawn_app_with, Backend};
use std::time::Duration;

/// The render-blocking link Leptos renders.
const LINK: &str = r#"<link id="leptos" rel="stylesheet" href="/pkg/causal-edge.css">"#;
/// What takes its place after the rules: the whole stylesheet, applied by
/// the island script when the page's first island hydrates, or at once
/// without JavaScript.
const DEFERRED: &str = r#"</style><link id="leptos" rel="stylesheet" href="/pkg/causal-edge.css" media="print" data-full-stylesheet><noscript><link rel="stylesheet" href="/pkg/causal-edge.css"></noscript>"#;

fn site_with(css: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("ce-site-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/causal-edge.css"), css).unwrap();
    root
}

/// The `<style>` in the page's head.
fn inlined(html: &str) -> &str {
    let head = &html[..html.find("</head>").expect("a head")];
    let start = head.find("<style>").expect("rules inlined in the head") + "<style>".len();
    &head[start..start + head[start..].find("</style>").expect("style closed")]
}

#[tokio::test]
async fn pages_carry_the_rules_they_use() {
    let css = ":root{--ink:#123}\
        .site-header{color:red}\
        .js .site-nav__toggle{display:block}\
        .cs-grid{gap:1rem}\
        .not-a-class-any-page-has{color:blue}\
        @media (max-width:600px){.site-header{padding:0}.not-a-class-any-page-has{x:y}}\
        @media print{.not-a-class-any-page-has{x:y}}";
    let root = site_with(css);
    let app = spawn_app_with(
        Backend::Sqlite,
        &[
            ("LEPTOS_SITE_ROOT", root.to_str().unwrap()),
            ("CE_PAGE_CACHE_SECS", "60"),
        ],
    )
    .await;
    app.seed_showcase().await;
    let client = client();

    let home = app.page(&client, "/").await;
    assert_eq!(
        inlined(&home),
        ":root{--ink:#123}.site-header{color:red}.js .site-nav__toggle{display:block}\
         @media (max-width:600px){.site-header{padding:0}}"
    );
    // The whole stylesheet is linked once, right after the rules, and not
    // so that it blocks the first paint.
    assert!(!home.contains(LINK), "{home}");
    assert_eq!(home.matches(DEFERRED).count(), 1, "{home}");
    assert!(home[..home.find("</head>").unwrap()].contains(DEFERRED));

    // The gallery has its filters, so it carries their rule; from memory
    // (the page cache) it is the same page.
    let gallery = app.page(&client, "/case-studies").await;
    assert!(
        inlined(&gallery).contains(".cs-grid{gap:1rem}"),
        "{gallery}"
    );
    assert!(!inlined(&home).contains(".cs-grid"));
    assert_eq!(app.page(&client, "/case-studies").await, gallery);

    // A page that is not found gets its rules too.
    let missing = app.get(&client, "/no-such-page").await;
    assert_eq!(missing.status(), 404);
    let missing = missing.text().await.unwrap();
    assert!(
        inlined(&missing).contains(".site-header{color:red}"),
        "{missing}"
    );
    assert!(missing.contains(DEFERRED));

    // The API's answers are not touched.
    let api = app.page(&client, "/api/v1/case-studies").await;
    assert!(api.starts_with('{') || api.starts_with('['), "{api}");
    assert!(!api.contains("<style>"));

    // A stylesheet rewritten in place (a development build) is read again
    // within seconds.
    std::fs::write(
        root.join("pkg/causal-edge.css"),
        ".site-header{color:green}",
    )
    .unwrap();
    let mut seen = String::new();
    for _ in 0..40 {
        // (the contact page: the page cache keeps the others for a minute)
        seen = app.page(&client, "/contact").await;
        if inlined(&seen) == ".site-header{color:green}" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(inlined(&seen), ".site-header{color:green}");
    let _ = std::fs::remove_dir_all(root);
}

#[tokio::test]
async fn without_a_stylesheet_file_pages_link_it_in_the_head() {
    let app = spawn_app_with(
        Backend::Sqlite,
        &[("LEPTOS_SITE_ROOT", "/nonexistent-site-root")],
    )
    .await;
    let home = app.page(&client(), "/").await;
    let head = &home[..home.find("</head>").unwrap()];
    assert!(head.contains(LINK), "{home}");
    assert!(!head.contains("<style>"), "{home}");
}
