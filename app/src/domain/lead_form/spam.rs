//! Spam checks on a posted lead form: a filled honeypot, a disposable email
//! domain, links or HTML where a name belongs, link-stuffed descriptions and
//! keyboard-mashing. Tuned for few false positives: names such as "O'Neil",
//! "José" or "Anne-Marie" and companies such as "Booking.com" pass.

use super::LeadForm;

/// What the spam checks concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum SpamVerdict {
    Clean,
    /// The honeypot was filled: almost certainly automated. The server may
    /// answer as if the lead was accepted and store nothing; `message` is for
    /// the rare person whose browser autofilled the hidden field.
    Bot {
        message: String,
    },
    /// Content that looks like spam, as `(field, message)`; each message says
    /// what to change.
    Suspicious(Vec<(String, String)>),
}

pub(super) const DISPOSABLE_EMAIL_MESSAGE: &str =
    "Please use a permanent email address — we can't reply to disposable inboxes";

const HONEYPOT_MESSAGE: &str = "Your browser filled in a hidden field, so this looked automated. \
     Please reload the page and send the form again, or email us directly.";

/// Well-known disposable-inbox domains (their subdomains count too).
pub const DISPOSABLE_EMAIL_DOMAINS: &[&str] = &[
    "10minutemail.com",
    "10minutemail.net",
    "20minutemail.com",
    "anonbox.net",
    "burnermail.io",
    "discard.email",
    "dispostable.com",
    "emailfake.com",
    "emailondeck.com",
    "fakeinbox.com",
    "fakemail.net",
    "getairmail.com",
    "getnada.com",
    "grr.la",
    "guerrillamail.biz",
    "guerrillamail.com",
    "guerrillamail.de",
    "guerrillamail.net",
    "guerrillamail.org",
    "guerrillamailblock.com",
    "inboxkitten.com",
    "incognitomail.org",
    "jetable.org",
    "mail.tm",
    "mailcatch.com",
    "maildrop.cc",
    "mailinator.com",
    "mailinator.net",
    "mailnesia.com",
    "mailpoof.com",
    "mailsac.com",
    "mintemail.com",
    "moakt.com",
    "mohmal.com",
    "mytemp.email",
    "nada.email",
    "sharklasers.com",
    "spam4.me",
    "spamgourmet.com",
    "temp-mail.io",
    "temp-mail.org",
    "tempinbox.com",
    "tempmail.com",
    "tempmail.net",
    "tempmailo.com",
    "tempr.email",
    "throwawaymail.com",
    "tmpmail.org",
    "trashmail.com",
    "trashmail.de",
    "trashmail.net",
    "wegwerfmail.de",
    "yopmail.com",
    "yopmail.fr",
    "yopmail.net",
];

/// Whether the address's domain (or a parent of it) is a disposable-inbox
/// service. Case-insensitive; anything without an `@` is not.
pub fn is_disposable_email_domain(email: &str) -> bool {
    let Some((_, domain)) = email.trim().rsplit_once('@') else {
        return false;
    };
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    DISPOSABLE_EMAIL_DOMAINS.iter().any(|d| {
        domain == *d
            || domain
                .strip_suffix(d)
                .is_some_and(|rest| rest.ends_with('.'))
    })
}

/// A token that is a link: has a scheme or starts with `www.`.
fn is_link(token: &str) -> bool {
    let t = token
        .trim_matches(|c: char| "()[]<>\"'.,;:!?".contains(c))
        .to_ascii_lowercase();
    t.contains("://") || t.starts_with("www.")
}

/// A web address or HTML/BBCode markup anywhere in the text.
fn has_link_or_markup(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let tag = lower
        .char_indices()
        .filter(|(_, c)| *c == '<')
        .any(|(i, _)| {
            lower[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!')
        });
    tag || lower.contains("[url") || lower.split_whitespace().any(is_link)
}

/// The longest run of one repeated non-space character.
fn longest_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    let mut previous = None;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
            previous = None;
            continue;
        }
        run = if previous == Some(c) { run + 1 } else { 1 };
        previous = Some(c);
        longest = longest.max(run);
    }
    longest
}

const MAX_RUN: usize = 20;
const MAX_DESCRIPTION_LINKS: usize = 2;

fn check_description(text: &str) -> Option<&'static str> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let links = tokens.iter().filter(|t| is_link(t)).count();
    if links > MAX_DESCRIPTION_LINKS {
        Some("Please include at most 2 links in the description.")
    } else if links > 0 && links == tokens.len() {
        Some("Tell us about the challenge in a few words — links alone don't tell us enough to help.")
    } else if longest_run(text) > MAX_RUN {
        Some("This looks like one character held down — please write it out normally.")
    } else {
        None
    }
}

/// Runs every spam check on the raw form. `LeadForm::parse` calls this, so
/// callers need it only to tell a bot from a person before parsing.
pub fn spam_check(form: &LeadForm) -> SpamVerdict {
    if !form.fax_number.trim().is_empty() {
        return SpamVerdict::Bot {
            message: HONEYPOT_MESSAGE.to_string(),
        };
    }
    let mut findings: Vec<(String, String)> = Vec::new();
    let mut flag =
        |field: &str, message: &str| findings.push((field.to_string(), message.to_string()));
    if is_disposable_email_domain(&form.email) {
        flag("email", DISPOSABLE_EMAIL_MESSAGE);
    }
    let name_like = [
        (
            "first_name",
            &form.first_name,
            "Names can't contain web addresses or HTML.",
        ),
        (
            "last_name",
            &form.last_name,
            "Names can't contain web addresses or HTML.",
        ),
        (
            "company_name",
            &form.company_name,
            "Enter just the company's name — there's a separate field for the website.",
        ),
        (
            "job_title",
            &form.job_title,
            "Job titles can't contain web addresses or HTML.",
        ),
    ];
    for (field, value, message) in name_like {
        if has_link_or_markup(value) {
            flag(field, message);
        } else if longest_run(value) > MAX_RUN {
            flag(
                field,
                "This looks like one character held down — please write it out normally.",
            );
        }
    }
    if let Some(message) = check_description(&form.challenge_description) {
        flag("challenge_description", message);
    }
    if findings.is_empty() {
        SpamVerdict::Clean
    } else {
        SpamVerdict::Suspicious(findings)
    }
}

