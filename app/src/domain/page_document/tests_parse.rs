//! Parsing: every error class with its exact path, the limits, the URL rules
//! as seen through the parser, and the schema migrations.

use serde_json::{json, Value};

use super::tests::{sample, MEDIA};
use super::*;

fn sample_json() -> Value {
    serde_json::to_value(sample()).unwrap()
}

/// The sample's JSON with one value replaced (a JSON pointer).
fn with(pointer: &str, value: Value) -> Value {
    let mut doc = sample_json();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{pointer}"))
    {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}"),
    }
    doc
}

/// The sample's JSON with one field removed.
fn without(pointer: &str, key: &str) -> Value {
    let mut doc = sample_json();
    doc.pointer_mut(pointer)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap();
    doc
}

fn errors(value: Value) -> Vec<String> {
    match parse_document(&value.to_string()) {
        Ok(_) => vec![],
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_error(value: Value, expected: &str) {
    let errors = errors(value);
    assert_eq!(errors, vec![expected.to_string()]);
}

#[test]
fn a_serialised_document_parses_back_to_an_equal_one() {
    let doc = sample();
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(parse_document(&json), Ok(doc.clone()));
    let via_serde: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(via_serde, doc);
}

#[test]
fn the_json_shape_is_compact_and_readable() {
    let v = sample_json();
    assert_eq!(v["schema_version"], json!(2));
    assert_eq!(
        v["sections"][0]["blocks"][0],
        json!({
            "id": "h1",
            "type": "heading",
            "props": {"level": 2, "text": "Decisions backed by evidence"},
            "style": {"align": {"desktop": "center", "mobile": "start"}, "tone": "accent"}
        })
    );
    assert_eq!(
        v["sections"][1]["blocks"][7],
        json!({"id": "divider", "type": "divider", "props": {}})
    );
    assert_eq!(
        v["sections"][0]["blocks"][4]["columns"][0]["blocks"][1]["props"],
        json!({"label": "Pricing", "target": {"kind": "link", "href": "https://example.com/pricing"}, "variant": "secondary"})
    );
}

#[test]
fn a_javascript_url_is_refused_at_its_path() {
    let mut doc = sample_json();
    doc["sections"].as_array_mut().unwrap().push(json!({
        "id": "s3",
        "blocks": [{
            "id": "evil",
            "type": "button",
            "props": {"label": "Click", "target": {"kind": "link", "href": "javascript:alert(1)"}}
        }]
    }));
    assert_error(
        doc,
        "sections[2].blocks[0].props.target.href: javascript: URLs are not allowed (use http(s), mailto, tel, a relative path or #anchor)",
    );
    assert_error(
        with("/sections/0/blocks/2/props/content/0/spans/1/href", json!("data:text/html,x")),
        "sections[0].blocks[2].props.content[0].spans[1].href: data: URLs are not allowed (use http(s), mailto, tel, a relative path or #anchor)",
    );
    assert_error(
        with("/sections/0/blocks/1/props/cta/target", json!({"kind": "link", "href": "//evil.example"})),
        "sections[0].blocks[1].props.cta.target.href: protocol-relative URLs (//host) are not allowed; write https://",
    );
    assert_error(
        with("/sections/0/blocks/5/props/after_submit", json!({"kind": "redirect", "href": "vbscript:x"})),
        "sections[0].blocks[5].props.after_submit.href: vbscript: URLs are not allowed (use http(s), mailto, tel, a relative path or #anchor)",
    );
    assert!(errors(with(
        "/sections/0/blocks/5/props/after_submit",
        json!({"kind": "redirect", "href": "/thank-you"})
    ))
    .is_empty());
}

#[test]
fn unknown_block_types_name_the_path_and_the_type() {
    assert_error(
        with("/sections/1/blocks/0/type", json!("carousel")),
        "sections[1].blocks[0].type: unknown block type \"carousel\"",
    );
    assert_error(
        with("/sections/1/blocks/0/type", json!(7)),
        "sections[1].blocks[0].type: expected a block type such as \"heading\"",
    );
}

#[test]
fn missing_unknown_and_mistyped_fields_are_reported_where_they_are() {
    assert_error(
        without("/sections/0/blocks/0/props", "text"),
        "sections[0].blocks[0].props.text: this field is required",
    );
    assert_error(
        with("/sections/0/blocks/0/props/colour", json!("red")),
        "sections[0].blocks[0].props.colour: unknown field (expected one of level, text)",
    );
    assert_error(
        with("/sections/0/blocks/0/props/level", json!("2")),
        "sections[0].blocks[0].props.level: expected a whole number from 0 to 255",
    );
    assert_error(
        with("/sections/0/blocks/0/style/align/mobile", json!("middle")),
        "sections[0].blocks[0].style.align.mobile: \"middle\" is not one of start, center, end",
    );
    assert_error(
        with("/sections/0/blocks/0/style/css", json!("color: red")),
        "sections[0].blocks[0].style.css: unknown field (expected one of align, spacing, text_size, tone, visible, width)",
    );
    assert_error(
        with(
            "/sections/0/blocks/1/props/cta/target",
            json!({"kind": "popup"}),
        ),
        "sections[0].blocks[1].props.cta.target.kind: \"popup\" is not one of link, form",
    );
    assert_error(
        with("/sections/0/blocks/2/props/content/1/items", json!("First")),
        "sections[0].blocks[2].props.content[1].items: expected a list, found text",
    );
    assert_error(
        without("/sections/1", "blocks"),
        "sections[1].blocks: this field is required",
    );
    assert_error(
        with("/settings/noindex", json!("yes")),
        "settings.noindex: expected true or false, found text",
    );
    assert_error(
        with("/extra", json!(1)),
        "extra: unknown field (expected one of schema_version, sections, settings)",
    );
    assert_error(
        json!([1, 2]),
        "schema_version: this field is required (the current version is 2)",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut doc = with("/sections/0/blocks/0/props/level", json!(9));
    doc["sections"][0]["blocks"][1]["props"]["heading"] = json!("");
    doc["settings"]["slug"] = json!("admin");
    let errors = errors(doc);
    assert_eq!(
        errors,
        [
            "settings.slug: \"admin\" is reserved; choose another slug",
            "sections[0].blocks[0].props.level: a heading level is 1, 2 or 3, not 9",
            "sections[0].blocks[1].props.heading: this field is required",
        ]
    );
}

#[test]
fn errors_name_the_node_they_concern() {
    let doc = with(
        "/sections/0/blocks/4/columns/0/blocks/0/props/alt",
        json!(" "),
    );
    let errors = parse_document(&doc.to_string()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].path,
        "sections[0].blocks[4].columns[0].blocks[0].props.alt"
    );
    assert_eq!(
        errors[0].message,
        "describe the image for people who cannot see it (alt text is required)"
    );
    assert_eq!(errors[0].node, Some(NodeId::from("img")));
}

#[test]
fn ids_must_be_valid_and_unique() {
    assert_error(
        with("/sections/1/blocks/0/id", json!("h1")),
        "sections[1].blocks[0].id: duplicate id \"h1\" (also used at sections[0].blocks[0])",
    );
    assert_error(
        with("/sections/1/id", json!("col-b")),
        "sections[1].id: duplicate id \"col-b\" (also used at sections[0].blocks[4].columns[1])",
    );
    assert_error(
        with("/sections/1/blocks/0/id", json!("has space")),
        "sections[1].blocks[0].id: \"has space\" is not a valid id: use 1 to 64 letters, digits, - or _, starting with a letter",
    );
}

#[test]
fn columns_hold_one_to_four_columns_and_do_not_nest() {
    let col = |id: &str| json!({"id": id, "blocks": []});
    assert_error(
        with(
            "/sections/0/blocks/4/columns",
            json!([col("a"), col("b"), col("c"), col("d"), col("e")]),
        ),
        "sections[0].blocks[4].columns: a columns block holds 1 to 4 columns, not 5",
    );
    assert_error(
        with("/sections/0/blocks/4/columns", json!([])),
        "sections[0].blocks[4].columns: a columns block holds 1 to 4 columns, not 0",
    );
    assert_error(
        with(
            "/sections/0/blocks/4/columns/1/blocks/0",
            json!({"id": "inner", "type": "columns", "props": {}, "columns": [col("x")]}),
        ),
        "sections[0].blocks[4].columns[1].blocks[0].type: a column cannot hold a columns block: columns do not nest, and pages are at most 4 levels deep (section, columns, column, block)",
    );
    assert_error(
        with("/sections/0/blocks/0/columns", json!([col("x")])),
        "sections[0].blocks[0].columns: only a columns block has columns, not a heading",
    );
    assert_error(
        without("/sections/0/blocks/4", "columns"),
        "sections[0].blocks[4].columns: this field is required",
    );
    assert_error(
        with("/sections/0/blocks/4/props/per_row/mobile", json!(5)),
        "sections[0].blocks[4].props.per_row.mobile: choose 1 to 4 per row, not 5",
    );
}

#[test]
fn script_in_any_text_is_refused() {
    assert_error(
        with(
            "/sections/0/blocks/1/props/text",
            json!("Hi <script>alert(1)</script>"),
        ),
        "sections[0].blocks[1].props.text: text cannot contain script (<script)",
    );
    assert_error(
        with("/sections/1/blocks/1/props/items/0/answer", json!("<img src=x onerror=alert(1)>")),
        "sections[1].blocks[1].props.items[0].answer: text cannot contain script (an on… event handler)",
    );
    assert_error(
        with("/settings/title", json!("javascript:alert(1)")),
        "settings.title: text cannot contain script (javascript:)",
    );
    assert_error(
        with("/sections/0/blocks/0/props/text", json!("Two\nlines")),
        "sections[0].blocks[0].props.text: text cannot contain line breaks or control characters",
    );
    // Markup that is not script is plain text, escaped when rendered.
    assert!(errors(with(
        "/sections/0/blocks/0/props/text",
        json!("Use <b> and 5 < 6")
    ))
    .is_empty());
}

#[test]
fn text_lengths_are_limited_per_field() {
    let long = |n: usize| json!("a".repeat(n));
    assert!(errors(with(
        "/sections/0/blocks/0/props/text",
        long(MAX_HEADING_CHARS)
    ))
    .is_empty());
    assert_error(
        with(
            "/sections/0/blocks/0/props/text",
            long(MAX_HEADING_CHARS + 1),
        ),
        "sections[0].blocks[0].props.text: at most 200 characters are allowed (this has 201)",
    );
    assert_error(
        with("/settings/title", long(MAX_TITLE_CHARS + 1)),
        "settings.title: at most 120 characters are allowed (this has 121)",
    );
    assert_error(
        with("/sections/0/blocks/4/columns/0/blocks/1/props/label", long(MAX_LABEL_CHARS + 1)),
        "sections[0].blocks[4].columns[0].blocks[1].props.label: at most 80 characters are allowed (this has 81)",
    );
    let spans: Vec<Value> = (0..11)
        .map(|_| json!({"text": "a".repeat(1_000)}))
        .collect();
    assert_error(
        with("/sections/0/blocks/2/props/content/0/spans", json!(spans)),
        "sections[0].blocks[2].props.content: at most 10000 characters of text are allowed (this has 11005)",
    );
}

#[test]
fn settings_are_checked() {
    assert_error(
        with("/settings/slug", json!("Free Consultation")),
        "settings.slug: use only lowercase letters, digits and single hyphens in the slug (no hyphen at either end)",
    );
    assert_error(
        with("/settings/accent", json!("pink")),
        "settings.accent: use one of blue, teal, green, orange, red, purple, slate or a colour written #rrggbb",
    );
    assert_error(
        with("/settings/og_image", json!("../../etc/passwd")),
        "settings.og_image: not a media library image; choose the image again",
    );
    assert_error(without("", "settings"), "settings: this field is required");
    let mut doc = sample_json();
    doc["settings"] = json!({"title": "Minimal", "slug": "minimal"});
    let parsed = parse_document(&doc.to_string()).unwrap();
    assert_eq!(parsed.settings.accent, AccentColour::default());
    assert!(!parsed.settings.noindex);
}

#[test]
fn block_rules_are_checked() {
    let form = "/sections/0/blocks/5/props";
    assert_error(
        with(
            &format!("{form}/fields"),
            json!([{"field": "first_name", "required": true}]),
        ),
        "sections[0].blocks[5].props.fields: the form must ask for email",
    );
    assert_error(
        with(
            &format!("{form}/fields"),
            json!([{"field": "email", "required": false}]),
        ),
        "sections[0].blocks[5].props.fields[0].required: email is always required (leads are matched by email)",
    );
    let twice = errors(with(
        &format!("{form}/fields"),
        json!([{"field": "email", "required": true}, {"field": "phone", "required": false}, {"field": "phone", "required": true}]),
    ));
    assert_eq!(
        twice,
        ["sections[0].blocks[5].props.fields[2].field: \"phone\" is listed twice"]
    );
    assert_error(
        with(&format!("{form}/fields/0/field"), json!("password")),
        "sections[0].blocks[5].props.fields[0].field: \"password\" is not one of first_name, last_name, email, company_name, job_title, phone, website, industry, annual_revenue_range, company_size_range, primary_challenge, timeline, budget_range, challenge_description, decision_making_authority",
    );
    assert_error(
        with("/sections/1/blocks/5/props/url", json!("https://evil.example/watch?v=dQw4w9WgXcQ")),
        "sections[1].blocks[5].props.url: use the https address of a YouTube or Vimeo video (for example https://www.youtube.com/watch?v=…)",
    );
    assert_error(
        with("/sections/1/blocks/5/props/poster/media", json!("")),
        "sections[1].blocks[5].props.poster.media: choose an image from the media library",
    );
    assert_error(
        with("/sections/1/blocks/3/props/max", json!(0)),
        "sections[1].blocks[3].props.max: show 1 to 12 case studies, not 0",
    );
    assert_error(
        with("/sections/1/blocks/3/props/source/industry_sic", json!("retail")),
        "sections[1].blocks[3].props.source.industry_sic: an industry is a SIC code of 4 or 5 digits",
    );
    assert_error(
        with(
            "/sections/1/blocks/2/props/source/slugs",
            json!(["a-study", "a-study"]),
        ),
        "sections[1].blocks[2].props.source.slugs[1]: \"a-study\" is chosen twice",
    );
    assert_error(
        with("/sections/1/blocks/0/props/logos", json!([])),
        "sections[1].blocks[0].props.logos: add at least 1 logos",
    );
    assert_error(
        with("/sections/0/blocks/3/props/items/0/icon", json!("rocket")),
        "sections[0].blocks[3].props.items[0].icon: \"rocket\" is not one of chart, target, clock, shield, users, growth, idea, check, money, flask",
    );
}

#[test]
fn the_node_limit_is_checked_before_decoding() {
    let blocks: Vec<Value> = (0..MAX_NODES)
        .map(|i| json!({"id": format!("b{i}"), "type": "divider", "props": {}}))
        .collect();
    let mut doc = sample_json();
    doc["sections"] = json!([{"id": "s", "blocks": blocks}]);
    assert_error(
        doc.clone(),
        "sections: the page has 2001 nodes (sections, blocks and columns); at most 2000 are allowed",
    );
    doc["sections"][0]["blocks"].as_array_mut().unwrap().pop();
    let parsed = parse_document(&doc.to_string()).unwrap();
    assert_eq!(parsed.node_count(), MAX_NODES);
}

#[test]
fn oversized_and_deeply_nested_json_is_refused_before_parsing() {
    // Not even valid JSON: the size is checked first.
    let huge = format!("{{\"x\": \"{}", "a".repeat(MAX_JSON_BYTES));
    let errors = parse_document(&huge).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        format!(
            "the document is {} bytes; at most 1048576 bytes (1 MB) are allowed",
            huge.len()
        )
    );
    let deep = format!(
        "{}{}",
        "[".repeat(MAX_JSON_NESTING + 1),
        "]".repeat(MAX_JSON_NESTING + 1)
    );
    assert_eq!(
        parse_document(&deep).unwrap_err()[0].to_string(),
        "the JSON nests deeper than 24 levels"
    );
    // Brackets inside strings do not count.
    assert_eq!(parse::json_nesting(r#"{"a": "[[[[[[\"]]]"}"#), 1);
    let deepest_legal = serde_json::to_string(&sample()).unwrap();
    assert!(parse::json_nesting(&deepest_legal) <= MAX_JSON_NESTING);
    let garbage = parse_document("{not json").unwrap_err();
    assert!(
        garbage[0].to_string().starts_with("not valid JSON: "),
        "{}",
        garbage[0]
    );
}

#[test]
fn a_pasted_block_is_parsed_and_checked_on_its_own() {
    let doc = sample();
    let cols = doc.sections[0].blocks[4].clone();
    let json = serde_json::to_string(&cols).unwrap();
    assert_eq!(parse_block(&json), Ok(cols));
    let bad = json!({"id": "x", "type": "heading", "props": {"level": 2, "text": "<script>"}});
    let errors = parse_block(&bad.to_string()).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "props.text: text cannot contain script (<script)"
    );
}

fn v1_document() -> Value {
    json!({
        "schema_version": 1,
        "title": "Free consultation",
        "slug": "free-consultation",
        "noindex": true,
        "blocks": [
            {"id": "section-1", "type": "heading", "props": {"level": 1, "text": "Hello"}},
            {"id": "cta", "type": "button", "props": {"label": "Go", "url": "https://example.com"}},
            {"id": "hero", "type": "hero", "props": {"heading": "Hi", "cta": {"label": "Ask", "url": "#form"}}},
            {"id": "cols", "type": "columns", "props": {}, "columns": [
                {"id": "c1", "blocks": [
                    {"id": "inner", "type": "button", "props": {"label": "In", "url": "#form"}}
                ]}
            ]}
        ]
    })
}

#[test]
fn version_one_documents_are_migrated() {
    let doc = parse_value(v1_document()).unwrap();
    assert_eq!(doc.schema_version, SCHEMA_VERSION);
    assert_eq!(doc.settings.title, "Free consultation");
    assert!(doc.settings.noindex);
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(
        doc.sections[0].id.as_str(),
        "section-2",
        "the new section's id avoids the ids in use"
    );
    let targets: Vec<Target> = doc
        .blocks()
        .filter_map(|b| match &b.props {
            BlockProps::Button(b) => Some(b.target.clone()),
            BlockProps::Hero(h) => h.cta.as_ref().map(|c| c.target.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        [
            Target::Link {
                href: "https://example.com".into()
            },
            Target::Form,
            Target::Form
        ]
    );
    // A migrated document serialises as version 2 and round-trips.
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(parse_document(&json), Ok(doc));
}

#[test]
fn migrated_documents_are_validated_with_current_paths() {
    let mut v1 = v1_document();
    v1["blocks"][1]["props"]["url"] = json!("javascript:alert(1)");
    assert_error(
        v1,
        "sections[0].blocks[1].props.target.href: javascript: URLs are not allowed (use http(s), mailto, tel, a relative path or #anchor)",
    );
}

#[test]
fn schema_versions_outside_the_known_range_are_refused() {
    assert_error(
        without("", "schema_version"),
        "schema_version: this field is required (the current version is 2)",
    );
    assert_error(
        with("/schema_version", json!(3)),
        "schema_version: version 3 is newer than this server reads (up to 2)",
    );
    assert_error(
        with("/schema_version", json!(0)),
        "schema_version: unknown version 0",
    );
    assert_error(
        with("/schema_version", json!("2")),
        "schema_version: expected a whole number such as 2",
    );
    // The current version passes through unchanged.
    assert_eq!(migrate(sample_json()), Ok(sample_json()));
}

#[test]
fn deserialising_a_document_runs_the_parser() {
    let bad = with("/sections/0/blocks/0/props/level", json!(7)).to_string();
    let error = serde_json::from_str::<Document>(&bad)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("sections[0].blocks[0].props.level: a heading level is 1, 2 or 3, not 7"),
        "{error}"
    );
    assert!(MEDIA.starts_with("hero/"));
}

#[test]
fn the_documented_example_parses() {
    let doc = include_str!("../../../../docs/page-document.md");
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("the example's end");
    let parsed = parse_document(&doc[start..end]).unwrap_or_else(|errors| {
        panic!("{errors:?}");
    });
    assert_eq!(parsed.node_count(), 8);
    assert_eq!(parsed.settings.accent.css(), Some("#0f766e"));
    let title = &parsed.sections[0].blocks[0];
    assert_eq!(title.style.resolve(Breakpoint::Tablet).align, Align::Center);
    assert_eq!(title.style.resolve(Breakpoint::Mobile).align, Align::Start);
    assert_eq!(parsed.first_form_id(), Some(&NodeId::from("form")));
    assert!(!parsed.needs_script());
}
