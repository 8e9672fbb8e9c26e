//! Parsing the case-study gallery's filters from query parameters, shared by
//! the HTML gallery (`/case-studies?…`) and the JSON API
//! (`/api/v1/case-studies?…`). Bad values are reported per parameter.

use super::showcase::{CompanySize, Methodology};
use serde::{Deserialize, Serialize};

pub const DEFAULT_LIMIT: i64 = 12;
pub const MAX_LIMIT: i64 = 100;
/// Far beyond any real portfolio; keeps offset arithmetic and SQL bounds sane.
pub const MAX_OFFSET: i64 = 1_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Highest ROI first.
    RoiDesc,
    /// Most recently published first (the default).
    #[default]
    Recent,
    /// Most viewed first.
    Popular,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Recent, SortOrder::RoiDesc, SortOrder::Popular];

    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::RoiDesc => "roi_desc",
            SortOrder::Recent => "recent",
            SortOrder::Popular => "popular",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::RoiDesc => "Highest ROI",
            SortOrder::Recent => "Most recent",
            SortOrder::Popular => "Most popular",
        }
    }

    pub fn parse(value: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// A validated gallery request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GalleryQuery {
    /// SIC code of the industry.
    pub industry: Option<String>,
    pub experiment_type: Option<Methodology>,
    pub roi_min: Option<f64>,
    pub roi_max: Option<f64>,
    pub company_size: Option<CompanySize>,
    pub featured_only: bool,
    /// Put featured case studies before the others (then the chosen sort).
    pub featured_first: bool,
    pub sort_by: SortOrder,
    pub limit: i64,
    pub offset: i64,
}

/// One bad query parameter and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamError {
    pub parameter: String,
    pub message: String,
}

impl ParamError {
    /// The filter's name as the gallery's form shows it.
    pub fn label(&self) -> &'static str {
        match self.parameter.as_str() {
            "industry" => "Industry",
            "experiment_type" => "Method",
            "company_size" => "Company size",
            "roi_min" => "Minimum ROI",
            "roi_max" => "Maximum ROI",
            "featured_only" | "featured_first" => "Featured",
            "sort_by" => "Sort order",
            "limit" => "Results per page",
            _ => "Page",
        }
    }
}

fn bad(parameter: &str, message: impl Into<String>) -> ParamError {
    ParamError {
        parameter: parameter.to_string(),
        message: message.into(),
    }
}

