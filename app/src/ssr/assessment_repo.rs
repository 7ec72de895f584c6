//! SQL for assessments: the stored document with its version, the deviation state kept
//! beside it for the list's filter, and the cited rows as lookup rows. A repository that
//! other repositories call (a save of an ADR refreshes its deviation here), so it calls no
//! service.

use crate::model::adr::AdrDocument;
use crate::model::assessment::Assessment;
use crate::ssr::actor::Actor;
use crate::ssr::error::AppError;
use crate::ssr::json_column;
use sqlx::{SqliteConnection, SqlitePool};

/// The stored assessment of ADR `number` and its version, if one was saved.
pub async fn stored(pool: &SqlitePool, number: i64) -> Result<Option<(Assessment, i64)>, AppError> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT document, version FROM adr_assessments WHERE adr_number = ?")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    row.map(|(document, version)| {
        Ok((
            json_column::read::<Assessment>(&document, "assessment")?,
            version,
        ))
    })
    .transpose()
}

/// Stores `assessment` for ADR `number`, which must still be at `base_version`, with its
/// deviation state (against the chosen option as stored now, not as the caller read it),
/// its count of `open` checklist items and its cited rows, inside the caller's write
/// transaction. Returns the new version and the assessment it replaced.
pub async fn write(
    conn: &mut SqliteConnection,
    actor: &Actor,
    number: i64,
    base_version: i64,
    assessment: &Assessment,
    open: i64,
    now: &str,
) -> Result<(i64, Assessment), AppError> {
    let document = json_column::write(assessment)?;
    let current: Option<(i64, String)> =
        sqlx::query_as("SELECT version, document FROM adr_assessments WHERE adr_number = ?")
            .bind(number)
            .fetch_optional(&mut *conn)
            .await?;
    let (current, previous) = match current {
        Some((version, document)) => (version, json_column::read(&document, "assessment")?),
        None => (0, Assessment::default()),
    };
    AppError::check_version(base_version, current)?;
    let stored: String = sqlx::query_scalar("SELECT document FROM adrs WHERE number = ?")
        .bind(number)
        .fetch_one(&mut *conn)
        .await?;
    let chosen = json_column::read::<AdrDocument>(&stored, "ADR")?.chosen_option;
    let deviation = assessment.deviation_state(chosen.as_deref());
    let next = current + 1;
    sqlx::query(
        "INSERT INTO adr_assessments (adr_number, version, document, deviation, open_checklist_items, updated_at, updated_by) \
         VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (adr_number) DO UPDATE SET version = excluded.version, document = excluded.document, \
         deviation = excluded.deviation, open_checklist_items = excluded.open_checklist_items, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(number)
    .bind(next)
    .bind(&document)
    .bind(deviation.as_str())
    .bind(open)
    .bind(now)
    .bind(actor.id())
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM adr_citations WHERE adr_number = ?")
        .bind(number)
        .execute(&mut *conn)
        .await?;
    for citation in &assessment.citations {
        sqlx::query("INSERT INTO adr_citations (adr_number, matrix_id, matrix_revision, row_id) VALUES (?, ?, ?, ?)")
            .bind(number)
            .bind(&citation.matrix)
            .bind(citation.revision)
            .bind(&citation.row)
            .execute(&mut *conn)
            .await?;
    }
    Ok((next, previous))
}

/// Recomputes the stored deviation state of ADR `number` after its chosen option or its
/// options changed, inside the transaction that changed them.
pub async fn refresh_deviation(
    conn: &mut SqliteConnection,
    number: i64,
    chosen: Option<&str>,
) -> Result<(), AppError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT document FROM adr_assessments WHERE adr_number = ?")
            .bind(number)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(stored) = stored else {
        return Ok(());
    };
    sqlx::query("UPDATE adr_assessments SET deviation = ? WHERE adr_number = ?")
        .bind(
            json_column::read::<Assessment>(&stored, "assessment")?
                .deviation_state(chosen)
                .as_str(),
        )
        .bind(number)
        .execute(conn)
        .await?;
    Ok(())
}

/// Accepted ADRs whose attached checklists still have open items, as
/// `(number, title, open items)`, most open first.
pub async fn accepted_with_open_items(
    pool: &SqlitePool,
) -> Result<Vec<(i64, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.number, a.title, s.open_checklist_items FROM adr_assessments s \
         JOIN adrs a ON a.number = s.adr_number \
         WHERE a.status = 'accepted' AND s.open_checklist_items > 0 \
         ORDER BY s.open_checklist_items DESC, a.number DESC LIMIT 50",
    )
    .fetch_all(pool)
    .await?)
}
