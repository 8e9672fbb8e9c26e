//! A short list of free-text tags (a consultant's specialisations), kept as
//! comma-separated text on the wire so a form works without JavaScript, and
//! edited as chips in the browser.

/// The most tags a list holds, and the longest tag.
pub const MAX_TAGS: usize = 12;
pub const MAX_TAG_CHARS: usize = 60;

/// The tags in comma-separated text, trimmed, empty ones dropped.
pub fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text a list of tags travels as.
pub fn join(tags: &[String]) -> String {
    tags.join(", ")
}

/// Adds what was typed (one tag, or several separated by commas) to `tags`.
/// A tag already there (in any case) is not added twice; a tag too long, or
/// one past the limit, is refused with a message and nothing is added.
pub fn add(tags: &mut Vec<String>, typed: &str) -> Result<(), String> {
    let mut next = tags.clone();
    for tag in split(typed) {
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!(
                "\"{tag}\" is too long: at most {MAX_TAG_CHARS} characters."
            ));
        }
        if next.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            continue;
        }
        if next.len() == MAX_TAGS {
            return Err(format!("At most {MAX_TAGS}; remove one first."));
        }
        next.push(tag);
    }
    *tags = next;
    Ok(())
}

/// Whether a stored or posted list keeps the limits.
pub fn check(tags: &[String]) -> Result<(), String> {
    if tags.len() > MAX_TAGS || tags.iter().any(|s| s.chars().count() > MAX_TAG_CHARS) {
        return Err(format!(
            "At most {MAX_TAGS} specialisations of up to {MAX_TAG_CHARS} characters each."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn adding_skips_repeats_and_keeps_the_limits() {
        let mut tags = split("Pricing, Geo experiments ,");
        assert_eq!(tags, ["Pricing", "Geo experiments"]);
        add(&mut tags, "pricing, CRO").unwrap();
        assert_eq!(tags, ["Pricing", "Geo experiments", "CRO"]);
        assert!(add(&mut tags, &"x".repeat(61))
            .unwrap_err()
            .contains("too long"));
        let mut full: Vec<String> = (0..MAX_TAGS).map(|i| format!("t{i}")).collect();
        assert!(add(&mut full, "one more").is_err());
        assert_eq!(full.len(), MAX_TAGS, "nothing added on refusal");
        assert!(add(&mut full, "T3").is_ok(), "a repeat is not one more");
    }

    proptest! {
        /// Whatever is typed, the list stays within limits and survives the
        /// trip through its comma-separated text.
        #[test]
        fn added_tags_stay_valid_and_round_trip(typed in proptest::collection::vec("[a-zA-Z ,]{0,70}", 0..20)) {
            let mut tags = Vec::new();
            for text in &typed {
                let _ = add(&mut tags, text);
            }
            prop_assert!(check(&tags).is_ok());
            prop_assert_eq!(split(&join(&tags)), tags);
        }
    }
}
