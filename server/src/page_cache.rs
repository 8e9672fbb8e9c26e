//! A short-lived cache of public pages as anonymous visitors get them: the
//! rendered (and compressed) response is kept for `CE_PAGE_CACHE_SECS`
//! (default 5 s), answered again without rendering, and revalidated with an
//! ETag (`304 Not Modified`). One request renders a page to keep, and others
//! asking for it meanwhile wait for that render (a cold start, right after
//! an edit), or, when a kept page has expired, get the kept copy (at most
//! twice the TTL old): a busy page is rendered once, not by every request
//! that arrives during its render.
//!
//! - Only anonymous `GET`/`HEAD` requests (no session cookie) for the pages
//!   everyone sees alike: home, the gallery (any filters), case studies, the
//!   consultants, published landing pages, privacy. Not the pages with a
//!   form that stores what it is given.
//! - Only `200` HTML responses that set no cookie but the visitor cookie,
//!   and are not marked `private` (a landing page under test, or showing a
//!   visitor their own draft). A render for a visitor without our cookie
//!   gives them one; the copy kept has none.
//! - The outermost layer: a page from memory passes no other layer (the
//!   copy kept carries the headers they gave it). What they owe a view is
//!   done by `middleware::after_cache_hit`: a case study or landing page
//!   answered from memory was not rendered, so it counts the view (and
//!   gives a new visitor their cookie, as the render would), and a visitor's
//!   view may convert a visit goal.
//! - Staleness: none on the server that took an edit (any successful write to
//!   the back office, `/admin…` and `/api/admin/…`, empties its cache and
//!   moves the database's content version on); about a second on every other
//!   app server, which compares that version at most once a second and
//!   empties its cache when it moved; at most the TTL for a change made
//!   outside the back office. A page rendered while an edit lands is not
//!   kept (the cache's generation moved during its render).
//! - Memory: at most `CE_PAGE_CACHE_MB` (default 16) of bodies; when full,
//!   expired entries go, then the oldest.
//! - The cached copy keeps its Content-Security-Policy nonce. A nonce guards
//!   against markup injected into *this* response; a cached page is the same
//!   bytes for everyone, so its nonce was made with the page and cannot be
//!   known to whoever wrote the content in it.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The largest page kept (bigger ones pass through).
const MAX_PAGE_BYTES: usize = 1024 * 1024;
/// How often the database's content version is compared: the staleness
/// bound across app servers.
pub const EDIT_CHECK_EVERY: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Mutex<Entries>>,
    ttl: Duration,
    budget_bytes: usize,
    /// Moves on every clear: a page whose render began before it is stale.
    generation: Arc<AtomicU64>,
    /// The database whose content version this cache follows.
    edits: Option<EditWatch>,
}

#[derive(Clone)]
struct EditWatch {
    db: app::db::Db,
    /// When the version was last compared, and what it was.
    seen: Arc<Mutex<(Option<Instant>, Option<i64>)>>,
}

#[derive(Default)]
struct Entries {
    pages: HashMap<String, Arc<Cached>>,
    bytes: usize,
    /// Pages one request is rendering (to keep); the others wait for it
    /// rather than render the same page at once (a cold start, an edit, a
    /// busy page expiring). The receiver closes when that render is done.
    rendering: HashMap<String, watch::Receiver<()>>,
    /// Pages whose last render could not be kept (a page under test, one
    /// that set a cookie …), and when: for a TTL nobody waits on them, as
    /// each request renders its own.
    unkept: HashMap<String, Instant>,
}

/// Most keys remembered as not kept; past it the list starts again (a
/// flood of made-up addresses must not grow it).
const MAX_UNKEPT: usize = 10_000;
/// The longest a request waits for another's render of the same page
/// before it renders its own.
const WAIT_FOR_RENDER: Duration = Duration::from_secs(2);

enum Lookup {
    /// Answer this (fresh, or expired while another request renders it).
    Answer(Arc<Cached>),
    /// This request renders the page, to keep it.
    Render(RenderTurn),
    /// Another request is rendering it: wait until its receiver closes.
    Wait(watch::Receiver<()>),
    /// Render it without a turn (its renders are not kept).
    Miss,
}

/// The one request rendering a page to keep; when it is done (kept,
/// refused or dropped), those waiting look again.
struct RenderTurn {
    cache: PageCache,
    key: String,
    _done: watch::Sender<()>,
}

