//! The back office's case-study list: search, a status filter and pages,
//! read from the URL. A bad value is reported and left out; the rest apply.

use super::gallery_query::ParamError;
use super::search_text::SearchText;
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PAGE_SIZE: i64 = 25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishState {
    Published,
    Draft,
}

impl PublishState {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishState::Published => "published",
            PublishState::Draft => "draft",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseStudyListQuery {
    /// Part of a title or industry.
    pub search: Option<SearchText>,
    pub state: Option<PublishState>,
    /// 1-based.
    pub page: i64,
}

impl CaseStudyListQuery {
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (CaseStudyListQuery, Vec<ParamError>) {
        let mut query = CaseStudyListQuery {
            page: 1,
            ..CaseStudyListQuery::default()
        };
        let mut errors = Vec::new();
        let mut bad = |parameter: &str, message: &str| {
            errors.push(ParamError {
                parameter: parameter.to_string(),
                message: message.to_string(),
            })
        };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "q" => match SearchText::parse(value) {
                    Ok(search) => query.search = Some(search),
                    Err(message) => bad("q", &message),
                },
                "status" => match value {
                    "published" => query.state = Some(PublishState::Published),
                    "draft" => query.state = Some(PublishState::Draft),
                    _ => bad("status", "Show published, drafts or all."),
                },
                "page" => match value.parse::<i64>() {
                    Ok(page) if (1..=100_000).contains(&page) => query.page = page,
                    _ => bad("page", "Pages are numbered from 1."),
                },
                _ => {}
            }
        }
        (query, errors)
    }

    pub fn offset(&self) -> i64 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }

    /// This list's address on another page.
    pub fn href(&self, page: i64) -> String {
        let mut parts = Vec::new();
        if let Some(search) = &self.search {
            parts.push(format!(
                "q={}",
                super::lead_form::percent_encode(search.as_str())
            ));
        }
        if let Some(state) = self.state {
            parts.push(format!("status={}", state.as_str()));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/admin/case-studies".to_string()
        } else {
            format!("/admin/case-studies?{}", parts.join("&"))
        }
    }
}

/// How many pages `total` rows fill (at least one).
pub fn page_count(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_good_parameters_and_names_the_bad() {
        let (query, errors) =
            CaseStudyListQuery::parse([("q", " Cinema "), ("status", "sideways"), ("page", "2")]);
        assert_eq!(
            query.search.as_ref().map(SearchText::as_str),
            Some("cinema")
        );
        assert_eq!(query.state, None);
        assert_eq!(query.page, 2);
        assert_eq!(query.offset(), PAGE_SIZE);
        assert_eq!(errors[0].parameter, "status");
        assert_eq!(query.href(3), "/admin/case-studies?q=cinema&page=3");
        assert_eq!(
            CaseStudyListQuery::parse([]).0.href(1),
            "/admin/case-studies"
        );
    }

    #[test]
    fn pages_round_up() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(25), 1);
        assert_eq!(page_count(26), 2);
    }
}
