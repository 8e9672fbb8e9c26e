//! Drag and drop with pointer events (mouse, pen and touch alike): a press
//! on a node or a palette item starts a possible drag; moving 5 px makes it
//! a drag, shown by a drop line in the gap under the pointer (found by hit
//! testing the canvas) and a label following the pointer; releasing performs
//! the insert or move as one undoable step. Near the window's top or bottom
//! edge the page scrolls. Escape cancels. On touch, a node drags only once
//! it is selected, so a finger can still scroll the canvas.

use super::state::Editor;
use crate::domain::page_document::{BlockType, Container, NodeId};
use leptos::prelude::*;

/// What is being dragged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DragSource {
    /// A node already on the canvas (`section`: it is a whole section).
    Node { id: NodeId, section: bool },
    /// A new block from the palette.
    New(BlockType),
}

#[derive(Debug, Clone)]
struct Drag {
    source: DragSource,
    start: (f64, f64),
    active: bool,
    target: Option<(Container, usize)>,
}

/// Drag state shared by the canvas and the palette.
#[derive(Clone, Copy)]
pub struct Dnd {
    drag: StoredValue<Option<Drag>>,
    /// Set when a drag ends, so the click that follows does not select.
    just_dropped: StoredValue<bool>,
    /// The drop line: (top, left, width) in window pixels.
    pub line: RwSignal<Option<(f64, f64, f64)>>,
    /// The pointer position while dragging, for the label.
    pub label: RwSignal<Option<(f64, f64)>>,
    pub label_text: RwSignal<String>,
}

/// Pixels a press must travel before it becomes a drag.
const DRAG_THRESHOLD: f64 = 5.0;

impl Dnd {
    pub fn new() -> Dnd {
        Dnd {
            drag: StoredValue::new(None),
            just_dropped: StoredValue::new(false),
            line: RwSignal::new(None),
            label: RwSignal::new(None),
            label_text: RwSignal::new(String::new()),
        }
    }

    /// Whether a drag just ended (and forgets it).
    pub fn take_just_dropped(&self) -> bool {
        let was = self.just_dropped.get_value();
        self.just_dropped.set_value(false);
        was
    }

    pub fn start(&self, source: DragSource, x: f64, y: f64) {
        self.just_dropped.set_value(false);
        self.drag.set_value(Some(Drag {
            source,
            start: (x, y),
            active: false,
            target: None,
        }));
    }

    pub fn is_dragging(&self) -> bool {
        self.drag
            .with_value(|d| d.as_ref().is_some_and(|d| d.active))
    }

    /// A press on the canvas: the node under it may be dragged.
    pub fn canvas_pointer_down(&self, editor: Editor, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            self.just_dropped.set_value(false);
            if ev.button() != 0 {
                return;
            }
            let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            if target
                .closest("[contenteditable], input, textarea, select")
                .ok()
                .flatten()
                .is_some()
            {
                return;
            }
            let Some((id, kind)) = super::dom::node_of(&target) else {
                return;
            };
            if kind == "column" {
                return;
            }
            let selected = editor.selected.get_untracked().as_ref() == Some(&id);
            if ev.pointer_type() == "touch" && !selected {
                return;
            }
            self.start(
                DragSource::Node {
                    id,
                    section: kind == "section",
                },
                ev.client_x() as f64,
                ev.client_y() as f64,
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (editor, ev);
    }

    /// The pointer moved anywhere in the window.
    pub fn pointer_move(&self, editor: Editor, x: f64, y: f64) {
        let Some(mut drag) = self.drag.get_value() else {
            return;
        };
        if !drag.active {
            let (sx, sy) = drag.start;
            if (x - sx).hypot(y - sy) < DRAG_THRESHOLD {
                return;
            }
            drag.active = true;
            let name = match &drag.source {
                DragSource::New(t) => format!("New {}", t.label().to_lowercase()),
                DragSource::Node { id, .. } => editor.describe(id),
            };
            self.label_text.set(name);
            #[cfg(feature = "hydrate")]
            super::dom::set_dragging(true);
        }
        self.label.set(Some((x, y)));
        #[cfg(feature = "hydrate")]
        {
            super::dom::auto_scroll(y);
            match super::dom::drop_target(x, y, &drag.source) {
                Some(found) => {
                    drag.target = Some((found.container, found.slot));
                    self.line.set(Some(found.line));
                }
                None => {
                    drag.target = None;
                    self.line.set(None);
                }
            }
        }
        self.drag.set_value(Some(drag));
    }

    /// The pointer was released: drop, if it was a drag over a place.
    pub fn pointer_up(&self, editor: Editor) {
        let Some(drag) = self.drag.get_value() else {
            return;
        };
        self.finish();
        if !drag.active {
            return;
        }
        self.just_dropped.set_value(true);
        let Some((to, slot)) = drag.target else {
            editor.announce("Dropped outside the page; nothing changed".to_string());
            return;
        };
        match drag.source {
            DragSource::New(block_type) => editor.insert_new(block_type, to, slot),
            DragSource::Node { id, .. } => {
                let op = editor
                    .doc
                    .with_untracked(|d| crate::domain::page_document::drop_op(d, &id, to, slot));
                match op {
                    Some(op) => editor.move_by(op),
                    None => editor.announce(format!("{} left where it was", editor.describe(&id))),
                }
            }
        }
    }

    /// Ends a drag without dropping (Escape, pointer cancelled).
    pub fn cancel(&self) -> bool {
        let was = self.is_dragging();
        self.finish();
        was
    }

    fn finish(&self) {
        let was_active = self.is_dragging();
        self.drag.set_value(None);
        self.line.set(None);
        self.label.set(None);
        if was_active {
            #[cfg(feature = "hydrate")]
            super::dom::set_dragging(false);
        }
    }
}

impl Default for Dnd {
    fn default() -> Dnd {
        Dnd::new()
    }
}
