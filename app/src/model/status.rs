//! The lifecycle of a decision: which statuses exist and which moves between them are allowed.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a decision stands in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

impl Status {
    /// Every status, in lifecycle order (the order used for counts and filters).
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Proposed,
        Status::Accepted,
        Status::Rejected,
        Status::Deprecated,
        Status::Superseded,
    ];

    /// The name used in URLs, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Proposed => "Proposed",
            Status::Accepted => "Accepted",
            Status::Rejected => "Rejected",
            Status::Deprecated => "Deprecated",
            Status::Superseded => "Superseded",
        }
    }

    /// The statuses this one may move to.
    pub fn allowed_moves(self) -> &'static [Status] {
        match self {
            Status::Draft => &[Status::Proposed],
            Status::Proposed => &[Status::Draft, Status::Accepted, Status::Rejected],
            Status::Rejected => &[Status::Proposed],
            Status::Accepted => &[Status::Deprecated, Status::Superseded],
            Status::Deprecated | Status::Superseded => &[],
        }
    }

    /// Whether moving from `self` to `to` is allowed.
    pub fn can_move_to(self, to: Status) -> bool {
        self.allowed_moves().contains(&to)
    }

    /// The verb on the button that performs a move to this status.
    pub fn action_label(self) -> &'static str {
        match self {
            Status::Draft => "Back to draft",
            Status::Proposed => "Propose",
            Status::Accepted => "Accept",
            Status::Rejected => "Reject",
            Status::Deprecated => "Deprecate",
            Status::Superseded => "Mark superseded",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status name that is not one of [`Status::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown status '{0}'; expected one of draft, proposed, accepted, rejected, deprecated, superseded"
)]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_transitions_match_the_lifecycle() {
        use Status::*;
        let allowed = [
            (Draft, Proposed),
            (Proposed, Draft),
            (Proposed, Accepted),
            (Proposed, Rejected),
            (Rejected, Proposed),
            (Accepted, Deprecated),
            (Accepted, Superseded),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                assert_eq!(
                    from.can_move_to(to),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
        assert_eq!(
            "Accepted".parse::<Status>(),
            Err(UnknownStatus("Accepted".into()))
        );
    }
}
