//! Markdown out of the log over HTTP: one ADR in MADR 4 and adr-tools form, with what Tradeoff
//! adds between markers, and the whole log (or the home page's filter) as a zip whose bytes
//! do not change while the log does not.

use crate::helpers::{TestApp, assert_error, spawn_app};
use reqwest::StatusCode;
use serde_json::json;
use std::io::{Cursor, Read};

async fn two_linked(app: &TestApp) -> (i64, i64) {
    let old = app
        .create(json!({ "title": "Use Java for the gateway", "tickets": ["PLAT-1"] }))
        .await["number"]
        .as_i64()
        .unwrap();
    let new = app
        .create(json!({
            "title": "Use Go for the gateway",
            "date": "2026-11-27",
            "decision_makers": ["Ana", "Bo"],
            "consulted": ["SRE"],
            "tags": ["gateway"],
            "tickets": ["PLAT-123", "#45"],
            "context": "The gateway needs low tail latency.",
            "decision_drivers": ["p99 latency"],
            "options": [
                { "name": "Go", "good": ["simple to deploy"] },
                { "name": "Rust", "bad": ["slower onboarding"] }
            ],
            "chosen_option": "Go",
            "justification": "The team knows it.",
            "consequences_good": ["one binary"],
            "more_information": "See the load test."
        }))
        .await["number"]
        .as_i64()
        .unwrap();
    app.accept(old).await;
    app.accept(new).await;
    let response = app
        .post_json(
            &format!("/api/v1/adrs/{new}/status"),
            &json!({ "status": "accepted" }),
        )
        .await;
    // Already accepted: the move is refused, nothing changes.
    assert_ne!(response.status(), StatusCode::OK);
    let response = app
        .post_json(
            &format!("/api/v1/adrs/{old}/status"),
            &json!({ "status": "superseded", "superseded_by": [new] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    (old, new)
}

#[tokio::test]
async fn one_adr_downloads_as_madr_4_with_front_matter_and_generated_relations() {
    let app = spawn_app().await;
    let (old, new) = two_linked(&app).await;
    let response = app.get(&format!("/adr/{new}/export.md")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/markdown; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"0002-use-go-for-the-gateway.md\""
    );
    let md = response.text().await.unwrap();
    assert!(md.starts_with("---\nstatus: accepted\ndate: 2026-11-27\ndecision-makers: [\"Ana\", \"Bo\"]\nconsulted: [\"SRE\"]\ntags: [\"gateway\"]\ntickets: [\"PLAT-123\", \"#45\"]\n---\n\n# ADR-0002: Use Go for the gateway\n"), "{md}");
    let order = [
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "### Consequences",
        "## Pros and Cons of the Options",
        "## More Information",
        "See the load test.",
        "<!-- tradeoff:generated -->",
        "* Supersedes [ADR-0001: Use Java for the gateway](0001-use-java-for-the-gateway.md)",
        "<!-- /tradeoff:generated -->",
    ];
    let mut at = 0;
    for part in order {
        let found = md[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing after {at}:\n{md}"));
        at += found + part.len();
    }
    // The other end reads the reverse relation.
    let old_md = app.get_text(&format!("/adr/{old}/export.md")).await;
    assert!(
        old_md.contains(
            "* Superseded by [ADR-0002: Use Go for the gateway](0002-use-go-for-the-gateway.md)"
        ),
        "{old_md}"
    );
}

#[tokio::test]
async fn the_nygard_form_is_what_adr_tools_writes() {
    let app = spawn_app().await;
    let (old, _) = two_linked(&app).await;
    let md = app
        .get_text(&format!("/adr/{old}/export.md?format=nygard"))
        .await;
    let date = app.adr(old).await["date"].as_str().unwrap().to_owned();
    assert_eq!(
        md,
        format!(
            "# 1. Use Java for the gateway\n\nDate: {date}\n\n## Status\n\nSuperseded\n\nSuperseded by [2. Use Go for the gateway](0002-use-go-for-the-gateway.md)\n\n## Context\n\n## Decision\n\n## Consequences\n"
        )
    );
    assert_error(
        app.get(&format!("/adr/{old}/export.md?format=docx")).await,
        StatusCode::BAD_REQUEST,
        "bad_parameter",
        Some("format"),
    )
    .await;
    assert_error(
        app.get("/adr/99/export.md").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
}

#[tokio::test]
async fn evidence_and_charts_are_generated_with_absolute_urls() {
    let app =
        crate::helpers::spawn_app_with(|c| c.public_url = Some("https://adr.example.com".into()))
            .await;
    let n = app
        .create(json!({ "title": "Parser", "options": [{ "name": "Go" }, { "name": "Rust" }], "chosen_option": "Rust" }))
        .await["number"]
        .as_i64()
        .unwrap();
    for (option, value) in [("Go", 100.0), ("Rust", 60.0)] {
        let body: String = (0..6)
            .map(|i| format!("BenchmarkParse-8 1000 {} ns/op\n", value + f64::from(i)))
            .collect();
        let response = app
            .post_raw(
                &format!("/api/v1/adrs/{n}/evidence?option={option}&label=ci"),
                "text/plain",
                body,
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let md = app.get_text(&format!("/adr/{n}/export.md")).await;
    assert!(
        md.contains("### Evidence\n\n| # | Option | Label | Format | Lines read | Added |"),
        "{md}"
    );
    assert!(md.contains("| 1 | Go | ci | "), "{md}");
    assert!(md.contains("```text\n"), "{md}");
    assert!(md.contains("Parse-8"), "{md}");
    assert!(
        md.contains("![ADR-0001 benchmarks](https://adr.example.com/adr/1/charts/benchmarks.png)"),
        "{md}"
    );
    assert!(
        md.contains("![ADR-0001 relative](https://adr.example.com/adr/1/charts/relative.png)"),
        "{md}"
    );
}

fn entries(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

#[tokio::test]
async fn the_zip_holds_every_file_and_an_index_and_is_byte_identical() {
    let app = spawn_app().await;
    two_linked(&app).await;
    app.create(json!({ "title": "Pick a queue | broker", "tags": ["messaging"] }))
        .await;
    let response = app.get("/export.zip").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let first = response.bytes().await.unwrap();
    let files = entries(&first);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "docs/decisions/0001-use-java-for-the-gateway.md",
            "docs/decisions/0002-use-go-for-the-gateway.md",
            "docs/decisions/0003-pick-a-queue-broker.md",
            "docs/decisions/README.md"
        ]
    );
    let one = app.get_text("/adr/2/export.md").await;
    assert_eq!(files[1].1, one, "the zip's file is the download's");
    let index = &files[3].1;
    assert!(
        index.contains(
            "| [ADR-0003](0003-pick-a-queue-broker.md) | Pick a queue \\| broker | draft |"
        ),
        "{index}"
    );

    // Reading the log changes nothing; the bytes stay the same.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let again = app.get("/export.zip").await.bytes().await.unwrap();
    assert_eq!(first, again);

    // The home page's filter narrows the zip, and its link carries the filter.
    let filtered = app
        .get("/export.zip?tag=messaging")
        .await
        .bytes()
        .await
        .unwrap();
    let names: Vec<String> = entries(&filtered).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "docs/decisions/0003-pick-a-queue-broker.md",
            "docs/decisions/README.md"
        ]
    );
    let home = app.get_text("/?tag=messaging").await;
    assert!(
        home.contains("href=\"/export.zip?tag=messaging\""),
        "{home}"
    );
    assert_error(
        app.get("/export.zip?status=bogus").await,
        StatusCode::BAD_REQUEST,
        "bad_parameter",
        Some("status"),
    )
    .await;
}
