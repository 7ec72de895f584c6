//! The security headers of every response, added on its way out (the policies themselves are
//! in `app::ssr::security_headers`).
//!
//! The middleware makes the response's CSP nonce before the page renders (the shell hands it
//! to Leptos from the request's extensions), so it can always write the page policy that
//! names it: a header set only through leptos_axum's `ResponseOptions` was seen to go
//! missing under load, which blocked Leptos' own inline scripts. A page re-rendered for a
//! refused form post carries the policy its shell set, with leptos_axum's nonce.

use app::ssr::security_headers::{ALWAYS, OTHER_POLICY, page_policy};
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;

/// The `from_fn` middleware: a nonce for the page, then the headers on the response.
pub async fn add_headers(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = if is_html {
            HeaderValue::from_str(&page_policy(Some(&nonce.to_string())))
                .unwrap_or(HeaderValue::from_static(OTHER_POLICY))
        } else {
            HeaderValue::from_static(OTHER_POLICY)
        };
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    for (name, value) in ALWAYS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}
