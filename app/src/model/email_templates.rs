//! Email templates as the editor shows them.

use crate::domain::email_templates::{RenderedEmail, TemplateKey, TemplateSource};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSummary {
    pub key: TemplateKey,
    pub label: String,
    /// Edited: differs from the default written in the code.
    pub edited: bool,
    pub updated_at_ms: Option<i64>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDetail {
    pub summary: TemplateSummary,
    pub source: TemplateSource,
    /// (name, what it holds).
    pub variables: Vec<(String, String)>,
    pub marketing: bool,
    /// The template as it renders with made-up values.
    pub preview: Result<RenderedEmail, String>,
}

/// What the editor posts: `input[subject]`, `input[body_text]`, `input[body_html]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInput {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

impl From<TemplateInput> for TemplateSource {
    fn from(input: TemplateInput) -> TemplateSource {
        TemplateSource {
            subject: input.subject,
            body_text: input.body_text,
            body_html: input.body_html,
        }
    }
}
