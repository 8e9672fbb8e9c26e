//! Email templates: which emails can be edited, what each says until an
//! admin or marketer changes it, the variables each may use, and rendering
//! with minijinja (HTML bodies escape every variable; text bodies and
//! subjects are plain text). Pure: the database keeps only edited templates.

use serde::{Deserialize, Serialize};

/// An editable email. The wire name is the stored key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKey {
    /// To the consultant a new lead is routed to.
    NewLead,
    Tier1Confirmation,
    Tier1FollowUp,
    Tier2Welcome,
    Tier2Day3,
    Tier2Day7,
    Tier3Digest,
}

/// Subject, plain-text body and HTML body, as written (not rendered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSource {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedEmail {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// Which part of a template a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplatePart {
    Subject,
    BodyText,
    BodyHtml,
}

impl TemplatePart {
    pub fn label(self) -> &'static str {
        match self {
            TemplatePart::Subject => "Subject",
            TemplatePart::BodyText => "Plain text",
            TemplatePart::BodyHtml => "HTML",
        }
    }

    /// The form field it is edited in.
    pub fn field(self) -> &'static str {
        match self {
            TemplatePart::Subject => "subject",
            TemplatePart::BodyText => "body_text",
            TemplatePart::BodyHtml => "body_html",
        }
    }
}

/// Why a template cannot be used: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}{}: {message}", part.label(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct TemplateError {
    pub part: TemplatePart,
    pub line: Option<usize>,
    pub message: String,
}

/// Longest subject, and longest body part, an editor may save.
pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 20_000;