impl Drop for RenderTurn {
    fn drop(&mut self) {
        // Before `_done` drops and wakes the waiters.
        if let Ok(mut entries) = self.cache.inner.lock() {
            entries.rendering.remove(&self.key);
        }
    }
}

struct Cached {
    stored_at: Instant,
    etag: HeaderValue,
    headers: HeaderMap,
    body: axum::body::Bytes,
}

impl PageCache {
    /// `ttl` zero: nothing is kept.
    pub fn new(ttl: Duration, budget_bytes: usize) -> PageCache {
        PageCache {
            inner: Arc::default(),
            ttl,
            budget_bytes,
            generation: Arc::default(),
            edits: None,
        }
    }

    /// Follows the content version of `db`, so edits made through other
    /// app servers empty this cache within [`EDIT_CHECK_EVERY`].
    pub fn following(mut self, db: app::db::Db) -> PageCache {
        self.edits = Some(EditWatch {
            db,
            seen: Arc::default(),
        });
        self
    }

    /// Empties the cache if the content version moved since it was last
    /// compared (at most once per [`EDIT_CHECK_EVERY`]; other requests in
    /// the meantime do not wait).
    async fn follow_edits(&self) {
        let Some(watch) = &self.edits else {
            return;
        };
        let due = match watch.seen.lock() {
            Ok(mut seen) => {
                let due = seen.0.is_none_or(|at| at.elapsed() >= EDIT_CHECK_EVERY);
                if due {
                    seen.0 = Some(Instant::now());
                }
                due
            }
            Err(_) => false,
        };
        if !due {
            return;
        }
        match app::db::content_version::current(&watch.db).await {
            Ok(version) => {
                let moved = watch.seen.lock().is_ok_and(|mut seen| {
                    // The first reading moves nothing: the cache started empty.
                    let moved = seen.1.is_some_and(|before| before != version);
                    seen.1 = Some(version);
                    moved
                });
                if moved {
                    // An experiment may have started or stopped too: the
                    // next render reads which runs where, so it does not
                    // keep a page from before.
                    watch.db.forget_cached_reads();
                    self.clear();
                }
            }
            Err(error) => {
                // Unknown: keep nothing that might be stale.
                tracing::warn!(%error, "could not read the content version");
                self.clear();
            }
        }
    }

    /// After an edit on this server: stale here at once, and elsewhere
    /// within [`EDIT_CHECK_EVERY`].
    async fn edited(&self) {
        self.clear();
        if let Some(watch) = &self.edits {
            if let Err(error) = app::db::content_version::bump(&watch.db).await {
                tracing::warn!(%error, "could not move the content version on");
            }
        }
    }

    /// The kept page for `key`, or whose turn it is to render it. A page
    /// past its TTL is answered still, to everyone but the one request
    /// rendering its replacement, for at most twice the TTL; an edit
    /// empties the cache outright.
    fn lookup(&self, key: &str) -> Lookup {
        let Ok(mut entries) = self.inner.lock() else {
            return Lookup::Miss;
        };
        let rendering = entries.rendering.get(key).cloned();
        if let Some(cached) = entries.pages.get(key) {
            let age = cached.stored_at.elapsed();
            if age < self.ttl || (rendering.is_some() && age < self.ttl * 2) {
                return Lookup::Answer(cached.clone());
            }
        }
        if let Some(receiver) = rendering {
            return Lookup::Wait(receiver);
        }
        if entries
            .unkept
            .get(key)
            .is_some_and(|at| at.elapsed() < self.ttl)
        {
            return Lookup::Miss;
        }
        let (done, receiver) = watch::channel(());
        entries.rendering.insert(key.to_string(), receiver);
        Lookup::Render(RenderTurn {
            cache: self.clone(),
            key: key.to_string(),
            _done: done,
        })
    }

    /// A render of `key` could not be kept: the next ones do not wait.
    fn not_kept(&self, key: &str) {
        if let Ok(mut entries) = self.inner.lock() {
            if entries.unkept.len() >= MAX_UNKEPT {
                entries.unkept.clear();
            }
            entries.unkept.insert(key.to_string(), Instant::now());
        }
    }

