//! Importing ADR files from other tools (and from Tradeoff's own export), for all three
//! doors: the browser's upload form, `POST /api/v1/import` and `tradeoff import DIR`.
//! Each file keeps its number when that is free, or is renumbered (and the links that point
//! at it rewritten); files without numbers get them in date order. Relations are rebuilt
//! after every file is stored, and the files an ADR references become its attachments.
//! One broken file never stops the others, and each file is one transaction.

pub mod read;
#[cfg(test)]
mod robustness;
pub mod sources;
pub mod text;

use crate::model::adr::AdrDocument;
use crate::model::adr_key;
use crate::model::import::{FileOutcome, FileReport, ImportReport};
use crate::model::relation::{LinkKind, RelationType};
use crate::model::status::Status;
use crate::model::validation::normalize;
use crate::ssr::actor::Actor;
use crate::ssr::adr_repo;
use crate::ssr::db::begin_write;
use crate::ssr::error::AppError;
use crate::ssr::export::file_name;
use crate::ssr::import_repo::{self, Attachment, Source};
use crate::ssr::render::{RenderedAdr, render};
use read::{Outcome, ReadFile};
use sources::Tree;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;
use text::Target;

/// A file read and given its number.
struct Planned {
    path: String,
    read: ReadFile,
    number: i64,
    /// The hash of what the import stores, to tell an unchanged file.
    hash: String,
    attachments: Vec<Attachment>,
}

/// A relative reference in markdown: `](target)` or `src="target"`.
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [("](", ')'), ("src=\"", '"')] {
        let mut rest = text;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let Some(end) = after.find(close) else { break };
            let target = after[..end].split_whitespace().next().unwrap_or("");
            let target = target.trim_matches(['<', '>']);
            if !target.is_empty()
                && !target.contains("://")
                && !target.starts_with(['/', '#'])
                && !target.starts_with("mailto:")
            {
                out.push(target.to_owned());
            }
            rest = &after[end..];
        }
    }
    out
}

/// Every markdown text of a document, to read or rewrite.
fn texts_mut(doc: &mut AdrDocument) -> Vec<&mut String> {
    let mut out: Vec<&mut String> = vec![
        &mut doc.context,
        &mut doc.justification,
        &mut doc.confirmation,
        &mut doc.more_information,
    ];
    out.extend(doc.decision_drivers.iter_mut());
    out.extend(doc.consequences_good.iter_mut());
    out.extend(doc.consequences_bad.iter_mut());
    for option in &mut doc.options {
        out.push(&mut option.description);
        out.extend(option.good.iter_mut());
        out.extend(option.neutral.iter_mut());
        out.extend(option.bad.iter_mut());
    }
    out
}

/// Replaces the link target `from` with `to` in every text of `doc`.
pub fn rewrite_target(doc: &mut AdrDocument, from: &str, to: &str) {
    for text in texts_mut(doc) {
        for (open, close) in [("](", ")"), ("](./", ")"), ("src=\"", "\"")] {
            let old = format!("{open}{from}{close}");
            if text.contains(&old) {
                *text = text.replace(&old, &format!("{}{to}{close}", open.trim_end_matches("./")));
            }
        }
    }
}