impl TemplateKey {
    pub const ALL: [TemplateKey; 7] = [
        TemplateKey::NewLead,
        TemplateKey::Tier1Confirmation,
        TemplateKey::Tier1FollowUp,
        TemplateKey::Tier2Welcome,
        TemplateKey::Tier2Day3,
        TemplateKey::Tier2Day7,
        TemplateKey::Tier3Digest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateKey::NewLead => "new_lead",
            TemplateKey::Tier1Confirmation => "tier1_confirmation",
            TemplateKey::Tier1FollowUp => "tier1_follow_up",
            TemplateKey::Tier2Welcome => "tier2_welcome",
            TemplateKey::Tier2Day3 => "tier2_day3",
            TemplateKey::Tier2Day7 => "tier2_day7",
            TemplateKey::Tier3Digest => "tier3_digest",
        }
    }

    pub fn parse(value: &str) -> Option<TemplateKey> {
        TemplateKey::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            TemplateKey::NewLead => "New lead, to its consultant",
            TemplateKey::Tier1Confirmation => "Tier 1: confirmation, at once",
            TemplateKey::Tier1FollowUp => "Tier 1: follow-up after 24 hours",
            TemplateKey::Tier2Welcome => "Tier 2: welcome, at once",
            TemplateKey::Tier2Day3 => "Tier 2: day 3",
            TemplateKey::Tier2Day7 => "Tier 2: day 7",
            TemplateKey::Tier3Digest => "Tier 3: monthly digest of new case studies",
        }
    }

    /// Marketing emails go only to prospects who consented, carry an
    /// unsubscribe link and the List-Unsubscribe headers.
    pub fn is_marketing(self) -> bool {
        self != TemplateKey::NewLead
    }

    /// The variables this email may use, with what each holds.
    pub fn variables(self) -> &'static [(&'static str, &'static str)] {
        const LEAD: [(&str, &str); 7] = [
            (
                "lead.first_name",
                "The prospect's first name (may be empty)",
            ),
            ("lead.name", "First and last name, or empty"),
            ("lead.company", "Their company (may be empty)"),
            ("lead.industry", "Their industry"),
            ("lead.tier", "\"Tier 1\", \"Tier 2\" or \"Tier 3\""),
            (
                "consultant.name",
                "The assigned consultant, or \"our team\"",
            ),
            ("estimate", "Their calculator estimate in words, or empty"),
        ];
        match self {
            TemplateKey::NewLead => &[
                ("consultant.first_name", "The consultant's first name"),
                ("lead.name", "First and last name, or empty"),
                ("lead.company", "Their company (may be empty)"),
                ("lead.industry", "Their industry"),
                ("lead.tier", "\"Tier 1\", \"Tier 2\" or \"Tier 3\""),
                ("lead.score", "Score out of 100"),
                ("reasons", "Why this score: a list of sentences"),
                (
                    "response_time",
                    "The reply time we promised, e.g. \"1 hour\"",
                ),
                ("estimate", "Their calculator estimate in words, or empty"),
                ("lead_url", "The lead's page in the back office"),
            ],
            TemplateKey::Tier3Digest => &[
                (
                    "lead.first_name",
                    "The prospect's first name (may be empty)",
                ),
                ("lead.company", "Their company (may be empty)"),
                (
                    "case_studies",
                    "New case studies: each has title, summary and url",
                ),
                ("site_url", "The site's address"),
                ("unsubscribe_url", "Their one-click unsubscribe link"),
            ],
            _ => {
                const MORE: [(&str, &str); 3] = [
                    ("booking_link", "The consultant's booking page, or empty"),
                    ("site_url", "The site's address"),
                    ("unsubscribe_url", "Their one-click unsubscribe link"),
                ];
                const ALL: [(&str, &str); 10] = [
                    LEAD[0], LEAD[1], LEAD[2], LEAD[3], LEAD[4], LEAD[5], LEAD[6], MORE[0],
                    MORE[1], MORE[2],
                ];
                &ALL
            }
        }
    }

    /// What the email says until someone edits it.
    pub fn default_source(self) -> TemplateSource {
        let (subject, text, html) = match self {
            TemplateKey::NewLead => (
                "New {{ lead.tier }} lead: {{ lead.name or \"A new lead\" }}{% if lead.company %} at {{ lead.company }}{% endif %} (score {{ lead.score }})",
                NEW_LEAD_TEXT,
                NEW_LEAD_HTML,
            ),
            TemplateKey::Tier1Confirmation => (
                "We have your details{% if lead.first_name %}, {{ lead.first_name }}{% endif %}",
                TIER1_CONFIRMATION_TEXT,
                TIER1_CONFIRMATION_HTML,
            ),
            TemplateKey::Tier1FollowUp => (
                "Your next step with {{ consultant.name }}",
                TIER1_FOLLOW_UP_TEXT,
                TIER1_FOLLOW_UP_HTML,
            ),
            TemplateKey::Tier2Welcome => (
                "Thanks for getting in touch{% if lead.first_name %}, {{ lead.first_name }}{% endif %}",
                TIER2_WELCOME_TEXT,
                TIER2_WELCOME_HTML,
            ),
            TemplateKey::Tier2Day3 => (
                "How {{ lead.industry }} teams test their way to growth",
                TIER2_DAY3_TEXT,
                TIER2_DAY3_HTML,
            ),
            TemplateKey::Tier2Day7 => (
                "Shall we look at your numbers together?",
                TIER2_DAY7_TEXT,
                TIER2_DAY7_HTML,
            ),
            TemplateKey::Tier3Digest => (
                "New case studies from Causal Edge",
                TIER3_DIGEST_TEXT,
                TIER3_DIGEST_HTML,
            ),
        };
        TemplateSource {
            subject: subject.to_string(),
            body_text: text.to_string(),
            body_html: html.to_string(),
        }
    }

    /// Made-up values for the editor's preview.
    pub fn sample_variables(self) -> serde_json::Value {
        serde_json::json!({
            "lead": {
                "first_name": "Amara",
                "name": "Amara Okafor",
                "company": "Okafor & Daughters <Retail>",
                "industry": "Retail",
                "tier": "Tier 1",
                "score": 82,
            },
            "consultant": {
                "name": "Priya Raman",
                "first_name": "Priya",
                "email": "priya@example.com",
            },
            "estimate": "£120,000 to £310,000 more revenue a year",
            "reasons": [
                "Decision authority: decision maker",
                "Timeline: within a month",
            ],
            "response_time": "1 hour",
            "lead_url": "https://causal-edge.example/admin/leads/01J0EXAMPLE",
            "booking_link": "https://calendly.com/priya-raman/30min",
            "site_url": "https://causal-edge.example",
            "unsubscribe_url": "https://causal-edge.example/unsubscribe/EXAMPLE",
            "case_studies": [
                {
                    "title": "Checkout redesign lifts conversion 14%",
                    "summary": "A retailer tested one-page checkout against three steps.",
                    "url": "https://causal-edge.example/case-studies/checkout-redesign",
                }
            ],
        })
    }
}

