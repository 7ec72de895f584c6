//! Plain HTML form posts, so that every page works without JavaScript. Success redirects
//! (303) to the page that shows the result; a refusal renders the same page again with the
//! user's input and the reason inline, under the refusal's HTTP status. A refusal with no
//! page to show it on (no such ADR, a body that is not a form) still answers with a page:
//! a browser never sees JSON from a form.
//!
//! This module holds what every form shares; one module per resource holds its handlers.

pub mod adr;
pub mod assess;
pub mod evidence;
pub mod matrices;

use app::app::shell;
use app::model::adr_key;
use app::model::error::ApiError;
use app::pages::echo::{PageForm, RefusedAction};
use app::pages::not_found::FailedRequest;
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::form_pairs::Pairs;
use app::ssr::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};
use leptos::prelude::provide_context;

/// The largest form body accepted.
const FORM_LIMIT: usize = 1024 * 1024;

/// The name/value pairs of a posted `application/x-www-form-urlencoded` body.
pub struct Form(pub Pairs);

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = AppError;

    async fn from_request(request: Request, _: &S) -> Result<Self, AppError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !content_type.starts_with("application/x-www-form-urlencoded") {
            return Err(AppError::UnsupportedMediaType(
                "forms must be sent as application/x-www-form-urlencoded".into(),
            ));
        }
        let bytes = axum::body::to_bytes(request.into_body(), FORM_LIMIT)
            .await
            .map_err(|_| AppError::PayloadTooLarge("the form is larger than 1 MiB".into()))?;
        Ok(Form(Pairs::parse(&bytes)))
    }
}

/// A form route: `handler` on POST, whose refusals reach a browser as a page.
pub fn route<H, T>(state: &AppState, handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    post(handler).layer(middleware::from_fn_with_state(state.clone(), as_page))
}

/// Turns a refusal that is not a page (an error from `AppError`, or axum's own plain-text
/// rejections) into the error page, under the same status.
async fn as_page(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || is_html {
        return response;
    }
    let error = match response.extensions().get::<ApiError>() {
        Some(error) => error.clone(),
        None => {
            let text = axum::body::to_bytes(response.into_body(), 4096)
                .await
                .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
                .unwrap_or_default();
            let reason = status.canonical_reason().unwrap_or("refused");
            let message = if text.is_empty() {
                reason.to_owned()
            } else {
                text
            };
            ApiError::new(reason.to_lowercase().replace(' ', "_"), message)
        }
    };
    // A path no page claims, so that the router's fallback page shows the refusal.
    let failed = FailedRequest { status, error };
    render_page(&state, "/.refused".to_owned(), failed, status).await
}

/// Renders the page at `path` with `context` provided, under `status` unless the page set
/// its own error status.
pub async fn render_page<C>(
    state: &AppState,
    path: String,
    context: C,
    status: StatusCode,
) -> Response
where
    C: Clone + Send + Sync + 'static,
{
    let options = state.leptos_options.clone();
    let provided = state.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(provided.clone());
            provide_context(context.clone());
        },
        move || shell(options.clone()),
    );
    let request = match Request::builder()
        .method(Method::GET)
        .uri(&path)
        .body(Body::empty())
    {
        Ok(request) => request,
        Err(e) => {
            return AppError::Internal(format!("page request for {path}: {e}")).into_response();
        }
    };
    let mut response = handler(request).await.into_response();
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}

/// The ADR page again, with `error` shown beside `form` and `echo` given back to it; or,
/// when the ADR is missing or deleted, that error instead.
async fn refused_on_page(
    state: &AppState,
    number: i64,
    form: PageForm,
    error: AppError,
    echo: String,
) -> Result<Response, AppError> {
    let status = error.status();
    let refused = RefusedAction {
        form,
        error: ApiError::from(error),
        echo,
    };
    let stored = decisions::get(&state.pool, number).await?;
    let path = adr_key::canonical_path(number, &stored.adr.document.title);
    Ok(render_page(state, path, refused, status).await)
}

/// The answer to a form on the ADR page: a redirect to `to` when the action worked; the
/// page again with the refusal beside `form` when it did not; the error page when the ADR
/// itself is missing or deleted, so that there is no page to show it on.
async fn answer(
    state: &AppState,
    number: i64,
    form: PageForm,
    outcome: Result<String, AppError>,
) -> Result<Response, AppError> {
    match outcome {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(error) => refused_on_page(state, number, form, error, String::new()).await,
    }
}
