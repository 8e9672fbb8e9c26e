//! A bounded fuzz run of every public endpoint: no input, from anyone, may
//! get a 5xx (or no answer at all).
//!
//! Every server function (listed at run time from the registered ones, so a
//! new one is covered without touching this file), every REST route, every
//! page (from the app's route list) and the other plain routes get
//! `CE_FUZZ_CASES` (default 30) generated requests each, spread over an
//! anonymous visitor and a logged-in admin, marketer and consultant: missing
//! and extra fields, wrong types, huge and negative numbers, long strings (up
//! to 100 KB), unicode, control characters, SQL- and HTML-ish text,
//! truncated JSON, wrong or no content types, empty bodies, deep nesting.
//!
//! The random generator is seeded: the seed is printed, and
//! `CE_FUZZ_SEED=<seed>` repeats a run. A failure lists each offending
//! request and response. CI runs it with the other integration tests at the
//! default budget (about 10-20 s a database); for a deeper run:
//! `CE_FUZZ_CASES=400 cargo test -p server --test integration fuzz -- --nocapture`.
use crate::bad_input::lead;
use crate::common;
use crate::roi::estimate_request;
use app::domain::role::Role;
use common::{client, TestApp};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};
use std::time::Instant;

on_both_backends!(no_generated_input_gets_a_server_error);

const DEFAULT_CASES: usize = 30;

