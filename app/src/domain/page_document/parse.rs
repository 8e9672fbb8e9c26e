//! Parsing a document from JSON (import, API, stored rows): size and nesting
//! checked before parsing, then migration to the current schema, typed
//! decoding and validation. Every problem is reported with the path of the
//! node and field it concerns, formatted `path: message`, for example
//! `sections[2].blocks[0].props.target.href: javascript: URLs are not allowed`.

use serde_json::Value;

use super::blocks::BlockType;
use super::decode::{decode_props, fail, Errors, Obj};
pub use super::error::DocumentError;
use super::ids::{truncate_for_message, NodeId};
use super::limits::{MAX_JSON_BYTES, MAX_JSON_NESTING, MAX_NODES, MAX_NODE_DEPTH};
use super::migrate::migrate;
use super::tree::{Block, Column, Document, Section};
use super::validate::validate;

/// Parses and validates a document from JSON text. Refuses text over
/// [`MAX_JSON_BYTES`] or nested deeper than [`MAX_JSON_NESTING`] before
/// parsing it; migrates older schema versions; reports every problem found.
pub fn parse_document(json: &str) -> Result<Document, Vec<DocumentError>> {
    check_json_text(json)?;
    let value: Value = serde_json::from_str(json)
        .map_err(|e| vec![DocumentError::new("", format!("not valid JSON: {e}"))])?;
    parse_value(value)
}

/// [`parse_document`] for JSON that is already parsed (a stored JSON column
/// or a request body); the size limit is the caller's to enforce.
pub fn parse_value(value: Value) -> Result<Document, Vec<DocumentError>> {
    let value = migrate(value).map_err(|e| vec![e])?;
    let document = decode_document(&value)?;
    let errors = validate(&document);
    if errors.is_empty() {
        Ok(document)
    } else {
        Err(errors)
    }
}

/// Parses one block as copied to the clipboard (its JSON as serialised),
/// checking its content; the caller inserts it with fresh ids
/// ([`super::ops::with_fresh_ids`]).
pub fn parse_block(json: &str) -> Result<Block, Vec<DocumentError>> {
    check_json_text(json)?;
    let value: Value = serde_json::from_str(json)
        .map_err(|e| vec![DocumentError::new("", format!("not valid JSON: {e}"))])?;
    let mut errs = Errors::new();
    if count_block_nodes(&value) > MAX_NODES {
        return Err(vec![too_many_nodes("", count_block_nodes(&value))]);
    }
    let block = decode_block(&value, "", false, &mut errs);
    match block {
        Some(block) if errs.is_empty() => {
            let errors = super::validate::validate_block_alone(&block);
            if errors.is_empty() {
                Ok(block)
            } else {
                Err(errors)
            }
        }
        _ => Err(errs),
    }
}

fn check_json_text(json: &str) -> Result<(), Vec<DocumentError>> {
    if json.len() > MAX_JSON_BYTES {
        return Err(vec![DocumentError::new(
            "",
            format!(
                "the document is {} bytes; at most {MAX_JSON_BYTES} bytes (1 MB) are allowed",
                json.len()
            ),
        )]);
    }
    if json_nesting(json) > MAX_JSON_NESTING {
        return Err(vec![DocumentError::new(
            "",
            format!("the JSON nests deeper than {MAX_JSON_NESTING} levels"),
        )]);
    }
    Ok(())
}

