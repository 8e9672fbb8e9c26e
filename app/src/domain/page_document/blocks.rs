//! Block types and their props.
//!
//! A block's JSON is `{"id": …, "type": "heading", "props": {…}, "style": {…}}`
//! (a columns block also has `"columns": […]`). Props are closed structs:
//! unknown fields are refused, optional text is `""` and left out of the JSON.
//! Nothing here holds markup: rich text is a tree of spans, so no block can
//! carry script, and renderers escape every string.

use serde::Serialize;

use super::style::{token_set, Responsive, Spacing};

token_set! {
    /// Every block type, in palette order.
    pub enum BlockType default Heading {
        Heading => "heading",
        RichText => "rich_text",
        Image => "image",
        Button => "button",
        LeadForm => "lead_form",
        Hero => "hero",
        FeatureGrid => "feature_grid",
        Testimonial => "testimonial",
        LogoStrip => "logo_strip",
        Faq => "faq",
        CaseStudies => "case_studies",
        RoiCalculator => "roi_calculator",
        Video => "video",
        Spacer => "spacer",
        Divider => "divider",
        Columns => "columns",
    }
}

impl BlockType {
    /// A name for the palette and messages.
    pub fn label(self) -> &'static str {
        match self {
            BlockType::Heading => "Heading",
            BlockType::RichText => "Text",
            BlockType::Image => "Image",
            BlockType::Button => "Button",
            BlockType::LeadForm => "Lead form",
            BlockType::Hero => "Hero",
            BlockType::FeatureGrid => "Feature grid",
            BlockType::Testimonial => "Testimonial",
            BlockType::LogoStrip => "Logo strip",
            BlockType::Faq => "FAQ",
            BlockType::CaseStudies => "Case-study cards",
            BlockType::RoiCalculator => "ROI calculator",
            BlockType::Video => "Video",
            BlockType::Spacer => "Spacer",
            BlockType::Divider => "Divider",
            BlockType::Columns => "Columns",
        }
    }

    /// Whether a published page holding this block needs the WASM bundle
    /// (only the ROI calculator island does; the video loads on a plain link
    /// click and the FAQ is `<details>`).
    pub fn needs_script(self) -> bool {
        self == BlockType::RoiCalculator
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A block's props, tagged by its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "props", rename_all = "snake_case")]
pub enum BlockProps {
    Heading(HeadingProps),
    RichText(RichTextProps),
    Image(ImageProps),
    Button(ButtonProps),
    LeadForm(LeadFormProps),
    Hero(HeroProps),
    FeatureGrid(FeatureGridProps),
    Testimonial(TestimonialProps),
    LogoStrip(LogoStripProps),
    Faq(FaqProps),
    CaseStudies(CaseStudiesProps),
    RoiCalculator(RoiCalculatorProps),
    Video(VideoProps),
    Spacer(SpacerProps),
    Divider(DividerProps),
    Columns(ColumnsProps),
}

impl BlockProps {
    pub fn block_type(&self) -> BlockType {
        match self {
            BlockProps::Heading(_) => BlockType::Heading,
            BlockProps::RichText(_) => BlockType::RichText,
            BlockProps::Image(_) => BlockType::Image,
            BlockProps::Button(_) => BlockType::Button,
            BlockProps::LeadForm(_) => BlockType::LeadForm,
            BlockProps::Hero(_) => BlockType::Hero,
            BlockProps::FeatureGrid(_) => BlockType::FeatureGrid,
            BlockProps::Testimonial(_) => BlockType::Testimonial,
            BlockProps::LogoStrip(_) => BlockType::LogoStrip,
            BlockProps::Faq(_) => BlockType::Faq,
            BlockProps::CaseStudies(_) => BlockType::CaseStudies,
            BlockProps::RoiCalculator(_) => BlockType::RoiCalculator,
            BlockProps::Video(_) => BlockType::Video,
            BlockProps::Spacer(_) => BlockType::Spacer,
            BlockProps::Divider(_) => BlockType::Divider,
            BlockProps::Columns(_) => BlockType::Columns,
        }
    }

    /// Starting props for a block dropped from the palette. Text blocks get
    /// placeholder text and pass validation; image, logo strip and video need
    /// an image chosen from the media library before the page can be saved
    /// (their media key starts empty and validation says so on the node).
    pub fn default_for(block_type: BlockType) -> BlockProps {
        let text = |s: &str| s.to_string();
        match block_type {
            BlockType::Heading => BlockProps::Heading(HeadingProps {
                level: 2,
                text: text("A clear heading"),
            }),
            BlockType::RichText => BlockProps::RichText(RichTextProps {
                content: vec![RichBlock::Paragraph {
                    spans: vec![Span::plain("Write something persuasive here.")],
                }],
            }),
            BlockType::Image => BlockProps::Image(ImageProps::default()),
            BlockType::Button => BlockProps::Button(ButtonProps {
                label: text("Book a free consultation"),
                target: Target::Form,
                variant: ButtonVariant::Primary,
            }),
            BlockType::LeadForm => BlockProps::LeadForm(LeadFormProps::default()),
            BlockType::Hero => BlockProps::Hero(HeroProps {
                heading: text("Decisions backed by evidence"),
                text: text("Find out what really moves your numbers."),
                cta: Some(Cta {
                    label: text("Talk to us"),
                    target: Target::Form,
                }),
                image: None,
            }),
            BlockType::FeatureGrid => BlockProps::FeatureGrid(FeatureGridProps {
                heading: String::new(),
                items: vec![Feature {
                    title: text("A benefit"),
                    text: text("Why it matters to the reader."),
                    icon: Some(Icon::Check),
                }],
                per_row: default_per_row(),
            }),
            BlockType::Testimonial => BlockProps::Testimonial(TestimonialProps {
                quote: text("They showed us which changes actually worked."),
                author: text("A happy client"),
                role: String::new(),
            }),
            BlockType::LogoStrip => BlockProps::LogoStrip(LogoStripProps::default()),
            BlockType::Faq => BlockProps::Faq(FaqProps {
                heading: text("Questions"),
                items: vec![FaqItem {
                    question: text("How long does an engagement take?"),
                    answer: text("Most run for six to twelve weeks."),
                }],
            }),
            BlockType::CaseStudies => BlockProps::CaseStudies(CaseStudiesProps {
                heading: text("Results we have measured"),
                source: CaseStudySource::Filter {
                    industry_sic: String::new(),
                    methodology: None,
                },
                max: 3,
            }),
            BlockType::RoiCalculator => BlockProps::RoiCalculator(RoiCalculatorProps::default()),
            BlockType::Video => BlockProps::Video(VideoProps::default()),
            BlockType::Spacer => BlockProps::Spacer(SpacerProps::default()),
            BlockType::Divider => BlockProps::Divider(DividerProps {}),
            BlockType::Columns => BlockProps::Columns(ColumnsProps::default()),
        }
    }
}

/// A heading; `level` 1–3 becomes `<h1>`–`<h3>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct HeadingProps {
    pub level: u8,
    pub text: String,
}

