//! What can be removed, from the page and from the API, each recorded in the history: a
//! draft ADR (its page then answers 410 with who and when) and a relation. And the forms'
//! refusals that have no page to show them on, which still answer a browser with a page.

use crate::helpers::{TestApp, assert_error, assert_invalid, spawn_app};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

async fn delete(app: &TestApp, path: &str) -> Response {
    app.client
        .delete(app.url(path))
        .send()
        .await
        .expect("DELETE")
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The ADR page's HTML, following the redirect to its canonical path.
async fn adr_page(app: &TestApp, number: i64) -> String {
    let response = app.get(&format!("/adr/{number}")).await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    app.get_text(&location).await
}

async fn changes(app: &TestApp, number: i64) -> Vec<String> {
    let revisions: Value = app
        .get_json(&format!("/api/v1/adrs/{number}/revisions"))
        .await;
    revisions["items"]
        .as_array()
        .or_else(|| revisions.as_array())
        .expect("a revision list")
        .iter()
        .map(|r| r["change"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_deleted_draft_answers_410_with_who_and_when_and_its_number_is_not_reused() {
    let app = spawn_app().await;
    let kept = app.create_titled("Keep the queue").await;
    let draft = app.create_titled("Try a queue").await;
    let response = delete(&app, &format!("/api/v1/adrs/{draft}")).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let body = assert_error(
        app.get(&format!("/api/v1/adrs/{draft}")).await,
        StatusCode::GONE,
        "gone",
        None,
    )
    .await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("ADR-0002 was deleted by anonymous at 20"),
        "{message}"
    );

    let page = app.get(&format!("/adr/{draft}")).await;
    assert_eq!(page.status(), StatusCode::GONE);
    assert!(is_html(&page));
    let page = page.text().await.unwrap();
    assert!(page.contains("<h1>Deleted</h1>"), "{page}");
    assert!(page.contains("was deleted by anonymous at"));

    let list: Value = app.get_json("/api/v1/adrs").await;
    let numbers: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [kept]);
    let home = app.get_text("/").await;
    assert!(!home.contains("Try a queue"), "the list leaves it out");
    assert_eq!(app.create_titled("Next").await, draft + 1);

    // A second delete finds it gone.
    assert_error(
        delete(&app, &format!("/api/v1/adrs/{draft}")).await,
        StatusCode::GONE,
        "gone",
        None,
    )
    .await;
}

#[tokio::test]
async fn only_a_draft_can_be_deleted_and_a_refusal_changes_nothing() {
    let app = spawn_app().await;
    let n = app.create_titled("Proposed already").await;
    assert_eq!(app.set_status(n, "proposed").await.status(), StatusCode::OK);
    let revisions = app.count_revisions().await;
    let body = assert_error(
        delete(&app, &format!("/api/v1/adrs/{n}")).await,
        StatusCode::CONFLICT,
        "not_a_draft",
        None,
    )
    .await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only a draft can be deleted, and this ADR is proposed")
    );
    assert_eq!(app.count_revisions().await, revisions);
    assert_eq!(app.adr(n).await["status"], "proposed");

    // The page offers deletion on a draft only, and a forced post is refused on the page.
    let page = adr_page(&app, n).await;
    assert!(!page.contains("Delete this draft"));
    let response = app.post_form(&format!("/adr/{n}/delete"), &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(is_html(&response));
    let page = response.text().await.unwrap();
    assert!(page.contains("role=\"alert\""), "the refusal shows inline");
    assert!(page.contains("only a draft can be deleted"));
}

#[tokio::test]
async fn the_page_deletes_a_draft_after_a_confirmation_step() {
    let app = spawn_app().await;
    let n = app.create_titled("Short-lived idea").await;
    let page = adr_page(&app, n).await;
    // The button sits inside a closed <details>: one step to open, then the button.
    let step = page
        .split("<details class=\"confirm delete-draft\">")
        .nth(1)
        .expect("a delete step on a draft's page");
    assert!(step.contains("<summary>Delete this draft</summary>"));
    assert!(step.contains(&format!("action=\"/adr/{n}/delete\"")));

    let response = app.post_form(&format!("/adr/{n}/delete"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], format!("/adr/{n}"));
    assert_eq!(
        app.get(&format!("/adr/{n}")).await.status(),
        StatusCode::GONE
    );
    let history = changes_of_deleted(&app, n).await;
    assert_eq!(history.first().map(String::as_str), Some("deleted"));
}

/// The history of a deleted ADR, read from the database (its API answers 410).
async fn changes_of_deleted(app: &TestApp, number: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT change FROM adr_revisions WHERE adr_number = ? ORDER BY revision DESC",
    )
    .bind(number)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_relation_is_removed_from_either_end_and_both_histories_say_so() {
    let app = spawn_app().await;
    let a = app.create_titled("Use Postgres").await;
    let b = app.create_titled("Tune Postgres").await;
    let linked = app
        .post_json(
            &format!("/api/v1/adrs/{b}/links"),
            &json!({ "type": "amends", "target": a }),
        )
        .await;
    assert_eq!(linked.status(), StatusCode::CREATED);

    let response = delete(
        &app,
        &format!("/api/v1/adrs/{a}/links/amended_by/ADR-{b:04}"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["relations"], json!([]));
    assert_eq!(app.adr(b).await["relations"], json!([]));
    assert!(
        changes(&app, a)
            .await
            .contains(&"relation removed: amended by ADR-0002".to_owned())
    );
    assert!(
        changes(&app, b)
            .await
            .contains(&"relation removed: amends ADR-0001".to_owned())
    );
    assert_error(
        delete(&app, &format!("/api/v1/adrs/{a}/links/amended_by/{b}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    assert_error(
        delete(&app, &format!("/api/v1/adrs/{a}/links/nearby/{b}")).await,
        StatusCode::BAD_REQUEST,
        "bad_parameter",
        Some("type"),
    )
    .await;

    // From the page: each relation has its own step and button.
    app.post_json(
        &format!("/api/v1/adrs/{a}/links"),
        &json!({ "type": "relates", "target": b }),
    )
    .await;
    let page = adr_page(&app, a).await;
    assert!(
        page.contains("aria-label=\"Remove the relation: relates to ADR-0002\""),
        "{page}"
    );
    let response = app
        .post_form(
            &format!("/adr/{a}/links/delete"),
            &[("type", "relates"), ("target", &b.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.adr(a).await["relations"], json!([]));
}

#[tokio::test]
async fn a_superseded_adr_keeps_the_link_to_its_last_successor() {
    let app = spawn_app().await;
    let old = app.create_titled("Old way").await;
    let new = app.create_titled("New way").await;
    app.accept(old).await;
    let moved = app
        .post_json(
            &format!("/api/v1/adrs/{old}/status"),
            &json!({ "status": "superseded", "superseded_by": [new] }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let revisions = app.count_revisions().await;
    assert_invalid(
        delete(&app, &format!("/api/v1/adrs/{new}/links/supersedes/{old}")).await,
        "target",
    )
    .await;
    let response = app
        .post_form(
            &format!("/adr/{old}/links/delete"),
            &[("type", "superseded_by"), ("target", &new.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("superseded is final")
    );
    assert_eq!(app.count_revisions().await, revisions);
    assert_eq!(app.adr(old).await["relations"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_form_refused_before_any_page_answers_with_a_page_not_json() {
    let app = spawn_app().await;
    let n = app.create_titled("Forms everywhere").await;
    let missing = app
        .post_form("/adr/999/status", &[("status", "proposed")])
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(is_html(&missing));
    assert!(
        missing
            .text()
            .await
            .unwrap()
            .contains("ADR-0999 does not exist")
    );

    let not_a_form = app
        .post_raw(&format!("/adr/{n}/links"), "application/json", "{}")
        .await;
    assert_eq!(not_a_form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(is_html(&not_a_form));
    assert!(
        not_a_form
            .text()
            .await
            .unwrap()
            .contains("forms must be sent as application/x-www-form-urlencoded")
    );

    let big = "x".repeat(1024 * 1024 + 1);
    let too_large = app
        .post_raw(
            &format!("/adr/{n}/edit"),
            "application/x-www-form-urlencoded",
            format!("title={big}"),
        )
        .await;
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(is_html(&too_large));

    assert_eq!(
        delete(&app, &format!("/api/v1/adrs/{n}")).await.status(),
        StatusCode::NO_CONTENT
    );
    let gone = app
        .post_form(
            &format!("/adr/{n}/links"),
            &[("type", "relates"), ("target", "1")],
        )
        .await;
    assert_eq!(gone.status(), StatusCode::GONE);
    assert!(is_html(&gone));
    assert!(
        gone.text()
            .await
            .unwrap()
            .contains("was deleted by anonymous")
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_removals() {
    let app = spawn_app().await;
    let spec: Value = app.get_json("/api/v1/openapi.json").await;
    assert!(spec["paths"]["/api/v1/adrs/{number}"]["delete"].is_object());
    assert!(spec["paths"]["/api/v1/adrs/{number}/links/{type}/{target}"]["delete"].is_object());
}

const OURS: &str = "| Case | Recommended | Avoid |\n|---|---|---|\n| Pricing | Go | Rust |";

/// An ADR choosing Go among Go and Rust; returns its number.
async fn go_or_rust(app: &TestApp) -> i64 {
    app.create(json!({
        "title": "Language for the pricing engine",
        "options": [{ "name": "Go" }, { "name": "Rust" }],
        "chosen_option": "Go"
    }))
    .await["number"]
        .as_i64()
        .unwrap()
}

async fn put_assessment(app: &TestApp, n: i64, body: Value) -> Response {
    app.client
        .put(app.url(&format!("/api/v1/adrs/{n}/assessment")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_archived_matrix_is_not_offered_again_but_its_citations_keep_reading() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    let created = app
        .post_json(
            "/api/v1/matrices",
            &json!({ "name": "Ours", "markdown": OURS }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let cited = put_assessment(
        &app,
        n,
        json!({ "version": 0, "citations": [{ "matrix": "ours", "row": "pricing" }] }),
    )
    .await;
    assert_eq!(cited.status(), StatusCode::OK);

    let archived = app
        .post_json("/api/v1/matrices/ours/archive", &json!({}))
        .await;
    assert_eq!(archived.status(), StatusCode::OK);
    let body: Value = archived.json().await.unwrap();
    assert_eq!(body["archived"]["archived_by"], "anonymous");

    // The ADR keeps reading the revision it cited.
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    assert_eq!(report["citations"][0]["recommended"], "Go");
    // A new ADR cannot cite it, and the assessment page no longer offers it.
    let other = go_or_rust(&app).await;
    assert_invalid(
        put_assessment(
            &app,
            other,
            json!({ "version": 0, "citations": [{ "matrix": "ours", "row": "pricing" }] }),
        )
        .await,
        "citations[0].matrix",
    )
    .await;
    let assess = app.get_text(&format!("/adr/{other}/assess")).await;
    assert!(!assess.contains("value=\"ours\""), "not offered for citing");
    // A revision waits for a restore; the list shows it apart.
    assert_invalid(
        app.post_json(
            "/api/v1/matrices/ours",
            &json!({ "name": "Ours", "revision": 1, "markdown": OURS }),
        )
        .await,
        "id",
    )
    .await;
    let page = app.get_text("/matrices/ours").await;
    assert!(page.contains("data-testid=\"archived\""));
    assert!(page.contains("Restore this matrix"));
    assert!(!page.contains("Save revision"));
    let list = app.get_text("/matrices").await;
    assert!(list.contains("Archived (1)"));
    // The guide's matrices are reference data.
    assert_invalid(
        app.post_json(
            "/api/v1/matrices/architecture-decision-matrix/archive",
            &json!({}),
        )
        .await,
        "id",
    )
    .await;

    // Restored from the page, it is offered again.
    let restored = app.post_form("/matrices/ours/restore", &[]).await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER);
    let page = app.get_text("/matrices/ours").await;
    assert!(page.contains("Archive this matrix") && page.contains("Save revision"));
    let cited = put_assessment(
        &app,
        other,
        json!({ "version": 0, "citations": [{ "matrix": "ours", "row": "pricing" }] }),
    )
    .await;
    assert_eq!(cited.status(), StatusCode::OK);
    // And archived from the page too, behind its step.
    let archived = app.post_form("/matrices/ours/archive", &[]).await;
    assert_eq!(archived.status(), StatusCode::SEE_OTHER);
    let missing = app.post_form("/matrices/nope/archive", &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(is_html(&missing));
}

#[tokio::test]
async fn removing_a_checklist_or_a_threat_is_recorded_in_the_adr_s_history() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move { app.post_form(&format!("/adr/{n}/assess"), &fields).await }
    };
    for fields in [
        vec![
            ("section", "checklist_attach"),
            ("checklist", "security-checklist"),
        ],
        vec![
            ("section", "threats"),
            ("t.secrets-leaked-in-logs.applies", "on"),
            ("t.secrets-leaked-in-logs.mitigation", "in_progress"),
        ],
    ] {
        assert_eq!(post(fields).await.status(), StatusCode::SEE_OTHER);
    }
    let page = app.get_text(&format!("/adr/{n}/assess")).await;
    assert!(
        page.contains("<summary>Remove the checklist Security Architecture Checklist</summary>"),
        "{page}"
    );
    assert!(page.contains("name=\"threat\" value=\"secrets-leaked-in-logs\""));

    let removed = post(vec![
        ("section", "checklist_remove"),
        ("checklist", "security-checklist"),
    ])
    .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        removed.headers()["location"],
        format!("/adr/{n}/assess#checklists")
    );
    let removed = post(vec![
        ("section", "threat_remove"),
        ("threat", "secrets-leaked-in-logs"),
    ])
    .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    assert_eq!(report["checklists"], json!([]));
    assert_eq!(report["threats"], json!([]));
    let history = changes(&app, n).await;
    assert!(
        history.contains(&"checklist removed: security-checklist".to_owned()),
        "{history:?}"
    );
    assert!(history.contains(&"threat removed: secrets-leaked-in-logs".to_owned()));

    // Through the API, a PUT that leaves a cited row out records that too.
    let version = report["version"].as_i64().unwrap();
    put_assessment(
        &app,
        n,
        json!({ "version": version, "citations": [{ "matrix": "architecture-decision-matrix", "row": "cli-tool" }] }),
    )
    .await;
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    let version = report["version"].as_i64().unwrap();
    let saved = put_assessment(&app, n, json!({ "version": version })).await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert!(
        changes(&app, n)
            .await
            .contains(&"cited row removed: architecture-decision-matrix/cli-tool".to_owned())
    );
}