/// `target` relative to the folder of `path`, as a path in the tree, if it stays inside.
fn resolve(path: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next()?;
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let joined = if dir.is_empty() {
        target.to_owned()
    } else {
        format!("{dir}/{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The media type of an attachment, from its extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "txt" | "csv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The path below `/adr/{n}/` at which an attachment is served.
pub fn attachment_path(number: i64, name: &str) -> String {
    format!("/adr/{number}/files/{name}")
}

/// Gives each read file its number: its own when free (or when an earlier import of the
/// same path holds it), else the next free one; files without numbers in date order.
fn assign(
    read: Vec<(String, ReadFile)>,
    taken: &BTreeSet<i64>,
    by_path: &HashMap<String, i64>,
    counter: i64,
) -> Vec<(String, ReadFile, i64, Option<i64>)> {
    let mut claimed: BTreeSet<i64> = BTreeSet::new();
    let mut numbered = Vec::new();
    let mut later = Vec::new();
    for (path, file) in read {
        if let Some(&n) = by_path.get(&path) {
            claimed.insert(n);
            numbered.push((path, file, n, None));
            continue;
        }
        match file.number {
            Some(n) if !taken.contains(&n) && !claimed.contains(&n) => {
                claimed.insert(n);
                numbered.push((path, file, n, None));
            }
            _ => later.push((path, file)),
        }
    }
    // Renumbered files in path order, then those without numbers by date.
    later.sort_by(|(pa, a), (pb, b)| {
        (a.number.is_none(), &a.sort_key, pa).cmp(&(b.number.is_none(), &b.sort_key, pb))
    });
    let mut next = taken
        .iter()
        .chain(claimed.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(counter);
    for (path, file) in later {
        next += 1;
        let old = file.number;
        numbered.push((path, file, next, old));
    }
    numbered
}

fn hash_of(parts: &[&[u8]]) -> String {
    let mut hasher = rustc_hash::FxHasher::default();
    for part in parts {
        hasher.write_usize(part.len());
        hasher.write(part);
    }
    format!("{:016x}", hasher.finish())
}

/// Imports the ADR files in `tree` (a repository root or an ADR folder).
pub async fn import(
    pool: &SqlitePool,
    actor: &Actor,
    tree: &Tree,
    today: &str,
    now: &str,
) -> Result<ImportReport, AppError> {
    let (folder, files) = sources::adr_folder(tree);
    let mut report = ImportReport {
        folder,
        ..ImportReport::default()
    };
    let others: BTreeMap<&str, &[u8]> = files
        .iter()
        .filter(|(path, _)| !is_markdown(path))
        .map(|(path, bytes)| (path.as_str(), *bytes))
        .collect();
    let mut read_files = Vec::new();
    let mut raw: HashMap<String, &[u8]> = HashMap::new();
    for (path, bytes) in &files {
        if !is_markdown(path) {
            continue;
        }
        let skip = |reason: String| FileReport {
            path: path.clone(),
            outcome: FileOutcome::Skipped,
            number: None,
            revision: None,
            format: None,
            reason: Some(reason),
            notes: Vec::new(),
            attachments: Vec::new(),
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            report
                .files
                .push(skip("the file is not UTF-8 text".to_owned()));
            continue;
        };
        match read::read(path, text, today) {
            Outcome::Read(file) => {
                raw.insert(path.clone(), bytes);
                read_files.push((path.clone(), *file));
            }
            Outcome::Skipped(reason) => report.files.push(skip(reason)),
        }
    }

    let existing = import_repo::sources(pool).await?;
    let by_path: HashMap<String, i64> = existing
        .iter()
        .map(|s| (s.path.clone(), s.number))
        .collect();
    let hashes: HashMap<i64, String> = existing.into_iter().map(|s| (s.number, s.hash)).collect();
    let taken = import_repo::numbers(pool).await?;
    let counter = import_repo::counter(pool).await?;
    let assigned = assign(read_files, &taken, &by_path, counter);

    // What each file is called, to resolve links: by name and by the number it gave.
    let mut by_name: HashMap<String, i64> = HashMap::new();
    let mut by_old_number: HashMap<i64, i64> = HashMap::new();
    let mut renames: Vec<(String, String)> = Vec::new();
    for (path, file, number, old) in &assigned {
        let base = path.rsplit('/').next().unwrap_or(path).to_owned();
        by_name.insert(base.clone(), *number);
        by_name.insert(path.clone(), *number);
        if let Some(given) = file.number {
            by_old_number.entry(given).or_insert(*number);
        }
        if old.is_some() {
            renames.push((base, file_name(*number, &file.doc.title)));
        }
    }
    let target_number = |path: &str, target: &Target| -> Option<i64> {
        match target {
            Target::Number(n) => Some(*by_old_number.get(n).unwrap_or(n)),
            Target::File(link) => {
                let resolved = resolve(path, link)?;
                let base = resolved.rsplit('/').next().unwrap_or(&resolved);
                by_name
                    .get(&resolved)
                    .or_else(|| by_name.get(base))
                    .copied()
                    .or_else(|| {
                        let digits: String =
                            base.chars().take_while(char::is_ascii_digit).collect();
                        (digits.len() < 8).then(|| digits.parse().ok()).flatten()
                    })
            }
        }
    };

    let mut planned = Vec::new();
    let mut links: Vec<(usize, i64, LinkKind, i64, String)> = Vec::new();
    for (path, mut file, number, old) in assigned {
        if let Some(old) = old {
            file.notes.push(match file.number {
                Some(_) => format!(
                    "{} is taken: imported as {}",
                    adr_key::display(old),
                    adr_key::display(number)
                ),
                None => format!("numbered {} in date order", adr_key::display(number)),
            });
        }
        for (from, to) in &renames {
            rewrite_target(&mut file.doc, from, to);
        }
        // Relations, as stored links.
        let index = planned.len();
        for link in std::mem::take(&mut file.links) {
            let Some(other) = target_number(&path, &link.target) else {
                file.notes.push(format!(
                    "a relation ({}) names {:?}, which is neither a file here nor a number",
                    link.kind.label(),
                    link.target
                ));
                continue;
            };
            if other == number {
                continue;
            }
            let (source, kind, target) = match link.kind {
                RelationType::Supersedes => (number, LinkKind::Supersedes, other),
                RelationType::SupersededBy => (other, LinkKind::Supersedes, number),
                RelationType::Amends => (number, LinkKind::Amends, other),
                RelationType::AmendedBy => (other, LinkKind::Amends, number),
                RelationType::Relates => (number, LinkKind::Relates, other),
            };
            links.push((index, source, kind, target, link.kind.label().to_owned()));
        }
        // Attachments: relative references to files that came along.
        let mut attachments: Vec<Attachment> = Vec::new();
        let mut targets: Vec<String> = Vec::new();
        for text in texts_mut(&mut file.doc) {
            targets.extend(references(text));
        }
        targets.sort();
        targets.dedup();
        for target in targets {
            let Some(resolved) = resolve(&path, &target) else {
                continue;
            };
            let Some(bytes) = others.get(resolved.as_str()) else {
                continue;
            };
            let name = resolved.rsplit('/').next().unwrap_or(&resolved).to_owned();
            if !attachments.iter().any(|a| a.name == name) {
                attachments.push(Attachment {
                    content_type: content_type(&name).to_owned(),
                    name: name.clone(),
                    bytes: bytes.to_vec(),
                    source: resolved.clone(),
                });
            }
            rewrite_target(&mut file.doc, &target, &attachment_path(number, &name));
        }
        let mut parts: Vec<&[u8]> = vec![raw.get(&path).copied().unwrap_or_default()];
        parts.extend(attachments.iter().map(|a| a.bytes.as_slice()));
        let hash = hash_of(&parts);
        planned.push(Planned {
            path,
            read: file,
            number,
            hash,
            attachments,
        });
    }

    // Superseded needs a successor, named by this file or by another's "Supersedes".
    for plan in &mut planned {
        let succeeded = links
            .iter()
            .any(|(_, _, kind, target, _)| *kind == LinkKind::Supersedes && *target == plan.number);
        if plan.read.status == Status::Superseded && !succeeded {
            plan.read.status = Status::Deprecated;
            plan.read.notes.push(
                "superseded, but no successor could be found: imported as deprecated".to_owned(),
            );
        }
    }

    // Validate and render what changed, on every core (rendering and sanitising the
    // markdown is most of an import's time); then store each file in its own transaction.
    let changed: Vec<bool> = planned
        .iter()
        .map(|p| !(by_path.contains_key(&p.path) && hashes.get(&p.number) == Some(&p.hash)))
        .collect();
    let (planned, mut prepared) = {
        let today = today.to_owned();
        let changed = changed.clone();
        tokio::task::spawn_blocking(move || {
            let prepared = prepare_all(&planned, &changed, &today);
            (planned, prepared)
        })
        .await
        .map_err(|e| AppError::Internal(format!("preparing the import: {e}")))?
    };
    let mut stored = vec![false; planned.len()];
    for (i, plan) in planned.iter().enumerate() {
        let mut file_report = FileReport {
            path: plan.path.clone(),
            outcome: FileOutcome::Imported,
            number: Some(plan.number),
            revision: None,
            format: Some(plan.read.format.as_str().to_owned()),
            reason: None,
            notes: plan.read.notes.clone(),
            attachments: plan.attachments.iter().map(|a| a.source.clone()).collect(),
        };
        let previous = by_path.get(&plan.path).copied();
        if !changed[i] {
            file_report.outcome = FileOutcome::Unchanged;
            file_report.revision = Some(import_repo::version(pool, plan.number).await?);
            stored[i] = true;
            report.files.push(file_report);
            continue;
        }
        let ready = prepared[i]
            .take()
            .unwrap_or_else(|| Err(AppError::Internal("the file was not prepared".into())));
        let outcome = match ready {
            Ok((doc, rendered)) => {
                store(pool, actor, plan, &doc, &rendered, previous.is_some(), now).await
            }
            Err(error) => Err(error),
        };
        match outcome {
            Ok(version) => {
                file_report.outcome = if previous.is_some() {
                    FileOutcome::Updated
                } else {
                    FileOutcome::Imported
                };
                file_report.revision = Some(version);
                stored[i] = true;
            }
            Err(error) => {
                file_report.outcome = FileOutcome::Failed;
                file_report.number = None;
                file_report.reason = Some(error.to_api_error().message);
                if let AppError::Validation(problems) = &error {
                    file_report.notes.extend(
                        problems
                            .iter()
                            .map(|p| format!("{}: {}", p.field, p.message)),
                    );
                }
            }
        }
        report.files.push(file_report);
    }

    // Relations, once every file is in.
    for (index, source, kind, target, label) in links {
        let note = if !stored[index] {
            continue;
        } else {
            match adr_repo::link(pool, actor, source, kind.forward(), target, now).await {
                Ok(_) => None,
                Err(error) => Some(format!(
                    "the relation \"{label}\" between {} and {} was not stored: {}",
                    adr_key::display(source),
                    adr_key::display(target),
                    error.to_api_error().message
                )),
            }
        };
        if let Some(note) = note
            && let Some(file) = report
                .files
                .iter_mut()
                .find(|f| f.path == planned[index].path)
        {
            file.notes.push(note);
        }
    }
    report.files.sort_by(|a, b| a.path.cmp(&b.path));
    for path in others.keys() {
        let used = planned
            .iter()
            .any(|p| p.attachments.iter().any(|a| a.source == *path));
        if !used {
            report.files.push(FileReport {
                path: (*path).to_owned(),
                outcome: FileOutcome::Skipped,
                number: None,
                revision: None,
                format: None,
                reason: Some("not markdown, and no ADR references it".to_owned()),
                notes: Vec::new(),
                attachments: Vec::new(),
            });
        }
    }
    report.count();
    Ok(report)
}

fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// A file's document, checked and rendered, or why it cannot be stored.
type Prepared = Option<Result<(AdrDocument, RenderedAdr), AppError>>;

/// Checks and renders the documents of the `changed` files, split across the machine's cores.
fn prepare_all(planned: &[Planned], changed: &[bool], today: &str) -> Vec<Prepared> {
    let prepare = |(plan, changed): (&Planned, &bool)| -> Prepared {
        changed.then(|| {
            let doc = normalize(plan.read.doc.clone(), today).map_err(AppError::Validation)?;
            let rendered = render(&doc);
            Ok((doc, rendered))
        })
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = planned.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = planned
            .chunks(chunk)
            .zip(changed.chunks(chunk))
            .map(|(plans, changed)| {
                scope.spawn(move || plans.iter().zip(changed).map(prepare).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![Some(Err(AppError::Internal("rendering panicked".into())))]
                })
            })
            .collect()
    })
}

/// Stores one planned file: a new ADR, or a new revision of the one an earlier import of
/// the same path made. Returns the version.
async fn store(
    pool: &SqlitePool,
    actor: &Actor,
    plan: &Planned,
    doc: &AdrDocument,
    rendered: &RenderedAdr,
    update: bool,
    now: &str,
) -> Result<i64, AppError> {
    let mut tx = begin_write(pool).await?;
    let version = if update {
        let current = import_repo::version_in(&mut tx, plan.number).await?;
        adr_repo::update_document_in(&mut tx, actor, plan.number, current, doc, rendered, now)
            .await?;
        adr_repo::set_status_imported_in(&mut tx, actor, plan.number, plan.read.status, now).await?
    } else {
        adr_repo::insert_imported_in(
            &mut tx,
            actor,
            plan.number,
            doc,
            rendered,
            plan.read.status,
            now,
        )
        .await?
    };
    let source = Source {
        number: plan.number,
        path: plan.path.clone(),
        hash: plan.hash.clone(),
    };
    import_repo::record(
        &mut tx,
        &source,
        plan.read.format.as_str(),
        plan.read.status_text.as_deref(),
        now,
    )
    .await?;
    if update {
        import_repo::replace_files(&mut tx, plan.number, &plan.attachments).await?;
    } else {
        import_repo::add_files(&mut tx, plan.number, &plan.attachments).await?;
    }
    tx.commit().await?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_are_found_and_resolved_inside_the_folder() {
        assert_eq!(
            references(
                "![a](0008-badge.png) [b](https://x) [c](#top) <img src=\"img/d.svg\"> [e](../f.md \"t\")"
            ),
            ["0008-badge.png", "../f.md", "img/d.svg"]
        );
        assert_eq!(
            resolve("cat/0001-a.md", "../img/x.png").as_deref(),
            Some("img/x.png")
        );
        assert_eq!(resolve("0001-a.md", "../x.png"), None);
        let mut doc = AdrDocument {
            context: "See ![x](./0008-badge.png) and [y](0002-b.md).".into(),
            ..AdrDocument::default()
        };
        rewrite_target(&mut doc, "0008-badge.png", "/adr/8/files/0008-badge.png");
        rewrite_target(&mut doc, "0002-b.md", "0012-b.md");
        assert_eq!(
            doc.context,
            "See ![x](/adr/8/files/0008-badge.png) and [y](0012-b.md)."
        );
    }

    fn read_file(number: Option<i64>, sort_key: &str) -> ReadFile {
        ReadFile {
            format: read::SourceFormat::Madr,
            number,
            sort_key: sort_key.into(),
            status: Status::Accepted,
            status_text: None,
            doc: AdrDocument::default(),
            links: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn numbers_are_kept_when_free_and_given_in_order_when_not() {
        let taken: BTreeSet<i64> = [1].into();
        let by_path: HashMap<String, i64> = [("0009-again.md".to_owned(), 4)].into();
        let files = vec![
            ("0000-zero.md".to_owned(), read_file(Some(0), "a")),
            ("0001-taken.md".to_owned(), read_file(Some(1), "b")),
            ("0003-dup.md".to_owned(), read_file(Some(3), "c")),
            ("0003-dup-too.md".to_owned(), read_file(Some(3), "d")),
            ("20200102-late.md".to_owned(), read_file(None, "2020-01-02")),
            (
                "20200101-early.md".to_owned(),
                read_file(None, "2020-01-01"),
            ),
            ("0009-again.md".to_owned(), read_file(Some(9), "e")),
        ];
        let got: Vec<(String, i64)> = assign(files, &taken, &by_path, 1)
            .into_iter()
            .map(|(p, _, n, _)| (p, n))
            .collect();
        assert_eq!(
            got,
            [
                ("0000-zero.md".to_owned(), 0),
                ("0003-dup.md".to_owned(), 3),
                ("0009-again.md".to_owned(), 4),
                ("0001-taken.md".to_owned(), 5),
                ("0003-dup-too.md".to_owned(), 6),
                ("20200101-early.md".to_owned(), 7),
                ("20200102-late.md".to_owned(), 8),
            ]
        );
    }
}