/// Formatted text: paragraphs and lists of spans (bold, italic, links).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct RichTextProps {
    pub content: Vec<RichBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RichBlock {
    Paragraph {
        spans: Vec<Span>,
    },
    List {
        #[serde(skip_serializing_if = "is_false")]
        ordered: bool,
        items: Vec<ListItem>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ListItem {
    pub spans: Vec<Span>,
}

/// A run of text with the same formatting; with `href` it is a link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub italic: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub href: String,
}

impl Span {
    pub fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            ..Span::default()
        }
    }
}

/// An image from the media library (its media key, such as `hero/0193…`)
/// with the alt text every image must have.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct ImageRef {
    pub media: String,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct ImageProps {
    pub media: String,
    pub alt: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub caption: String,
}

/// Where a button or call to action leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A URL (see the URL rules in `docs/page-document.md`).
    Link { href: String },
    /// Scroll to the page's first lead form.
    Form,
}

token_set! {
    pub enum ButtonVariant default Primary {
        Primary => "primary", Secondary => "secondary",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ButtonProps {
    pub label: String,
    pub target: Target,
    #[serde(skip_serializing_if = "is_default_variant")]
    pub variant: ButtonVariant,
}

fn is_default_variant(value: &ButtonVariant) -> bool {
    *value == ButtonVariant::default()
}

token_set! {
    /// The fields a landing-page lead form may ask for; the wire values are
    /// the lead form's own field names, so a post feeds the lead pipeline
    /// unchanged. `email` is always asked and always required.
    pub enum FormField default Email {
        FirstName => "first_name",
        LastName => "last_name",
        Email => "email",
        CompanyName => "company_name",
        JobTitle => "job_title",
        Phone => "phone",
        Website => "website",
        Industry => "industry",
        AnnualRevenueRange => "annual_revenue_range",
        CompanySizeRange => "company_size_range",
        PrimaryChallenge => "primary_challenge",
        Timeline => "timeline",
        BudgetRange => "budget_range",
        ChallengeDescription => "challenge_description",
        DecisionAuthority => "decision_making_authority",
    }
}

impl FormField {
    /// Whether the lead pipeline needs an answer to score and route a lead
    /// (email, and the qualifying questions): asked on a landing page, such
    /// a field is required whatever the form says.
    pub fn lead_requires(self) -> bool {
        matches!(
            self,
            FormField::Email
                | FormField::Industry
                | FormField::AnnualRevenueRange
                | FormField::CompanySizeRange
                | FormField::PrimaryChallenge
                | FormField::Timeline
                | FormField::DecisionAuthority
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct FormFieldSpec {
    pub field: FormField,
    pub required: bool,
}

impl FormFieldSpec {
    /// Required by the form, or by the lead pipeline (see
    /// [`FormField::lead_requires`]).
    pub fn is_required(&self) -> bool {
        self.required || self.field.lead_requires()
    }
}

/// What a visitor sees after submitting a lead form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AfterSubmit {
    Message { text: String },
    Redirect { href: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct LeadFormProps {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// In display order; each field at most once; `email` required.
    pub fields: Vec<FormFieldSpec>,
    pub button_label: String,
    pub consent_text: String,
    pub after_submit: AfterSubmit,
}

impl Default for LeadFormProps {
    fn default() -> LeadFormProps {
        let field = |field, required| FormFieldSpec { field, required };
        LeadFormProps {
            heading: "Get in touch".to_string(),
            fields: vec![
                field(FormField::FirstName, true),
                field(FormField::Email, true),
                field(FormField::CompanyName, false),
            ],
            button_label: "Send".to_string(),
            consent_text: "We will use these details to reply to your enquiry.".to_string(),
            after_submit: AfterSubmit::Message {
                text: "Thank you, we will be in touch within one working day.".to_string(),
            },
        }
    }
}

/// A call to action inside a hero.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Cta {
    pub label: String,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct HeroProps {
    pub heading: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cta: Option<Cta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageRef>,
}

token_set! {
    /// The icons a feature may show (drawn by the renderer as inline SVG).
    pub enum Icon default Check {
        Chart => "chart",
        Target => "target",
        Clock => "clock",
        Shield => "shield",
        Users => "users",
        Growth => "growth",
        Idea => "idea",
        Check => "check",
        Money => "money",
        Flask => "flask",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Feature {
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
}

/// Items per row: 3 on desktop, 2 on tablet, 1 on mobile.
pub fn default_per_row() -> Responsive<u8> {
    Responsive {
        desktop: 3,
        tablet: Some(2),
        mobile: Some(1),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FeatureGridProps {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
    pub items: Vec<Feature>,
    /// 1–4 items per row, per breakpoint.
    pub per_row: Responsive<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TestimonialProps {
    pub quote: String,
    pub author: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct LogoStripProps {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
    pub logos: Vec<ImageRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FaqItem {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct FaqProps {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
    pub items: Vec<FaqItem>,
}

token_set! {
    /// How an engagement established its result. The same wire values as
    /// `domain::showcase::Methodology` (repeated here so this module stands
    /// alone; a test in the app crate may compare the two lists).
    pub enum Methodology default AbTest {
        AbTest => "ab_test",
        Multivariate => "multivariate",
        CausalAnalysis => "causal_analysis",
        QuasiExperiment => "quasi_experiment",
        GeoExperiment => "geo_experiment",
        Bandit => "bandit",
    }
}

/// Which case studies the cards show.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseStudySource {
    /// These studies, in this order (published ones only, at request time).
    Chosen { slugs: Vec<String> },
    /// The newest published studies matching the filter, looked up when the
    /// page is rendered. Empty `industry_sic` and no methodology: any study.
    Filter {
        #[serde(skip_serializing_if = "String::is_empty")]
        industry_sic: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        methodology: Option<Methodology>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CaseStudiesProps {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
    pub source: CaseStudySource,
    /// At most this many cards (1–12).
    pub max: u8,
}

/// The existing ROI calculator island, optionally under a heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct RoiCalculatorProps {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
}

/// A click-to-load video: the poster is an image from the media library and
/// the player is only requested after the click.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct VideoProps {
    /// A YouTube or Vimeo page or embed URL (https).
    pub url: String,
    /// The video's title (the link text and the player frame's title).
    pub title: String,
    pub poster: ImageRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct SpacerProps {
    pub size: Responsive<Spacing>,
}

impl Default for SpacerProps {
    fn default() -> SpacerProps {
        SpacerProps {
            size: Responsive {
                desktop: Spacing::L,
                tablet: None,
                mobile: Some(Spacing::M),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct DividerProps {}

/// Props of a columns block; its columns are children, not props.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ColumnsProps {
    /// Columns side by side (1–4) per breakpoint; the rest wrap below.
    pub per_row: Responsive<u8>,
    #[serde(skip_serializing_if = "is_default_spacing")]
    pub gap: Spacing,
}

fn default_columns_per_row() -> Responsive<u8> {
    Responsive {
        desktop: 4,
        tablet: Some(2),
        mobile: Some(1),
    }
}

fn is_default_spacing(value: &Spacing) -> bool {
    *value == Spacing::default()
}

impl Default for ColumnsProps {
    fn default() -> ColumnsProps {
        ColumnsProps {
            per_row: default_columns_per_row(),
            gap: Spacing::default(),
        }
    }
}
