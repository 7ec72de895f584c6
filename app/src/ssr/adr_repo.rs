//! SQL for the decision log. Each write is one transaction that either stores everything it
//! was asked to (record, lookup rows, search text, revision) or nothing.

use crate::model::adr::{Adr, AdrDocument, AdrSummary, Relation, RevisionInfo};
use crate::model::adr_key;
use crate::model::assessment::DeviationState;
use crate::model::query::{ListQuery, MAX_LIMIT, Sort};
use crate::model::relation::{LinkKind, RelationType, supersede_cycle};
use crate::model::status::Status;
use crate::model::suggestion::{InUse, Suggestions};
use crate::ssr::actor::Actor;
use crate::ssr::assessment_repo;
use crate::ssr::db::begin_write;
use crate::ssr::error::AppError;
use crate::ssr::json_column;
use crate::ssr::render::RenderedAdr;
use crate::ssr::search;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

/// A stored decision with its pre-rendered HTML.
#[derive(Clone, Debug)]
pub struct StoredAdr {
    pub adr: Adr,
    pub rendered: RenderedAdr,
}

#[derive(sqlx::FromRow)]
struct AdrRow {
    number: i64,
    status: String,
    version: i64,
    content_version: i64,
    accepted_version: Option<i64>,
    document: String,
    rendered: String,
    created_at: String,
    created_by: String,
    updated_at: String,
    updated_by: String,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    number: i64,
    title: String,
    status: String,
    decided_on: String,
    version: i64,
    updated_at: String,
    summary: String,
    deviation: String,
}

/// The fields of a document that a list row shows, stored apart so that listing never
/// parses whole documents.
#[derive(serde::Serialize, serde::Deserialize)]
struct ListFields {
    tags: Vec<String>,
    tickets: Vec<String>,
    decision_makers: Vec<String>,
}

fn list_fields(doc: &AdrDocument) -> Result<String, AppError> {
    json_column::write(&ListFields {
        tags: doc.tags.clone(),
        tickets: doc.tickets.clone(),
        decision_makers: doc.decision_makers.clone(),
    })
}

/// Moves one ADR between the per-status counters (`from` is `None` for a new ADR).
async fn count_status_move(
    conn: &mut SqliteConnection,
    from: Option<Status>,
    to: Status,
) -> Result<(), AppError> {
    let moves = from.map(|s| (s, -1)).into_iter().chain([(to, 1)]);
    for (status, delta) in moves {
        sqlx::query("UPDATE counters SET value = value + ? WHERE name = ?")
            .bind(delta)
            .bind(format!("status:{status}"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    revision: i64,
    status: String,
    previous_status: Option<String>,
    change: String,
    actor: String,
    created_at: String,
}

fn parse_status(text: &str) -> Result<Status, AppError> {
    text.parse()
        .map_err(|e| AppError::Internal(format!("stored status: {e}")))
}

fn not_found(number: i64) -> AppError {
    AppError::NotFound(format!("{} does not exist", adr_key::display(number)))
}

/// Who deleted a draft, and when.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Deletion {
    pub deleted_at: String,
    pub deleted_by: String,
}

fn gone(number: i64, deletion: &Deletion) -> AppError {
    AppError::Gone(format!(
        "{} was deleted by {} at {}; its number is not reused",
        adr_key::display(number),
        deletion.deleted_by,
        deletion.deleted_at
    ))
}

/// Who deleted ADR `number` and when, or `None` when it is live or never existed.
pub async fn deletion(
    db: impl sqlx::SqliteExecutor<'_>,
    number: i64,
) -> Result<Option<Deletion>, AppError> {
    Ok(sqlx::query_as(
        "SELECT deleted_at, deleted_by FROM adrs WHERE number = ? AND deleted_at IS NOT NULL",
    )
    .bind(number)
    .fetch_optional(db)
    .await?)
}

/// The error for an ADR that no live row holds: gone (410) when it was deleted, else 404.
async fn absent(db: impl sqlx::SqliteExecutor<'_>, number: i64) -> AppError {
    match deletion(db, number).await {
        Ok(Some(deletion)) => gone(number, &deletion),
        Ok(None) => not_found(number),
        Err(e) => e,
    }
}

/// Fails unless ADR `number` exists and is not deleted, on the caller's connection (inside
/// its write transaction, so that the ADR is still there when the write lands).
pub async fn require_in(conn: &mut SqliteConnection, number: i64) -> Result<(), AppError> {
    if exists(&mut *conn, number).await? {
        Ok(())
    } else {
        Err(absent(&mut *conn, number).await)
    }
}

/// The version of live ADR `number`, or why there is none.
pub async fn version(pool: &SqlitePool, number: i64) -> Result<i64, AppError> {
    let version: Option<i64> =
        sqlx::query_scalar("SELECT version FROM adrs WHERE number = ? AND deleted_at IS NULL")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    match version {
        Some(version) => Ok(version),
        None => Err(absent(pool, number).await),
    }
}

/// Stores a new ADR as a draft and returns its number, taken from the never-reused sequence.
pub async fn insert(
    pool: &SqlitePool,
    actor: &Actor,
    doc: &AdrDocument,
    rendered: &RenderedAdr,
    now: &str,
) -> Result<i64, AppError> {
    let document = json_column::write(doc)?;
    let rendered = json_column::write(rendered)?;
    let mut tx = begin_write(pool).await?;
    let number: i64 = sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'adr_number' RETURNING value",
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO adrs (number, title, status, decided_on, document, rendered, summary, \
         version, content_version, accepted_version, created_at, created_by, updated_at, updated_by) \
         VALUES (?, ?, 'draft', ?, ?, ?, ?, 1, 1, NULL, ?, ?, ?, ?)",
    )
    .bind(number)
    .bind(&doc.title)
    .bind(&doc.date)
    .bind(&document)
    .bind(&rendered)
    .bind(list_fields(doc)?)
    .bind(now)
    .bind(actor.id())
    .bind(now)
    .bind(actor.id())
    .execute(&mut *tx)
    .await?;
    write_lookups(&mut tx, number, doc, Lookups::New).await?;
    count_status_move(&mut tx, None, Status::Draft).await?;
    let revision = NewRevision {
        number,
        revision: 1,
        status: Status::Draft,
        previous_status: None,
        document: &document,
        change: "created",
    };
    insert_revision(&mut tx, &revision, actor, now).await?;
    tx.commit().await?;
    Ok(number)
}

/// The status, version and stored document of ADR `number`, read on the caller's connection
/// inside its write transaction (so that what it then writes rests on what it read).
async fn current_in(
    conn: &mut SqliteConnection,
    number: i64,
) -> Result<(Status, i64, String), AppError> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT status, version, document FROM adrs WHERE number = ? AND deleted_at IS NULL",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, version, document)) = row else {
        return Err(absent(&mut *conn, number).await);
    };
    Ok((parse_status(&status)?, version, document))
}

