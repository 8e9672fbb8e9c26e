//! The canvas: the document rendered by the same components as the published
//! page (`components::landing`), each node wrapped in a `display: contents`
//! element that carries its id, so the layout is exactly the published one.
//!
//! Only what changed is rendered again: sections and blocks are keyed by
//! their id and a fingerprint of their JSON. Selecting, dragging and inline
//! editing are handled by listeners on the canvas root (event delegation),
//! reading `data-node` (a node's id), `data-kind` and, on containers,
//! `data-container` / `data-accepts`.

use super::drag::Dnd;
use super::state::Editor;
use crate::components::landing::{
    block_class, block_markup, column_class, columns_class, form_href, section_classes, LandingData,
};
use crate::domain::page_document::{
    accent_style, fingerprint, BlockProps, Breakpoint, NodeId, NodeRef,
};
use leptos::prelude::*;

#[component]
pub fn Canvas(editor: Editor, dnd: Dnd, data: StoredValue<LandingData>) -> impl IntoView {
    let sections = move || {
        editor.doc.with(|d| {
            d.sections
                .iter()
                .map(|s| (s.id.clone(), fingerprint(&s.style)))
                .collect::<Vec<_>>()
        })
    };
    let accent = move || editor.doc.with(|d| accent_style(&d.settings.accent));
    let frame_class = move || format!("pb-frame pb-frame--{}", editor.viewport.get().as_str());
    let zoom = fit_to_stage(editor);
    let width_label = move || match editor.viewport.get() {
        Breakpoint::Desktop => "Desktop view (1200 px)",
        Breakpoint::Tablet => "Tablet view (768 px)",
        Breakpoint::Mobile => "Phone view (375 px)",
    };
    view! {
        <div class=frame_class style:width=move || format!("{}px", frame_width(editor.viewport.get()))
            style:zoom=move || format!("{:.3}", zoom.get())>
            <div class="lp pb-canvas" style=accent data-container="page" data-accepts="section"
                role="region" aria-label=width_label data-testid="canvas"
                on:pointerdown=move |ev| dnd.canvas_pointer_down(editor, ev)
                on:click=move |ev| on_click(editor, dnd, ev)
                on:dblclick=move |ev| on_double_click(editor, ev)
                on:focusout=move |ev| super::inline::on_focus_out(editor, ev)
                on:keydown=super::inline::on_key_down
                on:submit=move |ev| ev.prevent_default()>
                <For each=sections key=|k| k.clone()
                    children=move |(id, _)| view! { <SectionNode editor data id /> } />
            </div>
        </div>
        <div class="pb-drop-line" aria-hidden="true"
            style:display=move || if dnd.line.get().is_some() { "block" } else { "none" }
            style:top=move || dnd.line.get().map(|l| format!("{}px", l.0)).unwrap_or_default()
            style:left=move || dnd.line.get().map(|l| format!("{}px", l.1)).unwrap_or_default()
            style:width=move || dnd.line.get().map(|l| format!("{}px", l.2)).unwrap_or_default()></div>
        <div class="pb-drag-label" aria-hidden="true"
            style:display=move || if dnd.label.get().is_some() { "block" } else { "none" }
            style:top=move || dnd.label.get().map(|l| format!("{}px", l.1 + 14.0)).unwrap_or_default()
            style:left=move || dnd.label.get().map(|l| format!("{}px", l.0 + 14.0)).unwrap_or_default()>
            {move || dnd.label_text.get()}
        </div>
    }
}

/// The width the canvas lays the page out at, per viewport: the published
/// page's desktop container, a tablet, a phone.
fn frame_width(viewport: Breakpoint) -> f64 {
    match viewport {
        Breakpoint::Desktop => 1200.0,
        Breakpoint::Tablet => 768.0,
        Breakpoint::Mobile => 375.0,
    }
}

/// The canvas lays the page out at the viewport's real width (so container
/// queries pick that breakpoint's layout) and is scaled down with CSS zoom
/// when the stage is narrower; hit testing and the drop line work in the
/// zoomed coordinates the browser reports.
fn fit_to_stage(editor: Editor) -> RwSignal<f64> {
    let zoom = RwSignal::new(1.0f64);
    #[cfg(feature = "hydrate")]
    {
        let fit = move || {
            let width = frame_width(editor.viewport.get_untracked());
            let available = document()
                .query_selector(".pb-stage")
                .ok()
                .flatten()
                .map(|stage| f64::from(stage.client_width()) - 24.0)
                .filter(|w| *w > 0.0)
                .unwrap_or(width);
            zoom.set((available / width).clamp(0.25, 1.0));
        };
        Effect::new(move |_| {
            editor.viewport.track();
            request_animation_frame(fit);
        });
        let resizes = window_event_listener(leptos::ev::resize, move |_| fit());
        on_cleanup(move || resizes.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = editor;
    zoom
}

/// `data-selected` and `data-problem` for a node: the selection outline and
/// the red marker of a node the validator has something to say about.
fn selected_attr(editor: Editor, id: NodeId) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || editor.is_selected(&id).then_some("true")
}

fn problem_attr(editor: Editor, id: NodeId) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || {
        editor
            .problems
            .with(|p| p.iter().any(|e| e.node.as_ref() == Some(&id)))
            .then_some("true")
    }
}

