//! The built-in page templates: complete landing pages a marketer starts
//! from ("new from template"), stored as page documents in
//! `templates/<key>.json` and compiled in with `include_str!`.
//!
//! Copy rules the templates follow (and the tests hold them to): no invented
//! statistics or client results (figures come only from the live case-study
//! cards and the ROI calculator, which read published studies); testimonials
//! are marked placeholders with the author "Your client's name"; no image
//! blocks, since a template has no media-library content to point at. Every
//! page has exactly one lead form and its buttons scroll to it, and every
//! layout collapses to one column on phones.

use super::parse::{parse_document, DocumentError};
use super::tree::Document;

/// A built-in template: its key (the file name and a stable identifier for
/// the `page_templates` row), what the template picker shows, and the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltInTemplate {
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub json: &'static str,
}

impl BuiltInTemplate {
    /// The template's page document, parsed and validated like any import.
    pub fn document(&self) -> Result<Document, Vec<DocumentError>> {
        parse_document(self.json)
    }
}

/// Every built-in template, in the order the picker lists them.
pub const BUILT_IN_TEMPLATES: &[BuiltInTemplate] = &[
    BuiltInTemplate {
        key: "free-consultation",
        name: "Free consultation offer",
        description: "Offer a free 30-minute call: what the call gives, how it works, \
                      FAQ and a booking form.",
        json: include_str!("templates/free-consultation.json"),
    },
    BuiltInTemplate {
        key: "roi-calculator",
        name: "ROI calculator offer",
        description: "The ROI calculator embedded in a page that explains the estimate, \
                      with a form to talk it through (loads the calculator's script).",
        json: include_str!("templates/roi-calculator.json"),
    },
    BuiltInTemplate {
        key: "industry-ecommerce",
        name: "Industry page: e-commerce",
        description: "What we test for online retailers, the pitfalls we design out, \
                      live case-study cards for SIC 4791 and an enquiry form.",
        json: include_str!("templates/industry-ecommerce.json"),
    },
    BuiltInTemplate {
        key: "webinar",
        name: "Webinar signup",
        description: "Register for a live session: what attendees learn, who it is for, \
                      the format and a registration form.",
        json: include_str!("templates/webinar.json"),
    },
    BuiltInTemplate {
        key: "guide-download",
        name: "Guide download",
        description: "Offer \"The experimentation ROI guide\": what is inside, who it is \
                      for and a download form.",
        json: include_str!("templates/guide-download.json"),
    },
    BuiltInTemplate {
        key: "case-study-spotlight",
        name: "Case-study spotlight",
        description: "One published case study as a live card, how every result is \
                      measured and an enquiry form.",
        json: include_str!("templates/case-study-spotlight.json"),
    },
];

/// The built-in template with this key.
pub fn built_in(key: &str) -> Option<&'static BuiltInTemplate> {
    BUILT_IN_TEMPLATES.iter().find(|t| t.key == key)
}

#[cfg(test)]
mod tests {
    use super::super::blocks::{BlockProps, BlockType, CaseStudySource, Target};
    use super::super::settings::{check_slug, RESERVED_SLUGS};
    use super::super::style::Breakpoint;
    use super::super::tree::Block;
    use super::super::validate::validate;
    use super::super::SCHEMA_VERSION;
    use super::*;
    use std::collections::HashSet;

    /// Upper bound on a template's compact JSON. The rendered page's HTML
    /// carries the same text plus markup per node, and must stay within
    /// 30 KB gzipped together with the CSS; 12 KB of JSON (with at most
    /// [`MAX_TEMPLATE_NODES`] nodes) leaves ample room. The real figure is
    /// measured on the rendered page and recorded in docs/performance.md.
    const MAX_TEMPLATE_JSON_BYTES: usize = 12 * 1024;
    const MAX_TEMPLATE_NODES: usize = 60;

    fn all() -> Vec<(&'static BuiltInTemplate, Document)> {
        BUILT_IN_TEMPLATES
            .iter()
            .map(|t| {
                let doc = t
                    .document()
                    .unwrap_or_else(|errors| panic!("template {}: {errors:#?}", t.key));
                (t, doc)
            })
            .collect()
    }