/// How an imported ADR's status move reads in its history.
fn imported_change(from: Status, to: Status) -> String {
    format!("status: {from} -> {to} (imported)")
}

/// Stores an imported ADR under `number` (which the caller found free) inside the caller's
/// write transaction: created as a draft, then moved to `status` by an "imported"
/// transition, recorded like any other. The number sequence moves past `number`.
pub async fn insert_imported_in(
    tx: &mut SqliteConnection,
    actor: &Actor,
    number: i64,
    doc: &AdrDocument,
    rendered: &RenderedAdr,
    status: Status,
    now: &str,
) -> Result<i64, AppError> {
    let document = json_column::write(doc)?;
    sqlx::query(
        "UPDATE counters SET value = CASE WHEN value < ? THEN ? ELSE value END WHERE name = 'adr_number'",
    )
    .bind(number)
    .bind(number)
    .execute(&mut *tx)
    .await?;
    // Stored at once where the import leaves it; its history still reads created as a
    // draft (revision 1) and then the imported move (revision 2).
    let version = if status == Status::Draft { 1 } else { 2 };
    sqlx::query(
        "INSERT INTO adrs (number, title, status, decided_on, document, rendered, summary, \
         version, content_version, accepted_version, created_at, created_by, updated_at, updated_by) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
    )
    .bind(number)
    .bind(&doc.title)
    .bind(status.as_str())
    .bind(&doc.date)
    .bind(&document)
    .bind(json_column::write(rendered)?)
    .bind(list_fields(doc)?)
    .bind(version)
    .bind((status == Status::Accepted).then_some(version))
    .bind(now)
    .bind(actor.id())
    .bind(now)
    .bind(actor.id())
    .execute(&mut *tx)
    .await?;
    write_lookups(&mut *tx, number, doc, Lookups::New).await?;
    count_status_move(&mut *tx, None, status).await?;
    let created = NewRevision {
        number,
        revision: 1,
        status: Status::Draft,
        previous_status: None,
        document: &document,
        change: "imported",
    };
    insert_revision(&mut *tx, &created, actor, now).await?;
    if status != Status::Draft {
        let change = imported_change(Status::Draft, status);
        let moved = NewRevision {
            number,
            revision: 2,
            status,
            previous_status: Some(Status::Draft),
            document: &document,
            change: &change,
        };
        insert_revision(&mut *tx, &moved, actor, now).await?;
    }
    Ok(version)
}

/// Moves ADR `number` to `to` as an import does: without the lifecycle's rules (the file
/// says where the decision stands), recorded as an "imported" transition. Returns the
/// version, unchanged when the status already is `to`.
pub async fn set_status_imported_in(
    tx: &mut SqliteConnection,
    actor: &Actor,
    number: i64,
    to: Status,
    now: &str,
) -> Result<i64, AppError> {
    let (from, version, document) = current_in(&mut *tx, number).await?;
    if from == to {
        return Ok(version);
    }
    let moved = StatusMove {
        number,
        from,
        to,
        version,
        document: &document,
        change: &imported_change(from, to),
    };
    record_status_move(tx, actor, &moved, now).await
}

