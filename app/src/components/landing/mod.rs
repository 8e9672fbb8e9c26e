//! The landing-page renderer: a page document (`domain::page_document`)
//! becomes server-rendered HTML with no script (the FAQ is `<details>`, the
//! video a link, the lead form a plain POST). The same markup serves the
//! published page and the preview, and adapts to the width of its `.lp`
//! wrapper through CSS container queries, so an editor canvas narrower than
//! the window shows the tablet or mobile layout.
//!
//! Styles are design tokens turned into classes by
//! `domain::page_document::css_classes`; the stylesheet is the "Landing
//! pages" section at the end of `style/main.css`.
//!
//! ```text
//! <div class="lp" style="--lp-accent: …">
//!   <section class="lp-section {style}" id={section id}>
//!     <div class="lp-container lp-w-{width}">
//!       <div class="lp-block lp-block--{type} {style}" id={block id}> … </div>
//! ```

mod blocks;
mod form_fields;
mod icons;
mod images;
mod lead_form;
mod links;

use crate::domain::page_document::{
    accent_style, join_classes, style_classes, width_class, Block, Document, Section,
};
use leptos::prelude::*;

pub use blocks::{block_class, column_class, columns_class};
pub use icons::icon_svg;

pub use crate::model::landing_pages::{LandingData, LandingFormState};

/// What every block needs besides its own props, worked out once per page.
struct RenderContext<'a> {
    data: &'a LandingData,
    /// Where "scroll to the form" targets lead: `#` and the first lead
    /// form's block id, or `#` when the page has no form.
    form_href: String,
}

/// A whole landing page: every section of `document`, themed with its
/// accent colour.
#[component]
pub fn LandingDocument(document: Document, data: LandingData) -> impl IntoView {
    let context = RenderContext {
        data: &data,
        form_href: links::form_anchor(document.first_form_id().map(|id| id.as_str())),
    };
    let sections = document
        .sections
        .iter()
        .map(|section| section_view(section, &context))
        .collect_view();
    view! { <div class="lp" style=accent_style(&document.settings.accent)>{sections}</div> }
}

/// For the editor canvas: one block (a leaf block, wrapper included)
/// exactly as the published page renders it. `form_href` is where "scroll to
/// the form" links lead ([`form_href`]).
pub fn block_markup(block: &Block, data: &LandingData, form_href: &str) -> AnyView {
    let context = RenderContext {
        data,
        form_href: form_href.to_string(),
    };
    blocks::block_view(block, &context)
}

/// Where a document's "scroll to the form" links lead.
pub fn form_href(document: &Document) -> String {
    links::form_anchor(document.first_form_id().map(|id| id.as_str()))
}

/// A section's classes and its inner container's classes.
pub fn section_classes(section: &Section) -> (String, String) {
    (
        join_classes(["lp-section", style_classes(&section.style).as_str()]),
        join_classes(["lp-container", width_class(section.style.width)]),
    )
}

/// A full-width band (its tone paints the whole width) with its content in
/// a centred container of the section's width.
fn section_view(section: &Section, context: &RenderContext<'_>) -> AnyView {
    let (class, container) = section_classes(section);
    let blocks = section
        .blocks
        .iter()
        .map(|block| blocks::block_view(block, context))
        .collect_view();
    view! {
        <section class=class id=section.id.to_string()>
            <div class=container>{blocks}</div>
        </section>
    }
    .into_any()
}
