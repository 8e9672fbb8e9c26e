//! What inlining each page's rules costs and weighs (server::critical_css):
//!
//!     cargo leptos build --release      # once: the stylesheet to read
//!     cargo bench -p server --bench critical_css
//!
//! Renders real pages once (SQLite, demo content, page cache off, no
//! stylesheet under the site root, so they come as rendered), then inlines
//! the rules each uses from the site build's stylesheet (`CE_BENCH_SITE_ROOT`,
//! default `target/site`): time per page (median of CE_BENCH_REPEATS,
//! default 200, one thread), the page's bytes before and after, and how
//! much of the stylesheet it carries. Figures go into docs/performance.md.

use server::critical_css::{inline_into, Stylesheet};
use server::startup::Application;
use std::time::Instant;

mod support;

/// The site build's stylesheet (the one `pkg/` file ending in `.css`).
fn site_stylesheet() -> String {
    let root = std::env::var("CE_BENCH_SITE_ROOT")
        .unwrap_or_else(|_| format!("{}/../target/site", env!("CARGO_MANIFEST_DIR")));
    let pkg = std::path::Path::new(&root).join("pkg");
    let file = std::fs::read_dir(&pkg)
        .unwrap_or_else(|e| panic!("{}: {e} (build the site first)", pkg.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "css"))
        .expect("a stylesheet in the site build");
    println!("stylesheet: {}", file.display());
    std::fs::read_to_string(file).expect("stylesheet")
}

fn main() {
    let repeats = std::env::var("CE_BENCH_REPEATS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200usize);
    let css = site_stylesheet();
    let css_bytes = css.len();
    let sheet = Stylesheet::parse(css);
    let (dir, mut config, slug) = support::seeded_sqlite_app("ce-bench-critical-css");
    config.site_root = dir.join("no-site").display().to_string();
    let pages = [
        ("home", "/".to_string()),
        ("gallery", "/case-studies".to_string()),
        ("case study", format!("/case-studies/{slug}")),
        ("ROI calculator", "/roi-calculator".to_string()),
        ("A/B calculator", "/tools/ab-test-calculator".to_string()),
        ("contact", "/contact".to_string()),
        ("privacy", "/privacy".to_string()),
    ];
    let rendered: Vec<(&str, String)> = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let app = Application::build(&config).await.expect("app");
            let router = app.router();
            let mut rendered = Vec::new();
            for (name, path) in &pages {
                let (body, _) = support::fetch(&router, path).await;
                rendered.push((*name, String::from_utf8(body.to_vec()).expect("utf-8 page")));
            }
            app.state().db.pool.close().await;
            rendered
        });
    println!(
        "stylesheet {} bytes; median of {repeats} inlinings per page, one thread",
        css_bytes
    );
    println!("| page | page bytes | with its rules | rules / stylesheet | time per page (µs) |");
    println!("|---|---|---|---|---|");
    for (name, html) in &rendered {
        let page = inline_into(html, &sheet).expect("the page links the stylesheet");
        let mut times = Vec::with_capacity(repeats);
        for _ in 0..repeats {
            let started = Instant::now();
            let page = inline_into(std::hint::black_box(html), &sheet);
            times.push(started.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(page);
        }
        times.sort_by(f64::total_cmp);
        let rules = page.len() - html.len() - "<style></style>".len();
        println!(
            "| {name} | {} | {} | {:.0} % | {:.0} |",
            html.len(),
            page.len(),
            100.0 * rules as f64 / css_bytes as f64,
            times[times.len() / 2]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
