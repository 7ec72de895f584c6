//! Imports over HTTP: the real corpora of adr-tools, MADR and log4brains, re-imports,
//! edited files, broken files, duplicate numbers, the round trip through Tradeoff's own
//! export, the upload limits, and the browser's plain form with its report.

use crate::helpers::{TestApp, assert_error, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::{Cursor, Read, Write};
use std::path::Path;

const CORPORA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora");

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::DEFAULT.compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn zip_dir(root: &Path) -> Vec<u8> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut entries = Vec::new();
    walk(root, root, &mut entries);
    zip_of(&entries)
}

async fn import_zip(app: &TestApp, zip: Vec<u8>) -> Value {
    let response = app.post_raw("/api/v1/import", "application/zip", zip).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn outcome<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} is not in the report: {report:#}"))
}

fn corpus(name: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(CORPORA).join(name);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: the {name} corpus is not present at {}; it was not imported",
            path.display()
        );
        None
    }
}

#[tokio::test]
async fn the_adr_tools_corpus_imports_with_dates_statuses_and_relations() {
    let Some(root) = corpus("adr-tools") else {
        return;
    };
    let app = spawn_app().await;
    let report = import_zip(&app, zip_dir(&root)).await;
    assert_eq!(report["folder"], "doc/adr");
    assert_eq!(report["imported"], 9, "{report:#}");
    assert_eq!(report["failed"], 0, "{report:#}");
    for n in 1..=9 {
        let adr = app.adr(n).await;
        assert_eq!(adr["status"], "accepted", "ADR {n}");
    }
    let first = app.adr(1).await;
    assert_eq!(first["title"], "Record architecture decisions");
    assert_eq!(first["date"], "2016-02-12");
    let five = app.adr(5).await;
    assert_eq!(
        five["relations"],
        json!([{ "type": "amended_by", "number": 9, "title": "Help scripts" }])
    );
    // The status entered through an "imported" transition, recorded like any other.
    let history = app.get_json("/api/v1/adrs/1/revisions").await;
    let changes: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["change"].as_str().unwrap())
        .collect();
    assert!(
        changes.contains(&"status: draft -> accepted (imported)"),
        "{changes:?}"
    );
    // The same files again change nothing.
    let again = import_zip(&app, zip_dir(&root)).await;
    assert_eq!(again["unchanged"], 9, "{again:#}");
    assert_eq!(again["imported"], 0);
    assert_eq!(app.count_adrs().await, 9);
}

#[tokio::test]
async fn the_madr_corpus_imports_with_its_images_and_skips_its_template() {
    let Some(root) = corpus("madr") else { return };
    let app = spawn_app().await;
    let report = import_zip(&app, zip_dir(&root)).await;
    assert_eq!(report["folder"], "docs/decisions");
    assert_eq!(report["imported"], 19, "{report:#}");
    assert_eq!(report["failed"], 0, "{report:#}");
    let template = outcome(&report, "adr-template.md");
    assert_eq!(template["outcome"], "skipped");
    assert!(template["reason"].as_str().unwrap().contains("template"));
    assert_eq!(outcome(&report, "index.md")["outcome"], "skipped");
    // The chosen option is found whatever its quotes: no option is invented.
    let nine = app.adr(9).await;
    assert_eq!(nine["options"].as_array().unwrap().len(), 6, "{nine:#}");
    assert_eq!(nine["chosen_option"], nine["options"][0]["id"]);
    // 0000 is kept as a number.
    assert_eq!(
        app.adr(0).await["title"],
        "Use Markdown Architectural Decision Records"
    );
    // "on hold" maps to the nearest status, and the report says so.
    let on_hold = outcome(&report, "0003-provide-own-madr-tools.md");
    assert_eq!(app.adr(3).await["status"], "proposed");
    assert!(
        on_hold["notes"].to_string().contains("on hold"),
        "{on_hold}"
    );
    // A missing status and date are reported with what was assumed.
    let no_status = outcome(&report, "0002-do-not-use-numbers-in-headings.md");
    assert!(
        no_status["notes"]
            .to_string()
            .contains("no status: assumed"),
        "{no_status}"
    );
    assert!(
        no_status["notes"].to_string().contains("no date: assumed"),
        "{no_status}"
    );
    // The images come along, are served from the ADR and render in it.
    let eight = outcome(&report, "0008-add-status-field.md");
    assert_eq!(
        eight["attachments"],
        json!([
            "0008-example-badge.png",
            "0008-example-separate-heading.png",
            "0008-example-table.png"
        ])
    );
    let image = app.get("/adr/8/files/0008-example-badge.png").await;
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(
        image.bytes().await.unwrap().to_vec(),
        std::fs::read(root.join("docs/decisions/0008-example-badge.png")).unwrap()
    );
    let page = app.get_text("/adr/8-add-status-field").await;
    assert!(
        page.contains("src=\"/adr/8/files/0008-example-badge.png\""),
        "{page}"
    );
    // And go back beside the file on export.
    let exported = app.get("/export.zip").await.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(exported)).unwrap();
    let mut md = String::new();
    archive
        .by_name("docs/decisions/0008-add-status-field.md")
        .unwrap()
        .read_to_string(&mut md)
        .unwrap();
    assert!(md.contains("](0008-example-badge.png)"), "{md}");
    assert!(
        archive
            .by_name("docs/decisions/0008-example-badge.png")
            .is_ok()
    );
}

