//! One module per page. Pages render on the server only and read the database directly;
//! they never run in the browser.

pub mod adr_page;
pub mod assess;
pub mod echo;
pub mod editor;
pub mod guide;
pub mod history;
pub mod home;
pub mod import;
pub mod matrices;
pub mod not_found;
pub mod revision;

use crate::components::raw_text::title_text;
use crate::model::adr_key;
use crate::model::error::ApiError;
use crate::ssr::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Sets the response status of the page being rendered.
pub fn set_status(status: axum::http::StatusCode) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Answers the page being rendered with a permanent redirect (308) to `location`.
pub fn permanent_redirect(location: &str) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::PERMANENT_REDIRECT);
        if let Ok(value) = axum::http::HeaderValue::from_str(location) {
            response.insert_header(axum::http::header::LOCATION, value);
        }
    }
}

/// The ADR number named by the `:key` route parameter, or `not_found`.
pub fn adr_number_param() -> Result<i64, AppError> {
    let key = use_params_map()
        .get_untracked()
        .get("key")
        .unwrap_or_default();
    adr_key::parse(&key).ok_or_else(|| AppError::NotFound(format!("'{key}' names no ADR")))
}

/// Sets the page's `<title>` to `text`, escaped on the way: leptos_meta writes the title into
/// the head unescaped (see [`title_text`] for the leptos_meta code and why escaping here is
/// safe). Every page sets its title through this component; a test of `raw_text` fails on
/// any other use of `leptos_meta::Title`.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <leptos_meta::Title text=title_text(&text)/> }
}

/// A page that could not be shown: the right status and a plain explanation.
pub fn error_page(error: AppError) -> AnyView {
    let status = error.status();
    error_view(status, error.into())
}

/// The page for a request refused with `status` for the reason in `body`.
pub fn error_view(status: axum::http::StatusCode, body: ApiError) -> AnyView {
    set_status(status);
    let title = match body.code.as_str() {
        "not_found" => "Not found",
        "gone" => "Deleted",
        _ if status.is_client_error() => "That did not work",
        _ => "Something went wrong",
    };
    view! {
        <PageTitle text=title/>
        <section class="page-error" data-code=body.code.clone()>
            <h1>{title}</h1>
            <p>{body.message}</p>
            <p><a href="/">"Back to the decision log"</a></p>
        </section>
    }
    .into_any()
}
