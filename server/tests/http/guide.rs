//! The guide's matrices and teams' own matrices, through pages and the API.

use crate::helpers::{assert_error, assert_invalid, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_guide_pages_show_every_matrix_with_linkable_rows() {
    let app = spawn_app().await;
    let response = app.get("/guide").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    for name in [
        "Architecture Decision Matrix",
        "Pattern Comparison Matrix",
        "Threat Model",
        "Key Metrics",
        "Go Architecture Decision Tree",
        "Why Use Go — Senior Level",
    ] {
        assert!(page.contains(name), "/guide lacks {name}");
    }
    let page = app.get_text("/guide/architecture-decision-matrix").await;
    assert!(
        page.contains("id=\"sub-microsecond-latency\""),
        "rows are anchored by id"
    );
    assert!(page.contains("Go (GC pauses)"));
    let tree = app.get_text("/guide/go-architecture-decision-tree").await;
    assert!(tree.contains("Latency requirement?") && tree.contains("Rust or C++"));
    assert_eq!(
        app.get("/guide/nothing-here").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_api_lists_guide_and_team_matrices() {
    let app = spawn_app().await;
    let list: Value = app.get_json("/api/v1/matrices").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 22);
    assert!(
        list.iter()
            .all(|m| m["source"] == "guide" && m["revision"] == 1)
    );
    let adm: Value = app
        .get_json("/api/v1/matrices/architecture-decision-matrix")
        .await;
    assert_eq!(
        adm["columns"],
        json!(["Scenario", "Recommended pattern", "Avoid", "Why"])
    );
    assert_eq!(adm["rows"].as_array().unwrap().len(), 5);
    assert_eq!(
        adm["rows"][4]["cells"],
        json!([
            "Sub-microsecond latency",
            "Rust or C++",
            "Go (GC pauses)",
            "GC is unacceptable at this level"
        ])
    );
    assert_error(
        app.get("/api/v1/matrices/nope").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
}

#[tokio::test]
async fn a_team_matrix_is_added_revised_and_read_at_any_revision() {
    let app = spawn_app().await;
    let markdown = "| Scenario | Recommended | Avoid | Why |\n|---|---|---|---|\n| Event bus | NATS | Kafka | Ops cost |\n| Batch jobs | Go | Python | Memory |";
    let response = app
        .post_json(
            "/api/v1/matrices",
            &json!({ "name": "Messaging choices", "markdown": markdown }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(
        (
            created["id"].as_str(),
            created["revision"].as_i64(),
            created["source"].as_str()
        ),
        (Some("messaging-choices"), Some(1), Some("team"))
    );
    assert_eq!(created["rows"][1]["id"], "batch-jobs");

    let revised = app
        .post_json(
            "/api/v1/matrices/messaging-choices",
            &json!({ "name": "Messaging choices", "revision": 1, "markdown": "| Scenario | Recommended | Avoid | Why |\n|---|---|---|---|\n| Event bus | Kafka | NATS | Replay |" }),
        )
        .await;
    assert_eq!(revised.status(), StatusCode::OK);
    let stale = app
        .post_json(
            "/api/v1/matrices/messaging-choices",
            &json!({ "name": "x", "revision": 1, "markdown": markdown }),
        )
        .await;
    assert_error(stale, StatusCode::CONFLICT, "stale_version", None).await;

    let latest: Value = app.get_json("/api/v1/matrices/messaging-choices").await;
    assert_eq!(
        (
            latest["revision"].as_i64(),
            latest["latest_revision"].as_i64()
        ),
        (Some(2), Some(2))
    );
    assert_eq!(latest["rows"][0]["cells"][1], "Kafka");
    assert_eq!(latest["revisions"].as_array().unwrap().len(), 2);
    let first: Value = app
        .get_json("/api/v1/matrices/messaging-choices?revision=1")
        .await;
    assert_eq!(first["rows"][0]["cells"][1], "NATS");
    assert_eq!(first["rows"].as_array().unwrap().len(), 2);

    let list: Value = app.get_json("/api/v1/matrices").await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == "messaging-choices" && m["source"] == "team" && m["revision"] == 2)
    );
    let page = app.get_text("/matrices/messaging-choices/v/1").await;
    assert!(page.contains("NATS") && page.contains("See the latest revision"));
    let guide_edit = app
        .post_json(
            "/api/v1/matrices/architecture-decision-matrix",
            &json!({ "name": "x", "revision": 1, "markdown": markdown }),
        )
        .await;
    assert_invalid(guide_edit, "id").await;
}

#[tokio::test]
async fn a_malformed_table_is_422_with_the_line() {
    let app = spawn_app().await;
    let cases = [
        ("| A | B |\n|---|---|\n| 1 | 2 |\n| 3 |", 4),
        ("| A | B |\n| A | B |\n| 1 | 2 |", 2),
        ("just words", 1),
        ("| A | B |\n|---|---|", 3),
    ];
    for (markdown, line) in cases {
        let response = app
            .post_json(
                "/api/v1/matrices",
                &json!({ "name": "Bad", "markdown": markdown }),
            )
            .await;
        let error = assert_invalid(response, "markdown").await;
        assert_eq!(error["error"]["line"], line, "{markdown:?}: {error}");
        assert!(
            error["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("line {line}:")),
            "{error}"
        );
    }
    assert_invalid(
        app.post_json(
            "/api/v1/matrices",
            &json!({ "name": " ", "markdown": "| A |\n|---|\n| 1 |" }),
        )
        .await,
        "name",
    )
    .await;
    assert_invalid(
        app.post_json(
            "/api/v1/matrices",
            &json!({ "markdown": "| A |\n|---|\n| 1 |" }),
        )
        .await,
        "name",
    )
    .await;
    let list: Value = app.get_json("/api/v1/matrices").await;
    assert_eq!(list.as_array().unwrap().len(), 22, "nothing was stored");
}

#[tokio::test]
async fn the_matrix_form_works_without_javascript() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/matrices",
            &[
                ("name", "Storage"),
                ("use", "reference"),
                (
                    "markdown",
                    "| Need | Recommended | Avoid |\n|---|---|---|\n| Queue | SQLite | Files |",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/matrices/storage");
    let response = app
        .post_form(
            "/matrices",
            &[
                ("name", "Broken"),
                ("markdown", "| Need | Use |\n|---|---|\n| only one |"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("line 3: 1 cells, but the header has 2 columns"),
        "the message names the line"
    );
    assert!(page.contains("only one"), "the pasted text is kept");
}
