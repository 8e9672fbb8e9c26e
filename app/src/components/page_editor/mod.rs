//! The visual landing-page editor (an island on `/admin/pages/{id}/edit`):
//! a palette of blocks, the canvas (the page rendered by the published
//! page's own components), the properties panel and an outline, with undo
//! and redo, a viewport switch whose edits apply to that breakpoint, copy
//! and paste, and autosave. All edits are `domain::page_document` ops, so
//! the editor keeps the same invariants the server's parser checks.
//!
//! ```text
//! PageBuilder (island)
//!   Editor (state.rs)   document, history, selection, viewport, problems
//!   Dnd (drag.rs)       pointer drags from the palette and the canvas
//!   Palette | Canvas | PropertiesPanel + Outline
//!   Autosave            800 ms after a change; 409 stops and offers a reload
//! ```
//!
//! Keyboard: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo, Delete,
//! Ctrl/Cmd+C / V / D copy, paste, duplicate, Alt+↑/↓ move, Alt+→/← into
//! and out of columns, Enter edits the text in place, Escape deselects.

// Pointer, keyboard and DOM code runs only in the browser build.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

mod autosave;
mod canvas;
#[cfg(feature = "hydrate")]
mod dom;
mod drag;
mod fields;
mod inline;
mod media_picker;
mod outline;
mod palette;
mod panel;
mod state;

use crate::components::hydration::use_hydrated;
use crate::components::landing::LandingData;
use crate::domain::page_document::{parse_document, Breakpoint};
use autosave::{Autosave, SaveStatusView, SaveTarget};
use canvas::Canvas;
use drag::Dnd;
use leptos::prelude::*;
use outline::Outline;
use palette::Palette;
use panel::PropertiesPanel;
use state::Editor;

/// The editor for one page's draft, or for a variant of an experiment on a
/// page (`arm` set: `id` is then the experiment's, and saves go to the
/// variant). `document` is the stored JSON; `data` what its case-study
/// blocks show.
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
pub fn PageBuilder(
    id: String,
    revision: i64,
    document: String,
    data: LandingData,
    #[prop(optional)] arm: Option<String>,
) -> impl IntoView {
    let hydrated = use_hydrated();
    let target = match arm {
        Some(arm) => SaveTarget::Variant {
            experiment: id,
            arm,
        },
        None => SaveTarget::Page(id),
    };
    let parsed = parse_document(&document);
    let editor_ui = move || {
        if !hydrated.get() {
            return view! {
                <p class="pb-loading muted" role="status">"Loading the editor…"</p>
            }
            .into_any();
        }
        match parsed.clone() {
            Ok(doc) => editor_view(target.clone(), revision, doc, data.clone()).into_any(),
            Err(problems) => view! {
                <div class="alert alert--error" role="alert">
                    <p>"The stored draft does not parse, so it cannot be edited visually. Fix it in the JSON below:"</p>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
        }
    };
    view! { <div class="pb" data-hydrated=move || hydrated.get().to_string()>{editor_ui}</div> }
}

fn editor_view(
    target: SaveTarget,
    revision: i64,
    doc: crate::domain::page_document::Document,
    data: LandingData,
) -> impl IntoView {
    let editor = Editor::new(doc);
    let dnd = Dnd::new();
    let autosave = Autosave::start(editor, target, revision);
    let data = StoredValue::new(data);
    listen_to_window(editor, dnd, autosave);
    // On a phone, start with the phone view (the desktop one would be a
    // quarter-size thumbnail).
    #[cfg(feature = "hydrate")]
    if window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 700.0)
    {
        editor.viewport.set(Breakpoint::Mobile);
    }
    let viewport_button = move |breakpoint: Breakpoint, label: &'static str| {
        view! {
            <button type="button" class="button button--small button--ghost"
                aria-pressed=move || (editor.viewport.get() == breakpoint).to_string()
                on:click=move |_| editor.viewport.set(breakpoint)>{label}</button>
        }
    };
    view! {
        <div class="pb-toolbar" role="toolbar" aria-label="Editor">
            <div class="pb-toolbar__group">
                <button type="button" class="button button--small button--ghost" aria-keyshortcuts="Control+Z"
                    disabled=move || !editor.can_undo.get() on:click=move |_| editor.undo()>"Undo"</button>
                <button type="button" class="button button--small button--ghost" aria-keyshortcuts="Control+Shift+Z"
                    disabled=move || !editor.can_redo.get() on:click=move |_| editor.redo()>"Redo"</button>
            </div>
            <div class="pb-toolbar__group" role="group" aria-label="Viewport">
                {viewport_button(Breakpoint::Desktop, "Desktop")}
                {viewport_button(Breakpoint::Tablet, "Tablet")}
                {viewport_button(Breakpoint::Mobile, "Phone")}
            </div>
            <SaveStatusView autosave />
        </div>
        <p class="visually-hidden" aria-live="polite" data-testid="announcement">{move || editor.announcement.get()}</p>
        <div class="pb-panes">
            <Palette editor dnd />
            <div class="pb-stage">
                <Canvas editor dnd data />
            </div>
            <div class="pb-side">
                <PropertiesPanel editor />
                <Outline editor />
            </div>
        </div>
    }
}