#[component]
fn SectionNode(editor: Editor, data: StoredValue<LandingData>, id: NodeId) -> impl IntoView {
    let (class, container) = editor
        .doc
        .with_untracked(|d| d.sections.iter().find(|s| s.id == id).map(section_classes))
        .unwrap_or_default();
    let section_id = id.clone();
    let blocks = move || {
        editor.doc.with(|d| {
            d.sections
                .iter()
                .find(|s| s.id == section_id)
                .map(|s| {
                    s.blocks
                        .iter()
                        .map(|b| (b.id.clone(), fingerprint(b)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let empty_id = id.clone();
    let is_empty = move || {
        editor.doc.with(|d| {
            d.sections
                .iter()
                .find(|s| s.id == empty_id)
                .is_some_and(|s| s.blocks.is_empty())
        })
    };
    view! {
        <section class=class data-node=id.to_string() data-kind="section"
            data-selected=selected_attr(editor, id.clone()) data-problem=problem_attr(editor, id.clone())>
            <div class=container data-container=id.to_string() data-accepts="block">
                <For each=blocks key=|k| k.clone()
                    children=move |(block_id, _)| block_node(editor, data, block_id) />
                {move || is_empty().then(|| view! { <p class="pb-empty">"An empty section: drag blocks here"</p> })}
            </div>
        </section>
    }
}

/// One block, built from the document as it is now (the keyed list builds a
/// new one whenever the block's fingerprint changes).
fn block_node(editor: Editor, data: StoredValue<LandingData>, id: NodeId) -> AnyView {
    let (block, href) = editor.doc.with_untracked(|d| {
        let block = match d.node(&id) {
            Some(NodeRef::Block(b)) => Some(b.clone()),
            _ => None,
        };
        (block, form_href(d))
    });
    let Some(block) = block else {
        return ().into_any();
    };
    let body = match &block.props {
        BlockProps::Columns(props) => {
            let columns = block
                .columns
                .iter()
                .map(|column| {
                    let leaves = column
                        .blocks
                        .iter()
                        .map(|leaf| leaf_node(editor, data, leaf, &href))
                        .collect_view();
                    let empty = column.blocks.is_empty().then(|| {
                        view! { <p class="pb-empty">"Drop blocks here"</p> }
                    });
                    view! {
                        <div class=column_class(column) data-node=column.id.to_string() data-kind="column"
                            data-container=column.id.to_string() data-accepts="block"
                            data-selected=selected_attr(editor, column.id.clone())
                            data-problem=problem_attr(editor, column.id.clone())>
                            {leaves}
                            {empty}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class=block_class(&block) id=block.id.to_string()>
                    <div class=columns_class(props)>{columns}</div>
                </div>
            }
            .into_any()
        }
        _ => data.with_value(|data| block_markup(&block, data, &href)),
    };
    block_wrapper(editor, &block, body)
}

/// The `display: contents` wrapper that carries a block's id, type,
/// selection and problem marks around its rendered markup.
fn block_wrapper(
    editor: Editor,
    block: &crate::domain::page_document::Block,
    body: AnyView,
) -> AnyView {
    let id = block.id.clone();
    view! {
        <div class="pb-node" data-node=id.to_string() data-kind="block" data-type=block.block_type().as_str()
            data-selected=selected_attr(editor, id.clone()) data-problem=problem_attr(editor, id)>
            {body}
        </div>
    }
    .into_any()
}

/// A block inside a column (never a columns block).
fn leaf_node(
    editor: Editor,
    data: StoredValue<LandingData>,
    block: &crate::domain::page_document::Block,
    href: &str,
) -> AnyView {
    let body = data.with_value(|data| block_markup(block, data, href));
    block_wrapper(editor, block, body)
}

/// A click selects the node under it (the innermost one); a click on no node
/// selects nothing (the panel then shows the page settings). Links and
/// buttons on the canvas never navigate.
fn on_click(editor: Editor, dnd: Dnd, ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if dnd.take_just_dropped() {
        return;
    }
    #[cfg(feature = "hydrate")]
    {
        let id = super::dom::node_at(&ev).map(|(id, _)| id);
        editor.select(id);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = editor;
}

fn on_double_click(editor: Editor, ev: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    if let Some((id, _)) = super::dom::node_at(&ev) {
        editor.select(Some(id.clone()));
        super::inline::begin(editor, &id);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (editor, ev);
}
