//! What the log already holds, offered as suggestions where people type tags and names, so
//! that "platform" is not also spelled "Platform" and "platform-team".

use serde::{Deserialize, Serialize};

/// A value in use and how many ADRs use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InUse {
    pub value: String,
    pub count: i64,
}

impl InUse {
    /// How a suggestion reads beside its value: `12 ADRs`.
    pub fn label(&self) -> String {
        match self.count {
            1 => "1 ADR".to_owned(),
            n => format!("{n} ADRs"),
        }
    }
}

/// The tags and names in use, most used first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub tags: Vec<InUse>,
    pub decision_makers: Vec<InUse>,
    /// Everyone named in any role: consulted, informed and decision-makers.
    pub people: Vec<InUse>,
}

impl Suggestions {
    /// The `id` of the `<datalist>` for each list, as inputs name it in their `list`.
    pub const TAGS: &str = "tag-suggestions";
    pub const DECISION_MAKERS: &str = "decision-maker-suggestions";
    pub const PEOPLE: &str = "people-suggestions";
}

#[cfg(test)]
mod tests {
    use super::InUse;

    #[test]
    fn a_count_reads_as_adrs() {
        let one = InUse {
            value: "go".into(),
            count: 1,
        };
        assert_eq!(one.label(), "1 ADR");
        assert_eq!(InUse { count: 7, ..one }.label(), "7 ADRs");
    }
}
