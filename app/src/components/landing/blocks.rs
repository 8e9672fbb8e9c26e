//! One function per block type. Every string from the document is inserted
//! as text (escaped by the view macro), never as markup; URLs pass the
//! document's URL rules again before they become an `href` (see `links.rs`).
//! Each function returns an `AnyView` so the dispatcher's arms (and the
//! columns block's recursion) share one type.

use super::icons::{FeatureIcon, PlayMark};
use super::images::{media_image, BLOCK_IMAGE_SIZES, HERO_IMAGE_SIZES, LOGO_SIZES};
use super::lead_form::lead_form_block;
use super::links::{rel_for, safe_href, target_href, video_links};
use super::RenderContext;
use crate::components::case_study_card::CaseStudyCard;
use crate::components::roi_calculator::RoiCalculator;
use crate::domain::page_document::{
    block_style_classes, gap_class, join_classes, per_row_classes, spacing_classes, style_classes,
    Block, BlockProps, ButtonProps, CaseStudiesProps, Column, ColumnsProps, FaqProps,
    FeatureGridProps, HeadingProps, HeroProps, ImageProps, ListItem, LogoStripProps, RichBlock,
    RichTextProps, RoiCalculatorProps, SpacerProps, Span, TestimonialProps, VideoProps,
};
use leptos::prelude::*;

/// A block in its wrapper: `<div class="lp-block lp-block--{type} …" id=…>`
/// carrying the block's style classes (hidden ones are still rendered and
/// hidden by CSS per breakpoint).
pub(super) fn block_view(block: &Block, context: &RenderContext<'_>) -> AnyView {
    let class = block_class(block);
    let body = block_body(block, context);
    view! { <div class=class id=block.id.to_string()>{body}</div> }.into_any()
}

/// The classes of a block's wrapper: `lp-block lp-block--{type} {style}`.
pub fn block_class(block: &Block) -> String {
    let type_class = format!(
        "lp-block--{}",
        block.block_type().as_str().replace('_', "-")
    );
    join_classes([
        "lp-block",
        type_class.as_str(),
        block_style_classes(&block.style).as_str(),
    ])
}

fn block_body(block: &Block, context: &RenderContext<'_>) -> AnyView {
    match &block.props {
        BlockProps::Heading(props) => heading(props),
        BlockProps::RichText(props) => rich_text(props),
        BlockProps::Image(props) => image(props),
        BlockProps::Button(props) => button(block.id.as_str(), props, context),
        BlockProps::LeadForm(props) => lead_form_block(block.id.as_str(), props, context.data),
        BlockProps::Hero(props) => hero(block.id.as_str(), props, context),
        BlockProps::FeatureGrid(props) => feature_grid(props),
        BlockProps::Testimonial(props) => testimonial(props),
        BlockProps::LogoStrip(props) => logo_strip(props),
        BlockProps::Faq(props) => faq(props),
        BlockProps::CaseStudies(props) => case_studies(block.id.as_str(), props, context),
        BlockProps::RoiCalculator(props) => roi_calculator_block(props, context),
        BlockProps::Video(props) => video(props),
        BlockProps::Spacer(props) => spacer(props),
        BlockProps::Divider(_) => view! { <hr class="lp-divider" /> }.into_any(),
        BlockProps::Columns(props) => columns(props, &block.columns, context),
    }
}

/// A block's optional heading (`<h2>`), left out when empty.
fn optional_heading(text: &str) -> Option<AnyView> {
    (!text.is_empty())
        .then(|| view! { <h2 class="lp-block__heading">{text.to_string()}</h2> }.into_any())
}

fn heading(props: &HeadingProps) -> AnyView {
    let text = props.text.clone();
    match props.level {
        1 => view! { <h1 class="lp-heading">{text}</h1> }.into_any(),
        3 => view! { <h3 class="lp-heading">{text}</h3> }.into_any(),
        _ => view! { <h2 class="lp-heading">{text}</h2> }.into_any(),
    }
}

fn rich_text(props: &RichTextProps) -> AnyView {
    let parts = props.content.iter().map(rich_block).collect_view();
    view! { <div class="lp-prose">{parts}</div> }.into_any()
}

fn rich_block(part: &RichBlock) -> AnyView {
    match part {
        RichBlock::Paragraph { spans } => view! { <p>{spans_view(spans)}</p> }.into_any(),
        RichBlock::List {
            ordered: true,
            items,
        } => view! { <ol>{list_items(items)}</ol> }.into_any(),
        RichBlock::List { items, .. } => view! { <ul>{list_items(items)}</ul> }.into_any(),
    }
}

