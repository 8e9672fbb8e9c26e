//! Critical CSS: every rendered page carries, in a `<style>` in its head,
//! the rules of the site's stylesheet it may use, and loads the whole
//! stylesheet without waiting for it: the link says `media="print"` (which
//! blocks nothing), and the island script makes it `all` when the page's
//! first island hydrates (app/src/components/island_script.js, by
//! `data-full-stylesheet`): only an island changes the page after it is
//! sent, and applying the whole stylesheet restyles every element. The
//! browser paints the page from the rules it came with, without waiting for
//! another request. Without JavaScript a `<noscript>` link loads the whole
//! stylesheet as before. It is cached for a year.
//!
//! - Which rules: those whose selectors name only classes, ids and elements
//!   the page has (`stylesheet.rs`), plus the classes the shell script sets
//!   (`app::app::SHELL_SCRIPT_CLASSES`). A rule left out matches nothing in the page as
//!   sent, so the whole stylesheet applying later changes nothing on screen.
//! - Not a stylesheet link at the end of the body: Chrome paints what comes
//!   before such a link, but Lighthouse (12.8) still counted it as
//!   render-blocking (an estimated 0–100 ms per page), and it holds back the
//!   scripts after it.
//! - Where: a layer inside compression and the page cache, so a kept page
//!   is kept with its rules (worked out once per render, about a tenth of a
//!   millisecond for a case study, `benches/critical_css.rs`).
//! - The stylesheet is the file the page links (`LEPTOS_SITE_ROOT` + its
//!   address), read once and parsed once per process, and read again when
//!   the file changes (a development build rewrites it in place). With no
//!   such file (tests without a site build) pages are sent as rendered.

mod page_tokens;
mod stylesheet;

pub use stylesheet::{PageTokens, Stylesheet};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use http::header;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// The stylesheet link Leptos' `HashedStylesheet` renders in the head, up
/// to its address. A Leptos upgrade that writes it differently turns the
/// inlining off; the integration test `pages_carry_the_rules_they_use`
/// notices.
const LINK_START: &str = "<link id=\"leptos\" rel=\"stylesheet\" href=\"";

/// Pages bigger than this are sent as rendered (streamed, not held).
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// How often the stylesheet file is looked at for a change.
const RECHECK_EVERY: Duration = Duration::from_secs(2);

/// Where the page links the stylesheet: the link's text and its address.
fn stylesheet_link(html: &str) -> Option<(std::ops::Range<usize>, &str)> {
    let start = html.find(LINK_START)?;
    let href_start = start + LINK_START.len();
    let href_len = html[href_start..].find('"')?;
    let href = &html[href_start..href_start + href_len];
    let tag_end = href_start + href_len + html[href_start + href_len..].find('>')? + 1;
    Some((start..tag_end, href))
}

/// The page with the rules it may use in a `<style>` where its stylesheet
/// link was, followed by the non-blocking link to the whole stylesheet (and
/// the plain one for browsers without JavaScript); `None` when the page
/// links no stylesheet this way.
pub fn inline_into(html: &str, sheet: &Stylesheet) -> Option<String> {
    let (link, href) = stylesheet_link(html)?;
    let mut tokens = PageTokens::scan(html);
    tokens.classes.extend(app::app::SHELL_SCRIPT_CLASSES);
    let rules = sheet.for_page(&tokens);
    // Our own stylesheet, but a `</` in it (a string, a comment) could end
    // the `<style>` early: such a page keeps its link.
    if rules.contains("</") {
        tracing::warn!("the stylesheet has `</` in a rule; not inlined");
        return None;
    }
    let mut page = String::with_capacity(html.len() + rules.len() + 2 * href.len() + 160);
    page.push_str(&html[..link.start]);
    page.push_str("<style>");
    page.push_str(&rules);
    page.push_str("</style>");
    // `href` is the page's own attribute text, already escaped.
    page.push_str(LINK_START);
    page.push_str(href);
    page.push_str(
        "\" media=\"print\" data-full-stylesheet><noscript><link rel=\"stylesheet\" href=\"",
    );
    page.push_str(href);
    page.push_str("\"></noscript>");
    page.push_str(&html[link.end..]);
    Some(page)
}

/// The stylesheet pages link, read from the site's files when first needed.
#[derive(Clone)]
pub struct CriticalCss {
    site_root: PathBuf,
    loaded: Arc<Mutex<Option<Loaded>>>,
}

struct Loaded {
    href: String,
    modified: Option<SystemTime>,
    checked: Instant,
    sheet: Option<Arc<Stylesheet>>,
}

impl CriticalCss {
    pub fn new(site_root: impl Into<PathBuf>) -> CriticalCss {
        CriticalCss {
            site_root: site_root.into(),
            loaded: Arc::new(Mutex::new(None)),
        }
    }

