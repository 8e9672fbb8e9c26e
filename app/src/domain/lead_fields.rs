//! The vocabulary of prospects and leads: business challenges, revenue and
//! headcount bands, intent (timeline, budget, authority), sources, tiers and
//! statuses. Each is a closed set with a stable wire/database value (`as_str`)
//! and a label for people; `parse` accepts only the wire value.

use serde::{Deserialize, Serialize};

/// An industry the firm has published results in (SIC code and display
/// name). Forms offer these plus "other".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndustryRef {
    pub sic_code: String,
    pub name: String,
}

/// The form value that means "my industry is not in the list".
pub const OTHER_INDUSTRY: &str = "other";

impl IndustryRef {
    /// The industry `value` names: its SIC code, or its name in any case.
    pub fn find<'a>(industries: &'a [IndustryRef], value: &str) -> Option<&'a IndustryRef> {
        let value = value.trim();
        industries
            .iter()
            .find(|i| i.sic_code == value || i.name.trim().eq_ignore_ascii_case(value))
    }
}

/// Declares a closed set of choices: the enum, `ALL`, `as_str`, `label` and
/// `parse` — so every choice list in a form, a CHECK constraint and the API
/// speak the same values.
macro_rules! choice_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($variant:ident => ($wire:literal, $label:literal)),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(value: &str) -> Option<$name> {
                let value = value.trim();
                $name::ALL.iter().copied().find(|c| c.as_str() == value)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

choice_set! {
    /// The business problem a prospect wants help with; case studies carry the
    /// same classification so estimates and matching can compare like with like.
    pub enum Challenge {
        Conversion => ("conversion", "Conversion (sign-ups, checkout, trial-to-paid)"),
        Pricing => ("pricing", "Pricing and revenue management"),
        Retention => ("retention", "Retention and churn"),
        Marketing => ("marketing", "Marketing effectiveness and attribution"),
        BasketValue => ("basket_value", "Basket size, upsell and cross-sell"),
        CustomerExperience => ("customer_experience", "Onboarding and customer experience"),
    }
}

impl Challenge {
    /// Words that, found in a consultant's specialisations, show expertise in
    /// this challenge (lowercase; matched as substrings).
    pub fn specialisation_keywords(self) -> &'static [&'static str] {
        match self {
            Challenge::Conversion => &[
                "conversion",
                "checkout",
                "experiment design",
                "multivariate",
                "funnel",
            ],
            Challenge::Pricing => &["pricing", "price", "revenue management", "elasticity"],
            Challenge::Retention => &["retention", "churn", "uplift", "lifecycle", "loyalty"],
            Challenge::Marketing => &["attribution", "media", "marketing", "geo", "incrementality"],
            Challenge::BasketValue => &["basket", "upsell", "cross-sell", "merchandising", "bundl"],
            Challenge::CustomerExperience => &[
                "onboarding",
                "customer experience",
                "product analytics",
                "journey",
            ],
        }
    }
}

choice_set! {
    /// What a prospect already uses to learn what works (the calculator's
    /// "current solutions"; several may apply).
    pub enum CurrentSolution {
        Nothing => ("none", "Nothing systematic yet"),
        WebAnalytics => ("web_analytics", "Web analytics only"),
        AbTestingTool => ("ab_testing_tool", "An A/B testing tool"),
        InHousePlatform => ("in_house_platform", "An in-house experimentation platform"),
        Agency => ("agency", "An agency or consultancy"),
        BiDashboards => ("bi_dashboards", "BI dashboards and reporting"),
    }
}

choice_set! {
    /// Annual revenue band (GBP) a prospect declares on the lead form.
    pub enum RevenueRange {
        Under2m => ("under_2m", "Under £2M"),
        From2mTo10m => ("2m_10m", "£2M–£10M"),
        From10mTo50m => ("10m_50m", "£10M–£50M"),
        From50mTo250m => ("50m_250m", "£50M–£250M"),
        Over250m => ("over_250m", "Over £250M"),
    }
}

impl RevenueRange {
    /// The band an annual revenue in pounds falls in.
    pub fn containing(pounds: f64) -> RevenueRange {
        match pounds {
            p if p < 2e6 => RevenueRange::Under2m,
            p if p < 10e6 => RevenueRange::From2mTo10m,
            p if p < 50e6 => RevenueRange::From10mTo50m,
            p if p < 250e6 => RevenueRange::From50mTo250m,
            _ => RevenueRange::Over250m,
        }
    }
}

choice_set! {
    /// Headcount band.
    pub enum EmployeeRange {
        UpTo10 => ("1-10", "1–10 people"),
        UpTo50 => ("10-50", "10–50 people"),
        UpTo200 => ("50-200", "50–200 people"),
        UpTo1000 => ("200-1000", "200–1,000 people"),
        Over1000 => ("1000+", "More than 1,000 people"),
    }
}

