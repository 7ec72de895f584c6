//! SQL for evidence: each piece stored with its raw bytes and parsed form (packed), listed per ADR,
//! and marked (not erased) when removed; and each ADR's name mapping and metric rules.

use crate::model::adr_key;
use crate::ssr::actor::Actor;
use crate::ssr::adr_repo;
use crate::ssr::db::begin_write;
use crate::ssr::error::AppError;
use crate::ssr::evidence::{Format, Parsed, Results, Skipped, packed};
use crate::ssr::json_column;
use crate::ssr::metrics::Rule;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor, SqlitePool};

/// A stored piece of evidence, without its bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceInfo {
    /// The key of the evidence across Tradeoff, as the API names it.
    pub id: i64,
    pub adr_number: i64,
    /// Its number within the ADR (`evidence #1`), in upload order, never reused.
    pub number: i64,
    /// `None` for the baseline.
    pub option_id: Option<String>,
    pub label: String,
    pub format: Format,
    pub lines_read: i64,
    pub created_at: String,
    pub created_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct InfoRow {
    id: i64,
    adr_number: i64,
    number: i64,
    option_id: Option<String>,
    label: String,
    format: String,
    lines_read: i64,
    created_at: String,
    created_by: String,
    deleted_at: Option<String>,
}

impl TryFrom<InfoRow> for EvidenceInfo {
    type Error = AppError;

    fn try_from(row: InfoRow) -> Result<Self, AppError> {
        Ok(EvidenceInfo {
            id: row.id,
            adr_number: row.adr_number,
            number: row.number,
            option_id: row.option_id,
            label: row.label,
            format: Format::parse(&row.format)
                .ok_or_else(|| AppError::Internal(format!("stored format '{}'", row.format)))?,
            lines_read: row.lines_read,
            created_at: row.created_at,
            created_by: row.created_by,
            deleted_at: row.deleted_at,
        })
    }
}

const INFO_COLUMNS: &str = "id, adr_number, number, option_id, label, format, lines_read, created_at, created_by, deleted_at";

/// A piece of evidence about to be stored.
pub struct NewEvidence<'a> {
    pub number: i64,
    /// `None` for the baseline.
    pub option_id: Option<&'a str>,
    pub label: &'a str,
    pub raw: &'a [u8],
    pub parsed: &'a Parsed,
}

/// Stores a parsed piece of evidence and returns its id and its number within the ADR,
/// inside the caller's write transaction (a new option and its first evidence land
/// together; the transaction's write lock makes the number the ADR's next).
pub async fn insert(
    tx: &mut SqliteConnection,
    actor: &Actor,
    new: &NewEvidence<'_>,
    now: &str,
) -> Result<(i64, i64), AppError> {
    let NewEvidence {
        number,
        option_id,
        label,
        raw,
        parsed,
    } = *new;
    let packed =
        packed::pack(parsed).map_err(|e| AppError::Internal(format!("packing evidence: {e}")))?;
    let id: i64 = sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'evidence_id' RETURNING value",
    )
    .fetch_one(&mut *tx)
    .await?;
    let within: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM evidence WHERE adr_number = ?",
    )
    .bind(number)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO evidence (id, adr_number, number, option_id, label, format, raw, parsed, packed, lines_read, created_at, created_by) \
         VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(number)
    .bind(within)
    .bind(option_id)
    .bind(label)
    .bind(parsed.format.as_str())
    .bind(raw)
    .bind(packed)
    .bind(parsed.lines_read as i64)
    .bind(now)
    .bind(actor.id())
    .execute(&mut *tx)
    .await?;
    Ok((id, within))
}

/// The evidence of ADR `number` that is not removed, oldest first.
pub async fn list(pool: &SqlitePool, number: i64) -> Result<Vec<EvidenceInfo>, AppError> {
    let rows: Vec<InfoRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS} FROM evidence WHERE adr_number = ? AND deleted_at IS NULL ORDER BY id"
    ))
    .bind(number)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(EvidenceInfo::try_from).collect()
}

/// A stored piece with its parsed form: packed, or as JSON in rows stored before that.
#[derive(sqlx::FromRow)]
struct ParsedRow {
    #[sqlx(flatten)]
    info: InfoRow,
    parsed: String,
    packed: Option<Vec<u8>>,
}

/// The parsed form as the first release stored it, with `kind` and `results` nested in
/// `results`; still read so that no stored evidence is lost.
#[derive(Deserialize)]
struct NestedParsed {
    format: Format,
    lines_read: usize,
    results: Results,
    skipped: Vec<Skipped>,
}

/// Reads a stored parsed form, in either shape.
fn parsed_from_json(json: &str) -> Result<Parsed, AppError> {
    serde_json::from_str::<Parsed>(json)
        .or_else(|e| {
            serde_json::from_str::<NestedParsed>(json)
                .map(|old| Parsed {
                    format: old.format,
                    lines_read: old.lines_read,
                    results: old.results,
                    skipped: old.skipped,
                    warnings: Vec::new(),
                })
                .map_err(|_| e)
        })
        .map_err(|e| AppError::Internal(format!("stored evidence: {e}")))
}

impl TryFrom<ParsedRow> for (EvidenceInfo, Parsed) {
    type Error = AppError;

