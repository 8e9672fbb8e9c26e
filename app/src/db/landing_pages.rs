//! Landing pages: their rows, snapshots, old slugs and daily counts. The
//! documents are JSON the service has parsed; nothing here reads them.

use super::{new_id, now_ms, Db};
use crate::domain::list_filters::PageListQuery;
use crate::domain::list_query::{ListFilter, PAGE_SIZE};
use sqlx::{AssertSqlSafe, FromRow};

/// A page as the back office lists it, with its counts summed over days.
#[derive(Debug, Clone, FromRow)]
pub struct PageListRow {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub status: String,
    pub updated_at: i64,
    pub updated_by_name: Option<String>,
    pub published_at: Option<i64>,
    pub views: i64,
    pub leads: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct PageRow {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub status: String,
    pub draft_json: String,
    pub draft_revision: i64,
    pub published_json: Option<String>,
    pub published_at: Option<i64>,
    pub template_key: String,
    pub updated_at: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub document_json: String,
    pub author_name: Option<String>,
    pub created_at: i64,
}

/// A new page: its first draft, already serialised.
pub struct NewPage<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub draft_json: &'a str,
    pub template_key: &'a str,
    pub owner_id: &'a str,
}

/// What a guarded draft write found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftWrite {
    Saved {
        revision: i64,
    },
    /// Someone saved since the revision the editor started from.
    Stale {
        current: i64,
    },
    Missing,
}

// SUM of a BIGINT is NUMERIC on PostgreSQL, which the Any driver cannot read.
const COUNTS: &str = "(SELECT page_id, CAST(SUM(views) AS BIGINT) AS views, \
    CAST(SUM(leads) AS BIGINT) AS leads FROM landing_page_daily GROUP BY page_id)";

pub async fn insert(db: &Db, page: NewPage<'_>) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO landing_pages (id, slug, title, status, draft_json, template_key, owner_id, \
         created_at, updated_at, updated_by) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $7, $6)",
    )
    .bind(&id)
    .bind(page.slug)
    .bind(page.title)
    .bind(page.draft_json)
    .bind(page.template_key)
    .bind(page.owner_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The slug is a page again: it no longer sends visitors elsewhere.
    sqlx::query("DELETE FROM landing_page_redirects WHERE old_slug = $1")
        .bind(page.slug)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// One page of the back-office list (newest edits first) and how many match.
pub async fn list(db: &Db, query: &PageListQuery) -> Result<(Vec<PageListRow>, i64), sqlx::Error> {
    let filter = "($1 = '' OR lower(p.title) LIKE $1 ESCAPE '\\' OR p.slug LIKE $1 ESCAPE '\\') \
                  AND ($2 = '' OR p.status = $2)";
    let pattern = query.like_pattern();
    let status = query.filter.map(|f| f.as_str()).unwrap_or_default();
    let rows = sqlx::query_as(AssertSqlSafe(format!(
        "{} WHERE {filter} ORDER BY p.updated_at DESC, p.id LIMIT $3 OFFSET $4",
        summary_select()
    )))
    .bind(&pattern)
    .bind(status)
    .bind(PAGE_SIZE)
    .bind(query.offset())
    .fetch_all(&db.pool)
    .await?;
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM landing_pages p WHERE {filter}"
    )))
    .bind(&pattern)
    .bind(status)
    .fetch_one(&db.pool)
    .await?;
    Ok((rows, total))
}

/// A page as the list shows it: who edited it last, and its counts.
fn summary_select() -> String {
    format!(
        "SELECT p.id, p.slug, p.title, p.status, p.updated_at, u.display_name AS updated_by_name, \
         p.published_at, COALESCE(c.views, 0) AS views, COALESCE(c.leads, 0) AS leads \
         FROM landing_pages p LEFT JOIN users u ON u.id = p.updated_by \
         LEFT JOIN {COUNTS} c ON c.page_id = p.id"
    )
}

/// One page as the list shows it.
pub async fn summary(db: &Db, id: &str) -> Result<Option<PageListRow>, sqlx::Error> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{} WHERE p.id = $1",
        summary_select()
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

const SELECT_PAGE: &str = "SELECT id, slug, title, status, draft_json, draft_revision, \
    published_json, published_at, template_key, updated_at FROM landing_pages";