fn cases_per_endpoint() -> usize {
    std::env::var("CE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn run_seed() -> u64 {
    std::env::var("CE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(rand::random)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Admin,
    Marketer,
    Consultant,
}

const EVERYONE: [Who; 4] = [Who::Anonymous, Who::Admin, Who::Marketer, Who::Consultant];

/// How an endpoint takes its input.
#[derive(Debug, Clone)]
enum Input {
    /// A server function: a URL-encoded form or JSON holding `args`.
    ServerFn { json: bool, args: Value },
    /// A REST route taking a JSON body.
    JsonBody(Value),
    /// A GET with query parameters (pages and REST lists).
    Query(&'static [&'static str]),
    /// The upload route: multipart.
    Upload,
}

#[derive(Debug, Clone)]
struct Endpoint {
    /// The path, with `{name}` for path parameters.
    path: String,
    input: Input,
    who: &'static [Who],
}

/// Real values for path parameters and arguments, so some requests get past
/// the lookups to the code behind them.
struct Known {
    slug: String,
    case_study_id: String,
    consultant_id: String,
    lead_id: String,
    calculation_id: String,
}

impl Known {
    fn for_path(&self, path: &str, name: &str) -> String {
        let value = if name == "slug" {
            &self.slug
        } else if path.contains("case-studies") {
            &self.case_study_id
        } else if path.contains("consultants") {
            &self.consultant_id
        } else if path.contains("roi-calculator") {
            &self.calculation_id
        } else {
            &self.lead_id
        };
        value.clone()
    }
}

const GALLERY_PARAMS: &[&str] = &[
    "industry",
    "experiment_type",
    "roi_min",
    "roi_max",
    "company_size",
    "featured_only",
    "featured_first",
    "sort_by",
    "limit",
    "offset",
    "page",
    "utm_source",
];
const CONSULTANT_PARAMS: &[&str] = &[
    "industry",
    "specialization",
    "available_only",
    "min_experience_years",
    "min_satisfaction_score",
];
const LEAD_LIST_PARAMS: &[&str] = &["tier", "status", "source", "industry", "mine", "sort"];
/// Every query parameter some page reads.
const PAGE_PARAMS: &[&str] = &[
    "industry",
    "experiment_type",
    "roi_min",
    "roi_max",
    "company_size",
    "featured_only",
    "featured_first",
    "sort_by",
    "limit",
    "offset",
    "page",
    "specialization",
    "available_only",
    "min_experience_years",
    "min_satisfaction_score",
    "tier",
    "status",
    "source",
    "mine",
    "sort",
    "next",
    "error",
    "logged_out",
    "draft",
    "check",
    "problem",
    "annual_revenue",
    "locations",
    "challenge",
    "current_solutions",
    "revenue",
    "lift",
    "source_detail",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "preview_industry",
    "preview_challenge",
];

/// Arguments of each server function, with plausible values, by path. Taken
/// from the `#[server]` signatures in `app/src/api`; a server function
/// missing here is still fuzzed, with generated arguments.
fn server_fn_args(path: &str, known: &Known) -> Option<(bool, Value)> {
    use app::domain::{
        case_study_form::CaseStudyInput, consultant_form::ConsultantInput, lead_form::LeadForm,
        lead_query::LeadQuery, lead_score::ScoringForm, new_consultant::NewConsultantInput,
    };
    fn to<T: serde::Serialize>(value: &T) -> Value {
        serde_json::to_value(value).expect("serialisable")
    }
    let roi_form = json!({
        "industry": "4791", "annual_revenue": "20000000", "locations": "3",
        "company_size": "mid_market", "challenge": "conversion",
        "current_solutions": ["web_analytics"],
    });
    let mut lead_form = to(&LeadForm::default());
    for (field, value) in [
        ("email", "ana@acme-retail.example"),
        ("first_name", "Ana"),
        ("company_name", "Acme"),
        ("industry", "4791"),
        ("annual_revenue_range", "10m_50m"),
        ("company_size_range", "200-1000"),
        ("primary_challenge", "conversion"),
        ("timeline", "1-3_months"),
        ("decision_making_authority", "decision_maker"),
        ("source", "contact_page"),
    ] {
        lead_form[field] = json!(value);
    }
    let gallery = json!({
        "industry": null, "experiment_type": null, "roi_min": null, "roi_max": null,
        "company_size": null, "featured_only": false, "featured_first": false,
        "sort_by": "recent", "limit": 12, "offset": 0,
    });
    let (json, args) = match path.trim_start_matches("/api/") {
        "auth/me" => (false, json!({})),
        "auth/login" => (
            false,
            json!({ "email": "someone@example.com", "password": "not-the-password", "next": "/admin" }),
        ),
        "auth/logout" => (false, json!({})),
        "auth/change-password" => (
            false,
            json!({ "current_password": "wrong", "new_password": "N3w-Passw0rd-long", "confirm_password": "N3w-Passw0rd-long" }),
        ),
        "showcase/gallery" => (true, json!({ "query": gallery })),
        "showcase/case-study" => (false, json!({ "slug": known.slug })),
        "showcase/consultants" => (
            true,
            json!({ "query": to(&app::domain::consultant_query::ConsultantQuery::default()) }),
        ),
        "showcase/consultant" => (false, json!({ "id": known.consultant_id })),
        "leads/form" => (true, json!({ "prefill": lead_form, "draft": null })),
        "leads/capture" => (
            false,
            json!({ "input": lead_form, "return_to": "/contact" }),
        ),
        "leads/thanks" => (false, json!({ "lead_id": known.lead_id })),
        "roi/calculator" => (true, json!({ "form": roi_form, "check": true })),
        "roi/save" => (false, json!({ "input": roi_form })),
        "roi/result" => (false, json!({ "id": known.calculation_id, "draft": null })),
        "admin/case-studies/list" | "admin/consultants/overview" | "admin/users/list" => {
            (false, json!({}))
        }
        "admin/case-studies/editor" => (false, json!({ "id": known.case_study_id })),
        "admin/case-studies/save" => (
            false,
            json!({ "id": known.case_study_id, "input": to(&CaseStudyInput::default()) }),
        ),
        "admin/case-studies/publish" => (
            false,
            json!({ "id": known.case_study_id, "published": true }),
        ),
        "admin/case-studies/feature" => (
            false,
            json!({ "id": known.case_study_id, "featured": true }),
        ),
        "admin/case-studies/delete" => (false, json!({ "id": "no-such-id" })),
        "admin/consultants/editor" => (false, json!({ "id": known.consultant_id })),
        "admin/consultants/save" => (
            false,
            json!({ "id": known.consultant_id, "input": to(&ConsultantInput::default()) }),
        ),
        "admin/consultants/create" => (
            false,
            json!({ "input": to(&NewConsultantInput::default()) }),
        ),
        "admin/consultants/active" => (false, json!({ "id": known.consultant_id, "active": true })),
        "admin/consultants/delete" => (false, json!({ "id": "no-such-id" })),
        "admin/consultants/link" => (
            false,
            json!({ "id": known.consultant_id, "user_id": "no-such-user" }),
        ),
        "admin/settings/leads" => (
            false,
            json!({ "preview_industry": "4791", "preview_challenge": "conversion" }),
        ),
        "admin/settings/scoring" => (false, json!({ "input": to(&ScoringForm::default()) })),
        "admin/leads/list" => (true, json!({ "query": to(&LeadQuery::default()) })),
        "admin/leads/detail" => (false, json!({ "id": known.lead_id })),
        "admin/leads/status" => (
            false,
            json!({ "id": known.lead_id, "status": "contacted", "note": "Called." }),
        ),
        "admin/leads/note" => (false, json!({ "id": known.lead_id, "note": "A note." })),
        "admin/leads/values" => (
            false,
            json!({ "id": known.lead_id, "estimated_value": "50000", "actual_value": "" }),
        ),
        "admin/leads/reassign" => (
            false,
            json!({ "id": known.lead_id, "consultant_id": known.consultant_id }),
        ),
        "admin/users/create" => (
            false,
            json!({ "email": "new@example.com", "display_name": "New", "role": "marketer" }),
        ),
        "admin/users/role" => (false, json!({ "id": "no-such-user", "role": "admin" })),
        "admin/users/password-link" => (false, json!({ "id": "no-such-user" })),
        "auth/forgot-password" => (false, json!({ "email": "someone@example.com" })),
        "auth/password-link" => (false, json!({ "token": "x".repeat(43) })),
        "auth/set-password" => (
            false,
            json!({ "token": "x".repeat(43), "new_password": "N3w-Passw0rd-long", "confirm_password": "N3w-Passw0rd-long" }),
        ),
        "admin/jobs/list" => (false, json!({ "state": "dead" })),
        "admin/jobs/retry" | "admin/jobs/cancel" => (false, json!({ "id": "no-such-job" })),
        "admin/users/active" => (false, json!({ "id": "no-such-user", "active": false })),
        _ => return None,
    };
    Some((json, args))
}

fn endpoints(known: &Known) -> Vec<Endpoint> {
    let mut endpoints = Vec::new();
    // Server functions, as registered.
    let mut server_fns: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    server_fns.sort();
    server_fns.dedup();
    assert!(
        server_fns.len() >= 30,
        "server functions are registered: {server_fns:?}"
    );
    for path in server_fns {
        let (json, args) = server_fn_args(&path, known).unwrap_or_else(|| {
            // A URL-encoded form (the default codec) of common argument names.
            eprintln!("fuzz: no argument hints for {path}; generating them");
            (false, json!({ "id": "x", "input": {} }))
        });
        // Logging out would end the role sessions the other cases use.
        let who: &'static [Who] = if path == "/api/auth/logout" {
            &[Who::Anonymous]
        } else {
            &EVERYONE
        };
        endpoints.push(Endpoint {
            path,
            input: Input::ServerFn { json, args },
            who,
        });
    }
    // The REST API (server/src/rest/) and the
    // other plain routes (server/src/startup.rs).
    let get = |path: &str, params: &'static [&'static str]| Endpoint {
        path: path.to_string(),
        input: Input::Query(params),
        who: &EVERYONE,
    };
    endpoints.extend([
        get("/api/v1/case-studies", GALLERY_PARAMS),
        get("/api/v1/case-studies/{slug}", &[]),
        get("/api/v1/consultants", CONSULTANT_PARAMS),
        get("/api/v1/consultants/{id}", &[]),
        get("/api/v1/leads/{id}/consultant-match", &[]),
        get("/admin/leads/export.csv", LEAD_LIST_PARAMS),
        get("/health", &[]),
        get("/ready", &[]),
        get("/sitemap.xml", &[]),
        get("/robots.txt", &[]),
        get("/media/{path}", &[]),
        Endpoint {
            path: "/api/v1/roi-calculator/estimate".into(),
            input: Input::JsonBody(estimate_request()),
            who: &EVERYONE,
        },
        Endpoint {
            path: "/api/v1/leads".into(),
            input: Input::JsonBody(lead("fuzz@example.com")),
            who: &EVERYONE,
        },
        Endpoint {
            path: "/admin/media".into(),
            input: Input::Upload,
            who: &EVERYONE,
        },
    ]);
    // Pages, from the app's own route list.
    let mut pages: Vec<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|route| route.path().to_string())
        .filter(|path| !path.starts_with("/api/"))
        .collect();
    pages.sort();
    pages.dedup();
    assert!(pages.len() >= 15, "pages are listed: {pages:?}");
    for path in pages {
        endpoints.push(Endpoint {
            path,
            input: Input::Query(PAGE_PARAMS),
            who: &EVERYONE,
        });
    }
    endpoints
}

