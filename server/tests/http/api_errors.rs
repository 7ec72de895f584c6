//! Every refusal of the JSON API: the status, the code, the field, and that nothing was
//! written.

use crate::helpers::{assert_error, assert_invalid, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400_invalid_json() {
    let app = spawn_app().await;
    for body in ["{\"title\": ", "not json", "[]", "\"title\""] {
        let response = app.post_raw("/api/v1/adrs", "application/json", body).await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, "invalid_json", None).await;
        if body.starts_with('{') {
            assert!(
                error["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("line 1"),
                "{error}"
            );
        }
    }
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn wrongly_typed_fields_are_named() {
    let app = spawn_app().await;
    let cases = [
        (json!({ "title": 42 }), "title"),
        (json!({ "title": "t", "tags": "one" }), "tags"),
        (json!({ "title": "t", "tags": ["a", 1] }), "tags[1]"),
        (
            json!({ "title": "t", "options": [{ "name": 3 }] }),
            "options[0].name",
        ),
        (json!({ "title": "t", "colour": "red" }), "colour"),
        (json!({}), "title"),
    ];
    for (body, field) in cases {
        let response = app.post_json("/api/v1/adrs", &body).await;
        assert_invalid(response, field).await;
    }
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn rule_breaking_values_are_422_with_the_field() {
    let app = spawn_app().await;
    let cases = [
        (json!({ "title": "   " }), "title"),
        (json!({ "title": "x".repeat(201) }), "title"),
        (json!({ "title": "t", "date": "2026-02-30" }), "date"),
        (json!({ "title": "t", "status": "accepted" }), "status"),
        (json!({ "title": "t", "status": "done" }), "status"),
        (
            json!({ "title": "t", "chosen_option": "nothing" }),
            "chosen_option",
        ),
        (
            json!({ "title": "t", "options": [{ "name": "" }] }),
            "options[0].name",
        ),
    ];
    for (body, field) in cases {
        let response = app.post_json("/api/v1/adrs", &body).await;
        assert_invalid(response, field).await;
    }
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let app = spawn_app().await;
    let big = format!(
        "{{\"title\": \"t\", \"context\": \"{}\"}}",
        "x".repeat(1024 * 1024 + 10)
    );
    let response = app.post_raw("/api/v1/adrs", "application/json", big).await;
    assert_error(
        response,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        None,
    )
    .await;
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn other_media_types_are_415() {
    let app = spawn_app().await;
    let response = app
        .post_raw("/api/v1/adrs", "text/plain", "{\"title\": \"t\"}")
        .await;
    assert_error(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    )
    .await;
    let response = app
        .client
        .post(app.url("/api/v1/adrs"))
        .body("{\"title\": \"t\"}")
        .send()
        .await
        .unwrap();
    assert_error(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    )
    .await;
    assert_eq!(app.count_adrs().await, 0);
}

#[tokio::test]
async fn unknown_paths_and_adrs_are_json_404() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/adrs/5",
        "/api/v1/adrs/new",
        "/api/v1/nothing",
        "/api/v2/adrs",
        "/api",
        "/api/anything/else",
    ] {
        assert_error(
            app.get(path).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        )
        .await;
    }
    let response = app
        .client
        .delete(app.url("/api/v1/adrs"))
        .send()
        .await
        .unwrap();
    assert_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        None,
    )
    .await;
}

#[tokio::test]
async fn a_stale_patch_is_409_with_the_current_version_and_writes_nothing() {
    let app = spawn_app().await;
    app.create_titled("t").await;
    app.patch_json(
        "/api/v1/adrs/1",
        &json!({ "version": 1, "context": "first" }),
    )
    .await;
    let revisions = app.count_revisions().await;
    let response = app
        .patch_json(
            "/api/v1/adrs/1",
            &json!({ "version": 1, "context": "second" }),
        )
        .await;
    let error = assert_error(response, StatusCode::CONFLICT, "stale_version", None).await;
    assert_eq!(error["error"]["current_version"], 2);
    assert_eq!(app.adr(1).await["context"], "first");
    assert_eq!(app.count_revisions().await, revisions);
}

#[tokio::test]
async fn patch_needs_a_version_and_refuses_read_only_fields() {
    let app = spawn_app().await;
    app.create_titled("t").await;
    let cases = [
        (json!({ "title": "x" }), "version"),
        (json!({ "version": "1", "title": "x" }), "version"),
        (json!({ "version": 1, "status": "accepted" }), "status"),
        (json!({ "version": 1, "number": 4 }), "number"),
        (json!({ "version": 1, "title": "" }), "title"),
    ];
    for (body, field) in cases {
        let response = app.patch_json("/api/v1/adrs/1", &body).await;
        assert_invalid(response, field).await;
    }
    assert_eq!(app.adr(1).await["version"], 1);
}

#[tokio::test]
async fn illegal_transitions_are_409_with_the_allowed_moves() {
    let app = spawn_app().await;
    app.create_titled("t").await;
    let error = assert_error(
        app.set_status(1, "accepted").await,
        StatusCode::CONFLICT,
        "illegal_transition",
        None,
    )
    .await;
    assert_eq!(error["error"]["allowed"], json!(["proposed"]));
    let error = assert_invalid(app.set_status(1, "nonsense").await, "status").await;
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown status")
    );
    app.accept(1).await;
    let error = assert_error(
        app.set_status(1, "draft").await,
        StatusCode::CONFLICT,
        "illegal_transition",
        None,
    )
    .await;
    assert_eq!(
        error["error"]["allowed"],
        json!(["deprecated", "superseded"])
    );
    assert_eq!(app.adr(1).await["status"], "accepted");
}