/// The deepest nesting of arrays and objects in JSON text (strings skipped),
/// found without parsing so a hostile document cannot exhaust the stack.
pub(super) fn json_nesting(json: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in json.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn too_many_nodes(path: &str, count: usize) -> DocumentError {
    DocumentError::new(
        path,
        format!(
            "the page has {count} nodes (sections, blocks and columns); at most {MAX_NODES} are allowed"
        ),
    )
}

fn list(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Counts the nodes a document's JSON holds, as far as its shape allows,
/// before anything is decoded.
fn count_nodes(document: &Value) -> usize {
    list(document.get("sections"))
        .iter()
        .map(|s| {
            1 + list(s.get("blocks"))
                .iter()
                .map(count_block_nodes)
                .sum::<usize>()
        })
        .sum()
}

fn count_block_nodes(block: &Value) -> usize {
    1 + list(block.get("columns"))
        .iter()
        .map(|c| 1 + list(c.get("blocks")).len())
        .sum::<usize>()
}

fn decode_document(v: &Value) -> Result<Document, Vec<DocumentError>> {
    let mut errs = Errors::new();
    let count = count_nodes(v);
    if count > MAX_NODES {
        return Err(vec![too_many_nodes("sections", count)]);
    }
    let Some(mut o) = Obj::new(v, "", &mut errs) else {
        return Err(errs);
    };
    let schema_version = o.req::<u8>("schema_version", &mut errs);
    let settings = o.req("settings", &mut errs);
    let sections = match o.raw("sections") {
        Some(Value::Array(items)) => {
            let decoded: Vec<Option<Section>> = items
                .iter()
                .enumerate()
                .map(|(i, s)| decode_section(s, &format!("sections[{i}]"), &mut errs))
                .collect();
            decoded.into_iter().collect()
        }
        Some(_) => {
            fail(&mut errs, "sections", "expected a list of sections");
            None
        }
        None => {
            fail(&mut errs, "sections", "this field is required");
            None
        }
    };
    o.finish(&mut errs);
    match (schema_version, settings, sections) {
        (Some(schema_version), Some(settings), Some(sections)) if errs.is_empty() => Ok(Document {
            schema_version: u32::from(schema_version),
            settings,
            sections,
        }),
        _ => Err(errs),
    }
}

fn decode_section(v: &Value, path: &str, errs: &mut Errors) -> Option<Section> {
    let mut o = Obj::new(v, path, errs)?;
    let id = o.req("id", errs);
    let style = o.opt("style", errs);
    let blocks = decode_blocks(o.raw("blocks"), &o.path("blocks"), false, errs);
    o.finish(errs);
    Some(Section {
        id: id?,
        style: style?,
        blocks: blocks?,
    })
}

fn decode_column(v: &Value, path: &str, errs: &mut Errors) -> Option<Column> {
    let mut o = Obj::new(v, path, errs)?;
    let id = o.req("id", errs);
    let style = o.opt("style", errs);
    let blocks = decode_blocks(o.raw("blocks"), &o.path("blocks"), true, errs);
    o.finish(errs);
    Some(Column {
        id: id?,
        style: style?,
        blocks: blocks?,
    })
}

fn decode_blocks(
    v: Option<&Value>,
    path: &str,
    in_column: bool,
    errs: &mut Errors,
) -> Option<Vec<Block>> {
    match v {
        None => {
            fail(errs, path, "this field is required");
            None
        }
        Some(Value::Array(items)) => {
            let decoded: Vec<Option<Block>> = items
                .iter()
                .enumerate()
                .map(|(i, b)| decode_block(b, &format!("{path}[{i}]"), in_column, errs))
                .collect();
            decoded.into_iter().collect()
        }
        Some(_) => {
            fail(errs, path, "expected a list of blocks");
            None
        }
    }
}

fn decode_block(v: &Value, path: &str, in_column: bool, errs: &mut Errors) -> Option<Block> {
    let mut o = Obj::new(v, path, errs)?;
    let id = o.req::<NodeId>("id", errs);
    let type_path = o.path("type");
    let block_type = match o.raw("type") {
        Some(Value::String(name)) => match BlockType::parse(name) {
            Some(t) => Some(t),
            None => {
                fail(
                    errs,
                    &type_path,
                    format!("unknown block type \"{}\"", truncate_for_message(name)),
                );
                None
            }
        },
        Some(_) => {
            fail(
                errs,
                &type_path,
                "expected a block type such as \"heading\"",
            );
            None
        }
        None => {
            fail(errs, &type_path, "this field is required");
            None
        }
    };
    let style = o.opt("style", errs);
    let props_path = o.path("props");
    let props = match (block_type, o.raw("props")) {
        (Some(t), Some(props)) => decode_props(t, props, &props_path, errs),
        (Some(_), None) => {
            fail(errs, &props_path, "this field is required");
            None
        }
        (None, _) => None,
    };
    let columns_path = o.path("columns");
    let columns_value = o.raw("columns");
    let columns = match block_type {
        Some(BlockType::Columns) if in_column => {
            fail(
                errs,
                &type_path,
                format!(
                    "a column cannot hold a columns block: columns do not nest, and pages are at most {MAX_NODE_DEPTH} levels deep (section, columns, column, block)"
                ),
            );
            None
        }
        Some(BlockType::Columns) => match columns_value {
            Some(v) => {
                let Value::Array(items) = v else {
                    fail(errs, &columns_path, "expected a list of columns");
                    return None;
                };
                let decoded: Vec<Option<Column>> = items
                    .iter()
                    .enumerate()
                    .map(|(j, c)| decode_column(c, &format!("{columns_path}[{j}]"), errs))
                    .collect();
                decoded.into_iter().collect()
            }
            None => {
                fail(errs, &columns_path, "this field is required");
                None
            }
        },
        Some(other) => {
            if columns_value.is_some() {
                fail(
                    errs,
                    &columns_path,
                    format!("only a columns block has columns, not a {}", other.as_str()),
                );
            }
            Some(Vec::new())
        }
        None => None,
    };
    o.finish(errs);
    Some(Block {
        id: id?,
        props: props?,
        style: style?,
        columns: columns?,
    })
}

/// Deserialising a [`Document`] runs the full parser (migration, decoding and
/// validation); the errors are joined into one message.
impl<'de> serde::Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        let value = Value::deserialize(deserializer)?;
        parse_value(value).map_err(|errors| {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            serde::de::Error::custom(messages.join("; "))
        })
    }
}
