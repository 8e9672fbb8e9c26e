//! Where a document names media-library images: every `media` and
//! `og_image` value with its path (`sections[0].blocks[2].props.media`), so
//! a save can check each new key against the library and point at the field.

use super::tree::Document;
use serde_json::Value;

/// One image a document names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaReference {
    /// The field's path, as parse errors name it.
    pub path: String,
    pub key: String,
}

/// Every non-empty image key in `doc`.
pub fn media_references(doc: &Document) -> Vec<MediaReference> {
    let mut found = Vec::new();
    if let Ok(value) = serde_json::to_value(doc) {
        collect(&value, String::new(), &mut found);
    }
    found
}

fn collect(value: &Value, path: String, found: &mut Vec<MediaReference>) {
    match value {
        Value::Object(map) => {
            for (name, inner) in map {
                let here = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                match (name.as_str(), inner) {
                    ("media" | "og_image", Value::String(key)) => {
                        if !key.is_empty() {
                            found.push(MediaReference {
                                path: here,
                                key: key.clone(),
                            });
                        }
                    }
                    _ => collect(inner, here, found),
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                collect(inner, format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::page_document::parse_document;

    #[test]
    fn finds_every_image_with_the_path_parse_errors_use() {
        let doc = parse_document(
            r#"{"schema_version": 2,
                "settings": {"title": "T", "slug": "images", "og_image": "hero/0123456789abcdef0123456789abcdef"},
                "sections": [{"id": "s1", "blocks": [
                  {"id": "b1", "type": "heading", "props": {"level": 1, "text": "Hi"}},
                  {"id": "b2", "type": "image", "props": {"media": "chart/00000000000000000000000000000001", "alt": "A chart"}},
                  {"id": "b3", "type": "logo_strip", "props": {"heading": "", "logos": [
                    {"media": "hero/00000000000000000000000000000002", "alt": "Acme"}]}}
                ]}]}"#,
        )
        .expect("the document parses");
        let found = media_references(&doc);
        let mut pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|r| (r.path.as_str(), r.key.as_str()))
            .collect();
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                (
                    "sections[0].blocks[1].props.media",
                    "chart/00000000000000000000000000000001"
                ),
                (
                    "sections[0].blocks[2].props.logos[0].media",
                    "hero/00000000000000000000000000000002"
                ),
                ("settings.og_image", "hero/0123456789abcdef0123456789abcdef"),
            ]
        );
    }

    #[test]
    fn a_document_without_images_names_none() {
        let mut ids = crate::domain::page_document::CounterIds::new("t");
        assert!(media_references(&Document::blank("Blank", "blank", &mut ids)).is_empty());
    }
}