// ---------------------------------------------------------------------------
// Generated values

const WORDS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1",
    "-0",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "-inf",
    "0x10",
    "99999999999999999999999999",
    "-9223372036854775808",
    "9223372036854775807",
    "18446744073709551616",
    "3.4028235e38",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "on",
    "' OR '1'='1",
    "'; DROP TABLE users; --",
    "\" OR \"\"=\"",
    "1; SELECT pg_sleep(10)",
    "%",
    "_",
    "%_%",
    "\\",
    "\\u0000",
    "\\\\u0000",
    "<script>alert(1)</script>",
    "</title><svg onload=alert(1)>",
    "\"><img src=x onerror=alert(1)>",
    "<!--",
    "]]>",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "=HYPERLINK(\"http://x\")",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "/",
    "//evil.example/",
    "http://evil.example/",
    "javascript:alert(1)",
    "ünïcødé",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉👩‍💻",
    "\u{202e}evil",
    "\u{feff}",
    "\u{fffd}",
    "\u{0}",
    "a\u{0}b",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\r\n\t",
    "a@b",
    "someone@example.com",
    "admin",
    "marketer",
    "consultant",
    "Tier_1",
    "contacted",
    "ab_test",
    "roi_desc",
    "mid_market",
    "enterprise",
    "conversion",
    "pricing",
    "4791",
    "5914",
    "10m_50m",
    "1-3_months",
    "decision_maker",
    "roi_calculator",
    "/contact",
    "/admin",
];