/// A status move about to be stored.
struct StatusMove<'a> {
    number: i64,
    from: Status,
    to: Status,
    /// The version it moves from.
    version: i64,
    document: &'a str,
    change: &'a str,
}

/// Stores a status move: the new status and version (an acceptance remembers its
/// version), the per-status counters, and the revision. Returns the new version.
async fn record_status_move(
    tx: &mut SqliteConnection,
    actor: &Actor,
    moved: &StatusMove<'_>,
    now: &str,
) -> Result<i64, AppError> {
    let next = moved.version + 1;
    sqlx::query(
        "UPDATE adrs SET status = ?, version = ?, \
         accepted_version = CASE WHEN ? = 'accepted' THEN ? ELSE accepted_version END, \
         updated_at = ?, updated_by = ? WHERE number = ?",
    )
    .bind(moved.to.as_str())
    .bind(next)
    .bind(moved.to.as_str())
    .bind(next)
    .bind(now)
    .bind(actor.id())
    .bind(moved.number)
    .execute(&mut *tx)
    .await?;
    count_status_move(&mut *tx, Some(moved.from), moved.to).await?;
    let revision = NewRevision {
        number: moved.number,
        revision: next,
        status: moved.to,
        previous_status: Some(moved.from),
        document: moved.document,
        change: moved.change,
    };
    insert_revision(&mut *tx, &revision, actor, now).await?;
    Ok(next)
}

/// The outcome of a document save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    pub version: i64,
    /// False when the document equalled the stored one, so no revision was made.
    pub changed: bool,
}

/// Replaces the document of ADR `number`, which must still be at `expected_version`.
pub async fn update_document(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    expected_version: i64,
    doc: &AdrDocument,
    rendered: &RenderedAdr,
    now: &str,
) -> Result<Saved, AppError> {
    let mut tx = begin_write(pool).await?;
    let saved =
        update_document_in(&mut tx, actor, number, expected_version, doc, rendered, now).await?;
    tx.commit().await?;
    Ok(saved)
}

/// [`update_document`] inside a write transaction the caller commits, for changes that
/// must land together with it.
pub async fn update_document_in(
    tx: &mut SqliteConnection,
    actor: &Actor,
    number: i64,
    expected_version: i64,
    doc: &AdrDocument,
    rendered: &RenderedAdr,
    now: &str,
) -> Result<Saved, AppError> {
    let (status, version, stored) = current_in(&mut *tx, number).await?;
    AppError::check_version(expected_version, version)?;
    if json_column::read::<AdrDocument>(&stored, "ADR")? == *doc {
        return Ok(Saved {
            version,
            changed: false,
        });
    }
    let document = json_column::write(doc)?;
    let next = version + 1;
    sqlx::query(
        "UPDATE adrs SET title = ?, decided_on = ?, document = ?, rendered = ?, summary = ?, \
         version = ?, content_version = ?, updated_at = ?, updated_by = ? WHERE number = ?",
    )
    .bind(&doc.title)
    .bind(&doc.date)
    .bind(&document)
    .bind(json_column::write(rendered)?)
    .bind(list_fields(doc)?)
    .bind(next)
    .bind(next)
    .bind(now)
    .bind(actor.id())
    .bind(number)
    .execute(&mut *tx)
    .await?;
    write_lookups(&mut *tx, number, doc, Lookups::Replace).await?;
    let revision = NewRevision {
        number,
        revision: next,
        status,
        previous_status: None,
        document: &document,
        change: "edited",
    };
    insert_revision(&mut *tx, &revision, actor, now).await?;
    assessment_repo::refresh_deviation(&mut *tx, number, doc.chosen_option.as_deref()).await?;
    Ok(Saved {
        version: next,
        changed: true,
    })
}

/// Moves ADR `number` to status `to`. For `superseded`, `successors` name the ADRs that
/// supersede it; they must exist and must not close a supersede cycle.
pub async fn transition(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    to: Status,
    successors: &[i64],
    now: &str,
) -> Result<i64, AppError> {
    let mut tx = begin_write(pool).await?;
    let (from, version, document) = current_in(&mut tx, number).await?;
    if !from.can_move_to(to) {
        return Err(AppError::IllegalTransition { from, to });
    }
    if to == Status::Superseded {
        if successors.is_empty() {
            return Err(AppError::invalid(
                "superseded_by",
                "superseded needs superseded_by: the numbers of one or more ADRs that replace this one",
            ));
        }
        let mut edges = supersede_edges(&mut tx).await?;
        for &successor in successors {
            if !exists(&mut tx, successor).await? {
                return Err(AppError::invalid(
                    "superseded_by",
                    format!("{} does not exist", adr_key::display(successor)),
                ));
            }
            if let Some(cycle) = supersede_cycle(&edges, successor, number) {
                return Err(cycle_error("superseded_by", &cycle));
            }
            insert_link(&mut tx, successor, LinkKind::Supersedes, number, actor, now).await?;
            edges.push((successor, number));
        }
    } else if !successors.is_empty() {
        return Err(AppError::invalid(
            "superseded_by",
            "superseded_by is only allowed when the status is superseded",
        ));
    }
    let change = format!("status: {from} -> {to}");
    let moved = StatusMove {
        number,
        from,
        to,
        version,
        document: &document,
        change: &change,
    };
    let next = record_status_move(&mut tx, actor, &moved, now).await?;
    tx.commit().await?;
    Ok(next)
}