#[tokio::test]
async fn the_log4brains_corpus_is_numbered_in_date_order_with_its_supersedes() {
    let Some(root) = corpus("log4brains") else {
        return;
    };
    let app = spawn_app().await;
    let report = import_zip(&app, zip_dir(&root)).await;
    assert_eq!(report["imported"], 9, "{report:#}");
    assert_eq!(report["failed"], 0, "{report:#}");
    for skipped in ["README.md", "index.md", "template.md"] {
        assert_eq!(outcome(&report, skipped)["outcome"], "skipped", "{skipped}");
    }
    let list = app.get_json("/api/v1/adrs?sort=oldest&limit=50").await;
    let dates: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "numbers follow the dates");
    let id = outcome(&report, "20200926-use-the-adr-number-as-its-unique-id.md")["number"]
        .as_i64()
        .unwrap();
    let slug = outcome(&report, "20201016-use-the-adr-slug-as-its-unique-id.md")["number"]
        .as_i64()
        .unwrap();
    let superseded = app.adr(id).await;
    assert_eq!(superseded["status"], "superseded");
    assert_eq!(superseded["relations"][0]["type"], "superseded_by");
    assert_eq!(superseded["relations"][0]["number"], slug);
    assert_eq!(app.adr(slug).await["status"], "accepted");
}

fn md(name: &str, text: &str) -> (String, Vec<u8>) {
    (name.to_owned(), text.as_bytes().to_vec())
}

#[tokio::test]
async fn broken_files_unknown_statuses_and_taken_numbers_are_reported_file_by_file() {
    let app = spawn_app().await;
    app.create_titled("Already here").await;
    let long_title = "x".repeat(300);
    let report = import_zip(
        &app,
        zip_of(&[
            md("0001-taken.md", "# 1. Taken number\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nSee [two](0002-two.md).\n"),
            md("0002-two.md", "# 2. Two\n\nDate: 2020-01-02\n\n## Status\n\nAccepted, amended by 1\n"),
            md("0003-broken.md", &format!("# {long_title}\n\n## Status\n\nAccepted\n")),
            md("0004-odd.md", "# Odd status\n\n- Status: Frobnicated!\n- Date: sometime\n"),
            md("0005-not-utf8.md", ""),
            md("notes.txt", "loose"),
        ]),
    )
    .await;
    assert_eq!(report["failed"], 1, "{report:#}");
    let taken = outcome(&report, "0001-taken.md");
    assert_eq!(taken["outcome"], "imported");
    let renumbered = taken["number"].as_i64().unwrap();
    assert_ne!(renumbered, 1);
    assert!(
        taken["notes"].to_string().contains("ADR-0001 is taken"),
        "{taken}"
    );
    // The link to 1 in another file follows the renumbering.
    let two = app.adr(2).await;
    assert_eq!(two["relations"][0]["type"], "amended_by");
    assert_eq!(two["relations"][0]["number"], renumbered);
    let broken = outcome(&report, "0003-broken.md");
    assert_eq!(broken["outcome"], "failed");
    assert!(broken["notes"].to_string().contains("title"), "{broken}");
    let odd = outcome(&report, "0004-odd.md");
    assert_eq!(app.adr(4).await["status"], "proposed");
    assert!(odd["notes"].to_string().contains("Frobnicated"), "{odd}");
    assert!(odd["notes"].to_string().contains("sometime"), "{odd}");
    assert_eq!(outcome(&report, "notes.txt")["outcome"], "skipped");
    // The failed file left nothing behind: the one before, and three imported.
    assert_eq!(app.count_adrs().await, 4);
}

#[tokio::test]
async fn an_edited_file_becomes_a_new_revision_of_the_same_adr() {
    let app = spawn_app().await;
    let v1 = "# 1. Cache\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n\n## Context\n\nFirst.\n";
    let report = import_zip(&app, zip_of(&[md("doc/adr/0001-cache.md", v1)])).await;
    assert_eq!(report["imported"], 1);
    let before = app.adr(1).await["version"].as_i64().unwrap();
    let v2 = v1
        .replace("Proposed", "Accepted")
        .replace("First.", "Second.");
    let report = import_zip(&app, zip_of(&[md("doc/adr/0001-cache.md", &v2)])).await;
    let file = outcome(&report, "0001-cache.md");
    assert_eq!(file["outcome"], "updated", "{report:#}");
    let adr = app.adr(1).await;
    assert_eq!(adr["context"], "Second.");
    assert_eq!(adr["status"], "accepted");
    assert!(adr["version"].as_i64().unwrap() > before);
    assert_eq!(file["revision"], adr["version"]);
    assert_eq!(app.count_adrs().await, 1);
}

