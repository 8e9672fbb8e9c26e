//! The document tree and the questions renderers and the editor ask of it.
//!
//! ```text
//! Document { schema_version, settings, sections }
//!   Section { id, style, blocks }
//!     Block { id, type + props, style, columns }   columns only on a columns block
//!       Column { id, style, blocks }                blocks in a column are never columns
//! ```
//! A document is self-contained (no page id or database key inside), so an
//! experiment variant is simply another document under the same page.

use serde::Serialize;
use std::collections::HashSet;

use super::blocks::{BlockProps, BlockType};
use super::ids::{IdSource, NodeId};
use super::settings::PageSettings;
use super::style::Style;
use super::SCHEMA_VERSION;

fn is_default_style(style: &Style) -> bool {
    *style == Style::default()
}

/// A page document. Build one with [`Document::blank`] or
/// [`super::parse_document`]; change it with [`super::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`] once parsed; older JSON is migrated.
    pub schema_version: u32,
    pub settings: PageSettings,
    pub sections: Vec<Section>,
}

/// A full-width band of the page holding blocks (including columns blocks).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Section {
    pub id: NodeId,
    #[serde(skip_serializing_if = "is_default_style")]
    pub style: Style,
    pub blocks: Vec<Block>,
}

/// A leaf block, or a columns block holding 1–4 columns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Block {
    pub id: NodeId,
    /// Serialised as `"type"` and `"props"`.
    #[serde(flatten)]
    pub props: BlockProps,
    #[serde(skip_serializing_if = "is_default_style")]
    pub style: Style,
    /// Non-empty exactly when `props` is [`BlockProps::Columns`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
}

/// One column of a columns block.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Column {
    pub id: NodeId,
    #[serde(skip_serializing_if = "is_default_style")]
    pub style: Style,
    pub blocks: Vec<Block>,
}

impl Block {
    pub fn block_type(&self) -> BlockType {
        self.props.block_type()
    }

    /// Whether this block holds columns (and so may not go inside a column).
    pub fn is_columns(&self) -> bool {
        matches!(self.props, BlockProps::Columns(_))
    }
}

/// Any node, owned: what an insert puts into the document and a delete
/// takes out of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "node", content = "value", rename_all = "snake_case")]
pub enum Node {
    Section(Section),
    Block(Block),
    Column(Column),
}

/// Any node, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeRef<'a> {
    Section(&'a Section),
    Block(&'a Block),
    Column(&'a Column),
}

impl Node {
    pub fn id(&self) -> &NodeId {
        self.as_ref().id()
    }

    pub fn as_ref(&self) -> NodeRef<'_> {
        match self {
            Node::Section(s) => NodeRef::Section(s),
            Node::Block(b) => NodeRef::Block(b),
            Node::Column(c) => NodeRef::Column(c),
        }
    }
}

impl<'a> NodeRef<'a> {
    pub fn id(self) -> &'a NodeId {
        match self {
            NodeRef::Section(s) => &s.id,
            NodeRef::Block(b) => &b.id,
            NodeRef::Column(c) => &c.id,
        }
    }

    pub fn style(self) -> &'a Style {
        match self {
            NodeRef::Section(s) => &s.style,
            NodeRef::Block(b) => &b.style,
            NodeRef::Column(c) => &c.style,
        }
    }

    pub fn to_owned_node(self) -> Node {
        match self {
            NodeRef::Section(s) => Node::Section(s.clone()),
            NodeRef::Block(b) => Node::Block(b.clone()),
            NodeRef::Column(c) => Node::Column(c.clone()),
        }
    }

    /// This node and everything below it (1 for a leaf block).
    pub fn subtree_count(self) -> usize {
        let mut count = 0;
        self.for_each_id(&mut |_| count += 1);
        count
    }

    /// Calls `f` with the id of this node and of every node below it.
    pub fn for_each_id(self, f: &mut impl FnMut(&'a NodeId)) {
        f(self.id());
        match self {
            NodeRef::Section(s) => s
                .blocks
                .iter()
                .for_each(|b| NodeRef::Block(b).for_each_id(f)),
            NodeRef::Column(c) => c
                .blocks
                .iter()
                .for_each(|b| NodeRef::Block(b).for_each_id(f)),
            NodeRef::Block(b) => b
                .columns
                .iter()
                .for_each(|c| NodeRef::Column(c).for_each_id(f)),
        }
    }
}

