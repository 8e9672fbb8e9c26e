//! What stands behind an estimate: how many studies match the prospect, which
//! fallback applied when few or none do, and the plain-words methodology
//! summary a prospect reads.

use crate::domain::lead_fields::{Challenge, IndustryRef};
use serde::{Deserialize, Serialize};

/// How many published studies relate to the prospect, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceBasis {
    /// Same industry and same challenge.
    pub exact: u32,
    /// Same industry, any challenge (includes `exact`).
    pub same_industry: u32,
    /// Same challenge, any industry (includes `exact`).
    pub same_challenge: u32,
    /// Same company size, any industry or challenge.
    pub same_company_size: u32,
    /// Every usable published study (all are used, with different weights).
    pub total: u32,
    /// Set when the closest evidence is missing and the figures lean on wider evidence.
    pub fallback: Option<Fallback>,
}

impl EvidenceBasis {
    /// What the confidence figure means for this basis, in a sentence.
    pub fn confidence_explanation(&self) -> String {
        let partial = self.same_industry + self.same_challenge - 2 * self.exact;
        let count = |n: u32, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        format!(
            "How closely our published studies match you: {} in your industry with your challenge and {} sharing one of the two. \
             It rises with closer matches (from 30% with none towards 90%), never to certainty.",
            count(self.exact, "study", "studies"),
            count(partial, "more", "more"),
        )
    }
}

/// Why an estimate leans on wider evidence than the prospect's own industry
/// and challenge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fallback {
    /// The prospect chose "other"; studies on the same challenge lead.
    OtherIndustry { challenge: Challenge },
    /// No study in the chosen industry; studies on the same challenge lead.
    NoStudiesInIndustry {
        industry: String,
        challenge: Challenge,
    },
    /// Studies in the industry exist, but no study in any industry is on this challenge.
    NoStudiesForChallenge {
        industry: String,
        challenge: Challenge,
    },
    /// Studies in the industry and on the challenge exist, but none on both.
    NoExactMatch {
        industry: String,
        challenge: Challenge,
    },
    /// Nothing shares the industry or the challenge: all studies count alike
    /// (apart from company size).
    NoCloseMatches {
        industry: Option<String>,
        challenge: Challenge,
    },
}

impl Fallback {
    /// Chooses the fallback, if any, from the match counts.
    pub(super) fn choose(
        basis: &EvidenceBasis,
        industry: Option<&IndustryRef>,
        challenge: Challenge,
    ) -> Option<Fallback> {
        let name = industry.map(|i| i.name.clone());
        match (name, basis.same_industry > 0, basis.same_challenge > 0) {
            (industry, false, false) => Some(Fallback::NoCloseMatches {
                industry,
                challenge,
            }),
            (None, _, true) => Some(Fallback::OtherIndustry { challenge }),
            (Some(industry), false, true) => Some(Fallback::NoStudiesInIndustry {
                industry,
                challenge,
            }),
            (Some(industry), true, false) => Some(Fallback::NoStudiesForChallenge {
                industry,
                challenge,
            }),
            (Some(industry), true, true) if basis.exact == 0 => Some(Fallback::NoExactMatch {
                industry,
                challenge,
            }),
            _ => None,
        }
    }

    /// One sentence for the prospect saying what is missing and what is used instead.
    pub fn explanation(&self) -> String {
        match self {
            Fallback::OtherIndustry { challenge } => format!(
                "We have no published studies in your industry yet, so the figures lean on {} studies from other industries.",
                topic(*challenge)
            ),
            Fallback::NoStudiesInIndustry {
                industry,
                challenge,
            } => format!(
                "We have no published studies in {industry} yet, so the figures lean on {} studies from other industries.",
                topic(*challenge)
            ),
            Fallback::NoStudiesForChallenge {
                industry,
                challenge,
            } => format!(
                "We have no published {} studies yet, so the figures lean on our other {industry} studies.",
                topic(*challenge)
            ),
            Fallback::NoExactMatch {
                industry,
                challenge,
            } => format!(
                "We have no published {} studies in {industry} yet, so the figures combine {industry} studies on other challenges with {} studies from other industries.",
                topic(*challenge),
                topic(*challenge)
            ),
            Fallback::NoCloseMatches {
                industry,
                challenge,
            } => format!(
                "We have no published studies in {} or on {} yet, so the figures come from all our studies alike.",
                industry.as_deref().unwrap_or("your industry"),
                topic(*challenge)
            ),
        }
    }
}

/// A challenge as a short noun phrase for sentences ("conversion studies").
fn topic(challenge: Challenge) -> &'static str {
    match challenge {
        Challenge::Conversion => "conversion",
        Challenge::Pricing => "pricing",
        Challenge::Retention => "retention",
        Challenge::Marketing => "marketing",
        Challenge::BasketValue => "basket-value",
        Challenge::CustomerExperience => "customer-experience",
    }
}

