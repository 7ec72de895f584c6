//! SQL for imports: where each imported ADR came from, and the files an ADR references
//! (its attachments), which the ADR serves and an export writes back beside it.

use crate::ssr::error::AppError;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::BTreeSet;

/// Where an imported ADR came from.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Source {
    #[sqlx(rename = "adr_number")]
    pub number: i64,
    #[sqlx(rename = "source_path")]
    pub path: String,
    #[sqlx(rename = "content_hash")]
    pub hash: String,
}

/// A file an ADR references by a relative path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Its path in what was imported.
    pub source: String,
}

/// Every imported ADR's source.
pub async fn sources(pool: &SqlitePool) -> Result<Vec<Source>, AppError> {
    Ok(
        sqlx::query_as("SELECT adr_number, source_path, content_hash FROM adr_sources")
            .fetch_all(pool)
            .await?,
    )
}

/// The numbers in use.
pub async fn numbers(pool: &SqlitePool) -> Result<BTreeSet<i64>, AppError> {
    let numbers: Vec<i64> = sqlx::query_scalar("SELECT number FROM adrs")
        .fetch_all(pool)
        .await?;
    Ok(numbers.into_iter().collect())
}

/// The last number the sequence gave.
pub async fn counter(pool: &SqlitePool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT value FROM counters WHERE name = 'adr_number'")
            .fetch_one(pool)
            .await?,
    )
}

/// The version of ADR `number`.
pub async fn version(pool: &SqlitePool, number: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM adrs WHERE number = ?")
            .bind(number)
            .fetch_one(pool)
            .await?,
    )
}

/// [`version`] on the caller's connection.
pub async fn version_in(conn: &mut SqliteConnection, number: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM adrs WHERE number = ?")
            .bind(number)
            .fetch_one(conn)
            .await?,
    )
}

/// Records where ADR `source.number` came from.
pub async fn record(
    conn: &mut SqliteConnection,
    source: &Source,
    format: &str,
    status_text: Option<&str>,
    now: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO adr_sources (adr_number, source_path, format, status_text, content_hash, imported_at) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (adr_number) DO UPDATE SET \
         source_path = excluded.source_path, format = excluded.format, \
         status_text = excluded.status_text, content_hash = excluded.content_hash, \
         imported_at = excluded.imported_at",
    )
    .bind(source.number)
    .bind(&source.path)
    .bind(format)
    .bind(status_text)
    .bind(&source.hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces the attachments of ADR `number`.
pub async fn replace_files(
    conn: &mut SqliteConnection,
    number: i64,
    files: &[Attachment],
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM adr_files WHERE adr_number = ?")
        .bind(number)
        .execute(&mut *conn)
        .await?;
    add_files(conn, number, files).await
}

/// Stores the attachments of a new ADR `number`.
pub async fn add_files(
    conn: &mut SqliteConnection,
    number: i64,
    files: &[Attachment],
) -> Result<(), AppError> {
    for file in files {
        sqlx::query(
            "INSERT INTO adr_files (adr_number, name, content_type, bytes) VALUES (?, ?, ?, ?)",
        )
        .bind(number)
        .bind(&file.name)
        .bind(&file.content_type)
        .bind(&file.bytes)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One attachment of ADR `number`: its media type and bytes.
pub async fn file(
    pool: &SqlitePool,
    number: i64,
    name: &str,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT content_type, bytes FROM adr_files WHERE adr_number = ? AND name = ?",
    )
    .bind(number)
    .bind(name)
    .fetch_optional(pool)
    .await?)
}

/// Every attachment of ADR `number` by name, in name order.
pub async fn files(pool: &SqlitePool, number: i64) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    Ok(
        sqlx::query_as("SELECT name, bytes FROM adr_files WHERE adr_number = ? ORDER BY name")
            .bind(number)
            .fetch_all(pool)
            .await?,
    )
}