    /// Keeps a page rendered in `generation`, unless the cache was
    /// emptied since (an edit landed during the render).
    fn put(&self, key: String, cached: Arc<Cached>, generation: u64) {
        let Ok(mut entries) = self.inner.lock() else {
            return;
        };
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        let size = cached.body.len();
        if size > self.budget_bytes {
            return;
        }
        if let Some(old) = entries.pages.remove(&key) {
            entries.bytes -= old.body.len();
        }
        if entries.bytes + size > self.budget_bytes {
            let ttl = self.ttl;
            entries.pages.retain(|_, c| c.stored_at.elapsed() < ttl);
            entries.bytes = entries.pages.values().map(|c| c.body.len()).sum();
        }
        while entries.bytes + size > self.budget_bytes {
            let Some(oldest) = entries
                .pages
                .iter()
                .min_by_key(|(_, c)| c.stored_at)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = entries.pages.remove(&oldest) {
                entries.bytes -= gone.body.len();
            }
        }
        entries.bytes += size;
        entries.unkept.remove(&key);
        entries.pages.insert(key, cached);
    }

    fn clear(&self) {
        if let Ok(mut entries) = self.inner.lock() {
            self.generation.fetch_add(1, Ordering::AcqRel);
            entries.pages.clear();
            entries.bytes = 0;
        }
    }
}

/// Whether anonymous visitors all get the same page at `path`.
pub fn is_cacheable_path(path: &str) -> bool {
    matches!(path, "/" | "/case-studies" | "/consultants" | "/privacy")
        || counted_page(path).is_some()
        || one_segment_after(path, "/consultants/").is_some()
}

/// A page whose views are counted: one served from memory still counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountedPage {
    CaseStudy(String),
    Landing(String),
}

/// The counted page at `path`, if it is one.
pub fn counted_page(path: &str) -> Option<CountedPage> {
    one_segment_after(path, "/case-studies/")
        .map(|slug| CountedPage::CaseStudy(slug.to_string()))
        .or_else(|| {
            one_segment_after(path, "/landing/").map(|slug| CountedPage::Landing(slug.to_string()))
        })
}

fn one_segment_after<'p>(path: &'p str, prefix: &str) -> Option<&'p str> {
    path.strip_prefix(prefix)
        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
}

/// Whether a request changes what the back office manages (and so,
/// perhaps, a public page).
pub fn is_back_office_write(method: &Method, path: &str) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        && (path.starts_with("/admin") || path.starts_with("/api/admin/"))
}

/// The compressed form the response will take, as the compression layer
/// chooses it (brotli before gzip), so each form is kept apart.
pub fn encoding_class(accept_encoding: &str) -> &'static str {
    let offers = |name: &str| {
        accept_encoding.split(',').any(|part| {
            let mut pieces = part.trim().split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let refused = pieces.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if offers("br") {
        "br"
    } else if offers("gzip") {
        "gzip"
    } else {
        "identity"
    }
}

/// Parameters ad networks and mail tools add to links, one value per
/// click. Nothing in the app reads them, so a page renders the same with or
/// without them (the page-cache integration test checks a hit), and they do
/// not make a new cache entry: otherwise every ad click would be a render.
const CLICK_IDS: &[&str] = &[
    "gclid",
    "gbraid",
    "wbraid",
    "dclid",
    "fbclid",
    "msclkid",
    "yclid",
    "ttclid",
    "twclid",
    "li_fat_id",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
];

/// The cache's key for a request: its response's encoding, path and query,
/// less click ids.
pub fn cache_key(encoding: &str, path: &str, query: Option<&str>) -> String {
    let mut key = format!("{encoding} {path}");
    let kept = query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            !CLICK_IDS.contains(&name)
        });
    for (i, pair) in kept.enumerate() {
        key.push(if i == 0 { '?' } else { '&' });
        key.push_str(pair);
    }
    key
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
pub fn matches_etag(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

fn has_session(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| {
            cookies.split(';').any(|c| {
                c.trim()
                    .strip_prefix(app::auth::session_token::COOKIE_NAME)
                    .is_some_and(|rest| rest.starts_with('='))
            })
        })
}

/// Whether every cookie the response sets is the visitor cookie (a new
/// visitor's id, which the page itself does not depend on).
fn sets_only_the_visitor_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::SET_COOKIE).iter().all(|value| {
        value.to_str().is_ok_and(|v| {
            v.strip_prefix(app::services::context::VISITOR_COOKIE)
                .is_some_and(|rest| rest.starts_with('='))
        })
    })
}

