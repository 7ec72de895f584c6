//! A decision as a markdown file, in MADR 4 form (what the history diffs compare, and what an
//! export hands to a repository) or in adr-tools' (Nygard) form. One writer per form; what
//! MADR has no section for comes from [`generated`] and sits between markers an import drops.

pub mod archive;
pub mod files;
pub mod generated;

use crate::model::adr::{AdrDocument, Relation};
use crate::model::adr_key;
use crate::model::slug::slugify;
use crate::model::status::Status;
use std::fmt::Write;

/// The markdown forms of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Form {
    #[default]
    Madr,
    Nygard,
}

impl Form {
    /// Reads `madr` or `nygard` (the `?format=` of an export).
    pub fn parse(text: &str) -> Option<Form> {
        match text.trim() {
            "madr" => Some(Form::Madr),
            "nygard" => Some(Form::Nygard),
            _ => None,
        }
    }
}

/// The longest slug in a file name, as adr-tools and log4brains keep them readable.
const FILE_SLUG_MAX: usize = 60;

/// The file name of ADR `number`: `0007-use-go-for-the-gateway.md` (`0007.md` for a title
/// with no slug).
pub fn file_name(number: i64, title: &str) -> String {
    let slug = slugify(title, FILE_SLUG_MAX);
    if slug.is_empty() {
        format!("{number:04}.md")
    } else {
        format!("{number:04}-{slug}.md")
    }
}

/// The markdown link to an ADR: `[ADR-0007: Title](url)`.
pub fn markdown_link(number: i64, title: &str, url: &str) -> String {
    format!(
        "[{}: {}]({url})",
        adr_key::display(number),
        link_text(title)
    )
}

/// Link text that stays link text: brackets and backslashes escaped.
pub fn link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

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

/// The MADR markdown of ADR `number` in `status`, as the history compares revisions.
pub fn to_madr(number: i64, status: Status, doc: &AdrDocument) -> String {
    madr(number, status, doc, "")
}

/// The text of "More Information": the author's, then the generated block.
fn more_information(doc: &AdrDocument, generated: &str) -> String {
    match (doc.more_information.is_empty(), generated.is_empty()) {
        (_, true) => doc.more_information.clone(),
        (true, false) => generated.trim_end().to_owned(),
        (false, false) => format!("{}\n\n{}", doc.more_information, generated.trim_end()),
    }
}

/// The MADR 4 file of ADR `number` in `status`, with `generated` (a block from
/// [`generated::block`], or empty) at the end of "More Information".
pub fn madr(number: i64, status: Status, doc: &AdrDocument, generated: &str) -> String {
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
    section(
        &mut out,
        "More Information",
        &more_information(doc, generated),
    );
    out
}

/// The adr-tools (Nygard) file of ADR `number`: `# 7. Title`, the date, then Status (with
/// its relations, as `adr link` writes them), Context, Decision and Consequences.
pub fn nygard(
    number: i64,
    status: Status,
    doc: &AdrDocument,
    relations: &[Relation],
    generated: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {number}. {}", doc.title);
    let _ = writeln!(out, "\nDate: {}", doc.date);
    let _ = writeln!(out, "\n## Status\n\n{}", status.label());
    for relation in relations {
        let _ = writeln!(
            out,
            "\n{} [{}. {}]({})",
            relation.kind.label(),
            relation.number,
            link_text(&relation.title),
            file_name(relation.number, &relation.title)
        );
    }
    out.push_str("\n## Context\n");
    if !doc.context.is_empty() {
        let _ = writeln!(out, "\n{}", doc.context);
    }
    if !doc.decision_drivers.is_empty() {
        out.push_str("\nDecision drivers:\n\n");
        bullets(&mut out, "", &doc.decision_drivers);
    }
    if !doc.options.is_empty() {
        out.push_str("\nConsidered options:\n\n");
        for option in &doc.options {
            if option.description.is_empty() {
                let _ = writeln!(out, "* {}", option.name);
            } else {
                let _ = writeln!(out, "* {}: {}", option.name, option.description);
            }
        }
    }
    out.push_str("\n## Decision\n");
    if let Some(chosen) = doc.chosen() {
        let _ = writeln!(out, "\nChosen option: \"{}\"", chosen.name);
    }
    if !doc.justification.is_empty() {
        let _ = writeln!(out, "\n{}", doc.justification);
    }
    out.push_str("\n## Consequences\n");
    if !doc.consequences_good.is_empty() || !doc.consequences_bad.is_empty() {
        out.push('\n');
        bullets(&mut out, "Good, because ", &doc.consequences_good);
        bullets(&mut out, "Bad, because ", &doc.consequences_bad);
    }
    if !doc.confirmation.is_empty() {
        let _ = writeln!(out, "\nConfirmation: {}", doc.confirmation);
    }
    section(
        &mut out,
        "More Information",
        &more_information(doc, generated),
    );
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

    use crate::model::relation::RelationType;

    #[test]
    fn the_nygard_form_keeps_relations_in_its_status_section() {
        use crate::model::adr::Relation;
        let doc = AdrDocument {
            title: "Use Go for the gateway".into(),
            date: "2026-11-27".into(),
            context: "Latency.".into(),
            decision_drivers: vec!["p99".into()],
            options: vec![
                AdrOption {
                    id: "go".into(),
                    name: "Go".into(),
                    description: "a GC language".into(),
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
            consequences_good: vec!["one binary".into()],
            consequences_bad: vec!["GC pauses".into()],
            confirmation: "A load test.".into(),
            more_information: "See the RFC.".into(),
            ..Default::default()
        };
        let relations = [Relation {
            kind: RelationType::Supersedes,
            number: 3,
            title: "Use Java".into(),
        }];
        let md = nygard(
            7,
            Status::Accepted,
            &doc,
            &relations,
            "<!-- tradeoff:generated -->\nx\n<!-- /tradeoff:generated -->\n",
        );
        let expected = "# 7. Use Go for the gateway\n\nDate: 2026-11-27\n\n## Status\n\nAccepted\n\nSupersedes [3. Use Java](0003-use-java.md)\n\n## Context\n\nLatency.\n\nDecision drivers:\n\n* p99\n\nConsidered options:\n\n* Go: a GC language\n* Rust\n\n## Decision\n\nChosen option: \"Go\"\n\nTeam knows it.\n\n## Consequences\n\n* Good, because one binary\n* Bad, because GC pauses\n\nConfirmation: A load test.\n\n## More Information\n\nSee the RFC.\n\n<!-- tradeoff:generated -->\nx\n<!-- /tradeoff:generated -->\n";
        assert_eq!(md, expected);
    }

    #[test]
    fn the_generated_block_follows_the_authors_more_information() {
        let doc = AdrDocument {
            title: "T".into(),
            date: "2026-11-27".into(),
            ..Default::default()
        };
        let md = madr(
            1,
            Status::Draft,
            &doc,
            "<!-- tradeoff:generated -->\nx\n<!-- /tradeoff:generated -->\n",
        );
        assert!(md.ends_with("## More Information\n\n<!-- tradeoff:generated -->\nx\n<!-- /tradeoff:generated -->\n"), "{md}");
        assert_eq!(file_name(12, "Pick a queue!"), "0012-pick-a-queue.md");
        assert_eq!(file_name(3, "日本"), "0003.md");
        assert_eq!(
            markdown_link(7, "Use [Go]", "https://x/adr/7"),
            "[ADR-0007: Use \\[Go\\]](https://x/adr/7)"
        );
    }
}
