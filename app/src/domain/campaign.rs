//! The campaign of a visit: the `utm_*` parameters of the address a visitor
//! arrived by, which a landing page's lead form carries into the lead.

/// The campaign parameters kept, in the order forms carry them.
pub const UTM_KEYS: [&str; 3] = ["utm_source", "utm_medium", "utm_campaign"];
/// The longest campaign value kept (the lead form refuses longer ones).
pub const UTM_MAX_CHARS: usize = 200;

/// The campaign parameters among a query's pairs: known keys only, the
/// first of each, non-empty, cut to [`UTM_MAX_CHARS`] characters.
pub fn campaign_from_query(pairs: &[(String, String)]) -> Vec<(String, String)> {
    UTM_KEYS
        .iter()
        .filter_map(|key| {
            let value = pairs.iter().find(|(k, _)| k == key)?.1.trim();
            (!value.is_empty())
                .then(|| (key.to_string(), value.chars().take(UTM_MAX_CHARS).collect()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_known_non_empty_parameters_are_kept_once_and_bounded() {
        let long = "x".repeat(500);
        let found = campaign_from_query(&pairs(&[
            ("utm_campaign", "winter"),
            ("utm_campaign", "second"),
            ("utm_source", "  "),
            ("ref", "other"),
            ("utm_medium", &long),
        ]));
        assert_eq!(
            found[0],
            ("utm_medium".to_string(), "x".repeat(UTM_MAX_CHARS))
        );
        assert_eq!(found[1], ("utm_campaign".to_string(), "winter".to_string()));
        assert_eq!(found.len(), 2);
    }
}
