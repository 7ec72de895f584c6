//! The JSON API's happy paths: create, read by any spelling, list and search, patch,
//! lifecycle, links and revisions.

use crate::helpers::{assert_error, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_title_is_enough_to_create_a_draft() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/adrs",
            &json!({ "title": "Use Go for the gateway" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["location"], "/api/v1/adrs/1");
    let adr: Value = response.json().await.unwrap();
    assert_eq!(adr["number"], 1);
    assert_eq!(adr["version"], 1);
    assert_eq!(adr["status"], "draft");
    assert_eq!(
        adr["url"],
        format!("{}/adr/1-use-go-for-the-gateway", app.address)
    );
    assert_eq!(adr["options"], json!([]));
    assert_eq!(adr["created_by"], "anonymous");
    assert!(adr["date"].as_str().unwrap().len() == 10);
}

#[tokio::test]
async fn every_madr_field_round_trips() {
    let app = spawn_app().await;
    let body = json!({
        "title": "Pick a message queue",
        "date": "2026-11-01",
        "decision_makers": ["Ana", "Bo"],
        "consulted": ["SRE"],
        "informed": ["Everyone"],
        "tags": ["Orders", "infra"],
        "tickets": ["ORD-7", "https://tickets.example.com/ORD-8"],
        "context": "We need **durable** events.",
        "decision_drivers": ["throughput", "ops cost"],
        "options": [
            { "name": "Kafka", "description": "Log-based", "good": ["replay"], "neutral": ["JVM"], "bad": ["ops heavy"] },
            { "id": "nats", "name": "NATS JetStream", "good": ["simple"] }
        ],
        "chosen_option": "NATS JetStream",
        "justification": "Simplest to run.",
        "consequences_good": ["one binary"],
        "consequences_bad": ["smaller ecosystem"],
        "confirmation": "Load test before launch.",
        "more_information": "See ORD-7."
    });
    let adr = app.create(body).await;
    assert_eq!(adr["tags"], json!(["orders", "infra"]));
    assert_eq!(adr["options"][0]["id"], "kafka");
    assert_eq!(adr["options"][1]["id"], "nats");
    assert_eq!(adr["chosen_option"], "nats");
    assert_eq!(adr["options"][0]["neutral"], json!(["JVM"]));
    assert_eq!(adr["consequences_bad"], json!(["smaller ecosystem"]));
    let fetched = app.adr(1).await;
    assert_eq!(fetched, adr);
}

#[tokio::test]
async fn concurrent_creates_get_unique_numbers() {
    let app = spawn_app().await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let client = app.client.clone();
        let url = app.url("/api/v1/adrs");
        tasks.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .json(&json!({ "title": format!("ADR {i}") }))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<Value>().await.unwrap()["number"]
                .as_i64()
                .unwrap()
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap());
    }
    numbers.sort();
    assert_eq!(numbers, (1..=24).collect::<Vec<_>>());
}

#[tokio::test]
async fn any_spelling_of_the_number_reads_the_adr() {
    let app = spawn_app().await;
    for _ in 0..7 {
        app.create_titled("x").await;
    }
    for key in ["7", "0007", "ADR-0007", "adr-7", "7-any-slug"] {
        let response = app.get(&format!("/api/v1/adrs/{key}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{key}");
        assert_eq!(response.json::<Value>().await.unwrap()["number"], 7);
    }
}

#[tokio::test]
async fn the_list_filters_searches_sorts_and_pages() {
    let app = spawn_app().await;
    app.create(json!({ "title": "Cache for the catalogue", "tags": ["payments"], "tickets": ["PAY-1"], "context": "p99 latency matters" })).await;
    app.create(json!({ "title": "Event bus", "tags": ["orders"], "date": "2025-05-05" }))
        .await;
    let third = app.create_titled("Logging pipeline").await;
    app.set_status(third, "proposed").await;

    let list = |query: &'static str| {
        let app = &app;
        async move {
            let response = app.get(&format!("/api/v1/adrs{query}")).await;
            assert_eq!(response.status(), StatusCode::OK, "{query}");
            let body: Value = response.json().await.unwrap();
            let numbers: Vec<i64> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["number"].as_i64().unwrap())
                .collect();
            (numbers, body["total"].as_i64().unwrap())
        }
    };
    assert_eq!(list("").await, (vec![3, 2, 1], 3));
    assert_eq!(list("?q=latency").await, (vec![1], 1));
    assert_eq!(list("?q=catal").await, (vec![1], 1));
    assert_eq!(list("?status=proposed").await, (vec![3], 1));
    assert_eq!(list("?tag=orders").await, (vec![2], 1));
    assert_eq!(list("?ticket=PAY-1").await, (vec![1], 1));
    assert_eq!(list("?date_to=2025-12-31").await, (vec![2], 1));
    assert_eq!(list("?limit=2&offset=1").await, (vec![2, 1], 3));
    assert_eq!(list("?sort=title").await, (vec![1, 2, 3], 3));
    for hostile in [
        "%22",
        "NEAR(x%20y)",
        "a%22%20OR%20*",
        "%27%3B%20DROP%20TABLE%20adrs%3B--",
        "%5E%3A()-",
    ] {
        let response = app.get(&format!("/api/v1/adrs?q={hostile}")).await;
        assert_eq!(response.status(), StatusCode::OK, "q={hostile}");
    }
    assert_eq!(app.count_adrs().await, 3);
    let item = &app
        .get("/api/v1/adrs?tag=payments")
        .await
        .json::<Value>()
        .await
        .unwrap()["items"][0];
    assert_eq!(
        item["url"],
        format!("{}/adr/1-cache-for-the-catalogue", app.address)
    );
    assert_eq!(item["tags"], json!(["payments"]));
}

