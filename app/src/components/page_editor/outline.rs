//! The outline (layer tree): every node in document order, indented by
//! depth. Choosing one selects it on the canvas; with the panel's move
//! buttons or Alt+arrow keys this is the keyboard path for every drag.

use super::state::Editor;
use crate::domain::page_document::{describe_at, NodeRef};
use leptos::prelude::*;

#[component]
pub fn Outline(editor: Editor) -> impl IntoView {
    let rows = move || {
        editor.doc.with(|d| {
            d.outline()
                .into_iter()
                .map(|(node, at)| {
                    let kind = match node {
                        NodeRef::Section(_) => "section",
                        NodeRef::Column(_) => "column",
                        NodeRef::Block(_) => "block",
                    };
                    (node.id().clone(), at.depth, describe_at(node, &at), kind)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="pb-outline" aria-label="Outline of the page">
            <h2 class="pb-outline__title">"Outline"</h2>
            <ol>
                <For each=rows key=|row| row.clone() children=move |(id, depth, label, kind)| {
                    let select_id = id.clone();
                    let current = move || editor.is_selected(&id).then_some("true");
                    view! {
                        <li class=format!("pb-outline__row pb-outline__row--{kind}") style=format!("--depth: {depth}")>
                            <button type="button" aria-current=current
                                on:click=move |_| editor.select(Some(select_id.clone()))>{label}</button>
                        </li>
                    }
                } />
            </ol>
        </nav>
    }
}
