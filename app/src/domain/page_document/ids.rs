//! Node ids and where new ones come from.
//!
//! Ids are stable strings chosen when a node is created and never changed, so
//! the editor can select and address a node across saves, and an id doubles as
//! the node's HTML id (`#pricing` anchors). New ids come from an [`IdSource`]
//! passed in by the caller: deterministic in tests and free of `getrandom` in
//! WASM (the editor seeds a [`CounterIds`] with a per-session prefix).

use serde::{Deserialize, Serialize};
use std::fmt;

use super::limits::MAX_ID_CHARS;

/// A node's id: 1–64 characters, a letter first, then ASCII letters, digits,
/// `-` or `_`. Construct with [`NodeId::parse`] (or `From<&str>` in code that
/// validates later, such as tests and templates).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(String);

impl NodeId {
    pub fn parse(value: &str) -> Result<NodeId, String> {
        if is_valid_id(value) {
            Ok(NodeId(value.to_string()))
        } else {
            Err(format!(
                "\"{}\" is not a valid id: use 1 to {MAX_ID_CHARS} letters, digits, - or _, starting with a letter",
                truncate_for_message(value)
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_valid(&self) -> bool {
        is_valid_id(&self.0)
    }
}

impl From<&str> for NodeId {
    fn from(value: &str) -> NodeId {
        NodeId(value.to_string())
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(super) fn is_valid_id(value: &str) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && value.len() <= MAX_ID_CHARS
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// At most 40 characters of a value, for quoting it in a message.
pub(super) fn truncate_for_message(value: &str) -> String {
    let mut out: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Where new node ids come from. Callers never need to check uniqueness: the
/// operations skip any id the document already holds.
pub trait IdSource {
    /// A candidate id; it must satisfy [`NodeId::parse`].
    fn next_id(&mut self) -> NodeId;
}

/// Ids `{prefix}{n}` for n = 1, 2, … . Give each editor session its own
/// prefix (for example a few letters from the time it opened) so two tabs
/// pasting into one page rarely collide; collisions are skipped anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterIds {
    prefix: String,
    next: u64,
}

impl CounterIds {
    /// `prefix` must start with a letter and hold only letters, digits, `-`
    /// and `_` (at most 40 characters); anything else is replaced by `n`.
    pub fn new(prefix: &str) -> CounterIds {
        let prefix = if prefix.len() <= 40 && is_valid_id(prefix) {
            prefix.to_string()
        } else {
            "n".to_string()
        };
        CounterIds { prefix, next: 1 }
    }
}

impl IdSource for CounterIds {
    fn next_id(&mut self) -> NodeId {
        let id = NodeId(format!("{}{}", self.prefix, self.next));
        self.next += 1;
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_start_with_a_letter_and_use_a_small_alphabet() {
        for good in ["a", "hero", "s-1", "b_2", &"x".repeat(64)] {
            assert!(NodeId::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "1a", "-a", "a b", "a#b", "é", &"x".repeat(65)] {
            assert!(NodeId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counter_ids_count_up_and_fall_back_to_a_safe_prefix() {
        let mut ids = CounterIds::new("ed-");
        assert_eq!(ids.next_id().as_str(), "ed-1");
        assert_eq!(ids.next_id().as_str(), "ed-2");
        let mut bad = CounterIds::new("9 bad");
        assert_eq!(bad.next_id().as_str(), "n1");
    }
}
