//! Tradeoff: a decision log where teams record architecture decisions against the matrices
//! of an engineering guide.
//!
//! Pages render on the server only; the few interactive widgets are islands, which is all
//! the browser's wasm holds. `ssr` builds the server side, `hydrate` the browser side.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod model;

#[cfg(feature = "ssr")]
pub mod app;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

/// The browser entry: hydrates the islands on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
