//! Every limit a page document must respect, in one place. The parser and the
//! operations refuse anything beyond them; `docs/page-document.md` lists them.
//! Text lengths are counted in characters (Unicode scalar values), not bytes.

/// The largest JSON text `parse_document` reads; checked before parsing.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;
/// How deeply JSON arrays and objects may nest; checked before parsing (the
/// deepest legal document nests 16 levels: a list in rich text in a column).
pub const MAX_JSON_NESTING: usize = 24;
/// Sections, blocks and columns together.
pub const MAX_NODES: usize = 2_000;
/// Node levels below the page: section → columns block → column → block.
/// Columns cannot nest, so this is also the structural maximum.
pub const MAX_NODE_DEPTH: usize = 4;
/// Columns in one columns block.
pub const MIN_COLUMNS: usize = 1;
pub const MAX_COLUMNS: usize = 4;

/// Node ids: 1–64 characters, a letter first, then letters, digits, `-`, `_`
/// (so an id is also a valid HTML id and `#anchor`).
pub const MAX_ID_CHARS: usize = 64;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SEO_DESCRIPTION_CHARS: usize = 300;
pub const MIN_SLUG_CHARS: usize = 3;
pub const MAX_SLUG_CHARS: usize = 120;
/// Headings, hero headings, feature titles, FAQ questions, video titles.
pub const MAX_HEADING_CHARS: usize = 200;
/// Button labels, author names and roles, short labels.
pub const MAX_LABEL_CHARS: usize = 80;
/// One paragraph of plain text: hero text, feature text, quotes, FAQ answers.
pub const MAX_PARAGRAPH_CHARS: usize = 2_000;
/// All the text of one rich-text block together.
pub const MAX_RICH_TEXT_CHARS: usize = 10_000;
/// Paragraphs and lists in one rich-text block, and spans in one paragraph
/// or list item.
pub const MAX_RICH_TEXT_PARTS: usize = 200;
/// Consent wording and the thank-you message of a lead form.
pub const MAX_FORM_MESSAGE_CHARS: usize = 1_000;
pub const MAX_ALT_CHARS: usize = 250;
pub const MAX_URL_CHARS: usize = 2_000;
pub const MAX_MEDIA_KEY_CHARS: usize = 200;

/// Items in a feature grid.
pub const MAX_FEATURES: usize = 12;
/// Logos in a logo strip.
pub const MAX_LOGOS: usize = 24;
/// Question/answer pairs in an FAQ.
pub const MAX_FAQ_ITEMS: usize = 30;
/// Case-study cards shown by one block (chosen slugs, or the filter's cap).
pub const MAX_CASE_STUDY_CARDS: usize = 12;
/// Items in one rich-text list.
pub const MAX_LIST_ITEMS: usize = 100;