/// Records "`number` *relation* `target`". Returns false when the link already existed.
pub async fn link(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    relation: RelationType,
    target: i64,
    now: &str,
) -> Result<bool, AppError> {
    let mut tx = begin_write(pool).await?;
    require_in(&mut tx, number).await?;
    if target == number {
        return Err(AppError::invalid(
            "target",
            "an ADR cannot be linked to itself",
        ));
    }
    if !exists(&mut tx, target).await? {
        return Err(AppError::invalid(
            "target",
            format!("{} does not exist", adr_key::display(target)),
        ));
    }
    let (kind, outgoing) = relation.as_link();
    let (source, dest) = match kind {
        // Symmetric: one row, whichever end asked, so it is never stored twice.
        LinkKind::Relates => (number.min(target), number.max(target)),
        _ if outgoing => (number, target),
        _ => (target, number),
    };
    if kind == LinkKind::Supersedes {
        let edges = supersede_edges(&mut tx).await?;
        if let Some(cycle) = supersede_cycle(&edges, source, dest) {
            return Err(cycle_error("target", &cycle));
        }
    }
    let created = insert_link(&mut tx, source, kind, dest, actor, now).await?;
    tx.commit().await?;
    Ok(created)
}

/// Removes "`number` *relation* `target`", recorded in the history of both ADRs. A
/// superseded ADR keeps the last link that names its successor: superseded is final.
pub async fn unlink(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    relation: RelationType,
    target: i64,
    now: &str,
) -> Result<(), AppError> {
    let mut tx = begin_write(pool).await?;
    let (status, version, document) = current_in(&mut tx, number).await?;
    let (kind, outgoing) = relation.as_link();
    let (source, dest) = match kind {
        LinkKind::Relates => (number.min(target), number.max(target)),
        _ if outgoing => (number, target),
        _ => (target, number),
    };
    if kind == LinkKind::Supersedes {
        let successors: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM adr_links WHERE kind = 'supersedes' AND target = ?",
        )
        .bind(dest)
        .fetch_one(&mut *tx)
        .await?;
        let superseded: Option<String> =
            sqlx::query_scalar("SELECT status FROM adrs WHERE number = ?")
                .bind(dest)
                .fetch_optional(&mut *tx)
                .await?;
        if successors == 1 && superseded.as_deref() == Some(Status::Superseded.as_str()) {
            return Err(AppError::invalid(
                "target",
                format!(
                    "{} is superseded by {} alone, and superseded is final: the link stays",
                    adr_key::display(dest),
                    adr_key::display(source)
                ),
            ));
        }
    }
    let removed = sqlx::query("DELETE FROM adr_links WHERE source = ? AND kind = ? AND target = ?")
        .bind(source)
        .bind(kind.as_str())
        .bind(dest)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(AppError::NotFound(format!(
            "{} has no relation \"{} {}\"",
            adr_key::display(number),
            relation.label().to_lowercase(),
            adr_key::display(target)
        )));
    }
    let change = format!(
        "relation removed: {} {}",
        relation.label().to_lowercase(),
        adr_key::display(target)
    );
    let note = Note {
        number,
        status,
        version,
        document: &document,
        change: &change,
    };
    record_note(&mut tx, actor, &note, now).await?;
    if let Ok((status, version, document)) = current_in(&mut tx, target).await {
        let change = format!(
            "relation removed: {} {}",
            relation.reverse().label().to_lowercase(),
            adr_key::display(number)
        );
        let note = Note {
            number: target,
            status,
            version,
            document: &document,
            change: &change,
        };
        record_note(&mut tx, actor, &note, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes draft `number`: its row stays, marked with who and when, so that its number is
/// never reused and its page can say what became of it; it leaves every list, search and
/// count. Any other status is refused: a proposed decision is part of the record.
pub async fn delete_draft(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    now: &str,
) -> Result<(), AppError> {
    let mut tx = begin_write(pool).await?;
    let (status, version, document) = current_in(&mut tx, number).await?;
    if status != Status::Draft {
        return Err(AppError::NotDraft { status });
    }
    let note = Note {
        number,
        status,
        version,
        document: &document,
        change: "deleted",
    };
    record_note(&mut tx, actor, &note, now).await?;
    sqlx::query("UPDATE adrs SET deleted_at = ?, deleted_by = ? WHERE number = ?")
        .bind(now)
        .bind(actor.id())
        .bind(number)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE counters SET value = value - 1 WHERE name = ?")
        .bind(format!("status:{status}"))
        .execute(&mut *tx)
        .await?;
    clear_lookups(&mut tx, number).await?;
    tx.commit().await?;
    Ok(())
}

/// Records `change` in the history of live ADR `number` (a change to something it holds,
/// such as its assessment, that leaves its document and status as they are), inside the
/// caller's write transaction.
pub async fn note_in(
    conn: &mut SqliteConnection,
    actor: &Actor,
    number: i64,
    change: &str,
    now: &str,
) -> Result<(), AppError> {
    let (status, version, document) = current_in(&mut *conn, number).await?;
    let note = Note {
        number,
        status,
        version,
        document: &document,
        change,
    };
    record_note(conn, actor, &note, now).await?;
    Ok(())
}

/// A change to an ADR that leaves its document and status as they are.
struct Note<'a> {
    number: i64,
    status: Status,
    /// The version it changes from.
    version: i64,
    document: &'a str,
    change: &'a str,
}

/// Records `note` as the ADR's next version and revision, so that its history says who
/// made the change and when.
async fn record_note(
    tx: &mut SqliteConnection,
    actor: &Actor,
    note: &Note<'_>,
    now: &str,
) -> Result<i64, AppError> {
    let next = note.version + 1;
    sqlx::query("UPDATE adrs SET version = ?, updated_at = ?, updated_by = ? WHERE number = ?")
        .bind(next)
        .bind(now)
        .bind(actor.id())
        .bind(note.number)
        .execute(&mut *tx)
        .await?;
    let revision = NewRevision {
        number: note.number,
        revision: next,
        status: note.status,
        previous_status: None,
        document: note.document,
        change: note.change,
    };
    insert_revision(&mut *tx, &revision, actor, now).await?;
    Ok(next)
}

fn cycle_error(field: &str, cycle: &[i64]) -> AppError {
    let path: Vec<String> = cycle.iter().map(|n| adr_key::display(*n)).collect();
    AppError::invalid(
        field,
        format!(
            "this would make a supersede cycle: {}",
            path.join(" supersedes ")
        ),
    )
}

async fn exists(conn: &mut SqliteConnection, number: i64) -> Result<bool, AppError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT number FROM adrs WHERE number = ? AND deleted_at IS NULL")
            .bind(number)
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

async fn supersede_edges(conn: &mut SqliteConnection) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(
        sqlx::query_as("SELECT source, target FROM adr_links WHERE kind = 'supersedes'")
            .fetch_all(conn)
            .await?,
    )
}

