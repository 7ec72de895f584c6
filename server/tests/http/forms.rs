//! The plain form posts that make the editor, the lifecycle and the links work without
//! JavaScript: 303 on success, the page again with the user's input and the reason on refusal.

use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_new_form_creates_and_redirects() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/adr/new",
            &[
                ("title", "Adopt OpenTelemetry"),
                ("tags", "observability, platform"),
                ("decision_drivers", "vendor neutral\ncost"),
                ("option.0.name", "OpenTelemetry"),
                ("option.0.good", "open standard"),
                ("option.1.name", "Vendor agent"),
                ("option.2.name", ""),
                ("chosen_option", "@0"),
                ("justification", "Standard wins."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/adr/1-adopt-opentelemetry");
    let adr = app.adr(1).await;
    assert_eq!(adr["tags"], json!(["observability", "platform"]));
    assert_eq!(adr["decision_drivers"], json!(["vendor neutral", "cost"]));
    assert_eq!(adr["options"].as_array().unwrap().len(), 2);
    assert_eq!(adr["chosen_option"], "opentelemetry");
}

#[tokio::test]
async fn a_refused_form_comes_back_with_the_text_and_the_reason() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/adr/new",
            &[
                ("title", "  "),
                ("context", "My careful context"),
                ("date", "2026-13-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("My careful context"),
        "the user's text is kept"
    );
    assert!(page.contains("title must not be empty"));
    assert!(page.contains("is not a calendar date"));
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn a_stale_edit_shows_the_conflict_and_keeps_the_text() {
    let app = spawn_app().await;
    app.create(json!({ "title": "Shared", "context": "base" }))
        .await;
    app.patch_json(
        "/api/v1/adrs/1",
        &json!({ "version": 1, "context": "theirs" }),
    )
    .await;
    let response = app
        .post_form(
            "/adr/1/edit",
            &[("version", "1"), ("title", "Shared"), ("context", "mine")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("Someone else saved this ADR"));
    assert!(page.contains("theirs") && page.contains("mine"));
    assert!(page.contains("name=\"overwrite\" value=\"2\""));
    assert_eq!(app.adr(1).await["context"], "theirs");

    // "Save mine over version 2" resolves it.
    let response = app
        .post_form(
            "/adr/1/edit",
            &[
                ("version", "1"),
                ("overwrite", "2"),
                ("title", "Shared"),
                ("context", "mine"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.adr(1).await["context"], "mine");
}

#[tokio::test]
async fn the_preview_button_renders_markdown_without_saving() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/adr/new",
            &[
                ("intent", "preview"),
                ("title", "P"),
                ("context", "Some *emphasis*"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("<em>emphasis</em>"));
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn lifecycle_and_link_forms_work_and_explain_refusals() {
    let app = spawn_app().await;
    let old = app.create_titled("Old").await;
    let new = app.create_titled("New").await;
    let response = app
        .post_form(&format!("/adr/{old}/status"), &[("status", "accepted")])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("cannot move from draft to accepted"),
        "the refusal shows on the page"
    );
    for status in ["proposed", "accepted"] {
        for n in [old, new] {
            let response = app
                .post_form(&format!("/adr/{n}/status"), &[("status", status)])
                .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }
    }
    let response = app
        .post_form(
            &format!("/adr/{old}/status"),
            &[("status", "superseded"), ("superseded_by", "ADR-0002")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.adr(old).await["status"], "superseded");

    let response = app
        .post_form(
            &format!("/adr/{new}/links"),
            &[("type", "relates"), ("target", "42")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("ADR-0042 does not exist")
    );
}
