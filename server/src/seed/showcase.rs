//! Inserts the demo consultants and case studies of `app/demo/showcase.toml`
//! through the back office's parsers and save functions (idempotent: skipped
//! when any case study exists), and writes a generated SVG portrait per
//! consultant into the media directory — nothing is downloaded.

use app::db::case_study_admin;
use app::db::{consultants, now_ms, Db};
use app::domain::demo_showcase::{DemoConsultant, DemoShowcase};
use app::error::AppError;
use std::collections::HashMap;
use std::path::Path;

const DAY_MS: i64 = 86_400_000;

/// A simple, friendly portrait: a two-colour gradient with the initials.
pub fn avatar_svg(consultant: &DemoConsultant) -> String {
    let (first, last) = (
        &consultant.profile.first_name,
        &consultant.profile.last_name,
    );
    let initials: String = [first, last]
        .iter()
        .filter_map(|n| n.chars().next())
        .collect();
    let [from, to] = &consultant.avatar_colors;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="{first} {last}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{from}"/><stop offset="1" stop-color="{to}"/></linearGradient></defs>
<rect width="400" height="400" fill="url(#g)"/>
<circle cx="200" cy="160" r="78" fill="#ffffff" fill-opacity="0.22"/>
<path d="M60 400c0-90 63-150 140-150s140 60 140 150z" fill="#ffffff" fill-opacity="0.22"/>
<text x="200" y="178" text-anchor="middle" font-family="system-ui, sans-serif" font-size="84" font-weight="700" fill="#ffffff">{initials}</text>
</svg>
"##,
        first = app::domain::html_text::escape_text(first),
        last = app::domain::html_text::escape_text(last),
    )
}

/// Seeds the showcase; returns how many case studies were created.
pub async fn seed_showcase(db: &Db, media_dir: &Path) -> Result<usize, AppError> {
    let demo = DemoShowcase::bundled().map_err(AppError::internal)?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_studies")
        .fetch_one(&db.pool)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    std::fs::create_dir_all(media_dir.join("consultants")).map_err(AppError::internal)?;
    let mut ids: HashMap<&str, String> = HashMap::new();
    for consultant in &demo.consultants {
        let id = save_consultant(db, media_dir, consultant).await?;
        ids.insert(&consultant.key, id);
    }
    let now = now_ms();
    for study in &demo.case_studies {
        let mut form = study.form.clone();
        form.consultant_id = ids
            .get(study.consultant.as_str())
            .cloned()
            .unwrap_or_default();
        let draft = form.parse().map_err(AppError::fields)?;
        let id = case_study_admin::save(db, None, &draft, None)
            .await?
            .ok_or_else(|| AppError::internal("a new case study was not stored"))?;
        case_study_admin::set_published(db, &id, true).await?;
        case_study_admin::set_featured(db, &id, study.featured).await?;
        // Demo history only: when it went live and how often it was read.
        sqlx::query("UPDATE case_studies SET published_at = $1, view_count = $2 WHERE id = $3")
            .bind(now - study.published_days_ago * DAY_MS)
            .bind(study.view_count)
            .bind(&id)
            .execute(&db.pool)
            .await?;
    }
    // Written straight to the tables: nothing kept from before may stand.
    db.forget_cached_reads();
    Ok(demo.case_studies.len())
}

/// Creates the profile as an admin would (or finds it, after an interrupted
/// seed), then fills it in through the profile form with its portrait.
async fn save_consultant(
    db: &Db,
    media_dir: &Path,
    consultant: &DemoConsultant,
) -> Result<String, AppError> {
    let portrait = consultant.portrait_key();
    std::fs::write(media_dir.join(&portrait), avatar_svg(consultant))
        .map_err(AppError::internal)?;
    let new = consultant.new_profile().map_err(AppError::internal)?;
    let existing = consultants::list_all(db)
        .await?
        .into_iter()
        .find(|row| row.email == new.email.as_str());
    let id = match existing {
        Some(row) => row.id,
        None => consultants::create(db, &new).await?,
    };
    let mut profile = consultant.profile.clone();
    profile.profile_image = portrait;
    let draft = profile.parse().map_err(AppError::fields)?;
    consultants::update_profile(db, &id, &draft).await?;
    consultants::set_active(db, &id, true).await?;
    Ok(id)
}

/// Lets the demo consultant account edit the first demo consultant's profile.
pub async fn link_demo_consultant(db: &Db) -> Result<(), AppError> {
    let Some(user) = app::db::users::find_by_email(db, "consultant@causal-edge.example").await?
    else {
        return Ok(());
    };
    let demo = DemoShowcase::bundled().map_err(AppError::internal)?;
    if let Some(first) = demo.consultants.first() {
        consultants::link_user(db, &first.email, &user.id).await?;
    }
    Ok(())
}
