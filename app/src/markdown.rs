//! Markdown from the back office, rendered to HTML that is safe to embed:
//! pulldown-cmark renders, ammonia removes anything executable (scripts,
//! event handlers, `javascript:` links, styles) from the result.

/// Renders Markdown to sanitised HTML.
#[cfg(feature = "ssr")]
pub fn to_safe_html(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

/// Pages that render Markdown are server-only components; in the browser
/// build this is never called, so it renders nothing rather than pulling the
/// Markdown and sanitiser crates into the WASM.
#[cfg(not(feature = "ssr"))]
pub fn to_safe_html(_markdown: &str) -> String {
    String::new()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::to_safe_html;

    #[test]
    fn renders_ordinary_markdown() {
        let html = to_safe_html("**Bold** and a [link](https://example.com)\n\n- one\n- two");
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains(r#"href="https://example.com""#));
        assert!(html.contains("noopener"));
    }

    #[test]
    fn removes_every_way_of_running_script() {
        let hostile = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<svg onload=alert(1)>",
            "<object data=\"evil.swf\"></object>",
        ];
        for input in hostile {
            let html = to_safe_html(input).to_lowercase();
            for marker in [
                "<script",
                "onerror",
                "javascript:",
                "<iframe",
                "onload",
                "style=",
                "<object",
            ] {
                assert!(!html.contains(marker), "{input:?} rendered as {html:?}");
            }
        }
    }
}
