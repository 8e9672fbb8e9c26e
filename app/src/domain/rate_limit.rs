//! Fixed-window rate limits for public endpoints (per client address). The
//! counters live in the database so every app server enforces the same limit.

/// At most `limit` requests per `window_secs` for one key within `scope`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub scope: &'static str,
    pub limit: i64,
    pub window_secs: i64,
}

/// The spec's limits: lead submissions 5 a minute and 20 an hour; ROI
/// calculations 10 a minute.
pub const LEADS_PER_MINUTE: RateLimit = RateLimit {
    scope: "lead_minute",
    limit: 5,
    window_secs: 60,
};
pub const LEADS_PER_HOUR: RateLimit = RateLimit {
    scope: "lead_hour",
    limit: 20,
    window_secs: 3600,
};
/// The spec's limits on lead submissions, per address (`CE_LEAD_RATE_LIMIT`).
pub const LEADS_DEFAULT: [RateLimit; 2] = [LEADS_PER_MINUTE, LEADS_PER_HOUR];
pub const ROI_PER_MINUTE: RateLimit = RateLimit {
    scope: "roi_minute",
    limit: 10,
    window_secs: 60,
};

/// The spec's general limit on the API, per address: 60 a minute, 1,000 an hour.
pub const API_DEFAULT: [RateLimit; 2] = [
    RateLimit {
        scope: "api_minute",
        limit: 60,
        window_secs: 60,
    },
    RateLimit {
        scope: "api_hour",
        limit: 1000,
        window_secs: 3600,
    },
];

/// Reads the API limit setting: `off`, or comma-separated `N/min`, `N/hour`
/// (e.g. the default `60/min,1000/hour`).
pub fn parse_api_limits(value: &str) -> Result<Vec<RateLimit>, String> {
    parse_limits(value, "api_minute", "api_hour")
}

/// Reads the lead submission limit setting, in the API setting's form
/// (the default is `5/min,20/hour`).
pub fn parse_lead_limits(value: &str) -> Result<Vec<RateLimit>, String> {
    parse_limits(value, LEADS_PER_MINUTE.scope, LEADS_PER_HOUR.scope)
}

/// `off`, or comma-separated `N/min`, `N/hour`, counted in the given scopes.
fn parse_limits(
    value: &str,
    minute_scope: &'static str,
    hour_scope: &'static str,
) -> Result<Vec<RateLimit>, String> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("off") {
        return Ok(Vec::new());
    }
    value
        .split(',')
        .map(|part| {
            let (count, per) = part
                .trim()
                .split_once('/')
                .ok_or_else(|| format!("\"{part}\" should look like 60/min"))?;
            let limit: i64 = count
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("\"{count}\" is not a positive number"))?;
            match per.trim() {
                "min" | "minute" => Ok(RateLimit {
                    scope: minute_scope,
                    limit,
                    window_secs: 60,
                }),
                "hour" | "h" => Ok(RateLimit {
                    scope: hour_scope,
                    limit,
                    window_secs: 3600,
                }),
                other => Err(format!("\"{other}\" should be min or hour")),
            }
        })
        .collect()
}

impl RateLimit {
    fn window_ms(self) -> i64 {
        self.window_secs * 1000
    }

    /// The start of the window `now_ms` falls in.
    pub fn window_start(self, now_ms: i64) -> i64 {
        now_ms - now_ms.rem_euclid(self.window_ms())
    }

    /// Given the count of hits in the current window (including this one),
    /// `None` when allowed, or the whole seconds until the window ends.
    pub fn verdict(self, hits_in_window: i64, now_ms: i64) -> Option<i64> {
        if hits_in_window <= self.limit {
            return None;
        }
        let ends = self.window_start(now_ms) + self.window_ms();
        Some(((ends - now_ms) + 999) / 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_limits_parse_from_the_setting() {
        assert_eq!(
            parse_api_limits("60/min,1000/hour").unwrap(),
            API_DEFAULT.to_vec()
        );
        assert!(parse_api_limits("off").unwrap().is_empty());
        assert!(parse_api_limits("60").is_err());
        assert!(parse_api_limits("-1/min").is_err());
        assert!(parse_api_limits("5/day").is_err());
    }

    #[test]
    fn lead_limits_parse_into_the_lead_scopes() {
        assert_eq!(
            parse_lead_limits("5/min,20/hour").unwrap(),
            LEADS_DEFAULT.to_vec()
        );
        // A lead limit never shares a counter with the API's.
        assert_eq!(parse_lead_limits("60/min").unwrap()[0].scope, "lead_minute");
        assert!(parse_lead_limits("off").unwrap().is_empty());
        assert!(parse_lead_limits("0/min").is_err());
    }

    #[test]
    fn the_sixth_lead_in_a_minute_waits_for_the_next_minute() {
        let now = 1_700_000_012_500; // 12.5 s into a minute
        let window = LEADS_PER_MINUTE.window_start(now);
        assert_eq!(window % 60_000, 0);
        assert!((0..60_000).contains(&(now - window)));
        assert_eq!(LEADS_PER_MINUTE.verdict(5, now), None);
        let wait = LEADS_PER_MINUTE.verdict(6, now).unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
    }

    #[test]
    fn retry_after_counts_to_the_end_of_the_window() {
        let start = 120_000;
        assert_eq!(ROI_PER_MINUTE.verdict(11, start), Some(60));
        assert_eq!(ROI_PER_MINUTE.verdict(11, start + 59_001), Some(1));
        assert_eq!(
            LEADS_PER_HOUR.verdict(21, 3_600_000 + 1_800_000),
            Some(1800)
        );
        assert_eq!(
            LEADS_PER_HOUR.window_start(3_600_000 + 1_800_000),
            3_600_000
        );
    }
}
