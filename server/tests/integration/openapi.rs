//! The OpenAPI document at `/api/v1/openapi.json` stays true: every
//! documented path and method answers, every documented status is produced
//! by a request below, and every property of a documented response body is
//! in the real response, with the documented type.
use crate::common::{client, Backend, TestApp};
use crate::leads::lead;
use crate::roi::{estimate_request, post_json};
use app::domain::role::Role;
use serde_json::{json, Value};
use std::collections::BTreeSet;

mod sqlite {
    #[tokio::test]
    async fn the_openapi_document_matches_the_handlers() {
        super::the_openapi_document_matches_the_handlers(
            super::with_bookings(super::Backend::Sqlite).await,
        )
        .await
    }
}
mod postgres {
    #[tokio::test]
    async fn the_openapi_document_matches_the_handlers() {
        super::the_openapi_document_matches_the_handlers(
            super::with_bookings(super::Backend::Postgres).await,
        )
        .await
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

const BOOKING_KEY: &str = "calendly-signing-key-for-openapi-0123";

/// A server that takes booking webhooks, so all of their answers can be seen.
async fn with_bookings(backend: Backend) -> TestApp {
    crate::common::spawn_app_with(backend, &[("CE_CALENDLY_SIGNING_KEY", BOOKING_KEY)]).await
}

/// Who sends a request.
#[derive(Clone, Copy)]
enum Who {
    Anyone,
    Admin,
    Marketer,
}

/// A request that should produce `status` from `method path`.
struct Case {
    path: &'static str,
    method: &'static str,
    status: u16,
    url: String,
    who: Who,
    body: Option<Body>,
    /// Sent from this address (rate limits are per address).
    address: &'static str,
    /// Sent this many times first, each answered 2xx (to reach a rate limit).
    warm_up: usize,
    /// A header to send besides (a webhook's signature).
    header: Option<(&'static str, String)>,
}

enum Body {
    Json(Value),
    Raw(&'static str),
    Text(String),
}

fn case(method: &'static str, path: &'static str, status: u16, url: impl Into<String>) -> Case {
    Case {
        path,
        method,
        status,
        url: url.into(),
        who: Who::Anyone,
        body: None,
        address: "10.9.0.1",
        warm_up: 0,
        header: None,
    }
}

impl Case {
    fn json(mut self, body: Value) -> Case {
        self.body = Some(Body::Json(body));
        self
    }
    fn raw(mut self, body: &'static str) -> Case {
        self.body = Some(Body::Raw(body));
        self
    }
    fn text(mut self, body: String) -> Case {
        self.body = Some(Body::Text(body));
        self
    }
    fn header(mut self, name: &'static str, value: String) -> Case {
        self.header = Some((name, value));
        self
    }
    fn by(mut self, who: Who) -> Case {
        self.who = who;
        self
    }
    fn from(mut self, address: &'static str, warm_up: usize) -> Case {
        self.address = address;
        self.warm_up = warm_up;
        self
    }
}

async fn the_openapi_document_matches_the_handlers(app: TestApp) {
    app.seed_showcase().await;
    let (status, doc) = app.json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");

    let (_, list) = app.json("/api/v1/case-studies?limit=1").await;
    let slug = list["case_studies"][0]["slug"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, consultants) = app.json("/api/v1/consultants").await;
    let consultant = consultants["consultants"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let created: Value = post_json(
        &app,
        "/api/v1/leads",
        &lead("openapi@acme.example"),
        "10.9.1.1",
    )
    .await
    .json()
    .await
    .unwrap();
    let lead_id = created["lead_id"].as_str().unwrap().to_string();

    let key = app::db::email_templates::signing_key(&app.db)
        .await
        .unwrap();
    let token = app::domain::email_sequence::unsubscribe_token(&key, &lead_id);
    let match_path = "/api/v1/leads/{id}/consultant-match";
    let booking = crate::bookings::calendly_body("invitee.created", "openapi@acme.example", "OA1");
    let junk = r#"{"event":"invitee.created"}"#;
    let signed = |body: &str| {
        app::domain::webhooks::signature_header(BOOKING_KEY, app::db::now_ms() / 1000, body)
    };
    let cases = vec![
        case("get", "/api/v1/openapi.json", 200, "/api/v1/openapi.json"),
        case("get", "/api/v1/case-studies", 200, "/api/v1/case-studies?sort_by=roi_desc"),
        case("get", "/api/v1/case-studies", 400, "/api/v1/case-studies?limit=0"),
        case("get", "/api/v1/case-studies/{slug}", 200, format!("/api/v1/case-studies/{slug}")),
        case("get", "/api/v1/case-studies/{slug}", 404, "/api/v1/case-studies/no-such-study"),
        case("get", "/api/v1/consultants", 200, "/api/v1/consultants"),
        case("get", "/api/v1/consultants", 400, "/api/v1/consultants?min_experience_years=many"),
        case("get", "/api/v1/consultants/{id}", 200, format!("/api/v1/consultants/{consultant}")),
        case("get", "/api/v1/consultants/{id}", 404, "/api/v1/consultants/no-such-consultant"),
        case("post", "/api/v1/roi-calculator/estimate", 200, "/api/v1/roi-calculator/estimate")
            .json(estimate_request()),
        case("post", "/api/v1/roi-calculator/estimate", 400, "/api/v1/roi-calculator/estimate")
            .raw("{not json"),
        case("post", "/api/v1/roi-calculator/estimate", 422, "/api/v1/roi-calculator/estimate")
            .json(json!({"industry": "", "annual_revenue": -1.0, "company_size_category": "", "primary_challenge": ""})),
        case("post", "/api/v1/roi-calculator/estimate", 429, "/api/v1/roi-calculator/estimate")
            .json(estimate_request())
            .from("10.9.2.1", 10),
        case("post", "/api/v1/leads", 201, "/api/v1/leads")
            .json(lead("openapi-2@acme.example")),
        case("post", "/api/v1/leads", 400, "/api/v1/leads").raw("[1, 2"),
        case("post", "/api/v1/leads", 422, "/api/v1/leads").json(json!({"email": "x"})),
        case("post", "/api/v1/leads", 429, "/api/v1/leads")
            .json(lead("openapi-limit@acme.example"))
            .from("10.9.3.1", 5),
        case("get", match_path, 200, format!("/api/v1/leads/{lead_id}/consultant-match"))
            .by(Who::Admin),
        case("get", match_path, 401, format!("/api/v1/leads/{lead_id}/consultant-match")),
        case("get", match_path, 403, format!("/api/v1/leads/{lead_id}/consultant-match"))
            .by(Who::Marketer),
        case("get", match_path, 404, "/api/v1/leads/no-such-lead/consultant-match")
            .by(Who::Admin),
        case("post", "/api/v1/bookings/calendly", 200, "/api/v1/bookings/calendly")
            .text(booking.clone())
            .header("Calendly-Webhook-Signature", signed(&booking)),
        case("post", "/api/v1/bookings/calendly", 400, "/api/v1/bookings/calendly")
            .text(junk.to_string())
            .header("Calendly-Webhook-Signature", signed(junk)),
        case("post", "/api/v1/bookings/calendly", 401, "/api/v1/bookings/calendly")
            .text(booking.clone())
            .header("Calendly-Webhook-Signature", "t=1,v1=00".to_string()),
        case("post", "/api/v1/events", 202, "/api/v1/events").json(json!({"events": [
            {"type": "cta_click", "path": "/landing/x", "block": "hero", "at": now_ms()}
        ]})),
        case("post", "/api/v1/events", 422, "/api/v1/events")
            .json(json!({"events": [{"type": "hover", "path": "/x", "at": 0}]})),
        case("post", "/api/v1/unsubscribe/{token}", 200, format!("/api/v1/unsubscribe/{token}")),
        case("post", "/api/v1/unsubscribe/{token}", 404, format!("/api/v1/unsubscribe/{lead_id}.0123456789abcdef0123456789abcdef")),
    ];

    // Every documented (path, method, status) has a case, and every case is documented.
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in operation["responses"].as_object().unwrap().keys() {
                documented.insert((path.clone(), method.clone(), status.clone()));
            }
        }
    }
    let exercised: BTreeSet<(String, String, String)> = cases
        .iter()
        .map(|c| {
            (
                c.path.to_string(),
                c.method.to_string(),
                c.status.to_string(),
            )
        })
        .collect();
    assert_eq!(
        documented, exercised,
        "documented responses and the requests that produce them"
    );

    let admin = app.logged_in_as(Role::Admin).await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let anyone = client();
    for c in &cases {
        if c.warm_up > 0 {
            crate::common::clear_of_minute_edge().await;
        }
        let session = match c.who {
            Who::Anyone => &anyone,
            Who::Admin => &admin,
            Who::Marketer => &marketer,
        };
        for n in 0..=c.warm_up {
            let mut request = match c.method {
                "get" => session.get(app.url(&c.url)),
                _ => session.post(app.url(&c.url)),
            }
            .header("X-Forwarded-For", c.address);
            request = match &c.body {
                Some(Body::Json(body)) => {
                    let mut body = body.clone();
                    if n < c.warm_up && body.get("email").is_some() {
                        body["email"] =
                            json!(format!("warm-{n}-{}", body["email"].as_str().unwrap()));
                    }
                    request.json(&body)
                }
                Some(Body::Raw(text)) => request
                    .header("Content-Type", "application/json")
                    .body(*text),
                Some(Body::Text(text)) => request
                    .header("Content-Type", "application/json")
                    .body(text.clone()),
                None => request,
            };
            if let Some((name, value)) = &c.header {
                request = request.header(*name, value);
            }
            let response = request.send().await.expect("request sent");
            let status = response.status().as_u16();
            let what = format!("{} {} ({})", c.method.to_uppercase(), c.url, c.status);
            if n < c.warm_up {
                assert!(
                    (200..300).contains(&status),
                    "{what}: warm-up {n} got {status}"
                );
                continue;
            }
            assert_eq!(status, c.status, "{what}");
            let body: Value = response.json().await.expect("a JSON body");
            let operation = &doc["paths"][c.path][c.method];
            let schema = &operation["responses"][c.status.to_string()]["content"]
                ["application/json"]["schema"];
            conforms(&doc, schema, &body, &what);
        }
    }
}

/// Resolves `{"$ref": "#/components/schemas/X"}`.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            let found = &doc["components"]["schemas"][name];
            assert!(!found.is_null(), "schema {name} is defined");
            resolve(doc, found)
        }
        None => schema,
    }
}

