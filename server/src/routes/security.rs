//! Adds the security headers to every response on its way out: pages carry the policy the
//! shell set with its nonce, everything else gets the strict one (see
//! `app::ssr::security_headers`).

use app::ssr::security_headers::{ALWAYS, OTHER_POLICY, page_policy};
use axum::extract::Request;
use axum::http::Response;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use leptos::nonce::Nonce;

/// Makes the response's CSP nonce before the page renders (the shell hands it to Leptos from
/// the request's extensions), and gives an HTML response that came back without a policy the
/// page policy naming that nonce. A header set only through leptos_axum's `ResponseOptions`
/// was seen to go missing under load, which blocked Leptos' own inline scripts; with the
/// nonce made here, the policy can always be written here.
pub async fn page_nonce(mut request: Request, next: Next) -> axum::response::Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html
        && !response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(value) = HeaderValue::from_str(&page_policy(Some(&nonce.to_string())))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// The `map_response` middleware, for any body (it sits outside the compression layer).
pub async fn add_headers<B>(mut response: Response<B>) -> Response<B> {
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(OTHER_POLICY));
    for (name, value) in ALWAYS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}
