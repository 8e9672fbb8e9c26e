//! Editing operations as pure functions on a document.
//!
//! [`apply`] performs one [`Op`] and returns its inverse: applying the inverse
//! restores exactly the previous document (`==`), and the inverse of that is
//! the redo. An op that would break a structural invariant (unique ids, what
//! each container may hold, 1–4 columns, [`MAX_NODES`]) is refused with an
//! [`OpError`] and leaves the document untouched. Content (text lengths, URLs)
//! is not an invariant of editing; `validate` reports it.
//!
//! ```text
//! let block   = doc.new_block(BlockType::Heading, &mut ids);
//! let inverse = apply(&mut doc, Op::Insert { parent: Container::Node(section), index: 0, node: Node::Block(block) })?;
//! let copy    = duplicate(&doc, &some_id, &mut ids)?;   // an Op::Insert of a copy with fresh ids
//! apply(&mut doc, inverse)?;                            // undo
//! ```

use std::collections::HashSet;
use std::fmt;

use super::blocks::{BlockProps, BlockType};
use super::ids::{IdSource, NodeId};
use super::limits::{MAX_COLUMNS, MAX_NODES, MIN_COLUMNS};
use super::settings::PageSettings;
use super::style::Style;
use super::tree::{next_free, Block, Column, Container, Document, Node, NodeRef};

/// One edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Puts a node (with its children) at `index` in a container.
    Insert {
        parent: Container,
        index: usize,
        node: Node,
    },
    /// Removes a node and everything in it.
    Delete { id: NodeId },
    /// Moves a node to `index` in a container (within or across containers).
    /// `index` counts positions after the node has been taken out.
    Move {
        id: NodeId,
        to: Container,
        index: usize,
    },
    /// Replaces a block's props; the block type cannot change.
    SetProps { id: NodeId, props: BlockProps },
    /// Replaces any node's style.
    SetStyle { id: NodeId, style: Style },
    /// Replaces the page settings.
    SetSettings { settings: PageSettings },
}

impl Op {
    /// For the history: which value a `Set…` op writes (`None` for
    /// structural ops). Two sets with the same target overwrite each other.
    pub(super) fn set_target(&self) -> Option<(u8, Option<&NodeId>)> {
        match self {
            Op::SetProps { id, .. } => Some((0, Some(id))),
            Op::SetStyle { id, .. } => Some((1, Some(id))),
            Op::SetSettings { .. } => Some((2, None)),
            _ => None,
        }
    }
}

/// Why an op was refused. The document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpError {
    NotFound(NodeId),
    /// The node holds no children (a leaf block).
    NotAContainer(NodeId),
    /// The container may not hold this kind of node.
    NotAllowed(&'static str),
    IndexOutOfRange {
        index: usize,
        len: usize,
    },
    DuplicateId(NodeId),
    InvalidId(NodeId),
    TooManyNodes {
        count: usize,
    },
    /// A columns block would have fewer than 1 or more than 4 columns.
    ColumnCount(&'static str),
    /// A node cannot move into itself or its own descendants.
    IntoItself,
    TypeChanged {
        from: BlockType,
        to: BlockType,
    },
    NotABlock(NodeId),
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpError::NotFound(id) => write!(f, "there is no node \"{id}\""),
            OpError::NotAContainer(id) => write!(f, "\"{id}\" cannot hold other blocks"),
            OpError::NotAllowed(why) => f.write_str(why),
            OpError::IndexOutOfRange { index, len } => {
                write!(f, "position {index} is past the end ({len} items)")
            }
            OpError::DuplicateId(id) => write!(f, "the id \"{id}\" is already used"),
            OpError::InvalidId(id) => write!(f, "\"{id}\" is not a valid id"),
            OpError::TooManyNodes { count } => write!(
                f,
                "the page would have {count} nodes; at most {MAX_NODES} are allowed"
            ),
            OpError::ColumnCount(why) => f.write_str(why),
            OpError::IntoItself => f.write_str("a node cannot move into itself"),
            OpError::TypeChanged { from, to } => write!(
                f,
                "a {} block cannot take {} props",
                from.as_str(),
                to.as_str()
            ),
            OpError::NotABlock(id) => write!(f, "\"{id}\" is not a block"),
        }
    }
}

impl std::error::Error for OpError {}

