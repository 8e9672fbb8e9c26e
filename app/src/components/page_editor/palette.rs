//! The palette: every block type. Drag one onto the canvas (mouse, pen or
//! touch), or press it (Enter or Space on the keyboard) to add it after the
//! selected block.

use super::drag::{Dnd, DragSource};
use super::state::Editor;
use crate::domain::page_document::BlockType;
use leptos::prelude::*;

#[component]
pub fn Palette(editor: Editor, dnd: Dnd) -> impl IntoView {
    let items = BlockType::ALL
        .iter()
        .copied()
        .map(|block_type| {
            view! {
                <li>
                    <button type="button" class="pb-palette__item" data-block-type=block_type.as_str()
                        on:pointerdown=move |ev| {
                            if ev.button() == 0 {
                                dnd.start(DragSource::New(block_type), ev.client_x() as f64, ev.client_y() as f64);
                            }
                        }
                        on:click=move |_| {
                            if dnd.take_just_dropped() {
                                return;
                            }
                            if let Some((parent, index)) = editor.insertion_point() {
                                editor.insert_new(block_type, parent, index);
                            }
                        }>
                        {block_type.label()}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pb-palette" role="group" aria-labelledby="pb-palette-title">
            <h2 id="pb-palette-title" class="pb-palette__title">"Blocks"</h2>
            <p class="small muted">"Drag onto the page, or press to add after the selection."</p>
            <ul>{items}</ul>
            <button type="button" class="button button--small button--ghost pb-add-section"
                on:click=move |_| editor.add_section()>"Add a section"</button>
        </div>
    }
}
