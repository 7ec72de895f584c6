//! What an exported file carries that MADR has no section for: the relations, the guide
//! assessment, the evidence and its comparison, and the charts. It sits between
//! `<!-- tradeoff:generated -->` markers: it is rebuilt from the record on every export, so an
//! import drops it.

use super::{file_name, link_text};
use crate::model::adr::Relation;
use crate::model::adr_key;
use std::fmt::Write;

/// The opening marker.
pub const OPEN: &str = "<!-- tradeoff:generated -->";
/// The closing marker.
pub const CLOSE: &str = "<!-- /tradeoff:generated -->";

/// A piece of evidence as the export lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceLine {
    pub number: i64,
    pub option: String,
    pub label: String,
    pub format: String,
    pub lines_read: i64,
    pub added: String,
}

/// Everything the block shows; empty parts are left out, and an empty whole writes nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Generated {
    pub relations: Vec<Relation>,
    /// One line per finding of the guide assessment.
    pub assessment: Vec<String>,
    pub evidence: Vec<EvidenceLine>,
    /// The sides compared and benchstat's text table.
    pub comparison: Option<(String, String, String)>,
    /// `(alt, absolute PNG URL)`.
    pub charts: Vec<(String, String)>,
}

/// A table cell that stays one cell.
pub fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// A code fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// The block, markers included; `with_relations` is false for the adr-tools form, which
/// writes its relations in the Status section.
pub fn block(generated: &Generated, with_relations: bool) -> String {
    let relations: &[Relation] = if with_relations {
        &generated.relations
    } else {
        &[]
    };
    if relations.is_empty()
        && generated.assessment.is_empty()
        && generated.evidence.is_empty()
        && generated.comparison.is_none()
        && generated.charts.is_empty()
    {
        return String::new();
    }
    let mut out = String::new();
    let _ = writeln!(out, "{OPEN}");
    out.push_str(
        "<!-- Written by Tradeoff from its record on every export; an import drops this block. -->\n",
    );
    if !relations.is_empty() {
        out.push_str("\n### Relations\n\n");
        for relation in relations {
            let _ = writeln!(
                out,
                "* {} [{}: {}]({})",
                relation.kind.label(),
                adr_key::display(relation.number),
                link_text(&relation.title),
                file_name(relation.number, &relation.title)
            );
        }
    }
    if !generated.assessment.is_empty() {
        out.push_str("\n### Against the guide\n\n");
        for line in &generated.assessment {
            let _ = writeln!(out, "* {line}");
        }
    }
    if !generated.evidence.is_empty() {
        out.push_str(
            "\n### Evidence\n\n| # | Option | Label | Format | Lines read | Added |\n| --- | --- | --- | --- | --- | --- |\n",
        );
        for e in &generated.evidence {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                e.number,
                cell(&e.option),
                cell(&e.label),
                cell(&e.format),
                e.lines_read,
                cell(&e.added)
            );
        }
    }
    if let Some((base, new, text)) = &generated.comparison {
        let fence = fence(text);
        let _ = write!(
            out,
            "\nComparison of {} against {}, as benchstat prints it:\n\n{fence}text\n{}\n{fence}\n",
            cell(new),
            cell(base),
            text.trim_end()
        );
    }
    if !generated.charts.is_empty() {
        out.push_str("\n### Charts\n\n");
        for (alt, url) in &generated.charts {
            let _ = writeln!(out, "![{}]({url})", link_text(alt));
        }
    }
    let _ = writeln!(out, "\n{CLOSE}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::relation::RelationType;

    fn full() -> Generated {
        Generated {
            relations: vec![Relation {
                kind: RelationType::Supersedes,
                number: 3,
                title: "Use [Java] here".into(),
            }],
            assessment: vec!["Deviation from the guide: none".into()],
            evidence: vec![EvidenceLine {
                number: 1,
                option: "Go".into(),
                label: "ci | nightly".into(),
                format: "Go benchmark".into(),
                lines_read: 12,
                added: "2026-12-01T10:00:00Z".into(),
            }],
            comparison: Some((
                "baseline".into(),
                "Go".into(),
                "name  sec/op\nA ```x".into(),
            )),
            charts: vec![(
                "ADR-0007 benchmarks".into(),
                "https://adr.example.com/adr/7/charts/benchmarks.png".into(),
            )],
        }
    }

    #[test]
    fn the_block_lists_each_part_between_markers() {
        let block = block(&full(), true);
        assert!(block.starts_with(OPEN));
        assert!(block.trim_end().ends_with(CLOSE));
        assert!(
            block.contains("* Supersedes [ADR-0003: Use \\[Java\\] here](0003-use-java-here.md)")
        );
        assert!(
            block
                .contains("| 1 | Go | ci \\| nightly | Go benchmark | 12 | 2026-12-01T10:00:00Z |")
        );
        assert!(block.contains("````text\nname  sec/op\nA ```x\n````"));
        assert!(block.contains(
            "![ADR-0007 benchmarks](https://adr.example.com/adr/7/charts/benchmarks.png)"
        ));
    }

    #[test]
    fn nothing_to_say_writes_nothing() {
        assert_eq!(block(&Generated::default(), true), "");
        let only_relations = Generated {
            relations: full().relations,
            ..Generated::default()
        };
        assert_eq!(block(&only_relations, false), "");
    }
}
