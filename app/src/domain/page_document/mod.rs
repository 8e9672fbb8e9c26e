//! The landing-page document: a versioned tree of sections, columns and
//! blocks with design-token styles, the operations the editor performs on
//! it, and the parser every import, API write and stored row goes through.
//! Pure Rust (serde only), shared by the server and the WASM editor. The
//! format, limits and rules are written up in `docs/page-document.md`.
//!
//! ```text
//! let doc      = parse_document(json)?;                  // Err: Vec<DocumentError> with paths
//! let mut ids  = CounterIds::new("e7k");                 // ids without getrandom
//! let block    = doc.new_block(BlockType::Hero, &mut ids);
//! let inverse  = apply(&mut doc, Op::Insert { parent, index, node: Node::Block(block) })?;
//! history.record(inverse, None, now_ms);
//! for block in doc.blocks() { … block.props … block.style.resolve(Breakpoint::Mobile) … }
//! let json     = serde_json::to_string(&doc)?;           // parses back to an equal document
//! ```
//!
//! Decisions worth knowing:
//! - A document carries no page id, so an experiment variant is another
//!   document under the same page. The slug is in [`PageSettings`]; the page
//!   row's slug column is authoritative (see `settings.rs`).
//! - Operations keep the structure valid (ids, containers, limits) but not the
//!   content: a heading being retyped may be empty for a moment. [`validate`]
//!   reports content problems on their nodes; saving runs the full parser.
//! - Plain text stays plain text (renderers escape it), but text that carries
//!   script (`<script`, `javascript:`, `on…=` in a tag) is refused.

mod blocks;
pub mod css_classes;
mod decode;
mod editing;
mod error;
mod history;
mod ids;
mod limits;
mod media_refs;
mod migrate;
mod ops;
mod parse;
mod safety;
mod settings;
mod style;
pub mod templates;
mod tree;
mod validate;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_parse;
#[cfg(test)]
mod tests_props;

/// The schema version this code writes; older versions are migrated.
pub const SCHEMA_VERSION: u32 = 2;

pub use blocks::{
    default_per_row, AfterSubmit, BlockProps, BlockType, ButtonProps, ButtonVariant,
    CaseStudiesProps, CaseStudySource, ColumnsProps, Cta, DividerProps, FaqItem, FaqProps, Feature,
    FeatureGridProps, FormField, FormFieldSpec, HeadingProps, HeroProps, Icon, ImageProps,
    ImageRef, LeadFormProps, ListItem, LogoStripProps, Methodology, RichBlock, RichTextProps,
    RoiCalculatorProps, SpacerProps, Span, Target, TestimonialProps, VideoProps,
};
pub use css_classes::{
    accent_css, accent_style, align_classes, block_style_classes, breakpoint_prefix, gap_class,
    join_classes, per_row_classes, resolved_classes, spacing_classes, style_classes,
    text_size_classes, tone_class, visibility_classes, width_class,
};
pub use editing::{
    children_ids, describe, describe_at, describe_container, drop_op, edits_inline, fingerprint,
    nudge, props_from_json, settings_from_json, with_inline_text, Nudge,
};
pub use history::{History, DEFAULT_HISTORY_STEPS, MERGE_WINDOW_MS};
pub use ids::{CounterIds, IdSource, NodeId};
pub use limits::*;
pub use media_refs::{media_references, MediaReference};
pub use migrate::migrate;
pub use ops::{apply, apply_all, duplicate, with_fresh_ids, Op, OpError};
pub use parse::{parse_block, parse_document, parse_value, DocumentError};
pub use safety::{
    check_media_key, check_no_script, check_text, check_url, video_embed, VideoEmbed, VideoProvider,
};
pub use settings::{check_slug, AccentColour, PageSettings, ACCENT_PALETTE, RESERVED_SLUGS};
pub use style::{
    Align, Breakpoint, ResolvedStyle, Responsive, Spacing, Style, TextSize, Tone, Width,
};
pub use templates::{built_in, BuiltInTemplate, BUILT_IN_TEMPLATES};
pub use tree::{Block, Blocks, Column, Container, Document, Location, Node, NodeRef, Section};
pub use validate::{check_structure, validate};
