//! Editing a heading's, a button's or a plain paragraph's text in place on
//! the canvas: double-click (or "Edit text") makes the rendered element
//! editable as plain text; Enter or leaving it keeps the text as one undo
//! step, Escape puts the old text back. The block is re-rendered from the
//! document afterwards, so what is shown is what will publish.

use super::state::Editor;
use crate::domain::page_document::NodeId;
#[cfg(feature = "hydrate")]
use crate::domain::page_document::{
    edits_inline, with_inline_text, BlockProps, NodeRef as DocNode, Op,
};

/// The element inside a block that holds its editable text.
#[cfg(feature = "hydrate")]
fn text_selector(props: &BlockProps) -> &'static str {
    match props {
        BlockProps::Heading(_) => ".lp-heading",
        BlockProps::Button(_) => "a, button",
        _ => ".lp-prose p",
    }
}

/// Starts editing a block's text in place, if its text is edited that way.
pub fn begin(editor: Editor, id: &NodeId) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        use leptos::wasm_bindgen::JsCast;
        let props = editor.doc.with_untracked(|d| match d.node(id) {
            Some(DocNode::Block(b)) => Some(b.props.clone()),
            _ => None,
        });
        let Some(props) = props.filter(edits_inline) else {
            editor.announce("This block's text is edited in the properties panel".to_string());
            return;
        };
        let Some(node) = super::dom::node_element(id) else {
            return;
        };
        let Some(target) = node.query_selector(text_selector(&props)).ok().flatten() else {
            return;
        };
        let original = target.text_content().unwrap_or_default();
        let _ = target.set_attribute("contenteditable", "plaintext-only");
        let _ = target.set_attribute("data-inline", id.as_str());
        let _ = target.set_attribute("data-original", &original);
        let _ = target.set_attribute("aria-label", "Edit the text; Enter keeps it, Escape undoes");
        if let Ok(element) = target.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
            if let Some(selection) =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten())
            {
                let _ = selection.select_all_children(&element);
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (editor, id);
}

/// Leaving an element being edited keeps its text.
pub fn on_focus_out(editor: Editor, ev: leptos::ev::FocusEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(id) = target
            .get_attribute("data-inline")
            .and_then(|v| NodeId::parse(&v).ok())
        else {
            return;
        };
        let original = target.get_attribute("data-original").unwrap_or_default();
        let cancelled = target.has_attribute("data-cancel");
        for name in [
            "contenteditable",
            "data-inline",
            "data-original",
            "data-cancel",
            "aria-label",
        ] {
            let _ = target.remove_attribute(name);
        }
        let text = target.text_content().unwrap_or_default();
        // One line of text: a pasted line break becomes a space.
        let text = text.replace(['\n', '\r'], " ").trim().to_string();
        if cancelled || text == original.trim() {
            target.set_text_content(Some(&original));
            return;
        }
        commit(editor, &id, &text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (editor, ev);
}

#[cfg(feature = "hydrate")]
fn commit(editor: Editor, id: &NodeId, text: &str) {
    use leptos::prelude::*;
    let props = editor.doc.with_untracked(|d| match d.node(id) {
        Some(DocNode::Block(b)) => with_inline_text(&b.props, text),
        _ => None,
    });
    if let Some(props) = props {
        if editor
            .apply(
                Op::SetProps {
                    id: id.clone(),
                    props,
                },
                None,
            )
            .is_ok()
        {
            editor.panel_generation.update(|n| *n += 1);
            editor.announce(format!("Text changed: {}", editor.describe(id)));
        }
    }
}

/// Enter keeps the text, Escape puts it back; both end the editing.
pub fn on_key_down(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        if !target.has_attribute("data-inline") {
            return;
        }
        // Keys typed into the text are not editor shortcuts.
        ev.stop_propagation();
        match ev.key().as_str() {
            "Enter" if !ev.shift_key() => {
                ev.prevent_default();
                let _ = target.blur();
            }
            "Escape" => {
                ev.prevent_default();
                let _ = target.set_attribute("data-cancel", "1");
                let _ = target.blur();
            }
            _ => {}
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
