//! The matrices an ADR can be assessed against, whatever their source: the guide's built-in
//! ones and the teams' own, read at any revision.

use crate::model::error::FieldError;
use crate::model::markdown_table::{self, Table};
use crate::model::matrix::{Matrix, MatrixSource, MatrixUse};
use crate::model::validation::NAME_MAX;
use crate::ssr::actor::Actor;
use crate::ssr::clock;
use crate::ssr::error::AppError;
use crate::ssr::guide;
use crate::ssr::matrix_repo::{self, MatrixSummary};
use sqlx::SqlitePool;

/// Matrix `id` at `revision` (the latest when `None`), or `not_found`.
pub async fn find(pool: &SqlitePool, id: &str, revision: Option<i64>) -> Result<Matrix, AppError> {
    if let Some(matrix) = guide::matrix(id) {
        return match revision {
            Some(r) if r != matrix.revision => Err(AppError::NotFound(format!(
                "the guide's matrix '{id}' has only revision {}",
                matrix.revision
            ))),
            _ => Ok(matrix.clone()),
        };
    }
    matrix_repo::get(pool, id, revision).await?.ok_or_else(|| {
        AppError::NotFound(match revision {
            Some(r) => format!("there is no matrix '{id}' at revision {r}"),
            None => format!("there is no matrix '{id}'"),
        })
    })
}

/// Every matrix: the guide's, then the teams'.
pub async fn all(pool: &SqlitePool) -> Result<Vec<MatrixSummary>, AppError> {
    let mut out: Vec<MatrixSummary> = guide::guide()
        .matrices
        .iter()
        .map(|m| MatrixSummary {
            id: m.id.clone(),
            name: m.name.clone(),
            source: MatrixSource::Guide,
            revision: m.revision,
            archived: None,
        })
        .collect();
    out.extend(matrix_repo::list(pool).await?);
    Ok(out)
}

/// Checks a matrix name and reads its pasted markdown table.
fn read(name: &str, markdown: &str) -> Result<(String, Table), AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "a matrix needs a name"));
    }
    if name.chars().count() > NAME_MAX {
        return Err(AppError::invalid(
            "name",
            format!("the name is longer than {NAME_MAX} characters"),
        ));
    }
    let table = markdown_table::parse(markdown).map_err(|errors| {
        AppError::Validation(
            errors
                .into_iter()
                .map(|e| {
                    FieldError::at_line(
                        "markdown",
                        e.line,
                        format!("line {}: {}", e.line, e.message),
                    )
                })
                .collect(),
        )
    })?;
    Ok((name.to_owned(), table))
}

/// Creates a team matrix from a markdown table.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    name: &str,
    usage: MatrixUse,
    markdown: &str,
) -> Result<Matrix, AppError> {
    let (name, table) = read(name, markdown)?;
    let id = matrix_repo::create(pool, actor, &name, usage, &table, &clock::now()).await?;
    find(pool, &id, None).await
}

/// Saves a new revision of a team matrix from a markdown table.
pub async fn revise(
    pool: &SqlitePool,
    actor: &Actor,
    id: &str,
    base_revision: i64,
    name: &str,
    markdown: &str,
) -> Result<Matrix, AppError> {
    if guide::matrix(id).is_some() {
        return Err(AppError::invalid(
            "id",
            "the guide's matrices are reference data and cannot be edited; add your own matrix instead",
        ));
    }
    let (name, table) = read(name, markdown)?;
    if let Some(archival) = matrix_repo::archival(pool, id).await? {
        return Err(AppError::invalid(
            "id",
            format!(
                "'{id}' was archived by {} at {}; restore it before saving a new revision",
                archival.archived_by, archival.archived_at
            ),
        ));
    }
    matrix_repo::revise(pool, actor, id, base_revision, &name, &table, &clock::now()).await?;
    find(pool, id, None).await
}

/// Archives team matrix `id`: it is no longer offered for new citations or checklists, and
/// every ADR assessed against it keeps reading the revision it cited.
pub async fn archive(pool: &SqlitePool, actor: &Actor, id: &str) -> Result<(), AppError> {
    refuse_guide(id, "archived")?;
    matrix_repo::set_archived(pool, actor, id, Some(&clock::now())).await
}

/// Puts archived team matrix `id` back in use.
pub async fn restore(pool: &SqlitePool, actor: &Actor, id: &str) -> Result<(), AppError> {
    refuse_guide(id, "restored")?;
    matrix_repo::set_archived(pool, actor, id, None).await
}

fn refuse_guide(id: &str, what: &str) -> Result<(), AppError> {
    match guide::matrix(id) {
        Some(_) => Err(AppError::invalid(
            "id",
            format!("the guide's matrices are reference data and cannot be {what}"),
        )),
        None => Ok(()),
    }
}
