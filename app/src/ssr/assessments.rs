//! Assessing an ADR against the matrices: validating what is recorded, keeping the derived
//! deviation state, storing it, and the report that pages and the API show.

use crate::model::adr::Adr;
use crate::model::assessment::{Assessment, ChecklistState, DeviationState, Mitigation};
use crate::model::decision_tree::{Step, WalkError, WalkState};
use crate::model::error::FieldError;
use crate::model::matrix::{Judgement, Matrix, MatrixUse, names_option};
use crate::model::scoring::{
    self, Criterion, DEFAULT_WEIGHT, Ranking, SCORE_RANGE, Score, WEIGHT_RANGE,
};
use crate::model::slug::slugify;
use crate::model::validation::{ITEM_MAX, NAME_MAX, TEXT_MAX};
use crate::ssr::actor::Actor;
use crate::ssr::adr_repo;
use crate::ssr::assessment_repo;
use crate::ssr::clock;
use crate::ssr::db::begin_write;
use crate::ssr::error::AppError;
use crate::ssr::guide;
use crate::ssr::matrices;
use crate::ssr::matrix_repo;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use std::collections::BTreeMap;

/// The guide's threat model: the default matrix for threats.
pub const THREAT_MODEL: &str = "threat-model";
/// The guide's language comparison, whose aspects are the default scoring criteria.
pub const LANGUAGE_COMPARISON: &str = "language-comparison";

