//! The editor's state: the document, its history, the selection and the
//! viewport, as signals shared by every pane. Every change goes through
//! [`Editor::apply`] (or undo/redo), which records the history, bumps
//! [`Editor::changes`] for autosave and announces what happened.

use crate::domain::page_document::{
    apply, apply_all, describe, describe_container, duplicate, nudge, validate, with_fresh_ids,
    BlockType, Breakpoint, Container, CounterIds, Document, DocumentError, History, Node, NodeId,
    NodeRef, Nudge, Op, DEFAULT_HISTORY_STEPS,
};
use leptos::prelude::*;

/// Shared editor state; `Copy`, so every closure can hold it.
#[derive(Clone, Copy)]
pub struct Editor {
    pub doc: RwSignal<Document>,
    history: StoredValue<History>,
    ids: StoredValue<CounterIds>,
    clipboard: StoredValue<Option<Node>>,
    pub selected: RwSignal<Option<NodeId>>,
    pub viewport: RwSignal<Breakpoint>,
    /// Bumped on every change to the document (autosave watches it).
    pub changes: RwSignal<u64>,
    /// Bumped when the properties panel must be built again from the
    /// document (undo, redo, a structural edit inside the panel).
    pub panel_generation: RwSignal<u64>,
    /// The live region's text.
    pub announcement: RwSignal<String>,
    /// Content problems by node, from the same validation the server runs;
    /// brought up to date a moment after the document stops changing (see
    /// [`Editor::new`]), so a drop or a keystroke does not wait for the
    /// whole page to be validated.
    pub problems: RwSignal<Vec<DocumentError>>,
    /// Which node is selected, with one subscription per node: a new
    /// selection wakes the two nodes it concerns, not every node's outline.
    pub selection: StoredValue<Selector<Option<NodeId>>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
}

/// Milliseconds since the epoch, for grouping typing into one undo step.
pub fn now_ms() -> u64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// How long the document must stay unchanged before it is validated again.
#[cfg(feature = "hydrate")]
const REVALIDATE_AFTER_MS: u64 = 120;

