//! What a document problem is: where it is (a path such as
//! `sections[0].blocks[1].props.alt`), what is wrong, and on which node.
//! Shared by decoding, migration, validation and parsing.

use serde::Serialize;
use std::fmt;

use super::ids::NodeId;

/// One problem with a document: where (`sections[0].blocks[1].props.alt`,
/// empty for the document as a whole), what, and the id of the node it
/// concerns when known, so the editor can show it on that node.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DocumentError {
    pub path: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeId>,
}

impl DocumentError {
    pub fn new(path: &str, message: impl Into<String>) -> DocumentError {
        DocumentError {
            path: path.to_string(),
            message: message.into(),
            node: None,
        }
    }

    pub(super) fn on_node(mut self, node: &NodeId) -> DocumentError {
        self.node = Some(node.clone());
        self
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DocumentError {}

/// `path.key`, or `key` at the top level.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