fn long_string(rng: &mut StdRng) -> String {
    let len = *[300usize, 4_096, 65_536, 100_000].choose(rng).unwrap();
    // Random text does not compress: a long value in an indexed column
    // overflows PostgreSQL's index rows, where a repeated one would not.
    if rng.gen_bool(0.5) {
        return (0..len)
            .map(|_| char::from(rng.gen_range(b'!'..=b'~')))
            .collect();
    }
    let unit = *["a", "é", "🎉", "' OR 1=1 -- ", "<b>", "%", "\\"]
        .choose(rng)
        .unwrap();
    let mut s = unit.repeat(len / unit.len() + 1);
    while s.len() > len {
        s.pop();
    }
    s
}

fn random_text(rng: &mut StdRng) -> String {
    let len = rng.gen_range(0..40);
    (0..len)
        .map(|_| match rng.gen_range(0..4) {
            0 => rng.gen::<char>(),
            1 => char::from(rng.gen_range(0u8..0x80)),
            _ => char::from(rng.gen_range(b'a'..=b'z')),
        })
        .collect()
}

fn nasty_string(rng: &mut StdRng) -> String {
    match rng.gen_range(0..10) {
        0 => long_string(rng),
        1 | 2 => random_text(rng),
        _ => WORDS.choose(rng).unwrap().to_string(),
    }
}

fn deep(depth: usize, array: bool) -> String {
    if array {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    } else {
        format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
    }
}

