//! What the edit form does on the server, for both of its doors: the island's server
//! functions and the plain form post that works without JavaScript.

use crate::components::adr_body::AdrBody;
use crate::model::error::ApiError;
use crate::model::form::{AdrForm, Conflict};
use crate::ssr::actor;
use crate::ssr::adr_repo::StoredAdr;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::render::render;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

/// Creates the ADR (no `number`) or saves it on top of `base_version`.
pub async fn save(
    pool: &SqlitePool,
    number: Option<i64>,
    base_version: Option<i64>,
    form: &AdrForm,
) -> Result<StoredAdr, AppError> {
    let actor = actor::current();
    let doc = form.to_document();
    match number {
        None => decisions::create(pool, &actor, doc).await,
        Some(number) => {
            let base = base_version.ok_or_else(|| {
                AppError::invalid("version", "the version the edit started from is missing")
            })?;
            decisions::save(pool, &actor, number, base, doc).await
        }
    }
}

/// The body of the ADR page for the form's current text, as HTML.
pub fn preview(form: &AdrForm) -> String {
    let doc = form.to_document();
    let rendered = render(&doc);
    view! { <AdrBody doc=doc rendered=rendered/> }.to_html()
}

/// What the edit page shows after a refused save: the user's text, what was wrong, and for a
/// conflict what the other save changed. Handed to the page as context by the form route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormEcho {
    pub form: AdrForm,
    pub base_version: Option<i64>,
    pub error: Option<ApiError>,
    pub conflict: Option<Conflict>,
    /// Preview HTML, when the user asked for one without JavaScript.
    pub preview: Option<String>,
}

/// Builds the conflict view for a stale save of `mine` on ADR `number`.
pub async fn conflict(
    pool: &SqlitePool,
    number: i64,
    mine: &AdrForm,
) -> Result<Conflict, AppError> {
    let current = decisions::get(pool, number).await?;
    let theirs = AdrForm::from_document(&current.adr.document);
    Ok(Conflict {
        current_version: current.adr.version,
        changes: mine.changes_from(&theirs),
    })
}

/// Which plain form on the ADR page was refused, and why. Handed to the page as context by
/// the form routes so the message shows inline beside that form.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedAction {
    pub form: PageForm,
    pub error: ApiError,
    /// Text the refused form carried, to give back (pasted evidence).
    pub echo: String,
}

/// The plain forms of the ADR page and of its assessment page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageForm {
    Status,
    Link,
    Assessment,
    Evidence,
}

/// A refused matrix form: what the user pasted, and why it was refused.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixEcho {
    pub name: String,
    pub markdown: String,
    pub usage: String,
    pub error: ApiError,
}
