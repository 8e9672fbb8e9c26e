//! Validation of a typed document: structure (ids, what each container may
//! hold, limits) and content (text lengths, required fields, URLs, media
//! keys, no script). The parser runs it after decoding; the editor may run it
//! on every change to show problems on their nodes, and the server runs it on
//! every save. Operations keep the structure valid but not the content (a
//! heading being retyped is empty for a moment).

use std::collections::{HashMap, HashSet};

use super::blocks::*;
use super::error::DocumentError;
use super::ids::NodeId;
use super::limits::*;
use super::safety::{check_media_key, check_sic_code, check_text, check_url, video_embed};
use super::settings::check_slug;
use super::style::Responsive;
use super::tree::{Block, Column, Document, Section};
use super::SCHEMA_VERSION;

/// Every structural and content problem in a document.
pub fn validate(document: &Document) -> Vec<DocumentError> {
    let mut errs = check_structure(document);
    let mut c = Checker {
        errs: &mut errs,
        node: None,
    };
    c.settings(document);
    for (i, section) in document.sections.iter().enumerate() {
        c.section_content(section, &format!("sections[{i}]"));
    }
    errs
}

/// The structural invariants the operations keep: the schema version, at
/// most [`MAX_NODES`] nodes, valid and unique ids, 1–4 columns in every
/// columns block and only there, and no columns block inside a column.
pub fn check_structure(document: &Document) -> Vec<DocumentError> {
    let mut errs = Vec::new();
    if document.schema_version != SCHEMA_VERSION {
        errs.push(DocumentError::new(
            "schema_version",
            format!("expected version {SCHEMA_VERSION}"),
        ));
    }
    let count = document.node_count();
    if count > MAX_NODES {
        errs.push(DocumentError::new(
            "sections",
            format!("the page has {count} nodes (sections, blocks and columns); at most {MAX_NODES} are allowed"),
        ));
    }
    let mut seen: HashMap<&NodeId, String> = HashMap::new();
    document.visit(&mut |node, location| {
        let id = node.id();
        let path = format!("{}.id", location.path);
        if !id.is_valid() {
            let message = NodeId::parse(id.as_str()).err().unwrap_or_default();
            errs.push(DocumentError::new(&path, message).on_node(id));
        }
        if let Some(first) = seen.get(id) {
            errs.push(
                DocumentError::new(
                    &path,
                    format!("duplicate id \"{id}\" (also used at {first})"),
                )
                .on_node(id),
            );
        } else {
            seen.insert(id, location.path.clone());
        }
        if let super::tree::NodeRef::Block(block) = node {
            let in_column = location.depth > 2;
            block_shape(block, &location.path, in_column, &mut errs);
        }
    });
    errs
}

fn block_shape(block: &Block, path: &str, in_column: bool, errs: &mut Vec<DocumentError>) {
    let columns_path = format!("{path}.columns");
    if block.is_columns() {
        if in_column {
            errs.push(
                DocumentError::new(
                    &format!("{path}.type"),
                    "a column cannot hold a columns block: columns do not nest",
                )
                .on_node(&block.id),
            );
        }
        let n = block.columns.len();
        if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&n) {
            errs.push(
                DocumentError::new(
                    &columns_path,
                    format!(
                        "a columns block holds {MIN_COLUMNS} to {MAX_COLUMNS} columns, not {n}"
                    ),
                )
                .on_node(&block.id),
            );
        }
    } else if !block.columns.is_empty() {
        errs.push(
            DocumentError::new(
                &columns_path,
                format!(
                    "only a columns block has columns, not a {}",
                    block.block_type().as_str()
                ),
            )
            .on_node(&block.id),
        );
    }
}

/// Validates one block on its own (a pasted block): its shape, its ids and
/// its content.
pub(super) fn validate_block_alone(block: &Block) -> Vec<DocumentError> {
    let mut errs = Vec::new();
    block_shape(block, "", false, &mut errs);
    let mut seen = HashSet::new();
    let mut duplicate = None;
    super::tree::NodeRef::Block(block).for_each_id(&mut |id| {
        if !id.is_valid() || !seen.insert(id) {
            duplicate.get_or_insert(id);
        }
    });
    if let Some(id) = duplicate {
        errs.push(DocumentError::new(
            "id",
            format!("invalid or repeated id \"{id}\""),
        ));
    }
    for (j, column) in block.columns.iter().enumerate() {
        for (k, inner) in column.blocks.iter().enumerate() {
            block_shape(inner, &format!("columns[{j}].blocks[{k}]"), true, &mut errs);
        }
    }
    let mut c = Checker {
        errs: &mut errs,
        node: None,
    };
    c.block_content(block, "");
    errs
}

