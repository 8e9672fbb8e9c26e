//! Browser-only helpers for the editor: which node an event concerns, where
//! a drop would land (hit testing the rendered canvas), auto-scrolling.
//! Compiled into the WASM bundle only.

use super::drag::DragSource;
use crate::domain::page_document::{Container, NodeId};
use leptos::wasm_bindgen::JsCast;
use web_sys::{DomRect, Element};

/// How close to the window's top or bottom edge a drag scrolls the page.
const SCROLL_EDGE_PX: f64 = 48.0;
const SCROLL_STEP_PX: f64 = 18.0;

/// The node an element belongs to: its id and kind (`section`, `block`,
/// `column`).
pub fn node_of(element: &Element) -> Option<(NodeId, String)> {
    let node = element.closest("[data-node]").ok()??;
    let id = NodeId::parse(&node.get_attribute("data-node")?).ok()?;
    Some((id, node.get_attribute("data-kind").unwrap_or_default()))
}

/// The node under a mouse event.
pub fn node_at(ev: &web_sys::MouseEvent) -> Option<(NodeId, String)> {
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    node_of(&target)
}

/// The canvas element showing a node.
pub fn node_element(id: &NodeId) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    document
        .query_selector(&format!(".pb-canvas [data-node=\"{}\"]", id.as_str()))
        .ok()?
}

/// Marks the page as dragging (cursor, no text selection).
pub fn set_dragging(on: bool) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = if on {
            body.class_list().add_1("pb-dragging")
        } else {
            body.class_list().remove_1("pb-dragging")
        };
    }
}

/// Scrolls the window while the pointer is near its top or bottom edge.
pub fn auto_scroll(y: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if y < SCROLL_EDGE_PX {
        window.scroll_by_with_x_and_y(0.0, -SCROLL_STEP_PX);
    } else if height > 0.0 && y > height - SCROLL_EDGE_PX {
        window.scroll_by_with_x_and_y(0.0, SCROLL_STEP_PX);
    }
}

/// Where a drop at (x, y) would land.
pub struct DropTarget {
    pub container: Container,
    /// The gap among the container's children as shown.
    pub slot: usize,
    /// The drop line: (top, left, width).
    pub line: (f64, f64, f64),
}

/// A node's box: wrappers are `display: contents`, so their first child's.
fn rect_of(element: &Element) -> DomRect {
    if element.class_list().contains("pb-node") {
        if let Some(child) = element.first_element_child() {
            return child.get_bounding_client_rect();
        }
    }
    element.get_bounding_client_rect()
}

/// The container under the pointer that may hold what is dragged, and the
/// gap the pointer is nearest: before the first child whose middle is below
/// the pointer.
pub fn drop_target(x: f64, y: f64, source: &DragSource) -> Option<DropTarget> {
    let document = web_sys::window()?.document()?;
    let hit = document.element_from_point(x as f32, y as f32)?;
    let accepts = match source {
        DragSource::Node { section: true, .. } => "section",
        _ => "block",
    };
    let container = hit
        .closest(&format!(
            ".pb-canvas [data-accepts=\"{accepts}\"], .pb-canvas[data-accepts=\"{accepts}\"]"
        ))
        .ok()??;
    if let DragSource::Node { id, .. } = source {
        // Never into itself or its own columns.
        if let Some(dragged) = node_element(id) {
            let container_node: &web_sys::Node = container.as_ref();
            if dragged.contains(Some(container_node)) {
                return None;
            }
        }
    }
    let key = container.get_attribute("data-container")?;
    let parent = if key == "page" {
        Container::Page
    } else {
        Container::Node(NodeId::parse(&key).ok()?)
    };
    let children = container.children();
    let nodes: Vec<Element> = (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|c| c.has_attribute("data-node"))
        .collect();
    let slot = nodes
        .iter()
        .position(|n| {
            let r = rect_of(n);
            y < r.top() + r.height() / 2.0
        })
        .unwrap_or(nodes.len());
    let frame = container.get_bounding_client_rect();
    let top = match (nodes.get(slot), nodes.last()) {
        (Some(next), _) => rect_of(next).top() - 2.0,
        (None, Some(last)) => rect_of(last).bottom() + 1.0,
        (None, None) => frame.top() + 4.0,
    };
    Some(DropTarget {
        container: parent,
        slot,
        line: (top, frame.left(), frame.width()),
    })
}
