//! `/landing/{slug}`: a published landing page, rendered on the server from
//! its document by the same components the editor's preview uses; and
//! `/admin/pages/{id}/preview`, the draft as it would publish (staff only).
//! Neither downloads script unless a block needs it.

use crate::api::landing_pages::{preview_landing_page, public_landing_page};
use crate::components::http_status::{redirect, redirect_permanently, set_status};
use crate::components::island_scripts::island_scripts_in_page;
use crate::components::landing::LandingDocument;
use crate::components::seo::Seo;
use crate::components::site_footer::SiteFooter;
use crate::domain::campaign::campaign_from_query;
use crate::domain::islands::Bundle;
use crate::domain::media::media_url;
use crate::domain::page_document::parse_document;
use crate::domain::safe_redirect::encode_query_value;
use crate::error::AppError;
use crate::model::landing_pages::{FormReturn, LandingVisit, PublicPage, RenderablePage};
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

#[component]
pub fn LandingPage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let (campaign, returned, visit) = use_query_map().with_untracked(|q| {
        let pairs: Vec<(String, String)> = q
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        // Back from the page's own form (no JavaScript): its draft or thank-you.
        let returned = FormReturn {
            form: q.get("form").unwrap_or_default(),
            draft: q.get("draft").unwrap_or_default(),
            sent: q.get("sent").unwrap_or_default(),
        };
        // The campaign decides experiment targeting; `variant` is a staff
        // preview link's forced variant.
        let visit = LandingVisit {
            utm_source: q.get("utm_source").unwrap_or_default(),
            utm_campaign: q.get("utm_campaign").unwrap_or_default(),
            variant: q.get("variant").unwrap_or_default(),
        };
        (campaign_from_query(&pairs), returned, visit)
    });
    let page = Resource::new_blocking(
        move || (slug.clone(), returned.clone(), visit.clone()),
        |(slug, returned, visit)| public_landing_page(slug, returned, visit),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let campaign = campaign.clone();
                Suspend::new(async move {
                match page.await {
                    Ok(PublicPage::Found(page)) => {
                        let mut page = *page;
                        // Back from the form, the campaign comes with the draft.
                        if !campaign.is_empty() {
                            page.data.utm = campaign.clone();
                        }
                        view! { <RenderedPage page /> }.into_any()
                    }
                    Ok(PublicPage::Moved(slug)) => {
                        redirect_permanently(&format!("/landing/{slug}"));
                        ().into_any()
                    }
                    Ok(PublicPage::Missing) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => {
                        set_status(e.status());
                        view! { <p class="container alert alert--error" role="alert">{e.to_string()}</p> }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

#[component]
pub fn PreviewLandingPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let path = use_location().pathname.get_untracked();
    let page = Resource::new_blocking(move || id.clone(), preview_landing_page);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let path = path.clone();
                Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <RenderedPage page /> }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        redirect(&format!("/login?next={}", encode_query_value(&path)));
                        view! { <p><a href="/login">"Please log in"</a></p> }.into_any()
                    }
                    Err(e) => {
                        set_status(e.status());
                        view! { <p class="container alert alert--error" role="alert">{e.to_string()}</p> }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

/// The page's own frame: a slim header with the brand, the document, the
/// site's footer (privacy and contact links stay one click away).
#[component]
fn RenderedPage(page: RenderablePage) -> impl IntoView {
    let document = match parse_document(&page.document_json) {
        Ok(document) => document,
        Err(_) => {
            set_status(500);
            return view! { <p class="container alert alert--error" role="alert">"This page cannot be shown right now."</p> }.into_any();
        }
    };
    // Only a page holding the calculator block loads the WASM bundle; the
    // shell leaves it out of every `/landing/` page (domain::islands), so it
    // is added here, after the content. A preview is under `/admin/`, whose
    // shell loads it already.
    let scripts = (document.needs_script() && !page.preview)
        .then(|| island_scripts_in_page(Bundle::RoiCalculator));
    let settings = document.settings.clone();
    let path = format!("/landing/{}", settings.slug);
    let image = (!settings.og_image.is_empty()).then(|| media_url(&settings.og_image));
    // A preview is never indexed, whatever the page says.
    let noindex = settings.noindex || page.preview;
    view! {
        <Seo title=settings.title.clone() description=settings.description.clone() path
            image=image.unwrap_or_default() noindex />
        {page.preview.then(|| view! {
            <Meta name="referrer" content="same-origin" />
            <p class="preview-banner" role="status">
                "Preview of the draft, as it would publish. "
                <a href=format!("/admin/pages/{}/edit", page.page_id)>"Back to the editor"</a>
            </p>
        })}
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="lp-top">
            <a class="brand" href="/">
                <span class="brand__mark" aria-hidden="true">"CE"</span>
                "Causal Edge"
            </a>
        </header>
        <main id="main" class="lp-main">
            <LandingDocument document data=page.data />
        </main>
        <SiteFooter />
        {scripts}
        // The event beacon, for a visitor taking part in the page's experiment.
        {page.beacon.then(|| view! {
            <script src="/ce.js" defer=true nonce=crate::components::page_security::script_nonce()></script>
        })}
    }
    .into_any()
}
