//! What staff type into a list's search box, checked once and used in SQL
//! `LIKE` patterns safely.

use serde::{Deserialize, Serialize};

/// Search text for a back-office list: trimmed, lower-case, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchText(String);

impl SearchText {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(text: &str) -> Result<SearchText, String> {
        let text = text.trim();
        match text.chars().count() {
            0 => Err("Type part of a name, email or company.".to_string()),
            n if n > Self::MAX_CHARS => Err(format!(
                "Search for at most {} characters.",
                Self::MAX_CHARS
            )),
            _ => Ok(SearchText(text.to_lowercase())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A SQL `LIKE … ESCAPE '\'` pattern matching the text anywhere, with
    /// the text's own `%`, `_` and `\` taken literally.
    pub fn like_pattern(&self) -> String {
        let mut pattern = String::from("%");
        for c in self.0.chars() {
            if matches!(c, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
        pattern
    }
}

#[cfg(test)]
mod tests {
    use super::SearchText;

    #[test]
    fn wildcards_are_taken_literally() {
        let search = SearchText::parse(" 50%_Off\\ ").unwrap();
        assert_eq!(search.as_str(), "50%_off\\");
        assert_eq!(search.like_pattern(), "%50\\%\\_off\\\\%");
        assert!(SearchText::parse("  ").is_err());
        assert!(SearchText::parse(&"x".repeat(101)).is_err());
    }
}
