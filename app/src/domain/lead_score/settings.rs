//! The scoring settings admins may change: the most points each factor can
//! give and where the tiers start. Stored as JSON; missing keys take the
//! defaults, so adding a factor later does not break stored settings.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoringSettings {
    // Fit: who they are and what they intend.
    pub revenue: f64,
    pub company_size: f64,
    pub decision_authority: f64,
    pub timeline: f64,
    pub budget: f64,
    pub industry_results: f64,
    // Engagement: what they did on the site.
    pub case_studies_viewed: f64,
    pub calculator_used: f64,
    pub time_on_site: f64,
    pub forms_submitted: f64,
    /// Scores at or above this are Tier 1.
    pub tier1_min: u8,
    /// Scores at or above this (and below `tier1_min`) are Tier 2.
    pub tier2_min: u8,
}

impl Default for ScoringSettings {
    /// Fit 80 points, engagement 20; Tier 1 from 70, Tier 2 from 40.
    fn default() -> Self {
        ScoringSettings {
            revenue: 20.0,
            company_size: 10.0,
            decision_authority: 15.0,
            timeline: 15.0,
            budget: 10.0,
            industry_results: 10.0,
            case_studies_viewed: 7.0,
            calculator_used: 7.0,
            time_on_site: 3.0,
            forms_submitted: 3.0,
            tier1_min: 70,
            tier2_min: 40,
        }
    }
}