async fn insert_link(
    conn: &mut SqliteConnection,
    source: i64,
    kind: LinkKind,
    target: i64,
    actor: &Actor,
    now: &str,
) -> Result<bool, AppError> {
    let result = sqlx::query(
        "INSERT INTO adr_links (source, kind, target, actor, created_at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (source, kind, target) DO NOTHING",
    )
    .bind(source)
    .bind(kind.as_str())
    .bind(target)
    .bind(actor.id())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A revision about to be stored.
struct NewRevision<'a> {
    number: i64,
    revision: i64,
    status: Status,
    previous_status: Option<Status>,
    document: &'a str,
    change: &'a str,
}

async fn insert_revision(
    conn: &mut SqliteConnection,
    revision: &NewRevision<'_>,
    actor: &Actor,
    now: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO adr_revisions (adr_number, revision, status, previous_status, document, change, actor, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(revision.number)
    .bind(revision.revision)
    .bind(revision.status.as_str())
    .bind(revision.previous_status.map(Status::as_str))
    .bind(revision.document)
    .bind(revision.change)
    .bind(actor.id())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the filter lookup rows and the search text of ADR `number`.
async fn clear_lookups(conn: &mut SqliteConnection, number: i64) -> Result<(), AppError> {
    for table in ["adr_tags", "adr_people", "adr_tickets", "adr_search"] {
        let key = if table == "adr_search" {
            "rowid"
        } else {
            "adr_number"
        };
        sqlx::query(&format!("DELETE FROM {table} WHERE {key} = ?"))
            .bind(number)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Whether an ADR's lookup rows are written for the first time or replace older ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lookups {
    New,
    Replace,
}

async fn write_lookups(
    conn: &mut SqliteConnection,
    number: i64,
    doc: &AdrDocument,
    lookups: Lookups,
) -> Result<(), AppError> {
    if lookups == Lookups::Replace {
        clear_lookups(&mut *conn, number).await?;
    }
    // One statement per table: each round trip to SQLite's thread costs more than a row.
    for (table, column, values) in [
        ("adr_tags", "tag", &doc.tags),
        ("adr_tickets", "ticket", &doc.tickets),
    ] {
        if values.is_empty() {
            continue;
        }
        QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table} (adr_number, {column}) "))
            .push_values(values, |mut row, value| {
                row.push_bind(number).push_bind(value.clone());
            })
            .build()
            .execute(&mut *conn)
            .await?;
    }
    let people: Vec<(&str, &String)> = [
        ("decision_maker", &doc.decision_makers),
        ("consulted", &doc.consulted),
        ("informed", &doc.informed),
    ]
    .into_iter()
    .flat_map(|(role, names)| names.iter().map(move |name| (role, name)))
    .collect();
    if !people.is_empty() {
        QueryBuilder::<Sqlite>::new("INSERT INTO adr_people (adr_number, role, name) ")
            .push_values(&people, |mut row, (role, name)| {
                row.push_bind(number)
                    .push_bind(*role)
                    .push_bind((*name).clone());
            })
            .build()
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("INSERT INTO adr_search (rowid, title, body) VALUES (?, ?, ?)")
        .bind(number)
        .bind(&doc.title)
        .bind(search::body_text(doc))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The version and document of ADR `number`, read on the caller's connection (inside its
/// write transaction, so that what it then writes rests on what it read).
pub async fn document_in(
    conn: &mut SqliteConnection,
    number: i64,
) -> Result<(i64, AdrDocument), AppError> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT version, document FROM adrs WHERE number = ? AND deleted_at IS NULL",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((version, document)) = row else {
        return Err(absent(&mut *conn, number).await);
    };
    Ok((version, json_column::read(&document, "ADR")?))
}

/// The tags, decision-makers and people in use on live ADRs, most used first (200 of each
/// at most), for the inputs' suggestions.
pub async fn suggestions(pool: &SqlitePool) -> Result<Suggestions, AppError> {
    const LIMIT: i64 = 200;
    let in_use = |rows: Vec<(String, i64)>| -> Vec<InUse> {
        rows.into_iter()
            .map(|(value, count)| InUse { value, count })
            .collect()
    };
    let tags: Vec<(String, i64)> = sqlx::query_as(
        "SELECT tag, COUNT(*) AS n FROM adr_tags GROUP BY tag ORDER BY n DESC, tag LIMIT ?",
    )
    .bind(LIMIT)
    .fetch_all(pool)
    .await?;
    let decision_makers: Vec<(String, i64)> = sqlx::query_as(
        "SELECT name, COUNT(*) AS n FROM adr_people WHERE role = 'decision_maker' \
         GROUP BY name ORDER BY n DESC, name LIMIT ?",
    )
    .bind(LIMIT)
    .fetch_all(pool)
    .await?;
    let people: Vec<(String, i64)> = sqlx::query_as(
        "SELECT name, COUNT(DISTINCT adr_number) AS n FROM adr_people \
         GROUP BY name ORDER BY n DESC, name LIMIT ?",
    )
    .bind(LIMIT)
    .fetch_all(pool)
    .await?;
    Ok(Suggestions {
        tags: in_use(tags),
        decision_makers: in_use(decision_makers),
        people: in_use(people),
    })
}

/// The status of ADR `number` alone (what a badge shows), or `not_found`.
pub async fn status(pool: &SqlitePool, number: i64) -> Result<Status, AppError> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM adrs WHERE number = ? AND deleted_at IS NULL")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    match status {
        Some(status) => parse_status(&status),
        None => Err(absent(pool, number).await),
    }
}

