//! The back office's case-study form: raw text fields in, a validated draft
//! out, with one message per offending field. The improvement percentages are
//! computed from baseline and result, never typed, so they cannot disagree.

use super::lead_fields::Challenge;
use super::media::{parse_chart_images, parse_optional_image, ImageKind, MediaKey};
use super::showcase::{
    improvement_pct, parse_confidence_level, CompanySize, Methodology, SecondaryMetric, Slug,
};
use serde::{Deserialize, Serialize};

/// What the form posts: every field as text, exactly as typed (so nothing is
/// lost when the form comes back with errors).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseStudyInput {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub industry_sic_code: String,
    pub industry_name: String,
    pub client_type: String,
    pub company_size: String,
    pub client_size_label: String,
    pub client_region: String,
    pub business_challenge: String,
    pub previous_approaches: String,
    pub stakeholder_concerns: String,
    pub success_criteria: String,
    pub consultant_id: String,
    pub methodology: String,
    pub challenge: String,
    pub duration_days: String,
    pub sample_size: String,
    pub confidence_level: String,
    pub primary_metric_name: String,
    pub primary_metric_unit: String,
    pub primary_metric_baseline: String,
    pub primary_metric_result: String,
    /// One row per secondary metric, as the editor's rows hold them; empty
    /// rows are ignored.
    #[serde(default)]
    pub secondary_metrics: Vec<MetricRowInput>,
    pub roi_pct: String,
    /// In major units (pounds), e.g. `125000` or `125000.50`.
    pub roi_value: String,
    pub roi_timeframe: String,
    pub payback_months: String,
    pub methodology_details: String,
    pub testimonial_text: String,
    pub testimonial_author: String,
    pub testimonial_role: String,
    pub meta_description: String,
    pub meta_keywords: String,
    /// The uploaded hero's key (empty for none).
    pub hero_image: String,
    /// Uploaded chart keys, one per line.
    pub chart_images: String,
}

/// A validated case study, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStudyDraft {
    pub title: String,
    pub slug: Slug,
    pub summary: String,
    pub industry_sic_code: String,
    pub industry_name: String,
    pub client_type: String,
    pub company_size: CompanySize,
    pub client_size_label: String,
    pub client_region: String,
    pub business_challenge: String,
    pub previous_approaches: String,
    pub stakeholder_concerns: String,
    pub success_criteria: String,
    pub consultant_id: Option<String>,
    pub methodology: Methodology,
    pub challenge: Challenge,
    pub duration_days: i64,
    pub sample_size: i64,
    pub confidence_level: f64,
    pub primary_metric_name: String,
    pub primary_metric_unit: String,
    pub primary_metric_baseline: f64,
    pub primary_metric_result: f64,
    pub primary_metric_improvement_pct: f64,
    pub secondary_metrics: Vec<SecondaryMetric>,
    pub roi_pct: f64,
    pub roi_value_minor: i64,
    pub roi_timeframe: String,
    pub payback_months: f64,
    pub methodology_details: String,
    pub testimonial_text: String,
    pub testimonial_author: String,
    pub testimonial_role: String,
    pub meta_description: String,
    pub meta_keywords: String,
    pub hero_image: Option<MediaKey>,
    pub chart_images: Vec<MediaKey>,
}

/// The longest text accepted in any long field (the spec's limit).
pub const MAX_TEXT: usize = 10_000;
pub const ROI_TIMEFRAMES: [&str; 4] = ["annually", "quarterly", "monthly", "one_off"];

struct Checker {
    errors: Vec<(String, String)>,
}