/// Applies one op; returns its inverse.
pub fn apply(doc: &mut Document, op: Op) -> Result<Op, OpError> {
    match op {
        Op::Insert {
            parent,
            index,
            node,
        } => insert(doc, parent, index, node),
        Op::Delete { id } => delete(doc, &id),
        Op::Move { id, to, index } => move_node(doc, &id, to, index),
        Op::SetProps { id, props } => {
            let at = position(doc, &id).ok_or_else(|| OpError::NotFound(id.clone()))?;
            let block = block_mut(doc, at).ok_or_else(|| OpError::NotABlock(id.clone()))?;
            let (from, to) = (block.block_type(), props.block_type());
            if from != to {
                return Err(OpError::TypeChanged { from, to });
            }
            let old = std::mem::replace(&mut block.props, props);
            Ok(Op::SetProps { id, props: old })
        }
        Op::SetStyle { id, style } => {
            let at = position(doc, &id).ok_or_else(|| OpError::NotFound(id.clone()))?;
            let old = std::mem::replace(style_mut(doc, at), style);
            Ok(Op::SetStyle { id, style: old })
        }
        Op::SetSettings { settings } => {
            let old = std::mem::replace(&mut doc.settings, settings);
            Ok(Op::SetSettings { settings: old })
        }
    }
}

/// Applies ops in order as one step; returns the ops that undo the whole
/// step, in the order to apply them. If one op fails, the ones before it
/// are undone and the document is as it was.
pub fn apply_all(doc: &mut Document, ops: Vec<Op>) -> Result<Vec<Op>, OpError> {
    let mut inverses = Vec::with_capacity(ops.len());
    for op in ops {
        match apply(doc, op) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // The inverse of an op just applied always applies.
                    let _ = apply(doc, inverse);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

/// An [`Op::Insert`] that puts a copy of the node, with fresh ids for it and
/// everything in it, right after the original.
pub fn duplicate(doc: &Document, id: &NodeId, ids: &mut dyn IdSource) -> Result<Op, OpError> {
    let (node, location) = doc.find(id).ok_or_else(|| OpError::NotFound(id.clone()))?;
    Ok(Op::Insert {
        parent: location.parent,
        index: location.index + 1,
        node: with_fresh_ids(doc, node.to_owned_node(), ids),
    })
}

/// The node with a fresh id (unused in `doc`) for it and every node in it:
/// for duplicating and pasting.
pub fn with_fresh_ids(doc: &Document, mut node: Node, ids: &mut dyn IdSource) -> Node {
    let taken = doc.ids();
    let mut used = HashSet::new();
    let mut fresh = || next_free(&taken, &mut used, ids);
    fn block(b: &mut Block, fresh: &mut dyn FnMut() -> NodeId) {
        b.id = fresh();
        b.columns.iter_mut().for_each(|c| column(c, fresh));
    }
    fn column(c: &mut Column, fresh: &mut dyn FnMut() -> NodeId) {
        c.id = fresh();
        c.blocks.iter_mut().for_each(|b| block(b, fresh));
    }
    match &mut node {
        Node::Section(s) => {
            s.id = fresh();
            s.blocks.iter_mut().for_each(|b| block(b, &mut fresh));
        }
        Node::Block(b) => block(b, &mut fresh),
        Node::Column(c) => column(c, &mut fresh),
    }
    node
}

/// Where a node sits, by indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    Section(usize),
    Block(usize, usize),
    Column(usize, usize, usize),
    Inner(usize, usize, usize, usize),
}

/// A list of children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Sections,
    SectionBlocks(usize),
    Columns(usize, usize),
    ColumnBlocks(usize, usize, usize),
}

fn position(doc: &Document, id: &NodeId) -> Option<At> {
    for (s, section) in doc.sections.iter().enumerate() {
        if &section.id == id {
            return Some(At::Section(s));
        }
        for (b, block) in section.blocks.iter().enumerate() {
            if &block.id == id {
                return Some(At::Block(s, b));
            }
            for (c, column) in block.columns.iter().enumerate() {
                if &column.id == id {
                    return Some(At::Column(s, b, c));
                }
                if let Some(i) = column.blocks.iter().position(|x| &x.id == id) {
                    return Some(At::Inner(s, b, c, i));
                }
            }
        }
    }
    None
}

fn parent_list(at: At) -> (List, usize) {
    match at {
        At::Section(s) => (List::Sections, s),
        At::Block(s, b) => (List::SectionBlocks(s), b),
        At::Column(s, b, c) => (List::Columns(s, b), c),
        At::Inner(s, b, c, i) => (List::ColumnBlocks(s, b, c), i),
    }
}

fn node_at(doc: &Document, at: At) -> NodeRef<'_> {
    let sections = &doc.sections;
    match at {
        At::Section(s) => NodeRef::Section(&sections[s]),
        At::Block(s, b) => NodeRef::Block(&sections[s].blocks[b]),
        At::Column(s, b, c) => NodeRef::Column(&sections[s].blocks[b].columns[c]),
        At::Inner(s, b, c, i) => NodeRef::Block(&sections[s].blocks[b].columns[c].blocks[i]),
    }
}

