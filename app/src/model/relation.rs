//! Typed links between decisions and the labels they show from either end.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A link as stored: `source` *kind* `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Supersedes,
    Amends,
    Relates,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [LinkKind::Supersedes, LinkKind::Amends, LinkKind::Relates];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Supersedes => "supersedes",
            LinkKind::Amends => "amends",
            LinkKind::Relates => "relates",
        }
    }

    /// How the link reads from its source.
    pub fn forward(self) -> RelationType {
        match self {
            LinkKind::Supersedes => RelationType::Supersedes,
            LinkKind::Amends => RelationType::Amends,
            LinkKind::Relates => RelationType::Relates,
        }
    }

    /// How the link reads from its target: the automatic reverse label.
    pub fn reverse(self) -> RelationType {
        match self {
            LinkKind::Supersedes => RelationType::SupersededBy,
            LinkKind::Amends => RelationType::AmendedBy,
            LinkKind::Relates => RelationType::Relates,
        }
    }
}

/// A relation as seen from one ADR, including reverse labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Supersedes,
    SupersededBy,
    Amends,
    AmendedBy,
    Relates,
}

impl RelationType {
    pub const ALL: [RelationType; 5] = [
        RelationType::Supersedes,
        RelationType::SupersededBy,
        RelationType::Amends,
        RelationType::AmendedBy,
        RelationType::Relates,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationType::Supersedes => "supersedes",
            RelationType::SupersededBy => "superseded_by",
            RelationType::Amends => "amends",
            RelationType::AmendedBy => "amended_by",
            RelationType::Relates => "relates",
        }
    }

    /// The phrase shown before the other ADR's name.
    pub fn label(self) -> &'static str {
        match self {
            RelationType::Supersedes => "Supersedes",
            RelationType::SupersededBy => "Superseded by",
            RelationType::Amends => "Amends",
            RelationType::AmendedBy => "Amended by",
            RelationType::Relates => "Relates to",
        }
    }

    /// How the same relation reads from the other ADR.
    pub fn reverse(self) -> RelationType {
        match self {
            RelationType::Supersedes => RelationType::SupersededBy,
            RelationType::SupersededBy => RelationType::Supersedes,
            RelationType::Amends => RelationType::AmendedBy,
            RelationType::AmendedBy => RelationType::Amends,
            RelationType::Relates => RelationType::Relates,
        }
    }

    /// The stored link that expresses "this ADR *self* other": its kind, and whether this ADR
    /// is the link's source (`true`) or its target (`false`).
    pub fn as_link(self) -> (LinkKind, bool) {
        match self {
            RelationType::Supersedes => (LinkKind::Supersedes, true),
            RelationType::SupersededBy => (LinkKind::Supersedes, false),
            RelationType::Amends => (LinkKind::Amends, true),
            RelationType::AmendedBy => (LinkKind::Amends, false),
            RelationType::Relates => (LinkKind::Relates, true),
        }
    }
}

/// A relation type name that is not one of [`RelationType::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown relation type '{0}'; expected one of supersedes, superseded_by, amends, amended_by, relates"
)]
pub struct UnknownRelationType(pub String);

impl FromStr for RelationType {
    type Err = UnknownRelationType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownRelationType(s.to_owned()))
    }
}

impl FromStr for LinkKind {
    type Err = UnknownRelationType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LinkKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownRelationType(s.to_owned()))
    }
}

/// Whether adding "`source` supersedes `target`" would close a cycle, given the existing
/// supersede edges as `(source, target)` pairs. Returns the cycle as a path from `target`
/// back to `source`, or `None` when the new edge is safe.
pub fn supersede_cycle(edges: &[(i64, i64)], source: i64, target: i64) -> Option<Vec<i64>> {
    if source == target {
        return Some(vec![source, source]);
    }
    // Depth-first search from `target` along "supersedes" edges looking for `source`.
    let mut stack = vec![vec![target]];
    let mut seen = std::collections::HashSet::new();
    while let Some(path) = stack.pop() {
        let last = *path.last().expect("paths are never empty");
        if last == source {
            let mut cycle = vec![source];
            cycle.extend(path);
            return Some(cycle);
        }
        if !seen.insert(last) {
            continue;
        }
        for &(from, to) in edges {
            if from == last {
                let mut next = path.clone();
                next.push(to);
                stack.push(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_labels() {
        assert_eq!(LinkKind::Supersedes.reverse(), RelationType::SupersededBy);
        assert_eq!(LinkKind::Amends.reverse(), RelationType::AmendedBy);
        assert_eq!(LinkKind::Relates.reverse(), RelationType::Relates);
        for t in RelationType::ALL {
            assert_eq!(t.reverse().reverse(), t);
            let (kind, outgoing) = t.as_link();
            let seen = if outgoing {
                kind.forward()
            } else {
                kind.reverse()
            };
            assert_eq!(seen, t);
        }
    }

    #[test]
    fn cycles_are_found() {
        // 3 supersedes 2, 2 supersedes 1.
        let edges = [(3, 2), (2, 1)];
        assert_eq!(supersede_cycle(&edges, 1, 3), Some(vec![1, 3, 2, 1]));
        assert_eq!(supersede_cycle(&edges, 4, 3), None);
        assert_eq!(supersede_cycle(&edges, 3, 1), None);
        assert_eq!(supersede_cycle(&edges, 5, 5), Some(vec![5, 5]));
    }
}
