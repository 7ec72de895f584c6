//! Markdown to sanitised HTML. Every text a user wrote passes through here before it reaches
//! a page; the result is safe to insert as HTML.

use ammonia::Builder;
use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

/// ammonia's allow-list, with the choices that matter spelled out (each has a test below):
/// links and images only over `http`, `https` and `mailto` (no `javascript:`, `data:` or
/// `vbscript:`, whatever their case or encoding); no `style` attribute, no `<svg>`, `<math>`,
/// `<form>`, `<input>`, `<iframe>` or `<object>` (none is on ammonia's default list of tags, and the
/// test proves they stay off it); no `target`, and every link gets `rel="noopener noreferrer
/// nofollow"`; `<script>` and `<style>` go with their content.
static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"));
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

    /// The scheme a browser reads in `url`, as the URL standard's scheme state does: letters
    /// first, then letters, digits, `+`, `-` and `.` up to a `:`. Anything else (such as
    /// `java%09script:`, which pulldown-cmark makes of a tab) is a relative URL.
    fn scheme(url: &str) -> Option<&str> {
        let (scheme, _) = url.trim_start().split_once(':')?;
        let mut chars = scheme.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        valid.then_some(scheme)
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)",
            "java&#x09;script:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
        ] {
            for markdown in [
                format!("[x]({url})"),
                format!("<a href=\"{url}\">x</a>"),
                format!("<img src=\"{url}\">"),
            ] {
                let html = render_block(&markdown).to_lowercase();
                for scheme in ["javascript", "data:", "vbscript", "&#"] {
                    assert!(
                        !html.contains(&format!("=\"{scheme}")),
                        "{markdown} gave {html}"
                    );
                }
                for attribute in ["href=\"", "src=\""] {
                    for value in html.split(attribute).skip(1) {
                        let value = &value[..value.find('"').unwrap_or(value.len())];
                        assert!(
                            scheme(value).is_none_or(|s| ["http", "https", "mailto"].contains(&s)),
                            "{markdown} gave {html}"
                        );
                    }
                }
            }
        }
        assert!(render_block("[ok](https://example.com)").contains("href=\"https://example.com\""));
        assert!(render_block("<mailto:a@example.com>").contains("href=\"mailto:a@example.com\""));
    }

    #[test]
    fn no_styles_embedded_documents_or_forms() {
        let html = render_block(
            "<p style=\"position:fixed\">s</p><svg onload=alert(1)><circle/></svg>\
             <math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>\
             <form action=\"https://evil\"><input name=q><button>go</button></form>\
             <iframe srcdoc=\"<script>alert(1)</script>\"></iframe><object data=x></object>\
             <a href=\"https://e.com\" target=\"_blank\">t</a><style>p{}</style>",
        );
        for banned in [
            "style", "<svg", "onload", "<math", "xlink", "<form", "<input", "<button", "<iframe",
            "srcdoc", "<object", "target",
        ] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }
}