impl ScoringSettings {
    /// The factor maxima as `(key, points)`, fit first then engagement.
    pub fn maxima(&self) -> [(&'static str, f64); 10] {
        [
            ("revenue", self.revenue),
            ("company_size", self.company_size),
            ("decision_authority", self.decision_authority),
            ("timeline", self.timeline),
            ("budget", self.budget),
            ("industry_results", self.industry_results),
            ("case_studies_viewed", self.case_studies_viewed),
            ("calculator_used", self.calculator_used),
            ("time_on_site", self.time_on_site),
            ("forms_submitted", self.forms_submitted),
        ]
    }

    /// Every maximum is a number of 0 or more, they add up to exactly 100,
    /// and 0 < `tier2_min` < `tier1_min` ≤ 100.
    pub fn validate(&self) -> Result<(), Vec<(String, String)>> {
        let mut errors: Vec<(String, String)> = Vec::new();
        for (key, max) in self.maxima() {
            if !max.is_finite() || max < 0.0 {
                errors.push((key.into(), "Enter a number of points, 0 or more.".into()));
            }
        }
        if errors.is_empty() {
            let sum: f64 = self.maxima().iter().map(|(_, m)| m).sum();
            if (sum - 100.0).abs() > 1e-6 {
                errors.push((
                    "total".into(),
                    format!(
                        "The maximum points add up to {}; they must add up to exactly 100.",
                        (sum * 100.0).round() / 100.0
                    ),
                ));
            }
        }
        if self.tier1_min == 0 || self.tier1_min > 100 {
            errors.push((
                "tier1_min".into(),
                "Tier 1 must start at a score from 1 to 100.".into(),
            ));
        }
        if self.tier2_min == 0 || self.tier2_min >= self.tier1_min {
            errors.push((
                "tier2_min".into(),
                "Tier 2 must start above 0 and below the Tier 1 score.".into(),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The admin settings form: every field a string, as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoringForm {
    pub revenue: String,
    pub company_size: String,
    pub decision_authority: String,
    pub timeline: String,
    pub budget: String,
    pub industry_results: String,
    pub case_studies_viewed: String,
    pub calculator_used: String,
    pub time_on_site: String,
    pub forms_submitted: String,
    pub tier1_min: String,
    pub tier2_min: String,
}

impl From<&ScoringSettings> for ScoringForm {
    /// The current settings, for editing.
    fn from(s: &ScoringSettings) -> ScoringForm {
        let n = |v: f64| v.to_string();
        ScoringForm {
            revenue: n(s.revenue),
            company_size: n(s.company_size),
            decision_authority: n(s.decision_authority),
            timeline: n(s.timeline),
            budget: n(s.budget),
            industry_results: n(s.industry_results),
            case_studies_viewed: n(s.case_studies_viewed),
            calculator_used: n(s.calculator_used),
            time_on_site: n(s.time_on_site),
            forms_submitted: n(s.forms_submitted),
            tier1_min: s.tier1_min.to_string(),
            tier2_min: s.tier2_min.to_string(),
        }
    }
}

impl ScoringForm {
    /// The factor maximums typed so far, added up (blank counts as 0), and
    /// what the editor should say about it; `None` while one is not a number.
    pub fn running_total(&self) -> Option<(f64, String)> {
        let mut sum = 0.0;
        for value in [
            &self.revenue,
            &self.company_size,
            &self.decision_authority,
            &self.timeline,
            &self.budget,
            &self.industry_results,
            &self.case_studies_viewed,
            &self.calculator_used,
            &self.time_on_site,
            &self.forms_submitted,
        ] {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => sum += v,
                _ => return None,
            }
        }
        let sum = (sum * 100.0).round() / 100.0;
        let gap = ((100.0 - sum) * 100.0).round() / 100.0;
        let verdict = if gap == 0.0 {
            "adds up to 100".to_string()
        } else if gap > 0.0 {
            format!("{gap} to go")
        } else {
            format!("{} too many", -gap)
        };
        Some((sum, format!("Total {sum} of 100: {verdict}")))
    }

    /// Parses and validates; every problem is reported against its field
    /// (the sum against `"total"`).
    pub fn parse(&self) -> Result<ScoringSettings, Vec<(String, String)>> {
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut points = |field: &str, value: &str| -> f64 {
            match value.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => v,
                _ => {
                    errors.push((field.into(), "Enter a number of points, 0 or more.".into()));
                    0.0
                }
            }
        };
        let mut settings = ScoringSettings {
            revenue: points("revenue", &self.revenue),
            company_size: points("company_size", &self.company_size),
            decision_authority: points("decision_authority", &self.decision_authority),
            timeline: points("timeline", &self.timeline),
            budget: points("budget", &self.budget),
            industry_results: points("industry_results", &self.industry_results),
            case_studies_viewed: points("case_studies_viewed", &self.case_studies_viewed),
            calculator_used: points("calculator_used", &self.calculator_used),
            time_on_site: points("time_on_site", &self.time_on_site),
            forms_submitted: points("forms_submitted", &self.forms_submitted),
            ..ScoringSettings::default()
        };
        let mut threshold = |field: &str, value: &str| -> Option<u8> {
            match value.trim().parse::<u8>() {
                Ok(v) if (1..=100).contains(&v) => Some(v),
                _ => {
                    errors.push((field.into(), "Enter a whole score from 1 to 100.".into()));
                    None
                }
            }
        };
        let tier1 = threshold("tier1_min", &self.tier1_min);
        let tier2 = threshold("tier2_min", &self.tier2_min);
        if let (Some(t1), Some(t2)) = (tier1, tier2) {
            settings.tier1_min = t1;
            settings.tier2_min = t2;
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        settings.validate().map(|()| settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_total_says_how_far_from_100() {
        let mut form = ScoringForm::from(&ScoringSettings::default());
        assert_eq!(
            form.running_total().unwrap().1,
            "Total 100 of 100: adds up to 100"
        );
        form.revenue = String::new();
        let (sum, text) = form.running_total().unwrap();
        assert!(sum < 100.0);
        assert!(text.ends_with("to go"), "{text}");
        form.revenue = "150".into();
        assert!(form.running_total().unwrap().1.ends_with("too many"));
        form.revenue = "lots".into();
        assert_eq!(form.running_total(), None);
    }

    #[test]
    fn the_defaults_are_valid_and_add_up_to_100() {
        assert_eq!(ScoringSettings::default().validate(), Ok(()));
    }

    #[test]
    fn stored_json_with_missing_keys_takes_the_defaults() {
        let s: ScoringSettings = serde_json::from_str(r#"{"tier1_min": 75}"#).unwrap();
        assert_eq!(s.tier1_min, 75);
        assert_eq!(s.revenue, 20.0);
    }

    #[test]
    fn validation_names_each_problem() {
        let s = ScoringSettings {
            revenue: -1.0,
            tier1_min: 40,
            tier2_min: 40,
            ..ScoringSettings::default()
        };
        let fields: Vec<String> = s
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["revenue", "tier2_min"]);

        let s = ScoringSettings {
            revenue: 25.0,
            ..ScoringSettings::default()
        };
        let errors = s.validate().unwrap_err();
        assert_eq!(errors[0].0, "total");
        assert!(errors[0].1.contains("105"), "{errors:?}");
    }

    #[test]
    fn the_admin_form_round_trips_and_reports_bad_fields() {
        let defaults = ScoringSettings::default();
        assert_eq!(ScoringForm::from(&defaults).parse(), Ok(defaults.clone()));

        let form = ScoringForm {
            budget: "lots".into(),
            tier2_min: "0".into(),
            ..ScoringForm::from(&defaults)
        };
        let fields: Vec<String> = form
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["budget", "tier2_min"]);

        let form = ScoringForm {
            revenue: "12.5".into(),
            company_size: "17.5".into(),
            ..ScoringForm::from(&defaults)
        };
        assert_eq!(form.parse().unwrap().revenue, 12.5);
    }
}