pub async fn get(db: &Db, id: &str) -> Result<Option<PageRow>, sqlx::Error> {
    sqlx::query_as(AssertSqlSafe(format!("{SELECT_PAGE} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The page at this slug if it is published: its id and published document.
pub async fn published_by_slug(
    db: &Db,
    slug: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, published_json FROM landing_pages \
         WHERE slug = $1 AND status = 'published' AND published_json IS NOT NULL",
    )
    .bind(slug)
    .fetch_optional(&db.pool)
    .await
}

/// A published page, with what the same query read of one visitor's arm in
/// the page's running experiment.
#[derive(Debug, Clone)]
pub struct PublishedPage {
    pub id: String,
    pub json: String,
    /// The page's running experiment and the visitor's stored arm in it;
    /// `None` when the page runs none or no visitor was named.
    pub arm_on_record: Option<super::experiments::ArmOnRecord>,
}

/// The published page at this slug and, for a visitor with a cookie, their
/// stored arm in its running experiment, in one round trip: a render that
/// needs the arm (a visitor the targeting turns away now may have been
/// admitted before) then does not wait for a second query.
pub async fn published_for_visitor(
    db: &Db,
    slug: &str,
    visitor_key: Option<&str>,
) -> Result<Option<PublishedPage>, sqlx::Error> {
    let Some(visitor_key) = visitor_key else {
        return Ok(published_by_slug(db, slug)
            .await?
            .map(|(id, json)| PublishedPage {
                id,
                json,
                arm_on_record: None,
            }));
    };
    // At most one experiment per page is live (`experiments_one_live_per_page`).
    let row: Option<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.published_json, x.id, e.arm_key FROM landing_pages p \
         LEFT JOIN experiments x ON x.page_id = p.id AND x.status = 'running' \
         LEFT JOIN experiment_exposures e ON e.experiment_id = x.id AND e.visitor_key = $2 \
         WHERE p.slug = $1 AND p.status = 'published' AND p.published_json IS NOT NULL",
    )
    .bind(slug)
    .bind(visitor_key)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, json, experiment_id, arm_key)| PublishedPage {
        id,
        json,
        arm_on_record: experiment_id.map(|experiment_id| super::experiments::ArmOnRecord {
            experiment_id,
            visitor_key: visitor_key.to_string(),
            arm_key,
        }),
    }))
}

/// The id of the published page at this slug.
pub async fn published_id_by_slug(db: &Db, slug: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM landing_pages \
         WHERE slug = $1 AND status = 'published' AND published_json IS NOT NULL",
    )
    .bind(slug)
    .fetch_optional(&db.pool)
    .await
}

/// Where an earlier slug now lives, if its page is still published.
pub async fn redirect_target(db: &Db, old_slug: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.slug FROM landing_page_redirects r JOIN landing_pages p ON p.id = r.page_id \
         WHERE r.old_slug = $1 AND p.status = 'published'",
    )
    .bind(old_slug)
    .fetch_optional(&db.pool)
    .await
}

/// Ids, slugs and published documents of every published page (the
/// sitemap leaves out the ones whose settings say noindex).
pub async fn published(db: &Db) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, slug, published_json, COALESCE(published_at, updated_at) FROM landing_pages \
         WHERE status = 'published' AND published_json IS NOT NULL ORDER BY slug",
    )
    .fetch_all(&db.pool)
    .await
}