/// "1 study", "29 studies".
fn studies(n: u32) -> String {
    if n == 1 {
        "1 study".into()
    } else {
        format!("{n} studies")
    }
}

/// One to three sentences naming the studies used and any fallback.
pub(super) fn methodology_summary(
    basis: &EvidenceBasis,
    industry: Option<&IndustryRef>,
    challenge: Challenge,
) -> String {
    let partial = basis.same_industry + basis.same_challenge - 2 * basis.exact;
    let mut summary = String::new();
    if let Some(fallback) = &basis.fallback {
        summary.push_str(&fallback.explanation());
        summary.push(' ');
    }
    if basis.total == 1 {
        summary.push_str("Based on our one published case study");
    } else {
        summary.push_str(&format!(
            "Based on all {} of our published case studies",
            basis.total
        ));
    }
    let close = |n: u32| match n {
        1 => format!("the 1 {} study", topic(challenge)),
        n => format!("the {n} {} studies", topic(challenge)),
    };
    match (basis.exact, partial, industry) {
        (0, 0, _) => summary.push_str(", weighted only toward those of your company size."),
        (0, p, None) => summary.push_str(&format!(
            ", weighted toward the {p} {} {}.",
            topic(challenge),
            if p == 1 { "study" } else { "studies" }
        )),
        (0, p, Some(_)) => summary.push_str(&format!(
            ", weighted toward the {} that share your industry or challenge.",
            studies(p)
        )),
        (e, 0, Some(i)) => {
            summary.push_str(&format!(", weighted toward {} in {}.", close(e), i.name))
        }
        (e, p, Some(i)) => summary.push_str(&format!(
            ", weighted toward {} in {} and then the {} that share one of the two.",
            close(e),
            i.name,
            p
        )),
        (_, _, None) => summary.push('.'),
    }
    summary.push_str(
        " The range is the middle half of their results (25th to 75th percentile) and payback is their median: an estimate from past results, not a promise.",
    );
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basis(exact: u32, industry: u32, challenge: u32) -> EvidenceBasis {
        EvidenceBasis {
            exact,
            same_industry: industry,
            same_challenge: challenge,
            same_company_size: 0,
            total: 29,
            fallback: None,
        }
    }

    fn retail() -> IndustryRef {
        IndustryRef {
            sic_code: "4791".into(),
            name: "E-commerce retail".into(),
        }
    }

    #[test]
    fn the_fallback_names_what_is_missing() {
        let c = Challenge::Pricing;
        let r = retail();
        assert_eq!(Fallback::choose(&basis(2, 3, 6), Some(&r), c), None);
        assert!(matches!(
            Fallback::choose(&basis(0, 3, 6), Some(&r), c),
            Some(Fallback::NoExactMatch { .. })
        ));
        assert!(matches!(
            Fallback::choose(&basis(0, 0, 6), Some(&r), c),
            Some(Fallback::NoStudiesInIndustry { .. })
        ));
        assert!(matches!(
            Fallback::choose(&basis(0, 3, 0), Some(&r), c),
            Some(Fallback::NoStudiesForChallenge { .. })
        ));
        assert!(matches!(
            Fallback::choose(&basis(0, 0, 6), None, c),
            Some(Fallback::OtherIndustry { .. })
        ));
        assert!(matches!(
            Fallback::choose(&basis(0, 0, 0), None, c),
            Some(Fallback::NoCloseMatches { industry: None, .. })
        ));
    }

    #[test]
    fn the_confidence_explanation_counts_the_matches() {
        let basis = EvidenceBasis {
            exact: 2,
            same_industry: 3,
            same_challenge: 6,
            same_company_size: 10,
            total: 29,
            fallback: None,
        };
        let text = basis.confidence_explanation();
        assert!(text.starts_with("How closely our published studies match you: 2 studies in your industry with your challenge and 5 more sharing one of the two."), "{text}");
    }

    #[test]
    fn explanations_read_as_sentences() {
        let f = Fallback::NoStudiesInIndustry {
            industry: "Breweries".into(),
            challenge: Challenge::Pricing,
        };
        assert_eq!(
            f.explanation(),
            "We have no published studies in Breweries yet, so the figures lean on pricing studies from other industries."
        );
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["kind"], "no_studies_in_industry");
    }

    #[test]
    fn the_summary_names_the_studies_used() {
        let summary = methodology_summary(&basis(1, 3, 6), Some(&retail()), Challenge::Conversion);
        assert_eq!(
            summary,
            "Based on all 29 of our published case studies, weighted toward the 1 conversion study in E-commerce retail and then the 7 that share one of the two. \
             The range is the middle half of their results (25th to 75th percentile) and payback is their median: an estimate from past results, not a promise."
        );
    }
}
