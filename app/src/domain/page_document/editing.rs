//! What the visual editor asks of a document besides the operations
//! themselves: typed decoding of one block's props or the page settings as
//! edited in a form, the keyboard path for every drag ([`nudge`]), the op a
//! drop performs ([`drop_op`]), labels for the outline and announcements,
//! and a cheap fingerprint to tell which parts of the canvas changed.
//! Pure Rust, shared by the WASM editor and the tests.

use std::hash::{Hash, Hasher};

use serde_json::Value;

use super::blocks::{BlockProps, BlockType, RichBlock};
use super::decode::{decode_props, Decode, Errors};
use super::error::DocumentError;
use super::ids::NodeId;
use super::ops::Op;
use super::settings::PageSettings;
use super::tree::{Container, Document, Location, NodeRef};

/// Decodes a block's props as edited (the props object as JSON). Type errors
/// (a word where a number belongs, an unknown token) are refused with their
/// path under `props`; content rules (lengths, URLs) are left to
/// [`super::validate`], so a heading can be empty while it is retyped.
pub fn props_from_json(
    block_type: BlockType,
    value: &Value,
) -> Result<BlockProps, Vec<DocumentError>> {
    let mut errs = Errors::new();
    match decode_props(block_type, value, "props", &mut errs) {
        Some(props) if errs.is_empty() => Ok(props),
        _ => Err(errs),
    }
}

/// Decodes the page settings as edited; content rules as for
/// [`props_from_json`].
pub fn settings_from_json(value: &Value) -> Result<PageSettings, Vec<DocumentError>> {
    let mut errs = Errors::new();
    match PageSettings::decode(value, "settings", &mut errs) {
        Some(settings) if errs.is_empty() => Ok(settings),
        _ => Err(errs),
    }
}

/// A keyboard move of the selected node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// One place earlier; from the top of a section or column, to the end of
    /// the previous one.
    Up,
    /// One place later; from the bottom, to the start of the next one.
    Down,
    /// Into the columns block just above, at the end of its last column.
    In,
    /// Out of a column, to just after its columns block.
    Out,
}

/// The op that performs a keyboard move, or `None` when the node cannot go
/// that way (already first, nothing to move into, …).
pub fn nudge(doc: &Document, id: &NodeId, direction: Nudge) -> Option<Op> {
    let (node, at) = doc.find(id)?;
    let siblings = children_ids(doc, &at.parent);
    let moving = |to: Container, index: usize| {
        Some(Op::Move {
            id: id.clone(),
            to,
            index,
        })
    };
    match direction {
        Nudge::Up if at.index > 0 => moving(at.parent, at.index - 1),
        Nudge::Down if at.index + 1 < siblings.len() => moving(at.parent, at.index + 1),
        Nudge::Up | Nudge::Down => {
            // Across to the neighbouring container of the same kind.
            let Container::Node(parent) = &at.parent else {
                return None;
            };
            let (_, parent_at) = doc.find(parent)?;
            let uncles = children_ids(doc, &parent_at.parent);
            let neighbour = if direction == Nudge::Up {
                parent_at.index.checked_sub(1).and_then(|i| uncles.get(i))
            } else {
                uncles.get(parent_at.index + 1)
            }?;
            let to = Container::Node(neighbour.clone());
            let end = children_ids(doc, &to).len();
            moving(to, if direction == Nudge::Up { end } else { 0 })
        }
        Nudge::In => {
            let NodeRef::Block(block) = node else {
                return None;
            };
            if block.is_columns() || at.index == 0 {
                return None;
            }
            let above = children_ids(doc, &at.parent).get(at.index - 1).cloned()?;
            let Some(NodeRef::Block(above)) = doc.node(&above) else {
                return None;
            };
            let last = above.columns.last()?;
            moving(Container::Node(last.id.clone()), last.blocks.len())
        }
        Nudge::Out => {
            let Container::Node(column) = &at.parent else {
                return None;
            };
            if !matches!(doc.node(column), Some(NodeRef::Column(_))) {
                return None;
            }
            let columns_block = doc.locate(column)?.parent;
            let Container::Node(columns_block) = columns_block else {
                return None;
            };
            let outer = doc.locate(&columns_block)?;
            moving(outer.parent, outer.index + 1)
        }
    }
}

/// The ids of a container's children, in order.
pub fn children_ids(doc: &Document, container: &Container) -> Vec<NodeId> {
    match container {
        Container::Page => doc.sections.iter().map(|s| s.id.clone()).collect(),
        Container::Node(id) => match doc.node(id) {
            Some(NodeRef::Section(s)) => s.blocks.iter().map(|b| b.id.clone()).collect(),
            Some(NodeRef::Column(c)) => c.blocks.iter().map(|b| b.id.clone()).collect(),
            Some(NodeRef::Block(b)) => b.columns.iter().map(|c| c.id.clone()).collect(),
            None => Vec::new(),
        },
    }
}

