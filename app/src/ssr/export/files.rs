//! The files of an export, read from the log: one ADR's markdown with its generated block, or
//! every ADR that a list query selects with an index, in a fixed order, so that the same
//! database always gives the same bytes.

use super::generated::{self, EvidenceLine, Generated};
use super::{Form, file_name};
use crate::model::adr::Adr;
use crate::model::adr_key;
use crate::model::decision_tree::WalkState;
use crate::model::query::ListQuery;
use crate::model::relation::RelationType;
use crate::ssr::adr_repo;
use crate::ssr::assessments::{self, AssessmentReport};
use crate::ssr::attachments;
use crate::ssr::compare;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::evidence_repo;
use crate::ssr::export::generated::cell;
use crate::ssr::import::{attachment_path, rewrite_target};
use crate::ssr::import_repo;
use sqlx::SqlitePool;
use std::fmt::Write;

/// Where a repository keeps its decisions, as MADR suggests and the importer looks first.
pub const FOLDER: &str = "docs/decisions";

/// A file of an export: its path (below the export's root) and its bytes (markdown, or an
/// ADR's attachment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The findings of an assessment, one line each, options by name.
fn assessment_lines(adr: &Adr, report: &AssessmentReport) -> Vec<String> {
    let name = |id: &str| {
        adr.document
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    };
    let mut lines = Vec::new();
    for row in &report.citations {
        let judged: Vec<String> = row
            .judgements
            .iter()
            .map(|(option, judgement)| format!("{}: {}", name(option), judgement.as_str()))
            .collect();
        let mut line = format!(
            "{} (revision {}), row `{}`: {}",
            row.matrix_name,
            row.revision,
            row.row,
            row.cells.join(" — ")
        );
        if !judged.is_empty() {
            let _ = write!(line, ". Judged {}", judged.join(", "));
        }
        lines.push(line);
    }
    match &report.tree.state {
        WalkState::Outcome { outcome } => lines.push(format!(
            "Decision tree: the guide recommends \"{outcome}\"{}",
            match report.tree.agrees_with_chosen {
                Some(true) => ", as chosen",
                Some(false) => ", not the chosen option",
                None => "",
            }
        )),
        WalkState::NoRecommendation { question } => lines.push(format!(
            "Decision tree: the guide has no recommendation at \"{question}\""
        )),
        WalkState::Ask { .. } => {}
    }
    if !report.scores.is_empty() && !report.ranking.totals.is_empty() {
        let totals: Vec<String> = report
            .ranking
            .totals
            .iter()
            .map(|t| format!("{} {}", name(&t.option), t.total))
            .collect();
        let winners: Vec<String> = report.ranking.winners.iter().map(|w| name(w)).collect();
        lines.push(format!(
            "Weighted scores: {}; {} {}",
            totals.join(", "),
            if winners.len() > 1 {
                "tied:"
            } else {
                "winner:"
            },
            winners.join(", ")
        ));
    }
    for checklist in &report.checklists {
        lines.push(format!(
            "{}: {} of {} done",
            checklist.name, checklist.done, checklist.total
        ));
    }
    for threat in &report.threats {
        lines.push(format!(
            "Threat {}: {}",
            threat
                .cells
                .first()
                .map_or(threat.row.as_str(), String::as_str),
            threat.mitigation.label()
        ));
    }
    if !report.deviation.rows.is_empty() {
        let justification: String = report
            .deviation
            .justification
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        lines.push(format!(
            "The chosen option goes against {} ({})",
            report.deviation.rows.join(", "),
            if justification.is_empty() {
                "not justified".to_owned()
            } else {
                format!("justified: {justification}")
            }
        ));
    }
    lines
}

/// What ADR `adr` shows beyond its MADR sections, from the record.
pub async fn generated(
    pool: &SqlitePool,
    public_url: &str,
    adr: &Adr,
) -> Result<Generated, AppError> {
    let number = adr.number;
    let mut relations = adr.relations.clone();
    // By kind, then number: the order links were made in is not in the files, and an import
    // makes them all at once.
    relations.sort_by_key(|r| {
        (
            RelationType::ALL.iter().position(|k| *k == r.kind),
            r.number,
        )
    });
    let mut out = Generated {
        relations,
        ..Generated::default()
    };
    let chart = |kind: &str| {
        (
            format!("{} {kind}", adr_key::display(number)),
            format!("{public_url}/adr/{number}/charts/{kind}.png"),
        )
    };
    let (assessment, version) = assessments::load(pool, number).await?;
    if version > 0 {
        let report = assessments::report(pool, adr, &assessment, version).await?;
        out.assessment = assessment_lines(adr, &report);
    }
    let listed = evidence_repo::list(pool, number).await?;
    if !listed.is_empty() {
        let doc = &adr.document;
        out.evidence = listed
            .iter()
            .map(|info| EvidenceLine {
                number: info.number,
                option: attachments::side_name(doc, info.option_id.as_deref()),
                label: info.label.clone(),
                format: info.format.label().to_owned(),
                lines_read: info.lines_read,
                added: info.created_at.clone(),
            })
            .collect();
        let pieces = evidence_repo::parsed_for(pool, number).await?;
        let settings = evidence_repo::settings(pool, number).await?;
        // No benchmarks, or one side only: nothing to compare, which is no error here.
        if let Ok(report) = attachments::compare_loaded(
            doc,
            &pieces,
            &settings,
            None,
            None,
            None,
            compare::Text::Write,
        ) {
            out.comparison = Some((report.base, report.new, report.text));
            out.charts.push(chart("benchmarks"));
            out.charts.push(chart("relative"));
        }
        if !attachments::metrics_loaded(doc, &pieces, &settings)
            .options
            .is_empty()
        {
            out.charts.push(chart("metrics"));
        }
    }
    if !assessment.scores.is_empty() && !adr.document.options.is_empty() {
        out.charts.push(chart("scores"));
    }
    Ok(out)
}

