//! Every image reference stored in the database, for the media sweep.

use super::Db;

/// Hero and chart images of every case study (published or not) and every
/// consultant's portrait, as stored.
pub async fn all(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let studies: Vec<(Option<String>, String)> =
        sqlx::query_as("SELECT hero_image, chart_images_json FROM case_studies")
            .fetch_all(&db.pool)
            .await?;
    let portraits: Vec<(Option<String>,)> =
        sqlx::query_as("SELECT profile_image FROM consultants WHERE profile_image IS NOT NULL")
            .fetch_all(&db.pool)
            .await?;
    let mut stored = Vec::with_capacity(studies.len() * 2 + portraits.len());
    for (hero, charts_json) in studies {
        stored.extend(hero);
        let charts: Vec<String> =
            serde_json::from_str(&charts_json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        stored.extend(charts);
    }
    stored.extend(portraits.into_iter().filter_map(|(p,)| p));
    stored.extend(landing_page_media(db).await?);
    Ok(stored)
}

/// Media keys in landing-page documents: drafts, published pages, every
/// kept version and saved templates (a restore must find its images).
async fn landing_page_media(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let documents: Vec<(String,)> = sqlx::query_as(
        "SELECT draft_json FROM landing_pages \
         UNION ALL SELECT published_json FROM landing_pages WHERE published_json IS NOT NULL \
         UNION ALL SELECT document_json FROM landing_page_versions \
         UNION ALL SELECT document_json FROM page_templates",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut keys = Vec::new();
    for (json,) in documents {
        let value: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        collect_media_keys(&value, &mut keys);
    }
    Ok(keys)
}

/// Every string under a `media` or `og_image` key, at any depth (images,
/// logos, hero pictures, video posters and the page's sharing image).
fn collect_media_keys(value: &serde_json::Value, keys: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (name, inner) in map {
                match (name.as_str(), inner) {
                    ("media" | "og_image", serde_json::Value::String(key)) if !key.is_empty() => {
                        keys.push(key.clone())
                    }
                    _ => collect_media_keys(inner, keys),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_media_keys(v, keys)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_media_keys_at_any_depth() {
        let doc = serde_json::json!({
            "settings": {"og_image": "hero/a"},
            "sections": [{"blocks": [{"props": {"media": "hero/b", "logos": [{"media": "logo/c"}]}},
                                      {"props": {"poster": {"media": ""}}}]}]
        });
        let mut keys = Vec::new();
        super::collect_media_keys(&doc, &mut keys);
        keys.sort();
        assert_eq!(keys, ["hero/a", "hero/b", "logo/c"]);
    }
}
