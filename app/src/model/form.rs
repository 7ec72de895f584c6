//! The edit form's view of a decision: plain strings as the browser holds them.
//!
//! Lists of names are comma-separated; drivers, consequences and arguments are one per line.
//! The same conversions serve the island (with JavaScript) and the plain form post (without).

use crate::model::adr::{AdrDocument, AdrOption};
use serde::{Deserialize, Serialize};

/// Every field of the edit form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdrForm {
    pub title: String,
    pub date: String,
    pub decision_makers: String,
    pub consulted: String,
    pub informed: String,
    pub tags: String,
    pub tickets: String,
    pub context: String,
    pub decision_drivers: String,
    pub options: Vec<OptionForm>,
    /// The chosen option's id, or its name for an option that has no id yet.
    pub chosen_option: String,
    pub justification: String,
    pub consequences_good: String,
    pub consequences_bad: String,
    pub confirmation: String,
    pub more_information: String,
}

/// One option block of the form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OptionForm {
    pub id: String,
    pub name: String,
    pub description: String,
    pub good: String,
    pub neutral: String,
    pub bad: String,
    /// Ticked to drop the option on save.
    #[serde(default)]
    pub remove: bool,
}

/// The `chosen_option` value of the radio button in option block `index`.
pub fn chosen_marker(index: usize) -> String {
    format!("@{index}")
}

/// A save refused because someone saved a newer version first: what they changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub current_version: i64,
    pub changes: Vec<FieldChange>,
}

/// A field whose value differs between two versions of the form, for the conflict view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub label: String,
    pub theirs: String,
    pub yours: String,
}

fn join_names(list: &[String]) -> String {
    list.join(", ")
}

fn join_lines(list: &[String]) -> String {
    list.join("\n")
}

