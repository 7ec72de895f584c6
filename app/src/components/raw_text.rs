//! User text for the two places where Leptos 0.8 writes it into HTML unescaped: the
//! content of `<textarea>` and the page's `<title>`.
//!
//! tachys 0.2 declares `textarea` with unescaped children, as it does for `<script>` and
//! `<style>` (`src/html/element/elements.rs`, the `false` after `textarea`'s attribute list;
//! see <https://github.com/leptos-rs/leptos/blob/main/tachys/src/html/element/elements.rs>
//! and leptos PR #3079), so a stored `</textarea><script>...` would end the element and run.
//! Every textarea in Tradeoff takes its content from [`textarea_text`]; a test reads the
//! source tree and fails on any textarea that does not.
//!
//! leptos_meta 0.8.7 writes the text of `<Title>` into the head as it is (see
//! [`title_text`]); pages set their title only through `pages::PageTitle`, which escapes it
//! with [`title_text`], and the same test fails on any other use of `leptos_meta::Title`.

/// The content to put between `<textarea>` and `</textarea>` so that the browser shows
/// `text` exactly.
///
/// A textarea's content is raw text in HTML: only `</textarea` ends it and only character
/// references are decoded, so escaping `&` and `<` is enough. The HTML parser also drops one
/// line feed right after the start tag and turns a carriage return into a line feed, so a
/// leading line feed is doubled and a carriage return is written as a reference.
///
/// In the browser build the text is returned as it is: hydration finds the text node the
/// server's HTML produced (which holds exactly `text`) and keeps it, and text set from the
/// browser goes through the DOM, which never parses it as HTML.
pub fn textarea_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape(text)
    } else {
        text.to_owned()
    }
}

/// The text to hand to `leptos_meta`'s `<Title>` so that the tab shows `text` exactly.
///
/// `ServerMetaContextOutput::inject_meta_context` in leptos_meta 0.8.7 (and 0.9.0-rc1)
/// pushes the title into the head unescaped (`buf.push_str(&title)`,
/// <https://github.com/leptos-rs/leptos/blob/main/meta/src/lib.rs>), so a title holding
/// `</title><script>` would run for every reader. Escaping before it gets there is safe
/// because Tradeoff's pages are never hydrated (islands mode): the browser never sets
/// `document.title` from this text. Should a later leptos_meta escape the title itself, the
/// tab would show `&lt;`; the browser test that compares `document.title` with the stored
/// title catches that.
pub fn title_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 1);
    if text.starts_with('\n') {
        out.push('\n');
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_cannot_end_the_textarea() {
        assert_eq!(
            escape("</textarea><script>window.__xss=5</script>"),
            "&lt;/textarea>&lt;script>window.__xss=5&lt;/script>"
        );
        assert_eq!(escape("a &amp; b"), "a &amp;amp; b");
        assert_eq!(escape("plain text"), "plain text");
    }

    #[test]
    fn markup_cannot_end_the_title() {
        assert_eq!(
            title_text("x</title><script>window.pwned=1</script> & co"),
            "x&lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; co"
        );
    }

    #[test]
    fn line_breaks_survive_the_parser() {
        assert_eq!(escape("\nsecond line"), "\n\nsecond line");
        assert_eq!(escape("a\r\nb"), "a&#13;\nb");
        assert_eq!(escape(""), "");
    }

    /// Every `<textarea>` in the code takes its content from [`textarea_text`], and only
    /// `pages::PageTitle` uses `leptos_meta`'s `Title`, so neither can be filled with raw
    /// user text by mistake.
    #[test]
    fn no_textarea_or_title_bypasses_the_helpers() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut textareas = 0;
        let mut offenders = Vec::new();
        for file in rust_files(&src) {
            let code = std::fs::read_to_string(&file).expect("source files are readable");
            if file.ends_with("components/raw_text.rs") {
                continue;
            }
            let imports_title = code.lines().any(|line| {
                line.trim_start().starts_with("use leptos_meta::")
                    && line
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|word| word == "Title")
            });
            if (imports_title || code.contains("leptos_meta::Title"))
                && !file.ends_with("src/pages.rs")
            {
                offenders.push(format!(
                    "{}: uses leptos_meta's Title instead of pages::PageTitle",
                    file.display()
                ));
            }
            let mut rest = code.as_str();
            while let Some(start) = rest.find("<textarea") {
                let tag = &rest[start..];
                let Some(open_end) = tag.find('>') else {
                    offenders.push(format!("{}: unclosed <textarea", file.display()));
                    break;
                };
                let Some(close) = tag.find("</textarea>") else {
                    offenders.push(format!("{}: <textarea without </textarea>", file.display()));
                    break;
                };
                let content = tag[open_end + 1..close].trim();
                textareas += 1;
                let through_helper = content.starts_with("{textarea_text(")
                    && content.ends_with(")}")
                    && content.matches('{').count() == 1;
                if !content.is_empty() && !through_helper {
                    offenders.push(format!(
                        "{}: <textarea>{content}</textarea>",
                        file.display()
                    ));
                }
                rest = &tag[close + "</textarea>".len()..];
            }
        }
        assert!(textareas >= 5, "the scan found only {textareas} textareas");
        assert!(
            offenders.is_empty(),
            "raw user text can reach a textarea or the title: {offenders:#?}"
        );
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
            let path = entry.expect("entries are readable").path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }
}