/// Validates the document a moment after its last change (typing or a run
/// of moves validates once), updating `problems` only when they differ.
fn revalidate_when_idle(doc: RwSignal<Document>, problems: RwSignal<Vec<DocumentError>>) {
    #[cfg(feature = "hydrate")]
    {
        let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        Effect::new(move |_| {
            doc.track();
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let handle = set_timeout_with_handle(
                move || {
                    let found = doc.with_untracked(validate);
                    if problems.with_untracked(|now| *now != found) {
                        problems.set(found);
                    }
                },
                std::time::Duration::from_millis(REVALIDATE_AFTER_MS),
            );
            pending.set_value(handle.ok());
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (doc, problems);
}

impl Editor {
    /// The document's problems now (autosave checks before sending,
    /// without waiting for the idle validation).
    pub fn problems_now(&self) -> usize {
        let found = self.doc.with_untracked(validate);
        let count = found.len();
        if self.problems.with_untracked(|now| *now != found) {
            self.problems.set(found);
        }
        count
    }

    /// Whether `id` is the selected node (tracked per node).
    pub fn is_selected(&self, id: &NodeId) -> bool {
        self.selection
            .with_value(|selection| selection.selected(&Some(id.clone())))
    }

    pub fn new(document: Document) -> Editor {
        let problems = RwSignal::new(validate(&document));
        let doc = RwSignal::new(document);
        let selected = RwSignal::new(None);
        revalidate_when_idle(doc, problems);
        Editor {
            doc,
            history: StoredValue::new(History::new(DEFAULT_HISTORY_STEPS)),
            ids: StoredValue::new(CounterIds::new("n")),
            clipboard: StoredValue::new(None),
            selected,
            selection: StoredValue::new(Selector::new(move || selected.get())),
            viewport: RwSignal::new(Breakpoint::Desktop),
            changes: RwSignal::new(0),
            panel_generation: RwSignal::new(0),
            announcement: RwSignal::new(String::new()),
            problems,
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
        }
    }

    fn after_change(&self) {
        self.changes.update(|n| *n += 1);
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
    }

    /// Applies one op and records its inverse. `merge_key` groups quick
    /// successive edits of one field into one undo step.
    pub fn apply(&self, op: Op, merge_key: Option<&str>) -> Result<(), String> {
        let mut outcome = Ok(());
        self.doc.update(|doc| match apply(doc, op) {
            Ok(inverse) => self
                .history
                .update_value(|h| h.record(inverse, merge_key, now_ms())),
            Err(error) => outcome = Err(error.to_string()),
        });
        if outcome.is_ok() {
            self.after_change();
        } else if let Err(message) = &outcome {
            self.announce(format!("Not done: {message}"));
        }
        outcome
    }

    /// Applies several ops as one undo step.
    pub fn apply_step(&self, ops: Vec<Op>) -> Result<(), String> {
        let mut outcome = Ok(());
        self.doc.update(|doc| match apply_all(doc, ops) {
            Ok(undo) => self
                .history
                .update_value(|h| h.record_step(undo, None, now_ms())),
            Err(error) => outcome = Err(error.to_string()),
        });
        if outcome.is_ok() {
            self.after_change();
        }
        outcome
    }

    /// Ends the current typing group (blur, selection change).
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    pub fn undo(&self) {
        self.step_history(true);
    }

    pub fn redo(&self) {
        self.step_history(false);
    }

    fn step_history(&self, back: bool) {
        let mut done = false;
        self.doc.update(|doc| {
            self.history.update_value(|h| {
                done = if back { h.undo(doc) } else { h.redo(doc) }.unwrap_or(false);
            })
        });
        if done {
            // The selection may have been removed by the step.
            let gone = self.selected.with_untracked(|s| {
                s.as_ref()
                    .is_some_and(|id| !self.doc.with_untracked(|d| d.contains(id)))
            });
            if gone {
                self.selected.set(None);
            }
            self.panel_generation.update(|n| *n += 1);
            self.after_change();
            self.announce(if back { "Undone" } else { "Redone" }.to_string());
        }
    }

    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    pub fn select(&self, id: Option<NodeId>) {
        if self.selected.get_untracked() != id {
            self.seal();
            self.selected.set(id);
        }
    }

    pub fn describe(&self, id: &NodeId) -> String {
        self.doc.with_untracked(|d| describe(d, id))
    }

    /// Where a new block goes when it is not dropped: after the selected
    /// block, into the selected section or column, else at the end of the
    /// last section.
    pub fn insertion_point(&self) -> Option<(Container, usize)> {
        self.doc.with_untracked(|doc| {
            if let Some(id) = self.selected.get_untracked() {
                match doc.find(&id) {
                    // A block's parent is always a section or a column.
                    Some((NodeRef::Block(_), at)) => return Some((at.parent, at.index + 1)),
                    Some((NodeRef::Section(s), _)) => {
                        return Some((Container::Node(s.id.clone()), s.blocks.len()))
                    }
                    Some((NodeRef::Column(c), _)) => {
                        return Some((Container::Node(c.id.clone()), c.blocks.len()))
                    }
                    None => {}
                }
            }
            doc.sections
                .last()
                .map(|s| (Container::Node(s.id.clone()), s.blocks.len()))
        })
    }

    /// Puts a new block of `block_type` at `index` in `parent` and selects it.
    pub fn insert_new(&self, block_type: BlockType, parent: Container, index: usize) {
        let block = self.doc.with_untracked(|doc| {
            self.ids
                .try_update_value(|ids| doc.new_block(block_type, ids))
        });
        let Some(block) = block else { return };
        let id = block.id.clone();
        let op = Op::Insert {
            parent: parent.clone(),
            index,
            node: Node::Block(block),
        };
        if self.apply(op, None).is_ok() {
            let place = self.doc.with_untracked(|d| describe_container(d, &parent));
            self.select(Some(id.clone()));
            self.announce(format!("{} added to {place}", self.describe(&id)));
        }
    }

    /// A new empty section at the end of the page.
    pub fn add_section(&self) {
        let section = self
            .doc
            .with_untracked(|doc| self.ids.try_update_value(|ids| doc.new_section(ids)));
        let Some(section) = section else { return };
        let id = section.id.clone();
        let index = self.doc.with_untracked(|d| d.sections.len());
        if self
            .apply(
                Op::Insert {
                    parent: Container::Page,
                    index,
                    node: Node::Section(section),
                },
                None,
            )
            .is_ok()
        {
            self.select(Some(id.clone()));
            self.announce(format!("{} added", self.describe(&id)));
        }
    }

    /// Moves a node by an op from a drop or a keyboard move, and says where
    /// it went.
    pub fn move_by(&self, op: Op) {
        let Op::Move { id, to, index } = &op else {
            return;
        };
        let (id, to, index) = (id.clone(), to.clone(), *index);
        if self.apply(op, None).is_ok() {
            let place = self.doc.with_untracked(|d| describe_container(d, &to));
            self.select(Some(id.clone()));
            self.announce(format!(
                "{} moved to position {} in {place}",
                self.describe(&id),
                index + 1
            ));
        }
    }

    pub fn nudge_selected(&self, direction: Nudge) {
        let Some(id) = self.selected.get_untracked() else {
            return;
        };
        match self.doc.with_untracked(|d| nudge(d, &id, direction)) {
            Some(op) => self.move_by(op),
            None => self.announce(format!("{} cannot move that way", self.describe(&id))),
        }
    }

    pub fn delete_selected(&self) {
        let Some(id) = self.selected.get_untracked() else {
            return;
        };
        let name = self.describe(&id);
        if self.apply(Op::Delete { id }, None).is_ok() {
            self.selected.set(None);
            self.announce(format!("{name} deleted; Ctrl+Z brings it back"));
        }
    }

    pub fn duplicate_selected(&self) {
        let Some(id) = self.selected.get_untracked() else {
            return;
        };
        let op = self
            .doc
            .with_untracked(|doc| self.ids.try_update_value(|ids| duplicate(doc, &id, ids)));
        if let Some(Ok(op)) = op {
            let copy = match &op {
                Op::Insert { node, .. } => node.id().clone(),
                _ => return,
            };
            if self.apply(op, None).is_ok() {
                self.select(Some(copy.clone()));
                self.announce(format!("{} duplicated", self.describe(&copy)));
            }
        }
    }

    pub fn copy_selected(&self) {
        let Some(id) = self.selected.get_untracked() else {
            return;
        };
        let node = self
            .doc
            .with_untracked(|d| d.node(&id).map(|n| n.to_owned_node()));
        if let Some(node) = node {
            self.clipboard.set_value(Some(node));
            self.announce(format!("{} copied", self.describe(&id)));
        }
    }

    /// Pastes the copied node (with fresh ids) after the selection: a block
    /// where a new block would go, a section after the selected section.
    pub fn paste(&self) {
        let Some(node) = self.clipboard.get_value() else {
            self.announce("Nothing copied yet".to_string());
            return;
        };
        let node = self.doc.with_untracked(|doc| {
            self.ids
                .try_update_value(|ids| with_fresh_ids(doc, node, ids))
        });
        let Some(node) = node else { return };
        let place = match &node {
            Node::Section(_) => {
                let index = self.selected.get_untracked().and_then(|id| {
                    self.doc.with_untracked(|d| match d.find(&id) {
                        Some((NodeRef::Section(_), at)) => Some(at.index + 1),
                        _ => None,
                    })
                });
                Some((
                    Container::Page,
                    index.unwrap_or_else(|| self.doc.with_untracked(|d| d.sections.len())),
                ))
            }
            Node::Block(_) => self.insertion_point(),
            Node::Column(_) => None,
        };
        let Some((parent, index)) = place else {
            self.announce("A column cannot be pasted on its own".to_string());
            return;
        };
        let id = node.id().clone();
        if self
            .apply(
                Op::Insert {
                    parent,
                    index,
                    node,
                },
                None,
            )
            .is_ok()
        {
            self.select(Some(id.clone()));
            self.announce(format!("{} pasted", self.describe(&id)));
        }
    }

    /// Sets the number of columns of a columns block (1–4): new columns are
    /// empty; removed columns must be empty, so nothing is lost unseen.
    pub fn set_column_count(&self, id: &NodeId, count: usize) -> Result<(), String> {
        let ops = self.doc.with_untracked(|doc| {
            let Some((NodeRef::Block(block), _)) = doc.find(id) else {
                return Err("not a columns block".to_string());
            };
            let have = block.columns.len();
            let mut ops = Vec::new();
            if count > have {
                for index in have..count {
                    // The counter never repeats, so each new column's id is fresh.
                    let column = self
                        .ids
                        .try_update_value(|ids| doc.new_column(ids))
                        .ok_or("no id")?;
                    ops.push(Op::Insert {
                        parent: Container::Node(id.clone()),
                        index,
                        node: Node::Column(column),
                    });
                }
            } else {
                for column in block.columns[count..].iter().rev() {
                    if !column.blocks.is_empty() {
                        return Err(
                            "Move or delete the blocks in the last columns first.".to_string()
                        );
                    }
                    ops.push(Op::Delete {
                        id: column.id.clone(),
                    });
                }
            }
            Ok(ops)
        })?;
        if ops.is_empty() {
            return Ok(());
        }
        self.apply_step(ops)
    }
}
