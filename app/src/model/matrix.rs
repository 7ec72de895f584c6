//! Reference matrices: the guide's tables and a team's own, as columns and rows, and the
//! documented rule that pre-fills how a row judges each considered option.

use serde::{Deserialize, Serialize};

/// Where a matrix comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatrixSource {
    /// Transcribed from the engineering guide and shipped with the app.
    Guide,
    /// Added by a team.
    Team,
}

/// How a matrix's rows are written in its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatrixKind {
    Table,
    List,
    Chart,
}

/// What a matrix is for in an assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatrixUse {
    /// Rows describe scenarios or facts to cite.
    Reference,
    /// Rows are items to tick off for an ADR's confirmation.
    Checklist,
    /// Rows are threats whose mitigation is tracked.
    Threats,
}

impl MatrixUse {
    pub const ALL: [MatrixUse; 3] = [
        MatrixUse::Reference,
        MatrixUse::Checklist,
        MatrixUse::Threats,
    ];

    /// The name used in forms, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MatrixUse::Reference => "reference",
            MatrixUse::Checklist => "checklist",
            MatrixUse::Threats => "threats",
        }
    }
}

impl std::str::FromStr for MatrixUse {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        MatrixUse::ALL
            .into_iter()
            .find(|u| u.as_str() == text)
            .ok_or_else(|| {
                format!("unknown use '{text}'; expected reference, checklist or threats")
            })
    }
}

/// One row: a stable id (for links and citations) and its cells, one per column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub id: String,
    pub cells: Vec<String>,
}

/// A matrix at one revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    pub id: String,
    pub name: String,
    /// The guide section it was transcribed from; for a team matrix, empty.
    pub section: String,
    pub source: MatrixSource,
    pub kind: MatrixKind,
    #[serde(rename = "use")]
    pub usage: MatrixUse,
    pub revision: i64,
    pub columns: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

/// How a matrix row judges one option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    Recommended,
    Avoid,
    #[default]
    Neither,
}

impl Judgement {
    pub const ALL: [Judgement; 3] = [Judgement::Recommended, Judgement::Avoid, Judgement::Neither];

    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Recommended => "recommended",
            Judgement::Avoid => "avoid",
            Judgement::Neither => "neither",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Judgement::Recommended => "Recommended",
            Judgement::Avoid => "Avoid",
            Judgement::Neither => "Neither",
        }
    }

    pub fn parse(text: &str) -> Option<Judgement> {
        Judgement::ALL.into_iter().find(|j| j.as_str() == text)
    }
}

impl Matrix {
    /// The columns that say what to use and what not to: a column whose header contains
    /// "recommend" and one whose header contains "avoid" (case-insensitive). Only matrices
    /// with both are pre-filled.
    pub fn judgement_columns(&self) -> Option<(usize, usize)> {
        let find = |needle: &str| {
            self.columns
                .iter()
                .position(|c| c.to_lowercase().contains(needle))
        };
        Some((find("recommend")?, find("avoid")?))
    }

    /// The row with id `row_id`.
    pub fn row(&self, row_id: &str) -> Option<&MatrixRow> {
        self.rows.iter().find(|r| r.id == row_id)
    }

    /// The column whose header contains "why", if any: the reason a row gives.
    pub fn why_column(&self) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.to_lowercase().split_whitespace().any(|w| w == "why"))
    }

    /// The pre-filled judgement of `row` for an option named `option_name`.
    ///
    /// The rule: the option's key, the first word of its name, is looked up among the
    /// words of the row's recommended cell and of its avoid cell. Words are split at white
    /// space, `/`, `,`, `(` and `)`, and compared without case, so "Go" matches
    /// "Go (GC pauses)" and "Rust" matches "Kotlin/Scala/Rust", while "Go" does not match
    /// "Google". Found only in the recommended cell: recommended; only in the avoid cell:
    /// avoid; in both, in neither, or in a matrix without such columns: neither.
    pub fn prefill(&self, row: &MatrixRow, option_name: &str) -> Judgement {
        let Some((recommend, avoid)) = self.judgement_columns() else {
            return Judgement::Neither;
        };
        let Some(key) = option_key(option_name) else {
            return Judgement::Neither;
        };
        let has = |column: usize| {
            row.cells
                .get(column)
                .is_some_and(|cell| words(cell).any(|w| w == key))
        };
        match (has(recommend), has(avoid)) {
            (true, false) => Judgement::Recommended,
            (false, true) => Judgement::Avoid,
            _ => Judgement::Neither,
        }
    }
}