fn nasty_value(rng: &mut StdRng, depth: usize) -> Value {
    match rng.gen_range(0..14) {
        0..=5 => Value::String(nasty_string(rng)),
        6 => json!(*[-1i64, 0, 1, i64::MAX, i64::MIN, 86_400_000_000_000]
            .choose(rng)
            .unwrap()),
        7 => json!(*[u64::MAX, 1 << 53].choose(rng).unwrap()),
        8 => json!(*[1e308, -1e308, 0.5, -0.0, 1e-300, -3.75]
            .choose(rng)
            .unwrap()),
        9 => json!(rng.gen::<bool>()),
        10 => Value::Null,
        11 if depth < 3 => Value::Array(
            (0..rng.gen_range(0..4))
                .map(|_| nasty_value(rng, depth + 1))
                .collect(),
        ),
        12 if depth < 3 => {
            let mut map = Map::new();
            for _ in 0..rng.gen_range(0..4) {
                map.insert(nasty_string(rng), nasty_value(rng, depth + 1));
            }
            Value::Object(map)
        }
        _ => Value::String(long_string(rng)),
    }
}

/// Paths to every value inside `v` (object keys and array indices).
fn leaf_paths(v: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let mut p = prefix.clone();
                p.push(k.clone());
                out.push(p.clone());
                leaf_paths(x, p, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(i.to_string());
                out.push(p.clone());
                leaf_paths(x, p, out);
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, key| match v {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

fn mutate(rng: &mut StdRng, args: &Value) -> Value {
    let mut v = args.clone();
    let mut paths = Vec::new();
    leaf_paths(&v, Vec::new(), &mut paths);
    let rounds = rng.gen_range(1..=3);
    for _ in 0..rounds {
        match rng.gen_range(0..6) {
            // Replace a value (often with one of another type).
            0..=2 if !paths.is_empty() => {
                let path = paths.choose(rng).unwrap().clone();
                let new = nasty_value(rng, 1);
                if let Some(slot) = at_mut(&mut v, &path) {
                    *slot = new;
                }
            }
            // Remove a field.
            3 if !paths.is_empty() => {
                let path = paths.choose(rng).unwrap().clone();
                let (last, parent) = path.split_last().unwrap();
                if let Some(Value::Object(map)) = at_mut(&mut v, parent) {
                    map.remove(last);
                }
            }
            // Add a field.
            4 => {
                let key = if rng.gen() {
                    nasty_string(rng)
                } else {
                    "unexpected".to_string()
                };
                let value = nasty_value(rng, 1);
                if let Value::Object(map) = &mut v {
                    map.insert(key, value);
                }
            }
            // Every string at once.
            _ => {
                for path in &paths {
                    let new = nasty_string(rng);
                    if let Some(slot @ Value::String(_)) = at_mut(&mut v, path) {
                        *slot = Value::String(new);
                    }
                }
            }
        }
    }
    v
}

/// A body that is not what any decoder expects.
fn broken_body(rng: &mut StdRng, valid: &str) -> Vec<u8> {
    match rng.gen_range(0..9) {
        0 => Vec::new(),
        1 => valid.as_bytes()[..valid.len() / 2].to_vec(),
        2 => deep(rng.gen_range(100..3_000), rng.gen()).into_bytes(),
        3 => (0..rng.gen_range(1..200)).map(|_| rng.gen()).collect(),
        4 => long_string(rng).into_bytes(),
        5 => b"a[b][c][d][e][f][g][h]=1&a[]=2&=&&%zz=%".to_vec(),
        6 => format!("{valid}{valid}").into_bytes(),
        7 => valid.replace(':', ":1e999999,\"x\":").into_bytes(),
        _ => WORDS.choose(rng).unwrap().as_bytes().to_vec(),
    }
}

/// At most `max` bytes of `s` (on a character boundary).
fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// A value for a URL: URLs over 64 KB cannot even be sent (and servers
/// refuse far shorter ones), so long strings are cut to a few KB.
fn url_value(rng: &mut StdRng) -> String {
    percent_encode(&truncate(nasty_string(rng), 3_000))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A value as a URL-encoded form the way serde_qs reads it: nested objects
/// and arrays as `a[b][0]=…`, nulls left out.
fn form_encode(v: &Value) -> String {
    fn flatten(prefix: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}[{k}]")
                    };
                    flatten(&key, x, out);
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    flatten(&format!("{prefix}[{i}]"), x, out);
                }
            }
            Value::Null => {}
            Value::String(s) => {
                out.push(format!("{}={}", percent_encode(prefix), percent_encode(s)))
            }
            other => out.push(format!(
                "{}={}",
                percent_encode(prefix),
                percent_encode(&other.to_string())
            )),
        }
    }
    let mut parts = Vec::new();
    flatten("", v, &mut parts);
    parts.join("&")
}