/// The honeypot's message, if `errors` (from `LeadForm::parse`) include
/// it: a filled honeypot refuses the whole form, so a caller answers with
/// this alone rather than run the checks a second time.
pub fn honeypot_refusal(errors: &[(String, String)]) -> Option<&str> {
    errors
        .iter()
        .find(|(field, message)| field == "form" && message == HONEYPOT_MESSAGE)
        .map(|(_, message)| message.as_str())
}

#[cfg(test)]
mod tests {
    use super::super::parse::tests::{industries, valid};
    use super::*;

    fn flagged(form: &LeadForm) -> Vec<String> {
        match spam_check(form) {
            SpamVerdict::Suspicious(f) => f.into_iter().map(|(field, _)| field).collect(),
            SpamVerdict::Bot { .. } => vec!["bot".into()],
            SpamVerdict::Clean => vec![],
        }
    }

    #[test]
    fn real_names_and_companies_pass() {
        let names = [
            ("O'Neil", "Anne-Marie", "Booking.com"),
            ("José", "Nguyễn", "Marks & Spencer plc"),
            ("Zoë", "D'Arcy-Smith", "Yahoo! Japan"),
            ("李", "小龙", "AT&T Ltd"),
            ("Mary Ann", "St. John", "3M"),
        ];
        for (first, last, company) in names {
            let form = LeadForm {
                first_name: first.into(),
                last_name: last.into(),
                company_name: company.into(),
                job_title: "VP, Growth & Marketing (EMEA)".into(),
                challenge_description: "See https://acme.com/pricing and www.acme.com/faq — our \
                    prices vary by region... !!!!!!!!"
                    .into(),
                ..valid()
            };
            assert_eq!(
                spam_check(&form),
                SpamVerdict::Clean,
                "{first} {last} / {company}"
            );
            assert!(form.parse(&industries()).is_ok());
        }
    }

    #[test]
    fn a_filled_honeypot_is_found_among_the_parse_errors() {
        let mut form = valid();
        assert_eq!(form.parse(&industries()).map(|_| ()), Ok(()));
        form.fax_number = "555".into();
        let errors = form.parse(&industries()).unwrap_err();
        assert_eq!(honeypot_refusal(&errors), Some(HONEYPOT_MESSAGE));
        form.fax_number.clear();
        form.email = "x@mailinator.com".into();
        let errors = form.parse(&industries()).unwrap_err();
        assert_eq!(honeypot_refusal(&errors), None);
    }

    #[test]
    fn a_filled_honeypot_is_a_bot() {
        let form = LeadForm {
            fax_number: "0123".into(),
            ..valid()
        };
        assert!(matches!(spam_check(&form), SpamVerdict::Bot { .. }));
        let errors = form.parse(&industries()).unwrap_err();
        assert_eq!(errors[0].0, "form");
    }

    #[test]
    fn disposable_inboxes_and_their_subdomains_are_refused() {
        for email in [
            "x@mailinator.com",
            "x@YOPMAIL.com",
            "x@eu.guerrillamail.com",
            "x@10minutemail.com.",
        ] {
            assert!(is_disposable_email_domain(email), "{email}");
        }
        for email in [
            "x@notmailinator.com",
            "x@mailinator.com.example.org",
            "x@gmail.com",
            "no-at",
        ] {
            assert!(!is_disposable_email_domain(email), "{email}");
        }
        let errors = LeadForm {
            email: "dana@mailinator.com".into(),
            ..valid()
        }
        .parse(&industries())
        .unwrap_err();
        assert_eq!(
            errors,
            [("email".to_string(), DISPOSABLE_EMAIL_MESSAGE.to_string())]
        );
    }

    #[test]
    fn links_and_markup_in_names_are_refused() {
        let cases = [
            (
                "first_name",
                LeadForm {
                    first_name: "Buy http://pills.example".into(),
                    ..valid()
                },
            ),
            (
                "last_name",
                LeadForm {
                    last_name: "<a href=x>cheap</a>".into(),
                    ..valid()
                },
            ),
            (
                "company_name",
                LeadForm {
                    company_name: "www.spam.example".into(),
                    ..valid()
                },
            ),
            (
                "job_title",
                LeadForm {
                    job_title: "[url=x]seo[/url]".into(),
                    ..valid()
                },
            ),
            (
                "first_name",
                LeadForm {
                    first_name: "a".repeat(21),
                    ..valid()
                },
            ),
        ];
        for (field, form) in cases {
            assert_eq!(flagged(&form), [field]);
        }
        assert_eq!(
            flagged(&LeadForm {
                first_name: "a".repeat(20),
                ..valid()
            }),
            Vec::<String>::new()
        );
    }

    #[test]
    fn link_stuffed_or_mashed_descriptions_are_refused() {
        for text in [
            "a http://a.example b https://b.example c www.c.example",
            "https://only-a-link.example",
            "http://a.example www.b.example",
            "helloooooooooooooooooooooooooo",
        ] {
            let form = LeadForm {
                challenge_description: text.into(),
                ..valid()
            };
            assert_eq!(flagged(&form), ["challenge_description"], "{text}");
        }
    }
}
