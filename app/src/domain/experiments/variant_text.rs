//! A variant as a copy of the page with some texts changed: which texts may
//! change (headings, buttons and one-paragraph texts: the ones the editor
//! edits in place), changing one, and listing what a variant changed.

use crate::domain::page_document::{
    apply, edits_inline, with_inline_text, BlockProps, Document, NodeId, Op, RichBlock,
};

/// The text a block shows in place, if it is one a variant may change.
fn inline_text(props: &BlockProps) -> Option<String> {
    if !edits_inline(props) {
        return None;
    }
    match props {
        BlockProps::Heading(p) => Some(p.text.clone()),
        BlockProps::Button(p) => Some(p.label.clone()),
        BlockProps::RichText(p) => match p.content.as_slice() {
            [RichBlock::Paragraph { spans }] if spans.len() <= 1 => {
                Some(spans.first().map(|s| s.text.clone()).unwrap_or_default())
            }
            _ => None,
        },
        _ => None,
    }
}

/// A text a variant may change: the block, its name in the page, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeableText {
    pub block: NodeId,
    pub label: String,
    pub text: String,
}

/// Every text of `doc` a variant may change, in page order.
pub fn changeable_texts(doc: &Document) -> Vec<ChangeableText> {
    doc.blocks()
        .filter_map(|block| {
            let text = inline_text(&block.props)?;
            Some(ChangeableText {
                block: block.id.clone(),
                label: block.block_type().label().to_string(),
                text,
            })
        })
        .collect()
}

/// `doc` with the text of `block` replaced, or why not. The caller checks
/// the result with the document parser before storing it.
pub fn with_text(doc: &Document, block: &NodeId, text: &str) -> Result<Document, String> {
    let props = doc
        .blocks()
        .find(|b| &b.id == block)
        .map(|b| b.props.clone())
        .ok_or_else(|| "That block is not on the page any more; reload.".to_string())?;
    if inline_text(&props).is_none() {
        return Err(
            "Only headings, buttons and one-paragraph texts can change in a variant.".into(),
        );
    }
    let props = with_inline_text(&props, text).ok_or_else(|| {
        "Only headings, buttons and one-paragraph texts can change in a variant.".to_string()
    })?;
    let mut changed = doc.clone();
    apply(
        &mut changed,
        Op::SetProps {
            id: block.clone(),
            props,
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(changed)
}

/// What `variant` changed against `control`, one line per text:
/// `Heading “Old” → “New”`.
pub fn text_changes(control: &Document, variant: &Document) -> Vec<String> {
    let before = changeable_texts(control);
    changeable_texts(variant)
        .into_iter()
        .filter_map(|now| {
            let was = before.iter().find(|b| b.block == now.block)?;
            (was.text != now.text).then(|| format!("{} “{}” → “{}”", now.label, was.text, now.text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::page_document::built_in;

    fn page() -> Document {
        built_in("free-consultation")
            .expect("a built-in template")
            .document()
            .expect("it parses")
    }

    #[test]
    fn a_variant_changes_one_text_and_says_so() {
        let control = page();
        let texts = changeable_texts(&control);
        assert!(!texts.is_empty());
        let heading = texts
            .iter()
            .find(|t| t.label == "Heading" || t.label == "Button")
            .expect("a heading or button");
        let variant = with_text(&control, &heading.block, "Book a free test plan").unwrap();
        let changes = text_changes(&control, &variant);
        assert_eq!(
            changes,
            vec![format!(
                "{} “{}” → “Book a free test plan”",
                heading.label, heading.text
            )]
        );
        assert!(text_changes(&control, &control).is_empty());
    }

    #[test]
    fn blocks_without_inline_text_or_gone_are_refused() {
        let control = page();
        let not_text = control
            .blocks()
            .find(|b| inline_text(&b.props).is_none())
            .expect("a block without inline text")
            .id
            .clone();
        assert!(with_text(&control, &not_text, "x").is_err());
        let gone = NodeId::parse("no-such-block").unwrap();
        assert!(with_text(&control, &gone, "x")
            .unwrap_err()
            .contains("not on the page"));
    }
}