/// Live ADR `number` with its relations, or why there is none (404, or 410 once deleted).
pub async fn get(pool: &SqlitePool, number: i64) -> Result<StoredAdr, AppError> {
    let row: Option<AdrRow> = sqlx::query_as(
        "SELECT number, status, version, content_version, accepted_version, document, rendered, \
         created_at, created_by, updated_at, updated_by FROM adrs \
         WHERE number = ? AND deleted_at IS NULL",
    )
    .bind(number)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Err(absent(pool, number).await);
    };
    let relations = relations(pool, number).await?;
    Ok(StoredAdr {
        adr: Adr {
            number: row.number,
            status: parse_status(&row.status)?,
            version: row.version,
            content_version: row.content_version,
            document: json_column::read(&row.document, "ADR")?,
            relations,
            created_at: row.created_at,
            created_by: row.created_by,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
            accepted_version: row.accepted_version,
        },
        rendered: json_column::read(&row.rendered, "ADR")?,
    })
}

async fn relations(pool: &SqlitePool, number: i64) -> Result<Vec<Relation>, AppError> {
    let rows: Vec<(String, i64, i64, String)> = sqlx::query_as(
        "SELECT l.kind, l.source, l.target, a.title FROM adr_links l \
         JOIN adrs a ON a.number = CASE WHEN l.source = ? THEN l.target ELSE l.source END \
         WHERE (l.source = ? OR l.target = ?) AND a.deleted_at IS NULL ORDER BY l.created_at, l.kind, l.source, l.target",
    )
    .bind(number)
    .bind(number)
    .bind(number)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(kind, source, target, title)| {
            let kind: LinkKind = kind
                .parse()
                .map_err(|e| AppError::Internal(format!("stored link: {e}")))?;
            let (kind, other) = if source == number {
                (kind.forward(), target)
            } else {
                (kind.reverse(), source)
            };
            Ok(Relation {
                kind,
                number: other,
                title,
            })
        })
        .collect()
}