struct Checker<'a> {
    errs: &'a mut Vec<DocumentError>,
    node: Option<NodeId>,
}

fn at(path: &str, key: &str) -> String {
    super::decode::join(path, key)
}

impl Checker<'_> {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        let mut error = DocumentError::new(path, message);
        error.node = self.node.clone();
        self.errs.push(error);
    }

    fn check(&mut self, path: &str, result: Result<(), String>) {
        if let Err(message) = result {
            self.fail(path, message);
        }
    }

    /// A single-line text field; `required` refuses blank text.
    fn line(&mut self, path: &str, value: &str, max: usize, required: bool) {
        self.text(path, value, max, required, false);
    }

    /// A text field that may hold line breaks.
    fn para(&mut self, path: &str, value: &str, max: usize, required: bool) {
        self.text(path, value, max, required, true);
    }

    fn text(&mut self, path: &str, value: &str, max: usize, required: bool, multiline: bool) {
        if required && value.trim().is_empty() {
            self.fail(path, "this field is required");
        } else {
            self.check(path, check_text(value, max, multiline));
        }
    }

    fn url(&mut self, path: &str, value: &str) {
        self.check(path, check_url(value));
    }

    fn image(&mut self, path: &str, image: &ImageRef) {
        self.check(&at(path, "media"), check_media_key(&image.media));
        self.alt(&at(path, "alt"), &image.alt);
    }

    fn alt(&mut self, path: &str, alt: &str) {
        if alt.trim().is_empty() {
            self.fail(
                path,
                "describe the image for people who cannot see it (alt text is required)",
            );
        } else {
            self.check(path, check_text(alt, MAX_ALT_CHARS, false));
        }
    }

    fn count(&mut self, path: &str, n: usize, min: usize, max: usize, what: &str) {
        if n < min {
            self.fail(path, format!("add at least {min} {what}"));
        } else if n > max {
            self.fail(
                path,
                format!("at most {max} {what} are allowed (this has {n})"),
            );
        }
    }

    fn per_row(&mut self, path: &str, value: &Responsive<u8>) {
        for (breakpoint, n) in value.values() {
            if !(1..=4).contains(&n) {
                self.fail(
                    &at(path, breakpoint.as_str()),
                    format!("choose 1 to 4 per row, not {n}"),
                );
            }
        }
    }

    fn target(&mut self, path: &str, target: &Target) {
        if let Target::Link { href } = target {
            self.url(&at(path, "href"), href);
        }
    }

    fn settings(&mut self, document: &Document) {
        let s = &document.settings;
        self.line("settings.title", &s.title, MAX_TITLE_CHARS, true);
        self.check("settings.slug", check_slug(&s.slug));
        self.para(
            "settings.description",
            &s.description,
            MAX_SEO_DESCRIPTION_CHARS,
            false,
        );
        if !s.og_image.is_empty() {
            self.check("settings.og_image", check_media_key(&s.og_image));
        }
        self.check("settings.accent", s.accent.check());
    }

    fn section_content(&mut self, section: &Section, path: &str) {
        for (i, block) in section.blocks.iter().enumerate() {
            self.block_content(block, &format!("{path}.blocks[{i}]"));
        }
    }

    fn column_content(&mut self, column: &Column, path: &str) {
        for (i, block) in column.blocks.iter().enumerate() {
            self.block_content(block, &format!("{path}.blocks[{i}]"));
        }
    }

    fn block_content(&mut self, block: &Block, path: &str) {
        self.node = Some(block.id.clone());
        let p = |key: &str| at(&at(path, "props"), key);
        match &block.props {
            BlockProps::Heading(h) => {
                if !(1..=3).contains(&h.level) {
                    self.fail(
                        &p("level"),
                        format!("a heading level is 1, 2 or 3, not {}", h.level),
                    );
                }
                self.line(&p("text"), &h.text, MAX_HEADING_CHARS, true);
            }
            BlockProps::RichText(r) => self.rich_text(&at(path, "props"), r),
            BlockProps::Image(image) => {
                self.check(&p("media"), check_media_key(&image.media));
                self.alt(&p("alt"), &image.alt);
                self.line(&p("caption"), &image.caption, MAX_HEADING_CHARS, false);
            }
            BlockProps::Button(b) => {
                self.line(&p("label"), &b.label, MAX_LABEL_CHARS, true);
                self.target(&p("target"), &b.target);
            }
            BlockProps::LeadForm(form) => self.lead_form(&at(path, "props"), form),
            BlockProps::Hero(h) => {
                self.line(&p("heading"), &h.heading, MAX_HEADING_CHARS, true);
                self.para(&p("text"), &h.text, MAX_PARAGRAPH_CHARS, false);
                if let Some(cta) = &h.cta {
                    self.line(&at(&p("cta"), "label"), &cta.label, MAX_LABEL_CHARS, true);
                    self.target(&at(&p("cta"), "target"), &cta.target);
                }
                if let Some(image) = &h.image {
                    self.image(&p("image"), image);
                }
            }
            BlockProps::FeatureGrid(g) => {
                self.line(&p("heading"), &g.heading, MAX_HEADING_CHARS, false);
                self.count(&p("items"), g.items.len(), 1, MAX_FEATURES, "features");
                for (i, item) in g.items.iter().enumerate() {
                    let item_path = format!("{}[{i}]", p("items"));
                    self.line(
                        &at(&item_path, "title"),
                        &item.title,
                        MAX_HEADING_CHARS,
                        true,
                    );
                    self.para(
                        &at(&item_path, "text"),
                        &item.text,
                        MAX_PARAGRAPH_CHARS,
                        false,
                    );
                }
                self.per_row(&p("per_row"), &g.per_row);
            }
            BlockProps::Testimonial(t) => {
                self.para(&p("quote"), &t.quote, MAX_PARAGRAPH_CHARS, true);
                self.line(&p("author"), &t.author, MAX_LABEL_CHARS, true);
                self.line(&p("role"), &t.role, MAX_LABEL_CHARS, false);
            }
            BlockProps::LogoStrip(l) => {
                self.line(&p("heading"), &l.heading, MAX_HEADING_CHARS, false);
                self.count(&p("logos"), l.logos.len(), 1, MAX_LOGOS, "logos");
                for (i, logo) in l.logos.iter().enumerate() {
                    self.image(&format!("{}[{i}]", p("logos")), logo);
                }
            }
            BlockProps::Faq(f) => {
                self.line(&p("heading"), &f.heading, MAX_HEADING_CHARS, false);
                self.count(&p("items"), f.items.len(), 1, MAX_FAQ_ITEMS, "questions");
                for (i, item) in f.items.iter().enumerate() {
                    let item_path = format!("{}[{i}]", p("items"));
                    self.line(
                        &at(&item_path, "question"),
                        &item.question,
                        MAX_HEADING_CHARS,
                        true,
                    );
                    self.para(
                        &at(&item_path, "answer"),
                        &item.answer,
                        MAX_PARAGRAPH_CHARS,
                        true,
                    );
                }
            }
            BlockProps::CaseStudies(c) => self.case_studies(&at(path, "props"), c),
            BlockProps::RoiCalculator(r) => {
                self.line(&p("heading"), &r.heading, MAX_HEADING_CHARS, false);
            }
            BlockProps::Video(v) => {
                if let Err(message) = video_embed(&v.url) {
                    self.fail(&p("url"), message);
                }
                self.line(&p("title"), &v.title, MAX_HEADING_CHARS, true);
                self.image(&p("poster"), &v.poster);
            }
            BlockProps::Spacer(_) | BlockProps::Divider(_) => {}
            BlockProps::Columns(c) => self.per_row(&p("per_row"), &c.per_row),
        }
        for (j, column) in block.columns.iter().enumerate() {
            self.column_content(column, &format!("{}[{j}]", at(path, "columns")));
        }
    }

    fn rich_text(&mut self, path: &str, r: &RichTextProps) {
        let content = at(path, "content");
        self.count(
            &content,
            r.content.len(),
            1,
            MAX_RICH_TEXT_PARTS,
            "paragraphs or lists",
        );
        let mut total = 0;
        for (i, part) in r.content.iter().enumerate() {
            let part_path = format!("{content}[{i}]");
            match part {
                RichBlock::Paragraph { spans } => {
                    total += self.spans(&at(&part_path, "spans"), spans);
                }
                RichBlock::List { items, .. } => {
                    let items_path = at(&part_path, "items");
                    self.count(&items_path, items.len(), 1, MAX_LIST_ITEMS, "list items");
                    for (k, item) in items.iter().enumerate() {
                        total += self.spans(&format!("{items_path}[{k}].spans"), &item.spans);
                    }
                }
            }
        }
        if total > MAX_RICH_TEXT_CHARS {
            self.fail(
                &content,
                format!("at most {MAX_RICH_TEXT_CHARS} characters of text are allowed (this has {total})"),
            );
        }
    }

    /// Checks a run of spans; returns its length in characters.
    fn spans(&mut self, path: &str, spans: &[Span]) -> usize {
        if spans.len() > MAX_RICH_TEXT_PARTS {
            self.fail(
                path,
                format!("at most {MAX_RICH_TEXT_PARTS} pieces of text are allowed"),
            );
        }
        let mut total = 0;
        for (i, span) in spans.iter().enumerate() {
            let span_path = format!("{path}[{i}]");
            self.para(
                &at(&span_path, "text"),
                &span.text,
                MAX_RICH_TEXT_CHARS,
                false,
            );
            if !span.href.is_empty() {
                if span.text.trim().is_empty() {
                    self.fail(&at(&span_path, "text"), "a link needs text");
                }
                self.url(&at(&span_path, "href"), &span.href);
            }
            total += span.text.chars().count();
        }
        total
    }

    fn lead_form(&mut self, path: &str, form: &LeadFormProps) {
        let p = |key: &str| at(path, key);
        self.line(&p("heading"), &form.heading, MAX_HEADING_CHARS, false);
        let mut seen = HashSet::new();
        for (i, spec) in form.fields.iter().enumerate() {
            if !seen.insert(spec.field) {
                self.fail(
                    &format!("{}[{i}].field", p("fields")),
                    format!("\"{}\" is listed twice", spec.field.as_str()),
                );
            }
            if spec.field == FormField::Email && !spec.required {
                self.fail(
                    &format!("{}[{i}].required", p("fields")),
                    "email is always required (leads are matched by email)",
                );
            }
        }
        if !seen.contains(&FormField::Email) {
            self.fail(&p("fields"), "the form must ask for email");
        }
        self.line(
            &p("button_label"),
            &form.button_label,
            MAX_LABEL_CHARS,
            true,
        );
        self.para(
            &p("consent_text"),
            &form.consent_text,
            MAX_FORM_MESSAGE_CHARS,
            true,
        );
        let after = p("after_submit");
        match &form.after_submit {
            AfterSubmit::Message { text } => {
                self.para(&at(&after, "text"), text, MAX_FORM_MESSAGE_CHARS, true);
            }
            AfterSubmit::Redirect { href } => self.url(&at(&after, "href"), href),
        }
    }

    fn case_studies(&mut self, path: &str, c: &CaseStudiesProps) {
        let p = |key: &str| at(path, key);
        self.line(&p("heading"), &c.heading, MAX_HEADING_CHARS, false);
        let source = p("source");
        match &c.source {
            CaseStudySource::Chosen { slugs } => {
                let slugs_path = at(&source, "slugs");
                self.count(
                    &slugs_path,
                    slugs.len(),
                    1,
                    MAX_CASE_STUDY_CARDS,
                    "case studies",
                );
                let mut seen = HashSet::new();
                for (i, slug) in slugs.iter().enumerate() {
                    let slug_path = format!("{slugs_path}[{i}]");
                    let well_formed = (3..=MAX_SLUG_CHARS).contains(&slug.len())
                        && slug
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                    if !well_formed {
                        self.fail(&slug_path, "not a case study's slug");
                    } else if !seen.insert(slug) {
                        self.fail(&slug_path, format!("\"{slug}\" is chosen twice"));
                    }
                }
            }
            CaseStudySource::Filter { industry_sic, .. } => {
                if !industry_sic.is_empty() {
                    self.check(&at(&source, "industry_sic"), check_sic_code(industry_sic));
                }
            }
        }
        if !(1..=MAX_CASE_STUDY_CARDS).contains(&usize::from(c.max)) {
            self.fail(
                &p("max"),
                format!(
                    "show 1 to {MAX_CASE_STUDY_CARDS} case studies, not {}",
                    c.max
                ),
            );
        }
    }
}
