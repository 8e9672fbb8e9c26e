//! Sending email by SMTP (lettre). Built once at start-up from
//! `CE_SMTP_URL` and `CE_MAIL_FROM`; without them there is no mailer and
//! emails wait in `outbound_emails` (shown to admins, never lost).

use crate::domain::smtp_settings::{SmtpSettings, SmtpTls};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
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

    /// Sends one plain-text email. `message_key` makes its Message-ID, so a
    /// retry after an unclear failure carries the same id and a receiving
    /// server can drop the copy.
    pub async fn send(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        message_key: &str,
    ) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("the recipient \"{to}\" is not an email address ({e})"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{message_key}@{}>", self.domain)))
            .header(ContentType::TEXT_PLAIN)
            // lettre picks the transfer encoding (quoted-printable for lines
            // over 76 characters, such as long links).
            .body(body.to_string())
            .map_err(|e| format!("the email could not be built: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the mail server refused or could not be reached: {e}"))
    }
}