fn list_items(items: &[ListItem]) -> AnyView {
    items
        .iter()
        .map(|item| view! { <li>{spans_view(&item.spans)}</li> })
        .collect_view()
        .into_any()
}

fn spans_view(spans: &[Span]) -> AnyView {
    spans.iter().map(span_view).collect_view().into_any()
}

/// A run of text: `<em>` inside `<strong>` inside `<a>`, as its flags say.
fn span_view(span: &Span) -> AnyView {
    let mut content = span.text.clone().into_any();
    if span.italic {
        content = view! { <em>{content}</em> }.into_any();
    }
    if span.bold {
        content = view! { <strong>{content}</strong> }.into_any();
    }
    if let Some(href) = safe_href(&span.href) {
        let rel = rel_for(&href);
        content = view! { <a href=href rel=rel>{content}</a> }.into_any();
    }
    content
}

fn image(props: &ImageProps) -> AnyView {
    let picture = media_image(
        &props.media,
        &props.alt,
        BLOCK_IMAGE_SIZES,
        "lp-figure__image",
        false,
    );
    let caption = (!props.caption.is_empty()).then(|| {
        view! { <figcaption class="lp-figure__caption">{props.caption.clone()}</figcaption> }
    });
    view! { <figure class="lp-figure">{picture}{caption}</figure> }.into_any()
}

/// A call to action. `data-ce-cta` names the block for the event beacon
/// (a click goal of an experiment names the same id).
fn button(block_id: &str, props: &ButtonProps, context: &RenderContext<'_>) -> AnyView {
    let href = target_href(&props.target, &context.form_href);
    let rel = rel_for(&href);
    let class = format!("button button--{}", props.variant.as_str());
    view! { <a class=class href=href rel=rel data-ce-cta=block_id.to_string()>{props.label.clone()}</a> }
        .into_any()
}

/// The page's main heading (always `<h1>`), text and call to action, with
/// an optional image beside them (stacked on narrow screens by CSS).
fn hero(block_id: &str, props: &HeroProps, context: &RenderContext<'_>) -> AnyView {
    let text = (!props.text.is_empty())
        .then(|| view! { <p class="lp-hero__text">{props.text.clone()}</p> });
    let cta = props.cta.as_ref().map(|cta| {
        let href = target_href(&cta.target, &context.form_href);
        let rel = rel_for(&href);
        view! {
            <p class="lp-hero__actions">
                <a class="button button--primary" href=href rel=rel data-ce-cta=block_id.to_string()>{cta.label.clone()}</a>
            </p>
        }
    });
    let picture = props.image.as_ref().and_then(|image| {
        media_image(
            &image.media,
            &image.alt,
            HERO_IMAGE_SIZES,
            "lp-hero__image",
            true,
        )
    });
    let class = if picture.is_some() {
        "lp-hero lp-hero--with-image"
    } else {
        "lp-hero"
    };
    let media = picture.map(|picture| view! { <div class="lp-hero__media">{picture}</div> });
    view! {
        <div class=class>
            <div class="lp-hero__body">
                <h1 class="lp-hero__heading">{props.heading.clone()}</h1>
                {text}
                {cta}
            </div>
            {media}
        </div>
    }
    .into_any()
}

fn feature_grid(props: &FeatureGridProps) -> AnyView {
    let class = join_classes(["lp-grid", per_row_classes(&props.per_row).as_str()]);
    let items = props
        .items
        .iter()
        .map(|feature| {
            let icon = feature.icon.map(|icon| view! { <FeatureIcon icon=icon /> });
            let text = (!feature.text.is_empty())
                .then(|| view! { <p class="lp-feature__text">{feature.text.clone()}</p> });
            view! {
                <li class="lp-feature">
                    {icon}
                    <h3 class="lp-feature__title">{feature.title.clone()}</h3>
                    {text}
                </li>
            }
        })
        .collect_view();
    // role="list": `list-style: none` drops the list semantics in Safari.
    view! {
        {optional_heading(&props.heading)}
        <ul class=class role="list">{items}</ul>
    }
    .into_any()
}

fn testimonial(props: &TestimonialProps) -> AnyView {
    let role = (!props.role.is_empty())
        .then(|| view! { <span class="lp-quote__role">{format!(", {}", props.role)}</span> });
    view! {
        <figure class="lp-quote">
            <blockquote>
                <p>{props.quote.clone()}</p>
            </blockquote>
            <figcaption>
                <span class="lp-quote__author">{props.author.clone()}</span>
                {role}
            </figcaption>
        </figure>
    }
    .into_any()
}

