//! Configuration from environment variables, optionally layered over a file of
//! `KEY=value` lines named by `CAUSAL_EDGE_CONFIG`. The environment wins.

use app::domain::rate_limit::RateLimit;
use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub db_max_connections: u32,
    pub listen_addr: SocketAddr,
    /// The address users reach the site at; `https://…` makes cookies `Secure`.
    pub public_url: Option<String>,
    /// `CE_TRUST_PROXY`: which proxies may name the client (`X-Forwarded-For`).
    pub trusted_proxies: app::domain::client_address::TrustedProxies,
    /// `CE_API_RATE_LIMIT`: per-address limits on `/api/` (default the spec's 60/min, 1000/hour).
    pub api_rate_limits: Vec<app::domain::rate_limit::RateLimit>,
    /// `CE_LEAD_RATE_LIMIT`: per-address limits on lead submissions (default the spec's 5/min, 20/hour).
    pub lead_rate_limits: Vec<app::domain::rate_limit::RateLimit>,
    pub session_ttl_hours: i64,
    pub log_format: LogFormat,
    /// Seed demo content (users now; case studies later) on a fresh database at start.
    pub demo: bool,
    /// Password for the demo accounts; generated and printed when absent.
    pub demo_password: Option<String>,
    /// Seconds `/ready` reports "draining" before the server stops accepting.
    pub shutdown_grace_secs: u64,
    /// Where uploaded and generated images live (shared storage when several servers run).
    pub media_dir: std::path::PathBuf,
    pub site_root: String,
    pub site_pkg_dir: String,
    pub output_name: String,
    /// `CE_SMTP_URL`: the mail server; without it emails wait, unsent.
    pub smtp: Option<app::domain::smtp_settings::SmtpSettings>,
    /// `CE_MAIL_FROM`: the sender of every email (needed with `CE_SMTP_URL`).
    pub mail_from: Option<String>,
    /// `CE_JOB_POLL_MS`: how often each server looks for due jobs.
    pub job_poll_ms: u64,
    /// `CE_TIER1_SLA_MINUTES`: admins hear of a Tier-1 lead still new after this long.
    pub tier1_sla_minutes: i64,
    /// `CE_CALENDLY_SIGNING_KEY`: the key Calendly signs booking webhooks
    /// with; without it `/api/v1/bookings/calendly` answers 404.
    pub calendly_signing_key: Option<String>,
    /// `CE_SLACK_WEBHOOK_URL`: a Slack incoming webhook for new Tier 1 leads.
    pub slack_webhook_url: Option<String>,
    /// `CE_HUBSPOT_TOKEN` (a private app's access token) and `CE_HUBSPOT_URL`
    /// (default `https://api.hubapi.com`): leads pushed to HubSpot.
    pub hubspot: Option<(String, String)>,
    /// `CE_PAGE_CACHE_SECS`: how long an anonymous public page is answered
    /// from memory (0: never); the staleness bound across app servers.
    pub page_cache_secs: u64,
    /// `CE_PAGE_CACHE_MB`: the most memory those pages may take.
    pub page_cache_mb: usize,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &app::db::redact_url(&self.database_url))
            .field("db_max_connections", &self.db_max_connections)
            .field("listen_addr", &self.listen_addr)
            .field("public_url", &self.public_url)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("api_rate_limits", &self.api_rate_limits)
            .field("lead_rate_limits", &self.lead_rate_limits)
            .field("session_ttl_hours", &self.session_ttl_hours)
            .field("log_format", &self.log_format)
            .field("demo", &self.demo)
            .field(
                "demo_password",
                &self.demo_password.as_ref().map(|_| "<redacted>"),
            )
            .field("site_root", &self.site_root)
            .field("smtp", &self.smtp)
            .field("mail_from", &self.mail_from)
            .field("hubspot", &self.hubspot.as_ref().map(|(url, _)| url))
            .field(
                "slack_webhook_url",
                &self.slack_webhook_url.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "calendly_signing_key",
                &self.calendly_signing_key.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is invalid: {reason} (got \"{value}\")")]
    Invalid {
        name: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("{name} is invalid: {message}")]
    Setting { name: &'static str, message: String },
    #[error("could not read the config file {path}: {source}")]
    File {
        path: String,
        source: dotenvy::Error,
    },
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/causal-edge.db";

impl Config {
    /// Reads the process environment (and the optional config file).
    pub fn from_env() -> Result<Config, ConfigError> {
        let mut values: HashMap<String, String> = HashMap::new();
        if let Ok(path) = std::env::var("CAUSAL_EDGE_CONFIG") {
            let entries = dotenvy::from_path_iter(&path).map_err(|source| ConfigError::File {
                path: path.clone(),
                source,
            })?;
            for entry in entries {
                let (k, v) = entry.map_err(|source| ConfigError::File {
                    path: path.clone(),
                    source,
                })?;
                values.insert(k, v);
            }
        }
        values.extend(std::env::vars());
        Config::from_lookup(|name| values.get(name).cloned())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let public_url = get("CE_PUBLIC_URL");
        let listen = get("CE_LISTEN_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_string());
        Ok(Config {
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            db_max_connections: parse(
                "CE_DB_MAX_CONNECTIONS",
                get("CE_DB_MAX_CONNECTIONS"),
                10,
                |n: &u32| (1..=1000).contains(n),
            )?,
            listen_addr: listen.parse().map_err(|_| ConfigError::Invalid {
                name: "CE_LISTEN_ADDR",
                value: listen.clone(),
                reason: "expected an address like 127.0.0.1:3000",
            })?,
            trusted_proxies: match get("CE_TRUST_PROXY") {
                None => Default::default(),
                Some(value) => app::domain::client_address::TrustedProxies::parse(&value).map_err(
                    |_| ConfigError::Invalid {
                        name: "CE_TRUST_PROXY",
                        value: value.clone(),
                        reason: "expected false, true, a number of proxies (1-10) or a list of proxy addresses/networks",
                    },
                )?,
            },
            api_rate_limits: parse_rate_limits(
                "CE_API_RATE_LIMIT",
                get("CE_API_RATE_LIMIT"),
                &app::domain::rate_limit::API_DEFAULT,
                app::domain::rate_limit::parse_api_limits,
                "expected off or limits like 60/min,1000/hour",
            )?,
            lead_rate_limits: parse_rate_limits(
                "CE_LEAD_RATE_LIMIT",
                get("CE_LEAD_RATE_LIMIT"),
                &app::domain::rate_limit::LEADS_DEFAULT,
                app::domain::rate_limit::parse_lead_limits,
                "expected off or limits like 5/min,20/hour",
            )?,
            session_ttl_hours: parse(
                "CE_SESSION_TTL_HOURS",
                get("CE_SESSION_TTL_HOURS"),
                24,
                |h: &i64| (1..=24 * 90).contains(h),
            )?,
            log_format: match get("CE_LOG_FORMAT").as_deref() {
                None | Some("pretty") | Some("text") => LogFormat::Pretty,
                Some("json") => LogFormat::Json,
                Some(other) => {
                    return Err(ConfigError::Invalid {
                        name: "CE_LOG_FORMAT",
                        value: other.to_string(),
                        reason: "expected pretty or json",
                    })
                }
            },
            demo: parse_bool("CE_DEMO", get("CE_DEMO"), false)?,
            demo_password: get("CE_DEMO_PASSWORD"),
            shutdown_grace_secs: parse(
                "CE_SHUTDOWN_GRACE_SECS",
                get("CE_SHUTDOWN_GRACE_SECS"),
                0,
                |s: &u64| *s <= 300,
            )?,
            media_dir: get("CE_MEDIA_DIR")
                .unwrap_or_else(|| "data/media".to_string())
                .into(),
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()),
            site_pkg_dir: get("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".to_string()),
            output_name: get("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "causal-edge".to_string()),
            smtp: get("CE_SMTP_URL")
                .map(|url| app::domain::smtp_settings::SmtpSettings::parse(&url))
                .transpose()
                .map_err(|message| ConfigError::Setting {
                    name: "CE_SMTP_URL",
                    message,
                })?,
            mail_from: match (get("CE_SMTP_URL"), get("CE_MAIL_FROM")) {
                (Some(_), None) => {
                    return Err(ConfigError::Setting {
                        name: "CE_MAIL_FROM",
                        message: "set it to the sender of every email (e.g. Causal Edge <hello@example.com>) when CE_SMTP_URL is set".into(),
                    })
                }
                (_, from) => from,
            },
            tier1_sla_minutes: parse(
                "CE_TIER1_SLA_MINUTES",
                get("CE_TIER1_SLA_MINUTES"),
                60,
                |m: &i64| (5..=7 * 24 * 60).contains(m),
            )?,
            job_poll_ms: parse("CE_JOB_POLL_MS", get("CE_JOB_POLL_MS"), 2_000, |ms: &u64| {
                (50..=600_000).contains(ms)
            })?,
            calendly_signing_key: match get("CE_CALENDLY_SIGNING_KEY") {
                Some(key) if key.trim().len() < 16 => {
                    return Err(ConfigError::Setting {
                        name: "CE_CALENDLY_SIGNING_KEY",
                        message: "the webhook signing key from Calendly is longer than this; paste it whole".into(),
                    })
                }
                key => key.map(|k| k.trim().to_string()),
            },
            slack_webhook_url: get("CE_SLACK_WEBHOOK_URL")
                .map(|url| app::domain::webhooks::check_url(&url))
                .transpose()
                .map_err(|message| ConfigError::Setting {
                    name: "CE_SLACK_WEBHOOK_URL",
                    message,
                })?,
            hubspot: match get("CE_HUBSPOT_TOKEN") {
                None => None,
                Some(token) if token.trim().is_empty() || token.chars().any(char::is_whitespace) => {
                    return Err(ConfigError::Setting {
                        name: "CE_HUBSPOT_TOKEN",
                        message: "paste the private app's access token whole (no spaces)".into(),
                    })
                }
                Some(token) => {
                    let base = get("CE_HUBSPOT_URL")
                        .unwrap_or_else(|| "https://api.hubapi.com".to_string());
                    let base = app::domain::webhooks::check_url(&base).map_err(|message| {
                        ConfigError::Setting {
                            name: "CE_HUBSPOT_URL",
                            message,
                        }
                    })?;
                    Some((base, token))
                }
            },
            page_cache_secs: parse(
                "CE_PAGE_CACHE_SECS",
                get("CE_PAGE_CACHE_SECS"),
                5,
                |s: &u64| *s <= 3600,
            )?,
            page_cache_mb: parse("CE_PAGE_CACHE_MB", get("CE_PAGE_CACHE_MB"), 16, |m: &usize| {
                (1..=4096).contains(m)
            })?,
            public_url,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

fn parse<T: std::str::FromStr>(
    name: &'static str,
    value: Option<String>,
    default: T,
    valid: impl Fn(&T) -> bool,
) -> Result<T, ConfigError> {
    match value {
        None => Ok(default),
        Some(text) => match text.trim().parse::<T>() {
            Ok(v) if valid(&v) => Ok(v),
            _ => Err(ConfigError::Invalid {
                name,
                value: text,
                reason: "not a number in the allowed range",
            }),
        },
    }
}

fn parse_rate_limits(
    name: &'static str,
    value: Option<String>,
    default: &[RateLimit],
    parse: fn(&str) -> Result<Vec<RateLimit>, String>,
    reason: &'static str,
) -> Result<Vec<RateLimit>, ConfigError> {
    match value {
        None => Ok(default.to_vec()),
        Some(text) => parse(&text).map_err(|_| ConfigError::Invalid {
            name,
            value: text,
            reason,
        }),
    }
}

fn parse_bool(
    name: &'static str,
    value: Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match value.as_deref().map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(_) => Err(ConfigError::Invalid {
            name,
            value: value.unwrap_or_default(),
            reason: "expected true or false",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn a_mail_server_needs_a_valid_url_and_a_sender() {
        let bad = config(&[("CE_SMTP_URL", "smtp://mail.example?tls=maybe")]).unwrap_err();
        assert!(bad.to_string().contains("CE_SMTP_URL is invalid"), "{bad}");
        assert!(bad.to_string().contains("tls=maybe"), "{bad}");
        let no_sender = config(&[("CE_SMTP_URL", "smtp://127.0.0.1:2525?tls=none")]).unwrap_err();
        assert!(
            no_sender.to_string().contains("CE_MAIL_FROM"),
            "{no_sender}"
        );
        let good = config(&[
            ("CE_SMTP_URL", "smtp://u:secret@mail.example:587"),
            ("CE_MAIL_FROM", "Causal Edge <hello@example.com>"),
        ])
        .unwrap();
        assert_eq!(good.smtp.as_ref().unwrap().port, 587);
        assert!(
            !format!("{good:?}").contains("secret"),
            "never logs the password"
        );
        assert!(config(&[]).unwrap().smtp.is_none());
    }

    #[test]
    fn defaults_to_a_local_sqlite_file() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.listen_addr.to_string(), "127.0.0.1:3000");
        assert!(!c.secure_cookies());
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.api_rate_limits, app::domain::rate_limit::API_DEFAULT);
        assert_eq!(c.lead_rate_limits, app::domain::rate_limit::LEADS_DEFAULT);
    }

    #[test]
    fn https_public_url_makes_cookies_secure() {
        let c = config(&[("CE_PUBLIC_URL", "https://ce.example")]).unwrap();
        assert!(c.secure_cookies());
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (name, value) in [
            ("CE_DB_MAX_CONNECTIONS", "0"),
            ("CE_LISTEN_ADDR", "nowhere"),
            ("CE_TRUST_PROXY", "maybe"),
            ("CE_LOG_FORMAT", "xml"),
            ("CE_SESSION_TTL_HOURS", "-1"),
            ("CE_API_RATE_LIMIT", "60/day"),
            ("CE_LEAD_RATE_LIMIT", "five/min"),
        ] {
            let err = config(&[(name, value)]).unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
            assert!(err.contains(value), "{err}");
        }
    }

    #[test]
    fn debug_output_hides_secrets() {
        let c = config(&[
            ("DATABASE_URL", "postgres://u:hunter2@h/d"),
            ("CE_DEMO_PASSWORD", "Secret-Pass-123"),
            ("CE_HUBSPOT_TOKEN", "pat-na1-secret-token"),
            ("CE_CALENDLY_SIGNING_KEY", "calendly-secret-signing-key"),
            (
                "CE_SLACK_WEBHOOK_URL",
                "https://hooks.slack.com/services/T/B/slack-secret",
            ),
        ])
        .unwrap();
        let debug = format!("{c:?}");
        for secret in [
            "hunter2",
            "Secret-Pass-123",
            "pat-na1-secret-token",
            "calendly-secret-signing-key",
            "slack-secret",
        ] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
    }

    #[test]
    fn bad_integration_settings_are_named() {
        let short = config(&[("CE_CALENDLY_SIGNING_KEY", "short")]).unwrap_err();
        assert!(
            short.to_string().contains("CE_CALENDLY_SIGNING_KEY"),
            "{short}"
        );
        let spaced = config(&[("CE_HUBSPOT_TOKEN", "pat with spaces")]).unwrap_err();
        assert!(spaced.to_string().contains("CE_HUBSPOT_TOKEN"), "{spaced}");
        let base = config(&[
            ("CE_HUBSPOT_TOKEN", "pat"),
            ("CE_HUBSPOT_URL", "api.hubapi.com"),
        ])
        .unwrap_err();
        assert!(base.to_string().contains("CE_HUBSPOT_URL"), "{base}");
        let slack = config(&[("CE_SLACK_WEBHOOK_URL", "hooks.slack.com/x")]).unwrap_err();
        assert!(
            slack.to_string().contains("CE_SLACK_WEBHOOK_URL"),
            "{slack}"
        );
    }
}