/// The scoring criteria a new assessment starts with: the aspects of the guide's language
/// comparison.
pub fn default_criteria() -> Vec<Criterion> {
    guide::matrix(LANGUAGE_COMPARISON)
        .map(|m| {
            m.rows
                .iter()
                .map(|r| Criterion {
                    id: r.id.clone(),
                    name: r.cells[0].clone(),
                    weight: DEFAULT_WEIGHT,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A matrix read while validating, kept so that each is fetched once.
struct Matrices<'a> {
    pool: &'a SqlitePool,
    cache: BTreeMap<(String, i64), Matrix>,
}

impl Matrices<'_> {
    /// Matrix `id` at `revision` (0 means the latest), and the revision it resolved to.
    async fn get(&mut self, id: &str, revision: i64) -> Result<Matrix, AppError> {
        if let Some(m) = self.cache.get(&(id.to_owned(), revision)) {
            return Ok(m.clone());
        }
        let wanted = (revision > 0).then_some(revision);
        // A new citation or checklist (no revision yet) may not take an archived matrix;
        // one that already names its revision keeps reading it.
        if wanted.is_none()
            && let Some(archival) = matrix_repo::archival(self.pool, id).await?
        {
            return Err(AppError::NotFound(format!(
                "matrix '{id}' was archived by {} at {}; restore it to use it again",
                archival.archived_by, archival.archived_at
            )));
        }
        let matrix = matrices::find(self.pool, id, wanted).await?;
        self.cache.insert((id.to_owned(), revision), matrix.clone());
        Ok(matrix)
    }
}

fn option_ids(adr: &Adr) -> Vec<String> {
    adr.document.options.iter().map(|o| o.id.clone()).collect()
}

/// Checks an assessment against the ADR and the matrices, and completes it: revisions
/// resolved, missing judgements pre-filled by the documented rule, criterion ids given.
pub async fn normalize(
    pool: &SqlitePool,
    adr: &Adr,
    mut input: Assessment,
) -> Result<(Assessment, Vec<Matrix>), AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut matrices = Matrices {
        pool,
        cache: BTreeMap::new(),
    };
    let options = option_ids(adr);
    let mut used_matrices: Vec<Matrix> = Vec::new();

    let mut seen = Vec::new();
    for (i, citation) in input.citations.iter_mut().enumerate() {
        let at = |part: &str| format!("citations[{i}].{part}");
        let matrix = match matrices.get(&citation.matrix, citation.revision).await {
            Ok(m) => m,
            Err(AppError::NotFound(message)) => {
                errors.push(FieldError::new(at("matrix"), message));
                continue;
            }
            Err(e) => return Err(e),
        };
        citation.revision = matrix.revision;
        let Some(row) = matrix.row(&citation.row) else {
            errors.push(FieldError::new(
                at("row"),
                format!("matrix '{}' has no row '{}'", matrix.id, citation.row),
            ));
            continue;
        };
        let key = (citation.matrix.clone(), citation.row.clone());
        if seen.contains(&key) {
            errors.push(FieldError::new(
                at("row"),
                format!("row '{}' is cited twice", citation.row),
            ));
        }
        seen.push(key);
        if let Some(unknown) = citation.judgements.keys().find(|k| !options.contains(k)) {
            errors.push(FieldError::new(
                format!("citations[{i}].judgements.{unknown}"),
                format!("'{unknown}' is not the id of one of this ADR's options"),
            ));
        }
        for option in &adr.document.options {
            citation
                .judgements
                .entry(option.id.clone())
                .or_insert_with(|| matrix.prefill(row, &option.name));
        }
        used_matrices.push(matrix);
    }

    let tree = &guide::guide().decision_tree;
    if let Err(e) = tree.walk(&input.tree.answers) {
        let field = match &e {
            WalkError::UnknownAnswer { index, .. } => format!("tree.answers[{index}]"),
            _ => "tree.answers".to_owned(),
        };
        errors.push(FieldError::new(field, e.to_string()));
    }

    let mut criterion_ids: Vec<String> = Vec::new();
    for (i, criterion) in input.criteria.iter_mut().enumerate() {
        criterion.name = criterion.name.trim().to_owned();
        if criterion.name.is_empty() || criterion.name.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                format!("criteria[{i}].name"),
                format!("a criterion needs a name of 1 to {NAME_MAX} characters"),
            ));
        }
        if !WEIGHT_RANGE.contains(&criterion.weight) {
            errors.push(FieldError::new(
                format!("criteria[{i}].weight"),
                format!("weight {} is outside 0 to 5", criterion.weight),
            ));
        }
        if criterion.id.trim().is_empty() {
            let base = match slugify(&criterion.name, 48) {
                s if s.is_empty() => format!("criterion-{}", i + 1),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while criterion_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            criterion.id = id;
        } else if criterion_ids.contains(&criterion.id) {
            errors.push(FieldError::new(
                format!("criteria[{i}].id"),
                format!("criterion id '{}' is used twice", criterion.id),
            ));
        }
        criterion_ids.push(criterion.id.clone());
    }

    let mut scored = Vec::new();
    for (i, score) in input.scores.iter_mut().enumerate() {
        let at = |part: &str| format!("scores[{i}].{part}");
        if !criterion_ids.contains(&score.criterion) {
            errors.push(FieldError::new(
                at("criterion"),
                format!("there is no criterion '{}'", score.criterion),
            ));
        }
        if !options.contains(&score.option) {
            errors.push(FieldError::new(
                at("option"),
                format!(
                    "'{}' is not the id of one of this ADR's options",
                    score.option
                ),
            ));
        }
        if !SCORE_RANGE.contains(&score.score) {
            errors.push(FieldError::new(
                at("score"),
                format!("score {} is outside 1 to 5", score.score),
            ));
        }
        score.note = score.note.trim().to_owned();
        if score.note.chars().count() > ITEM_MAX {
            errors.push(FieldError::new(
                at("note"),
                format!("the note is longer than {ITEM_MAX} characters"),
            ));
        }
        let key = (score.criterion.clone(), score.option.clone());
        if scored.contains(&key) {
            errors.push(FieldError::new(
                at("option"),
                "this option is scored twice on this criterion",
            ));
        }
        scored.push(key);
    }

    let mut attached = Vec::new();
    for (i, checklist) in input.checklists.iter_mut().enumerate() {
        let matrix = match matrices.get(&checklist.matrix, checklist.revision).await {
            Ok(m) => m,
            Err(AppError::NotFound(message)) => {
                errors.push(FieldError::new(format!("checklists[{i}].matrix"), message));
                continue;
            }
            Err(e) => return Err(e),
        };
        if matrix.usage != MatrixUse::Checklist {
            errors.push(FieldError::new(
                format!("checklists[{i}].matrix"),
                format!("'{}' is not a checklist", matrix.id),
            ));
        }
        if attached.contains(&matrix.id) {
            errors.push(FieldError::new(
                format!("checklists[{i}].matrix"),
                "this checklist is attached twice",
            ));
        }
        attached.push(matrix.id.clone());
        checklist.revision = matrix.revision;
        for (j, item) in checklist.items.iter_mut().enumerate() {
            if matrix.row(&item.row).is_none() {
                errors.push(FieldError::new(
                    format!("checklists[{i}].items[{j}].row"),
                    format!("checklist '{}' has no item '{}'", matrix.id, item.row),
                ));
            }
            item.note = item.note.trim().to_owned();
            if item.note.chars().count() > ITEM_MAX {
                errors.push(FieldError::new(
                    format!("checklists[{i}].items[{j}].note"),
                    format!("the note is longer than {ITEM_MAX} characters"),
                ));
            }
        }
        used_matrices.push(matrix);
    }

    let threat_model = matrices.get(THREAT_MODEL, 0).await?;
    let mut threats_seen = Vec::new();
    for (i, threat) in input.threats.iter_mut().enumerate() {
        if threat_model.row(&threat.row).is_none() {
            errors.push(FieldError::new(
                format!("threats[{i}].row"),
                format!("the threat model has no threat '{}'", threat.row),
            ));
        }
        if threats_seen.contains(&threat.row) {
            errors.push(FieldError::new(
                format!("threats[{i}].row"),
                "this threat is listed twice",
            ));
        }
        threats_seen.push(threat.row.clone());
        threat.note = threat.note.trim().to_owned();
        if threat.note.chars().count() > ITEM_MAX {
            errors.push(FieldError::new(
                format!("threats[{i}].note"),
                format!("the note is longer than {ITEM_MAX} characters"),
            ));
        }
    }

    input.deviation.justification = input.deviation.justification.trim().to_owned();
    if input.deviation.justification.chars().count() > TEXT_MAX {
        errors.push(FieldError::new(
            "deviation.justification",
            format!("the justification is longer than {TEXT_MAX} characters"),
        ));
    }

    if errors.is_empty() {
        Ok((input, used_matrices))
    } else {
        Err(AppError::Validation(errors))
    }
}