fn block_mut(doc: &mut Document, at: At) -> Option<&mut Block> {
    let sections = &mut doc.sections;
    match at {
        At::Block(s, b) => Some(&mut sections[s].blocks[b]),
        At::Inner(s, b, c, i) => Some(&mut sections[s].blocks[b].columns[c].blocks[i]),
        At::Section(_) | At::Column(..) => None,
    }
}

fn style_mut(doc: &mut Document, at: At) -> &mut Style {
    let sections = &mut doc.sections;
    match at {
        At::Section(s) => &mut sections[s].style,
        At::Block(s, b) => &mut sections[s].blocks[b].style,
        At::Column(s, b, c) => &mut sections[s].blocks[b].columns[c].style,
        At::Inner(s, b, c, i) => &mut sections[s].blocks[b].columns[c].blocks[i].style,
    }
}

/// The list a container's children live in.
fn list_of(doc: &Document, container: &Container) -> Result<List, OpError> {
    let id = match container {
        Container::Page => return Ok(List::Sections),
        Container::Node(id) => id,
    };
    match position(doc, id).ok_or_else(|| OpError::NotFound(id.clone()))? {
        At::Section(s) => Ok(List::SectionBlocks(s)),
        At::Block(s, b) if doc.sections[s].blocks[b].is_columns() => Ok(List::Columns(s, b)),
        At::Column(s, b, c) => Ok(List::ColumnBlocks(s, b, c)),
        At::Block(..) | At::Inner(..) => Err(OpError::NotAContainer(id.clone())),
    }
}

fn container_of(doc: &Document, list: List) -> Container {
    let sections = &doc.sections;
    match list {
        List::Sections => Container::Page,
        List::SectionBlocks(s) => Container::Node(sections[s].id.clone()),
        List::Columns(s, b) => Container::Node(sections[s].blocks[b].id.clone()),
        List::ColumnBlocks(s, b, c) => Container::Node(sections[s].blocks[b].columns[c].id.clone()),
    }
}

fn list_len(doc: &Document, list: List) -> usize {
    let sections = &doc.sections;
    match list {
        List::Sections => sections.len(),
        List::SectionBlocks(s) => sections[s].blocks.len(),
        List::Columns(s, b) => sections[s].blocks[b].columns.len(),
        List::ColumnBlocks(s, b, c) => sections[s].blocks[b].columns[c].blocks.len(),
    }
}

/// Whether a list may hold the node (its kind and, for columns, its shape).
fn accepts(list: List, node: NodeRef<'_>) -> Result<(), OpError> {
    let ok = match (list, node) {
        (List::Sections, NodeRef::Section(_)) => true,
        (List::SectionBlocks(_), NodeRef::Block(_)) => true,
        (List::Columns(..), NodeRef::Column(_)) => true,
        (List::ColumnBlocks(..), NodeRef::Block(b)) => {
            if b.is_columns() {
                return Err(OpError::NotAllowed(
                    "a column cannot hold a columns block (columns do not nest)",
                ));
            }
            true
        }
        _ => false,
    };
    if ok {
        shape(node, matches!(list, List::ColumnBlocks(..)))
    } else {
        Err(OpError::NotAllowed(match list {
            List::Sections => "the page holds sections only",
            List::SectionBlocks(_) => "a section holds blocks (including columns blocks) only",
            List::Columns(..) => "a columns block holds columns only",
            List::ColumnBlocks(..) => "a column holds blocks only",
        }))
    }
}

/// The shape rules inside a node being inserted.
fn shape(node: NodeRef<'_>, in_column: bool) -> Result<(), OpError> {
    match node {
        NodeRef::Section(s) => s
            .blocks
            .iter()
            .try_for_each(|b| shape(NodeRef::Block(b), false)),
        NodeRef::Column(c) => c
            .blocks
            .iter()
            .try_for_each(|b| shape(NodeRef::Block(b), true)),
        NodeRef::Block(b) if b.is_columns() => {
            if in_column {
                return Err(OpError::NotAllowed(
                    "a column cannot hold a columns block (columns do not nest)",
                ));
            }
            if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&b.columns.len()) {
                return Err(OpError::ColumnCount("a columns block holds 1 to 4 columns"));
            }
            b.columns
                .iter()
                .try_for_each(|c| shape(NodeRef::Column(c), false))
        }
        NodeRef::Block(b) if !b.columns.is_empty() => {
            Err(OpError::NotAllowed("only a columns block has columns"))
        }
        NodeRef::Block(_) => Ok(()),
    }
}

