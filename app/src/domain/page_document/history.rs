//! Undo and redo for the editor, as plain data: a bounded stack of steps,
//! each step the ops that undo it. Time is passed in, so it stays pure.
//!
//! Typing is grouped into one step: record each keystroke's inverse with a
//! merge key (say `"props:b12"`); records with the same key less than
//! [`MERGE_WINDOW_MS`] apart join the open step, and a pause, a different key
//! or [`History::seal`] (on blur or selection change) starts a new one.
//!
//! ```text
//! let inverse = apply(&mut doc, op)?;
//! history.record(inverse, Some("props:b12"), now_ms);
//! history.undo(&mut doc)?;   // Ctrl/Cmd+Z
//! history.redo(&mut doc)?;   // Shift+Ctrl/Cmd+Z
//! ```

use std::collections::VecDeque;

use super::ops::{apply_all, Op, OpError};
use super::tree::Document;

/// Steps kept by [`History::default`] (the issue asks for at least 200).
pub const DEFAULT_HISTORY_STEPS: usize = 500;
/// A pause longer than this ends a typing group.
pub const MERGE_WINDOW_MS: u64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// The ops that undo (or, on the redo stack, redo) the step, in order.
    ops: Vec<Op>,
    merge_key: Option<String>,
    last_ms: u64,
}

/// The undo and redo stacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
    open: bool,
}

impl Default for History {
    fn default() -> History {
        History::new(DEFAULT_HISTORY_STEPS)
    }
}

impl History {
    /// Keeps at most `limit` steps (at least 1); the oldest are forgotten.
    pub fn new(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            open: false,
        }
    }

    /// Records the inverse of an op just applied. Clears the redo stack.
    pub fn record(&mut self, inverse: Op, merge_key: Option<&str>, now_ms: u64) {
        self.record_step(vec![inverse], merge_key, now_ms);
    }

    /// Records the undo ops of a multi-op step (as returned by `apply_all`).
    pub fn record_step(&mut self, undo_ops: Vec<Op>, merge_key: Option<&str>, now_ms: u64) {
        self.redo.clear();
        if let (Some(key), true, Some(top)) = (merge_key, self.open, self.undo.back_mut()) {
            let joins = top.merge_key.as_deref() == Some(key)
                && now_ms.saturating_sub(top.last_ms) <= MERGE_WINDOW_MS;
            if joins {
                top.last_ms = now_ms;
                // The new undo ops run first. A `Set…` op whose target the
                // step already restores is redundant when the step holds only
                // `Set…` ops (they commute), so typing stays one small op.
                let all_sets = top
                    .ops
                    .iter()
                    .chain(&undo_ops)
                    .all(|op| op.set_target().is_some());
                for op in undo_ops.into_iter().rev() {
                    let known = top.ops.iter().any(|o| o.set_target() == op.set_target());
                    if !(all_sets && known) {
                        top.ops.insert(0, op);
                    }
                }
                return;
            }
        }
        self.undo.push_back(Step {
            ops: undo_ops,
            merge_key: merge_key.map(str::to_string),
            last_ms: now_ms,
        });
        self.open = merge_key.is_some();
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }

    /// Ends the open typing group: the next record starts a new step.
    pub fn seal(&mut self) {
        self.open = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Undoes the last step. `Ok(false)`: nothing to undo. On an error (the
    /// document was changed outside the history) the document and the
    /// stacks are unchanged.
    pub fn undo(&mut self, doc: &mut Document) -> Result<bool, OpError> {
        self.open = false;
        let Some(step) = self.undo.pop_back() else {
            return Ok(false);
        };
        match apply_all(doc, step.ops.clone()) {
            Ok(redo_ops) => {
                self.redo.push(Step {
                    ops: redo_ops,
                    merge_key: None,
                    last_ms: step.last_ms,
                });
                Ok(true)
            }
            Err(error) => {
                self.undo.push_back(step);
                Err(error)
            }
        }
    }

    /// Redoes the last undone step. `Ok(false)`: nothing to redo.
    pub fn redo(&mut self, doc: &mut Document) -> Result<bool, OpError> {
        self.open = false;
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match apply_all(doc, step.ops.clone()) {
            Ok(undo_ops) => {
                self.undo.push_back(Step {
                    ops: undo_ops,
                    merge_key: None,
                    last_ms: step.last_ms,
                });
                while self.undo.len() > self.limit {
                    self.undo.pop_front();
                }
                Ok(true)
            }
            Err(error) => {
                self.redo.push(step);
                Err(error)
            }
        }
    }

    /// Forgets everything (after loading another document).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open = false;
    }
}