    fn form_targets(block: &Block) -> Vec<&Target> {
        match &block.props {
            BlockProps::Button(b) => vec![&b.target],
            BlockProps::Hero(h) => h.cta.iter().map(|c| &c.target).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn there_are_at_least_six() {
        assert!(BUILT_IN_TEMPLATES.len() >= 6);
    }

    #[test]
    fn every_template_parses_and_validates_at_the_current_version() {
        for (t, doc) in all() {
            assert_eq!(doc.schema_version, SCHEMA_VERSION, "{}", t.key);
            assert!(validate(&doc).is_empty(), "{}", t.key);
            // Stored at the current version, not migrated on every load.
            let raw: serde_json::Value = serde_json::from_str(t.json).unwrap();
            assert_eq!(raw["schema_version"], SCHEMA_VERSION, "{}", t.key);
            // Written the way the code writes it (no defaults spelt out,
            // nothing the parser drops), and it round-trips.
            assert!(
                serde_json::to_value(&doc).unwrap() == raw,
                "{}: the stored JSON differs from the document as serialised",
                t.key
            );
            let again = parse_document(&serde_json::to_string(&doc).unwrap()).unwrap();
            assert_eq!(again, doc, "{}", t.key);
        }
    }

    #[test]
    fn every_template_has_exactly_one_lead_form() {
        for (t, doc) in all() {
            let forms = doc
                .blocks()
                .filter(|b| b.block_type() == BlockType::LeadForm)
                .count();
            assert_eq!(forms, 1, "{}", t.key);
        }
    }

    #[test]
    fn buttons_scroll_to_the_form_and_anchors_resolve() {
        for (t, doc) in all() {
            let form = doc.first_form_id().cloned();
            let ids: HashSet<&str> = doc.ids().into_iter().map(|id| id.as_str()).collect();
            let mut to_form = 0;
            for block in doc.blocks() {
                for target in form_targets(block) {
                    match target {
                        Target::Form => {
                            assert!(form.is_some(), "{}: {} has no form", t.key, block.id);
                            to_form += 1;
                        }
                        Target::Link { href } => {
                            if let Some(anchor) = href.strip_prefix('#') {
                                assert!(ids.contains(anchor), "{}: {href}", t.key);
                            }
                        }
                    }
                }
            }
            assert!(to_form >= 1, "{}: nothing leads to the form", t.key);
            // The hero's call to action is the first thing on the page.
            let first = &doc.sections[0].blocks[0];
            assert_eq!(first.block_type(), BlockType::Hero, "{}", t.key);
        }
    }

    #[test]
    fn ids_are_unique() {
        for (t, doc) in all() {
            let mut seen = HashSet::new();
            for (node, _) in doc.outline() {
                assert!(seen.insert(node.id().clone()), "{}: {}", t.key, node.id());
            }
            assert_eq!(seen.len(), doc.node_count(), "{}", t.key);
        }
    }

    #[test]
    fn every_template_is_small() {
        for (t, doc) in all() {
            let compact = serde_json::to_string(&doc).unwrap();
            assert!(
                compact.len() <= MAX_TEMPLATE_JSON_BYTES,
                "{}: {} bytes",
                t.key,
                compact.len()
            );
            assert!(doc.node_count() <= MAX_TEMPLATE_NODES, "{}", t.key);
        }
    }

    #[test]
    fn keys_and_names_are_unique_and_findable() {
        let mut keys = HashSet::new();
        let mut names = HashSet::new();
        for t in BUILT_IN_TEMPLATES {
            assert!(keys.insert(t.key), "duplicate key {}", t.key);
            assert!(names.insert(t.name), "duplicate name {}", t.name);
            assert!(
                t.key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                t.key
            );
            assert!(!t.description.is_empty() && t.description.len() <= 300);
            assert_eq!(built_in(t.key).map(|found| found.key), Some(t.key));
        }
        assert!(built_in("no-such-template").is_none());
    }

    #[test]
    fn slugs_are_unique_and_not_reserved() {
        let mut slugs = HashSet::new();
        for (t, doc) in all() {
            let slug = doc.settings.slug.clone();
            assert_eq!(check_slug(&slug), Ok(()), "{}", t.key);
            assert!(!RESERVED_SLUGS.contains(&slug.as_str()), "{}", t.key);
            assert!(slugs.insert(slug), "{}: duplicate slug", t.key);
        }
    }

    #[test]
    fn only_the_roi_template_needs_script() {
        for (t, doc) in all() {
            assert_eq!(doc.needs_script(), t.key == "roi-calculator", "{}", t.key);
        }
    }

    #[test]
    fn the_industry_template_filters_case_studies_by_industry() {
        let doc = built_in("industry-ecommerce").unwrap().document().unwrap();
        let filter = doc.blocks().find_map(|b| match &b.props {
            BlockProps::CaseStudies(c) => Some(c.source.clone()),
            _ => None,
        });
        assert!(matches!(
            filter,
            Some(CaseStudySource::Filter { industry_sic, .. }) if industry_sic == "4791"
        ));
    }

    /// Templates print no numbers they cannot back: no percentages, no image
    /// blocks (no media to point at), and testimonials only as placeholders.
    #[test]
    fn templates_claim_nothing_they_cannot_back() {
        for (t, doc) in all() {
            assert!(!t.json.contains('%'), "{}: a percentage", t.key);
            for block in doc.blocks() {
                match &block.props {
                    BlockProps::Testimonial(q) => {
                        assert_eq!(q.author, "Your client's name", "{}", t.key);
                        assert!(q.quote.starts_with("Placeholder"), "{}", t.key);
                    }
                    BlockProps::Image(_) | BlockProps::LogoStrip(_) | BlockProps::Video(_) => {
                        panic!("{}: {} needs media", t.key, block.id)
                    }
                    BlockProps::Hero(h) => assert!(h.image.is_none(), "{}", t.key),
                    _ => {}
                }
            }
            assert!(doc.settings.og_image.is_empty(), "{}", t.key);
        }
    }

    /// Every grid and set of columns is one item wide on a phone, and every
    /// template sets at least one value per breakpoint.
    #[test]
    fn layouts_collapse_on_phones() {
        for (t, doc) in all() {
            for block in doc.blocks() {
                let per_row = match &block.props {
                    BlockProps::FeatureGrid(g) => g.per_row,
                    BlockProps::Columns(c) => c.per_row,
                    _ => continue,
                };
                assert_eq!(per_row.resolve(Breakpoint::Mobile), 1, "{}", t.key);
            }
            let responsive = doc.outline().into_iter().any(|(node, _)| {
                let style = node.style();
                style.resolve(Breakpoint::Desktop) != style.resolve(Breakpoint::Mobile)
            });
            assert!(responsive, "{}", t.key);
        }
    }
}
