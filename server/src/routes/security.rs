//! Adds the security headers to every response on its way out: pages carry the policy the
//! shell set with its nonce, everything else gets the strict one (see
//! `app::ssr::security_headers`).

use app::ssr::security_headers::{ALWAYS, OTHER_POLICY};
use axum::http::Response;
use axum::http::{HeaderName, HeaderValue, header};

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