/// How many items of the attached checklists are not done.
fn open_items(assessment: &Assessment, matrices: &[Matrix]) -> i64 {
    assessment
        .checklists
        .iter()
        .map(|c: &ChecklistState| {
            let total = matrices
                .iter()
                .find(|m| m.id == c.matrix && m.revision == c.revision)
                .map_or(0, |m| m.rows.len());
            let done = c.items.iter().filter(|i| i.done).count();
            total.saturating_sub(done) as i64
        })
        .sum()
}

/// The stored assessment of ADR `number` and its version; an empty one (version 0, with the
/// default criteria) when none was saved.
pub async fn load(pool: &SqlitePool, number: i64) -> Result<(Assessment, i64), AppError> {
    Ok(assessment_repo::stored(pool, number)
        .await?
        .unwrap_or_else(|| {
            (
                Assessment {
                    criteria: default_criteria(),
                    ..Assessment::default()
                },
                0,
            )
        }))
}

/// Validates and stores the assessment of `adr`, which must still be at `base_version`.
pub async fn save(
    pool: &SqlitePool,
    actor: &Actor,
    adr: &Adr,
    base_version: i64,
    input: Assessment,
) -> Result<i64, AppError> {
    let (assessment, used) = normalize(pool, adr, input).await?;
    let open = open_items(&assessment, &used);
    let now = clock::now();
    let mut tx = begin_write(pool).await?;
    adr_repo::require_in(&mut tx, adr.number).await?;
    let (version, previous) = assessment_repo::write(
        &mut tx,
        actor,
        adr.number,
        base_version,
        &assessment,
        open,
        &now,
    )
    .await?;
    // What left the assessment is part of the ADR's record: who removed it, and when.
    let removed = previous.removals(&assessment);
    if !removed.is_empty() {
        adr_repo::note_in(&mut tx, actor, adr.number, &removed.join("; "), &now).await?;
    }
    tx.commit().await?;
    Ok(version)
}

