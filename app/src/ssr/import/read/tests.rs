//! Each format read from text written the way its tool writes it (the real corpora are read
//! by the HTTP tests, from `../shared/corpora`).

use super::*;
use crate::model::relation::RelationType;
use crate::ssr::import::text::Target;

fn read_ok(name: &str, text: &str) -> ReadFile {
    match read(name, text, "2026-12-03") {
        Outcome::Read(file) => *file,
        Outcome::Skipped(reason) => panic!("{name} skipped: {reason}"),
    }
}

#[test]
fn adr_tools_files_give_number_date_status_and_links() {
    let file = read_ok(
        "0005-help-comments.md",
        "# 5. Help comments\n\nDate: 2016-02-13\n\n## Status\n\nAccepted\n\nAmended by [9. Help scripts](0009-help-scripts.md)\n\n## Context\n\nThe tool will have a `help` subcommand.\n\n## Decision\n\nWe will use comments.\n\n## Consequences\n\nHelp can be found in the script.\n",
    );
    assert_eq!(file.format, SourceFormat::Nygard);
    assert_eq!(file.number, Some(5));
    assert_eq!(file.doc.title, "Help comments");
    assert_eq!(file.doc.date, "2016-02-13");
    assert_eq!(file.status, Status::Accepted);
    assert_eq!(file.status_text, None);
    assert_eq!(file.doc.context, "The tool will have a `help` subcommand.");
    assert_eq!(file.doc.justification, "We will use comments.");
    assert!(
        file.doc
            .more_information
            .contains("### Consequences\n\nHelp can be found")
    );
    assert_eq!(
        file.links,
        [LinkRef {
            kind: RelationType::AmendedBy,
            target: Target::File("0009-help-scripts.md".into())
        }]
    );
}

#[test]
fn madr_2_and_log4brains_read_their_bullets() {
    let file = read_ok(
        "20200926-use-the-adr-number.md",
        "# Use the ADR number as its unique ID\n\n- Status: superseded by [20201016-use-the-slug](20201016-use-the-slug.md)\n- Deciders: Ana, Bo <!-- optional -->\n- Date: 2020-09-26\n- Tags: ids, naming\n\nTechnical Story: #12\n\n## Context and Problem Statement\n\nWe need an id.\n\n## Considered Options\n\n- ADR number (ie. the prefix)\n- ADR title\n\n## Decision Outcome\n\nChosen option: \"ADR number\", because\n\n- It is short\n\n### Positive Consequences\n\n- Easy\n\n### Negative Consequences\n\n- Merges conflict\n\n## Pros and Cons of the Options\n\n### ADR title\n\nTitles change.\n\n- Good, because readable\n- Bad, because long\n",
    );
    assert_eq!(file.format, SourceFormat::Madr2);
    assert_eq!(file.number, None);
    assert_eq!(file.sort_key, "2020-09-26|20200926-use-the-adr-number.md");
    assert_eq!(file.status, Status::Superseded);
    assert_eq!(file.doc.decision_makers, ["Ana", "Bo"]);
    assert_eq!(file.doc.tags, ["ids", "naming"]);
    assert!(
        file.doc
            .context
            .starts_with("Technical Story: #12\n\nWe need an id.")
    );
    assert_eq!(file.doc.options.len(), 2);
    assert_eq!(
        file.doc.chosen_option.as_deref(),
        Some("ADR number (ie. the prefix)")
    );
    assert_eq!(file.doc.justification, "- It is short");
    assert_eq!(file.doc.consequences_good, ["Easy"]);
    assert_eq!(file.doc.consequences_bad, ["Merges conflict"]);
    assert_eq!(file.doc.options[1].description, "Titles change.");
    assert_eq!(file.doc.options[1].good, ["readable"]);
    assert_eq!(file.doc.options[1].bad, ["long"]);
    assert_eq!(
        file.links,
        [LinkRef {
            kind: RelationType::SupersededBy,
            target: Target::File("20201016-use-the-slug.md".into())
        }]
    );
}

#[test]
fn madr_4_reads_front_matter_and_reports_what_it_assumed() {
    let file = read_ok(
        "0003-provide-own-tools.md",
        "---\nparent: Decisions\nnav_order: 3\nstatus: on hold\ndecision-makers: [Ana]\n---\n# Write Own MADR Tooling\n\n## Context and Problem Statement\n\nTools.\n\n## Decision Drivers\n\n* Easy\n\n## Considered Options\n\n* Own tool\n* adr-tools\n\n## Decision Outcome\n\nChosen option: \"Own tool\", because it fits.\n\n### Consequences\n\n* Good, because ours\n* Bad, because work\n\n### Confirmation\n\nA review.\n\n## More Information\n\nSee [ADR-0008](0008-add-status-field.md).\n",
    );
    assert_eq!(file.format, SourceFormat::Madr);
    assert_eq!(file.number, Some(3));
    assert_eq!(file.status, Status::Proposed);
    assert_eq!(file.status_text.as_deref(), Some("on hold"));
    assert!(
        file.notes
            .iter()
            .any(|n| n.contains("\"on hold\" read as proposed")),
        "{:?}",
        file.notes
    );
    assert!(
        file.notes
            .iter()
            .any(|n| n.contains("no date: assumed 2026-12-03")),
        "{:?}",
        file.notes
    );
    assert_eq!(file.doc.decision_makers, ["Ana"]);
    assert_eq!(file.doc.decision_drivers, ["Easy"]);
    assert_eq!(file.doc.chosen_option.as_deref(), Some("Own tool"));
    assert_eq!(file.doc.justification, "it fits.");
    assert_eq!(file.doc.consequences_good, ["ours"]);
    assert_eq!(file.doc.consequences_bad, ["work"]);
    assert_eq!(file.doc.confirmation, "A review.");
    assert_eq!(
        file.doc.more_information,
        "See [ADR-0008](0008-add-status-field.md)."
    );
}