    /// The parsed stylesheet at `href`, or `None` when there is no such file.
    async fn stylesheet(&self, href: &str) -> Option<Arc<Stylesheet>> {
        let modified_before = {
            let loaded = self.loaded.lock().expect("critical css lock");
            match loaded.as_ref() {
                Some(l) if l.href == href && l.checked.elapsed() < RECHECK_EVERY => {
                    return l.sheet.clone()
                }
                Some(l) if l.href == href => Some(l.modified),
                _ => None,
            }
        };
        let path = self.path_of(href)?;
        let modified = tokio::fs::metadata(&path)
            .await
            .ok()
            .and_then(|m| m.modified().ok());
        if modified_before == Some(modified) {
            let mut loaded = self.loaded.lock().expect("critical css lock");
            if let Some(l) = loaded.as_mut().filter(|l| l.href == href) {
                l.checked = Instant::now();
                return l.sheet.clone();
            }
        }
        let sheet = match tokio::fs::read_to_string(&path).await {
            Ok(css) => Some(Arc::new(Stylesheet::parse(css))),
            Err(error) => {
                tracing::info!(%error, href, "no stylesheet to inline rules from; pages link it as rendered");
                None
            }
        };
        *self.loaded.lock().expect("critical css lock") = Some(Loaded {
            href: href.to_string(),
            modified,
            checked: Instant::now(),
            sheet: sheet.clone(),
        });
        sheet
    }

    /// The file behind a stylesheet address: a plain path under the site
    /// root, nothing else (the address is our own page's, but a path is a
    /// path).
    fn path_of(&self, href: &str) -> Option<PathBuf> {
        let relative = href.strip_prefix('/')?;
        let plain = relative.ends_with(".css")
            && relative.split('/').all(|segment| {
                !segment.is_empty()
                    && segment != "."
                    && segment != ".."
                    && segment
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
            });
        plain.then(|| self.site_root.join(relative))
    }
}

/// The layer: rendered pages get their rules inlined (see the module notes).
pub async fn inline_critical_css(
    State(critical): State<CriticalCss>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let html = match read_whole(body).await {
        Ok(html) => html,
        Err(streamed) => return Response::from_parts(parts, streamed),
    };
    let inlined = match std::str::from_utf8(&html) {
        Ok(page) => match stylesheet_link(page) {
            Some((_, href)) => match critical.stylesheet(href).await {
                Some(sheet) => inline_into(page, &sheet),
                None => None,
            },
            None => None,
        },
        Err(_) => None,
    };
    match inlined {
        Some(page) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(page))
        }
        None => Response::from_parts(parts, Body::from(html)),
    }
}

/// The whole body, or (bigger than [`MAX_PAGE_BYTES`], or failing part way)
/// a body that sends what was read and then the rest as it comes.
async fn read_whole(body: Body) -> Result<Bytes, Body> {
    let mut stream = body.into_data_stream();
    let mut read = Vec::new();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                read.extend_from_slice(&chunk);
                if read.len() > MAX_PAGE_BYTES {
                    let head = futures_util::stream::iter([Ok(Bytes::from(read))]);
                    return Err(Body::from_stream(head.chain(stream)));
                }
            }
            Err(error) => {
                return Err(Body::from_stream(futures_util::stream::iter([
                    Ok(Bytes::from(read)),
                    Err(error),
                ])));
            }
        }
    }
    Ok(Bytes::from(read))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_go_in_the_head_and_the_whole_stylesheet_loads_without_blocking() {
        let sheet = Stylesheet::parse(
            ".js .menu{display:none}.card{padding:0}.admin{color:red}p{margin:0}".to_string(),
        );
        let html = "<!DOCTYPE html><html><head><!><link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/site.css\"><script type=\"module\"></script></head>\
            <body><p class=\"card\">x</p></body></html><template id=\"1-f\"><i class=\"menu\"></i></template>";
        let page = inline_into(html, &sheet).expect("inlined");
        assert_eq!(
            page,
            "<!DOCTYPE html><html><head><!><style>.js .menu{display:none}.card{padding:0}p{margin:0}</style>\
            <link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/site.css\" media=\"print\" data-full-stylesheet>\
            <noscript><link rel=\"stylesheet\" href=\"/pkg/site.css\"></noscript><script type=\"module\"></script></head>\
            <body><p class=\"card\">x</p></body></html><template id=\"1-f\"><i class=\"menu\"></i></template>"
        );
    }

    #[test]
    fn a_page_without_the_link_or_with_rules_that_could_end_the_style_is_left() {
        let sheet = Stylesheet::parse("p{margin:0}".to_string());
        assert_eq!(inline_into("<html><p>x</p></html>", &sheet), None);
        let sheet = Stylesheet::parse("p::after{content:\"</style>\"}".to_string());
        let html = "<head><link id=\"leptos\" rel=\"stylesheet\" href=\"/a.css\"></head><p>x</p>";
        assert_eq!(inline_into(html, &sheet), None);
    }

    #[test]
    fn only_plain_paths_under_the_site_root_are_read() {
        let critical = CriticalCss::new("/site");
        assert_eq!(
            critical.path_of("/pkg/causal-edge.lnfB_JbAT3iROd0ffe347A.css"),
            Some(PathBuf::from(
                "/site/pkg/causal-edge.lnfB_JbAT3iROd0ffe347A.css"
            ))
        );
        for href in [
            "pkg/a.css",
            "/../etc/a.css",
            "/pkg/../../a.css",
            "//evil/a.css",
            "/pkg/a.css?x",
            "/pkg/a.js",
            "/pkg\\a.css",
        ] {
            assert_eq!(critical.path_of(href), None, "{href}");
        }
    }
}