/// Changes one part of the assessment of ADR `number` on top of its latest version, so that
/// forms for different parts never undo each other. A save that races another is retried
/// once on the newer version.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    change: impl Fn(&mut Assessment),
) -> Result<i64, AppError> {
    let adr = crate::ssr::decisions::get(pool, number).await?.adr;
    let mut attempts = 0;
    loop {
        let (mut assessment, version) = load(pool, number).await?;
        change(&mut assessment);
        match save(pool, actor, &adr, version, assessment).await {
            Err(AppError::StaleVersion { .. }) if attempts == 0 => attempts += 1,
            outcome => return outcome,
        }
    }
}

/// A cited row as the ADR shows it: the guide's words and how the row judges each option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CitedRow {
    pub matrix: String,
    pub matrix_name: String,
    pub revision: i64,
    /// The matrix's newest revision; differs from `revision` when the matrix changed since.
    pub latest_revision: i64,
    pub row: String,
    pub columns: Vec<String>,
    pub cells: Vec<String>,
    pub recommended: Option<String>,
    pub avoid: Option<String>,
    pub why: Option<String>,
    pub judgements: BTreeMap<String, Judgement>,
}

/// The decision-tree walk and how its outcome compares with the chosen option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeReport {
    pub answers: Vec<String>,
    pub path: Vec<Step>,
    #[serde(flatten)]
    pub state: WalkState,
    /// Whether the guide's outcome names the chosen option; `None` without an outcome or a
    /// chosen option.
    pub agrees_with_chosen: Option<bool>,
}

/// A checklist with its completion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistReport {
    pub matrix: String,
    pub name: String,
    pub revision: i64,
    pub items: Vec<ChecklistItemReport>,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItemReport {
    pub row: String,
    pub text: String,
    pub done: bool,
    pub note: String,
}

/// A threat that applies, with the guide's words and the mitigation's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreatReport {
    pub row: String,
    pub columns: Vec<String>,
    pub cells: Vec<String>,
    pub mitigation: Mitigation,
    pub note: String,
}

/// Whether the chosen option is one a cited row says to avoid, and the justification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviationReport {
    pub state: DeviationState,
    /// The cited rows that say to avoid the chosen option, as `matrix/row`.
    pub rows: Vec<String>,
    pub justification: String,
}

/// Everything the assessment records, with what follows from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentReport {
    pub version: i64,
    pub citations: Vec<CitedRow>,
    pub tree: TreeReport,
    pub criteria: Vec<Criterion>,
    pub scores: Vec<Score>,
    pub ranking: Ranking,
    pub checklists: Vec<ChecklistReport>,
    pub threats: Vec<ThreatReport>,
    pub deviation: DeviationReport,
}

