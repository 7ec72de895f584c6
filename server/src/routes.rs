//! The router: pages (Leptos), their plain form posts, charts, exports, link previews and
//! badges, ticket links, the JSON API, health, and static files.

pub mod api;
pub mod cards;
pub mod charts;
pub mod export;
pub mod forms;
pub mod health;
pub mod import;
pub mod permalinks;
pub mod security;
pub mod tickets;

use app::app::{App, shell};
use app::model::adr_key;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::Router;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::http::{HeaderName, Request};
use axum::middleware;
use axum::routing::get;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The ADR number in a path's `{key}` (any spelling `adr_key` reads), or 404.
pub fn adr_number(key: &str) -> Result<i64, AppError> {
    adr_key::parse(key).ok_or_else(|| AppError::NotFound(format!("'{key}' names no ADR")))
}

/// The ADR a route's path names in its `{key}` or `{number}` part, or 404.
pub struct AdrNumber(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for AdrNumber {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::NotFound(e.body_text()))?;
        let key = params
            .iter()
            .find(|(name, _)| matches!(*name, "key" | "number"))
            .map(|(_, value)| value)
            .ok_or_else(|| AppError::Internal("this route names no ADR".into()))?;
        adr_number(key).map(AdrNumber)
    }
}

/// Every route of Tradeoff over `state`.
pub fn router(state: AppState) -> Router {
    let leptos_options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let pages = Router::new()
        .route("/adr/new", forms::route(&state, forms::adr::create))
        .route("/adr/{key}/edit", forms::route(&state, forms::adr::update))
        .route(
            "/adr/{key}/status",
            forms::route(&state, forms::adr::transition),
        )
        .route("/adr/{key}/links", forms::route(&state, forms::adr::link))
        .route(
            "/adr/{key}/links/delete",
            forms::route(&state, forms::adr::unlink),
        )
        .route(
            "/adr/{key}/delete",
            forms::route(&state, forms::adr::delete),
        )
        .route(
            "/adr/{key}/assess",
            forms::route(&state, forms::assess::assess),
        )
        .route(
            "/adr/{key}/evidence",
            forms::route(&state, forms::evidence::attach).layer(
                axum::extract::DefaultBodyLimit::max(state.evidence_limit + 64 * 1024),
            ),
        )
        .route(
            "/adr/{key}/evidence/{id}/delete",
            forms::route(&state, forms::evidence::remove),
        )
        .route(
            "/adr/{key}/benchmark-names",
            forms::route(&state, forms::evidence::benchmark_names),
        )
        .route(
            "/adr/{key}/metric-rules",
            forms::route(&state, forms::evidence::add_rule),
        )
        .route(
            "/adr/{key}/metric-rules/{id}/delete",
            forms::route(&state, forms::evidence::remove_rule),
        )
        .route("/adr/{key}/charts/{file}", get(charts::adr_chart))
        .route("/guide/charts/{file}", get(charts::guide_chart))
        .route("/adr/{key}/export.md", get(export::adr))
        .route("/adr/{key}/link.md", get(export::markdown_link))
        .route("/adr/{key}/preview.png", get(cards::preview))
        .route("/adr/{key}/badge.svg", get(cards::badge))
        .route("/export.zip", get(export::zip))
        .route(
            "/import",
            forms::route(&state, import::form)
                .layer(axum::extract::DefaultBodyLimit::max(import::BODY_LIMIT)),
        )
        .route("/adr/{key}/files/{name}", get(import::attachment))
        .route("/t", get(tickets::follow))
        .route("/matrices", forms::route(&state, forms::matrices::create))
        .route(
            "/matrices/{id}",
            forms::route(&state, forms::matrices::revise),
        )
        .route(
            "/matrices/{id}/archive",
            forms::route(&state, forms::matrices::archive),
        )
        .route(
            "/matrices/{id}/restore",
            forms::route(&state, forms::matrices::restore),
        )
        .leptos_routes(&state, routes, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            permalinks::redirect,
        ));

    Router::new()
        .route("/healthz", get(health::check))
        .nest("/api/v1", api::router(state.evidence_limit))
        .route("/api", axum::routing::any(api::not_found))
        .route("/api/{*rest}", axum::routing::any(api::not_found))
        .merge(pages)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                // One line per request at info: the span's id, method and path (never the
                // query, which may carry a token, nor a body), then status and latency.
                .layer(
                    TraceLayer::new_for_http()
                        .on_response(
                            DefaultOnResponse::new()
                                .level(Level::INFO)
                                .latency_unit(LatencyUnit::Micros),
                        )
                        .make_span_with(|request: &Request<_>| {
                            let id = request
                                .headers()
                                .get(&REQUEST_ID)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("-");
                            tracing::info_span!(
                                "request",
                                id = %id,
                                method = %request.method(),
                                path = %request.uri().path(),
                            )
                        }),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn(security::add_headers))
                .layer(middleware::from_fn(crate::memory::give_back)),
        )
        .with_state(state)
}