/// Where children live: the page itself (its sections) or a container node
/// (a section's blocks, a columns block's columns, a column's blocks).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    Page,
    Node(NodeId),
}

/// Where a node is: its container, its index there, how deep it is
/// (sections are at depth 1) and its path as error messages write it
/// (`sections[0].blocks[1].columns[0].blocks[2]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub parent: Container,
    pub index: usize,
    pub depth: usize,
    pub path: String,
}

impl Document {
    /// A new document with one empty section.
    pub fn blank(title: &str, slug: &str, ids: &mut dyn IdSource) -> Document {
        let mut doc = Document {
            schema_version: SCHEMA_VERSION,
            settings: PageSettings::new(title, slug),
            sections: Vec::new(),
        };
        let section = doc.new_section(ids);
        doc.sections.push(section);
        doc
    }

    /// Sections, blocks and columns together.
    pub fn node_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| NodeRef::Section(s).subtree_count())
            .sum()
    }

    /// Every node id in the document.
    pub fn ids(&self) -> HashSet<&NodeId> {
        let mut ids = HashSet::new();
        for section in &self.sections {
            NodeRef::Section(section).for_each_id(&mut |id| {
                ids.insert(id);
            });
        }
        ids
    }

    pub fn contains(&self, id: &NodeId) -> bool {
        self.find(id).is_some()
    }

    /// The node with this id and where it is.
    pub fn find(&self, id: &NodeId) -> Option<(NodeRef<'_>, Location)> {
        let mut found = None;
        self.visit(&mut |node, location| {
            if found.is_none() && node.id() == id {
                found = Some((node, location.clone()));
            }
        });
        found
    }

    pub fn node(&self, id: &NodeId) -> Option<NodeRef<'_>> {
        self.find(id).map(|(node, _)| node)
    }

    pub fn locate(&self, id: &NodeId) -> Option<Location> {
        self.find(id).map(|(_, location)| location)
    }

    /// Every node in document order (a parent before its children) with its
    /// location: the editor's outline.
    pub fn outline(&self) -> Vec<(NodeRef<'_>, Location)> {
        let mut nodes = Vec::with_capacity(self.node_count());
        self.visit(&mut |node, location| nodes.push((node, location.clone())));
        nodes
    }

    /// Every block in document order, including columns blocks and the
    /// blocks inside their columns.
    pub fn blocks(&self) -> Blocks<'_> {
        Blocks {
            sections: self.sections.iter(),
            stack: Vec::new(),
        }
    }

    /// Whether the published page needs the WASM bundle (see
    /// [`BlockType::needs_script`]).
    pub fn needs_script(&self) -> bool {
        self.blocks().any(|b| b.block_type().needs_script())
    }

    /// The first lead form, which "scroll to form" targets link to.
    pub fn first_form_id(&self) -> Option<&NodeId> {
        self.blocks()
            .find(|b| b.block_type() == BlockType::LeadForm)
            .map(|b| &b.id)
    }

    /// A fresh id: the next one from `ids` that this document does not use.
    pub fn fresh_id(&self, ids: &mut dyn IdSource) -> NodeId {
        let taken = self.ids();
        next_free(&taken, &mut HashSet::new(), ids)
    }

    /// An empty section with a fresh id.
    pub fn new_section(&self, ids: &mut dyn IdSource) -> Section {
        Section {
            id: self.fresh_id(ids),
            style: Style::default(),
            blocks: Vec::new(),
        }
    }

    /// An empty column with a fresh id.
    pub fn new_column(&self, ids: &mut dyn IdSource) -> Column {
        Column {
            id: self.fresh_id(ids),
            style: Style::default(),
            blocks: Vec::new(),
        }
    }

    /// A block as dropped from the palette, with fresh ids (a columns block
    /// comes with two empty columns).
    pub fn new_block(&self, block_type: BlockType, ids: &mut dyn IdSource) -> Block {
        let taken = self.ids();
        let mut used = HashSet::new();
        let id = next_free(&taken, &mut used, ids);
        let columns = if block_type == BlockType::Columns {
            (0..2)
                .map(|_| Column {
                    id: next_free(&taken, &mut used, ids),
                    style: Style::default(),
                    blocks: Vec::new(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Block {
            id,
            props: BlockProps::default_for(block_type),
            style: Style::default(),
            columns,
        }
    }

    /// Calls `f` for every node in document order with its location.
    pub(super) fn visit<'a>(&'a self, f: &mut impl FnMut(NodeRef<'a>, &Location)) {
        fn blocks<'a>(
            list: &'a [Block],
            parent: &NodeId,
            prefix: &str,
            depth: usize,
            f: &mut impl FnMut(NodeRef<'a>, &Location),
        ) {
            for (i, block) in list.iter().enumerate() {
                let path = format!("{prefix}.blocks[{i}]");
                f(
                    NodeRef::Block(block),
                    &Location {
                        parent: Container::Node(parent.clone()),
                        index: i,
                        depth,
                        path: path.clone(),
                    },
                );
                for (j, column) in block.columns.iter().enumerate() {
                    let column_path = format!("{path}.columns[{j}]");
                    f(
                        NodeRef::Column(column),
                        &Location {
                            parent: Container::Node(block.id.clone()),
                            index: j,
                            depth: depth + 1,
                            path: column_path.clone(),
                        },
                    );
                    blocks(&column.blocks, &column.id, &column_path, depth + 2, f);
                }
            }
        }
        for (i, section) in self.sections.iter().enumerate() {
            let path = format!("sections[{i}]");
            f(
                NodeRef::Section(section),
                &Location {
                    parent: Container::Page,
                    index: i,
                    depth: 1,
                    path: path.clone(),
                },
            );
            blocks(&section.blocks, &section.id, &path, 2, f);
        }
    }
}

/// The next id from `ids` that is neither `taken` nor already `used`; records
/// it in `used`. Gives up on a source that keeps repeating itself after many
/// tries by appending a counter (still a valid id while the source's ids are).
pub(super) fn next_free(
    taken: &HashSet<&NodeId>,
    used: &mut HashSet<NodeId>,
    ids: &mut dyn IdSource,
) -> NodeId {
    for attempt in 0u32.. {
        let mut id = ids.next_id();
        if attempt >= 1_000 {
            id = NodeId::from(format!("{}-{attempt}", id.as_str()).as_str());
        }
        if !taken.contains(&id) && !used.contains(&id) {
            used.insert(id.clone());
            return id;
        }
    }
    unreachable!("u32 attempts exhausted")
}

/// Depth-first iterator over a document's blocks; see [`Document::blocks`].
pub struct Blocks<'a> {
    sections: std::slice::Iter<'a, Section>,
    stack: Vec<BlocksFrame<'a>>,
}

enum BlocksFrame<'a> {
    Blocks(std::slice::Iter<'a, Block>),
    Columns(std::slice::Iter<'a, Column>),
}

impl<'a> Iterator for Blocks<'a> {
    type Item = &'a Block;

    fn next(&mut self) -> Option<&'a Block> {
        loop {
            match self.stack.last_mut() {
                None => {
                    let section = self.sections.next()?;
                    self.stack.push(BlocksFrame::Blocks(section.blocks.iter()));
                }
                Some(BlocksFrame::Blocks(iter)) => match iter.next() {
                    Some(block) => {
                        if !block.columns.is_empty() {
                            self.stack.push(BlocksFrame::Columns(block.columns.iter()));
                        }
                        return Some(block);
                    }
                    None => {
                        self.stack.pop();
                    }
                },
                Some(BlocksFrame::Columns(iter)) => match iter.next() {
                    Some(column) => self.stack.push(BlocksFrame::Blocks(column.blocks.iter())),
                    None => {
                        self.stack.pop();
                    }
                },
            }
        }
    }
}
