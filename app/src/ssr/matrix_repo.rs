//! Teams' own matrices: each save is a new revision, and every revision stays readable so
//! that an ADR assessed against revision 2 still reads revision 2.

use crate::model::markdown_table::Table;
use crate::model::matrix::{Matrix, MatrixKind, MatrixRow, MatrixSource, MatrixUse};
use crate::model::slug::slugify;
use crate::ssr::actor::Actor;
use crate::ssr::db::begin_write;
use crate::ssr::error::AppError;
use crate::ssr::guide;
use crate::ssr::json_column;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

/// A matrix as the list of matrices shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixSummary {
    pub id: String,
    pub name: String,
    pub source: MatrixSource,
    pub revision: i64,
    /// Who archived it and when, while it is archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<Archival>,
}

/// Who archived a team matrix, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Archival {
    pub archived_at: String,
    pub archived_by: String,
}

/// One saved revision of a team matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct MatrixRevision {
    pub revision: i64,
    pub name: String,
    pub actor: String,
    pub created_at: String,
}

/// Stores a new team matrix at revision 1. Its id comes from its name, made unique among
/// the guide's and the teams' matrices.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    name: &str,
    usage: MatrixUse,
    table: &Table,
    now: &str,
) -> Result<String, AppError> {
    let mut tx = begin_write(pool).await?;
    let base = match slugify(name, 48) {
        slug if slug.is_empty() => "matrix".to_owned(),
        slug => slug,
    };
    let mut id = base.clone();
    let mut n = 2;
    loop {
        let taken: Option<String> = sqlx::query_scalar("SELECT id FROM matrices WHERE id = ?")
            .bind(&id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_none() && guide::matrix(&id).is_none() {
            break;
        }
        id = format!("{base}-{n}");
        n += 1;
    }
    sqlx::query(
        "INSERT INTO matrices (id, name, usage, revision, created_at, created_by, updated_at, updated_by) \
         VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(name)
    .bind(usage.as_str())
    .bind(now)
    .bind(actor.id())
    .bind(now)
    .bind(actor.id())
    .execute(&mut *tx)
    .await?;
    insert_revision(&mut tx, &id, 1, name, table, actor, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves a new revision of team matrix `id`, which must still be at `expected_revision`.
pub async fn revise(
    pool: &SqlitePool,
    actor: &Actor,
    id: &str,
    expected_revision: i64,
    name: &str,
    table: &Table,
    now: &str,
) -> Result<i64, AppError> {
    let mut tx = begin_write(pool).await?;
    let current: Option<i64> = sqlx::query_scalar("SELECT revision FROM matrices WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(current) = current else {
        return Err(AppError::NotFound(format!(
            "there is no team matrix '{id}'"
        )));
    };
    AppError::check_version(expected_revision, current)?;
    let next = current + 1;
    sqlx::query(
        "UPDATE matrices SET name = ?, revision = ?, updated_at = ?, updated_by = ? WHERE id = ?",
    )
    .bind(name)
    .bind(next)
    .bind(now)
    .bind(actor.id())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    insert_revision(&mut tx, id, next, name, table, actor, now).await?;
    tx.commit().await?;
    Ok(next)
}

async fn insert_revision(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
    revision: i64,
    name: &str,
    table: &Table,
    actor: &Actor,
    now: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO matrix_revisions (matrix_id, revision, name, columns, rows, actor, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(revision)
    .bind(name)
    .bind(json_column::write(&table.columns)?)
    .bind(json_column::write(&table.rows)?)
    .bind(actor.id())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Team matrix `id` at `revision` (the latest when `None`).
pub async fn get(
    pool: &SqlitePool,
    id: &str,
    revision: Option<i64>,
) -> Result<Option<Matrix>, AppError> {
    let row: Option<(String, String, i64, String, String)> = sqlx::query_as(
        "SELECT r.name, m.usage, r.revision, r.columns, r.rows FROM matrices m \
         JOIN matrix_revisions r ON r.matrix_id = m.id \
         WHERE m.id = ? AND r.revision = COALESCE(?, m.revision)",
    )
    .bind(id)
    .bind(revision)
    .fetch_optional(pool)
    .await?;
    row.map(|(name, usage, revision, columns, rows)| {
        let parse = |text: &str| AppError::Internal(format!("stored matrix JSON: {text}"));
        Ok(Matrix {
            id: id.to_owned(),
            name,
            section: String::new(),
            source: MatrixSource::Team,
            kind: MatrixKind::Table,
            usage: usage
                .parse::<MatrixUse>()
                .map_err(|e| AppError::Internal(format!("stored matrix: {e}")))?,
            revision,
            columns: serde_json::from_str(&columns).map_err(|e| parse(&e.to_string()))?,
            rows: serde_json::from_str::<Vec<MatrixRow>>(&rows)
                .map_err(|e| parse(&e.to_string()))?,
        })
    })
    .transpose()
}

/// Every team matrix, by name, archived or not.
pub async fn list(pool: &SqlitePool) -> Result<Vec<MatrixSummary>, AppError> {
    type Row = (String, String, i64, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, revision, archived_at, archived_by FROM matrices ORDER BY lower(name), id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, revision, at, by)| MatrixSummary {
            id,
            name,
            source: MatrixSource::Team,
            revision,
            archived: at.zip(by).map(|(archived_at, archived_by)| Archival {
                archived_at,
                archived_by,
            }),
        })
        .collect())
}

/// Who archived team matrix `id` and when, or `None` while it is in use (or is no team
/// matrix at all).
pub async fn archival(
    db: impl sqlx::SqliteExecutor<'_>,
    id: &str,
) -> Result<Option<Archival>, AppError> {
    Ok(sqlx::query_as(
        "SELECT archived_at, archived_by FROM matrices WHERE id = ? AND archived_at IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Archives team matrix `id` as `actor` (`Some(now)`), or restores it (`None`). Archiving
/// an archived matrix keeps the first archival.
pub async fn set_archived(
    pool: &SqlitePool,
    actor: &Actor,
    id: &str,
    now: Option<&str>,
) -> Result<(), AppError> {
    let mut tx = begin_write(pool).await?;
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM matrices WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if found.is_none() {
        return Err(AppError::NotFound(format!(
            "there is no team matrix '{id}'"
        )));
    }
    match now {
        Some(now) => {
            sqlx::query(
                "UPDATE matrices SET archived_at = ?, archived_by = ? \
                 WHERE id = ? AND archived_at IS NULL",
            )
            .bind(now)
            .bind(actor.id())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query("UPDATE matrices SET archived_at = NULL, archived_by = NULL WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The revisions of team matrix `id`, newest first.
pub async fn revisions(pool: &SqlitePool, id: &str) -> Result<Vec<MatrixRevision>, AppError> {
    Ok(sqlx::query_as(
        "SELECT revision, name, actor, created_at FROM matrix_revisions WHERE matrix_id = ? ORDER BY revision DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await?)
}

/// How many ADRs cite each row of matrix `id`, as `(row id, count)`.
pub async fn citation_counts(pool: &SqlitePool, id: &str) -> Result<Vec<(String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT row_id, COUNT(*) FROM adr_citations WHERE matrix_id = ? GROUP BY row_id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?)
}

/// How many ADRs cite each row of any matrix, as `(matrix id, row id, count)`, most first.
pub async fn all_citation_counts(
    pool: &SqlitePool,
) -> Result<Vec<(String, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT matrix_id, row_id, COUNT(*) AS n FROM adr_citations GROUP BY matrix_id, row_id \
         ORDER BY n DESC, matrix_id, row_id",
    )
    .fetch_all(pool)
    .await?)
}
