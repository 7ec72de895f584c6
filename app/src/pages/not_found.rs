//! The page for paths that name nothing.

use crate::pages::error_page;
use crate::ssr::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    error_page(AppError::NotFound(
        "There is no page at this address.".into(),
    ))
}