/// The report of `assessment` (at `version`) for `adr`.
pub async fn report(
    pool: &SqlitePool,
    adr: &Adr,
    assessment: &Assessment,
    version: i64,
) -> Result<AssessmentReport, AppError> {
    let chosen = adr.document.chosen_option.as_deref();
    let options = option_ids(adr);
    let mut citations = Vec::new();
    let mut avoided = Vec::new();
    for citation in &assessment.citations {
        let matrix = matrices::find(pool, &citation.matrix, Some(citation.revision)).await?;
        let latest = matrices::find(pool, &citation.matrix, None).await?.revision;
        let Some(row) = matrix.row(&citation.row) else {
            continue;
        };
        let column = |i: Option<usize>| i.and_then(|i| row.cells.get(i).cloned());
        let (recommended, avoid) = matrix
            .judgement_columns()
            .map_or((None, None), |(r, a)| (column(Some(r)), column(Some(a))));
        let judgements: BTreeMap<String, Judgement> = citation
            .judgements
            .iter()
            .filter(|(option, _)| options.contains(option))
            .map(|(o, j)| (o.clone(), *j))
            .collect();
        if chosen.is_some_and(|c| judgements.get(c) == Some(&Judgement::Avoid)) {
            avoided.push(format!("{}/{}", matrix.id, row.id));
        }
        citations.push(CitedRow {
            matrix: matrix.id.clone(),
            matrix_name: matrix.name.clone(),
            revision: matrix.revision,
            latest_revision: latest,
            row: row.id.clone(),
            columns: matrix.columns.clone(),
            cells: row.cells.clone(),
            recommended,
            avoid,
            why: column(matrix.why_column()),
            judgements,
        });
    }

    let tree = &guide::guide().decision_tree;
    let walk = tree
        .walk(&assessment.tree.answers)
        .map_err(|e| AppError::Internal(format!("stored tree answers: {e}")))?;
    let chosen_name = adr.document.chosen().map(|o| o.name.clone());
    let agrees = match (walk.outcome(), &chosen_name) {
        (Some(outcome), Some(name)) => Some(names_option(outcome, name)),
        _ => None,
    };

    let mut checklists = Vec::new();
    for state in &assessment.checklists {
        let matrix = matrices::find(pool, &state.matrix, Some(state.revision)).await?;
        let items: Vec<ChecklistItemReport> = matrix
            .rows
            .iter()
            .map(|row| {
                let item = state.items.iter().find(|i| i.row == row.id);
                ChecklistItemReport {
                    row: row.id.clone(),
                    text: row.cells.join(" — "),
                    done: item.is_some_and(|i| i.done),
                    note: item.map(|i| i.note.clone()).unwrap_or_default(),
                }
            })
            .collect();
        checklists.push(ChecklistReport {
            matrix: matrix.id.clone(),
            name: matrix.name.clone(),
            revision: matrix.revision,
            done: items.iter().filter(|i| i.done).count(),
            total: items.len(),
            items,
        });
    }

    let threat_model = matrices::find(pool, THREAT_MODEL, None).await?;
    let threats = assessment
        .threats
        .iter()
        .filter_map(|t| {
            let row = threat_model.row(&t.row)?;
            Some(ThreatReport {
                row: t.row.clone(),
                columns: threat_model.columns.clone(),
                cells: row.cells.clone(),
                mitigation: t.mitigation,
                note: t.note.clone(),
            })
        })
        .collect();

    let scores: Vec<Score> = assessment
        .scores
        .iter()
        .filter(|s| options.contains(&s.option))
        .cloned()
        .collect();
    Ok(AssessmentReport {
        version,
        ranking: scoring::rank(&assessment.criteria, &options, &scores),
        criteria: assessment.criteria.clone(),
        scores,
        citations,
        tree: TreeReport {
            answers: assessment.tree.answers.clone(),
            path: walk.steps.clone(),
            state: walk.state.clone(),
            agrees_with_chosen: agrees,
        },
        checklists,
        threats,
        deviation: DeviationReport {
            state: assessment.deviation_state(chosen),
            rows: avoided,
            justification: assessment.deviation.justification.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_criteria_are_the_language_comparison_aspects() {
        let names: Vec<_> = default_criteria().into_iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "Compilation speed",
                "Runtime performance",
                "Memory safety",
                "Concurrency",
                "Binary size",
                "Learning curve"
            ]
        );
    }
}