/// How many of the newest search matches are ranked by relevance. Ranking (BM25) costs
/// time for every match it scores, so a word found in every ADR would cost time in
/// proportion to the whole log; ranking a bounded window of the newest matches keeps every
/// search fast. Deeper pages widen the window so that they are never empty.
pub const RANK_WINDOW: i64 = 500;

/// Appends the non-search filters of `query` as `AND ...` conditions on `adrs a`.
fn push_filters(builder: &mut QueryBuilder<'_, Sqlite>, query: &ListQuery) {
    if let Some(status) = query.status {
        builder.push(" AND a.status = ").push_bind(status.as_str());
    }
    if let Some(tag) = &query.tag {
        builder
            .push(
                " AND EXISTS (SELECT 1 FROM adr_tags t WHERE t.adr_number = a.number AND t.tag = ",
            )
            .push_bind(tag.clone())
            .push(")");
    }
    if let Some(name) = &query.decision_maker {
        builder
            .push(
                " AND EXISTS (SELECT 1 FROM adr_people p WHERE p.adr_number = a.number \
                 AND p.role = 'decision_maker' AND p.name = ",
            )
            .push_bind(name.clone())
            .push(")");
    }
    if let Some(ticket) = &query.ticket {
        builder
            .push(" AND EXISTS (SELECT 1 FROM adr_tickets k WHERE k.adr_number = a.number AND k.ticket = ")
            .push_bind(ticket.clone())
            .push(")");
    }
    if let Some((matrix, row)) = &query.cites {
        builder
            .push(" AND EXISTS (SELECT 1 FROM adr_citations c WHERE c.adr_number = a.number AND c.matrix_id = ")
            .push_bind(matrix.clone())
            .push(" AND c.row_id = ")
            .push_bind(row.clone())
            .push(")");
    }
    if let Some(deviation) = query.deviation {
        builder
            .push(" AND COALESCE((SELECT s.deviation FROM adr_assessments s WHERE s.adr_number = a.number), 'none') = ")
            .push_bind(deviation.as_str());
    }
    if let Some(from) = &query.date_from {
        builder
            .push(" AND a.decided_on >= ")
            .push_bind(from.clone());
    }
    if let Some(to) = &query.date_to {
        builder.push(" AND a.decided_on <= ").push_bind(to.clone());
    }
}

const SUMMARY_COLUMNS: &str = "SELECT a.number, a.title, a.status, a.decided_on, a.version, a.updated_at, a.summary, \
     COALESCE((SELECT s.deviation FROM adr_assessments s WHERE s.adr_number = a.number), 'none') AS deviation";