#[tokio::test]
async fn superseding_needs_existing_successors_without_cycles() {
    let app = spawn_app().await;
    let a = app.create_titled("A").await;
    let b = app.create_titled("B").await;
    app.accept(a).await;
    app.accept(b).await;
    let path = format!("/api/v1/adrs/{a}/status");
    let response = app
        .post_json(&path, &json!({ "status": "superseded" }))
        .await;
    assert_invalid(response, "superseded_by").await;
    let response = app
        .post_json(
            &path,
            &json!({ "status": "superseded", "superseded_by": [77] }),
        )
        .await;
    assert_invalid(response, "superseded_by").await;
    let response = app
        .post_json(
            &path,
            &json!({ "status": "superseded", "superseded_by": [a] }),
        )
        .await;
    assert_invalid(response, "superseded_by").await;
    assert_eq!(app.adr(a).await["status"], "accepted");
    // b supersedes a; a superseding b afterwards would be a cycle.
    app.post_json(
        &format!("/api/v1/adrs/{b}/links"),
        &json!({ "type": "supersedes", "target": a }),
    )
    .await;
    let response = app
        .post_json(
            &format!("/api/v1/adrs/{b}/status"),
            &json!({ "status": "superseded", "superseded_by": [a] }),
        )
        .await;
    let error = assert_invalid(response, "superseded_by").await;
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cycle"),
        "{error}"
    );
    assert_eq!(app.adr(b).await["status"], "accepted");
}

#[tokio::test]
async fn bad_links_are_refused() {
    let app = spawn_app().await;
    let a = app.create_titled("A").await;
    let path = format!("/api/v1/adrs/{a}/links");
    let cases = [
        (json!({ "type": "relates", "target": 99 }), "target"),
        (json!({ "type": "relates", "target": a }), "target"),
        (json!({ "type": "relates", "target": "soon" }), "target"),
        (json!({ "type": "blocks", "target": a }), "type"),
        (json!({ "type": "relates" }), "target"),
    ];
    for (body, field) in cases {
        let response = app.post_json(&path, &body).await;
        assert_invalid(response, field).await;
    }
    let response = app
        .post_json(
            "/api/v1/adrs/404/links",
            &json!({ "type": "relates", "target": a }),
        )
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found", None).await;
}

#[tokio::test]
async fn bad_list_parameters_are_422() {
    let app = spawn_app().await;
    for (query, field) in [
        ("status=done", "status"),
        ("limit=0", "limit"),
        ("offset=-3", "offset"),
        ("date_from=May", "date_from"),
        ("sort=random", "sort"),
    ] {
        let response = app.get(&format!("/api/v1/adrs?{query}")).await;
        assert_invalid(response, field).await;
    }
}
