//! Telling people from crawlers, for counting case-study views.

/// Whether a User-Agent is an obvious crawler, monitor or scripted client.
/// (Headless browsers are not excluded: they are how we test the site.)
pub fn is_probable_bot(user_agent: Option<&str>) -> bool {
    let Some(ua) = user_agent.map(str::to_ascii_lowercase) else {
        return true;
    };
    if ua.trim().is_empty() {
        return true;
    }
    const MARKERS: [&str; 14] = [
        "bot",
        "crawl",
        "spider",
        "slurp",
        "curl/",
        "wget/",
        "python-requests",
        "httpclient",
        "go-http-client",
        "okhttp",
        "lighthouse",
        "pingdom",
        "uptime",
        "facebookexternalhit",
    ];
    MARKERS.iter().any(|m| ua.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_common_crawlers_but_not_browsers() {
        for bot in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.5.0",
            "python-requests/2.31",
            "Mozilla/5.0 (compatible; bingbot/2.0)",
            "",
        ] {
            assert!(is_probable_bot(Some(bot)), "{bot}");
        }
        assert!(is_probable_bot(None));
        assert!(!is_probable_bot(Some(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
        )));
    }
}
