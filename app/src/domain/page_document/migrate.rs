//! Schema versions and the migrations between them, applied to the JSON
//! before it is decoded, so stored documents of any version keep opening.
//!
//! - **Version 1** (the first builder prototype): page settings at the top
//!   level (`title`, `slug`, `description`, `og_image`, `noindex`, `accent`),
//!   `blocks` directly under the page (no sections), and buttons and hero
//!   calls to action with a `url` (`"#form"` meant "scroll to the form").
//! - **Version 2** (current): settings under `settings`, blocks inside
//!   `sections`, and a typed `target` (`{"kind": "link", "href": …}` or
//!   `{"kind": "form"}`) instead of `url`.
//!
//! Error paths always refer to the current shape, after migration.

use serde_json::{json, Map, Value};
use std::collections::HashSet;

use super::error::DocumentError;
use super::SCHEMA_VERSION;

/// Migrations in order: entry `i` turns version `i + 1` into `i + 2`.
const MIGRATIONS: &[fn(Value) -> Value] = &[v1_to_v2];

/// Brings a document's JSON up to [`SCHEMA_VERSION`].
pub fn migrate(mut value: Value) -> Result<Value, DocumentError> {
    let version = match value.get("schema_version") {
        None => {
            return Err(DocumentError::new(
                "schema_version",
                format!("this field is required (the current version is {SCHEMA_VERSION})"),
            ))
        }
        Some(v) => v.as_u64().ok_or_else(|| {
            DocumentError::new("schema_version", "expected a whole number such as 2")
        })?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(DocumentError::new(
            "schema_version",
            format!("version {version} is newer than this server reads (up to {SCHEMA_VERSION})"),
        ));
    }
    if version == 0 {
        return Err(DocumentError::new("schema_version", "unknown version 0"));
    }
    for migration in &MIGRATIONS[(version - 1) as usize..] {
        value = migration(value);
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("schema_version".into(), json!(SCHEMA_VERSION));
    }
    Ok(value)
}

const V1_SETTINGS: &[&str] = &[
    "title",
    "slug",
    "description",
    "og_image",
    "noindex",
    "accent",
];

fn v1_to_v2(value: Value) -> Value {
    let Value::Object(mut page) = value else {
        return value;
    };
    let mut settings = Map::new();
    for key in V1_SETTINGS {
        if let Some(v) = page.remove(*key) {
            settings.insert((*key).to_string(), v);
        }
    }
    let mut blocks = page.remove("blocks").unwrap_or_else(|| json!([]));
    let mut taken = HashSet::new();
    collect_ids(&blocks, &mut taken);
    if let Value::Array(list) = &mut blocks {
        list.iter_mut().for_each(v1_block_to_v2);
    }
    let section_id = (1..)
        .map(|n| format!("section-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    page.insert("settings".into(), Value::Object(settings));
    page.insert(
        "sections".into(),
        json!([{ "id": section_id, "blocks": blocks }]),
    );
    Value::Object(page)
}

/// Renames `url` to a typed `target` in buttons and hero calls to action,
/// inside columns too.
fn v1_block_to_v2(block: &mut Value) {
    let block_type = block.get("type").and_then(Value::as_str).unwrap_or("");
    let props = match block_type {
        "button" => block.get_mut("props"),
        "hero" => block.get_mut("props").and_then(|p| p.get_mut("cta")),
        _ => None,
    };
    if let Some(Value::Object(props)) = props {
        if let Some(url) = props.remove("url") {
            let target = match url.as_str() {
                Some("#form") => json!({ "kind": "form" }),
                _ => json!({ "kind": "link", "href": url }),
            };
            props.insert("target".into(), target);
        }
    }
    if let Some(Value::Array(columns)) = block.get_mut("columns") {
        for column in columns {
            if let Some(Value::Array(blocks)) = column.get_mut("blocks") {
                blocks.iter_mut().for_each(v1_block_to_v2);
            }
        }
    }
}

fn collect_ids(value: &Value, ids: &mut HashSet<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids)),
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                ids.insert(id.clone());
            }
            map.values().for_each(|v| collect_ids(v, ids));
        }
        _ => {}
    }
}
