//! Follow-up sequences by tier, for prospects who agreed to marketing
//! email: which emails, when, whether one still goes, and the signed
//! one-click unsubscribe token each carries.

use super::email_templates::TemplateKey;
use super::lead_fields::Tier;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const HOUR_MS: i64 = 60 * 60 * 1000;
pub const DAY_MS: i64 = 24 * HOUR_MS;
/// Tier 3 prospects get a digest of new case studies this often.
pub const DIGEST_EVERY_MS: i64 = 30 * DAY_MS;

/// The emails of a tier's sequence, each with its delay after the lead
/// arrived. Tier 3's digest repeats (see [`DIGEST_EVERY_MS`]).
pub fn steps(tier: Tier) -> &'static [(TemplateKey, i64)] {
    match tier {
        Tier::Tier1 => &[
            (TemplateKey::Tier1Confirmation, 0),
            (TemplateKey::Tier1FollowUp, DAY_MS),
        ],
        Tier::Tier2 => &[
            (TemplateKey::Tier2Welcome, 0),
            (TemplateKey::Tier2Day3, 3 * DAY_MS),
            (TemplateKey::Tier2Day7, 7 * DAY_MS),
        ],
        Tier::Tier3 => &[(TemplateKey::Tier3Digest, DIGEST_EVERY_MS)],
    }
}

/// What is known about the lead when a step comes due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadNow<'a> {
    pub status: &'a str,
    pub consent_marketing: bool,
    pub unsubscribed: bool,
}

/// Whether a step is sent, and if not, why the sequence ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDecision {
    Send,
    Stop(&'static str),
}

/// A sequence runs only while the lead is new (a consultant has not taken
/// it further) and the prospect agreed to marketing email and has not
/// unsubscribed since.
pub fn decide(lead: LeadNow<'_>) -> StepDecision {
    if lead.unsubscribed {
        StepDecision::Stop("the prospect unsubscribed")
    } else if !lead.consent_marketing {
        StepDecision::Stop("the prospect did not agree to marketing email")
    } else if lead.status != "new" {
        StepDecision::Stop("the lead moved past new")
    } else {
        StepDecision::Send
    }
}

/// The idempotency key of one step of one lead's sequence (`round` counts
/// Tier 3's digests; 0 for the others).
pub fn step_key(lead_id: &str, template: TemplateKey, round: u32) -> String {
    format!("sequence-{lead_id}-{}-{round}", template.as_str())
}

/// Prefix shared by every step key of one lead (to cancel them together).
pub fn lead_key_prefix(lead_id: &str) -> String {
    format!("sequence-{lead_id}-")
}

const TOKEN_MAC_HEX: usize = 32;

/// The token of a lead's unsubscribe link: its id and a MAC under the
/// server's signing key, so nobody can unsubscribe someone else.
pub fn unsubscribe_token(key: &[u8], lead_id: &str) -> String {
    let digest = mac(key, lead_id).finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{lead_id}.{}", &hex[..TOKEN_MAC_HEX])
}

/// The lead a token names, if its MAC checks out (compared in constant time).
pub fn verify_unsubscribe_token<'t>(key: &[u8], token: &'t str) -> Option<&'t str> {
    let (lead_id, given) = token.rsplit_once('.')?;
    if lead_id.is_empty()
        || lead_id.len() > 64
        || given.len() != TOKEN_MAC_HEX
        || !lead_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let bytes: Vec<u8> = (0..given.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(given.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    mac(key, lead_id)
        .verify_truncated_left(&bytes)
        .ok()
        .map(|_| lead_id)
}

fn mac(key: &[u8], lead_id: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(b"unsubscribe:");
    mac.update(lead_id.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sequences_follow_the_tiers() {
        let keys = |t: Tier| {
            steps(t)
                .iter()
                .map(|(k, d)| (*k, *d / HOUR_MS))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(Tier::Tier1),
            [
                (TemplateKey::Tier1Confirmation, 0),
                (TemplateKey::Tier1FollowUp, 24)
            ]
        );
        assert_eq!(
            keys(Tier::Tier2).iter().map(|s| s.1).collect::<Vec<_>>(),
            [0, 72, 168]
        );
        assert_eq!(keys(Tier::Tier3), [(TemplateKey::Tier3Digest, 720)]);
        for tier in Tier::ALL {
            assert!(steps(*tier).iter().all(|(k, _)| k.is_marketing()));
        }
    }

    #[test]
    fn a_sequence_stops_for_status_consent_or_unsubscribe() {
        let new = LeadNow {
            status: "new",
            consent_marketing: true,
            unsubscribed: false,
        };
        assert_eq!(decide(new), StepDecision::Send);
        assert!(matches!(
            decide(LeadNow {
                status: "contacted",
                ..new
            }),
            StepDecision::Stop(_)
        ));
        assert!(matches!(
            decide(LeadNow {
                consent_marketing: false,
                ..new
            }),
            StepDecision::Stop(_)
        ));
        assert!(matches!(
            decide(LeadNow {
                unsubscribed: true,
                ..new
            }),
            StepDecision::Stop(_)
        ));
    }

    #[test]
    fn tokens_name_their_lead_and_nothing_else() {
        let key = b"server signing key";
        let token = unsubscribe_token(key, "lead-1");
        assert_eq!(verify_unsubscribe_token(key, &token), Some("lead-1"));
        assert_eq!(verify_unsubscribe_token(b"other key", &token), None);
        let forged = token.replacen("lead-1", "lead-2", 1);
        assert_eq!(verify_unsubscribe_token(key, &forged), None);
        for junk in [
            "",
            ".",
            "lead-1.",
            "lead-1.zz",
            "a.b.c",
            "lead 1.0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(verify_unsubscribe_token(key, junk), None, "{junk}");
        }
    }

    proptest! {
        #[test]
        fn any_lead_id_round_trips_and_any_changed_mac_fails(
            id in "[A-Za-z0-9_-]{1,64}",
            flip in 0usize..32,
        ) {
            let key = b"k";
            let token = unsubscribe_token(key, &id);
            prop_assert_eq!(verify_unsubscribe_token(key, &token), Some(id.as_str()));
            let mut chars: Vec<char> = token.chars().collect();
            let at = chars.len() - 32 + flip;
            chars[at] = if chars[at] == '0' { '1' } else { '0' };
            let changed: String = chars.into_iter().collect();
            prop_assert_eq!(verify_unsubscribe_token(key, &changed), None);
        }
    }
}
