//! Sending email by SMTP (lettre). Built once at start-up from
//! `CE_SMTP_URL` and `CE_MAIL_FROM`; without them there is no mailer and
//! emails wait in `outbound_emails` (shown to admins, never lost).

use crate::domain::smtp_settings::{SmtpSettings, SmtpTls};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::message::MultiPart;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// For the Message-ID's right-hand side.
    domain: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// A mailer for `settings`, sending as `from` (`Name <address>` or an
    /// address). Errors name the setting at fault.
    pub fn new(settings: &SmtpSettings, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("CE_MAIL_FROM: \"{from}\" is not an email address ({e})"))?;
        let builder = match settings.tls {
            SmtpTls::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.as_str())
            }
            SmtpTls::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                    .map_err(|e| format!("CE_SMTP_URL: {e}"))?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|e| format!("CE_SMTP_URL: {e}"))?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(20)));
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let domain = from.email.domain().to_string();
        Ok(Mailer {
            transport: builder.build(),
            from,
            domain,
        })
    }

    /// Sends one email: plain text, or plain text with an HTML alternative.
    /// `message_key` makes its Message-ID, so a retry after an unclear
    /// failure carries the same id and a receiving server can drop the copy.
    /// Marketing email names its one-click unsubscribe address in the
    /// `List-Unsubscribe` headers (RFC 2369, RFC 8058).
    pub async fn send(&self, email: &OutgoingEmail<'_>, message_key: &str) -> Result<(), String> {
        let message = self.build(email, message_key)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the mail server refused or could not be reached: {e}"))
    }

    fn build(&self, email: &OutgoingEmail<'_>, message_key: &str) -> Result<Message, String> {
        let to: Mailbox = email.to.parse().map_err(|e| {
            format!(
                "the recipient \"{}\" is not an email address ({e})",
                email.to
            )
        })?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject)
            .message_id(Some(format!("<{message_key}@{}>", self.domain)));
        if !email.unsubscribe_url.is_empty() {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}>", email.unsubscribe_url),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        // lettre picks the transfer encoding (quoted-printable for lines
        // over 76 characters, such as long links).
        let built = if email.body_html.is_empty() {
            builder
                .header(ContentType::TEXT_PLAIN)
                .body(email.body_text.to_string())
        } else {
            builder.multipart(MultiPart::alternative_plain_html(
                email.body_text.to_string(),
                email.body_html.to_string(),
            ))
        };
        built.map_err(|e| format!("the email could not be built: {e}"))
    }
}

/// One email as it goes out.
#[derive(Debug, Clone, Copy)]
pub struct OutgoingEmail<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    /// Empty: plain text only.
    pub body_html: &'a str,
    /// Empty: not marketing email.
    pub unsubscribe_url: &'a str,
}
