//! The actions on the decision log that both doors (pages with their forms and server
//! functions, and the JSON API) call: validate, render, store, and read back.

use crate::model::adr::AdrDocument;
use crate::model::relation::RelationType;
use crate::model::status::Status;
use crate::model::validation::normalize;
use crate::ssr::actor::Actor;
use crate::ssr::adr_repo::{self, StoredAdr};
use crate::ssr::clock;
use crate::ssr::error::AppError;
use crate::ssr::render::{RenderedAdr, render};
use sqlx::SqlitePool;

/// ADR `number`, or `not_found`, or `gone` once it was deleted.
pub async fn get(pool: &SqlitePool, number: i64) -> Result<StoredAdr, AppError> {
    adr_repo::get(pool, number).await
}

/// Validates and stores a new draft.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    doc: AdrDocument,
) -> Result<StoredAdr, AppError> {
    let doc = normalize(doc, &clock::today()).map_err(AppError::Validation)?;
    let number = adr_repo::insert(pool, actor, &doc, &render(&doc), &clock::now()).await?;
    get(pool, number).await
}

/// Validates and stores a new document for ADR `number`, which the author based on
/// `base_version`. A save on top of a newer version is refused as stale.
pub async fn save(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    base_version: i64,
    doc: AdrDocument,
) -> Result<StoredAdr, AppError> {
    let (doc, rendered) = prepare(doc)?;
    adr_repo::update_document(
        pool,
        actor,
        number,
        base_version,
        &doc,
        &rendered,
        &clock::now(),
    )
    .await?;
    get(pool, number).await
}

/// Validates a document and renders it: what a save stores.
pub fn prepare(doc: AdrDocument) -> Result<(AdrDocument, RenderedAdr), AppError> {
    let doc = normalize(doc, &clock::today()).map_err(AppError::Validation)?;
    let rendered = render(&doc);
    Ok((doc, rendered))
}

/// Moves ADR `number` to `to`, naming successors when it is superseded.
pub async fn transition(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    to: Status,
    superseded_by: &[i64],
) -> Result<StoredAdr, AppError> {
    adr_repo::transition(pool, actor, number, to, superseded_by, &clock::now()).await?;
    get(pool, number).await
}

/// Links ADR `number` to `target`. Returns the ADR and whether the link is new.
pub async fn link(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    relation: RelationType,
    target: i64,
) -> Result<(StoredAdr, bool), AppError> {
    let created = adr_repo::link(pool, actor, number, relation, target, &clock::now()).await?;
    Ok((get(pool, number).await?, created))
}

/// Removes "`number` *relation* `target`", recorded in the history of both ADRs.
pub async fn unlink(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    relation: RelationType,
    target: i64,
) -> Result<StoredAdr, AppError> {
    adr_repo::unlink(pool, actor, number, relation, target, &clock::now()).await?;
    get(pool, number).await
}

/// Deletes draft `number` (409 for any other status); its page then answers 410.
pub async fn delete(pool: &SqlitePool, actor: &Actor, number: i64) -> Result<(), AppError> {
    adr_repo::delete_draft(pool, actor, number, &clock::now()).await
}
