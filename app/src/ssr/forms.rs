//! What the edit form does on the server, for both of its doors: the island's server
//! functions and the plain form post that works without JavaScript: save, and the conflict
//! view after a stale save.

use crate::model::form::{AdrForm, Conflict};
use crate::ssr::actor;
use crate::ssr::adr_repo::StoredAdr;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
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
