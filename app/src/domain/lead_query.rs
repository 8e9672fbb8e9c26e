//! The lead workspace's filters and sorting, parsed from query parameters
//! (the list page and its CSV export share them). Bad values are reported per
//! parameter rather than silently ignored.

use super::gallery_query::ParamError;
use super::lead_fields::{LeadSource, LeadStatus, Tier};
use super::search_text::SearchText;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadSort {
    /// Newest first (the default).
    #[default]
    Newest,
    Oldest,
    /// Highest score first.
    Score,
}

impl LeadSort {
    pub const ALL: [LeadSort; 3] = [LeadSort::Newest, LeadSort::Oldest, LeadSort::Score];

    pub fn as_str(self) -> &'static str {
        match self {
            LeadSort::Newest => "newest",
            LeadSort::Oldest => "oldest",
            LeadSort::Score => "score",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LeadSort::Newest => "Newest first",
            LeadSort::Oldest => "Oldest first",
            LeadSort::Score => "Highest score",
        }
    }
}

/// A validated lead-list request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LeadQuery {
    pub tier: Option<Tier>,
    pub status: Option<LeadStatus>,
    pub source: Option<LeadSource>,
    /// SIC code.
    pub industry: Option<String>,
    /// Only leads assigned to the viewer (consultants always see only theirs).
    pub mine: bool,
    /// Part of a name, email or company.
    pub search: Option<SearchText>,
    pub sort: LeadSort,
}

impl LeadQuery {
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<LeadQuery, Vec<ParamError>> {
        let mut query = LeadQuery::default();
        let mut errors = Vec::new();
        let mut bad = |parameter: &str, message: String| {
            errors.push(ParamError {
                parameter: parameter.to_string(),
                message,
            })
        };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "tier" => match Tier::parse(value) {
                    Some(t) => query.tier = Some(t),
                    None => bad(
                        "tier",
                        format!("Unknown tier '{value}'; use Tier_1, Tier_2 or Tier_3."),
                    ),
                },
                "status" => match LeadStatus::parse(value) {
                    Some(s) => query.status = Some(s),
                    None => bad("status", format!("Unknown status '{value}'.")),
                },
                "source" => match LeadSource::parse(value) {
                    Some(s) => query.source = Some(s),
                    None => bad("source", format!("Unknown source '{value}'.")),
                },
                "industry" => {
                    if value.len() <= 10 && value.chars().all(|c| c.is_ascii_digit()) {
                        query.industry = Some(value.to_string());
                    } else {
                        bad(
                            "industry",
                            "Use the industry's SIC code, e.g. 5914.".to_string(),
                        );
                    }
                }
                "q" => match SearchText::parse(value) {
                    Ok(search) => query.search = Some(search),
                    Err(message) => bad("q", message),
                },
                "mine" => match value {
                    "true" | "on" | "1" => query.mine = true,
                    "false" | "0" => query.mine = false,
                    _ => bad("mine", "Use true or false.".to_string()),
                },
                "sort" => match LeadSort::ALL.into_iter().find(|s| s.as_str() == value) {
                    Some(s) => query.sort = s,
                    None => bad("sort", "Sort by newest, oldest or score.".to_string()),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// The query as URL parameters (for links that keep the filters, e.g. the CSV export).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.tier {
            parts.push(format!("tier={}", t.as_str()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(s) = self.source {
            parts.push(format!("source={}", s.as_str()));
        }
        if let Some(i) = &self.industry {
            parts.push(format!("industry={i}"));
        }
        if self.mine {
            parts.push("mine=true".to_string());
        }
        if let Some(search) = &self.search {
            parts.push(format!(
                "q={}",
                super::lead_form::percent_encode(search.as_str())
            ));
        }
        if self.sort != LeadSort::Newest {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_filters_and_round_trips_through_the_url() {
        let q = LeadQuery::parse([
            ("tier", "Tier_1"),
            ("status", "contacted"),
            ("source", "roi_calculator"),
            ("industry", "5914"),
            ("mine", "true"),
            ("sort", "score"),
            ("page", "ignored"),
        ])
        .unwrap();
        assert_eq!(q.tier, Some(Tier::Tier1));
        assert!(q.mine);
        let pairs: Vec<(String, String)> = q
            .to_query_string()
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect();
        let again = LeadQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        assert_eq!(again, q);
    }

    #[test]
    fn names_every_bad_parameter() {
        let errors =
            LeadQuery::parse([("tier", "gold"), ("sort", "random"), ("industry", "x;drop")])
                .unwrap_err();
        let names: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
        assert_eq!(names, ["tier", "sort", "industry"]);
    }

    #[test]
    fn search_text_is_trimmed_lowered_bounded_and_taken_literally_in_like() {
        let q = LeadQuery::parse([("q", "  Ada_50% ")]).unwrap();
        let search = q.search.clone().unwrap();
        assert_eq!(search.as_str(), "ada_50%");
        assert_eq!(search.like_pattern(), "%ada\\_50\\%%");
        assert_eq!(q.to_query_string(), "q=ada_50%25");
        let long = "x".repeat(101);
        let errors = LeadQuery::parse([("q", long.as_str())]).unwrap_err();
        assert_eq!(errors[0].parameter, "q");
        assert!(LeadQuery::parse([("q", "   ")]).unwrap().search.is_none());
    }
}
