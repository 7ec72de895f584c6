//! The decision record, aligned with MADR 4, and the views of it that pages and the API show.

use crate::model::assessment::DeviationState;
use crate::model::relation::RelationType;
use crate::model::status::Status;
use serde::{Deserialize, Serialize};

/// The content of a decision that people write and revise. Every save stores one of these as
/// a revision. Text fields are markdown; list items are markdown too.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdrDocument {
    pub title: String,
    /// `YYYY-MM-DD`: when the decision was last updated, as MADR's `date`.
    pub date: String,
    pub decision_makers: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    /// Teams, components and topics.
    pub tags: Vec<String>,
    /// Ticket references such as `PROJ-123` or a URL.
    pub tickets: Vec<String>,
    /// Context and problem statement.
    pub context: String,
    pub decision_drivers: Vec<String>,
    pub options: Vec<AdrOption>,
    /// The `id` of the chosen option.
    pub chosen_option: Option<String>,
    pub justification: String,
    pub consequences_good: Vec<String>,
    pub consequences_bad: Vec<String>,
    pub confirmation: String,
    pub more_information: String,
}

impl AdrDocument {
    /// The chosen option, when one is set and still exists.
    pub fn chosen(&self) -> Option<&AdrOption> {
        let id = self.chosen_option.as_deref()?;
        self.options.iter().find(|o| o.id == id)
    }
}

/// One considered option. Its `id` is stable: renaming an option keeps everything tied to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdrOption {
    pub id: String,
    pub name: String,
    pub description: String,
    pub good: Vec<String>,
    pub neutral: Vec<String>,
    pub bad: Vec<String>,
}

/// Another ADR as seen from this one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    #[serde(rename = "type")]
    pub kind: RelationType,
    pub number: i64,
    pub title: String,
}

/// A stored decision: its current document plus what the log tracks about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adr {
    pub number: i64,
    pub status: Status,
    /// The latest revision; every save makes one.
    pub version: i64,
    /// The latest revision that changed the document (status moves do not).
    pub content_version: i64,
    pub document: AdrDocument,
    pub relations: Vec<Relation>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// The revision at which the ADR was last accepted, if it ever was.
    pub accepted_version: Option<i64>,
}

impl Adr {
    /// Whether the content changed after the last acceptance, and from which revision.
    pub fn amended_since_acceptance(&self) -> Option<i64> {
        let accepted = self.accepted_version?;
        matches!(
            self.status,
            Status::Accepted | Status::Deprecated | Status::Superseded
        )
        .then_some(accepted)
        .filter(|_| self.content_version > accepted)
    }
}

/// A row of the decision list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdrSummary {
    pub number: i64,
    pub title: String,
    pub status: Status,
    pub date: String,
    pub tags: Vec<String>,
    pub tickets: Vec<String>,
    pub decision_makers: Vec<String>,
    pub version: i64,
    pub updated_at: String,
    /// Whether the chosen option goes against a cited row of the guide.
    pub deviation: DeviationState,
}

/// One entry of an ADR's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub revision: i64,
    pub status: Status,
    /// Set when this revision is a status move: the status it left.
    pub previous_status: Option<Status>,
    /// What the save did: `created`, `edited`, or `status: proposed -> accepted`.
    pub change: String,
    pub actor: String,
    pub created_at: String,
}
