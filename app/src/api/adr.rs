//! Server functions of the ADR editor: save, reload for a conflict, preview.

use crate::model::error::ApiError;
use crate::model::form::AdrForm;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// Where a saved ADR now lives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedAdr {
    pub number: i64,
    pub version: i64,
    /// The canonical page path.
    pub url: String,
}

/// The stored form of an ADR and the version it is at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadedForm {
    pub form: AdrForm,
    pub version: i64,
}

/// Creates ADR (when `number` is `None`) or saves a new revision on top of `base_version`.
#[server(prefix = "/sfn", input = Json)]
pub async fn save_adr(
    number: Option<i64>,
    base_version: Option<i64>,
    form: AdrForm,
) -> Result<SavedAdr, ApiError> {
    let state = crate::ssr::state::app_state()?;
    let saved = crate::ssr::forms::save(&state.pool, number, base_version, &form).await?;
    Ok(SavedAdr {
        number: saved.adr.number,
        version: saved.adr.version,
        url: crate::model::adr_key::canonical_path(saved.adr.number, &saved.adr.document.title),
    })
}

/// The current form of ADR `number`, to show beside the user's text after a conflict.
#[server(prefix = "/sfn", input = Json)]
pub async fn load_adr_form(number: i64) -> Result<LoadedForm, ApiError> {
    let state = crate::ssr::state::app_state()?;
    let stored = crate::ssr::decisions::get(&state.pool, number).await?;
    Ok(LoadedForm {
        form: AdrForm::from_document(&stored.adr.document),
        version: stored.adr.version,
    })
}

/// The form rendered as the ADR page body would show it, as sanitised HTML.
#[server(prefix = "/sfn", input = Json)]
pub async fn preview_adr(form: AdrForm) -> Result<String, ApiError> {
    Ok(preview(&form))
}

/// The body of the ADR page for the form's current text, as HTML: what both the island's
/// preview and the plain form's "Preview" button show.
#[cfg(feature = "ssr")]
pub fn preview(form: &AdrForm) -> String {
    use crate::components::adr_body::AdrBody;
    let doc = form.to_document();
    let rendered = crate::ssr::render::render(&doc);
    view! { <AdrBody doc=doc rendered=rendered/> }.to_html()
}
