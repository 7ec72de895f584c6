//! The public JSON API under `/api/v1`, for scripts, tickets and CI. Every error is JSON:
//! `{"error": {"code", "message", "field"?}}`.

pub mod adrs;
pub mod evidence;
pub mod import;
pub mod json;
pub mod matrices;
pub mod openapi;
pub mod tickets;

use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The largest JSON body accepted.
pub const JSON_LIMIT: usize = 1024 * 1024;

pub fn router(evidence_limit: usize) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/adrs", get(adrs::list).post(adrs::create))
        .route(
            "/adrs/{number}",
            get(adrs::get).patch(adrs::patch).delete(adrs::delete),
        )
        .route(
            "/adrs/{number}/status",
            axum::routing::post(adrs::transition),
        )
        .route("/adrs/{number}/links", axum::routing::post(adrs::link))
        .route(
            "/adrs/{number}/links/{type}/{target}",
            axum::routing::delete(adrs::unlink),
        )
        .route("/adrs/{number}/revisions", get(adrs::revisions))
        .route("/adrs/{number}/revisions/{revision}", get(adrs::revision))
        .route(
            "/adrs/{number}/assessment",
            get(adrs::assessment).put(adrs::put_assessment),
        )
        .route(
            "/adrs/{number}/evidence",
            axum::routing::post(evidence::attach)
                .get(evidence::list)
                // Evidence has its own limit, checked by the handler; this lets multipart
                // bodies of that size through axum's extractor.
                .layer(DefaultBodyLimit::max(evidence_limit + 64 * 1024)),
        )
        .route("/adrs/{number}/comparison", get(evidence::comparison))
        .route("/adrs/{number}/metrics", get(evidence::metrics_report))
        .route(
            "/adrs/{number}/benchmark-names",
            get(evidence::names).put(evidence::put_names),
        )
        .route(
            "/adrs/{number}/metric-rules",
            get(evidence::rules).put(evidence::put_rules),
        )
        .route(
            "/evidence/{id}",
            get(evidence::get).delete(evidence::remove),
        )
        .route("/evidence/{id}/raw", get(evidence::raw))
        .route("/evidence/{id}/quantiles", get(evidence::quantiles))
        .route("/tickets/{*key}", get(tickets::get))
        .route(
            "/import",
            axum::routing::post(import::post)
                .layer(DefaultBodyLimit::max(crate::routes::import::BODY_LIMIT)),
        )
        .route("/matrices", get(matrices::list).post(matrices::create))
        .route("/matrices/{id}", get(matrices::get).post(matrices::revise))
        .route(
            "/matrices/{id}/archive",
            axum::routing::post(matrices::archive),
        )
        .route(
            "/matrices/{id}/restore",
            axum::routing::post(matrices::restore),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // The JSON extractor enforces the limit itself; this keeps axum's own extractors in line.
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
}

/// Any path under `/api` that names nothing.
pub async fn not_found(uri: Uri) -> Response {
    AppError::NotFound(format!("there is no API endpoint at {}", uri.path())).into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    let body = serde_json::json!({
        "error": {
            "code": "method_not_allowed",
            "message": format!("{method} is not allowed on {}", uri.path()),
        }
    });
    (axum::http::StatusCode::METHOD_NOT_ALLOWED, axum::Json(body)).into_response()
}
