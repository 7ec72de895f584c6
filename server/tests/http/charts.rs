//! Chart images over HTTP: every chart as SVG and PNG, placeholders, refusals, and the ETag
//! that spares rendering an unchanged chart.

use crate::helpers::{TestApp, assert_error, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

async fn go_or_rust(app: &TestApp) -> i64 {
    app.create(json!({ "title": "Parser engine", "options": [{ "name": "Go" }, { "name": "Rust" }], "chosen_option": "Rust" }))
        .await["number"]
        .as_i64()
        .unwrap()
}

fn runs(name: &str, values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{name} 1000 {v} ns/op 64 B/op\n"))
        .collect()
}

async fn attach(app: &TestApp, n: i64, query: &str, body: String) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/adrs/{n}/evidence?{query}")))
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
}

async fn with_benchmarks(app: &TestApp) -> i64 {
    let n = go_or_rust(app).await;
    attach(
        app,
        n,
        "option=Go&label=main",
        runs("BenchmarkParse-8", &[100.0, 101.0, 99.0, 100.5, 100.2])
            + &runs("BenchmarkEncode-8", &[50.0, 51.0, 49.0, 50.5, 50.2]),
    )
    .await;
    attach(
        app,
        n,
        "option=Rust",
        runs("BenchmarkParse-8", &[60.0, 61.0, 59.0, 60.5, 60.2])
            + &runs("BenchmarkEncode-8", &[50.0, 51.5, 49.5, 50.0, 50.4]),
    )
    .await;
    n
}

fn svg_of(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).expect("the chart is well-formed SVG")
}

#[tokio::test]
async fn every_chart_is_an_svg_and_a_png_of_the_asked_size() {
    let app = spawn_app().await;
    let n = with_benchmarks(&app).await;
    for chart in ["benchmarks", "relative", "history", "metrics", "scores"] {
        let response = app.get(&format!("/adr/{n}/charts/{chart}.svg")).await;
        assert_eq!(response.status(), StatusCode::OK, "{chart}");
        assert_eq!(response.headers()["content-type"], "image/svg+xml");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        let text = response.text().await.unwrap();
        let doc = svg_of(&text);
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        assert!(doc.descendants().any(|e| e.has_tag_name("title")));
        assert!(doc.descendants().any(|e| e.has_tag_name("desc")));

        let png = app
            .get(&format!(
                "/adr/{n}/charts/{chart}.png?w=640&h=360&theme=dark"
            ))
            .await;
        assert_eq!(png.status(), StatusCode::OK, "{chart}.png");
        assert_eq!(png.headers()["content-type"], "image/png");
        let bytes = png.bytes().await.unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().expect("a PNG");
        assert_eq!(
            (reader.info().width, reader.info().height),
            (640, 360),
            "{chart}"
        );
    }
    let svg = app
        .get_text(&format!("/adr/{n}/charts/benchmarks.svg?base=Go"))
        .await;
    assert!(svg.contains("data-benchmark=\"BenchmarkParse-8\" data-option=\"Rust\""));
    assert!(
        svg.contains("data-mark=\"▼\""),
        "Rust parses significantly faster"
    );
    assert!(svg.contains("data-mark=\"~\""), "and encodes the same");
    let guide = app.get("/guide/charts/languages.svg").await;
    assert_eq!(guide.status(), StatusCode::OK);
    assert!(
        guide
            .text()
            .await
            .unwrap()
            .contains("data-language=\"Python\"")
    );
    let guide_png = app.get("/guide/charts/languages.png").await;
    assert_eq!(guide_png.headers()["content-type"], "image/png");
}

#[tokio::test]
async fn nothing_to_draw_yet_is_a_placeholder_not_an_error() {
    let app = spawn_app().await;
    let n = go_or_rust(&app).await;
    for (chart, says) in [
        ("benchmarks", "No benchmark evidence yet"),
        ("relative", "No benchmark evidence yet"),
        ("history", "No benchmark evidence yet"),
        ("metrics", "No metrics evidence yet"),
        ("scores", "No scores yet"),
    ] {
        let response = app.get(&format!("/adr/{n}/charts/{chart}.svg")).await;
        assert_eq!(response.status(), StatusCode::OK, "{chart}");
        let text = response.text().await.unwrap();
        assert!(text.contains("data-placeholder=\"true\""), "{chart}");
        assert!(text.contains(says), "{chart}: {text}");
    }
}