/// Whether a response differs per visitor (a page under test, a visitor's
/// own form state): it says `Vary: Cookie` (`api::context::
/// mark_personalised`), or `private`. The `Vary` is what counts: a page that
/// also sets a cookie has its `Cache-Control` turned into `no-store` by the
/// security headers, which drops the `private`.
fn is_personal(headers: &HeaderMap) -> bool {
    let varies_by_cookie = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|name| name.trim().eq_ignore_ascii_case("cookie") || name.trim() == "*")
        })
    });
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("private"));
    varies_by_cookie || private
}

fn answer(cached: &Cached, if_none_match: Option<&HeaderValue>, head: bool) -> Response {
    let not_modified = if_none_match
        .and_then(|v| v.to_str().ok())
        .zip(cached.etag.to_str().ok())
        .is_some_and(|(given, etag)| matches_etag(given, etag));
    let body = if not_modified || head {
        Body::empty()
    } else {
        Body::from(cached.body.clone())
    };
    let mut response = Response::new(body);
    *response.headers_mut() = cached.headers.clone();
    if not_modified {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response.headers_mut().remove(header::CONTENT_LENGTH);
    }
    response
        .headers_mut()
        .insert("x-ce-cache", HeaderValue::from_static("hit"));
    response
}

pub async fn serve_from_cache(
    State(shared): State<Arc<(PageCache, app::state::AppState)>>,
    request: Request,
    next: Next,
) -> Response {
    // One reference count per request, not a copy of the state.
    let (cache, app) = &*shared;
    let method = request.method();
    let path = request.uri().path();
    if is_back_office_write(method, path) {
        let response = next.run(request).await;
        if response.status().is_success() || response.status().is_redirection() {
            cache.edited().await;
        }
        return response;
    }
    let eligible = cache.ttl > Duration::ZERO
        && matches!(*method, Method::GET | Method::HEAD)
        && is_cacheable_path(path)
        && !has_session(request.headers());
    if !eligible {
        return next.run(request).await;
    }
    let encoding = encoding_class(
        request
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    );
    let key = cache_key(encoding, path, request.uri().query());
    let head = method == Method::HEAD;
    cache.follow_edits().await;
    let mut turn = None;
    for attempt in 0..3 {
        match cache.lookup(&key) {
            Lookup::Answer(cached) => {
                let (parts, _) = request.into_parts();
                let mut response = answer(&cached, parts.headers.get(header::IF_NONE_MATCH), head);
                // The layers inside were skipped: what they owe this view.
                crate::middleware::after_cache_hit(app, &parts, &mut response).await;
                return response;
            }
            // A HEAD request's render is never kept.
            Lookup::Render(render) if !head => {
                turn = Some(render);
                break;
            }
            Lookup::Wait(mut receiver) if attempt < 2 => {
                let _ = tokio::time::timeout(WAIT_FOR_RENDER, receiver.changed()).await;
            }
            _ => break,
        }
    }
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let generation = cache.generation.load(Ordering::Acquire);
    let response = next.run(request).await;
    let storable = response.status() == StatusCode::OK
        && sets_only_the_visitor_cookie(response.headers())
        && !is_personal(response.headers())
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !storable || head {
        if !storable {
            cache.not_kept(&key);
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        // Too big to keep, or the body failed: the client gets an error
        // rather than half a page.
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::empty())
            .unwrap_or_default();
    };
    let digest = Sha256::digest(&bytes);
    let etag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    let etag = HeaderValue::from_str(&format!("\"{etag}\"")).expect("hex is a valid header");
    parts.headers.insert(header::ETAG, etag.clone());
    // Browsers may keep it, but ask each time (a 304 when unchanged).
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    parts.headers.remove(header::CONTENT_LENGTH);
    // The new visitor's cookie is theirs: sent to them, never kept.
    let cookies: Vec<HeaderValue> = parts
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    parts.headers.remove(header::SET_COOKIE);
    let cached = Arc::new(Cached {
        stored_at: Instant::now(),
        etag,
        headers: parts.headers,
        body: bytes,
    });
    cache.put(key, cached.clone(), generation);
    drop(turn);
    let mut response = answer(&cached, if_none_match.as_ref(), false);
    if !cookies.is_empty() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        for cookie in cookies {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    response
        .headers_mut()
        .insert("x-ce-cache", HeaderValue::from_static("miss"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_everyone_sees_alike_are_kept() {
        for path in [
            "/",
            "/case-studies",
            "/consultants",
            "/consultants/abc",
            "/privacy",
        ] {
            assert!(is_cacheable_path(path), "{path}");
        }
        assert_eq!(
            counted_page("/case-studies/a-study"),
            Some(CountedPage::CaseStudy("a-study".into()))
        );
        assert_eq!(
            counted_page("/landing/spring-offer"),
            Some(CountedPage::Landing("spring-offer".into()))
        );
        for path in ["/case-studies/a-study", "/landing/spring-offer"] {
            assert!(is_cacheable_path(path), "{path}");
        }
        for path in [
            "/case-studies/a-study/edit",
            "/landing/",
            "/landing/a/b",
            "/roi-calculator",
            "/contact",
            "/login",
            "/admin",
            "/consultants/abc/edit",
            "/api/v1/case-studies",
            "/thanks/x",
        ] {
            assert!(!is_cacheable_path(path), "{path}");
        }
    }

    #[test]
    fn back_office_writes_empty_the_cache() {
        assert!(is_back_office_write(
            &Method::POST,
            "/api/admin/case-studies/publish"
        ));
        assert!(is_back_office_write(&Method::POST, "/admin/media"));
        assert!(!is_back_office_write(&Method::GET, "/admin"));
        assert!(!is_back_office_write(&Method::POST, "/api/v1/leads"));
    }

    #[test]
    fn the_encoding_follows_what_the_client_offers() {
        assert_eq!(encoding_class("gzip, deflate, br"), "br");
        assert_eq!(encoding_class("gzip"), "gzip");
        assert_eq!(encoding_class("br;q=0, gzip"), "gzip");
        assert_eq!(encoding_class(""), "identity");
        assert_eq!(encoding_class("identity"), "identity");
    }

    #[test]
    fn click_ids_make_no_new_entry() {
        assert_eq!(cache_key("br", "/landing/a", None), "br /landing/a");
        assert_eq!(
            cache_key("br", "/landing/a", Some("gclid=x&fbclid=y")),
            "br /landing/a"
        );
        assert_eq!(
            cache_key(
                "gzip",
                "/case-studies",
                Some("industry=retail&gclid=x&page=2")
            ),
            "gzip /case-studies?industry=retail&page=2"
        );
        // Campaign parameters stay: they decide what a landing page shows.
        assert_eq!(
            cache_key("identity", "/landing/a", Some("utm_source=news&msclkid=1")),
            "identity /landing/a?utm_source=news"
        );
        // A name that only starts like one is not one.
        assert_eq!(
            cache_key("identity", "/", Some("gclidx=1")),
            "identity /?gclidx=1"
        );
    }

    #[test]
    fn etags_match_as_http_says() {
        assert!(matches_etag("\"abc\"", "\"abc\""));
        assert!(matches_etag("W/\"abc\", \"def\"", "\"abc\""));
        assert!(matches_etag("*", "\"abc\""));
        assert!(!matches_etag("\"abd\"", "\"abc\""));
    }

    impl PageCache {
        fn holds(&self, key: &str) -> bool {
            self.inner.lock().unwrap().pages.contains_key(key)
        }
    }

    #[test]
    fn the_budget_bounds_what_is_kept() {
        let cache = PageCache::new(Duration::from_secs(60), 100);
        let page = |n: usize| Cached {
            stored_at: Instant::now(),
            etag: HeaderValue::from_static("\"x\""),
            headers: HeaderMap::new(),
            body: axum::body::Bytes::from(vec![b'a'; n]),
        };
        cache.put("a".into(), Arc::new(page(60)), 0);
        cache.put("b".into(), Arc::new(page(30)), 0);
        cache.put("c".into(), Arc::new(page(30)), 0);
        let entries = cache.inner.lock().unwrap();
        assert!(entries.bytes <= 100);
        assert!(!entries.pages.contains_key("a"), "the oldest went");
        drop(entries);
        cache.put("huge".into(), Arc::new(page(101)), 0);
        assert!(!cache.holds("huge"), "bigger than the budget: not kept");
    }

    #[test]
    fn a_page_rendered_before_an_edit_is_not_kept() {
        let cache = PageCache::new(Duration::from_secs(60), 1_000);
        let page = || Cached {
            stored_at: Instant::now(),
            etag: HeaderValue::from_static("\"x\""),
            headers: HeaderMap::new(),
            body: axum::body::Bytes::from_static(b"old"),
        };
        let began = cache.generation.load(Ordering::Acquire);
        cache.clear(); // an edit lands while the page renders
        cache.put("page".into(), Arc::new(page()), began);
        assert!(!cache.holds("page"), "rendered from before the edit");
        let now = cache.generation.load(Ordering::Acquire);
        cache.put("page".into(), Arc::new(page()), now);
        assert!(matches!(cache.lookup("page"), Lookup::Answer(_)));
    }

    #[test]
    fn an_expired_page_is_rendered_again_by_one_request_while_others_get_it() {
        let ttl = Duration::from_secs(10);
        let cache = PageCache::new(ttl, 1_000);
        let aged = |age: Duration| {
            Arc::new(Cached {
                stored_at: Instant::now() - age,
                etag: HeaderValue::from_static("\"x\""),
                headers: HeaderMap::new(),
                body: axum::body::Bytes::from_static(b"page"),
            })
        };
        cache.put("page".into(), aged(Duration::from_secs(1)), 0);
        assert!(matches!(cache.lookup("page"), Lookup::Answer(_)));
        cache.put("page".into(), aged(Duration::from_secs(11)), 0);
        let Lookup::Render(turn) = cache.lookup("page") else {
            panic!("the first request past the TTL renders it again");
        };
        for _ in 0..3 {
            assert!(
                matches!(cache.lookup("page"), Lookup::Answer(_)),
                "the others get the kept page meanwhile"
            );
        }
        // That render failed or was not kept: the next request tries.
        drop(turn);
        let Lookup::Render(turn) = cache.lookup("page") else {
            panic!("a new turn");
        };
        // Kept: fresh for everyone.
        cache.put("page".into(), aged(Duration::ZERO), 0);
        drop(turn);
        assert!(matches!(cache.lookup("page"), Lookup::Answer(_)));
        // Never more than twice the TTL old: then the others wait.
        cache.put("page".into(), aged(Duration::from_secs(21)), 0);
        let _turn = cache.lookup("page");
        assert!(matches!(cache.lookup("page"), Lookup::Wait(_)));
    }

    #[tokio::test]
    async fn requests_for_a_page_being_rendered_wait_for_that_render() {
        let cache = PageCache::new(Duration::from_secs(10), 1_000);
        let Lookup::Render(turn) = cache.lookup("page") else {
            panic!("the first request renders");
        };
        let Lookup::Wait(mut waiting) = cache.lookup("page") else {
            panic!("the second waits");
        };
        let page = Arc::new(Cached {
            stored_at: Instant::now(),
            etag: HeaderValue::from_static("\"x\""),
            headers: HeaderMap::new(),
            body: axum::body::Bytes::from_static(b"page"),
        });
        cache.put("page".into(), page, 0);
        drop(turn);
        assert!(
            waiting.changed().await.is_err(),
            "woken: the render is done"
        );
        assert!(matches!(cache.lookup("page"), Lookup::Answer(_)));

        // A page whose render is not kept: nobody waits on it for a TTL.
        let Lookup::Render(turn) = cache.lookup("personal") else {
            panic!("the first request renders");
        };
        cache.not_kept("personal");
        drop(turn);
        assert!(matches!(cache.lookup("personal"), Lookup::Miss));
        assert!(matches!(cache.lookup("personal"), Lookup::Miss));
    }

    #[test]
    fn a_page_that_varies_by_visitor_is_personal() {
        let mut headers = HeaderMap::new();
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        assert!(!is_personal(&headers));
        // A page under test for a new visitor: its cookie turned the
        // Cache-Control into no-store, the Vary remains.
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert!(is_personal(&headers));
        let mut private = HeaderMap::new();
        private.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        assert!(is_personal(&private));
    }

    #[test]
    fn only_the_visitor_cookie_may_be_set_by_a_kept_page() {
        let mut headers = HeaderMap::new();
        assert!(sets_only_the_visitor_cookie(&headers));
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_static("ce_vid=abc; Path=/; HttpOnly"),
        );
        assert!(sets_only_the_visitor_cookie(&headers));
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_static("ce_session=abc; Path=/; HttpOnly"),
        );
        assert!(!sets_only_the_visitor_cookie(&headers));
        let mut lookalike = HeaderMap::new();
        lookalike.append(header::SET_COOKIE, HeaderValue::from_static("ce_vidx=1"));
        assert!(!sets_only_the_visitor_cookie(&lookalike));
    }
}
