//! Who gets a lead: active consultants ranked by how well they fit the lead's
//! industry and challenge, how much room they have and how clients rate them.
//!
//! The score (0–100) adds the components in [`components`] (weights in
//! brackets): industry (25: primary 1.0, secondary 0.5), studies led in the
//! industry (5), a specialisation matching the challenge's keywords (20),
//! studies led on the challenge (10), capacity (20: (95 − booked %) / 95),
//! satisfaction (10: rating / 5, none yet 0.5) and experience (10: years / 15).
//!
//! Ranking: consultants who can take the lead (accepting new clients and
//! under 95 % booked) come before everyone else; then higher score, lower
//! capacity, name and id — so the order never depends on input order.
//! Inactive consultants are left out.

pub mod components;

use crate::domain::lead_fields::Challenge;
use crate::domain::lead_form::LeadSubmission;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantCandidate {
    pub id: String,
    pub name: String,
    /// SIC codes.
    pub primary_industries: Vec<String>,
    pub secondary_industries: Vec<String>,
    pub specializations: Vec<String>,
    /// How full they are, 0..=100.
    pub capacity_pct: u8,
    pub available_for_new_clients: bool,
    pub active: bool,
    /// 0..=5.
    pub satisfaction: Option<f64>,
    pub years_experience: u32,
    /// Published case studies they led in the lead's industry.
    pub studies_in_industry: u32,
    /// Published case studies they led on the lead's challenge.
    pub studies_for_challenge: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchRequest {
    /// `None` when the lead chose "other".
    pub industry_sic_code: Option<String>,
    /// The industry's name for reasons ("Works mainly in Cinemas"); the SIC
    /// code is shown when absent.
    #[serde(default)]
    pub industry_name: Option<String>,
    pub challenge: Challenge,
}

impl MatchRequest {
    pub fn from_submission(lead: &LeadSubmission) -> MatchRequest {
        MatchRequest {
            industry_sic_code: lead.industry_sic_code().map(str::to_string),
            industry_name: lead.industry_display_name().map(str::to_string),
            challenge: lead.primary_challenge,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantMatch {
    pub consultant_id: String,
    pub name: String,
    /// 0..=100.
    pub score: u8,
    /// Why, in words: industry, specialism, studies led, capacity, satisfaction, experience.
    pub reasons: Vec<String>,
    /// `(component key, points)`, points rounded to 0.1.
    pub components: Vec<(String, f64)>,
    /// Accepting new clients and under 95 % booked.
    pub available: bool,
    pub capacity_pct: u8,
}

/// Active consultants, best first (see the module docs for the order).
pub fn rank(request: &MatchRequest, candidates: &[ConsultantCandidate]) -> Vec<ConsultantMatch> {
    let mut matches: Vec<ConsultantMatch> = candidates
        .iter()
        .filter(|c| c.active)
        .map(|c| {
            let scored = components::score(request, c);
            ConsultantMatch {
                consultant_id: c.id.clone(),
                name: c.name.clone(),
                score: scored.total.round().clamp(0.0, 100.0) as u8,
                reasons: scored.reasons,
                components: scored.components,
                available: components::is_available(c),
                capacity_pct: c.capacity_pct.min(100),
            }
        })
        .collect();
    matches.sort_by(|a, b| {
        b.available
            .cmp(&a.available)
            .then(b.score.cmp(&a.score))
            .then(a.capacity_pct.cmp(&b.capacity_pct))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.consultant_id.cmp(&b.consultant_id))
    });
    matches
}

/// Who should own the lead: the best-ranked consultant who is active and
/// available. When every active consultant is full or not taking clients,
/// the best-ranked active one still gets it (a lead must have an owner);
/// `None` only when nobody in `matches` is an active candidate.
pub fn best_assignee<'a>(
    matches: &'a [ConsultantMatch],
    candidates: &[ConsultantCandidate],
) -> Option<&'a ConsultantMatch> {
    let candidate = |m: &ConsultantMatch| {
        candidates
            .iter()
            .find(|c| c.id == m.consultant_id && c.active)
    };
    matches
        .iter()
        .find(|m| candidate(m).is_some_and(components::is_available))
        .or_else(|| matches.iter().find(|m| candidate(m).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn consultant(id: &str, name: &str) -> ConsultantCandidate {
        ConsultantCandidate {
            id: id.into(),
            name: name.into(),
            primary_industries: vec![],
            secondary_industries: vec![],
            specializations: vec!["Analytics".into()],
            capacity_pct: 50,
            available_for_new_clients: true,
            active: true,
            satisfaction: Some(4.5),
            years_experience: 10,
            studies_in_industry: 0,
            studies_for_challenge: 0,
        }
    }

    fn cinema_pricing() -> MatchRequest {
        MatchRequest {
            industry_sic_code: Some("59140".into()),
            industry_name: Some("Cinemas".into()),
            challenge: Challenge::Pricing,
        }
    }

    fn expert() -> ConsultantCandidate {
        ConsultantCandidate {
            primary_industries: vec!["59140".into()],
            specializations: vec!["Pricing optimisation".into(), "Geo tests".into()],
            capacity_pct: 40,
            satisfaction: Some(4.8),
            studies_in_industry: 3,
            studies_for_challenge: 2,
            ..consultant("c-expert", "Priya Raman")
        }
    }

    #[test]
    fn the_industry_expert_beats_the_generalist_and_says_why() {
        let ranked = rank(
            &cinema_pricing(),
            &[consultant("c-gen", "Alex Generalist"), expert()],
        );
        assert_eq!(ranked[0].consultant_id, "c-expert");
        assert!(ranked[0].score > ranked[1].score);
        assert_eq!(
            ranked[0].reasons,
            [
                "Works mainly in Cinemas",
                "Led 3 published studies in Cinemas",
                "Specialises in pricing optimisation",
                "Led 2 published pricing studies",
                "Has capacity (40% booked)",
                "Client satisfaction 4.8/5",
                "10 years' experience",
            ]
        );
    }

    #[test]
    fn primary_industry_beats_secondary() {
        let primary = ConsultantCandidate {
            primary_industries: vec!["59140".into()],
            ..consultant("a", "A")
        };
        let secondary = ConsultantCandidate {
            secondary_industries: vec!["59140".into()],
            ..consultant("b", "B")
        };
        let ranked = rank(&cinema_pricing(), &[secondary, primary]);
        assert_eq!(ranked[0].consultant_id, "a");
        assert_eq!(ranked[1].reasons[0], "Also works in Cinemas");
    }

    #[test]
    fn full_or_unavailable_consultants_rank_after_anyone_available() {
        let unavailable = ConsultantCandidate {
            available_for_new_clients: false,
            ..expert()
        };
        let full = ConsultantCandidate {
            capacity_pct: 95,
            ..expert()
        };
        let candidates = [
            unavailable.clone(),
            ConsultantCandidate {
                id: "c-full".into(),
                ..full
            },
            consultant("c-gen", "Alex Generalist"),
        ];
        let ranked = rank(&cinema_pricing(), &candidates);
        assert_eq!(ranked[0].consultant_id, "c-gen");
        assert!(ranked[1..].iter().all(|m| !m.available));
        assert_eq!(
            best_assignee(&ranked, &candidates).unwrap().consultant_id,
            "c-gen"
        );
        let not_taking = ranked
            .iter()
            .find(|m| m.consultant_id == "c-expert")
            .unwrap();
        assert!(not_taking
            .reasons
            .contains(&"Not taking new clients".to_string()));
        let full = ranked.iter().find(|m| m.consultant_id == "c-full").unwrap();
        assert!(full
            .reasons
            .contains(&"Fully booked (95% booked)".to_string()));
    }

    #[test]
    fn inactive_consultants_are_left_out() {
        let gone = ConsultantCandidate {
            active: false,
            ..expert()
        };
        let ranked = rank(&cinema_pricing(), std::slice::from_ref(&gone));
        assert!(ranked.is_empty());
        assert_eq!(best_assignee(&ranked, &[gone]), None);
    }

    #[test]
    fn when_everyone_is_full_the_best_active_one_still_owns_the_lead() {
        let candidates = [
            ConsultantCandidate {
                capacity_pct: 100,
                ..expert()
            },
            ConsultantCandidate {
                available_for_new_clients: false,
                ..consultant("c-gen", "Alex")
            },
        ];
        let ranked = rank(&cinema_pricing(), &candidates);
        assert_eq!(
            best_assignee(&ranked, &candidates).unwrap().consultant_id,
            ranked[0].consultant_id
        );
    }

    #[test]
    fn ties_break_on_capacity_then_name_then_id() {
        let request = MatchRequest {
            industry_sic_code: None,
            industry_name: None,
            challenge: Challenge::Retention,
        };
        let candidates = [
            consultant("2", "Bea"),
            consultant("1", "Bea"),
            consultant("3", "Ada"),
        ];
        let ids: Vec<String> = rank(&request, &candidates)
            .into_iter()
            .map(|m| m.consultant_id)
            .collect();
        assert_eq!(ids, ["3", "1", "2"]);
    }

    fn candidate() -> impl Strategy<Value = ConsultantCandidate> {
        (
            (0u32..1000, "[A-Z][a-z]{0,6}"),
            proptest::sample::subsequence(vec!["59140", "47110", "62012"], 0..=2),
            proptest::sample::subsequence(vec!["59140", "47110", "62012"], 0..=2),
            proptest::sample::subsequence(
                vec!["Pricing", "Churn", "Funnel design", "Media mix"],
                0..=3,
            ),
            (0u8..=100, any::<bool>(), any::<bool>()),
            (
                proptest::option::of(-1.0f64..7.0),
                0u32..60,
                0u32..20,
                0u32..20,
            ),
        )
            .prop_map(
                |(
                    (id, name),
                    primary,
                    secondary,
                    specs,
                    (cap, avail, active),
                    (sat, years, si, sc),
                )| {
                    ConsultantCandidate {
                        id: format!("c{id}"),
                        name,
                        primary_industries: primary.into_iter().map(String::from).collect(),
                        secondary_industries: secondary.into_iter().map(String::from).collect(),
                        specializations: specs.into_iter().map(String::from).collect(),
                        capacity_pct: cap,
                        available_for_new_clients: avail,
                        active,
                        satisfaction: sat,
                        years_experience: years,
                        studies_in_industry: si,
                        studies_for_challenge: sc,
                    }
                },
            )
    }

    fn request() -> impl Strategy<Value = MatchRequest> {
        (
            proptest::option::of(proptest::sample::select(vec!["59140", "47110", "99999"])),
            proptest::sample::select(Challenge::ALL.to_vec()),
        )
            .prop_map(|(code, challenge)| MatchRequest {
                industry_sic_code: code.map(String::from),
                industry_name: None,
                challenge,
            })
    }

    proptest! {
        #[test]
        fn scores_stay_in_range_and_reasons_are_never_empty(
            r in request(),
            cs in proptest::collection::vec(candidate(), 0..8),
        ) {
            let ranked = rank(&r, &cs);
            prop_assert_eq!(ranked.len(), cs.iter().filter(|c| c.active).count());
            for m in &ranked {
                prop_assert!(m.score <= 100);
                prop_assert!(!m.reasons.is_empty());
            }
            if let Some(best) = best_assignee(&ranked, &cs) {
                let anyone_available = ranked.iter().any(|m| m.available);
                prop_assert_eq!(best.available, anyone_available);
            } else {
                prop_assert!(ranked.is_empty());
            }
        }

        #[test]
        fn the_order_does_not_depend_on_input_order(
            r in request(),
            cs in proptest::collection::vec(candidate(), 0..8).prop_shuffle(),
        ) {
            let mut reversed = cs.clone();
            reversed.reverse();
            prop_assert_eq!(rank(&r, &cs), rank(&r, &reversed));
        }
    }
}
