//! Typed decoding from a `serde_json::Value`, with the path of every problem.
//!
//! serde's derived deserializers stop at the first error and do not say where
//! it was, so the document is decoded by hand here: every missing field, unknown
//! field, wrong type and unknown token is reported with its full path
//! (`sections[0].blocks[2].props.level: expected a whole number from 0 to 255`),
//! and decoding goes on to find the rest. Content rules (lengths, URLs, script)
//! are checked afterwards on the typed document (`validate.rs`).

use serde_json::{Map, Value};

use super::blocks::*;
pub(super) use super::error::join;
use super::error::DocumentError;
use super::ids::{truncate_for_message, NodeId};
use super::settings::{AccentColour, PageSettings};
use super::style::{Align, Breakpoint, Responsive, Spacing, Style, TextSize, Tone, Width};

pub(super) type Errors = Vec<DocumentError>;

pub(super) fn fail(errs: &mut Errors, path: &str, message: impl Into<String>) {
    errs.push(DocumentError::new(path, message));
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A value that can be decoded from JSON, reporting problems with paths.
/// `None` means at least one error was recorded.
pub(super) trait Decode: Sized {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<Self>;
}

impl Decode for String {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                fail(
                    errs,
                    path,
                    format!("expected text, found {}", kind_of(other)),
                );
                None
            }
        }
    }
}

impl Decode for bool {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                fail(
                    errs,
                    path,
                    format!("expected true or false, found {}", kind_of(other)),
                );
                None
            }
        }
    }
}

impl Decode for u8 {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<u8> {
        match v.as_u64().and_then(|n| u8::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                fail(errs, path, "expected a whole number from 0 to 255");
                None
            }
        }
    }
}