/// The move a drop performs: `slot` is the gap the pointer is over, counted
/// among the container's children as they are shown (the dragged node still
/// in place). `None` when the drop would leave the node where it is.
pub fn drop_op(doc: &Document, id: &NodeId, to: Container, slot: usize) -> Option<Op> {
    let at = doc.locate(id)?;
    let index = if at.parent == to && at.index < slot {
        slot - 1
    } else {
        slot
    };
    if at.parent == to && at.index == index {
        return None;
    }
    Some(Op::Move {
        id: id.clone(),
        to,
        index,
    })
}

/// A short name for a node in the outline and in announcements:
/// `Heading “A clear heading”`, `Section 2`, `Column`.
pub fn describe(doc: &Document, id: &NodeId) -> String {
    match doc.find(id) {
        Some((node, at)) => describe_at(node, &at),
        None => String::new(),
    }
}

/// [`describe`] for a node already found (the outline names every node, so
/// it must not search the document again for each).
pub fn describe_at(node: NodeRef<'_>, at: &Location) -> String {
    match node {
        NodeRef::Section(_) => format!("Section {}", at.index + 1),
        NodeRef::Column(_) => format!("Column {}", at.index + 1),
        NodeRef::Block(block) => {
            let label = block.block_type().label();
            match headline(&block.props) {
                Some(text) if !text.trim().is_empty() => {
                    format!("{label} “{}”", shorten(text.trim(), 40))
                }
                _ => label.to_string(),
            }
        }
    }
}

/// Where a container is, for an announcement: `section 2`, `column 1 of
/// Columns`, `the page`.
pub fn describe_container(doc: &Document, container: &Container) -> String {
    match container {
        Container::Page => "the page".to_string(),
        Container::Node(id) => describe(doc, id).to_lowercase(),
    }
}