fn type_matches(expected: &str, value: &Value) -> bool {
    match expected {
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    }
}

/// Panics unless `value` has every property `schema` documents, each of the
/// documented type (recursively, including each array item).
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) {
    let schema = resolve(doc, schema);
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            conforms(doc, part, value, at);
        }
        return;
    }
    if let Some(options) = schema["oneOf"].as_array() {
        let mut fits = options.iter().filter(|option| {
            let option = resolve(doc, option);
            match option["type"].as_str() {
                Some(t) => type_matches(t, value),
                None => true,
            }
        });
        let option = fits
            .next_back()
            .unwrap_or_else(|| panic!("{at}: {value} fits no option"));
        conforms(doc, option, value, at);
        return;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        assert!(
            types.iter().any(|t| type_matches(t, value)),
            "{at}: {value} is not {types:?}"
        );
    }
    if let Some(allowed) = schema["enum"].as_array() {
        assert!(allowed.contains(value), "{at}: {value} not in {allowed:?}");
    }
    if let (Some(properties), Some(object)) = (schema["properties"].as_object(), value.as_object())
    {
        for (name, property) in properties {
            let field = object
                .get(name)
                .unwrap_or_else(|| panic!("{at}: documented field {name} missing from {value}"));
            conforms(doc, property, field, &format!("{at}.{name}"));
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            conforms(doc, items, item, &format!("{at}[{i}]"));
        }
    }
}