#[tokio::test]
async fn unknown_names_are_404_and_bad_values_400_with_the_reason() {
    let app = spawn_app().await;
    let n = with_benchmarks(&app).await;
    for (path, needle) in [
        (
            "/adr/99/charts/benchmarks.svg".to_owned(),
            "ADR-0099 does not exist",
        ),
        (format!("/adr/{n}/charts/pie.svg"), "no chart 'pie.svg'"),
        (format!("/adr/{n}/charts/benchmarks.gif"), "no chart"),
        (
            format!("/adr/{n}/charts/benchmarks.svg?base=Java"),
            "'Java' is neither an option",
        ),
        (
            format!("/adr/{n}/charts/benchmarks.svg?unit=allocs/op"),
            "no benchmark is measured in 'allocs/op'",
        ),
        (
            format!("/adr/{n}/charts/history.svg?option=Java"),
            "'Java' is neither an option",
        ),
        (
            format!("/adr/{n}/charts/history.svg?option=Go&benchmark=BenchmarkNope"),
            "has no benchmark 'BenchmarkNope'",
        ),
        ("/guide/charts/other.svg".to_owned(), "no chart 'other.svg'"),
    ] {
        let body = assert_error(
            app.get(&path).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        )
        .await;
        assert!(
            body["error"]["message"].as_str().unwrap().contains(needle),
            "{path}: {body}"
        );
    }
    for (query, field) in [
        ("w=100", "w"),
        ("h=5000", "h"),
        ("w=wide", "w"),
        ("theme=neon", "theme"),
        ("scale=ln", "scale"),
        ("top=0", "top"),
    ] {
        let body = assert_error(
            app.get(&format!("/adr/{n}/charts/benchmarks.svg?{query}"))
                .await,
            StatusCode::BAD_REQUEST,
            "bad_parameter",
            Some(field),
        )
        .await;
        assert!(
            body["error"]["message"].as_str().unwrap().contains(field),
            "{query}"
        );
    }
    let ignored = app
        .get(&format!(
            "/adr/{n}/charts/benchmarks.svg?utm_source=chat&w=300"
        ))
        .await;
    assert_eq!(ignored.status(), StatusCode::OK);
    // Any spelling of the ADR's number leads to the chart.
    let moved = app
        .get(&format!("/adr/ADR-000{n}/charts/benchmarks.svg?w=300"))
        .await;
    assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        moved.headers()["location"],
        format!("/adr/{n}/charts/benchmarks.svg?w=300")
    );
}

#[tokio::test]
async fn an_unchanged_chart_answers_304_and_a_change_gives_a_new_tag() {
    let app = spawn_app().await;
    let n = with_benchmarks(&app).await;
    let path = format!("/adr/{n}/charts/benchmarks.svg");
    let first = app.get(&path).await;
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let body = first.text().await.unwrap();
    let again = app.get(&path).await;
    assert_eq!(again.headers()["etag"], tag.as_str());
    assert_eq!(again.text().await.unwrap(), body, "the same bytes");
    let cached = app
        .client
        .get(app.url(&path))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(cached.headers()["etag"], tag.as_str());
    assert!(cached.bytes().await.unwrap().is_empty());
    // Another size is another picture.
    let small = app.get(&format!("{path}?w=400")).await;
    assert_ne!(small.headers()["etag"], tag.as_str());

    let mut tags = vec![tag.clone()];
    let mut expect_new = async |what: &str| {
        let now = app.get(&path).await.headers()["etag"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(!tags.contains(&now), "the tag did not change after {what}");
        tags.push(now);
    };
    attach(
        &app,
        n,
        "option=Rust&label=second",
        runs("BenchmarkParse-8", &[30.0; 5]),
    )
    .await;
    expect_new("new evidence").await;
    let mapped = app
        .client
        .put(app.url(&format!("/api/v1/adrs/{n}/benchmark-names")))
        .json(&json!({ "mappings": [{ "name": "BenchmarkParse-8", "same_as": "BenchmarkEncode-8" }] }))
        .send()
        .await
        .unwrap();
    assert!(
        mapped.status().is_success(),
        "{}",
        mapped.text().await.unwrap()
    );
    expect_new("a name mapping").await;
    let edited = app
        .client
        .patch(app.url(&format!("/api/v1/adrs/{n}")))
        .json(&json!({ "version": 1, "options": [{ "id": "go", "name": "Golang" }, { "id": "rust", "name": "Rust" }] }))
        .send()
        .await
        .unwrap();
    assert!(
        edited.status().is_success(),
        "{}",
        edited.text().await.unwrap()
    );
    expect_new("renaming an option").await;
    let evidence: serde_json::Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    let id = evidence["items"][0]["id"].as_i64().unwrap();
    let removed = app
        .client
        .delete(app.url(&format!("/api/v1/evidence/{id}")))
        .send()
        .await
        .unwrap();
    assert!(removed.status().is_success());
    expect_new("removing evidence").await;
}