#[tokio::test]
async fn patch_changes_only_what_it_carries() {
    let app = spawn_app().await;
    app.create(json!({ "title": "Original", "context": "keep me", "tags": ["a"] }))
        .await;
    let response = app
        .patch_json(
            "/api/v1/adrs/1",
            &json!({ "version": 1, "title": "Renamed", "tags": ["b"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let adr: Value = response.json().await.unwrap();
    assert_eq!(adr["title"], "Renamed");
    assert_eq!(adr["tags"], json!(["b"]));
    assert_eq!(adr["context"], "keep me");
    assert_eq!(adr["version"], 2);
    assert_eq!(adr["url"], format!("{}/adr/1-renamed", app.address));
}

#[tokio::test]
async fn options_keep_their_ids_through_renames_and_null_clears_the_choice() {
    let app = spawn_app().await;
    let adr = app.create(json!({ "title": "t", "options": [{ "name": "Go" }, { "name": "Rust" }], "chosen_option": "go" })).await;
    let mut options = adr["options"].clone();
    options[0]["name"] = json!("Go 1.24");
    let response = app
        .patch_json(
            "/api/v1/adrs/1",
            &json!({ "version": 1, "options": options }),
        )
        .await;
    let adr: Value = response.json().await.unwrap();
    assert_eq!(adr["options"][0]["id"], "go");
    assert_eq!(adr["options"][0]["name"], "Go 1.24");
    assert_eq!(adr["chosen_option"], "go");
    let adr: Value = app
        .patch_json(
            "/api/v1/adrs/1",
            &json!({ "version": 2, "chosen_option": null }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(adr["chosen_option"], Value::Null);
}

#[tokio::test]
async fn the_lifecycle_runs_to_superseded() {
    let app = spawn_app().await;
    let old = app.create_titled("Old approach").await;
    let new = app.create_titled("New approach").await;
    app.accept(old).await;
    app.accept(new).await;
    let response = app
        .post_json(
            &format!("/api/v1/adrs/{old}/status"),
            &json!({ "status": "superseded", "superseded_by": [new] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let adr: Value = response.json().await.unwrap();
    assert_eq!(adr["status"], "superseded");
    assert_eq!(
        adr["relations"],
        json!([{ "type": "superseded_by", "number": new, "title": "New approach" }])
    );
    let successor = app.adr(new).await;
    assert_eq!(
        successor["relations"],
        json!([{ "type": "supersedes", "number": old, "title": "Old approach" }])
    );
    let revisions: Value = app.get_json(&format!("/api/v1/adrs/{old}/revisions")).await;
    let changes: Vec<&str> = revisions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["change"].as_str().unwrap())
        .collect();
    assert_eq!(
        changes,
        [
            "status: accepted -> superseded",
            "status: proposed -> accepted",
            "status: draft -> proposed",
            "created"
        ]
    );
    assert_eq!(revisions["items"][0]["actor"], "anonymous");
}

#[tokio::test]
async fn links_carry_reverse_labels() {
    let app = spawn_app().await;
    let a = app.create_titled("A").await;
    let b = app.create_titled("B").await;
    let response = app
        .post_json(
            &format!("/api/v1/adrs/{a}/links"),
            &json!({ "type": "amends", "target": "ADR-0002" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let again = app
        .post_json(
            &format!("/api/v1/adrs/{a}/links"),
            &json!({ "type": "amends", "target": b }),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(
        app.adr(b).await["relations"],
        json!([{ "type": "amended_by", "number": a, "title": "A" }])
    );
    app.post_json(
        &format!("/api/v1/adrs/{b}/links"),
        &json!({ "type": "relates", "target": a }),
    )
    .await;
    let relations = app.adr(a).await["relations"].clone();
    assert!(
        relations
            .as_array()
            .unwrap()
            .contains(&json!({ "type": "relates", "number": b, "title": "B" })),
        "{relations}"
    );
}

#[tokio::test]
async fn a_revision_reads_as_it_was() {
    let app = spawn_app().await;
    app.create(json!({ "title": "First title" })).await;
    app.patch_json(
        "/api/v1/adrs/1",
        &json!({ "version": 1, "title": "Second title" }),
    )
    .await;
    let first: Value = app.get_json("/api/v1/adrs/1/revisions/1").await;
    assert_eq!(first["document"]["title"], "First title");
    assert_error(
        app.get("/api/v1/adrs/1/revisions/9").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_app().await;
    let spec: Value = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/api/v1/adrs",
        "/api/v1/adrs/{number}",
        "/api/v1/adrs/{number}/status",
        "/api/v1/adrs/{number}/links",
        "/api/v1/adrs/{number}/revisions",
        "/api/v1/adrs/{number}/revisions/{revision}",
        "/api/v1/adrs/{number}/assessment",
        "/api/v1/matrices",
        "/api/v1/matrices/{id}",
        "/api/v1/adrs/{number}/evidence",
        "/api/v1/adrs/{number}/comparison",
        "/api/v1/adrs/{number}/metrics",
        "/api/v1/evidence/{id}",
        "/api/v1/evidence/{id}/raw",
        "/api/v1/evidence/{id}/quantiles",
        "/api/v1/tickets/{key}",
        "/api/v1/import",
    ] {
        assert!(spec["paths"][path].is_object(), "{path}");
    }
}
