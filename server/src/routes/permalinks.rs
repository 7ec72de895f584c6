//! Permalinks below an ADR: any spelling of the number in `/adr/{key}/...` redirects (308)
//! to `/adr/7/...`. The ADR page itself (`/adr/{key}`) redirects to `/adr/7-current-slug`
//! once it has loaded the title, so a page view costs no extra query.

use app::model::adr_key;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Where a page path should live, if it names an ADR: `(number, rest)` for `/adr/{key}{rest}`.
fn adr_page_path(path: &str) -> Option<(i64, &str)> {
    let rest = path.strip_prefix("/adr/")?;
    let (segment, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if segment == "new" {
        return None;
    }
    adr_key::parse(segment).map(|n| (n, tail))
}

/// Redirects GET and HEAD requests for non-canonical paths below an ADR.
pub async fn redirect(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    let Some((number, tail)) = adr_page_path(path).filter(|(_, tail)| !tail.is_empty()) else {
        return next.run(request).await;
    };
    let canonical = format!("/adr/{number}{tail}");
    if canonical == path {
        return next.run(request).await;
    }
    let location = match request.uri().query() {
        Some(query) => format!("{canonical}?{query}"),
        None => canonical,
    };
    (
        StatusCode::PERMANENT_REDIRECT,
        [(header::LOCATION, location)],
        Body::empty(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::adr_page_path;

    #[test]
    fn page_paths_are_recognised() {
        assert_eq!(adr_page_path("/adr/7"), Some((7, "")));
        assert_eq!(
            adr_page_path("/adr/ADR-0007-old/history"),
            Some((7, "/history"))
        );
        assert_eq!(adr_page_path("/adr/new"), None);
        assert_eq!(adr_page_path("/adr/x"), None);
        assert_eq!(adr_page_path("/adrs/7"), None);
    }
}