impl Checker {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push((field.to_string(), message.into()));
    }

    fn text(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        required: bool,
        max: usize,
    ) -> String {
        let value = value.trim();
        if required && value.is_empty() {
            self.fail(field, format!("Enter {label}."));
        } else if value.chars().count() > max {
            self.fail(
                field,
                format!(
                    "{} is too long (at most {max} characters).",
                    capitalise(label)
                ),
            );
        }
        value.to_string()
    }

    fn number(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        range: std::ops::RangeInclusive<f64>,
    ) -> f64 {
        match value.trim().replace(',', "").parse::<f64>() {
            Ok(v) if v.is_finite() && range.contains(&v) => v,
            Ok(_) => {
                self.fail(
                    field,
                    format!(
                        "{} must be between {} and {}.",
                        capitalise(label),
                        range.start(),
                        range.end()
                    ),
                );
                0.0
            }
            Err(_) => {
                self.fail(field, format!("Enter {label} as a number."));
                0.0
            }
        }
    }

    fn whole(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> i64 {
        match value.trim().replace(',', "").parse::<i64>() {
            Ok(v) if range.contains(&v) => v,
            Ok(_) => {
                self.fail(
                    field,
                    format!(
                        "{} must be between {} and {}.",
                        capitalise(label),
                        range.start(),
                        range.end()
                    ),
                );
                0
            }
            Err(_) => {
                self.fail(field, format!("Enter {label} as a whole number."));
                0
            }
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A secondary metric as typed into one row of the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricRowInput {
    pub name: String,
    pub baseline: String,
    pub result: String,
    /// Optional, e.g. `%`, `£`, `visits/week`.
    #[serde(default)]
    pub unit: String,
}

impl MetricRowInput {
    fn is_blank(&self) -> bool {
        [&self.name, &self.baseline, &self.result, &self.unit]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// The most secondary metrics a case study shows.
pub const MAX_SECONDARY_METRICS: usize = 12;
const MAX_METRIC_NAME: usize = 120;
const MAX_METRIC_UNIT: usize = 30;

/// Parses the editor's rows (blank rows are skipped); a problem names its
/// row as the editor numbers them.
pub fn parse_secondary_metrics(rows: &[MetricRowInput]) -> Result<Vec<SecondaryMetric>, String> {
    let mut metrics = Vec::new();
    for (index, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let row_no = index + 1;
        let name = row.name.trim();
        let unit = row.unit.trim();
        if name.is_empty() {
            return Err(format!("Row {row_no}: give the metric a name."));
        }
        if name.chars().count() > MAX_METRIC_NAME {
            return Err(format!(
                "Row {row_no}: the name can be at most {MAX_METRIC_NAME} characters."
            ));
        }
        if unit.chars().count() > MAX_METRIC_UNIT {
            return Err(format!(
                "Row {row_no}: the unit can be at most {MAX_METRIC_UNIT} characters."
            ));
        }
        let number = |s: &str| {
            s.trim()
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
        };
        let (Some(baseline), Some(result)) = (number(&row.baseline), number(&row.result)) else {
            return Err(format!(
                "Row {row_no}: baseline and result must be numbers."
            ));
        };
        let Some(improvement) = improvement_pct(baseline, result) else {
            return Err(if baseline == 0.0 {
                format!("Row {row_no}: the baseline cannot be 0 (the change would be undefined).")
            } else {
                format!("Row {row_no}: the change from baseline to result is too large to show.")
            });
        };
        metrics.push(SecondaryMetric {
            name: name.to_string(),
            baseline,
            result,
            improvement_percentage: (improvement * 10.0).round() / 10.0,
            unit: (!unit.is_empty()).then(|| unit.to_string()),
        });
    }
    if metrics.len() > MAX_SECONDARY_METRICS {
        return Err(format!(
            "At most {MAX_SECONDARY_METRICS} secondary metrics."
        ));
    }
    Ok(metrics)
}

/// Writes stored metrics back as the editor's rows.
pub fn metric_rows(metrics: &[SecondaryMetric]) -> Vec<MetricRowInput> {
    metrics
        .iter()
        .map(|m| MetricRowInput {
            name: m.name.clone(),
            baseline: m.baseline.to_string(),
            result: m.result.to_string(),
            unit: m.unit.clone().unwrap_or_default(),
        })
        .collect()
}

impl CaseStudyInput {
    pub fn parse(&self) -> Result<CaseStudyDraft, Vec<(String, String)>> {
        let mut c = Checker { errors: Vec::new() };
        let title = c.text("title", "a title", &self.title, true, 200);
        if !title.is_empty() && title.chars().count() < 3 {
            c.fail("title", "The title must be at least 3 characters.");
        }
        let slug = if self.slug.trim().is_empty() {
            Slug::from_title(&title)
        } else {
            Slug::parse(&self.slug).unwrap_or_else(|e| {
                c.fail("slug", e.to_string());
                Slug::from_title(&title)
            })
        };
        let summary = c.text("summary", "a summary", &self.summary, true, 1000);
        let industry_sic_code = c.text(
            "industry_sic_code",
            "the industry's SIC code",
            &self.industry_sic_code,
            true,
            10,
        );
        if !industry_sic_code
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric())
        {
            c.fail(
                "industry_sic_code",
                "Use the SIC code's digits only, e.g. 5914.",
            );
        }
        let industry_name = c.text(
            "industry_name",
            "the industry's name",
            &self.industry_name,
            true,
            100,
        );
        let client_type = c.text(
            "client_type",
            "the kind of client",
            &self.client_type,
            true,
            100,
        );
        let company_size = CompanySize::parse(&self.company_size).unwrap_or_else(|| {
            c.fail("company_size", "Choose SMB, mid-market or enterprise.");
            CompanySize::Smb
        });
        let client_size_label = c.text(
            "client_size_label",
            "a size description",
            &self.client_size_label,
            false,
            100,
        );
        let client_region = c.text("client_region", "a region", &self.client_region, false, 100);
        let business_challenge = c.text(
            "business_challenge",
            "the business challenge",
            &self.business_challenge,
            true,
            MAX_TEXT,
        );
        let previous_approaches = c.text(
            "previous_approaches",
            "previous approaches",
            &self.previous_approaches,
            false,
            MAX_TEXT,
        );
        let stakeholder_concerns = c.text(
            "stakeholder_concerns",
            "stakeholder concerns",
            &self.stakeholder_concerns,
            false,
            MAX_TEXT,
        );
        let success_criteria = c.text(
            "success_criteria",
            "success criteria",
            &self.success_criteria,
            false,
            MAX_TEXT,
        );
        let consultant_id = Some(self.consultant_id.trim().to_string()).filter(|s| !s.is_empty());
        let challenge = Challenge::parse(&self.challenge).unwrap_or_else(|| {
            c.fail(
                "challenge",
                "Choose the business challenge this work addressed.",
            );
            Challenge::Conversion
        });
        let methodology = Methodology::parse(&self.methodology).unwrap_or_else(|| {
            c.fail("methodology", "Choose the method used.");
            Methodology::AbTest
        });
        let duration_days = c.whole(
            "duration_days",
            "the duration in days",
            &self.duration_days,
            1..=3650,
        );
        let sample_size = c.whole(
            "sample_size",
            "the sample size",
            &self.sample_size,
            1..=i64::MAX / 2,
        );
        let confidence_level = {
            let raw = c.number(
                "confidence_level",
                "the confidence level",
                &self.confidence_level,
                0.0..=99.0,
            );
            // Accept "95" as well as "0.95".
            let as_fraction = if raw > 1.0 { raw / 100.0 } else { raw };
            parse_confidence_level(as_fraction).unwrap_or_else(|message| {
                c.fail("confidence_level", message);
                0.95
            })
        };
        let primary_metric_name = c.text(
            "primary_metric_name",
            "the primary metric's name",
            &self.primary_metric_name,
            true,
            200,
        );
        let primary_metric_unit = c.text(
            "primary_metric_unit",
            "the unit",
            &self.primary_metric_unit,
            false,
            30,
        );
        let baseline = c.number(
            "primary_metric_baseline",
            "the baseline",
            &self.primary_metric_baseline,
            -1e15..=1e15,
        );
        let result = c.number(
            "primary_metric_result",
            "the result",
            &self.primary_metric_result,
            -1e15..=1e15,
        );
        let primary_metric_improvement_pct = match improvement_pct(baseline, result) {
            Some(pct) => (pct * 10.0).round() / 10.0,
            None => {
                if !c.errors.iter().any(|(f, _)| f == "primary_metric_baseline") {
                    c.fail(
                        "primary_metric_baseline",
                        "The baseline cannot be 0 (the improvement would be undefined).",
                    );
                }
                0.0
            }
        };
        let secondary_metrics =
            parse_secondary_metrics(&self.secondary_metrics).unwrap_or_else(|message| {
                c.fail("secondary_metrics", message);
                Vec::new()
            });
        let roi_pct = c.number(
            "roi_pct",
            "the ROI percentage",
            &self.roi_pct,
            0.0..=100_000.0,
        );
        let roi_value = c.number("roi_value", "the ROI value", &self.roi_value, 0.0..=1e13);
        let roi_timeframe = self.roi_timeframe.trim().to_string();
        if !ROI_TIMEFRAMES.contains(&roi_timeframe.as_str()) {
            c.fail(
                "roi_timeframe",
                "Choose annually, quarterly, monthly or one-off.",
            );
        }
        let payback_months = c.number(
            "payback_months",
            "the payback period",
            &self.payback_months,
            0.0..=600.0,
        );
        let methodology_details = c.text(
            "methodology_details",
            "the methodology",
            &self.methodology_details,
            false,
            MAX_TEXT,
        );
        let testimonial_text = c.text(
            "testimonial_text",
            "the testimonial",
            &self.testimonial_text,
            false,
            2000,
        );
        let testimonial_author = c.text(
            "testimonial_author",
            "the testimonial's author",
            &self.testimonial_author,
            false,
            100,
        );
        let testimonial_role = c.text(
            "testimonial_role",
            "the author's role",
            &self.testimonial_role,
            false,
            100,
        );
        if !testimonial_text.is_empty() && testimonial_author.is_empty() {
            c.fail(
                "testimonial_author",
                "Say who gave the testimonial (anonymised is fine, e.g. \"Head of Revenue\").",
            );
        }
        let meta_description = c.text(
            "meta_description",
            "the meta description",
            &self.meta_description,
            false,
            160,
        );
        let meta_keywords = c.text(
            "meta_keywords",
            "the keywords",
            &self.meta_keywords,
            false,
            500,
        );
        let hero_image =
            parse_optional_image(&self.hero_image, ImageKind::Hero).unwrap_or_else(|e| {
                c.fail("hero_image", e);
                None
            });
        let chart_images = parse_chart_images(&self.chart_images).unwrap_or_else(|e| {
            c.fail("chart_images", e);
            Vec::new()
        });
        if !c.errors.is_empty() {
            return Err(c.errors);
        }
        Ok(CaseStudyDraft {
            hero_image,
            chart_images,
            title,
            slug,
            summary,
            industry_sic_code,
            industry_name,
            client_type,
            company_size,
            client_size_label,
            client_region,
            business_challenge,
            previous_approaches,
            stakeholder_concerns,
            success_criteria,
            consultant_id,
            methodology,
            challenge,
            duration_days,
            sample_size,
            confidence_level,
            primary_metric_name,
            primary_metric_unit,
            primary_metric_baseline: baseline,
            primary_metric_result: result,
            primary_metric_improvement_pct,
            secondary_metrics,
            roi_pct,
            roi_value_minor: (roi_value * 100.0).round() as i64,
            roi_timeframe,
            payback_months,
            methodology_details,
            testimonial_text,
            testimonial_author,
            testimonial_role,
            meta_description,
            meta_keywords,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub fn valid_input() -> CaseStudyInput {
        CaseStudyInput {
            title: "Café chain lifts basket size".into(),
            summary: "A summary.".into(),
            industry_sic_code: "5610".into(),
            industry_name: "Restaurants".into(),
            client_type: "Regional café chain".into(),
            company_size: "smb".into(),
            business_challenge: "Baskets were small.".into(),
            methodology: "ab_test".into(),
            challenge: "pricing".into(),
            duration_days: "28".into(),
            sample_size: "120,000".into(),
            confidence_level: "95".into(),
            primary_metric_name: "Average basket".into(),
            primary_metric_unit: "£".into(),
            primary_metric_baseline: "8.00".into(),
            primary_metric_result: "8.80".into(),
            secondary_metrics: vec![
                row("Visits per week", "2.0", "2.2", "visits"),
                row("Refunds", "4", "3", "%"),
            ],
            roi_pct: "320".into(),
            roi_value: "85000".into(),
            roi_timeframe: "annually".into(),
            payback_months: "3".into(),
            ..CaseStudyInput::default()
        }
    }

    #[test]
    fn a_complete_form_becomes_a_draft_with_computed_improvements() {
        let draft = valid_input().parse().unwrap();
        assert_eq!(draft.slug.as_str(), "cafe-chain-lifts-basket-size");
        assert_eq!(draft.primary_metric_improvement_pct, 10.0);
        assert_eq!(draft.sample_size, 120_000);
        assert!((draft.confidence_level - 0.95).abs() < 1e-9);
        assert_eq!(draft.roi_value_minor, 8_500_000);
        assert_eq!(draft.secondary_metrics.len(), 2);
        assert_eq!(draft.secondary_metrics[1].improvement_percentage, -25.0);
        assert_eq!(draft.secondary_metrics[1].unit.as_deref(), Some("%"));
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let input = CaseStudyInput {
            title: "".into(),
            slug: "Bad Slug".into(),
            company_size: "giant".into(),
            confidence_level: "0.5".into(),
            primary_metric_baseline: "0".into(),
            primary_metric_result: "3".into(),
            secondary_metrics: vec![row("just a name", "", "", "")],
            roi_pct: "-4".into(),
            roi_timeframe: "weekly".into(),
            testimonial_text: "Great".into(),
            meta_description: "x".repeat(161),
            ..valid_input()
        };
        let errors = input.parse().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        for expected in [
            "title",
            "slug",
            "company_size",
            "confidence_level",
            "primary_metric_baseline",
            "secondary_metrics",
            "roi_pct",
            "roi_timeframe",
            "testimonial_author",
            "meta_description",
        ] {
            assert!(
                fields.contains(&expected),
                "{expected} missing from {fields:?}"
            );
        }
    }

    fn row(name: &str, baseline: &str, result: &str, unit: &str) -> MetricRowInput {
        MetricRowInput {
            name: name.into(),
            baseline: baseline.into(),
            result: result.into(),
            unit: unit.into(),
        }
    }

    #[test]
    fn secondary_metrics_round_trip_through_the_rows() {
        let metrics = parse_secondary_metrics(&[
            row("A", "1", "2", "x"),
            MetricRowInput::default(),
            row(" B ", "10", "5", " "),
        ])
        .unwrap();
        assert_eq!(metrics.len(), 2, "blank rows are skipped");
        assert_eq!(metrics[1].name, "B");
        assert_eq!(metrics[1].unit, None);
        assert_eq!(
            parse_secondary_metrics(&metric_rows(&metrics)).unwrap(),
            metrics
        );
    }

    #[test]
    fn a_bad_row_is_named_by_its_number() {
        let bad = |rows: &[MetricRowInput]| parse_secondary_metrics(rows).unwrap_err();
        assert_eq!(
            bad(&[MetricRowInput::default(), row("A", "one", "2", "")]),
            "Row 2: baseline and result must be numbers."
        );
        assert_eq!(
            bad(&[row("", "1", "2", "")]),
            "Row 1: give the metric a name."
        );
        assert!(bad(&[row("A", "0", "2", "")]).contains("cannot be 0"));
        assert!(bad(&[row("A", "1e-300", "1e300", "")]).contains("too large"));
        let many = vec![row("A", "1", "2", ""); MAX_SECONDARY_METRICS + 1];
        assert_eq!(bad(&many), "At most 12 secondary metrics.");
    }

    proptest! {
        #[test]
        fn parsing_never_panics(title in "\\PC{0,80}", baseline in "\\PC{0,12}", confidence in "\\PC{0,6}") {
            let input = CaseStudyInput { title, primary_metric_baseline: baseline, confidence_level: confidence, ..valid_input() };
            let _ = input.parse();
        }

        #[test]
        fn improvements_always_match_their_figures(b in 0.1f64..1e6, r in 0.0f64..1e6) {
            let input = CaseStudyInput {
                primary_metric_baseline: b.to_string(),
                primary_metric_result: r.to_string(),
                ..valid_input()
            };
            let draft = input.parse().unwrap();
            prop_assert!(crate::domain::showcase::improvement_is_consistent(b, r, draft.primary_metric_improvement_pct));
        }
    }
}
