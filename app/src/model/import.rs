//! What an import reports, file by file: the browser shows it as a page with links, the API
//! and the CLI as JSON.

use serde::{Deserialize, Serialize};

/// What became of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileOutcome {
    /// A new ADR.
    Imported,
    /// A new revision of the ADR an earlier import made from the same file.
    Updated,
    /// The same file as last time: nothing changed.
    Unchanged,
    /// Not an ADR (an index, a template, not markdown).
    Skipped,
    /// An ADR that could not be stored; the log is as it was before it.
    Failed,
}

impl FileOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            FileOutcome::Imported => "imported",
            FileOutcome::Updated => "updated",
            FileOutcome::Unchanged => "unchanged",
            FileOutcome::Skipped => "skipped",
            FileOutcome::Failed => "failed",
        }
    }
}

/// One file of an import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    /// The path inside the ADR folder.
    pub path: String,
    pub outcome: FileOutcome,
    /// The ADR it became, for imported, updated and unchanged files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
    /// The ADR's version after the import.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    /// `adr-tools`, `madr-2`, `madr` or `tradeoff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Why it was skipped or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What was assumed or changed while reading it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The referenced files stored with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
}

/// A whole import.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The ADR folder found in what was given (empty for its root).
    pub folder: String,
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// The counts, from the files.
    pub fn count(&mut self) {
        let n = |o: FileOutcome| self.files.iter().filter(|f| f.outcome == o).count();
        (
            self.imported,
            self.updated,
            self.unchanged,
            self.skipped,
            self.failed,
        ) = (
            n(FileOutcome::Imported),
            n(FileOutcome::Updated),
            n(FileOutcome::Unchanged),
            n(FileOutcome::Skipped),
            n(FileOutcome::Failed),
        );
    }

    /// One line for a terminal: `9 imported, 0 updated, 0 unchanged, 3 skipped, 0 failed`.
    pub fn summary(&self) -> String {
        format!(
            "{} imported, {} updated, {} unchanged, {} skipped, {} failed",
            self.imported, self.updated, self.unchanged, self.skipped, self.failed
        )
    }
}