#[tokio::test]
async fn export_then_import_into_an_empty_log_then_export_gives_the_same_files() {
    let source = spawn_app().await;
    let old = source
        .create(json!({ "title": "Use Java", "date": "2026-01-02", "tags": ["gateway"], "tickets": ["PLAT-1"], "context": "Old.", "decision_makers": ["Ana"] }))
        .await["number"].as_i64().unwrap();
    let new = source
        .create(json!({
            "title": "Use Go", "date": "2026-02-03", "context": "Latency.",
            "decision_drivers": ["p99"],
            "options": [{ "name": "Go", "good": ["simple"], "bad": ["GC"] }, { "name": "Rust", "neutral": ["fast"] }],
            "chosen_option": "Go", "justification": "Team knows it.",
            "consequences_good": ["one binary"], "consequences_bad": ["pauses"],
            "confirmation": "A load test.", "more_information": "See the RFC."
        }))
        .await["number"].as_i64().unwrap();
    source.create(json!({ "title": "Pick a queue", "date": "2026-03-04", "consulted": ["SRE"], "informed": ["All"] })).await;
    source.accept(old).await;
    source.accept(new).await;
    let moved = source
        .post_json(
            &format!("/api/v1/adrs/{old}/status"),
            &json!({ "status": "superseded", "superseded_by": [new] }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    source.set_status(3, "proposed").await;
    let first = source
        .get("/export.zip")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();

    let target = spawn_app().await;
    let report = import_zip(&target, first.clone()).await;
    assert_eq!(report["imported"], 3, "{report:#}");
    assert_eq!(report["failed"], 0, "{report:#}");
    let second = target
        .get("/export.zip")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let files = |bytes: &[u8]| -> Vec<(String, String)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                let mut text = String::new();
                entry.read_to_string(&mut text).unwrap();
                (entry.name().to_owned(), text)
            })
            .collect()
    };
    assert_eq!(files(&first), files(&second));
    assert_eq!(first, second, "byte-identical zips");
}

#[tokio::test]
async fn uploads_are_limited_and_paths_may_not_leave_their_folder() {
    let app = spawn_app().await;
    for path in ["../evil.md", "docs/../../evil.md", "/etc/evil.md"] {
        let zip = zip_of(&[md(path, "# Evil")]);
        assert_error(
            app.post_raw("/api/v1/import", "application/zip", zip).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("file"),
        )
        .await;
    }
    // 201 MiB of zeros: a few hundred KiB compressed, stopped while it expands.
    let bomb = zip_of(&[("bomb.md".to_owned(), vec![0u8; 201 * 1024 * 1024])]);
    assert!(bomb.len() < 1024 * 1024);
    assert_error(
        app.post_raw("/api/v1/import", "application/zip", bomb)
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        None,
    )
    .await;
    assert_error(
        app.post_raw(
            "/api/v1/import",
            "application/zip",
            vec![0u8; 51 * 1024 * 1024],
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        None,
    )
    .await;
    assert_error(
        app.post_raw("/api/v1/import", "text/plain", "# x").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    )
    .await;
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn the_browser_form_imports_files_and_shows_the_report_with_links() {
    let app = spawn_app().await;
    let page = app.get_text("/import").await;
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    let payload = "<script>alert(1)</script>";
    let form = reqwest::multipart::Form::new()
        .part(
            "files",
            reqwest::multipart::Part::bytes(format!("# 1. Title {payload}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n{payload}\n").into_bytes())
                .file_name(format!("0001-{payload}.md")),
        )
        .part(
            "files",
            reqwest::multipart::Part::bytes(b"# ADRs\n".to_vec()).file_name("README.md"),
        );
    let response = app
        .client
        .post(app.url("/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("1 imported, 0 updated, 0 unchanged, 1 skipped, 0 failed"),
        "{html}"
    );
    assert!(html.contains("href=\"/adr/1\""), "{html}");
    assert!(
        !html.contains(payload),
        "the payload stays inert in the report"
    );
    let adr_page = app.get_text("/adr/1").await;
    let adr_page = if adr_page.is_empty() {
        app.get_text("/adr/1-title-script-alert-1-script").await
    } else {
        adr_page
    };
    assert!(!adr_page.contains(payload));
    // Nothing chosen: the page says so inline, with the status.
    let empty = reqwest::multipart::Form::new().text("other", "x");
    let response = app
        .client
        .post(app.url("/import"))
        .multipart(empty)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("data-testid=\"import-error\""), "{html}");
}