/// The text that names a block best, if it has one.
fn headline(props: &BlockProps) -> Option<&str> {
    match props {
        BlockProps::Heading(p) => Some(&p.text),
        BlockProps::Button(p) => Some(&p.label),
        BlockProps::Hero(p) => Some(&p.heading),
        BlockProps::Testimonial(p) => Some(&p.author),
        BlockProps::LeadForm(p) => Some(&p.heading),
        BlockProps::FeatureGrid(p) => Some(&p.heading),
        BlockProps::Faq(p) => Some(&p.heading),
        BlockProps::CaseStudies(p) => Some(&p.heading),
        BlockProps::LogoStrip(p) => Some(&p.heading),
        BlockProps::RoiCalculator(p) => Some(&p.heading),
        BlockProps::Video(p) => Some(&p.title),
        BlockProps::Image(p) => Some(&p.alt),
        BlockProps::RichText(p) => p.content.first().and_then(|part| match part {
            RichBlock::Paragraph { spans } => spans.first().map(|s| s.text.as_str()),
            RichBlock::List { items, .. } => items
                .first()
                .and_then(|i| i.spans.first())
                .map(|s| s.text.as_str()),
        }),
        BlockProps::Spacer(_) | BlockProps::Divider(_) | BlockProps::Columns(_) => None,
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max_chars - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A hash of a node: equal nodes give equal fingerprints, so the canvas
/// re-renders only the parts whose fingerprint changed. The canvas takes one
/// per block on every change, so it hashes the tree directly (no JSON, no
/// allocation). Not stable across builds; never store it.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The text of a single-span paragraph or a heading-like prop, which the
/// canvas edits in place. Returns the new props with `text` put into the
/// named place, or `None` when that block's text is not edited in place.
pub fn with_inline_text(props: &BlockProps, text: &str) -> Option<BlockProps> {
    let mut props = props.clone();
    match &mut props {
        BlockProps::Heading(p) => p.text = text.to_string(),
        BlockProps::Button(p) => p.label = text.to_string(),
        BlockProps::RichText(p) => match p.content.as_mut_slice() {
            [RichBlock::Paragraph { spans }] if spans.len() <= 1 => {
                *spans = vec![super::blocks::Span::plain(text)];
            }
            _ => return None,
        },
        _ => return None,
    }
    Some(props)
}

/// Whether a block's text is edited in place on the canvas (see
/// [`with_inline_text`]).
pub fn edits_inline(props: &BlockProps) -> bool {
    with_inline_text(props, "").is_some()
}

#[cfg(test)]
mod tests {
    use super::super::ids::CounterIds;
    use super::super::ops::apply;
    use super::super::tree::Node;
    use super::*;

    /// Two sections; the first holds a heading, a columns block (two
    /// columns) and a button; the second a heading.
    fn sample() -> (Document, Vec<NodeId>) {
        let mut ids = CounterIds::new("t");
        let mut doc = Document::blank("Page", "page", &mut ids);
        let second = doc.new_section(&mut ids);
        doc.sections.push(second);
        let first = doc.sections[0].id.clone();
        let second = doc.sections[1].id.clone();
        let mut added = Vec::new();
        for (section, block_type) in [
            (&first, BlockType::Heading),
            (&first, BlockType::Columns),
            (&first, BlockType::Button),
            (&second, BlockType::Heading),
        ] {
            let block = doc.new_block(block_type, &mut ids);
            added.push(block.id.clone());
            let index = children_ids(&doc, &Container::Node(section.clone())).len();
            apply(
                &mut doc,
                Op::Insert {
                    parent: Container::Node(section.clone()),
                    index,
                    node: Node::Block(block),
                },
            )
            .unwrap();
        }
        (doc, added)
    }

    fn run(doc: &mut Document, op: Option<Op>) {
        apply(doc, op.expect("a move")).expect("the move applies");
    }

    #[test]
    fn up_and_down_move_within_and_across_sections() {
        let (mut doc, ids) = sample();
        let (heading, button, other) = (&ids[0], &ids[2], &ids[3]);
        assert_eq!(
            nudge(&doc, heading, Nudge::Up),
            None,
            "first in the first section"
        );
        let op = nudge(&doc, button, Nudge::Down);
        run(&mut doc, op);
        assert_eq!(
            doc.locate(button).unwrap().parent,
            Container::Node(doc.sections[1].id.clone())
        );
        assert_eq!(
            doc.locate(button).unwrap().index,
            0,
            "to the start of the next section"
        );
        let op = nudge(&doc, button, Nudge::Up);
        run(&mut doc, op);
        assert_eq!(
            doc.locate(button).unwrap().index,
            2,
            "back to the end of the first"
        );
        assert_eq!(
            nudge(&doc, other, Nudge::Down),
            None,
            "last in the last section"
        );
    }

    #[test]
    fn in_and_out_of_a_columns_block() {
        let (mut doc, ids) = sample();
        let (heading, columns, button) = (&ids[0], &ids[1], &ids[2]);
        assert_eq!(nudge(&doc, heading, Nudge::In), None, "nothing above it");
        let op = nudge(&doc, button, Nudge::In);
        run(&mut doc, op);
        let Some(NodeRef::Block(block)) = doc.node(columns) else {
            panic!("columns block")
        };
        assert_eq!(
            block.columns[1].blocks[0].id, *button,
            "into the last column"
        );
        let op = nudge(&doc, button, Nudge::Out);
        run(&mut doc, op);
        let at = doc.locate(button).unwrap();
        assert_eq!(
            (at.parent, at.index),
            (Container::Node(doc.sections[0].id.clone()), 2)
        );
        assert_eq!(
            nudge(&doc, columns, Nudge::In),
            None,
            "columns never go in columns"
        );
        assert_eq!(nudge(&doc, heading, Nudge::Out), None, "not in a column");
    }

    #[test]
    fn sections_move_up_and_down_the_page() {
        let (mut doc, _) = sample();
        let second = doc.sections[1].id.clone();
        let op = nudge(&doc, &second, Nudge::Up);
        run(&mut doc, op);
        assert_eq!(doc.sections[0].id, second);
        assert_eq!(nudge(&doc, &second, Nudge::Up), None);
    }

    #[test]
    fn a_drop_counts_slots_as_shown() {
        let (doc, ids) = sample();
        let section = Container::Node(doc.sections[0].id.clone());
        // Heading at 0: the gaps before and after it leave it in place.
        assert_eq!(drop_op(&doc, &ids[0], section.clone(), 0), None);
        assert_eq!(drop_op(&doc, &ids[0], section.clone(), 1), None);
        // Below the button (slot 3) is index 2 once the heading is out.
        assert_eq!(
            drop_op(&doc, &ids[0], section.clone(), 3),
            Some(Op::Move {
                id: ids[0].clone(),
                to: section.clone(),
                index: 2
            })
        );
        let mut moved = doc.clone();
        let op = drop_op(&doc, &ids[0], section, 3);
        run(&mut moved, op);
        assert_eq!(moved.sections[0].blocks.last().unwrap().id, ids[0]);
    }

    #[test]
    fn props_decode_refuses_wrong_types_with_their_path() {
        let ok = props_from_json(
            BlockType::Heading,
            &serde_json::json!({"level": 2, "text": ""}),
        );
        assert!(
            ok.is_ok(),
            "an empty heading decodes; validation reports it"
        );
        let errors = props_from_json(
            BlockType::Heading,
            &serde_json::json!({"level": "big", "text": "x"}),
        )
        .unwrap_err();
        assert!(errors[0].path.starts_with("props.level"), "{errors:?}");
    }

    #[test]
    fn inline_text_goes_into_headings_buttons_and_plain_paragraphs() {
        let heading = BlockProps::default_for(BlockType::Heading);
        let BlockProps::Heading(edited) = with_inline_text(&heading, "New").unwrap() else {
            panic!()
        };
        assert_eq!(edited.text, "New");
        assert!(edits_inline(&BlockProps::default_for(BlockType::RichText)));
        assert!(!edits_inline(&BlockProps::default_for(BlockType::Faq)));
    }

    #[test]
    fn describe_names_blocks_by_their_text() {
        let (doc, ids) = sample();
        assert_eq!(describe(&doc, &ids[0]), "Heading “A clear heading”");
        assert_eq!(describe(&doc, &doc.sections[1].id), "Section 2");
        assert_ne!(fingerprint(&doc.sections[0]), fingerprint(&doc.sections[1]));
    }
}
