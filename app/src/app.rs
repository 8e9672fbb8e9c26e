use crate::components::island_scripts::IslandScripts;
use crate::domain::admin_section::AdminSection;
use crate::domain::islands::Bundle;
use crate::pages::admin::{
    account::AccountPage,
    case_studies::CaseStudiesAdminPage,
    case_study_edit::{EditCaseStudyPage, NewCaseStudyPage},
    consultants::{ConsultantsAdminPage, EditConsultantPage},
    dashboard::DashboardPage,
    email_templates::{EmailTemplatePage, EmailTemplatesPage},
    experiment_variant::ExperimentVariantPage,
    experiments::{ExperimentDetailPage, ExperimentsAdminPage},
    jobs::JobsPage,
    landing_pages::{EditLandingPagePage, LandingPagesAdminPage},
    lead_detail::LeadDetailPage,
    leads::LeadsAdminPage,
    settings::SettingsPage,
    users::UsersPage,
    webhooks::WebhooksPage,
};
use crate::pages::leads::{ContactPage, ThanksPage};
use crate::pages::roi::{RoiCalculatorPage, RoiResultPage};
use crate::pages::showcase::{
    case_study::CaseStudyPage, consultant::ConsultantPage, consultants::ConsultantsPage,
    gallery::GalleryPage,
};
use crate::pages::tools::AbTestCalculatorPage;
use crate::pages::{
    home::HomePage,
    landing::{LandingPage, PreviewLandingPage},
    login::LoginPage,
    not_found::NotFoundPage,
    password::{ForgotPasswordPage, SetPasswordPage},
    privacy::PrivacyPage,
    unsubscribe::UnsubscribePage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// Adds `js` to `<html>` (see the shell); opens and closes the narrow-screen
/// menu (no WASM for a menu); copies a `data-copy` button's link to the
/// clipboard and says so (components::copy_button); asks before submitting a form
/// that carries `data-confirm` (a delete, say); and, until its island has
/// hydrated, lets a form's `data-reveal-step` button open the step after it
/// (the island takes over from there, keeping what was typed). One script with the page's
/// nonce instead of inline `onsubmit` handlers, which the Content-Security-
/// Policy does not run. A constant, because the view macro renders a literal
/// `inner_html` as a plain attribute.
const SHELL_SCRIPT: &str = "document.documentElement.classList.add('js');\
document.addEventListener('submit',function(e){var m=e.target.getAttribute&&e.target.getAttribute('data-confirm');\
if(m&&!window.confirm(m)){e.preventDefault();e.stopImmediatePropagation();}},true);\
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-reveal-step]');\
var f=b&&b.closest('form');if(!f||f.getAttribute('data-hydrated')==='true')return;\
var s=f.querySelector('.lead-form__step--later');if(!s)return;s.classList.add('is-open');b.hidden=true;\
var i=s.querySelector('select,input:not([type=hidden]),textarea');if(i)i.focus();});\
document.addEventListener('click',function(e){var t=e.target.closest&&e.target.closest('.site-nav__toggle');if(!t)return;\
var n=t.closest('.site-nav');var o=n.classList.toggle('site-nav--open');t.setAttribute('aria-expanded',o?'true':'false');\
var l=t.querySelector('.site-nav__label');if(l)l.textContent=o?'Close menu':'Menu';});\
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-copy]');if(!b)return;\
var t=b.getAttribute('data-copy');if(t.charAt(0)==='/')t=location.origin+t;var s=b.nextElementSibling;\
var say=function(ok){b.textContent=ok?'Copied':'Copy failed';if(s)s.textContent=ok?'Copied to the clipboard.':'The browser did not allow copying: copy the link by hand.';};\
if(navigator.clipboard)navigator.clipboard.writeText(t).then(function(){say(true);},function(){say(false);});else say(false);});";

/// The classes `SHELL_SCRIPT` puts on elements: `js` on `<html>` before the
/// first paint, the others on a click. The server counts them as present
/// in every page when it picks the stylesheet rules to inline
/// (server::critical_css). They must be: the whole stylesheet applies only
/// when an island hydrates (components/island_script.js), so on a page
/// without islands (the phone menu on `/privacy`) these rules are the only
/// ones that style what the script changes.
pub const SHELL_SCRIPT_CLASSES: [&str; 3] = ["js", "is-open", "site-nav--open"];

/// The WASM bundle this request's page loads, if it renders an island (see
/// domain::islands). Only the server renders the shell.
fn page_bundle() -> Option<Bundle> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| crate::domain::islands::bundle_for(parts.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// In islands mode only islands hydrate, so nothing outside one needs its
/// resources' values sent along with the page. The hydration scripts say so
/// when they render; a page without a bundle says it here, or every
/// resource on it (a landing page's whole document) would be serialised
/// into its HTML for nothing. Islands switch it back on inside themselves.
fn nothing_outside_islands_hydrates() {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    nothing_outside_islands_hydrates();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // Marks a browser that runs scripts before anything is drawn, so
                // the CSS can lay out the enhanced navigation from the first
                // paint instead of shifting the page when the island hydrates.
                <script nonce=crate::components::page_security::script_nonce() inner_html=SHELL_SCRIPT></script>
                <AutoReload options=options.clone() />
                // /pkg/causal-edge.<hash>.css when the build hashed its files.
                <HashedStylesheet options=options.clone() id="leptos" />
                // Only pages with islands load a WASM bundle (see domain::islands).
                {page_bundle().map(|bundle| view! { <IslandScripts options=options.clone() bundle /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::components::page_security::send_content_policy();
    // Every admin page checks the session before rendering, so it renders
    // fully on the server (Async) and can answer with a redirect or a 403.
    let guarded = SsrMode::Async;
    view! {
        <Link rel="icon" href="/favicon.ico" />
        <Meta name="theme-color" content="#0f3d3e" />
        <Title formatter=page_title />
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/set-password") view=SetPasswordPage ssr=SsrMode::Async />
                // Showcase pages render fully before sending so a missing slug is a real 404.
                <Route path=path!("/case-studies") view=GalleryPage ssr=SsrMode::Async />
                <Route path=path!("/case-studies/:slug") view=CaseStudyPage ssr=SsrMode::Async />
                <Route path=path!("/consultants") view=ConsultantsPage ssr=SsrMode::Async />
                <Route path=path!("/consultants/:id") view=ConsultantPage ssr=SsrMode::Async />
                <Route path=path!("/roi-calculator") view=RoiCalculatorPage ssr=SsrMode::Async />
                <Route path=path!("/tools/ab-test-calculator") view=AbTestCalculatorPage ssr=SsrMode::Async />
                <Route path=path!("/roi-calculator/r/:id") view=RoiResultPage ssr=SsrMode::Async />
                <Route path=path!("/contact") view=ContactPage ssr=SsrMode::Async />
                <Route path=path!("/thanks/:id") view=ThanksPage ssr=SsrMode::Async />
                <Route path=path!("/privacy") view=PrivacyPage />
                <Route path=path!("/landing/:slug") view=LandingPage ssr=SsrMode::Async />
                <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async />
                <Route path=path!("/admin") view=DashboardPage ssr=guarded.clone() />
                <Route path=path!("/admin/users") view=UsersPage ssr=guarded.clone() />
                <Route path=path!("/admin/jobs") view=JobsPage ssr=guarded.clone() />
                <Route path=path!("/admin/webhooks") view=WebhooksPage ssr=guarded.clone() />
                <Route path=path!("/admin/pages") view=LandingPagesAdminPage ssr=guarded.clone() />
                <Route path=path!("/admin/pages/:id/edit") view=EditLandingPagePage ssr=guarded.clone() />
                <Route path=path!("/admin/pages/:id/preview") view=PreviewLandingPage ssr=guarded.clone() />
                <Route path=path!("/admin/emails") view=EmailTemplatesPage ssr=guarded.clone() />
                <Route path=path!("/admin/experiments") view=ExperimentsAdminPage ssr=guarded.clone() />
                <Route path=path!("/admin/experiments/:id") view=ExperimentDetailPage ssr=guarded.clone() />
                <Route path=path!("/admin/experiments/:id/variants/:arm/edit") view=ExperimentVariantPage ssr=guarded.clone() />
                <Route path=path!("/admin/emails/:key") view=EmailTemplatePage ssr=guarded.clone() />
                <Route path=path!("/admin/account") view=AccountPage ssr=guarded.clone() />
                <Route path=path!("/admin/case-studies") view=CaseStudiesAdminPage ssr=guarded.clone() />
                <Route path=path!("/admin/case-studies/new") view=NewCaseStudyPage ssr=guarded.clone() />
                <Route path=path!("/admin/case-studies/:id/edit") view=EditCaseStudyPage ssr=guarded.clone() />
                <Route path=path!("/admin/consultants") view=ConsultantsAdminPage ssr=guarded.clone() />
                <Route path=path!("/admin/leads") view=LeadsAdminPage ssr=guarded.clone() />
                <Route path=path!("/admin/leads/:id") view=LeadDetailPage ssr=guarded.clone() />
                <Route path=path!("/admin/settings") view=SettingsPage ssr=guarded.clone() />
                <Route path=path!("/admin/consultants/:id/edit") view=EditConsultantPage ssr=guarded />
            </Routes>
        </Router>
    }
}

/// The document title. leptos_meta writes it into `<title>` verbatim on the
/// server, and titles carry user-editable text (names, case-study titles), so
/// it is escaped here. (In the browser it would go through `document.title`,
/// which takes text; in islands mode the title is only rendered on the server.)
fn page_title(title: String) -> String {
    let full = if title.is_empty() {
        "Causal Edge".to_string()
    } else {
        format!("{title} · Causal Edge")
    };
    if cfg!(feature = "ssr") {
        crate::domain::html_text::escape_text(&full)
    } else {
        full
    }
}

/// The admin paths that exist, for tests and the sitemap of the back office.
pub fn admin_paths() -> impl Iterator<Item = &'static str> {
    AdminSection::ALL
        .into_iter()
        .filter(|s| s.is_available())
        .map(AdminSection::path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_the_shell_script_sets_is_listed() {
        let mut set = Vec::new();
        for call in ["classList.add('", "classList.toggle('"] {
            for (at, _) in SHELL_SCRIPT.match_indices(call) {
                let rest = &SHELL_SCRIPT[at + call.len()..];
                set.push(&rest[..rest.find('\'').expect("a quoted class")]);
            }
        }
        set.sort_unstable();
        set.dedup();
        let mut listed = SHELL_SCRIPT_CLASSES.to_vec();
        listed.sort_unstable();
        assert_eq!(set, listed);
    }
}
