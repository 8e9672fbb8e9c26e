//! Landing pages: create (from a template), list, save the draft (guarded
//! by its revision), publish, take down, restore, duplicate, and what the
//! public site renders. Every document that is stored went through
//! `parse_document` and is stored as the code serialises it.

use crate::db::landing_pages::{self as db_pages, DraftWrite, NewPage, PageListRow, PageRow};
use crate::db::{audit, Db};
use crate::domain::gallery_query::GalleryQuery;
use crate::domain::list_filters::{PageListQuery, PageState};
use crate::domain::list_query::ListFilter;
use crate::domain::page_document::{
    built_in, check_slug, media_references, parse_document, BlockProps, CaseStudySource, Document,
    DocumentError, BUILT_IN_TEMPLATES,
};
use crate::error::{AppError, FieldError};
use crate::model::auth::CurrentUser;
use crate::model::landing_pages::FormReturn;
use crate::model::landing_pages::{
    LandingData, NewPageInput, PageDetail, PageList, PageSummary, PublicPage, RenderablePage,
    TemplateChoice, VersionSummary,
};
use crate::model::showcase::CaseStudySummary;
use crate::services::context::{Cookies, RequestContext};
use crate::services::media_library;
use crate::services::visitor::Client;
use std::collections::HashMap;

const PAGE: &str = "That landing page";

fn summary(row: PageListRow) -> PageSummary {
    PageSummary {
        id: row.id,
        slug: row.slug,
        title: row.title,
        status: PageState::from_param(&row.status).unwrap_or(PageState::Draft),
        updated_at_ms: row.updated_at,
        updated_by: row.updated_by_name,
        published_at_ms: row.published_at,
        views: row.views,
        leads: row.leads,
    }
}

/// Every problem of a document as a field error named by its path (the
/// editor shows each on its node).
pub(crate) fn document_errors(errors: Vec<DocumentError>) -> AppError {
    AppError::Invalid(
        errors
            .into_iter()
            .map(|e| FieldError {
                field: if e.path.is_empty() {
                    "document".to_string()
                } else {
                    e.path.clone()
                },
                message: e.message,
            })
            .collect(),
    )
}

fn serialise(document: &Document) -> Result<String, AppError> {
    serde_json::to_string(document).map_err(AppError::internal)
}

/// What a key of a template saved from a page starts with (built-in keys
/// never do).
const SAVED_PREFIX: &str = "saved-";

/// The built-in templates, then those saved from pages (newest first).
pub async fn templates(db: &Db) -> Result<Vec<TemplateChoice>, AppError> {
    let built_in = BUILT_IN_TEMPLATES.iter().map(|t| TemplateChoice {
        key: t.key.to_string(),
        name: t.name.to_string(),
        description: t.description.to_string(),
    });
    let saved = db_pages::saved_templates(db)
        .await?
        .into_iter()
        .map(|(id, name, description)| TemplateChoice {
            key: format!("{SAVED_PREFIX}{id}"),
            name,
            description,
        });
    Ok(built_in.chain(saved).collect())
}

/// The longest template name.
const TEMPLATE_NAME_CHARS: usize = 80;

/// Keeps the page's draft as a template named `name`; answers its key.
pub async fn save_as_template(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    name: &str,
) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "Give the template a name."));
    }
    crate::domain::page_document::check_text(name, TEMPLATE_NAME_CHARS, false)
        .map_err(|message| AppError::invalid("name", message))?;
    let row = row(db, id).await?;
    let document = stored_document(&row.draft_json)?;
    let description = format!("Saved from “{}” by {}", row.title, user.display_name);
    let template_id =
        db_pages::insert_template(db, name, &description, &serialise(&document)?, &user.id).await?;
    Ok(format!("{SAVED_PREFIX}{template_id}"))
}

/// The document a new page starts from, and the key recorded with it.
async fn template_document(db: &Db, key: &str) -> Result<(Document, String), AppError> {
    let choose = || AppError::invalid("template", "Choose a template from the list.");
    if let Some(id) = key.strip_prefix(SAVED_PREFIX) {
        let json = db_pages::saved_template_document(db, id)
            .await?
            .ok_or_else(choose)?;
        return Ok((stored_document(&json)?, "saved".to_string()));
    }
    let template = built_in(key).ok_or_else(choose)?;
    let document = template.document().map_err(|_| {
        AppError::internal(format!("built-in template {} does not parse", template.key))
    })?;
    Ok((document, template.key.to_string()))
}

