//! The mail server setting, `CE_SMTP_URL`, read once at start-up:
//! `smtp://user:pass@mail.example:587?tls=starttls` with `tls` one of
//! `none`, `starttls` (the default) or `tls` (implicit TLS, usually port 465).
//! A bad value stops the server with the part named, rather than failing
//! quietly on the first email.

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same machine or a test sink.
    None,
    /// Upgrade with STARTTLS, which the server must offer.
    StartTls,
    /// TLS from the first byte.
    Tls,
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// User name and password, when the server wants them.
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpSettings {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .finish()
    }
}

impl SmtpSettings {
    pub fn parse(url: &str) -> Result<SmtpSettings, String> {
        let rest = url
            .trim()
            .strip_prefix("smtp://")
            .ok_or("CE_SMTP_URL must start with smtp://")?;
        let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
        let authority = authority.trim_end_matches('/');
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((userinfo, hostport)) => (Some(userinfo), hostport),
            None => (None, authority),
        };
        let credentials = match userinfo {
            None => None,
            Some(userinfo) => {
                let (user, password) = userinfo
                    .split_once(':')
                    .ok_or("CE_SMTP_URL: write the credentials as user:password@")?;
                Some((percent_decode(user)?, percent_decode(password)?))
            }
        };
        let mut tls = SmtpTls::StartTls;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", "none")) => tls = SmtpTls::None,
                Some(("tls", "starttls")) => tls = SmtpTls::StartTls,
                Some(("tls", "tls")) => tls = SmtpTls::Tls,
                Some(("tls", other)) => {
                    return Err(format!(
                        "CE_SMTP_URL: tls={other} is not one of none, starttls or tls"
                    ))
                }
                _ => return Err(format!("CE_SMTP_URL: unknown setting \"{pair}\"")),
            }
        }
        let (host, port) = match hostport.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| format!("CE_SMTP_URL: \"{port}\" is not a port number"))?,
            ),
            None => (
                hostport,
                match tls {
                    SmtpTls::Tls => 465,
                    SmtpTls::StartTls => 587,
                    SmtpTls::None => 25,
                },
            ),
        };
        let valid_host = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
        if !valid_host {
            return Err("CE_SMTP_URL: the mail server's host name is missing or invalid".into());
        }
        Ok(SmtpSettings {
            host: host.to_string(),
            port,
            tls,
            credentials,
        })
    }
}

/// `%40` → `@` and so on, for user names and passwords in the URL.
fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("CE_SMTP_URL: a % in the credentials must be followed by two hex digits")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "CE_SMTP_URL: the credentials are not valid UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_forms() {
        let full = SmtpSettings::parse("smtp://ann%40example.com:p%25ss@mail.example:2525?tls=tls")
            .unwrap();
        assert_eq!(full.host, "mail.example");
        assert_eq!(full.port, 2525);
        assert_eq!(full.tls, SmtpTls::Tls);
        assert_eq!(
            full.credentials,
            Some(("ann@example.com".to_string(), "p%ss".to_string()))
        );
        assert!(
            !format!("{full:?}").contains("p%ss"),
            "the password is never printed"
        );
        let plain = SmtpSettings::parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!(
            (plain.port, plain.tls, plain.credentials),
            (2525, SmtpTls::None, None)
        );
        assert_eq!(
            SmtpSettings::parse("smtp://mail.example").unwrap().port,
            587
        );
    }

    #[test]
    fn names_what_is_wrong() {
        for (url, says) in [
            ("mail.example:25", "must start with smtp://"),
            ("smtp://mail.example?tls=maybe", "tls=maybe"),
            ("smtp://mail.example:99999", "not a port number"),
            ("smtp://:25", "host name"),
            ("smtp://user@mail.example", "user:password@"),
            ("smtp://mail.example?mode=fast", "unknown setting"),
        ] {
            let error = SmtpSettings::parse(url).unwrap_err();
            assert!(error.contains(says), "{url}: {error}");
        }
    }
}