    fn try_from(row: ParsedRow) -> Result<Self, AppError> {
        let parsed = match &row.packed {
            Some(bytes) => packed::unpack(bytes).map_err(|e| AppError::Internal(e.to_string()))?,
            None => parsed_from_json(&row.parsed)?,
        };
        Ok((EvidenceInfo::try_from(row.info)?, parsed))
    }
}

/// Evidence `id` without its parsed form, removed or not.
pub async fn info(pool: &SqlitePool, id: i64) -> Result<Option<EvidenceInfo>, AppError> {
    let row: Option<InfoRow> =
        sqlx::query_as(&format!("SELECT {INFO_COLUMNS} FROM evidence WHERE id = ?"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
    row.map(EvidenceInfo::try_from).transpose()
}

/// Evidence `id` and its parsed form, removed or not.
pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<(EvidenceInfo, Parsed)>, AppError> {
    let row: Option<ParsedRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS}, parsed, packed FROM evidence WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(TryFrom::try_from).transpose()
}

/// The parsed forms of the current evidence of ADR `number`, oldest first, in one query.
pub async fn parsed_for(
    pool: &SqlitePool,
    number: i64,
) -> Result<Vec<(EvidenceInfo, Parsed)>, AppError> {
    let rows: Vec<ParsedRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS}, parsed, packed FROM evidence \
         WHERE adr_number = ? AND deleted_at IS NULL ORDER BY id"
    ))
    .bind(number)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(TryFrom::try_from).collect()
}

/// The bytes of evidence `id` as they were attached.
pub async fn raw(pool: &SqlitePool, id: i64) -> Result<Option<Vec<u8>>, AppError> {
    Ok(sqlx::query_scalar("SELECT raw FROM evidence WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?)
}

/// Marks evidence `id` removed, checking inside the write that it exists (and belongs to ADR
/// `number`, when one is named) and that its ADR is live. Returns false when it was already
/// removed.
pub async fn remove(
    pool: &SqlitePool,
    actor: &Actor,
    number: Option<i64>,
    id: i64,
    now: &str,
) -> Result<bool, AppError> {
    let mut tx = begin_write(pool).await?;
    let owner: Option<i64> = sqlx::query_scalar("SELECT adr_number FROM evidence WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let owner = match (owner, number) {
        (Some(owner), Some(number)) if owner != number => None,
        (owner, _) => owner,
    };
    let Some(owner) = owner else {
        return Err(AppError::NotFound(match number {
            Some(number) => format!("{} has no evidence {id}", adr_key::display(number)),
            None => format!("evidence {id} does not exist"),
        }));
    };
    adr_repo::require_in(&mut tx, owner).await?;
    let result = sqlx::query(
        "UPDATE evidence SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(actor.id())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(result.rows_affected() == 1)
}

/// How an ADR's benchmark names pair across tools, and its own metric rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSettings {
    /// `(name, same as)`: `name` pairs with benchmarks called `same as`.
    pub name_map: Vec<(String, String)>,
    pub rules: Vec<Rule>,
}

/// The ADR's name mapping and rules (empty until first set).
pub async fn settings(pool: &SqlitePool, number: i64) -> Result<EvidenceSettings, AppError> {
    read_settings(pool, number).await
}

async fn read_settings(
    db: impl SqliteExecutor<'_>,
    number: i64,
) -> Result<EvidenceSettings, AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT name_map, rules FROM adr_evidence_settings WHERE adr_number = ?")
            .bind(number)
            .fetch_optional(db)
            .await?;
    let Some((name_map, rules)) = row else {
        return Ok(EvidenceSettings::default());
    };
    let parse = |e: serde_json::Error| AppError::Internal(format!("stored evidence settings: {e}"));
    Ok(EvidenceSettings {
        name_map: serde_json::from_str(&name_map).map_err(parse)?,
        rules: serde_json::from_str(&rules).map_err(parse)?,
    })
}

/// Changes the ADR's settings with `change` in one write transaction, so that two changes
/// at once both land; an error from `change` writes nothing.
pub async fn update_settings<T>(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    now: &str,
    change: impl FnOnce(&mut EvidenceSettings) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let mut tx = begin_write(pool).await?;
    adr_repo::require_in(&mut tx, number).await?;
    let mut settings = read_settings(&mut *tx, number).await?;
    let outcome = change(&mut settings)?;
    sqlx::query(
        "INSERT INTO adr_evidence_settings (adr_number, name_map, rules, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (adr_number) DO UPDATE SET name_map = excluded.name_map, rules = excluded.rules, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(number)
    .bind(json_column::write(&settings.name_map)?)
    .bind(json_column::write(&settings.rules)?)
    .bind(now)
    .bind(actor.id())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::parsed_from_json;
    use crate::ssr::evidence::Results;

    #[test]
    fn both_stored_shapes_are_read() {
        let flat = r#"{"format":"gobench","lines_read":1,"kind":"benchmarks","results":[{"name":"BenchmarkX","unit":"ns/op","samples":[5.0]}],"skipped":[]}"#;
        let nested = r#"{"format":"gobench","lines_read":1,"results":{"kind":"benchmarks","results":[{"name":"BenchmarkX","unit":"ns/op","samples":[5.0]}]},"skipped":[{"line":2,"reason":"test status line"}]}"#;
        for json in [flat, nested] {
            let parsed = parsed_from_json(json).unwrap();
            let Results::Benchmarks(b) = parsed.results else {
                panic!()
            };
            assert_eq!(b[0].samples, [5.0]);
        }
        assert!(parsed_from_json("{}").is_err());
    }
}