fn logo_strip(props: &LogoStripProps) -> AnyView {
    let logos = props
        .logos
        .iter()
        .map(|logo| {
            let picture = media_image(&logo.media, &logo.alt, LOGO_SIZES, "lp-logos__image", false);
            view! { <li class="lp-logos__item">{picture}</li> }
        })
        .collect_view();
    view! {
        {optional_heading(&props.heading)}
        <ul class="lp-logos" role="list">{logos}</ul>
    }
    .into_any()
}

/// Questions as `<details>`: they open and close without any script.
fn faq(props: &FaqProps) -> AnyView {
    let items = props
        .items
        .iter()
        .map(|item| {
            view! {
                <details class="lp-faq__item">
                    <summary>{item.question.clone()}</summary>
                    <p class="lp-faq__answer">{item.answer.clone()}</p>
                </details>
            }
        })
        .collect_view();
    view! {
        {optional_heading(&props.heading)}
        <div class="lp-faq">{items}</div>
    }
    .into_any()
}

/// The cards the service looked up for this block (published studies only).
fn case_studies(block_id: &str, props: &CaseStudiesProps, context: &RenderContext<'_>) -> AnyView {
    let studies = context
        .data
        .case_studies
        .get(block_id)
        .cloned()
        .unwrap_or_default();
    let cards = if studies.is_empty() {
        view! { <p class="muted lp-cases__empty">"No published case studies match yet."</p> }
            .into_any()
    } else {
        let cards = studies
            .into_iter()
            .map(|study| view! { <CaseStudyCard study=study /> })
            .collect_view();
        view! { <div class="cs-grid lp-cases">{cards}</div> }.into_any()
    };
    view! {
        {optional_heading(&props.heading)}
        {cards}
    }
    .into_any()
}

/// The calculator island (the only block that downloads the WASM bundle),
/// starting empty; without its data (a page rendered without the database)
/// a link card to the calculator page.
pub(super) fn roi_calculator_block(
    props: &RoiCalculatorProps,
    context: &RenderContext<'_>,
) -> AnyView {
    if let Some(data) = context.data.calculator.clone() {
        return view! {
            {optional_heading(&props.heading)}
            <div class="lp-roi-embed"><RoiCalculator data /></div>
        }
        .into_any();
    }
    view! {
        {optional_heading(&props.heading)}
        <div class="lp-card lp-roi">
            <p class="lp-roi__title">"Estimate your return"</p>
            <p>"See what better decisions could be worth to your business, based on results we have measured."</p>
            <a class="button button--primary" href="/roi-calculator">"Open the ROI calculator"</a>
        </div>
    }
    .into_any()
}

/// Click-to-load: a plain link to the video's own page with the poster, so
/// nothing is requested from the video host before the visitor clicks. The
/// player URL rides along in `data-player` for a script that may embed it.
fn video(props: &VideoProps) -> AnyView {
    let (href, player) = video_links(&props.url);
    let poster = media_image(
        &props.poster.media,
        &props.poster.alt,
        BLOCK_IMAGE_SIZES,
        "lp-video__poster",
        false,
    );
    view! {
        <a class="lp-video" href=href rel="noopener" data-player=player>
            {poster}
            <PlayMark />
            <span class="lp-video__title">
                <span class="visually-hidden">"Play video: "</span>
                {props.title.clone()}
            </span>
        </a>
    }
    .into_any()
}

fn spacer(props: &SpacerProps) -> AnyView {
    let class = join_classes(["lp-spacer", spacing_classes(&props.size).as_str()]);
    view! { <div class=class aria-hidden="true"></div> }.into_any()
}

/// Columns side by side; each column holds leaf blocks (never columns).
/// The classes of a columns block's grid.
pub fn columns_class(props: &ColumnsProps) -> String {
    join_classes([
        "lp-columns",
        per_row_classes(&props.per_row).as_str(),
        gap_class(props.gap).as_str(),
    ])
}

/// The classes of one column.
pub fn column_class(column: &Column) -> String {
    join_classes(["lp-column", style_classes(&column.style).as_str()])
}

fn columns(props: &ColumnsProps, columns: &[Column], context: &RenderContext<'_>) -> AnyView {
    let class = columns_class(props);
    let columns = columns
        .iter()
        .map(|column| column_view(column, context))
        .collect_view();
    view! { <div class=class>{columns}</div> }.into_any()
}

fn column_view(column: &Column, context: &RenderContext<'_>) -> AnyView {
    let class = column_class(column);
    let blocks = column
        .blocks
        .iter()
        .map(|block| block_view(block, context))
        .collect_view();
    view! { <div class=class id=column.id.to_string()>{blocks}</div> }.into_any()
}
