//! The classes, ids and element names in a rendered page, read in one pass
//! over its bytes. The page is our own markup (Leptos' output), so this is
//! a scan for start tags and their `class` and `id` attributes, not an HTML
//! parser: what it misreads (a `<` in a script is skipped with the script)
//! can only add names, which keeps more rules, never fewer.

use super::stylesheet::PageTokens;

impl<'h> PageTokens<'h> {
    pub fn scan(html: &'h str) -> PageTokens<'h> {
        let bytes = html.as_bytes();
        let mut tokens = PageTokens::default();
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
            let name_start = at + found + 1;
            if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                at = name_start;
                continue;
            }
            let name_end = name_start
                + bytes[name_start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                    .count();
            let name = &html[name_start..name_end];
            tokens.tags.insert(name);
            at = tokens.read_attributes(html, name_end);
            if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
                // Their text is not markup.
                at = end_of_raw_text(bytes, at, name);
            }
        }
        tokens
    }

    /// Reads a start tag's attributes from `at` (just after its name);
    /// returns where the tag ends.
    fn read_attributes(&mut self, html: &'h str, mut at: usize) -> usize {
        let bytes = html.as_bytes();
        let len = bytes.len();
        loop {
            while at < len && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            if at >= len {
                return len;
            }
            if bytes[at] == b'>' {
                return at + 1;
            }
            let name_start = at;
            while at < len
                && !matches!(bytes[at], b'=' | b'>' | b'/')
                && !bytes[at].is_ascii_whitespace()
            {
                at += 1;
            }
            if at == name_start {
                // A stray `=`.
                at += 1;
                continue;
            }
            let name = &html[name_start..at];
            let mut next = at;
            while next < len && bytes[next].is_ascii_whitespace() {
                next += 1;
            }
            if next >= len || bytes[next] != b'=' {
                continue;
            }
            next += 1;
            while next < len && bytes[next].is_ascii_whitespace() {
                next += 1;
            }
            let (value, end) = match bytes.get(next) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = next + 1;
                    let end = memchr::memchr(quote, &bytes[start..]).map_or(len, |e| start + e);
                    (&html[start..end], (end + 1).min(len))
                }
                _ => {
                    let start = next;
                    let mut end = start;
                    while end < len && !bytes[end].is_ascii_whitespace() && bytes[end] != b'>' {
                        end += 1;
                    }
                    (&html[start..end], end)
                }
            };
            if name.eq_ignore_ascii_case("class") {
                self.classes.extend(value.split_ascii_whitespace());
            } else if name.eq_ignore_ascii_case("id") {
                self.ids.insert(value);
            }
            at = end;
        }
    }
}

/// Where the tag closing a script or style that starts at `from` begins
/// (`</script`), or the end of the page.
fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"</") {
        let close = at + found;
        let after = &bytes[close + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return close;
        }
        at = close + 2;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<'a>(set: &rustc_hash::FxHashSet<&'a str>) -> Vec<&'a str> {
        let mut v: Vec<_> = set.iter().copied().collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn reads_classes_ids_and_element_names() {
        let html = r#"<!DOCTYPE html><html lang="en"><head><!--x--><!></head><body class="site"><main id=main class='page  page--wide'><a href="/a>b" class="card__link" data-x=1>x</a><img src=x alt="" hidden><leptos-island class="lead"></leptos-island></main></body></html><template id="1-f"><ul class="stats"></ul></template>"#;
        let tokens = PageTokens::scan(html);
        assert_eq!(
            sorted(&tokens.classes),
            ["card__link", "lead", "page", "page--wide", "site", "stats"]
        );
        assert_eq!(sorted(&tokens.ids), ["1-f", "main"]);
        assert_eq!(
            sorted(&tokens.tags),
            [
                "a",
                "body",
                "head",
                "html",
                "img",
                "leptos-island",
                "main",
                "template",
                "ul"
            ]
        );
    }

    #[test]
    fn script_and_style_text_is_not_read_as_markup() {
        let html = r#"<head><script>if(a<b){x='<p class="in-script">'}</script><style>.a</b{}</style></head><p class="after">"#;
        let tokens = PageTokens::scan(html);
        assert_eq!(sorted(&tokens.classes), ["after"]);
        assert_eq!(sorted(&tokens.tags), ["head", "p", "script", "style"]);
    }

    #[test]
    fn an_unfinished_page_ends_the_scan_without_panicking() {
        for html in [
            "<",
            "<a",
            "<a class",
            "<a class=",
            "<a class=\"x",
            "<script>x",
            "<script>x</",
            "<p id='y",
        ] {
            let _ = PageTokens::scan(html);
        }
        let tokens = PageTokens::scan("<p class=\"x");
        assert_eq!(sorted(&tokens.classes), ["x"]);
    }
}