/// Checks a template as written: lengths, syntax, and a render with the
/// sample variables (a misspelt variable is an error, not a blank).
#[cfg(feature = "ssr")]
pub fn check(key: TemplateKey, source: &TemplateSource) -> Result<(), TemplateError> {
    let too_long = |part, limit: usize, text: &str| {
        (text.chars().count() > limit).then(|| TemplateError {
            part,
            line: None,
            message: format!("at most {limit} characters"),
        })
    };
    if let Some(error) = too_long(TemplatePart::Subject, MAX_SUBJECT_CHARS, &source.subject)
        .or_else(|| too_long(TemplatePart::BodyText, MAX_BODY_CHARS, &source.body_text))
        .or_else(|| too_long(TemplatePart::BodyHtml, MAX_BODY_CHARS, &source.body_html))
    {
        return Err(error);
    }
    for (part, text) in [
        (TemplatePart::Subject, &source.subject),
        (TemplatePart::BodyText, &source.body_text),
    ] {
        if text.trim().is_empty() {
            return Err(TemplateError {
                part,
                line: None,
                message: "must not be empty".to_string(),
            });
        }
    }
    render(source, &key.sample_variables()).map(|_| ())
}

/// Renders a template. Variables the template names but `vars` lacks are
/// errors. HTML output escapes every variable; an empty HTML part renders
/// as empty (the email is then plain text only).
#[cfg(feature = "ssr")]
pub fn render(
    source: &TemplateSource,
    vars: &serde_json::Value,
) -> Result<RenderedEmail, TemplateError> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    // Escaping follows the template's name: only the HTML part escapes.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    let one = |part: TemplatePart, name: &str, text: &str| -> Result<String, TemplateError> {
        let fail = |e: minijinja::Error| TemplateError {
            part,
            line: e.line(),
            message: describe(&e),
        };
        env.template_from_named_str(name, text)
            .map_err(fail)?
            .render(vars)
            .map_err(fail)
    };
    let subject = one(TemplatePart::Subject, "subject.txt", &source.subject)?;
    // A subject is one line: line breaks from variables or the template go.
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let body_text = one(TemplatePart::BodyText, "body.txt", &source.body_text)?;
    let body_html = if source.body_html.trim().is_empty() {
        String::new()
    } else {
        one(TemplatePart::BodyHtml, "body.html", &source.body_html)?
    };
    Ok(RenderedEmail {
        subject,
        body_text,
        body_html,
    })
}

/// minijinja's message without its own "(in name:line)" suffix: the editor
/// names the part and line itself.
#[cfg(feature = "ssr")]
fn describe(error: &minijinja::Error) -> String {
    let kind = match error.kind() {
        minijinja::ErrorKind::UndefinedError => "a variable this email does not have".to_string(),
        minijinja::ErrorKind::SyntaxError => "syntax error".to_string(),
        minijinja::ErrorKind::UnknownFilter => "unknown filter".to_string(),
        minijinja::ErrorKind::UnknownFunction => "unknown function".to_string(),
        minijinja::ErrorKind::UnknownTest => "unknown test".to_string(),
        other => other.to_string(),
    };
    match error.detail() {
        Some(detail) => format!("{kind}: {detail}"),
        None => kind,
    }
}

