//! An ADR's assessment against the guide's matrices: the rows it cites and how each judges
//! each option, the decision-tree answers, weighted scores, checklists, threats, and the
//! justification of a deviation from the guide. This is what is stored and sent; what
//! follows from it (ranking, tree outcome, deviation) is computed on the server.

use crate::model::matrix::Judgement;
use crate::model::scoring::{Criterion, Score};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything an assessment records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub tree: TreeAnswers,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub scores: Vec<Score>,
    #[serde(default)]
    pub checklists: Vec<ChecklistState>,
    #[serde(default)]
    pub threats: Vec<ThreatState>,
    #[serde(default)]
    pub deviation: DeviationNote,
}

impl Assessment {
    /// Where the chosen option stands against the cited rows: a deviation when a cited row
    /// says to avoid it, justified once the justification says why.
    /// What `self` holds that `next` no longer does, as the ADR's history says it: cited
    /// rows, checklists and threats removed (ticks and notes are not history-worthy).
    pub fn removals(&self, next: &Assessment) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.citations {
            if !next
                .citations
                .iter()
                .any(|n| n.matrix == c.matrix && n.row == c.row)
            {
                out.push(format!("cited row removed: {}/{}", c.matrix, c.row));
            }
        }
        for c in &self.checklists {
            if !next.checklists.iter().any(|n| n.matrix == c.matrix) {
                out.push(format!("checklist removed: {}", c.matrix));
            }
        }
        for t in &self.threats {
            if !next.threats.iter().any(|n| n.row == t.row) {
                out.push(format!("threat removed: {}", t.row));
            }
        }
        out
    }

    pub fn deviation_state(&self, chosen: Option<&str>) -> DeviationState {
        let deviates = chosen.is_some_and(|chosen| {
            self.citations
                .iter()
                .any(|c| c.judgements.get(chosen) == Some(&Judgement::Avoid))
        });
        match (deviates, self.deviation.justification.trim().is_empty()) {
            (false, _) => DeviationState::None,
            (true, true) => DeviationState::Unjustified,
            (true, false) => DeviationState::Justified,
        }
    }
}

/// A matrix row that describes the problem, at the revision it was read, and how it judges
/// each option (by option id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub matrix: String,
    /// The matrix revision the ADR was assessed against; the latest when omitted on input.
    #[serde(default)]
    pub revision: i64,
    pub row: String,
    #[serde(default)]
    pub judgements: BTreeMap<String, Judgement>,
}

/// The answers given to the decision tree, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeAnswers {
    #[serde(default)]
    pub answers: Vec<String>,
}

/// A checklist attached to the ADR's confirmation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistState {
    pub matrix: String,
    #[serde(default)]
    pub revision: i64,
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

/// One ticked (or not yet ticked) item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub row: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub note: String,
}

/// How far the mitigation of a threat has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mitigation {
    #[default]
    NotStarted,
    InProgress,
    Mitigated,
    /// The risk is knowingly accepted.
    Accepted,
}

impl Mitigation {
    pub const ALL: [Mitigation; 4] = [
        Mitigation::NotStarted,
        Mitigation::InProgress,
        Mitigation::Mitigated,
        Mitigation::Accepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Mitigation::NotStarted => "not_started",
            Mitigation::InProgress => "in_progress",
            Mitigation::Mitigated => "mitigated",
            Mitigation::Accepted => "accepted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mitigation::NotStarted => "Not started",
            Mitigation::InProgress => "In progress",
            Mitigation::Mitigated => "Mitigated",
            Mitigation::Accepted => "Risk accepted",
        }
    }

    pub fn parse(text: &str) -> Option<Mitigation> {
        Mitigation::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// A threat of the threat model that applies, and its mitigation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreatState {
    pub row: String,
    #[serde(default)]
    pub mitigation: Mitigation,
    #[serde(default)]
    pub note: String,
}

/// Why the ADR chose an option that a cited row says to avoid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviationNote {
    /// Markdown.
    #[serde(default)]
    pub justification: String,
}

/// Where an ADR stands against the guide, as lists show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationState {
    /// The chosen option is not one a cited row says to avoid.
    #[default]
    None,
    /// It is, and no justification is written yet.
    Unjustified,
    /// It is, and the deviation is justified.
    Justified,
}

impl DeviationState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviationState::None => "none",
            DeviationState::Unjustified => "unjustified",
            DeviationState::Justified => "justified",
        }
    }

    pub fn parse(text: &str) -> Option<DeviationState> {
        [
            DeviationState::None,
            DeviationState::Unjustified,
            DeviationState::Justified,
        ]
        .into_iter()
        .find(|d| d.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation(judgement: Judgement) -> Citation {
        Citation {
            matrix: "architecture-decision-matrix".into(),
            revision: 1,
            row: "sub-microsecond-latency".into(),
            judgements: BTreeMap::from([("go".to_owned(), judgement)]),
        }
    }

    #[test]
    fn removals_name_what_left_and_ignore_what_changed() {
        let before = Assessment {
            citations: vec![citation(Judgement::Avoid)],
            checklists: vec![ChecklistState {
                matrix: "production-checklist".into(),
                revision: 1,
                items: Vec::new(),
            }],
            threats: vec![
                ThreatState {
                    row: "ssrf".into(),
                    mitigation: Mitigation::default(),
                    note: String::new(),
                },
                ThreatState {
                    row: "dos".into(),
                    mitigation: Mitigation::default(),
                    note: String::new(),
                },
            ],
            ..Assessment::default()
        };
        let mut after = before.clone();
        after.citations[0].judgements.clear();
        after.checklists.clear();
        after.threats.retain(|t| t.row == "dos");
        after.threats[0].note = "rate limits".into();
        assert_eq!(
            before.removals(&after),
            [
                "checklist removed: production-checklist",
                "threat removed: ssrf"
            ]
        );
        assert!(
            after.removals(&before).is_empty(),
            "additions are not removals"
        );
        assert_eq!(
            before.removals(&Assessment::default())[0],
            "cited row removed: architecture-decision-matrix/sub-microsecond-latency"
        );
    }

    #[test]
    fn choosing_an_avoided_option_deviates_until_justified() {
        let mut a = Assessment {
            citations: vec![citation(Judgement::Avoid)],
            ..Assessment::default()
        };
        assert_eq!(a.deviation_state(Some("go")), DeviationState::Unjustified);
        assert_eq!(a.deviation_state(Some("rust")), DeviationState::None);
        assert_eq!(a.deviation_state(None), DeviationState::None);
        a.deviation.justification = "  Our p99 budget is 5 ms, not 1 µs. ".into();
        assert_eq!(a.deviation_state(Some("go")), DeviationState::Justified);
        a.citations = vec![citation(Judgement::Recommended)];
        assert_eq!(a.deviation_state(Some("go")), DeviationState::None);
    }
}
