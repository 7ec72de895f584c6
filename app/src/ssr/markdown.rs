//! Markdown to sanitised HTML. Every text a user wrote passes through here before it reaches
//! a page; the result is safe to insert as HTML.

use ammonia::Builder;
use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder.link_rel(Some("noopener noreferrer nofollow"));
    builder
});

fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    SANITIZER.clean(&unsafe_html).to_string()
}

/// A block of markdown (paragraphs, lists, tables, code) as sanitised HTML.
pub fn render_block(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    to_html(markdown)
}

/// One line of markdown (a list item) as sanitised inline HTML, without the paragraph.
pub fn render_inline(markdown: &str) -> String {
    let html = to_html(markdown);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders() {
        assert_eq!(
            render_block("Use **Go**."),
            "<p>Use <strong>Go</strong>.</p>\n"
        );
        assert_eq!(
            render_inline("`p99` under *5 ms*"),
            "<code>p99</code> under <em>5 ms</em>"
        );
        assert!(render_block("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table>"));
        assert_eq!(render_block("  "), "");
    }

    #[test]
    fn dangerous_html_is_removed() {
        let html = render_block(
            "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href=\"https://e.com\" onclick=\"x()\">e</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
        let link = render_block("A [link](javascript:alert(1)) here.");
        assert!(!link.contains("href=\"javascript"), "{link}");
    }
}
