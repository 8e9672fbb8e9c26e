//! Whether a state-changing request comes from one of our own pages. Cookies
//! are `SameSite=Lax` already; this is the second line: browsers say where a
//! request comes from (`Origin`, `Sec-Fetch-Site`, `Referer`) and we refuse
//! any that names another site, another scheme, or an opaque origin.
//!
//! A request with none of those headers is not from a browser (browsers send
//! at least `Sec-Fetch-Site` or `Origin` with every POST), so it cannot carry a
//! victim's cookies on another site's behalf; API clients and scripts pass.

/// What the browser said about where the request came from.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestSource<'a> {
    pub origin: Option<&'a str>,
    pub sec_fetch_site: Option<&'a str>,
    pub referer: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossSiteVerdict {
    Allowed,
    Refused(&'static str),
}

/// `allowed_origins` are full origins such as `https://example.com` or
/// `http://127.0.0.1:3000` (scheme, host and port; no path).
pub fn judge(source: RequestSource<'_>, allowed_origins: &[String]) -> CrossSiteVerdict {
    let is_ours = |origin: &str| {
        allowed_origins
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(origin.trim_end_matches('/')))
    };
    if let Some(origin) = source.origin {
        let origin = origin.trim();
        if origin.eq_ignore_ascii_case("null") {
            return CrossSiteVerdict::Refused("the request came from an opaque origin");
        }
        return if is_ours(origin) {
            CrossSiteVerdict::Allowed
        } else {
            CrossSiteVerdict::Refused("the request came from another site")
        };
    }
    if let Some(site) = source.sec_fetch_site {
        return match site.trim().to_ascii_lowercase().as_str() {
            // "none": the user typed or bookmarked it; nothing cross-site.
            "same-origin" | "none" => CrossSiteVerdict::Allowed,
            _ => CrossSiteVerdict::Refused("the request came from another site"),
        };
    }
    if let Some(referer) = source.referer {
        let referer = referer.trim();
        let from_us = allowed_origins.iter().any(|allowed| {
            referer.len() > allowed.len()
                && referer.is_char_boundary(allowed.len())
                && referer[..allowed.len()].eq_ignore_ascii_case(allowed)
                && referer[allowed.len()..].starts_with(['/', '?', '#'])
                || referer.eq_ignore_ascii_case(allowed)
        });
        return if from_us {
            CrossSiteVerdict::Allowed
        } else {
            CrossSiteVerdict::Refused("the request came from another page")
        };
    }
    CrossSiteVerdict::Allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours() -> Vec<String> {
        vec!["https://ce.example".to_string()]
    }

    fn judge_origin(origin: &str) -> CrossSiteVerdict {
        judge(
            RequestSource {
                origin: Some(origin),
                ..RequestSource::default()
            },
            &ours(),
        )
    }

    #[test]
    fn our_origin_passes_and_others_do_not() {
        assert_eq!(
            judge_origin("https://ce.example"),
            CrossSiteVerdict::Allowed
        );
        assert_eq!(
            judge_origin("https://CE.example"),
            CrossSiteVerdict::Allowed
        );
        for hostile in [
            "https://evil.example",
            "http://ce.example",
            "https://ce.example.evil.example",
            "https://ce.example:8443",
            "null",
            "",
        ] {
            assert!(
                matches!(judge_origin(hostile), CrossSiteVerdict::Refused(_)),
                "{hostile}"
            );
        }
    }

    #[test]
    fn without_origin_fetch_metadata_decides() {
        let with_site = |site| {
            judge(
                RequestSource {
                    sec_fetch_site: Some(site),
                    ..RequestSource::default()
                },
                &ours(),
            )
        };
        assert_eq!(with_site("same-origin"), CrossSiteVerdict::Allowed);
        assert_eq!(with_site("none"), CrossSiteVerdict::Allowed);
        assert!(matches!(
            with_site("cross-site"),
            CrossSiteVerdict::Refused(_)
        ));
        assert!(matches!(
            with_site("same-site"),
            CrossSiteVerdict::Refused(_)
        ));
    }

    #[test]
    fn without_origin_or_fetch_metadata_the_referer_decides() {
        let with_referer = |referer| {
            judge(
                RequestSource {
                    referer: Some(referer),
                    ..RequestSource::default()
                },
                &ours(),
            )
        };
        assert_eq!(
            with_referer("https://ce.example/contact"),
            CrossSiteVerdict::Allowed
        );
        assert!(matches!(
            with_referer("https://ce.example.evil.example/x"),
            CrossSiteVerdict::Refused(_)
        ));
        assert!(matches!(
            with_referer("http://ce.example/"),
            CrossSiteVerdict::Refused(_)
        ));
    }

    #[test]
    fn a_client_that_is_not_a_browser_passes() {
        assert_eq!(
            judge(RequestSource::default(), &ours()),
            CrossSiteVerdict::Allowed
        );
    }
}