/// The file of one ADR in `form`, its attachments' links pointing at `attachments`'
/// places: `(name, where)`.
pub fn write(
    adr: &Adr,
    generated: &Generated,
    form: Form,
    attachments: &[(String, String)],
) -> File {
    let mut doc = adr.document.clone();
    for (name, place) in attachments {
        rewrite_target(&mut doc, &attachment_path(adr.number, name), place);
    }
    let doc = &doc;
    let text = match form {
        Form::Madr => super::madr(
            adr.number,
            adr.status,
            doc,
            &generated::block(generated, true),
        ),
        Form::Nygard => super::nygard(
            adr.number,
            adr.status,
            doc,
            &adr.relations,
            &generated::block(generated, false),
        ),
    };
    File {
        path: file_name(adr.number, &doc.title),
        bytes: text.into_bytes(),
    }
}

/// ADR `number` as a file in `form`; an unknown ADR is 404.
pub async fn one(
    pool: &SqlitePool,
    public_url: &str,
    number: i64,
    form: Form,
) -> Result<File, AppError> {
    let adr = decisions::get(pool, number).await?.adr;
    let generated = generated(pool, public_url, &adr).await?;
    // Alone, the file points at its attachments where Tradeoff serves them.
    let attachments: Vec<(String, String)> = import_repo::files(pool, number)
        .await?
        .into_iter()
        .map(|(name, _)| {
            let url = format!("{public_url}{}", attachment_path(number, &name));
            (name, url)
        })
        .collect();
    Ok(write(&adr, &generated, form, &attachments))
}

/// The numbers of every ADR that `query` selects (all its pages), lowest first.
pub async fn selected(pool: &SqlitePool, query: &ListQuery) -> Result<Vec<i64>, AppError> {
    let all = adr_repo::list_all(pool, query).await?;
    Ok(all.into_iter().map(|s| s.number).collect())
}

/// The index of an export: a table of links, lowest number first.
pub fn index(adrs: &[Adr]) -> String {
    let mut out = String::from(
        "# Architecture Decision Records\n\n\
         Exported from Tradeoff. Each file is in MADR form; what Tradeoff adds sits between\n\
         `tradeoff:generated` markers.\n\n\
         | Number | Title | Status | Date |\n| --- | --- | --- | --- |\n",
    );
    for adr in adrs {
        let doc = &adr.document;
        let _ = writeln!(
            out,
            "| [{}]({}) | {} | {} | {} |",
            adr_key::display(adr.number),
            file_name(adr.number, &doc.title),
            cell(&doc.title),
            adr.status,
            cell(&doc.date)
        );
    }
    out
}

/// Every ADR of `numbers` as files below [`FOLDER`], each followed by its attachments (which
/// its links then name beside it), then the index, in a fixed order.
pub async fn many(
    pool: &SqlitePool,
    public_url: &str,
    numbers: &[i64],
    form: Form,
) -> Result<Vec<File>, AppError> {
    let mut adrs = Vec::with_capacity(numbers.len());
    let mut files = Vec::with_capacity(numbers.len() + 1);
    for &number in numbers {
        let adr = decisions::get(pool, number).await?.adr;
        let generated = generated(pool, public_url, &adr).await?;
        let attached = import_repo::files(pool, number).await?;
        let places: Vec<(String, String)> = attached
            .iter()
            .map(|(name, _)| (name.clone(), name.clone()))
            .collect();
        let file = write(&adr, &generated, form, &places);
        files.push(File {
            path: format!("{FOLDER}/{}", file.path),
            bytes: file.bytes,
        });
        for (name, bytes) in attached {
            files.push(File {
                path: format!("{FOLDER}/{name}"),
                bytes,
            });
        }
        adrs.push(adr);
    }
    files.push(File {
        path: format!("{FOLDER}/README.md"),
        bytes: index(&adrs).into_bytes(),
    });
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::adr::AdrDocument;
    use crate::model::status::Status;

    fn adr(number: i64, title: &str, status: Status) -> Adr {
        Adr {
            number,
            status,
            version: 1,
            content_version: 1,
            document: AdrDocument {
                title: title.into(),
                date: "2026-11-27".into(),
                ..AdrDocument::default()
            },
            relations: Vec::new(),
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
            accepted_version: None,
        }
    }

    #[test]
    fn the_index_links_every_file_in_number_order() {
        let index = index(&[
            adr(1, "Record decisions", Status::Accepted),
            adr(12, "Pick | a [queue]", Status::Proposed),
        ]);
        assert!(index.contains(
            "| [ADR-0001](0001-record-decisions.md) | Record decisions | accepted | 2026-11-27 |"
        ));
        assert!(index.contains(
            "| [ADR-0012](0012-pick-a-queue.md) | Pick \\| a [queue] | proposed | 2026-11-27 |"
        ));
    }
}
