//! The internal complexity score (1–10) of a prospective engagement, for lead
//! scoring and planning. It does not change the estimate. Points:
//!
//! | what                          | points                                          |
//! |-------------------------------|-------------------------------------------------|
//! | base                          | 1                                               |
//! | company size                  | SMB 0, mid-market 2, enterprise 4               |
//! | locations                     | blank or 1: 0; 2–10: 1; 11–100: 2; over 100: 3  |
//! | current tools (not "nothing") | none: 0; 1–2: 1; 3 or more: 2                   |
//! | an in-house platform          | 1 more (bespoke systems to integrate with)      |
//!
//! The total is capped at 10.

use super::input::RoiInput;
use crate::domain::lead_fields::CurrentSolution;
use crate::domain::showcase::CompanySize;

pub fn complexity_score(input: &RoiInput) -> u8 {
    let size = match input.company_size {
        CompanySize::Smb => 0,
        CompanySize::MidMarket => 2,
        CompanySize::Enterprise => 4,
    };
    let locations = match input.locations.unwrap_or(1) {
        0..=1 => 0,
        2..=10 => 1,
        11..=100 => 2,
        _ => 3,
    };
    let tools = input
        .current_solutions
        .iter()
        .filter(|s| **s != CurrentSolution::Nothing)
        .count();
    let tool_points = match tools {
        0 => 0,
        1..=2 => 1,
        _ => 2,
    };
    let in_house = u8::from(
        input
            .current_solutions
            .contains(&CurrentSolution::InHousePlatform),
    );
    (1 + size + locations + tool_points + in_house).min(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead_fields::Challenge;

    fn input(size: CompanySize, locations: Option<u32>, tools: &[CurrentSolution]) -> RoiInput {
        RoiInput {
            industry: None,
            annual_revenue_gbp: 1e6,
            locations,
            company_size: size,
            challenge: Challenge::Pricing,
            current_solutions: tools.to_vec(),
        }
    }

    #[test]
    fn a_single_site_smb_with_nothing_is_the_simplest() {
        assert_eq!(
            complexity_score(&input(CompanySize::Smb, None, &[CurrentSolution::Nothing])),
            1
        );
    }

    #[test]
    fn a_large_enterprise_with_an_in_house_platform_is_capped_at_ten() {
        use CurrentSolution::*;
        let tools = [InHousePlatform, AbTestingTool, BiDashboards];
        assert_eq!(
            complexity_score(&input(CompanySize::Enterprise, Some(500), &tools)),
            10
        );
    }

    #[test]
    fn a_mid_market_chain_with_two_tools() {
        use CurrentSolution::*;
        let tools = [WebAnalytics, AbTestingTool];
        // 1 + 2 (mid-market) + 2 (40 locations) + 1 (two tools)
        assert_eq!(
            complexity_score(&input(CompanySize::MidMarket, Some(40), &tools)),
            6
        );
    }
}
