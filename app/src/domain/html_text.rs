//! Escaping user-editable text for the places in a page that a templating
//! layer does not escape for us: the document `<title>` (leptos_meta writes
//! it verbatim) and JSON inside a `<script>` element (JSON-LD).
//!
//! A consultant's name or a case-study title reaches both, so a value such as
//! `</title><script>…` must stay text wherever it lands.

/// Escapes text for an HTML text node (`&`, `<`, `>`) and, to be safe in
/// attribute values too, both quotes.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON text made safe to place inside a `<script>` element: `<`, `>` and `&`
/// become `\u003c`, `\u003e`, `\u0026`, which every JSON parser reads back as
/// the same characters, so the data can neither close the element
/// (`</script>`) nor open a comment (`<!--`) that changes how the HTML parser
/// reads the rest of the script.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line and paragraph separators end a line in older JavaScript
            // parsers; harmless in JSON, escaped for the odd consumer.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_in_a_title_stays_text() {
        assert_eq!(
            escape_text("</title><script>alert('x')</script> & \"co\""),
            "&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"
        );
    }

    #[test]
    fn json_in_a_script_cannot_close_it_or_open_a_comment() {
        let json = r#"{"name":"</script><!--<script>a&b"}"#;
        let safe = json_for_script(json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><!--<script>a&b");
    }

    proptest! {
        #[test]
        fn escaped_text_has_no_markup_characters(text in ".*") {
            let escaped = escape_text(&text);
            prop_assert!(!escaped.contains('<') && !escaped.contains('>'));
            prop_assert!(!escaped.contains('"') && !escaped.contains('\''));
        }

        #[test]
        fn json_for_script_reads_back_as_the_same_value(text in ".*") {
            let json = serde_json::to_string(&serde_json::json!({ "v": text })).unwrap();
            let safe = json_for_script(&json);
            prop_assert!(!safe.contains('<'));
            let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
            prop_assert_eq!(back["v"].as_str().unwrap(), text.as_str());
        }
    }
}