/// The lower-cased words of `text`, split at white space, `/`, `,`, `(` and `)`.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '(' | ')'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '—' | '-')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The key of an option name: its first word, lower-cased.
pub fn option_key(name: &str) -> Option<String> {
    words(name).next()
}

/// Whether an outcome text (a decision-tree leaf, say) names the option called `name`.
pub fn names_option(text: &str, name: &str) -> bool {
    option_key(name).is_some_and(|key| words(text).any(|w| w == key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adm() -> Matrix {
        Matrix {
            id: "adm".into(),
            name: "Architecture Decision Matrix".into(),
            section: String::new(),
            source: MatrixSource::Guide,
            kind: MatrixKind::Table,
            usage: MatrixUse::Reference,
            revision: 1,
            columns: vec![
                "Scenario".into(),
                "Recommended pattern".into(),
                "Avoid".into(),
                "Why".into(),
            ],
            rows: vec![
                MatrixRow {
                    id: "sub".into(),
                    cells: vec![
                        "Sub-microsecond latency".into(),
                        "Rust or C++".into(),
                        "Go (GC pauses)".into(),
                        "GC".into(),
                    ],
                },
                MatrixRow {
                    id: "ml".into(),
                    cells: vec![
                        "ML inference server".into(),
                        "Go + CGO + ONNX".into(),
                        "Pure Go ML".into(),
                        "x".into(),
                    ],
                },
                MatrixRow {
                    id: "domain".into(),
                    cells: vec![
                        "Complex domain model".into(),
                        "Kotlin/Scala/Rust".into(),
                        "Go".into(),
                        "y".into(),
                    ],
                },
            ],
        }
    }

    #[test]
    fn the_documented_rule_prefills_judgements() {
        let m = adm();
        let sub = &m.rows[0];
        assert_eq!(m.prefill(sub, "Go"), Judgement::Avoid);
        assert_eq!(m.prefill(sub, "Go 1.24 with GOGC tuning"), Judgement::Avoid);
        assert_eq!(m.prefill(sub, "Rust (tokio)"), Judgement::Recommended);
        assert_eq!(m.prefill(sub, "C++"), Judgement::Recommended);
        assert_eq!(m.prefill(sub, "Java"), Judgement::Neither);
        assert_eq!(m.prefill(sub, "Google Cloud Run"), Judgement::Neither);
        // Named on both sides: the row does not decide.
        assert_eq!(m.prefill(&m.rows[1], "Go"), Judgement::Neither);
        assert_eq!(m.prefill(&m.rows[2], "Rust"), Judgement::Recommended);
        assert_eq!(m.prefill(&m.rows[2], "scala"), Judgement::Recommended);
    }

    #[test]
    fn matrices_without_judgement_columns_prefill_neither() {
        let mut m = adm();
        m.columns = vec!["A".into(), "B".into(), "C".into(), "D".into()];
        assert_eq!(m.prefill(&m.rows[0], "Go"), Judgement::Neither);
    }

    #[test]
    fn outcomes_name_options_by_key() {
        assert!(names_option("Go — readability at scale", "Go"));
        assert!(names_option("Rust or C++", "C++"));
        assert!(names_option("Java/Kotlin", "Kotlin (JVM)"));
        assert!(!names_option("Keep Python", "Go"));
    }
}