/// A small, valid PNG of random size (the upload's happy path).
fn small_png(rng: &mut StdRng) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(
        rng.gen_range(1..64),
        rng.gen_range(1..64),
        image::Rgb([rng.gen(), rng.gen(), rng.gen()]),
    );
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("PNG encodes");
    png.into_inner()
}

fn random_ip(rng: &mut StdRng) -> String {
    format!(
        "10.{}.{}.{}",
        rng.gen_range(0..=255),
        rng.gen_range(0..=255),
        rng.gen_range(1..=254)
    )
}

// ---------------------------------------------------------------------------
// Requests

/// One generated request, kept so a failure can be shown.
struct Case {
    who: Who,
    method: reqwest::Method,
    path: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shorten = |s: &str, n: usize| -> String {
            if s.chars().count() > n {
                format!(
                    "{}… ({} bytes)",
                    s.chars().take(n).collect::<String>(),
                    s.len()
                )
            } else {
                s.to_string()
            }
        };
        writeln!(
            f,
            "  as {:?}: {} {}",
            self.who,
            self.method,
            shorten(&self.path, 400)
        )?;
        for (name, value) in &self.headers {
            writeln!(f, "  {name}: {value}")?;
        }
        write!(
            f,
            "  body: {:?}",
            shorten(&String::from_utf8_lossy(&self.body), 600)
        )
    }
}

fn fill_path(rng: &mut StdRng, template: &str, known: &Known) -> String {
    let mut path = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|e| start + e)
            .unwrap_or(rest.len() - 1);
        path.push_str(&rest[..start]);
        let name = &rest[start + 1..end];
        let value = if rng.gen_bool(0.4) {
            known.for_path(template, name)
        } else if name == "path" {
            [
                "portrait/x.webp",
                "../../etc/passwd",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e/%2e%2e/x",
                "profile/",
            ]
            .choose(rng)
            .unwrap()
            .to_string()
        } else {
            url_value(rng)
        };
        path.push_str(&value);
        rest = &rest[end + 1..];
    }
    path.push_str(rest);
    path
}

