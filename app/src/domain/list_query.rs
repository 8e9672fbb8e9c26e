//! A back-office list's URL: search text, one filter and a page number. A bad
//! value is reported and left out; the rest apply. Case studies, consultant
//! profiles and users each name their filter and their address.

use super::gallery_query::ParamError;
use super::search_text::SearchText;
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PAGE_SIZE: i64 = 25;

/// The one filter a list offers (a status, a role …), as it appears in the URL.
pub trait ListFilter: Sized + Copy + Eq + 'static {
    /// The list's own address, e.g. `/admin/users`.
    const PATH: &'static str;
    /// The URL parameter the filter travels in.
    const PARAMETER: &'static str;
    /// Every choice, in the order the select offers them.
    const ALL: &'static [Self];
    /// Said when the parameter holds something else.
    const UNKNOWN: &'static str;
    fn as_str(self) -> &'static str;
    /// The select's label for this choice.
    fn label(self) -> &'static str;
    fn from_param(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery<F> {
    pub search: Option<SearchText>,
    pub filter: Option<F>,
    /// 1-based.
    pub page: i64,
}

impl<F> Default for ListQuery<F> {
    fn default() -> Self {
        ListQuery {
            search: None,
            filter: None,
            page: 1,
        }
    }
}

impl<F: ListFilter> ListQuery<F> {
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (ListQuery<F>, Vec<ParamError>) {
        let mut query = ListQuery::default();
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
            if key == "q" {
                match SearchText::parse(value) {
                    Ok(search) => query.search = Some(search),
                    Err(message) => bad("q", &message),
                }
            } else if key == F::PARAMETER {
                match F::from_param(value) {
                    Some(filter) => query.filter = Some(filter),
                    None => bad(F::PARAMETER, F::UNKNOWN),
                }
            } else if key == "page" {
                match value.parse::<i64>() {
                    Ok(page) if (1..=100_000).contains(&page) => query.page = page,
                    _ => bad("page", "Pages are numbered from 1."),
                }
            }
        }
        (query, errors)
    }

    /// The three parameters as strings, as a server function takes them.
    pub fn from_strings(q: &str, filter: &str, page: &str) -> (ListQuery<F>, Vec<ParamError>) {
        Self::parse([("q", q), (F::PARAMETER, filter), ("page", page)])
    }

    pub fn offset(&self) -> i64 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }

    pub fn search_str(&self) -> &str {
        self.search.as_ref().map_or("", SearchText::as_str)
    }

    /// The `LIKE` pattern for the search, or "" for none.
    pub fn like_pattern(&self) -> String {
        self.search
            .as_ref()
            .map(SearchText::like_pattern)
            .unwrap_or_default()
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
        if let Some(filter) = self.filter {
            parts.push(format!("{}={}", F::PARAMETER, filter.as_str()));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            F::PATH.to_string()
        } else {
            format!("{}?{}", F::PATH, parts.join("&"))
        }
    }
}

/// How many pages `total` rows fill (at least one).
pub fn page_count(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

/// "No users match." / "1 user" / "12 users".
pub fn count_words(total: i64, nobody: &str, one: &str, many: &str) -> String {
    match total {
        0 => nobody.to_string(),
        n => super::plural::plural(n, one, many),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Colour {
        Red,
        Blue,
    }

    impl ListFilter for Colour {
        const PATH: &'static str = "/admin/colours";
        const PARAMETER: &'static str = "colour";
        const ALL: &'static [Self] = &[Colour::Red, Colour::Blue];
        const UNKNOWN: &'static str = "Show red, blue or all.";
        fn as_str(self) -> &'static str {
            match self {
                Colour::Red => "red",
                Colour::Blue => "blue",
            }
        }
        fn label(self) -> &'static str {
            self.as_str()
        }
    }

    #[test]
    fn keeps_the_good_parameters_and_names_the_bad() {
        let (query, errors) =
            ListQuery::<Colour>::parse([("q", " Cinema "), ("colour", "sideways"), ("page", "2")]);
        assert_eq!(query.search_str(), "cinema");
        assert_eq!(query.filter, None);
        assert_eq!(query.page, 2);
        assert_eq!(query.offset(), PAGE_SIZE);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].parameter, "colour");
        assert_eq!(errors[0].message, "Show red, blue or all.");
        assert_eq!(query.href(3), "/admin/colours?q=cinema&page=3");
        assert_eq!(ListQuery::<Colour>::parse([]).0.href(1), "/admin/colours");
    }

    #[test]
    fn the_filter_travels_in_its_own_parameter() {
        let (query, errors) = ListQuery::<Colour>::from_strings("", "blue", "0");
        assert_eq!(query.filter, Some(Colour::Blue));
        assert_eq!(query.page, 1, "a bad page falls back to the first");
        assert_eq!(errors[0].parameter, "page");
        assert_eq!(query.href(2), "/admin/colours?colour=blue&page=2");
        assert_eq!(query.like_pattern(), "");
    }

    #[test]
    fn pages_round_up() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(25), 1);
        assert_eq!(page_count(26), 2);
    }

    #[test]
    fn counts_in_words() {
        assert_eq!(count_words(0, "None.", "user", "users"), "None.");
        assert_eq!(count_words(1, "None.", "user", "users"), "1 user");
        assert_eq!(count_words(7, "None.", "user", "users"), "7 users");
    }
}