pub async fn list(db: &Db, query: PageListQuery) -> Result<PageList, AppError> {
    let (rows, total) = db_pages::list(db, &query).await?;
    Ok(PageList {
        pages: rows.into_iter().map(summary).collect(),
        total,
        query,
        problems: Vec::new(),
        templates: templates(db).await?,
    })
}

async fn row(db: &Db, id: &str) -> Result<PageRow, AppError> {
    db_pages::get(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(PAGE.to_string()))
}

/// A stored document; one that no longer parses (a rule tightened since it
/// was stored) is an internal error, logged with its problems.
pub(crate) fn stored_document(json: &str) -> Result<Document, AppError> {
    parse_document(json).map_err(|errors| {
        AppError::internal(format!(
            "a stored landing-page document does not parse: {}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })
}

/// What the page builder's canvas needs besides the document.
pub async fn editor_data(db: &Db, document: &Document) -> Result<LandingData, AppError> {
    Ok(LandingData {
        case_studies: case_study_cards(db, document).await?,
        slug: document.settings.slug.clone(),
        form_state: None,
        utm: Vec::new(),
        // The canvas shows the calculator block as its link card.
        calculator: None,
    })
}

pub async fn detail(db: &Db, id: &str) -> Result<PageDetail, AppError> {
    let row = row(db, id).await?;
    let document = stored_document(&row.draft_json)?;
    let versions = db_pages::versions(db, id)
        .await?
        .into_iter()
        .map(|v| VersionSummary {
            id: v.id,
            kind: v.kind,
            name: v.name,
            author: v.author_name,
            created_at_ms: v.created_at,
        })
        .collect();
    let unpublished_changes = row.published_json.as_deref() != Some(row.draft_json.as_str());
    let summary = db_pages::summary(db, id)
        .await?
        .map(summary)
        .ok_or_else(|| AppError::NotFound(PAGE.to_string()))?;
    let editor_data = editor_data(db, &document).await?;
    Ok(PageDetail {
        summary,
        draft_json: serde_json::to_string_pretty(&document).map_err(AppError::internal)?,
        revision: row.draft_revision,
        unpublished_changes,
        versions,
        editor_data,
    })
}

async fn check_slug_free(db: &Db, slug: &str, except_id: &str) -> Result<(), AppError> {
    check_slug(slug).map_err(|message| AppError::invalid("slug", message))?;
    if db_pages::slug_taken(db, slug, except_id).await? {
        return Err(AppError::conflict(
            "slug",
            format!("Another landing page already uses the address /landing/{slug}."),
        ));
    }
    Ok(())
}

fn slug_conflict(err: sqlx::Error, slug: &str) -> AppError {
    AppError::unique_conflict(
        err,
        "slug",
        format!("Another landing page already uses the address /landing/{slug}."),
    )
}

/// A new draft from a built-in template, with its own title and slug.
pub async fn create(db: &Db, user: &CurrentUser, input: NewPageInput) -> Result<String, AppError> {
    let (mut document, template_key) = template_document(db, input.template.trim()).await?;
    let title = input.title.trim();
    if title.is_empty() {
        return Err(AppError::invalid("title", "Give the page a title."));
    }
    let slug = input.slug.trim().to_string();
    document.settings.title = title.to_string();
    document.settings.slug = slug.clone();
    // The title goes through the same rules as any document's.
    let document = parse_document(&serialise(&document)?).map_err(document_errors)?;
    check_slug_free(db, &slug, "").await?;
    let json = serialise(&document)?;
    let id = db_pages::insert(
        db,
        NewPage {
            slug: &slug,
            title: &document.settings.title,
            draft_json: &json,
            template_key: &template_key,
            owner_id: &user.id,
        },
    )
    .await
    .map_err(|e| slug_conflict(e, &slug))?;
    audit::record(
        db,
        Some(&user.id),
        "landing_page.created",
        &id,
        serde_json::json!({ "slug": slug, "template": template_key }),
    )
    .await?;
    Ok(id)
}

/// Replaces the draft with `json` if it parses and nobody saved since
/// `revision`; returns the new revision.
pub async fn save_draft(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    revision: i64,
    json: &str,
) -> Result<i64, AppError> {
    let document = parse_document(json).map_err(document_errors)?;
    let slug = document.settings.slug.clone();
    check_slug_free(db, &slug, id).await?;
    if !media_references(&document).is_empty() {
        let current = row(db, id).await?;
        let draft = stored_document(&current.draft_json)?;
        let published = current
            .published_json
            .as_deref()
            .map(stored_document)
            .transpose()?;
        let stored: Vec<&Document> = std::iter::once(&draft).chain(published.as_ref()).collect();
        media_library::check_page_images(db, &document, &stored).await?;
    }
    let stored = serialise(&document)?;
    match db_pages::write_draft(
        db,
        id,
        revision,
        &slug,
        &document.settings.title,
        &stored,
        &user.id,
    )
    .await
    .map_err(|e| slug_conflict(e, &slug))?
    {
        DraftWrite::Saved { revision } => Ok(revision),
        DraftWrite::Stale { current } => Err(AppError::conflict(
            "revision",
            format!(
                "This page was saved elsewhere since you opened it (now at revision {current}). \
                 Reload it to see those changes; your edits here were not saved."
            ),
        )),
        DraftWrite::Missing => Err(AppError::NotFound(PAGE.to_string())),
    }
}

pub async fn publish(db: &Db, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    let row = row(db, id).await?;
    let document = stored_document(&row.draft_json)?;
    let json = serialise(&document)?;
    if !db_pages::publish(db, id, &json, &user.id).await? {
        return Err(AppError::NotFound(PAGE.to_string()));
    }
    audit::record(
        db,
        Some(&user.id),
        "landing_page.published",
        id,
        serde_json::json!({ "slug": row.slug }),
    )
    .await?;
    Ok(())
}

/// Takes a page off the site, back to a draft or into the archive.
pub async fn withdraw(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    to: PageState,
) -> Result<(), AppError> {
    if to == PageState::Published {
        return Err(AppError::invalid("status", "Publish a page with Publish."));
    }
    let row = row(db, id).await?;
    db_pages::withdraw(db, id, to.as_str(), &user.id).await?;
    let action = match to {
        PageState::Archived => "landing_page.archived",
        _ => "landing_page.unpublished",
    };
    audit::record(
        db,
        Some(&user.id),
        action,
        id,
        serde_json::json!({ "slug": row.slug }),
    )
    .await?;
    Ok(())
}

pub async fn delete(db: &Db, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    let row = row(db, id).await?;
    if !db_pages::delete(db, id).await? {
        return Err(AppError::NotFound(PAGE.to_string()));
    }
    audit::record(
        db,
        Some(&user.id),
        "landing_page.deleted",
        id,
        serde_json::json!({ "slug": row.slug, "title": row.title }),
    )
    .await?;
    Ok(())
}

/// A free slug for a copy: `{slug}-copy`, then `-copy-2` …
async fn copy_slug(db: &Db, slug: &str) -> Result<String, AppError> {
    let stem: String = slug.chars().take(100).collect();
    let stem = stem.trim_end_matches('-');
    for n in 1..100 {
        let candidate = if n == 1 {
            format!("{stem}-copy")
        } else {
            format!("{stem}-copy-{n}")
        };
        if !db_pages::slug_taken(db, &candidate, "").await? {
            return Ok(candidate);
        }
    }
    Err(AppError::conflict(
        "slug",
        "Too many copies of this page; rename one first.",
    ))
}

/// A new draft holding a copy of the page's draft, under a free slug.
pub async fn duplicate(db: &Db, user: &CurrentUser, id: &str) -> Result<String, AppError> {
    let row = row(db, id).await?;
    let mut document = stored_document(&row.draft_json)?;
    let slug = copy_slug(db, &row.slug).await?;
    document.settings.slug = slug.clone();
    let title: String = format!("{} (copy)", document.settings.title);
    document.settings.title = title.chars().take(120).collect();
    let json = serialise(&document)?;
    let new_id = db_pages::insert(
        db,
        NewPage {
            slug: &slug,
            title: &document.settings.title,
            draft_json: &json,
            template_key: &row.template_key,
            owner_id: &user.id,
        },
    )
    .await
    .map_err(|e| slug_conflict(e, &slug))?;
    audit::record(
        db,
        Some(&user.id),
        "landing_page.duplicated",
        &new_id,
        serde_json::json!({ "from": id, "slug": slug }),
    )
    .await?;
    Ok(new_id)
}

/// Makes a kept version the draft again (a new revision: nothing is lost,
/// the draft it replaces was itself saved or published before).
pub async fn restore(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    version_id: &str,
) -> Result<i64, AppError> {
    let row = row(db, id).await?;
    let version_json = db_pages::version(db, id, version_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That version".to_string()))?;
    let mut document = stored_document(&version_json)?;
    // The page keeps its current address.
    document.settings.slug = row.slug.clone();
    let revision = save_draft(db, user, id, row.draft_revision, &serialise(&document)?).await?;
    audit::record(
        db,
        Some(&user.id),
        "landing_page.restored",
        id,
        serde_json::json!({ "version": version_id }),
    )
    .await?;
    Ok(revision)
}

/// Keeps the current draft as a named version.
pub async fn name_version(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    name: &str,
) -> Result<(), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid(
            "name",
            "Name the version in 1 to 80 characters.",
        ));
    }
    let row = row(db, id).await?;
    db_pages::name_version(db, id, name, &row.draft_json, &user.id).await?;
    Ok(())
}

/// The draft as a file to download and import elsewhere.
pub async fn export(db: &Db, id: &str) -> Result<(String, String), AppError> {
    let row = row(db, id).await?;
    let document = stored_document(&row.draft_json)?;
    Ok((
        row.slug,
        serde_json::to_string_pretty(&document).map_err(AppError::internal)?,
    ))
}

/// The cards each case-studies block shows, newest published first.
async fn case_study_cards(
    db: &Db,
    document: &Document,
) -> Result<HashMap<String, Vec<CaseStudySummary>>, AppError> {
    let mut cards = HashMap::new();
    for block in document.blocks() {
        let BlockProps::CaseStudies(props) = &block.props else {
            continue;
        };
        let max = usize::from(props.max.clamp(1, 12));
        let studies = match &props.source {
            CaseStudySource::Filter {
                industry_sic,
                methodology,
            } => {
                let query = GalleryQuery {
                    industry: (!industry_sic.is_empty()).then(|| industry_sic.clone()),
                    experiment_type: methodology
                        .and_then(|m| crate::domain::showcase::Methodology::parse(m.as_str())),
                    limit: max as i64,
                    ..GalleryQuery::default()
                };
                super::showcase::gallery(db, &query).await?.case_studies
            }
            CaseStudySource::Chosen { slugs } => {
                let query = GalleryQuery {
                    limit: 500,
                    ..GalleryQuery::default()
                };
                let all = super::showcase::gallery(db, &query).await?.case_studies;
                slugs
                    .iter()
                    .filter_map(|slug| all.iter().find(|s| &s.slug == slug).cloned())
                    .take(max)
                    .collect()
            }
        };
        cards.insert(block.id.to_string(), studies);
    }
    Ok(cards)
}

async fn renderable(
    db: &Db,
    page_id: String,
    slug: String,
    json: &str,
    preview: bool,
) -> Result<RenderablePage, AppError> {
    let document = stored_document(json)?;
    let case_studies = case_study_cards(db, &document).await?;
    Ok(RenderablePage {
        page_id,
        // Stored documents are already in the form the code serialises.
        document_json: json.to_string(),
        data: LandingData {
            case_studies,
            slug,
            form_state: None,
            utm: Vec::new(),
            calculator: calculator_data(db, &document).await?,
        },
        preview,
        personalised: false,
        beacon: false,
    })
}

/// What a calculator block's island needs, for a page that has one.
async fn calculator_data(
    db: &Db,
    document: &Document,
) -> Result<Option<crate::model::roi::CalculatorData>, AppError> {
    if !document.needs_script() {
        return Ok(None);
    }
    let form = crate::domain::roi::form_from_query(&[]);
    crate::services::roi::calculator(db, form, false)
        .await
        .map(Some)
}

/// What `/landing/{slug}` shows, counting the view (not for obvious bots,
/// nor a visitor coming back from the page's form). `returned` is where
/// the page's form sent the visitor back: their draft or thank-you.
pub async fn public_page(
    db: &Db,
    ctx: &RequestContext,
    cookies: &mut Cookies,
    slug: &str,
    returned: &FormReturn,
    visit: &crate::services::experiments::PageVisit,
) -> Result<PublicPage, AppError> {
    // A visitor with our cookie: the page's query also reads their stored
    // arm, should the experiment need it (a bot is never enrolled).
    let visitor_key = ctx
        .visitor_id
        .as_deref()
        .filter(|_| !crate::domain::visitor::is_probable_bot(ctx.user_agent.as_deref()))
        .map(crate::services::visitor::visitor_key);
    if let Some(found) = db_pages::published_for_visitor(db, slug, visitor_key.as_deref()).await? {
        let (page_id, json) = (found.id, found.json);
        let visit = crate::services::experiments::PageVisit {
            arm_on_record: found.arm_on_record,
            ..visit.clone()
        };
        // A running experiment decides which of the page's documents this
        // visitor sees (the published one otherwise).
        let choice =
            crate::services::experiments::page_arm(db, ctx, cookies, &page_id, &json, &visit)
                .await?;
        let mut page = renderable(
            db,
            page_id.clone(),
            slug.to_string(),
            &choice.document_json,
            false,
        )
        .await?;
        // A page showing this visitor's own draft or thank-you is theirs
        // alone: never kept by a shared cache.
        page.personalised = choice.personalised || !returned.is_empty();
        page.beacon = choice.enrolled;
        if returned.is_empty() {
            if !crate::domain::visitor::is_probable_bot(ctx.user_agent.as_deref()) {
                count_view(db.clone(), page_id);
            }
        } else {
            // No cookie is set here: without one there is no draft to show.
            let client = Client::identify(ctx, &mut Cookies::default());
            if let Some((state, typed)) =
                crate::services::landing_forms::returned_state(db, &client, returned).await?
            {
                page.data.form_state = Some(state);
                // The campaign of the visit, which the address no longer carries.
                if let Some(typed) = typed {
                    page.data.utm = campaign_of(&typed);
                }
            }
        }
        return Ok(PublicPage::Found(Box::new(page)));
    }
    Ok(match db_pages::redirect_target(db, slug).await? {
        Some(target) => PublicPage::Moved(target),
        None => PublicPage::Missing,
    })
}

/// The utm_* fields a lead form carried, as the page's hidden inputs.
fn campaign_of(form: &crate::domain::lead_form::LeadForm) -> Vec<(String, String)> {
    crate::domain::campaign::campaign_from_query(&[
        ("utm_source".to_string(), form.utm_source.clone()),
        ("utm_medium".to_string(), form.utm_medium.clone()),
        ("utm_campaign".to_string(), form.utm_campaign.clone()),
    ])
}

/// Counts a view of the published page at `slug` answered from the page
/// cache (the render that filled the cache counted its own view), behind
/// the response; not for obvious bots.
pub fn count_cached_view(db: &Db, ctx: &RequestContext, slug: &str) {
    if crate::domain::visitor::is_probable_bot(ctx.user_agent.as_deref()) {
        return;
    }
    let day = crate::db::now_ms().div_euclid(86_400_000);
    let (db, slug) = (db.clone(), slug.to_string());
    tokio::spawn(async move {
        let counted = async {
            match db_pages::published_id_by_slug(&db, &slug).await? {
                Some(page_id) => db_pages::count_view(&db, &page_id, day).await,
                None => Ok(()),
            }
        }
        .await;
        if let Err(e) = counted {
            tracing::warn!(error = %e, slug, "could not count a cached landing-page view");
        }
    });
}

/// Counted in its own task: a visitor who leaves mid-render must not leave
/// the count half written, and the page does not wait for it.
fn count_view(db: Db, page_id: String) {
    let day = crate::db::now_ms().div_euclid(86_400_000);
    tokio::spawn(async move {
        if let Err(e) = db_pages::count_view(&db, &page_id, day).await {
            tracing::warn!(error = %e, page_id, "could not count a landing-page view");
        }
    });
}

/// The draft, rendered as it would publish (staff only; not counted).
pub async fn preview(db: &Db, id: &str) -> Result<RenderablePage, AppError> {
    let row = row(db, id).await?;
    renderable(db, row.id, row.slug, &row.draft_json, true).await
}

/// (slug, last change) of every published, indexable page.
pub async fn sitemap_entries(db: &Db) -> Result<Vec<(String, i64)>, AppError> {
    let mut entries = Vec::new();
    for (_, slug, json, at) in db_pages::published(db).await? {
        match parse_document(&json) {
            Ok(document) if !document.settings.noindex => entries.push((slug, at)),
            Ok(_) => {}
            Err(_) => tracing::warn!(slug, "a published landing page does not parse"),
        }
    }
    Ok(entries)
}

/// Demo content: one published page per built-in template, owned by
/// `owner`, when there are no landing pages yet.
pub async fn seed_demo(db: &Db, owner: &CurrentUser) -> Result<usize, AppError> {
    if db_pages::count(db).await? > 0 {
        return Ok(0);
    }
    let mut published = 0;
    for template in BUILT_IN_TEMPLATES {
        let document = template.document().map_err(|_| {
            AppError::internal(format!("built-in template {} does not parse", template.key))
        })?;
        let input = NewPageInput {
            template: template.key.to_string(),
            title: document.settings.title.clone(),
            slug: document.settings.slug.clone(),
        };
        let id = create(db, owner, input).await?;
        publish(db, owner, &id).await?;
        published += 1;
    }
    Ok(published)
}
