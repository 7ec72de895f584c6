//! The page for paths that name nothing, and for a browser's form post that was refused
//! before any page could show the refusal (the form route hands that over as context).

use crate::model::error::ApiError;
use crate::pages::{error_page, error_view};
use crate::ssr::error::AppError;
use axum::http::StatusCode;
use leptos::prelude::*;

/// Why a form post was refused, handed to this page by the form routes.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedRequest {
    pub status: StatusCode,
    pub error: ApiError,
}

#[component]
pub fn NotFound() -> impl IntoView {
    match use_context::<FailedRequest>() {
        Some(failed) => error_view(failed.status, failed.error),
        None => error_page(AppError::NotFound(
            "There is no page at this address.".into(),
        )),
    }
}
