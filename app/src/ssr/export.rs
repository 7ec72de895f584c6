//! A decision as a MADR 4 markdown file: what the history diffs compare, and what an export
//! hands to a repository.

use crate::model::adr::AdrDocument;
use crate::model::adr_key;
use crate::model::status::Status;
use std::fmt::Write;

fn yaml_list(out: &mut String, key: &str, items: &[String]) {
    if !items.is_empty() {
        let quoted: Vec<String> = items.iter().map(|i| yaml_string(i)).collect();
        let _ = writeln!(out, "{key}: [{}]", quoted.join(", "));
    }
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn bullets(out: &mut String, prefix: &str, items: &[String]) {
    for item in items {
        let _ = writeln!(out, "* {prefix}{item}");
    }
}

fn section(out: &mut String, heading: &str, text: &str) {
    if !text.is_empty() {
        let _ = write!(out, "\n## {heading}\n\n{text}\n");
    }
}

/// The MADR markdown of ADR `number` in `status`.
pub fn to_madr(number: i64, status: Status, doc: &AdrDocument) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "status: {status}");
    let _ = writeln!(out, "date: {}", doc.date);
    yaml_list(&mut out, "decision-makers", &doc.decision_makers);
    yaml_list(&mut out, "consulted", &doc.consulted);
    yaml_list(&mut out, "informed", &doc.informed);
    yaml_list(&mut out, "tags", &doc.tags);
    yaml_list(&mut out, "tickets", &doc.tickets);
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {}: {}", adr_key::display(number), doc.title);
    section(&mut out, "Context and Problem Statement", &doc.context);
    if !doc.decision_drivers.is_empty() {
        out.push_str("\n## Decision Drivers\n\n");
        bullets(&mut out, "", &doc.decision_drivers);
    }
    if !doc.options.is_empty() {
        out.push_str("\n## Considered Options\n\n");
        for option in &doc.options {
            let _ = writeln!(out, "* {}", option.name);
        }
    }
    if doc.chosen_option.is_some() || !doc.justification.is_empty() {
        out.push_str("\n## Decision Outcome\n\n");
        if let Some(chosen) = doc.chosen() {
            let _ = writeln!(out, "Chosen option: \"{}\"", chosen.name);
        }
        if !doc.justification.is_empty() {
            let _ = writeln!(out, "\n{}", doc.justification);
        }
    }
    if !doc.consequences_good.is_empty() || !doc.consequences_bad.is_empty() {
        out.push_str("\n### Consequences\n\n");
        bullets(&mut out, "Good, because ", &doc.consequences_good);
        bullets(&mut out, "Bad, because ", &doc.consequences_bad);
    }
    if !doc.confirmation.is_empty() {
        let _ = write!(out, "\n### Confirmation\n\n{}\n", doc.confirmation);
    }
    if doc.options.iter().any(|o| {
        !o.description.is_empty()
            || !o.good.is_empty()
            || !o.neutral.is_empty()
            || !o.bad.is_empty()
    }) {
        out.push_str("\n## Pros and Cons of the Options\n");
        for option in &doc.options {
            let _ = writeln!(out, "\n### {}\n", option.name);
            if !option.description.is_empty() {
                let _ = writeln!(out, "{}\n", option.description);
            }
            bullets(&mut out, "Good, because ", &option.good);
            bullets(&mut out, "Neutral, because ", &option.neutral);
            bullets(&mut out, "Bad, because ", &option.bad);
        }
    }
    section(&mut out, "More Information", &doc.more_information);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::adr::AdrOption;

    #[test]
    fn a_full_record_exports_in_madr_order() {
        let doc = AdrDocument {
            title: "Use Go for the gateway".into(),
            date: "2026-11-27".into(),
            decision_makers: vec!["Ana".into()],
            tags: vec!["gateway".into()],
            context: "We need a \"fast\" gateway.".into(),
            decision_drivers: vec!["latency".into()],
            options: vec![
                AdrOption {
                    id: "go".into(),
                    name: "Go".into(),
                    good: vec!["simple".into()],
                    ..Default::default()
                },
                AdrOption {
                    id: "rust".into(),
                    name: "Rust".into(),
                    ..Default::default()
                },
            ],
            chosen_option: Some("go".into()),
            justification: "Team knows it.".into(),
            consequences_bad: vec!["GC pauses".into()],
            ..Default::default()
        };
        let md = to_madr(7, Status::Accepted, &doc);
        let expected = "---\nstatus: accepted\ndate: 2026-11-27\ndecision-makers: [\"Ana\"]\ntags: [\"gateway\"]\n---\n\n# ADR-0007: Use Go for the gateway\n\n## Context and Problem Statement\n\nWe need a \"fast\" gateway.\n\n## Decision Drivers\n\n* latency\n\n## Considered Options\n\n* Go\n* Rust\n\n## Decision Outcome\n\nChosen option: \"Go\"\n\nTeam knows it.\n\n### Consequences\n\n* Bad, because GC pauses\n\n## Pros and Cons of the Options\n\n### Go\n\n* Good, because simple\n\n### Rust\n\n";
        assert_eq!(md, expected);
    }
}
