//! The guide's tables and decision tree, shipped with the app as versioned data
//! (`app/data/guide.json`), each attributed to the guide's section it was transcribed from.

use crate::model::decision_tree::DecisionTree;
use crate::model::matrix::{Matrix, MatrixKind, MatrixRow, MatrixSource, MatrixUse};
use serde::Deserialize;
use std::sync::LazyLock;

const DATA: &str = include_str!("../../data/guide.json");

/// The guide as shipped.
#[derive(Debug)]
pub struct Guide {
    pub title: String,
    /// The guide's file name in the seeds folder.
    pub source: String,
    /// The data's version, which is every built-in matrix's revision.
    pub version: i64,
    pub matrices: Vec<Matrix>,
    pub decision_tree: DecisionTree,
}

#[derive(Deserialize)]
struct GuideFile {
    title: String,
    source: String,
    version: i64,
    matrices: Vec<MatrixFile>,
    decision_tree: DecisionTree,
}

#[derive(Deserialize)]
struct MatrixFile {
    id: String,
    name: String,
    section: String,
    kind: MatrixKind,
    #[serde(rename = "use")]
    usage: MatrixUse,
    columns: Vec<String>,
    rows: Vec<MatrixRow>,
}

fn parse(data: &str) -> Result<Guide, serde_json::Error> {
    let file: GuideFile = serde_json::from_str(data)?;
    Ok(Guide {
        title: file.title,
        source: file.source,
        version: file.version,
        matrices: file
            .matrices
            .into_iter()
            .map(|m| Matrix {
                id: m.id,
                name: m.name,
                section: m.section,
                source: MatrixSource::Guide,
                kind: m.kind,
                usage: m.usage,
                revision: file.version,
                columns: m.columns,
                rows: m.rows,
            })
            .collect(),
        decision_tree: file.decision_tree,
    })
}

static GUIDE: LazyLock<Result<Guide, String>> =
    LazyLock::new(|| parse(DATA).map_err(|e| format!("app/data/guide.json: {e}")));

/// The built-in guide. Start-up calls [`check`] first, so this never fails while serving.
pub fn guide() -> &'static Guide {
    match &*GUIDE {
        Ok(guide) => guide,
        Err(e) => panic!("the built-in guide data was not checked at start-up: {e}"),
    }
}

/// Parses the built-in data, so that a broken build fails at start-up rather than later.
pub fn check() -> Result<&'static Guide, String> {
    GUIDE.as_ref().map_err(Clone::clone)
}

/// The built-in matrix `id`.
pub fn matrix(id: &str) -> Option<&'static Matrix> {
    guide().matrices.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests;