const NEW_LEAD_TEXT: &str = "Hello {{ consultant.first_name }},

{{ lead.name or \"A new lead\" }}{% if lead.company %} at {{ lead.company }}{% endif %} ({{ lead.industry }}) has been routed to you.
Score {{ lead.score }} of 100, {{ lead.tier }}: we promised a reply within {{ response_time }}.
{% if estimate %}
Their calculator estimate: {{ estimate }}.
{% endif %}{% if reasons %}
Why this score:
{% for reason in reasons %}- {{ reason }}
{% endfor %}{% endif %}
Open the lead: {{ lead_url }}
";

const NEW_LEAD_HTML: &str = "<p>Hello {{ consultant.first_name }},</p>
<p><strong>{{ lead.name or \"A new lead\" }}</strong>{% if lead.company %} at {{ lead.company }}{% endif %} ({{ lead.industry }}) has been routed to you.
Score {{ lead.score }} of 100, {{ lead.tier }}: we promised a reply within {{ response_time }}.</p>
{% if estimate %}<p>Their calculator estimate: {{ estimate }}.</p>{% endif %}
{% if reasons %}<p>Why this score:</p>
<ul>{% for reason in reasons %}<li>{{ reason }}</li>{% endfor %}</ul>{% endif %}
<p><a href=\"{{ lead_url }}\">Open the lead</a></p>
";

macro_rules! marketing_text {
    ($body:expr) => {
        concat!($body, "
--
Causal Edge · {{ site_url }}
You get these emails because you agreed to hear from us. Unsubscribe with one click: {{ unsubscribe_url }}
")
    };
}

macro_rules! marketing_html {
    ($body:expr) => {
        concat!($body, "
<hr>
<p style=\"font-size:13px;color:#4a5568\">Causal Edge · <a href=\"{{ site_url }}\">{{ site_url }}</a><br>
You get these emails because you agreed to hear from us. <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a> with one click.</p>
")
    };
}

const TIER1_CONFIRMATION_TEXT: &str = marketing_text!("Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},

Thank you for telling us about {{ lead.company or \"your business\" }}. {{ consultant.name }} will be in touch within the hour.
{% if estimate %}
Your estimate: {{ estimate }}.
{% endif %}{% if booking_link %}
Rather pick a time yourself? {{ booking_link }}
{% endif %}");

const TIER1_CONFIRMATION_HTML: &str = marketing_html!("<p>Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},</p>
<p>Thank you for telling us about {{ lead.company or \"your business\" }}. {{ consultant.name }} will be in touch within the hour.</p>
{% if estimate %}<p>Your estimate: <strong>{{ estimate }}</strong>.</p>{% endif %}
{% if booking_link %}<p>Rather pick a time yourself? <a href=\"{{ booking_link }}\">Book a call</a>.</p>{% endif %}");

const TIER1_FOLLOW_UP_TEXT: &str = marketing_text!("Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},

Yesterday you asked how experimentation could grow {{ lead.company or \"your business\" }}. If we have not found a time to talk yet, {{ consultant.name }} would be glad to.
{% if booking_link %}
Book a call: {{ booking_link }}
{% else %}
Simply reply to this email.
{% endif %}");

const TIER1_FOLLOW_UP_HTML: &str = marketing_html!("<p>Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},</p>
<p>Yesterday you asked how experimentation could grow {{ lead.company or \"your business\" }}. If we have not found a time to talk yet, {{ consultant.name }} would be glad to.</p>
{% if booking_link %}<p><a href=\"{{ booking_link }}\">Book a call</a></p>{% else %}<p>Simply reply to this email.</p>{% endif %}");

const TIER2_WELCOME_TEXT: &str = marketing_text!(
    "Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},

Thank you for getting in touch. {{ consultant.name }} will reply within a day.
{% if estimate %}
Your estimate: {{ estimate }}.
{% endif %}
Meanwhile, our case studies show what tested changes did for others: {{ site_url }}/case-studies
"
);

const TIER2_WELCOME_HTML: &str = marketing_html!("<p>Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},</p>
<p>Thank you for getting in touch. {{ consultant.name }} will reply within a day.</p>
{% if estimate %}<p>Your estimate: <strong>{{ estimate }}</strong>.</p>{% endif %}
<p>Meanwhile, <a href=\"{{ site_url }}/case-studies\">our case studies</a> show what tested changes did for others.</p>");

const TIER2_DAY3_TEXT: &str = marketing_text!("Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},

The {{ lead.industry }} teams we work with start small: one page, one change, one honest test. Our case studies show the results, good and bad: {{ site_url }}/case-studies
");

const TIER2_DAY3_HTML: &str = marketing_html!("<p>Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},</p>
<p>The {{ lead.industry }} teams we work with start small: one page, one change, one honest test. <a href=\"{{ site_url }}/case-studies\">Our case studies</a> show the results, good and bad.</p>");

const TIER2_DAY7_TEXT: &str = marketing_text!("Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},

Would half an hour with {{ consultant.name }} help? We would look at your numbers and the first test worth running.
{% if booking_link %}
Book a call: {{ booking_link }}
{% else %}
Simply reply to this email.
{% endif %}");

const TIER2_DAY7_HTML: &str = marketing_html!("<p>Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},</p>
<p>Would half an hour with {{ consultant.name }} help? We would look at your numbers and the first test worth running.</p>
{% if booking_link %}<p><a href=\"{{ booking_link }}\">Book a call</a></p>{% else %}<p>Simply reply to this email.</p>{% endif %}");

const TIER3_DIGEST_TEXT: &str = marketing_text!(
    "Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},

New this month:
{% for study in case_studies %}
{{ study.title }}
{{ study.summary }}
{{ study.url }}
{% endfor %}"
);

const TIER3_DIGEST_HTML: &str = marketing_html!("<p>Hello{% if lead.first_name %} {{ lead.first_name }}{% endif %},</p>
<p>New this month:</p>
<ul>{% for study in case_studies %}<li><a href=\"{{ study.url }}\">{{ study.title }}</a><br>{{ study.summary }}</li>{% endfor %}</ul>");

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn every_default_renders_with_its_sample_variables() {
        for key in TemplateKey::ALL {
            let source = key.default_source();
            check(key, &source).unwrap_or_else(|e| panic!("{key:?}: {e}"));
            let email = render(&source, &key.sample_variables()).unwrap();
            assert!(!email.subject.is_empty() && !email.subject.contains('\n'));
            assert!(!email.body_html.is_empty());
            if key.is_marketing() {
                assert!(email.body_text.contains("/unsubscribe/EXAMPLE"), "{key:?}");
                // minijinja escapes '/' in HTML; a browser reads it back.
                assert!(
                    email.body_html.contains("&#x2f;unsubscribe&#x2f;EXAMPLE"),
                    "{key:?}"
                );
            }
        }
    }

    fn new_lead(name: &str, company: &str, reasons: &[&str]) -> RenderedEmail {
        let vars = serde_json::json!({
            "consultant": {"first_name": "Priya"},
            "lead": {"name": name, "company": company, "industry": "E-commerce retail",
                     "tier": "Tier 1", "score": 82},
            "reasons": reasons, "response_time": "1 hour", "estimate": "",
            "lead_url": "https://ce.example/admin/leads/abc",
        });
        render(&TemplateKey::NewLead.default_source(), &vars).unwrap()
    }

    #[test]
    fn the_new_lead_email_says_who_how_good_and_where() {
        let email = new_lead(
            "Maya Patel",
            "Northwind Retail",
            &["Decision authority: full marks"],
        );
        assert_eq!(
            email.subject,
            "New Tier 1 lead: Maya Patel at Northwind Retail (score 82)"
        );
        assert!(email.body_text.starts_with("Hello Priya,"));
        assert!(email.body_text.contains("reply within 1 hour"));
        assert!(email.body_text.contains("- Decision authority: full marks"));
        assert!(!email.body_text.contains("estimate"));
        assert!(email
            .body_text
            .ends_with("Open the lead: https://ce.example/admin/leads/abc\n"));
        let email = new_lead("", "", &[]);
        assert_eq!(email.subject, "New Tier 1 lead: A new lead (score 82)");
        assert!(email
            .body_text
            .contains("A new lead (E-commerce retail) has been routed to you."));
        assert!(!email.body_text.contains("Why this score"));
    }

    #[test]
    fn keys_round_trip() {
        for key in TemplateKey::ALL {
            assert_eq!(TemplateKey::parse(key.as_str()), Some(key));
        }
        assert_eq!(TemplateKey::parse("nope"), None);
    }

    #[test]
    fn html_escapes_variables_and_text_keeps_them() {
        let source = TemplateSource {
            subject: "Hi {{ lead.company }}".into(),
            body_text: "{{ lead.company }}".into(),
            body_html: "<p>{{ lead.company }}</p>".into(),
        };
        let vars = serde_json::json!({"lead": {"company": "<script>alert(1)</script> & Co"}});
        let email = render(&source, &vars).unwrap();
        assert_eq!(email.body_text, "<script>alert(1)</script> & Co");
        assert_eq!(
            email.body_html,
            "<p>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Co</p>"
        );
        assert_eq!(email.subject, "Hi <script>alert(1)</script> & Co");
    }

    #[test]
    fn errors_name_the_part_and_line() {
        let mut source = TemplateKey::Tier2Day3.default_source();
        source.body_html = "<p>one</p>\n<p>{% if lead.first_name %}two</p>".into();
        let error = check(TemplateKey::Tier2Day3, &source).unwrap_err();
        assert_eq!(error.part, TemplatePart::BodyHtml);
        assert_eq!(error.line, Some(2));
        assert!(
            error.message.starts_with("syntax error"),
            "{}",
            error.message
        );

        let mut source = TemplateKey::Tier2Day3.default_source();
        source.body_text = "Hello\n\n{{ lead.frist_name }}".into();
        let error = check(TemplateKey::Tier2Day3, &source).unwrap_err();
        assert_eq!((error.part, error.line), (TemplatePart::BodyText, Some(3)));
        assert!(
            error
                .to_string()
                .starts_with("Plain text, line 3: a variable"),
            "{error}"
        );
    }

    #[test]
    fn empty_and_oversized_parts_are_refused() {
        let mut source = TemplateKey::NewLead.default_source();
        source.subject = "  ".into();
        assert_eq!(
            check(TemplateKey::NewLead, &source).unwrap_err().part,
            TemplatePart::Subject
        );
        let mut source = TemplateKey::NewLead.default_source();
        source.body_html = "x".repeat(MAX_BODY_CHARS + 1);
        let error = check(TemplateKey::NewLead, &source).unwrap_err();
        assert_eq!(error.part, TemplatePart::BodyHtml);
        // An empty HTML part is allowed: the email goes as plain text.
        let mut source = TemplateKey::NewLead.default_source();
        source.body_html.clear();
        assert!(check(TemplateKey::NewLead, &source).is_ok());
    }

    #[test]
    fn subjects_stay_on_one_line() {
        let source = TemplateSource {
            subject: "A\n{{ x }}".into(),
            body_text: "b".into(),
            body_html: String::new(),
        };
        let email = render(
            &source,
            &serde_json::json!({"x": "y\r\nBcc: evil@example.com"}),
        )
        .unwrap();
        assert_eq!(email.subject, "A y Bcc: evil@example.com");
    }
}