impl Decode for NodeId {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<NodeId> {
        let s = String::decode(v, path, errs)?;
        match NodeId::parse(&s) {
            Ok(id) => Some(id),
            Err(message) => {
                fail(errs, path, message);
                None
            }
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<Option<T>> {
        match v {
            Value::Null => Some(None),
            v => T::decode(v, path, errs).map(Some),
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<Vec<T>> {
        let Value::Array(items) = v else {
            fail(errs, path, format!("expected a list, found {}", kind_of(v)));
            return None;
        };
        let decoded: Vec<Option<T>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| T::decode(item, &format!("{path}[{i}]"), errs))
            .collect();
        decoded.into_iter().collect()
    }
}

/// Closed token sets decode from their wire value.
macro_rules! decode_tokens {
    ($($ty:ty),+) => {$(
        impl Decode for $ty {
            fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<$ty> {
                let s = String::decode(v, path, errs)?;
                let found = <$ty>::parse(&s);
                if found.is_none() {
                    let allowed: Vec<&str> = <$ty>::ALL.iter().map(|t| t.as_str()).collect();
                    fail(errs, path, format!(
                        "\"{}\" is not one of {}",
                        truncate_for_message(&s),
                        allowed.join(", ")
                    ));
                }
                found
            }
        }
    )+};
}
decode_tokens!(
    Spacing,
    Align,
    Tone,
    Width,
    TextSize,
    Breakpoint,
    ButtonVariant,
    FormField,
    Icon,
    Methodology
);

/// An object being decoded: fields are taken one by one, then [`Obj::finish`]
/// reports any field nobody asked for.
pub(super) struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
    taken: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    pub(super) fn new(v: &'a Value, path: &str, errs: &mut Errors) -> Option<Obj<'a>> {
        match v {
            Value::Object(map) => Some(Obj {
                map,
                path: path.to_string(),
                taken: Vec::new(),
            }),
            other => {
                fail(
                    errs,
                    path,
                    format!("expected an object, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    pub(super) fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The raw value of a field, marking it as known.
    pub(super) fn raw(&mut self, key: &'static str) -> Option<&'a Value> {
        self.taken.push(key);
        self.map.get(key)
    }

    /// A required field.
    pub(super) fn req<T: Decode>(&mut self, key: &'static str, errs: &mut Errors) -> Option<T> {
        match self.raw(key) {
            Some(v) => T::decode(v, &self.path(key), errs),
            None => {
                fail(errs, &self.path(key), "this field is required");
                None
            }
        }
    }

    /// An optional field; missing means `T::default()`.
    pub(super) fn opt<T: Decode + Default>(
        &mut self,
        key: &'static str,
        errs: &mut Errors,
    ) -> Option<T> {
        self.or(key, T::default, errs)
    }

    /// An optional field with its own default.
    pub(super) fn or<T: Decode>(
        &mut self,
        key: &'static str,
        default: impl FnOnce() -> T,
        errs: &mut Errors,
    ) -> Option<T> {
        match self.raw(key) {
            Some(v) => T::decode(v, &self.path(key), errs),
            None => Some(default()),
        }
    }

    /// Reports the fields that were not taken.
    pub(super) fn finish(self, errs: &mut Errors) {
        for key in self.map.keys() {
            if !self.taken.contains(&key.as_str()) {
                let mut known: Vec<&str> = self.taken.clone();
                known.sort_unstable();
                known.dedup();
                fail(
                    errs,
                    &join(&self.path, key),
                    format!("unknown field (expected one of {})", known.join(", ")),
                );
            }
        }
    }
}

/// Decoders for structs: `field: req` (required), `field: opt` (missing
/// means default), `field: or(f)` (missing means `f()`). Every field is
/// decoded before any error returns, so all problems are reported.
macro_rules! decode_struct {
    ($ty:ident { $($field:ident : $how:ident $(($default:expr))?),* $(,)? }) => {
        impl Decode for $ty {
            fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<$ty> {
                let mut o = Obj::new(v, path, errs)?;
                $(let $field = decode_struct!(@field o, errs, $field, $how $(($default))?);)*
                o.finish(errs);
                Some($ty { $($field: $field?),* })
            }
        }
    };
    (@field $o:ident, $errs:ident, $field:ident, req) => { $o.req(stringify!($field), $errs) };
    (@field $o:ident, $errs:ident, $field:ident, opt) => { $o.opt(stringify!($field), $errs) };
    (@field $o:ident, $errs:ident, $field:ident, or($default:expr)) => {
        $o.or(stringify!($field), $default, $errs)
    };
}

impl<T: Decode + Copy> Decode for Responsive<T> {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<Responsive<T>> {
        let mut o = Obj::new(v, path, errs)?;
        let desktop = o.req("desktop", errs);
        let tablet = o.opt::<Option<T>>("tablet", errs);
        let mobile = o.opt::<Option<T>>("mobile", errs);
        o.finish(errs);
        Some(Responsive {
            desktop: desktop?,
            tablet: tablet?,
            mobile: mobile?,
        })
    }
}

impl Decode for AccentColour {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<AccentColour> {
        String::decode(v, path, errs).map(AccentColour)
    }
}

fn always_visible() -> Responsive<bool> {
    Responsive::all(true)
}

decode_struct!(Style {
    spacing: opt,
    align: opt,
    text_size: opt,
    visible: or(always_visible),
    tone: opt,
    width: opt,
});

decode_struct!(PageSettings {
    title: req,
    slug: req,
    description: opt,
    og_image: opt,
    noindex: opt,
    accent: opt,
});

decode_struct!(HeadingProps {
    level: req,
    text: req
});
decode_struct!(RichTextProps { content: req });
decode_struct!(ListItem { spans: req });
decode_struct!(Span {
    text: req,
    bold: opt,
    italic: opt,
    href: opt,
});
decode_struct!(ImageRef {
    media: req,
    alt: req
});
decode_struct!(ImageProps {
    media: req,
    alt: req,
    caption: opt,
});
decode_struct!(ButtonProps {
    label: req,
    target: req,
    variant: opt,
});
decode_struct!(FormFieldSpec {
    field: req,
    required: req
});
decode_struct!(LeadFormProps {
    heading: opt,
    fields: req,
    button_label: req,
    consent_text: req,
    after_submit: req,
});
decode_struct!(Cta {
    label: req,
    target: req
});
decode_struct!(HeroProps {
    heading: req,
    text: opt,
    cta: opt,
    image: opt,
});
decode_struct!(Feature {
    title: req,
    text: opt,
    icon: opt,
});
decode_struct!(FeatureGridProps {
    heading: opt,
    items: req,
    per_row: or(default_per_row),
});
decode_struct!(TestimonialProps {
    quote: req,
    author: req,
    role: opt,
});
decode_struct!(LogoStripProps {
    heading: opt,
    logos: req
});
decode_struct!(FaqItem {
    question: req,
    answer: req
});
decode_struct!(FaqProps {
    heading: opt,
    items: req
});
decode_struct!(CaseStudiesProps {
    heading: opt,
    source: req,
    max: req,
});
decode_struct!(RoiCalculatorProps { heading: opt });
decode_struct!(VideoProps {
    url: req,
    title: req,
    poster: req,
});
decode_struct!(SpacerProps { size: req });
decode_struct!(ColumnsProps {
    per_row: or(|| ColumnsProps::default().per_row),
    gap: opt,
});

impl Decode for DividerProps {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<DividerProps> {
        Obj::new(v, path, errs)?.finish(errs);
        Some(DividerProps {})
    }
}

/// Reads the tag of an internally tagged object (`"type"` or `"kind"`).
fn tag<'a>(
    o: &mut Obj<'a>,
    key: &'static str,
    allowed: &[&str],
    errs: &mut Errors,
) -> Option<&'a str> {
    let path = o.path(key);
    let value = match o.raw(key) {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            fail(
                errs,
                &path,
                format!("expected text, found {}", kind_of(other)),
            );
            return None;
        }
        None => {
            fail(
                errs,
                &path,
                format!("this field is required (one of {})", allowed.join(", ")),
            );
            return None;
        }
    };
    if allowed.contains(&value) {
        Some(value)
    } else {
        fail(
            errs,
            &path,
            format!(
                "\"{}\" is not one of {}",
                truncate_for_message(value),
                allowed.join(", ")
            ),
        );
        None
    }
}

impl Decode for RichBlock {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<RichBlock> {
        let mut o = Obj::new(v, path, errs)?;
        let decoded = match tag(&mut o, "type", &["paragraph", "list"], errs) {
            Some("paragraph") => o
                .req("spans", errs)
                .map(|spans| RichBlock::Paragraph { spans }),
            Some(_) => {
                let ordered = o.opt("ordered", errs);
                let items = o.req("items", errs);
                Some(RichBlock::List {
                    ordered: ordered?,
                    items: items?,
                })
            }
            None => None,
        };
        o.finish(errs);
        decoded
    }
}

impl Decode for Target {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<Target> {
        let mut o = Obj::new(v, path, errs)?;
        let decoded = match tag(&mut o, "kind", &["link", "form"], errs) {
            Some("link") => o.req("href", errs).map(|href| Target::Link { href }),
            Some(_) => Some(Target::Form),
            None => None,
        };
        o.finish(errs);
        decoded
    }
}

impl Decode for AfterSubmit {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<AfterSubmit> {
        let mut o = Obj::new(v, path, errs)?;
        let decoded = match tag(&mut o, "kind", &["message", "redirect"], errs) {
            Some("message") => o
                .req("text", errs)
                .map(|text| AfterSubmit::Message { text }),
            Some(_) => o
                .req("href", errs)
                .map(|href| AfterSubmit::Redirect { href }),
            None => None,
        };
        o.finish(errs);
        decoded
    }
}

impl Decode for CaseStudySource {
    fn decode(v: &Value, path: &str, errs: &mut Errors) -> Option<CaseStudySource> {
        let mut o = Obj::new(v, path, errs)?;
        let decoded = match tag(&mut o, "kind", &["chosen", "filter"], errs) {
            Some("chosen") => o
                .req("slugs", errs)
                .map(|slugs| CaseStudySource::Chosen { slugs }),
            Some(_) => {
                let industry_sic = o.opt("industry_sic", errs);
                let methodology = o.opt("methodology", errs);
                Some(CaseStudySource::Filter {
                    industry_sic: industry_sic?,
                    methodology: methodology?,
                })
            }
            None => None,
        };
        o.finish(errs);
        decoded
    }
}

/// A block's props, given its (already checked) type.
pub(super) fn decode_props(
    block_type: BlockType,
    v: &Value,
    path: &str,
    errs: &mut Errors,
) -> Option<BlockProps> {
    Some(match block_type {
        BlockType::Heading => BlockProps::Heading(Decode::decode(v, path, errs)?),
        BlockType::RichText => BlockProps::RichText(Decode::decode(v, path, errs)?),
        BlockType::Image => BlockProps::Image(Decode::decode(v, path, errs)?),
        BlockType::Button => BlockProps::Button(Decode::decode(v, path, errs)?),
        BlockType::LeadForm => BlockProps::LeadForm(Decode::decode(v, path, errs)?),
        BlockType::Hero => BlockProps::Hero(Decode::decode(v, path, errs)?),
        BlockType::FeatureGrid => BlockProps::FeatureGrid(Decode::decode(v, path, errs)?),
        BlockType::Testimonial => BlockProps::Testimonial(Decode::decode(v, path, errs)?),
        BlockType::LogoStrip => BlockProps::LogoStrip(Decode::decode(v, path, errs)?),
        BlockType::Faq => BlockProps::Faq(Decode::decode(v, path, errs)?),
        BlockType::CaseStudies => BlockProps::CaseStudies(Decode::decode(v, path, errs)?),
        BlockType::RoiCalculator => BlockProps::RoiCalculator(Decode::decode(v, path, errs)?),
        BlockType::Video => BlockProps::Video(Decode::decode(v, path, errs)?),
        BlockType::Spacer => BlockProps::Spacer(Decode::decode(v, path, errs)?),
        BlockType::Divider => BlockProps::Divider(Decode::decode(v, path, errs)?),
        BlockType::Columns => BlockProps::Columns(Decode::decode(v, path, errs)?),
    })
}