/// Replaces the draft if nobody saved since `expected_revision`. A slug
/// change of a page that has been published leaves the old slug redirecting.
pub async fn write_draft(
    db: &Db,
    id: &str,
    expected_revision: i64,
    slug: &str,
    title: &str,
    draft_json: &str,
    user_id: &str,
) -> Result<DraftWrite, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let current: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT draft_revision, slug, published_at FROM landing_pages WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((revision, old_slug, published_at)) = current else {
        return Ok(DraftWrite::Missing);
    };
    if revision != expected_revision {
        return Ok(DraftWrite::Stale { current: revision });
    }
    let updated = sqlx::query(
        "UPDATE landing_pages SET slug = $1, title = $2, draft_json = $3, \
         draft_revision = draft_revision + 1, updated_at = $4, updated_by = $5 \
         WHERE id = $6 AND draft_revision = $7",
    )
    .bind(slug)
    .bind(title)
    .bind(draft_json)
    .bind(now_ms())
    .bind(user_id)
    .bind(id)
    .bind(expected_revision)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        // Another writer got in between (PostgreSQL, another app server).
        return Ok(DraftWrite::Stale {
            current: revision + 1,
        });
    }
    if old_slug != slug {
        sqlx::query("DELETE FROM landing_page_redirects WHERE old_slug = $1")
            .bind(slug)
            .execute(&mut *tx)
            .await?;
        if published_at.is_some() {
            sqlx::query(
                "INSERT INTO landing_page_redirects (old_slug, page_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (old_slug) DO UPDATE SET page_id = excluded.page_id, created_at = excluded.created_at",
            )
            .bind(&old_slug)
            .bind(id)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(DraftWrite::Saved {
        revision: revision + 1,
    })
}

/// Publishes `document_json` (the parsed draft) and keeps it as a version.
/// `false` when the page is gone.
pub async fn publish(
    db: &Db,
    id: &str,
    document_json: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE landing_pages SET status = 'published', published_json = $1, published_at = $2, \
         updated_at = $2, updated_by = $3 WHERE id = $4",
    )
    .bind(document_json)
    .bind(now)
    .bind(user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    insert_version(&mut tx, id, "published", "", document_json, user_id, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Keeps the current draft as a named version.
pub async fn name_version(
    db: &Db,
    id: &str,
    name: &str,
    document_json: &str,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    insert_version(&mut tx, id, "named", name, document_json, user_id, now_ms()).await?;
    tx.commit().await
}

pub(super) async fn insert_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    page_id: &str,
    kind: &str,
    name: &str,
    document_json: &str,
    user_id: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO landing_page_versions (id, page_id, kind, name, document_json, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(page_id)
    .bind(kind)
    .bind(name)
    .bind(document_json)
    .bind(user_id)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Takes the page off the site (`status` draft or archived); its versions stay.
pub async fn withdraw(db: &Db, id: &str, status: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "UPDATE landing_pages SET status = $1, published_json = NULL, updated_at = $2, updated_by = $3 \
         WHERE id = $4",
    )
    .bind(status)
    .bind(now_ms())
    .bind(user_id)
    .bind(id)
    .execute(&db.pool)
    .await
    .map(|r| r.rows_affected() == 1)
}

pub async fn delete(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM landing_pages WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|r| r.rows_affected() == 1)
}

pub async fn versions(db: &Db, page_id: &str) -> Result<Vec<VersionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.id, v.kind, v.name, v.document_json, u.display_name AS author_name, v.created_at \
         FROM landing_page_versions v LEFT JOIN users u ON u.id = v.author_id \
         WHERE v.page_id = $1 ORDER BY v.created_at DESC, v.id DESC",
    )
    .bind(page_id)
    .fetch_all(&db.pool)
    .await
}

/// One kept version of a page (`None` when it is not this page's).
pub async fn version(
    db: &Db,
    page_id: &str,
    version_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT document_json FROM landing_page_versions WHERE page_id = $1 AND id = $2",
    )
    .bind(page_id)
    .bind(version_id)
    .fetch_optional(&db.pool)
    .await
}

/// How many landing pages there are.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM landing_pages")
        .fetch_one(&db.pool)
        .await
}

/// Counts a view of a published page on `day` (days since the epoch).
pub async fn count_view(db: &Db, page_id: &str, day: i64) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO landing_page_daily (page_id, day, views, leads) VALUES ($1, $2, 1, 0) \
         ON CONFLICT (page_id, day) DO UPDATE SET views = landing_page_daily.views + 1",
    )
    .bind(page_id)
    .bind(day)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// Whether a slug is taken by a page other than `except_id`.
pub async fn slug_taken(db: &Db, slug: &str, except_id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM landing_pages WHERE slug = $1 AND id <> $2")
        .bind(slug)
        .bind(except_id)
        .fetch_one(&db.pool)
        .await
        .map(|n| n > 0)
}

/// Links a new lead to the landing page whose form it came from (by the
/// page's current slug) and counts it in the page's day. A slug no page has
/// (renamed since, or typed by hand) links nothing.
pub async fn record_lead(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    lead_id: &str,
    slug: &str,
    day: i64,
) -> Result<(), sqlx::Error> {
    let page: Option<String> = sqlx::query_scalar("SELECT id FROM landing_pages WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(page_id) = page else {
        return Ok(());
    };
    sqlx::query("UPDATE leads SET landing_page_id = $1 WHERE id = $2")
        .bind(&page_id)
        .bind(lead_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO landing_page_daily (page_id, day, views, leads) VALUES ($1, $2, 0, 1) \
         ON CONFLICT (page_id, day) DO UPDATE SET leads = landing_page_daily.leads + 1",
    )
    .bind(&page_id)
    .bind(day)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// A template saved from a page: (id, name, description).
pub type SavedTemplate = (String, String, String);

/// Keeps a document as a template others can start pages from.
pub async fn insert_template(
    db: &Db,
    name: &str,
    description: &str,
    document_json: &str,
    created_by: &str,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO page_templates (id, name, description, document_json, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(name)
    .bind(description)
    .bind(document_json)
    .bind(created_by)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(id)
}

/// Saved templates, newest first.
pub async fn saved_templates(db: &Db) -> Result<Vec<SavedTemplate>, sqlx::Error> {
    sqlx::query_as("SELECT id, name, description FROM page_templates ORDER BY created_at DESC, id")
        .fetch_all(&db.pool)
        .await
}

/// A saved template's document.
pub async fn saved_template_document(db: &Db, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT document_json FROM page_templates WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}