fn take(doc: &mut Document, list: List, index: usize) -> Node {
    let sections = &mut doc.sections;
    match list {
        List::Sections => Node::Section(sections.remove(index)),
        List::SectionBlocks(s) => Node::Block(sections[s].blocks.remove(index)),
        List::Columns(s, b) => Node::Column(sections[s].blocks[b].columns.remove(index)),
        List::ColumnBlocks(s, b, c) => {
            Node::Block(sections[s].blocks[b].columns[c].blocks.remove(index))
        }
    }
}

/// Puts a node into a list already checked by [`accepts`].
fn put(doc: &mut Document, list: List, index: usize, node: Node) {
    let sections = &mut doc.sections;
    match (list, node) {
        (List::Sections, Node::Section(section)) => sections.insert(index, section),
        (List::SectionBlocks(s), Node::Block(block)) => sections[s].blocks.insert(index, block),
        (List::Columns(s, b), Node::Column(column)) => {
            sections[s].blocks[b].columns.insert(index, column);
        }
        (List::ColumnBlocks(s, b, c), Node::Block(block)) => {
            sections[s].blocks[b].columns[c].blocks.insert(index, block);
        }
        _ => unreachable!("put is only called after accepts"),
    }
}

fn insert(doc: &mut Document, parent: Container, index: usize, node: Node) -> Result<Op, OpError> {
    let list = list_of(doc, &parent)?;
    accepts(list, node.as_ref())?;
    let len = list_len(doc, list);
    if index > len {
        return Err(OpError::IndexOutOfRange { index, len });
    }
    if matches!(list, List::Columns(..)) && len >= MAX_COLUMNS {
        return Err(OpError::ColumnCount(
            "a columns block holds at most 4 columns",
        ));
    }
    let taken = doc.ids();
    let mut new_ids = HashSet::new();
    let mut problem = None;
    node.as_ref().for_each_id(&mut |id| {
        if problem.is_none() {
            if !id.is_valid() {
                problem = Some(OpError::InvalidId(id.clone()));
            } else if taken.contains(id) || !new_ids.insert(id) {
                problem = Some(OpError::DuplicateId(id.clone()));
            }
        }
    });
    if let Some(problem) = problem {
        return Err(problem);
    }
    let count = doc.node_count() + new_ids.len();
    if count > MAX_NODES {
        return Err(OpError::TooManyNodes { count });
    }
    let id = node.id().clone();
    put(doc, list, index, node);
    Ok(Op::Delete { id })
}

fn delete(doc: &mut Document, id: &NodeId) -> Result<Op, OpError> {
    let at = position(doc, id).ok_or_else(|| OpError::NotFound(id.clone()))?;
    let (list, index) = parent_list(at);
    if matches!(list, List::Columns(..)) && list_len(doc, list) <= MIN_COLUMNS {
        return Err(OpError::ColumnCount(
            "a columns block keeps at least one column; delete the columns block instead",
        ));
    }
    let parent = container_of(doc, list);
    let node = take(doc, list, index);
    Ok(Op::Insert {
        parent,
        index,
        node,
    })
}

fn move_node(doc: &mut Document, id: &NodeId, to: Container, index: usize) -> Result<Op, OpError> {
    let at = position(doc, id).ok_or_else(|| OpError::NotFound(id.clone()))?;
    if let Container::Node(target) = &to {
        let mut inside = false;
        node_at(doc, at).for_each_id(&mut |x| inside |= x == target);
        if inside {
            return Err(OpError::IntoItself);
        }
    }
    let (from_list, from_index) = parent_list(at);
    let from = container_of(doc, from_list);
    let to_list = list_of(doc, &to)?;
    accepts(to_list, node_at(doc, at))?;
    let same_list = from_list == to_list;
    let len_after_take = list_len(doc, to_list) - usize::from(same_list);
    if index > len_after_take {
        return Err(OpError::IndexOutOfRange {
            index,
            len: len_after_take,
        });
    }
    if !same_list && matches!(to_list, List::Columns(..)) && len_after_take >= MAX_COLUMNS {
        return Err(OpError::ColumnCount(
            "a columns block holds at most 4 columns",
        ));
    }
    if !same_list
        && matches!(from_list, List::Columns(..))
        && list_len(doc, from_list) <= MIN_COLUMNS
    {
        return Err(OpError::ColumnCount(
            "a columns block keeps at least one column; delete the columns block instead",
        ));
    }
    let node = take(doc, from_list, from_index);
    // Taking a node out only shifts indices in its own list, and the target
    // is not inside the node, so the target is found again by id.
    let to_list = match list_of(doc, &to) {
        Ok(list) => list,
        Err(error) => {
            put(doc, from_list, from_index, node);
            return Err(error);
        }
    };
    put(doc, to_list, index, node);
    Ok(Op::Move {
        id: id.clone(),
        to: from,
        index: from_index,
    })
}