/// Pointer moves and releases anywhere (a drag may leave the canvas), the
/// keyboard shortcuts, and the warning before leaving with unsaved changes.
fn listen_to_window(editor: Editor, dnd: Dnd, autosave: Autosave) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::ev;
        let moves = window_event_listener(ev::pointermove, move |e| {
            dnd.pointer_move(editor, e.client_x() as f64, e.client_y() as f64);
        });
        let ups = window_event_listener(ev::pointerup, move |_| dnd.pointer_up(editor));
        let cancels = window_event_listener(ev::pointercancel, move |_| {
            dnd.cancel();
        });
        let keys = window_event_listener(ev::keydown, move |e| shortcut(editor, dnd, e));
        let leaving = window_event_listener(ev::beforeunload, move |e| {
            if !autosave.status.get_untracked().is_saved() {
                e.prevent_default();
                e.set_return_value("You have unsaved changes.");
            }
        });
        on_cleanup(move || {
            moves.remove();
            ups.remove();
            cancels.remove();
            keys.remove();
            leaving.remove();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (editor, dnd, autosave);
}

#[cfg(feature = "hydrate")]
fn shortcut(editor: Editor, dnd: Dnd, e: web_sys::KeyboardEvent) {
    use crate::domain::page_document::Nudge;
    use leptos::wasm_bindgen::JsCast;
    if e.key() == "Escape" && dnd.cancel() {
        editor.announce("Drag cancelled".to_string());
        return;
    }
    // Typing in a field or in the text being edited is not a shortcut.
    let in_field = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.closest("input, textarea, select, [contenteditable]")
                .ok()
                .flatten()
                .is_some()
        });
    if in_field {
        return;
    }
    let command = e.ctrl_key() || e.meta_key();
    let key = e.key();
    let handled = match key.as_str() {
        "z" | "Z" if command && e.shift_key() => {
            editor.redo();
            true
        }
        "z" | "Z" if command => {
            editor.undo();
            true
        }
        "y" if command => {
            editor.redo();
            true
        }
        "c" if command => {
            editor.copy_selected();
            editor.selected.get_untracked().is_some()
        }
        "v" if command => {
            editor.paste();
            true
        }
        "d" if command => {
            editor.duplicate_selected();
            true
        }
        "Delete" | "Backspace" if editor.selected.get_untracked().is_some() => {
            editor.delete_selected();
            true
        }
        "ArrowUp" if e.alt_key() => {
            editor.nudge_selected(Nudge::Up);
            true
        }
        "ArrowDown" if e.alt_key() => {
            editor.nudge_selected(Nudge::Down);
            true
        }
        "ArrowRight" if e.alt_key() => {
            editor.nudge_selected(Nudge::In);
            true
        }
        "ArrowLeft" if e.alt_key() => {
            editor.nudge_selected(Nudge::Out);
            true
        }
        "Enter" => match editor.selected.get_untracked() {
            Some(id) if !is_button(&e) => {
                inline::begin(editor, &id);
                true
            }
            _ => false,
        },
        "Escape" => {
            editor.select(None);
            true
        }
        _ => false,
    };
    if handled {
        e.prevent_default();
    }
}

/// Enter on a focused button presses it; it does not start text editing.
#[cfg(feature = "hydrate")]
fn is_button(e: &web_sys::KeyboardEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest("button, a").ok().flatten().is_some())
}