fn split_names(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl OptionForm {
    fn is_blank(&self) -> bool {
        [
            &self.id,
            &self.name,
            &self.description,
            &self.good,
            &self.neutral,
            &self.bad,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

impl AdrForm {
    /// The form filled with a stored document.
    pub fn from_document(doc: &AdrDocument) -> Self {
        AdrForm {
            title: doc.title.clone(),
            date: doc.date.clone(),
            decision_makers: join_names(&doc.decision_makers),
            consulted: join_names(&doc.consulted),
            informed: join_names(&doc.informed),
            tags: join_names(&doc.tags),
            tickets: join_names(&doc.tickets),
            context: doc.context.clone(),
            decision_drivers: join_lines(&doc.decision_drivers),
            options: doc
                .options
                .iter()
                .map(|o| OptionForm {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    description: o.description.clone(),
                    good: join_lines(&o.good),
                    neutral: join_lines(&o.neutral),
                    bad: join_lines(&o.bad),
                    remove: false,
                })
                .collect(),
            chosen_option: doc.chosen_option.clone().unwrap_or_default(),
            justification: doc.justification.clone(),
            consequences_good: join_lines(&doc.consequences_good),
            consequences_bad: join_lines(&doc.consequences_bad),
            confirmation: doc.confirmation.clone(),
            more_information: doc.more_information.clone(),
        }
    }

    /// The document this form describes, not yet validated. Blank option blocks are dropped.
    pub fn to_document(&self) -> AdrDocument {
        AdrDocument {
            title: self.title.clone(),
            date: self.date.clone(),
            decision_makers: split_names(&self.decision_makers),
            consulted: split_names(&self.consulted),
            informed: split_names(&self.informed),
            tags: split_names(&self.tags),
            tickets: split_names(&self.tickets),
            context: self.context.clone(),
            decision_drivers: split_lines(&self.decision_drivers),
            options: self
                .options
                .iter()
                .filter(|o| !o.is_blank() && !o.remove)
                .map(|o| AdrOption {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    description: o.description.clone(),
                    good: split_lines(&o.good),
                    neutral: split_lines(&o.neutral),
                    bad: split_lines(&o.bad),
                })
                .collect(),
            chosen_option: Some(self.chosen_option.clone()).filter(|c| !c.trim().is_empty()),
            justification: self.justification.clone(),
            consequences_good: split_lines(&self.consequences_good),
            consequences_bad: split_lines(&self.consequences_bad),
            confirmation: self.confirmation.clone(),
            more_information: self.more_information.clone(),
        }
    }

    /// Reads the fields of a posted form. Unknown names are ignored; option blocks are
    /// `option.{index}.{part}` and keep their index order.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = AdrForm::default();
        let mut options: std::collections::BTreeMap<usize, OptionForm> = Default::default();
        for (name, value) in pairs {
            let value = value.to_owned();
            match name {
                "title" => form.title = value,
                "date" => form.date = value,
                "decision_makers" => form.decision_makers = value,
                "consulted" => form.consulted = value,
                "informed" => form.informed = value,
                "tags" => form.tags = value,
                "tickets" => form.tickets = value,
                "context" => form.context = value,
                "decision_drivers" => form.decision_drivers = value,
                "chosen_option" => form.chosen_option = value,
                "justification" => form.justification = value,
                "consequences_good" => form.consequences_good = value,
                "consequences_bad" => form.consequences_bad = value,
                "confirmation" => form.confirmation = value,
                "more_information" => form.more_information = value,
                _ => {
                    let Some((index, part)) = name
                        .strip_prefix("option.")
                        .and_then(|rest| rest.split_once('.'))
                    else {
                        continue;
                    };
                    let Ok(index) = index.parse::<usize>() else {
                        continue;
                    };
                    if index >= crate::model::validation::OPTIONS_MAX * 2 {
                        continue;
                    }
                    let option = options.entry(index).or_default();
                    match part {
                        "id" => option.id = value,
                        "name" => option.name = value,
                        "description" => option.description = value,
                        "good" => option.good = value,
                        "neutral" => option.neutral = value,
                        "bad" => option.bad = value,
                        "remove" => option.remove = !value.is_empty(),
                        _ => {}
                    }
                }
            }
        }
        // A radio button names its option block as `@index`: resolve it to the option's id,
        // or to its name when the option is new.
        if let Some(index) = form
            .chosen_option
            .strip_prefix('@')
            .and_then(|i| i.parse::<usize>().ok())
        {
            form.chosen_option = options
                .get(&index)
                .filter(|o| !o.remove)
                .map(|o| {
                    if o.id.trim().is_empty() {
                        o.name.clone()
                    } else {
                        o.id.clone()
                    }
                })
                .unwrap_or_default();
        }
        form.options = options.into_values().collect();
        form
    }

    /// The fields where `theirs` differs from `self`, labelled for people.
    pub fn changes_from(&self, theirs: &AdrForm) -> Vec<FieldChange> {
        let mut changes = Vec::new();
        let mut compare = |label: &str, yours: &str, theirs: &str| {
            if yours.trim() != theirs.trim() {
                changes.push(FieldChange {
                    label: label.to_owned(),
                    theirs: theirs.to_owned(),
                    yours: yours.to_owned(),
                });
            }
        };
        compare("Title", &self.title, &theirs.title);
        compare("Date", &self.date, &theirs.date);
        compare(
            "Decision-makers",
            &self.decision_makers,
            &theirs.decision_makers,
        );
        compare("Consulted", &self.consulted, &theirs.consulted);
        compare("Informed", &self.informed, &theirs.informed);
        compare("Tags", &self.tags, &theirs.tags);
        compare("Tickets", &self.tickets, &theirs.tickets);
        compare(
            "Context and problem statement",
            &self.context,
            &theirs.context,
        );
        compare(
            "Decision drivers",
            &self.decision_drivers,
            &theirs.decision_drivers,
        );
        let names = |form: &AdrForm| {
            form.options
                .iter()
                .filter(|o| !o.is_blank() && !o.remove)
                .map(|o| o.name.trim().to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        compare("Considered options", &names(self), &names(theirs));
        compare("Chosen option", &self.chosen_option, &theirs.chosen_option);
        compare("Justification", &self.justification, &theirs.justification);
        compare(
            "Good consequences",
            &self.consequences_good,
            &theirs.consequences_good,
        );
        compare(
            "Bad consequences",
            &self.consequences_bad,
            &theirs.consequences_bad,
        );
        compare("Confirmation", &self.confirmation, &theirs.confirmation);
        compare(
            "More information",
            &self.more_information,
            &theirs.more_information,
        );
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_pairs_become_a_document() {
        let pairs = [
            ("title", "Pick a queue"),
            ("tags", "Infra, queues ,"),
            ("decision_drivers", "cost\r\n\r\nlatency\n"),
            ("option.1.name", "Kafka"),
            ("option.0.name", "NATS"),
            ("option.0.good", "simple\nfast"),
            ("option.2.name", ""),
            ("option.3.name", "Dropped"),
            ("option.3.remove", "on"),
            ("chosen_option", "@0"),
            ("unrelated", "x"),
        ];
        let doc = AdrForm::from_pairs(pairs).to_document();
        assert_eq!(doc.title, "Pick a queue");
        assert_eq!(doc.tags, ["Infra", "queues"]);
        assert_eq!(doc.decision_drivers, ["cost", "latency"]);
        let names: Vec<_> = doc.options.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["NATS", "Kafka"]);
        assert_eq!(doc.options[0].good, ["simple", "fast"]);
        assert_eq!(doc.chosen_option.as_deref(), Some("NATS"));
    }

    #[test]
    fn a_document_survives_the_form() {
        let doc = AdrDocument {
            title: "T".into(),
            date: "2026-01-02".into(),
            decision_makers: vec!["A".into(), "B".into()],
            tags: vec!["x".into()],
            decision_drivers: vec!["d1".into(), "d2".into()],
            options: vec![AdrOption {
                id: "o".into(),
                name: "O".into(),
                description: "desc".into(),
                good: vec!["g".into()],
                neutral: vec![],
                bad: vec!["b1".into(), "b2".into()],
            }],
            chosen_option: Some("o".into()),
            ..Default::default()
        };
        assert_eq!(AdrForm::from_document(&doc).to_document(), doc);
    }
}

#[cfg(test)]
mod conflict_tests {
    use super::*;

    #[test]
    fn changes_list_only_differing_fields() {
        let mine = AdrForm {
            title: "A".into(),
            context: "mine".into(),
            ..Default::default()
        };
        let theirs = AdrForm {
            title: "A ".into(),
            context: "theirs".into(),
            ..Default::default()
        };
        let changes = mine.changes_from(&theirs);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].label, "Context and problem statement");
        assert_eq!(
            (changes[0].yours.as_str(), changes[0].theirs.as_str()),
            ("mine", "theirs")
        );
    }

    #[test]
    fn a_chosen_marker_names_a_new_option_by_name() {
        let form = AdrForm::from_pairs([
            ("option.0.id", "go"),
            ("option.0.name", "Go"),
            ("option.1.name", "Rust"),
            ("chosen_option", "@1"),
        ]);
        assert_eq!(form.chosen_option, "Rust");
        let form = AdrForm::from_pairs([
            ("option.0.id", "go"),
            ("option.0.name", "Go"),
            ("chosen_option", "@0"),
        ]);
        assert_eq!(form.chosen_option, "go");
    }
}
