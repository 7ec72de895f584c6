//! Assessing an ADR against the guide, through the API and the plain forms.

use crate::helpers::{TestApp, assert_error, assert_invalid, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

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

async fn put(app: &TestApp, n: i64, body: Value) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/adrs/{n}/assessment")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn citing_a_row_prefills_judgements_and_marks_a_deviation_until_justified() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    let empty: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    assert_eq!(empty["version"], 0);
    assert_eq!(
        empty["criteria"].as_array().unwrap().len(),
        6,
        "default criteria: the language comparison's aspects"
    );

    let response = put(&app, n, json!({ "version": 0, "citations": [{ "matrix": "architecture-decision-matrix", "row": "sub-microsecond-latency" }] })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: Value = response.json().await.unwrap();
    let cited = &report["citations"][0];
    assert_eq!(
        cited["judgements"],
        json!({ "go": "avoid", "rust": "recommended" })
    );
    assert_eq!(cited["recommended"], "Rust or C++");
    assert_eq!(cited["avoid"], "Go (GC pauses)");
    assert_eq!(cited["why"], "GC is unacceptable at this level");
    assert_eq!(cited["revision"], 1);
    assert_eq!(report["deviation"]["state"], "unjustified");
    assert_eq!(
        report["deviation"]["rows"],
        json!(["architecture-decision-matrix/sub-microsecond-latency"])
    );

    let adr = app.adr(n).await;
    assert_eq!(
        adr["assessment"]["deviation"]["state"], "unjustified",
        "the ADR includes its assessment"
    );
    let list: Value = app.get_json("/api/v1/adrs?deviation=unjustified").await;
    assert_eq!(list["items"][0]["deviation"], "unjustified");
    let home = app.get_text("/").await;
    assert!(home.contains("deviates from the guide"));
    let page = app
        .get_text(&format!("/adr/{n}-language-for-the-pricing-engine"))
        .await;
    assert!(
        page.contains("Deviates from the guide")
            && page.contains("Rust or C++")
            && page.contains("GC is unacceptable at this level")
    );

    // Round trip: what GET gives can be PUT back with a justification.
    let mut body = report.clone();
    body["deviation"]["justification"] = json!("Our budget is 5 ms at p99, not a microsecond.");
    let report: Value = put(&app, n, body).await.json().await.unwrap();
    assert_eq!(report["deviation"]["state"], "justified");
    assert_eq!(report["version"], 2);
    let page = app
        .get_text(&format!("/adr/{n}-language-for-the-pricing-engine"))
        .await;
    assert!(page.contains("Our budget is 5 ms at p99"));

    // Choosing Rust instead clears the deviation, without touching the assessment.
    app.patch_json(
        &format!("/api/v1/adrs/{n}"),
        &json!({ "version": 1, "chosen_option": "rust" }),
    )
    .await;
    assert_eq!(app.adr(n).await["assessment"]["deviation"]["state"], "none");
    let list: Value = app.get_json("/api/v1/adrs?deviation=justified").await;
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn the_tree_follows_the_guide_and_is_compared_with_the_chosen_option() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    let report: Value = put(
        &app,
        n,
        json!({ "version": 0, "tree": { "answers": ["< 1us p99"] } }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(report["tree"]["state"], "outcome");
    assert_eq!(report["tree"]["outcome"], "Rust or C++");
    assert_eq!(report["tree"]["agrees_with_chosen"], false);
    let report: Value = put(
        &app,
        n,
        json!({ "version": 1, "tree": { "answers": ["< 10ms p99", "5+ devs"] } }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(report["tree"]["outcome"], "Go — readability at scale");
    assert_eq!(report["tree"]["agrees_with_chosen"], true);
    let report: Value = put(
        &app,
        n,
        json!({ "version": 2, "tree": { "answers": ["< 10ms p99", "1-5 devs", "none of these"] } }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(report["tree"]["state"], "no_recommendation");
    assert_invalid(
        put(
            &app,
            n,
            json!({ "version": 3, "tree": { "answers": ["< 10ms p99", "12 devs"] } }),
        )
        .await,
        "tree.answers[1]",
    )
    .await;
}

#[tokio::test]
async fn scores_rank_the_options_and_name_the_weight_that_would_flip_them() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    let body = json!({
        "version": 0,
        "criteria": [{ "id": "speed", "name": "Speed", "weight": 3 }, { "id": "learning", "name": "Learning curve", "weight": 2 }],
        "scores": [
            { "criterion": "speed", "option": "go", "score": 4 },
            { "criterion": "speed", "option": "rust", "score": 5 },
            { "criterion": "learning", "option": "go", "score": 5 },
            { "criterion": "learning", "option": "rust", "score": 2, "note": "ownership takes weeks" }
        ]
    });
    let report: Value = put(&app, n, body).await.json().await.unwrap();
    assert_eq!(report["ranking"]["winners"], json!(["go"]));
    assert_eq!(
        report["ranking"]["totals"][0],
        json!({ "option": "go", "total": 22, "rank": 1, "scored": 2 })
    );
    assert_eq!(
        report["ranking"]["flips"],
        json!([{ "criterion": "learning", "from_weight": 2, "to_weight": 1, "winners": ["go", "rust"] }])
    );
    for (body, field) in [
        (
            json!({ "version": 1, "criteria": [{ "id": "a", "name": "A", "weight": 9 }] }),
            "criteria[0].weight",
        ),
        (
            json!({ "version": 1, "criteria": [{ "id": "a", "name": "A", "weight": 1 }], "scores": [{ "criterion": "a", "option": "go", "score": 6 }] }),
            "scores[0].score",
        ),
        (
            json!({ "version": 1, "scores": [{ "criterion": "nope", "option": "go", "score": 3 }] }),
            "scores[0].criterion",
        ),
        (
            json!({ "version": 1, "criteria": [{ "id": "a", "name": "A", "weight": 1 }], "scores": [{ "criterion": "a", "option": "java", "score": 3 }] }),
            "scores[0].option",
        ),
        (
            json!({ "version": 1, "criteria": [{ "id": "a", "name": "A", "weight": "heavy" }] }),
            "criteria[0].weight",
        ),
    ] {
        assert_invalid(put(&app, n, body).await, field).await;
    }
}

#[tokio::test]
async fn checklists_and_threats_are_tracked_and_open_items_show_on_the_home_page() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    app.accept(n).await;
    let body = json!({
        "version": 0,
        "checklists": [{ "matrix": "production-checklist", "items": [{ "row": "all-external-calls-have-timeouts", "done": true, "note": "2 s" }] }],
        "threats": [{ "row": "sql-injection-via-unvalidated-input", "mitigation": "mitigated" }]
    });
    let response = put(&app, n, body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: Value = response.json().await.unwrap();
    assert_eq!(
        (
            report["checklists"][0]["done"].as_i64(),
            report["checklists"][0]["total"].as_i64()
        ),
        (Some(1), Some(10))
    );
    assert_eq!(report["threats"][0]["mitigation"], "mitigated");
    let home = app.get_text("/").await;
    assert!(
        home.contains("9 open"),
        "accepted ADRs with open checklist items are listed"
    );
    assert_invalid(
        put(
            &app,
            n,
            json!({ "version": 1, "checklists": [{ "matrix": "architecture-decision-matrix" }] }),
        )
        .await,
        "checklists[0].matrix",
    )
    .await;
    assert_invalid(
        put(
            &app,
            n,
            json!({ "version": 1, "threats": [{ "row": "martians" }] }),
        )
        .await,
        "threats[0].row",
    )
    .await;
    assert_invalid(put(&app, n, json!({ "version": 1, "threats": [{ "row": "sql-injection-via-unvalidated-input", "mitigation": "done" }] })).await, "threats[0].mitigation").await;
}

#[tokio::test]
async fn assessments_are_versioned_and_cite_the_matrix_revision() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    app.post_json("/api/v1/matrices", &json!({ "name": "Ours", "markdown": "| Case | Recommended | Avoid |\n|---|---|---|\n| Pricing | Go | Rust |" })).await;
    let report: Value = put(
        &app,
        n,
        json!({ "version": 0, "citations": [{ "matrix": "ours", "row": "pricing" }] }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        report["citations"][0]["judgements"],
        json!({ "go": "recommended", "rust": "avoid" })
    );
    // The team revises its matrix; the ADR keeps reading the revision it was assessed against.
    app.post_json("/api/v1/matrices/ours", &json!({ "name": "Ours", "revision": 1, "markdown": "| Case | Recommended | Avoid |\n|---|---|---|\n| Pricing | Rust | Go |" })).await;
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    assert_eq!(report["citations"][0]["recommended"], "Go");
    assert_eq!(
        (
            report["citations"][0]["revision"].as_i64(),
            report["citations"][0]["latest_revision"].as_i64()
        ),
        (Some(1), Some(2))
    );
    let stale = put(&app, n, json!({ "version": 0 })).await;
    let error = assert_error(stale, StatusCode::CONFLICT, "stale_version", None).await;
    assert_eq!(error["error"]["current_version"], 1);
    assert_invalid(put(&app, n, json!({ "citations": [] })).await, "version").await;
    assert_invalid(
        put(
            &app,
            n,
            json!({ "version": 1, "citations": [{ "matrix": "ours", "row": "nope" }] }),
        )
        .await,
        "citations[0].row",
    )
    .await;
    assert_invalid(put(&app, n, json!({ "version": 1, "citations": [{ "matrix": "ours", "row": "pricing", "judgements": { "java": "avoid" } }] })).await, "citations[0].judgements.java").await;
    // Citation counts per row link to the filtered list.
    let home = app.get_text("/").await;
    assert!(home.contains("/?cites=ours/pricing"));
    let cited: Value = app.get_json("/api/v1/adrs?cites=ours/pricing").await;
    assert_eq!(cited["total"], 1);
}

#[tokio::test]
async fn the_assessment_page_works_without_javascript() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    let page = app
        .get(&format!(
            "/adr/{n}/assess?matrix=architecture-decision-matrix"
        ))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("Latency requirement?"),
        "the first question is on the page"
    );
    assert!(page.contains("value=\"architecture-decision-matrix/cli-tool\""));

    let post = |fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move { app.post_form(&format!("/adr/{n}/assess"), &fields).await }
    };
    let response = post(vec![
        ("section", "cite"),
        (
            "cite",
            "architecture-decision-matrix/sub-microsecond-latency",
        ),
    ])
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/adr/{n}/assess#scenario-fit")
    );
    assert_eq!(
        post(vec![("section", "tree"), ("answer", "< 10ms p99")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let page = app.get_text(&format!("/adr/{n}/assess")).await;
    assert!(page.contains("Team size?"), "the next question follows");
    post(vec![
        ("section", "judgements"),
        ("j.0.go", "neither"),
        ("j.0.rust", "recommended"),
    ])
    .await;
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    assert_eq!(report["citations"][0]["judgements"]["go"], "neither");
    assert_eq!(report["deviation"]["state"], "none");
    post(vec![("section", "tree"), ("section", "tree_reset")]).await;
    post(vec![
        ("section", "scores"),
        ("criterion.0.id", "compilation-speed"),
        ("new_criterion", "Hiring"),
        ("criterion.0.name", "Compilation speed"),
        ("criterion.0.weight", "4"),
        ("score.0.go", "5"),
    ])
    .await;
    post(vec![
        ("section", "checklist_attach"),
        ("checklist", "security-checklist"),
    ])
    .await;
    post(vec![
        ("section", "threats"),
        ("t.secrets-leaked-in-logs.applies", "on"),
        ("t.secrets-leaked-in-logs.mitigation", "in_progress"),
    ])
    .await;
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/assessment")).await;
    assert!(report["tree"]["answers"].as_array().unwrap().is_empty());
    assert_eq!(report["criteria"].as_array().unwrap().len(), 2);
    assert_eq!(report["ranking"]["winners"], json!(["go"]));
    assert_eq!(report["checklists"][0]["matrix"], "security-checklist");
    assert_eq!(report["threats"][0]["mitigation"], "in_progress");

    let refused = post(vec![("section", "tree"), ("answer", "whenever")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("is not an answer to")
    );
}
