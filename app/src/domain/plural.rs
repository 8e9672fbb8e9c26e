//! Counted nouns in plain English: "1 minute", "3 minutes", never "minute(s)".

pub fn plural(count: i64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(plural(1, "minute", "minutes"), "1 minute");
        assert_eq!(plural(0, "lead", "leads"), "0 leads");
        assert_eq!(plural(12, "open lead", "open leads"), "12 open leads");
    }
}