fn query_string(rng: &mut StdRng, params: &[&str]) -> String {
    let mut pairs = Vec::new();
    for _ in 0..rng.gen_range(0..=4) {
        let name = if !params.is_empty() && rng.gen_bool(0.85) {
            params.choose(rng).unwrap().to_string()
        } else {
            truncate(nasty_string(rng), 100)
        };
        let value = match rng.gen_range(0..10) {
            // Raw, possibly broken, escapes.
            0 => ["%", "%zz", "%C3%28", "%ff%fe", "%E2%82", "a+b", "%2500"]
                .choose(rng)
                .unwrap()
                .to_string(),
            _ => url_value(rng),
        };
        pairs.push(format!("{}={value}", percent_encode(&name)));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

fn generate(rng: &mut StdRng, endpoint: &Endpoint, known: &Known, who: Who, base: &str) -> Case {
    let mut headers: Vec<(&'static str, String)> = vec![("X-Forwarded-For", random_ip(rng))];
    // Most writes come from this site (else they stop at the cross-site check).
    match rng.gen_range(0..20) {
        0 => headers.push(("Origin", "http://evil.example".into())),
        1 => headers.push(("Origin", "null".into())),
        2 => {}
        _ => headers.push(("Origin", base.to_string())),
    }
    // Now and then forged cookies (the session and the visitor id).
    if rng.gen_bool(0.05) {
        let value = url_value(rng);
        let name = *["ce_session", "ce_vid"].choose(rng).unwrap();
        headers.push(("Cookie", format!("{name}={value}")));
    }
    match rng.gen_range(0..10) {
        0 => headers.push(("Accept", "text/html".into())),
        1 => {}
        _ => headers.push(("Accept", "application/json".into())),
    }
    let path = fill_path(rng, &endpoint.path, known);
    let (method, path, body, content_type) = match &endpoint.input {
        Input::ServerFn { json, args } => {
            let args = if rng.gen_bool(0.15) {
                args.clone()
            } else {
                mutate(rng, args)
            };
            // Now and then the other encoding, as a client that guessed wrong.
            let as_json = if rng.gen_bool(0.1) { !json } else { *json };
            let valid = if as_json {
                args.to_string()
            } else {
                form_encode(&args)
            };
            let body = if rng.gen_bool(0.2) {
                broken_body(rng, &valid)
            } else {
                valid.into_bytes()
            };
            let content_type = if as_json {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            };
            (reqwest::Method::POST, path, body, Some(content_type))
        }
        Input::JsonBody(seed) => {
            let valid = mutate(rng, seed).to_string();
            let body = if rng.gen_bool(0.25) {
                broken_body(rng, &valid)
            } else {
                valid.into_bytes()
            };
            (reqwest::Method::POST, path, body, Some("application/json"))
        }
        Input::Query(params) => {
            let method = if rng.gen_bool(0.05) {
                [
                    reqwest::Method::POST,
                    reqwest::Method::PUT,
                    reqwest::Method::DELETE,
                    reqwest::Method::HEAD,
                ]
                .choose(rng)
                .unwrap()
                .clone()
            } else {
                reqwest::Method::GET
            };
            let path = format!("{path}{}", query_string(rng, params));
            (method, path, Vec::new(), None)
        }
        Input::Upload => {
            let kind = if rng.gen_bool(0.7) {
                ["hero", "chart", "profile"]
                    .choose(rng)
                    .unwrap()
                    .to_string()
            } else {
                url_value(rng)
            };
            let file = match rng.gen_range(0..4) {
                0 => small_png(rng),
                1 => {
                    let mut png = small_png(rng);
                    png.truncate(png.len() / 2);
                    png
                }
                _ => nasty_string(rng).into_bytes(),
            };
            let mut body = format!(
                "--fuzzboundary\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                if rng.gen_bool(0.8) { "file" } else { "kind" },
                truncate(nasty_string(rng), 200).replace(['"', '\r', '\n'], ""),
                ["image/png", "image/jpeg", "text/html", ""].choose(rng).unwrap(),
            )
            .into_bytes();
            body.extend(file);
            if rng.gen_bool(0.8) {
                body.extend_from_slice(b"\r\n--fuzzboundary--\r\n");
            }
            if rng.gen_bool(0.2) {
                body = broken_body(rng, "--fuzzboundary\r\n");
            }
            (
                reqwest::Method::POST,
                format!("{path}?kind={kind}"),
                body,
                Some("multipart/form-data; boundary=fuzzboundary"),
            )
        }
    };
    // Now and then a wrong or missing content type.
    let content_type = match (content_type, rng.gen_range(0..12)) {
        (Some(_), 0) => Some("text/plain"),
        (Some(_), 1) => None,
        (Some(_), 2) => Some("application/xml"),
        (Some(_), 3) => Some("multipart/form-data"),
        (ct, _) => ct,
    };
    if let Some(ct) = content_type {
        headers.push(("Content-Type", ct.to_string()));
    }
    Case {
        who,
        method,
        path,
        headers,
        body,
    }
}

async fn send(
    app: &TestApp,
    session: &reqwest::Client,
    case: &Case,
) -> Result<(u16, String), String> {
    let mut request = session.request(case.method.clone(), app.url(&case.path));
    for (name, value) in &case.headers {
        request = request.header(*name, value);
    }
    if !case.body.is_empty() {
        request = request.body(case.body.clone());
    }
    let response = crate::common::send_retrying_silence(request)
        .await
        .map_err(|e| {
            format!(
                "no response ({})",
                truncate(e.without_url().to_string(), 300)
            )
        })?;
    let status = response.status().as_u16();
    let body = response.text().await.unwrap_or_default();
    Ok((status, body))
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

async fn no_generated_input_gets_a_server_error(app: TestApp) {
    let seed = run_seed();
    let cases = cases_per_endpoint();
    eprintln!(
        "fuzz ({:?}): seed {seed}, {cases} cases per endpoint (CE_FUZZ_SEED / CE_FUZZ_CASES)",
        app.backend
    );
    let started = Instant::now();
    app.seed_showcase().await;

    let (_, studies) = app.json("/api/v1/case-studies?limit=1").await;
    let (_, consultants) = app.json("/api/v1/consultants").await;
    let lead = client()
        .post(app.url("/api/v1/leads"))
        .header("X-Forwarded-For", "10.250.0.1")
        .header("Origin", app.base_url.as_str())
        .json(&lead("known@example.com"))
        .send()
        .await
        .unwrap();
    assert!(lead.status().is_success(), "a lead for the fuzzer");
    let lead: Value = lead.json().await.unwrap();
    let estimate = client()
        .post(app.url("/api/v1/roi-calculator/estimate"))
        .header("X-Forwarded-For", "10.250.0.2")
        .header("Origin", app.base_url.as_str())
        .json(&estimate_request())
        .send()
        .await
        .unwrap();
    let estimate: Value = estimate.json().await.unwrap();
    let text = |v: &Value| v.as_str().unwrap_or("missing").to_string();
    let known = Known {
        slug: text(&studies["case_studies"][0]["slug"]),
        case_study_id: text(&studies["case_studies"][0]["id"]),
        consultant_id: text(&consultants["consultants"][0]["id"]),
        lead_id: text(&lead["lead_id"]),
        calculation_id: text(&estimate["calculation_id"]),
    };

    let sessions = [
        (Who::Anonymous, client()),
        (Who::Admin, app.logged_in_as(Role::Admin).await),
        (Who::Marketer, app.logged_in_as(Role::Marketer).await),
        (Who::Consultant, app.logged_in_as(Role::Consultant).await),
    ];
    let endpoints = endpoints(&known);
    let mut failures = Vec::new();
    let mut sent = 0usize;
    let mut statuses = std::collections::BTreeMap::new();
    for endpoint in &endpoints {
        let mut rng = StdRng::seed_from_u64(seed ^ fnv(&endpoint.path));
        for i in 0..cases {
            let who = endpoint.who[i % endpoint.who.len()];
            let session = &sessions.iter().find(|(w, _)| *w == who).unwrap().1;
            let case = generate(&mut rng, endpoint, &known, who, &app.base_url);
            sent += 1;
            let outcome = send(&app, session, &case).await;
            if let Ok((status, _)) = &outcome {
                *statuses.entry(*status).or_insert(0usize) += 1;
            }
            match outcome {
                Ok((status, _)) if status < 500 => {}
                Ok((status, body)) => failures.push(format!(
                    "{status} for case {i} of {}:\n{case}\n  answer: {}",
                    endpoint.path,
                    body.chars().take(500).collect::<String>()
                )),
                Err(problem) => failures.push(format!(
                    "{problem} for case {i} of {}:\n{case}",
                    endpoint.path
                )),
            }
        }
    }
    eprintln!(
        "fuzz ({:?}): {sent} requests to {} endpoints in {:.1} s, {} failures; answers by status: {statuses:?}",
        app.backend,
        endpoints.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    const SHOWN: usize = 25;
    assert!(
        failures.is_empty(),
        "{} of {sent} generated requests got a server error (seed {seed}, rerun with \
         CE_FUZZ_SEED={seed}); the first {}:\n\n{}",
        failures.len(),
        failures.len().min(SHOWN),
        failures[..failures.len().min(SHOWN)].join("\n\n")
    );
}
