//! Server-rendered pages: complete HTML without JavaScript, permalinks, status codes.

use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

async fn html(app: &crate::helpers::TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn every_spelling_redirects_permanently_to_the_canonical_page() {
    let app = spawn_app().await;
    for _ in 0..6 {
        app.create_titled("filler").await;
    }
    app.create_titled("Use Go for the API gateway").await;
    for path in [
        "/adr/7",
        "/adr/0007",
        "/adr/ADR-0007",
        "/adr/adr-7",
        "/adr/7-old-title",
        "/adr/ADR-0007-whatever",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT, "{path}");
        assert_eq!(
            response.headers()["location"],
            "/adr/7-use-go-for-the-api-gateway",
            "{path}"
        );
    }
    let (status, page) = html(&app, "/adr/7-use-go-for-the-api-gateway").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Use Go for the API gateway"));
    let response = app.get("/adr/ADR-0007/history?from=1").await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(response.headers()["location"], "/adr/7/history?from=1");

    // The slug follows the title; the old link keeps working.
    app.patch_json(
        "/api/v1/adrs/7",
        &json!({ "version": 1, "title": "Use Rust for the API gateway" }),
    )
    .await;
    let response = app.get("/adr/7-use-go-for-the-api-gateway").await;
    assert_eq!(
        response.headers()["location"],
        "/adr/7-use-rust-for-the-api-gateway"
    );
}

#[tokio::test]
async fn the_adr_page_reads_fully_without_javascript() {
    let app = spawn_app().await;
    app.create(json!({
        "title": "Pick a queue",
        "context": "Events must be **durable**. <script>alert('x')</script>",
        "decision_makers": ["Ana"],
        "tags": ["orders"],
        "tickets": ["ORD-7"],
        "options": [{ "name": "Kafka", "good": ["replay"], "bad": ["ops heavy"] }, { "name": "NATS" }],
        "chosen_option": "Kafka",
        "justification": "Replay wins.",
        "consequences_bad": ["more ops"]
    }))
    .await;
    let (status, page) = html(&app, "/adr/1-pick-a-queue").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "<title>ADR-0001: Pick a queue</title>",
        "<strong>durable</strong>",
        "Chosen option: ",
        "Good, because",
        "ops heavy",
        "ORD-7",
        "Ana",
        "orders",
        "Lifecycle",
        "Propose",
        "Relations",
        "History",
        "rel=\"canonical\"",
    ] {
        assert!(page.contains(expected), "page lacks {expected}");
    }
    assert!(!page.contains("<script>alert"), "user HTML is sanitised");
    // The ADR page loads the islands' wasm for its charts' copy buttons; its history, a
    // page without islands, loads none.
    let (_, history) = html(&app, "/adr/1/history").await;
    assert!(history.contains("Pick a queue"));
    assert!(
        !history.contains(".wasm"),
        "a page without islands loads no wasm"
    );
}

#[tokio::test]
async fn unknown_pages_are_404() {
    let app = spawn_app().await;
    for path in ["/adr/12", "/adr/not-a-number", "/nowhere", "/adr/1/v/1"] {
        let (status, page) = html(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.contains("Not found"), "{path}");
    }
}

#[tokio::test]
async fn the_home_page_counts_filters_and_searches() {
    let app = spawn_app().await;
    app.create(json!({ "title": "Cache layer", "tags": ["payments"] }))
        .await;
    let second = app.create_titled("Event bus").await;
    app.set_status(second, "proposed").await;
    let (status, page) = html(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Cache layer") && page.contains("Event bus"));
    assert!(page.contains("data-testid=\"count-draft\""));
    let (_, page) = html(&app, "/?q=cache").await;
    assert!(page.contains("Cache layer") && !page.contains("Event bus"));
    let (_, page) = html(&app, "/?status=proposed").await;
    assert!(!page.contains("Cache layer") && page.contains("Event bus"));
    let (_, page) = html(&app, "/?q=%22%29%28*%5E").await;
    assert!(page.contains("0 decisions"));
    let (status, page) = html(&app, "/?date_from=someday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("date_from"));
}

#[tokio::test]
async fn history_shows_revisions_and_their_difference() {
    let app = spawn_app().await;
    app.create(json!({ "title": "T", "context": "old words" }))
        .await;
    app.patch_json(
        "/api/v1/adrs/1",
        &json!({ "version": 1, "context": "new words" }),
    )
    .await;
    let (status, page) = html(&app, "/adr/1/history").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<span class=\"removed\">- old words"),
        "{page}"
    );
    assert!(page.contains("<span class=\"added\">+ new words"));
    let (status, page) = html(&app, "/adr/1/v/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("old words") && page.contains("The current version is 2"));
}

#[tokio::test]
async fn an_accepted_adr_edited_later_is_marked_amended() {
    let app = spawn_app().await;
    app.create_titled("T").await;
    app.accept(1).await;
    let (_, page) = html(&app, "/adr/1-t").await;
    assert!(!page.contains("Amended after acceptance"));
    app.patch_json(
        "/api/v1/adrs/1",
        &json!({ "version": 3, "context": "later" }),
    )
    .await;
    let (_, page) = html(&app, "/adr/1-t").await;
    assert!(page.contains("Amended after acceptance"));
    assert!(page.contains("/adr/1/history?from=3&amp;to=4"));
}

#[tokio::test]
async fn the_editor_pages_render_the_form() {
    let app = spawn_app().await;
    let (status, page) = html(&app, "/adr/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("method=\"post\"") && page.contains("action=\"/adr/new\""));
    assert!(page.contains("name=\"title\""));
    assert!(page.contains("leptos-island"), "the editor is an island");
    app.create(json!({ "title": "Edit me", "options": [{ "name": "Go" }] }))
        .await;
    let (status, page) = html(&app, "/adr/1/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("value=\"Edit me\""));
    assert!(page.contains("name=\"version\" value=\"1\""));
    assert!(page.contains("value=\"Go\""));
}

#[tokio::test]
async fn a_comparison_that_cannot_be_made_yet_leaves_the_page_ok() {
    let app = spawn_app().await;
    let n = app
        .create(
            json!({ "title": "One side only", "options": [{ "name": "Go" }, { "name": "Rust" }] }),
        )
        .await["number"]
        .as_i64()
        .unwrap();
    let response = app
        .post_raw(
            &format!("/api/v1/adrs/{n}/evidence?option=Go&format=gobench"),
            "text/plain",
            "BenchmarkX 1 5 ns/op\nBenchmarkX 1 6 ns/op\n",
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    for query in ["", "?base=Nothing%20such"] {
        let (status, page) = html(&app, &format!("/adr/{n}-one-side-only{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert!(page.contains("data-evidence="), "{query}");
    }
}
