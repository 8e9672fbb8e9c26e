//! Which address a request comes from, for rate limits and login throttling.
//!
//! Behind a reverse proxy the socket peer is the proxy, and the client's
//! address is in `X-Forwarded-For`. That header is a list each proxy *appends*
//! to, so its leftmost entries are whatever the client chose to send: only the
//! entries added by our own proxies can be believed. We therefore walk the
//! list from the right (nearest hop first), past the proxies we trust, and
//! take the first address after them. Anything that is not an IP address ends
//! the walk, so a header string never becomes a key.

use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// Which hops in front of the server are ours.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TrustedProxies {
    /// No proxy: the socket peer is the client (`X-Forwarded-For` ignored).
    #[default]
    None,
    /// This many proxies in a row in front of the server (the peer is the
    /// first). Simple, but a client that reaches the server directly could
    /// claim any address; prefer [`TrustedProxies::List`] when the proxies'
    /// addresses are known.
    Hops(u8),
    /// The proxies' addresses or networks; every hop inside them is skipped.
    List(Vec<IpNet>),
}

impl TrustedProxies {
    /// Reads `CE_TRUST_PROXY`: `false`/`true` (= one proxy), a number of
    /// proxies, or a comma-separated list of addresses and networks
    /// (`10.0.0.0/8, 192.168.1.5`).
    pub fn parse(value: &str) -> Result<TrustedProxies, String> {
        let value = value.trim();
        match value.to_ascii_lowercase().as_str() {
            "" | "0" | "false" | "no" | "off" => return Ok(TrustedProxies::None),
            "true" | "yes" | "on" => return Ok(TrustedProxies::Hops(1)),
            _ => {}
        }
        if let Ok(hops) = value.parse::<u8>() {
            return if (1..=10).contains(&hops) {
                Ok(TrustedProxies::Hops(hops))
            } else {
                Err("expected between 1 and 10 proxies".to_string())
            };
        }
        value
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("\"{item}\" is not an IP address or network"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies::List)
    }

    fn trusts(&self, address: IpAddr, hops_walked: usize) -> bool {
        match self {
            TrustedProxies::None => false,
            TrustedProxies::Hops(hops) => hops_walked < *hops as usize,
            TrustedProxies::List(networks) => networks.iter().any(|n| n.contains(&address)),
        }
    }
}

/// One `X-Forwarded-For` entry as an address (`1.2.3.4`, `1.2.3.4:80`,
/// `[2001:db8::1]:80`, `2001:db8::1`), or `None` if it is anything else.
fn entry_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// The client's address, given the socket peer and the `X-Forwarded-For`
/// header values in the order they arrived.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &TrustedProxies) -> IpAddr {
    if *trusted == TrustedProxies::None {
        return peer;
    }
    let entries: Vec<&str> = forwarded_for
        .iter()
        .flat_map(|value| value.split(','))
        .collect();
    let mut client = peer;
    for (hops_walked, entry) in entries.iter().rev().enumerate() {
        if !trusted.trusts(client, hops_walked) {
            break;
        }
        match entry_address(entry) {
            Some(address) => client = address,
            // The hop our proxy vouches for sent garbage: stop at the proxy.
            None => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_a_proxy_the_header_is_ignored() {
        assert_eq!(
            client_address(ip("203.0.113.9"), &["1.1.1.1"], &TrustedProxies::None),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn one_proxy_means_the_entry_it_appended() {
        // The client sent "6.6.6.6"; the proxy appended the real address.
        let got = client_address(
            ip("10.0.0.2"),
            &["6.6.6.6, 198.51.100.7"],
            &TrustedProxies::Hops(1),
        );
        assert_eq!(got, ip("198.51.100.7"));
    }

    #[test]
    fn two_proxies_skip_two_hops_across_several_headers() {
        let got = client_address(
            ip("10.0.0.2"),
            &["6.6.6.6", "198.51.100.7, 10.0.0.1"],
            &TrustedProxies::Hops(2),
        );
        assert_eq!(got, ip("198.51.100.7"));
    }

    #[test]
    fn a_list_skips_only_our_proxies() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.5").unwrap();
        assert_eq!(
            client_address(
                ip("10.0.0.2"),
                &["6.6.6.6, 198.51.100.7, 10.1.2.3"],
                &trusted
            ),
            ip("198.51.100.7")
        );
        // A direct connection from outside is the client, whatever it claims.
        assert_eq!(
            client_address(ip("203.0.113.1"), &["6.6.6.6"], &trusted),
            ip("203.0.113.1")
        );
    }

    #[test]
    fn garbage_stops_at_the_last_trusted_hop() {
        for junk in ["not-an-ip", "", "1.2.3.4 OR 1=1", "unknown"] {
            assert_eq!(
                client_address(ip("10.0.0.2"), &[junk], &TrustedProxies::Hops(1)),
                ip("10.0.0.2"),
                "{junk}"
            );
        }
    }

    #[test]
    fn ports_and_brackets_are_read() {
        assert_eq!(
            client_address(
                ip("10.0.0.2"),
                &["[2001:db8::1]:443"],
                &TrustedProxies::Hops(1)
            ),
            ip("2001:db8::1")
        );
        assert_eq!(
            client_address(
                ip("10.0.0.2"),
                &["198.51.100.7:5000"],
                &TrustedProxies::Hops(1)
            ),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn the_setting_parses_and_names_bad_entries() {
        assert_eq!(
            TrustedProxies::parse("false").unwrap(),
            TrustedProxies::None
        );
        assert_eq!(
            TrustedProxies::parse("true").unwrap(),
            TrustedProxies::Hops(1)
        );
        assert_eq!(TrustedProxies::parse("2").unwrap(), TrustedProxies::Hops(2));
        assert!(TrustedProxies::parse("11").is_err());
        assert!(TrustedProxies::parse("10.0.0.0/8, nope")
            .unwrap_err()
            .contains("nope"));
    }

    proptest! {
        /// Whatever a client prepends, with one trusted proxy the answer is
        /// the address that proxy appended.
        #[test]
        fn a_client_cannot_choose_its_address(prefix in proptest::collection::vec(".{0,20}", 0..5),
                                              real in any::<[u8; 4]>()) {
            let real = IpAddr::from(real);
            let mut header = prefix.join(",");
            if !header.is_empty() { header.push(','); }
            header.push_str(&real.to_string());
            prop_assert_eq!(
                client_address(ip("10.0.0.2"), &[header.as_str()], &TrustedProxies::Hops(1)),
                real
            );
        }
    }
}
