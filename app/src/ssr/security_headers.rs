//! The security headers of every response, in one place: the Content-Security-Policy of pages
//! (which allows only scripts carrying the response's nonce, and the site's own files) and
//! the stricter one of everything else (JSON, raw evidence, static files, errors).
//!
//! The server's middleware makes each request's nonce, which the shell hands to Leptos; the
//! shell sets the page's policy, and the middleware writes it for an HTML response that has
//! none, [`OTHER_POLICY`] for any other, and the headers in [`ALWAYS`] for all.

/// The policy of a rendered page. Inline script runs only with `nonce` (the hydration
/// scripts carry it); scripts load only from the site itself; the islands' wasm needs
/// `wasm-unsafe-eval`. Images may come from anywhere over HTTPS, since ADR markdown links
/// diagrams kept elsewhere; nothing else may.
pub fn page_policy(nonce: Option<&str>) -> String {
    let script = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; {script}; style-src 'self'; img-src 'self' https: data:; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of every response that is not a page: nothing in it may run or load anything,
/// so a raw file or a JSON body opened in a tab stays inert.
pub const OTHER_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Headers that every response carries, whatever made it.
pub const ALWAYS: [(&str, &str); 3] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_allow_inline_script_only_with_the_nonce() {
        let policy = page_policy(Some("abc123"));
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        for directive in [
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{policy} lacks {directive}");
        }
        assert!(!page_policy(None).contains("nonce"));
    }
}