impl GalleryQuery {
    /// Parses query parameters. `page` (1-based, HTML gallery) is accepted as
    /// an alternative to `offset`. Unknown parameters are ignored (tracking
    /// tags such as `utm_source` must not break a shared link); empty values
    /// mean "no filter" because that is what an HTML form submits.
    pub fn parse<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<GalleryQuery, Vec<ParamError>> {
        let (query, errors) = GalleryQuery::parse_lenient(params);
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// Like [`GalleryQuery::parse`], but keeps every parameter that is
    /// valid and leaves out the rest, reporting each (the HTML gallery: a
    /// link with one bad filter still shows the others applied). A minimum
    /// ROI above the maximum leaves out the whole ROI range.
    pub fn parse_lenient<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (GalleryQuery, Vec<ParamError>) {
        let mut query = GalleryQuery {
            limit: DEFAULT_LIMIT,
            ..GalleryQuery::default()
        };
        let mut errors = Vec::new();
        let mut page: Option<i64> = None;
        for (name, raw) in params {
            let value = raw.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                "industry" => match parse_sic_code(value) {
                    Some(code) => query.industry = Some(code),
                    None => errors.push(bad(name, SIC_CODE_HINT)),
                },
                "experiment_type" => match Methodology::parse(value) {
                    Some(m) => query.experiment_type = Some(m),
                    None => errors.push(bad(
                        name,
                        format!(
                            "Unknown experiment type \"{value}\"; expected one of {}.",
                            Methodology::ALL.map(Methodology::as_str).join(", ")
                        ),
                    )),
                },
                "company_size" => match CompanySize::parse(value) {
                    Some(s) => query.company_size = Some(s),
                    None => errors.push(bad(
                        name,
                        format!("Unknown company size \"{value}\"; expected smb, mid_market or enterprise."),
                    )),
                },
                "roi_min" | "roi_max" => match value.parse::<f64>() {
                    Ok(v) if v.is_finite() && v >= 0.0 => {
                        if name == "roi_min" {
                            query.roi_min = Some(v);
                        } else {
                            query.roi_max = Some(v);
                        }
                    }
                    _ => errors.push(bad(name, "Expected a percentage of 0 or more.")),
                },
                "featured_only" | "featured_first" => match parse_flag(value) {
                    Some(flag) if name == "featured_only" => query.featured_only = flag,
                    Some(flag) => query.featured_first = flag,
                    None => errors.push(bad(name, "Expected true or false.")),
                },
                "sort_by" => match SortOrder::parse(value) {
                    Some(s) => query.sort_by = s,
                    None => errors.push(bad(
                        name,
                        format!("Unknown sort \"{value}\"; expected roi_desc, recent or popular."),
                    )),
                },
                "limit" => match value.parse::<i64>() {
                    Ok(v) if (1..=MAX_LIMIT).contains(&v) => query.limit = v,
                    _ => errors.push(bad(name, format!("Expected a whole number from 1 to {MAX_LIMIT}."))),
                },
                "offset" => match value.parse::<i64>() {
                    Ok(v) if (0..=MAX_OFFSET).contains(&v) => query.offset = v,
                    _ => errors.push(bad(
                        name,
                        format!("Expected a whole number from 0 to {MAX_OFFSET}."),
                    )),
                },
                "page" => match value.parse::<i64>() {
                    Ok(v) if (1..=100_000).contains(&v) => page = Some(v),
                    _ => errors.push(bad(name, "Expected a page number of 1 or more.")),
                },
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (query.roi_min, query.roi_max) {
            if min > max {
                errors.push(bad(
                    "roi_min",
                    format!(
                        "The minimum ROI ({min}%) is higher than the maximum ({max}%); \
                         swap them or clear one."
                    ),
                ));
                query.roi_min = None;
                query.roi_max = None;
            }
        }
        if let Some(page) = page {
            query.offset = (page - 1).saturating_mul(query.limit);
        }
        (query, errors)
    }

    /// Checks a query that arrived already structured (the gallery server
    /// function takes one as JSON) by the same rules as query parameters, so
    /// every way in accepts the same values: a limit from 1 to 100, an
    /// offset of 0 or more, a real SIC code, and so on.
    pub fn validate(&self) -> Result<GalleryQuery, Vec<ParamError>> {
        let mut pairs = self.filter_pairs();
        pairs.push(("limit", self.limit.to_string()));
        pairs.push(("offset", self.offset.to_string()));
        GalleryQuery::parse(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// The 1-based page this query shows.
    pub fn page(&self) -> i64 {
        self.offset / self.limit.max(1) + 1
    }

    /// Query-string pairs for the filters (not the page), for links that keep them.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(i) = &self.industry {
            pairs.push(("industry", i.clone()));
        }
        if let Some(m) = self.experiment_type {
            pairs.push(("experiment_type", m.as_str().to_string()));
        }
        if let Some(v) = self.roi_min {
            pairs.push(("roi_min", format_number(v)));
        }
        if let Some(v) = self.roi_max {
            pairs.push(("roi_max", format_number(v)));
        }
        if let Some(s) = self.company_size {
            pairs.push(("company_size", s.as_str().to_string()));
        }
        if self.featured_only {
            pairs.push(("featured_only", "true".to_string()));
        }
        if self.featured_first {
            pairs.push(("featured_first", "true".to_string()));
        }
        if self.sort_by != SortOrder::default() {
            pairs.push(("sort_by", self.sort_by.as_str().to_string()));
        }
        pairs
    }

    pub fn has_filters(&self) -> bool {
        self.industry.is_some()
            || self.experiment_type.is_some()
            || self.roi_min.is_some()
            || self.roi_max.is_some()
            || self.company_size.is_some()
            || self.featured_only
    }
}

/// What a bad industry parameter is told.
pub const SIC_CODE_HINT: &str = "Expected an industry SIC code such as 7832.";

/// An industry filter: a SIC code of up to 10 letters or digits.
pub fn parse_sic_code(value: &str) -> Option<String> {
    (value.len() <= 10 && value.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| value.to_string())
}

/// A yes/no query parameter as HTML checkboxes and API clients send it.
pub fn parse_flag(value: &str) -> Option<bool> {
    match value {
        "true" | "1" | "on" | "yes" => Some(true),
        "false" | "0" | "off" | "no" => Some(false),
        _ => None,
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

/// Pagination facts for a result page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    pub limit: i64,
    pub offset: i64,
    pub total_count: i64,
    pub page: i64,
    pub total_pages: i64,
    pub has_next: bool,
    pub has_previous: bool,
}

impl Pagination {
    /// Saturating throughout: a structured query that skipped the parser
    /// must still not overflow (a panic would be a 500).
    pub fn new(limit: i64, offset: i64, total_count: i64) -> Pagination {
        let limit = limit.max(1);
        let offset = offset.max(0);
        let total_count = total_count.max(0);
        Pagination {
            limit,
            offset,
            total_count,
            page: (offset / limit).saturating_add(1),
            total_pages: total_count / limit + i64::from(total_count % limit != 0),
            has_next: offset.saturating_add(limit) < total_count,
            has_previous: offset > 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<GalleryQuery, Vec<ParamError>> {
        GalleryQuery::parse(pairs.iter().copied())
    }

    #[test]
    fn defaults_when_nothing_is_given() {
        let q = parse(&[]).unwrap();
        assert_eq!(q.limit, DEFAULT_LIMIT);
        assert_eq!(q.offset, 0);
        assert_eq!(q.sort_by, SortOrder::Recent);
        assert!(!q.has_filters());
    }

    #[test]
    fn parses_every_filter() {
        let q = parse(&[
            ("industry", "7832"),
            ("experiment_type", "ab_test"),
            ("roi_min", "100"),
            ("roi_max", "400.5"),
            ("company_size", "mid_market"),
            ("featured_only", "true"),
            ("featured_first", "1"),
            ("sort_by", "roi_desc"),
            ("limit", "5"),
            ("offset", "10"),
            ("utm_source", "newsletter"),
        ])
        .unwrap();
        assert_eq!(q.industry.as_deref(), Some("7832"));
        assert_eq!(q.experiment_type, Some(Methodology::AbTest));
        assert_eq!((q.roi_min, q.roi_max), (Some(100.0), Some(400.5)));
        assert_eq!(q.company_size, Some(CompanySize::MidMarket));
        assert!(q.featured_only);
        assert!(q.featured_first);
        assert_eq!(q.sort_by, SortOrder::RoiDesc);
        assert_eq!((q.limit, q.offset, q.page()), (5, 10, 3));
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let cases = [
            ("limit", "-1"),
            ("limit", "0"),
            ("limit", "101"),
            ("offset", "-5"),
            ("roi_min", "abc"),
            ("roi_max", "-3"),
            ("sort_by", "cheapest"),
            ("experiment_type", "astrology"),
            ("company_size", "huge"),
            ("featured_only", "maybe"),
            ("industry", "<script>"),
            ("page", "0"),
        ];
        for (name, value) in cases {
            let errors = parse(&[(name, value)]).unwrap_err();
            assert_eq!(errors.len(), 1, "{name}={value}");
            assert_eq!(errors[0].parameter, name, "{name}={value}");
        }
    }

    #[test]
    fn roi_min_above_roi_max_is_refused() {
        let errors = parse(&[("roi_min", "300"), ("roi_max", "100")]).unwrap_err();
        assert_eq!(errors[0].parameter, "roi_min");
    }

    #[test]
    fn empty_form_fields_mean_no_filter() {
        let q = parse(&[("industry", ""), ("roi_min", " "), ("sort_by", "")]).unwrap();
        assert!(!q.has_filters());
    }

    #[test]
    fn pagination_never_overflows() {
        let p = Pagination::new(i64::MAX, i64::MAX, i64::MAX);
        assert!(!p.has_next);
        let p = Pagination::new(12, i64::MAX, 5);
        assert!(!p.has_next && p.has_previous);
        assert!(parse(&[("offset", "9223372036854775807")]).is_err());
    }

    #[test]
    fn page_sets_the_offset() {
        let q = parse(&[("page", "3"), ("limit", "10")]).unwrap();
        assert_eq!(q.offset, 20);
    }

    #[test]
    fn pagination_arithmetic() {
        let p = Pagination::new(12, 12, 30);
        assert_eq!(
            (p.page, p.total_pages, p.has_next, p.has_previous),
            (2, 3, true, true)
        );
        let last = Pagination::new(12, 24, 30);
        assert!(!last.has_next);
        assert_eq!(Pagination::new(12, 0, 0).total_pages, 0);
    }

    #[test]
    fn structured_queries_obey_the_parameter_rules() {
        let good = parse(&[("industry", "7832"), ("limit", "5"), ("offset", "10")]).unwrap();
        assert_eq!(good.validate(), Ok(good.clone()));
        let cases = [
            GalleryQuery {
                limit: -1,
                ..good.clone()
            },
            GalleryQuery {
                limit: 0,
                ..good.clone()
            },
            GalleryQuery {
                limit: 5000,
                ..good.clone()
            },
            GalleryQuery {
                offset: -1,
                ..good.clone()
            },
            GalleryQuery {
                industry: Some("x".repeat(60_000)),
                ..good.clone()
            },
            GalleryQuery {
                roi_min: Some(-1.0),
                ..good.clone()
            },
            GalleryQuery {
                roi_min: Some(5.0),
                roi_max: Some(1.0),
                ..good.clone()
            },
        ];
        for query in cases {
            let errors = query.validate().unwrap_err();
            assert_eq!(errors.len(), 1, "{query:?}");
        }
        assert_eq!(
            GalleryQuery {
                limit: 5000,
                ..good
            }
            .validate()
            .unwrap_err()[0]
                .parameter,
            "limit"
        );
    }

    proptest! {
        #[test]
        fn parsed_queries_pass_validation_unchanged(
            limit in 1i64..=MAX_LIMIT,
            page in 1i64..1000,
            roi_max in proptest::option::of(0.0f64..1e6),
            sort in 0usize..3,
            industry in proptest::option::of("[0-9A-Za-z]{1,10}"),
        ) {
            let limit = limit.to_string();
            let page = page.to_string();
            let roi_max = roi_max.map(|v| v.to_string()).unwrap_or_default();
            let industry = industry.unwrap_or_default();
            let q = parse(&[
                ("limit", &limit),
                ("page", &page),
                ("roi_max", &roi_max),
                ("sort_by", SortOrder::ALL[sort].as_str()),
                ("industry", &industry),
            ])
            .unwrap();
            prop_assert_eq!(q.validate(), Ok(q));
        }

        #[test]
        fn filters_survive_a_round_trip(
            roi_min in proptest::option::of(0u32..1000),
            size in proptest::option::of(0usize..3),
            featured in any::<bool>(),
            first in any::<bool>(),
        ) {
            let mut q = GalleryQuery { limit: DEFAULT_LIMIT, ..GalleryQuery::default() };
            q.roi_min = roi_min.map(f64::from);
            q.company_size = size.map(|i| CompanySize::ALL[i]);
            q.featured_only = featured;
            q.featured_first = first;
            let pairs = q.filter_pairs();
            let reparsed = GalleryQuery::parse(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
            prop_assert_eq!(reparsed, q);
        }
    }

    #[test]
    fn a_lenient_parse_keeps_the_valid_filters_and_drops_an_inverted_roi_range() {
        let (query, errors) = GalleryQuery::parse_lenient([
            ("industry", "5510"),
            ("roi_min", "500"),
            ("roi_max", "100"),
            ("sort_by", "sideways"),
            ("company_size", "smb"),
        ]);
        assert_eq!(query.industry.as_deref(), Some("5510"));
        assert_eq!(query.company_size, Some(CompanySize::Smb));
        assert_eq!((query.roi_min, query.roi_max), (None, None));
        assert_eq!(query.sort_by, SortOrder::default());
        let labels: Vec<&str> = errors.iter().map(ParamError::label).collect();
        assert_eq!(labels, ["Sort order", "Minimum ROI"]);
        assert!(errors[1].message.contains("higher than the maximum"));
        assert!(GalleryQuery::parse([("roi_min", "500"), ("roi_max", "100")]).is_err());
    }
}
