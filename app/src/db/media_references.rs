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
    Ok(stored)
}