choice_set! {
    /// When the prospect wants to start.
    pub enum Timeline {
        Asap => ("asap", "As soon as possible"),
        OneToThreeMonths => ("1-3_months", "In 1–3 months"),
        ThreeToSixMonths => ("3-6_months", "In 3–6 months"),
        SixPlusMonths => ("6+_months", "In 6 months or more"),
        JustResearching => ("researching", "Just researching"),
    }
}

choice_set! {
    /// The budget the prospect has in mind for an engagement (GBP).
    pub enum BudgetRange {
        Under10k => ("under_10k", "Under £10k"),
        From10kTo50k => ("10k_50k", "£10k–£50k"),
        From50kTo150k => ("50k_150k", "£50k–£150k"),
        Over150k => ("over_150k", "Over £150k"),
        NotSure => ("not_sure", "Not sure yet"),
    }
}

choice_set! {
    /// The prospect's part in the buying decision.
    pub enum DecisionAuthority {
        DecisionMaker => ("decision_maker", "I make the decision"),
        Influencer => ("influencer", "I influence the decision"),
        Researcher => ("researcher", "I'm researching for someone else"),
    }
}

choice_set! {
    /// Where a lead came from (the page or channel that produced the form submission).
    pub enum LeadSource {
        CaseStudy => ("case_study", "Case study"),
        RoiCalculator => ("roi_calculator", "ROI calculator"),
        ConsultantProfile => ("consultant_profile", "Consultant profile"),
        LandingPage => ("landing_page", "Landing page"),
        ContactPage => ("contact_page", "Contact page"),
        Referral => ("referral", "Referral"),
        Api => ("api", "API"),
    }
}

choice_set! {
    /// How promising a lead is, from its score; Tier 1 is the most promising.
    pub enum Tier {
        Tier1 => ("Tier_1", "Tier 1"),
        Tier2 => ("Tier_2", "Tier 2"),
        Tier3 => ("Tier_3", "Tier 3"),
    }
}

choice_set! {
    /// Where a lead is in the sales process.
    pub enum LeadStatus {
        New => ("new", "New"),
        Contacted => ("contacted", "Contacted"),
        Qualified => ("qualified", "Qualified"),
        ConsultationBooked => ("consultation_booked", "Consultation booked"),
        ProposalSent => ("proposal_sent", "Proposal sent"),
        Won => ("won", "Won"),
        Lost => ("lost", "Lost"),
    }
}

impl LeadStatus {
    /// Whether the lead is still being worked (not won or lost).
    pub fn is_open(self) -> bool {
        !matches!(self, LeadStatus::Won | LeadStatus::Lost)
    }

    /// The statuses a lead may move to from this one: forward along the flow
    /// (skipping steps is allowed — a prospect may book straight away), to
    /// `lost` from any open status, and back to `qualified` from `lost`
    /// (a lead that comes back to life). Won is final.
    pub fn next_allowed(self) -> Vec<LeadStatus> {
        use LeadStatus::*;
        const FLOW: [LeadStatus; 6] = [
            New,
            Contacted,
            Qualified,
            ConsultationBooked,
            ProposalSent,
            Won,
        ];
        match self {
            Won => vec![],
            Lost => vec![Qualified],
            open => {
                let at = FLOW.iter().position(|s| *s == open).unwrap_or(0);
                let mut next: Vec<LeadStatus> = FLOW[at + 1..].to_vec();
                next.push(Lost);
                next
            }
        }
    }

    pub fn can_move_to(self, target: LeadStatus) -> bool {
        self.next_allowed().contains(&target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_through_its_wire_value() {
        for c in Challenge::ALL {
            assert_eq!(Challenge::parse(c.as_str()), Some(*c));
        }
        for s in LeadStatus::ALL {
            assert_eq!(LeadStatus::parse(s.as_str()), Some(*s));
        }
        for t in Tier::ALL {
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(
            EmployeeRange::parse(" 1000+ "),
            Some(EmployeeRange::Over1000)
        );
        assert_eq!(
            RevenueRange::parse("Under £2M"),
            None,
            "labels are not wire values"
        );
    }

    #[test]
    fn revenue_falls_in_its_band() {
        assert_eq!(RevenueRange::containing(1_999_999.0), RevenueRange::Under2m);
        assert_eq!(RevenueRange::containing(2e6), RevenueRange::From2mTo10m);
        assert_eq!(RevenueRange::containing(20e6), RevenueRange::From10mTo50m);
        assert_eq!(RevenueRange::containing(1e12), RevenueRange::Over250m);
    }

    #[test]
    fn the_status_flow_moves_forward_and_won_is_final() {
        use LeadStatus::*;
        assert!(New.can_move_to(Contacted));
        assert!(New.can_move_to(ConsultationBooked));
        assert!(Contacted.can_move_to(Lost));
        assert!(!Contacted.can_move_to(New));
        assert!(!Won.can_move_to(Lost));
        assert!(Lost.can_move_to(Qualified));
        assert!(!New.can_move_to(New));
        let open: Vec<_> = LeadStatus::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(open.len(), 5);
        assert!(!Won.is_open() && !Lost.is_open());
    }
}