#[test]
fn statuses_with_extra_words_map_to_the_nearest() {
    let (status, note, links, date) = read_status("Proposed (2019-03-01)");
    assert_eq!(status, Some(Status::Proposed));
    assert!(note.is_some());
    assert!(links.is_empty());
    assert_eq!(date.as_deref(), Some("2019-03-01"));
    let (status, _, links, _) = read_status("Accepted, amended by 5");
    assert_eq!(status, Some(Status::Accepted));
    assert_eq!(links[0].target, Target::Number(5));
    assert_eq!(read_status("**Accepted.**").0, Some(Status::Accepted));
    assert_eq!(read_status("Superceded").0, Some(Status::Superseded));
    assert_eq!(read_status("accepted").1, None);
    let (status, note, _, _) = read_status("Frobnicated");
    assert_eq!(status, Some(Status::Proposed));
    assert!(note.unwrap().contains("not one Tradeoff knows"));
    assert_eq!(read_status("").0, None);
}

#[test]
fn indexes_templates_and_placeholders_are_skipped_with_a_reason() {
    for (name, text, reason) in [
        ("README.md", "# ADRs", "index"),
        ("index.md", "# ADRs", "index"),
        ("adr-template.md", "# {short title}", "template"),
        (
            "0042-new.md",
            "# [short title of solved problem and solution]\n",
            "unfilled template",
        ),
        (
            "0043-new.md",
            "# {short title, representative of solved problem}\n",
            "unfilled template",
        ),
        (
            "0044-notes.md",
            "just some notes, no heading",
            "no title heading",
        ),
    ] {
        match read(name, text, "2026-12-03") {
            Outcome::Skipped(why) => assert!(why.contains(reason), "{name}: {why}"),
            Outcome::Read(_) => panic!("{name} was read"),
        }
    }
}

#[test]
fn a_heading_number_that_disagrees_with_the_file_name_is_reported() {
    let file = read_ok(
        "0004-x.md",
        "# 3. X\n\nDate: 12/02/2016\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(file.number, Some(4));
    assert!(
        file.notes.iter().any(|n| n.contains("heading says 3")),
        "{:?}",
        file.notes
    );
    assert_eq!(file.doc.date, "2016-02-12");
    assert!(file.notes.iter().any(|n| n.contains("read as 2016-02-12")));
    let numbered = read_ok("decision.md", "# 2FA for admins\n\n## Status\n\nAccepted\n");
    assert_eq!(
        numbered.number, None,
        "a title that starts with a number keeps it"
    );
    assert_eq!(numbered.doc.title, "2FA for admins");
}

#[test]
fn tradeoffs_export_reads_back_and_drops_its_generated_block() {
    let text = "---\nstatus: superseded\ndate: 2026-11-27\ntags: [\"gateway\"]\ntickets: [\"PLAT-1\"]\n---\n\n# ADR-0001: Use Java\n\n## Context and Problem Statement\n\nC.\n\n## More Information\n\nMine.\n\n<!-- tradeoff:generated -->\n<!-- Written by Tradeoff -->\n\n### Relations\n\n* Superseded by [ADR-0002: Use Go](0002-use-go.md)\n\n### Evidence\n\n| # |\n\n<!-- /tradeoff:generated -->\n";
    let file = read_ok("0001-use-java.md", text);
    assert_eq!(file.format, SourceFormat::Tradeoff);
    assert_eq!(file.number, Some(1));
    assert_eq!(file.doc.title, "Use Java");
    assert_eq!(file.doc.more_information, "Mine.");
    assert_eq!(file.doc.tickets, ["PLAT-1"]);
    assert_eq!(file.status, Status::Superseded);
    assert_eq!(
        file.links,
        [LinkRef {
            kind: RelationType::SupersededBy,
            target: Target::File("0002-use-go.md".into())
        }]
    );
}

#[test]
fn the_chosen_option_matches_whatever_its_quotes() {
    let file = read_ok(
        "0009-links.md",
        "# Links\n\n## Considered Options\n\n* Include in section \"More Information\"\n* Use tables\n\n## Decision Outcome\n\nChosen option: \"Include in section 'More Information'\", because it is best.\n",
    );
    assert_eq!(file.doc.options.len(), 2, "no option was added");
    assert_eq!(
        file.doc.chosen_option.as_deref(),
        Some("Include in section \"More Information\"")
    );
    assert_eq!(file.doc.justification, "it is best.");
}