/// One page of the list and the number of ADRs that match in all.
pub async fn list(
    pool: &SqlitePool,
    query: &ListQuery,
) -> Result<(Vec<AdrSummary>, i64), AppError> {
    let fts = match query.q.as_deref() {
        Some(q) => match search::fts_query(q) {
            Some(fts) => Some(fts),
            // Nothing searchable (only punctuation): nothing matches.
            None => return Ok((Vec::new(), 0)),
        },
        None => None,
    };
    let total: i64 = match &fts {
        // Search alone: the index counts its matches without touching the table.
        Some(fts) if !query.has_filters() => {
            sqlx::query_scalar("SELECT COUNT(*) FROM adr_search WHERE adr_search MATCH ?")
                .bind(fts)
                .fetch_one(pool)
                .await?
        }
        _ => {
            let mut count = QueryBuilder::<Sqlite>::new(
                "SELECT COUNT(*) FROM adrs a WHERE a.deleted_at IS NULL",
            );
            if let Some(fts) = &fts {
                count
                    .push(" AND a.number IN (SELECT rowid FROM adr_search WHERE adr_search MATCH ")
                    .push_bind(fts.clone())
                    .push(")");
            }
            push_filters(&mut count, query);
            count.build_query_scalar().fetch_one(pool).await?
        }
    };
    if total == 0 {
        return Ok((Vec::new(), 0));
    }

    let mut select = QueryBuilder::<Sqlite>::new(SUMMARY_COLUMNS);
    match (&fts, query.sort) {
        (Some(fts), Sort::Relevance) => {
            // The index yields matches newest first and stops at the window; only those are
            // scored, then ordered by score.
            select
                .push(" FROM (SELECT adr_search.rowid AS n, adr_search.rank AS r FROM adr_search");
            if query.has_filters() {
                select.push(" JOIN adrs a ON a.number = adr_search.rowid");
            }
            select
                .push(" WHERE adr_search MATCH ")
                .push_bind(fts.clone());
            push_filters(&mut select, query);
            select
                .push(" ORDER BY adr_search.rowid DESC LIMIT ")
                .push_bind(RANK_WINDOW.max(query.offset + query.limit))
                .push(") s JOIN adrs a ON a.number = s.n ORDER BY s.r, a.number DESC");
        }
        (fts, sort) => {
            select.push(" FROM adrs a WHERE a.deleted_at IS NULL");
            if let Some(fts) = fts {
                select
                    .push(" AND a.number IN (SELECT rowid FROM adr_search WHERE adr_search MATCH ")
                    .push_bind(fts.clone())
                    .push(")");
            }
            push_filters(&mut select, query);
            select.push(match sort {
                Sort::Relevance | Sort::Newest => " ORDER BY a.number DESC",
                Sort::Oldest => " ORDER BY a.number ASC",
                Sort::DateDesc => " ORDER BY a.decided_on DESC, a.number DESC",
                Sort::DateAsc => " ORDER BY a.decided_on ASC, a.number ASC",
                Sort::Title => " ORDER BY lower(a.title), a.number",
                Sort::Updated => " ORDER BY a.updated_at DESC, a.number DESC",
            });
        }
    }
    select.push(" LIMIT ").push_bind(query.limit);
    select.push(" OFFSET ").push_bind(query.offset);
    let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(pool).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let fields: ListFields = json_column::read(&row.summary, "ADR")?;
            Ok(AdrSummary {
                number: row.number,
                title: row.title,
                status: parse_status(&row.status)?,
                date: row.decided_on,
                tags: fields.tags,
                tickets: fields.tickets,
                decision_makers: fields.decision_makers,
                deviation: DeviationState::parse(&row.deviation).ok_or_else(|| {
                    AppError::Internal(format!("stored deviation '{}'", row.deviation))
                })?,
                version: row.version,
                updated_at: row.updated_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((items, total))
}

/// Every ADR that `query` selects, across all its pages, oldest first (a relevance order
/// ranks only a window of matches; this order sees them all).
pub async fn list_all(pool: &SqlitePool, query: &ListQuery) -> Result<Vec<AdrSummary>, AppError> {
    let mut query = query.clone();
    query.sort = Sort::Oldest;
    query.limit = MAX_LIMIT;
    query.offset = 0;
    let mut all = Vec::new();
    loop {
        let (page, total) = list(pool, &query).await?;
        let got = page.len();
        all.extend(page);
        if got == 0 || all.len() as i64 >= total {
            return Ok(all);
        }
        query.offset += MAX_LIMIT;
    }
}

/// How many ADRs are in each status, in lifecycle order, zeros included.
pub async fn status_counts(pool: &SqlitePool) -> Result<Vec<(Status, i64)>, AppError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT name, value FROM counters WHERE name LIKE 'status:%'")
            .fetch_all(pool)
            .await?;
    Ok(Status::ALL
        .into_iter()
        .map(|status| {
            let count = rows
                .iter()
                .find(|(name, _)| name.strip_prefix("status:") == Some(status.as_str()))
                .map_or(0, |(_, n)| *n);
            (status, count)
        })
        .collect())
}

/// Every revision of ADR `number`, newest first.
pub async fn revisions(pool: &SqlitePool, number: i64) -> Result<Vec<RevisionInfo>, AppError> {
    let rows: Vec<RevisionRow> = sqlx::query_as(
        "SELECT revision, status, previous_status, change, actor, created_at FROM adr_revisions \
         WHERE adr_number = ? ORDER BY revision DESC",
    )
    .bind(number)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(revision_info).collect()
}

fn revision_info(row: RevisionRow) -> Result<RevisionInfo, AppError> {
    Ok(RevisionInfo {
        revision: row.revision,
        status: parse_status(&row.status)?,
        previous_status: row
            .previous_status
            .as_deref()
            .map(parse_status)
            .transpose()?,
        change: row.change,
        actor: row.actor,
        created_at: row.created_at,
    })
}

/// Revision `revision` of ADR `number` as it was saved.
pub async fn revision(
    pool: &SqlitePool,
    number: i64,
    revision: i64,
) -> Result<Option<(RevisionInfo, AdrDocument)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        info: RevisionRow,
        document: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT revision, status, previous_status, change, actor, created_at, document \
         FROM adr_revisions WHERE adr_number = ? AND revision = ?",
    )
    .bind(number)
    .bind(revision)
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        Ok((
            revision_info(row.info)?,
            json_column::read(&row.document, "ADR")?,
        ))
    })
    .transpose()
}

#[cfg(test)]
mod tests;
