//! Evidence through the API: attaching every format, refusals, comparison, metrics.

use crate::helpers::{TestApp, assert_error, assert_invalid, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../app/tests/fixtures/benchstat"
);

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

async fn adr_with_options(app: &TestApp) -> i64 {
    app.create(json!({ "title": "Parser engine", "options": [{ "name": "Go" }, { "name": "Rust" }], "chosen_option": "Rust" }))
        .await["number"]
        .as_i64()
        .unwrap()
}

async fn attach_multipart(
    app: &TestApp,
    n: i64,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/adrs/{n}/evidence")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn attach(
    app: &TestApp,
    n: i64,
    query: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/adrs/{n}/evidence?{query}")))
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn go_benchmarks_attach_with_a_full_parse_report() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let response = attach(
        &app,
        n,
        "option=Go&label=laptop%20run&format=auto",
        fixture("old.txt"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["format"], "gobench");
    assert_eq!(body["detected"], true);
    assert_eq!(body["option"], "Go");
    assert_eq!(body["option_id"], "go");
    assert_eq!(body["label"], "laptop run");
    assert_eq!(body["lines_read"], 56);
    assert_eq!(body["kind"], "benchmarks");
    // A summary, not every sample: those are at the evidence's own URL.
    assert_eq!(body.get("results"), None, "{body}");
    assert_eq!(
        (&body["names"], &body["series"], &body["samples"]),
        (&json!(5), &json!(16), &json!(160)),
        "{body}"
    );
    assert_eq!(body["units"], json!(["B/op", "MB/s", "allocs/op", "ns/op"]));
    assert_eq!(
        body["skipped"].as_array().unwrap().len(),
        2,
        "PASS and ok lines: {}",
        body["skipped"]
    );
    let id = body["id"].as_i64().unwrap();

    let raw = app.get_text(&format!("/api/v1/evidence/{id}/raw")).await;
    assert_eq!(raw, fixture("old.txt"), "the original bytes, unchanged");
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(listed["total"], 1);
    let one: Value = app.get_json(&format!("/api/v1/evidence/{id}")).await;
    assert_eq!(one["format"], "gobench");
    assert_eq!(one["results"][0]["name"], "BenchmarkParse-8");
    assert_eq!(
        one["results"][0]["parts"],
        json!({ "base": "Parse", "gomaxprocs": 8 })
    );
    assert_eq!(one["results"][0]["samples"].as_array().unwrap().len(), 10);

    let deleted = app
        .client
        .delete(app.url(&format!("/api/v1/evidence/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(listed["total"], 0);
    let kept: Value = app.get_json(&format!("/api/v1/evidence/{id}")).await;
    assert!(
        kept["deleted_at"].is_string(),
        "removed evidence stays in history"
    );
}

#[tokio::test]
async fn an_unknown_option_becomes_a_new_option_and_renames_keep_evidence() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let response = attach(&app, n, "option=Zig", "BenchmarkX 10 5 ns/op\n").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (body["option_id"].as_str(), body["created_option"].as_bool()),
        (Some("zig"), Some(true))
    );
    let adr = app.adr(n).await;
    assert_eq!(adr["options"][2]["name"], "Zig");
    let mut options = adr["options"].clone();
    options[2]["name"] = json!("Zig 0.14");
    app.patch_json(
        &format!("/api/v1/adrs/{n}"),
        &json!({ "version": adr["version"], "options": options }),
    )
    .await;
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(
        listed["items"][0]["option"], "Zig 0.14",
        "evidence follows the option's id"
    );
    let baseline = attach(&app, n, "option=baseline", "BenchmarkX 10 6 ns/op\n").await;
    assert_eq!(
        baseline.json::<Value>().await.unwrap()["option_id"],
        Value::Null
    );

    // Removing the option from the ADR does not hide its evidence from the page.
    let adr = app.adr(n).await;
    let options = json!([adr["options"][0].clone(), adr["options"][1].clone()]);
    app.patch_json(
        &format!("/api/v1/adrs/{n}"),
        &json!({ "version": adr["version"], "options": options }),
    )
    .await;
    let page = app.get_text(&format!("/adr/{n}-parser-engine")).await;
    assert!(
        page.contains("zig (option no longer in the ADR)"),
        "the removed option's evidence is still shown: {}",
        &page[page.find("data-side=\"zig\"").unwrap_or(0)..][..300]
    );
}

#[tokio::test]
async fn every_format_is_read() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let cases = [
        (
            "bencher",
            "test parse ... bench:       1,234 ns/iter (+/- 56)\n",
            "benchmarks",
        ),
        (
            "criterion-json",
            "{\"reason\":\"benchmark-complete\",\"id\":\"parse/json\",\"iteration_count\":[10],\"measured_values\":[1000.0],\"unit\":\"ns\"}\n",
            "benchmarks",
        ),
        (
            "hyperfine-json",
            "{\"results\":[{\"command\":\"./parse\",\"times\":[0.1,0.11]}]}",
            "benchmarks",
        ),
        ("prometheus", "# TYPE up gauge\nup 1\n", "metrics"),
        ("openmetrics", "# TYPE up gauge\nup 1\n# EOF\n", "metrics"),
    ];
    for (format, text, kind) in cases {
        for declared in [format, "auto"] {
            let response = attach(&app, n, &format!("option=Go&format={declared}"), text).await;
            assert_eq!(
                response.status(),
                StatusCode::CREATED,
                "{format} as {declared}"
            );
            let body: Value = response.json().await.unwrap();
            assert_eq!(
                (body["format"].as_str(), body["kind"].as_str()),
                (Some(format), Some(kind)),
                "{declared}"
            );
        }
    }
}

#[tokio::test]
async fn bad_evidence_is_refused_with_the_lines_and_nothing_is_stored() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let response = attach(
        &app,
        n,
        "option=Go&format=gobench",
        "BenchmarkA 10 5 ns/op\nBenchmarkB many 5 ns/op\nBenchmarkC 10 x ns/op\n",
    )
    .await;
    let body = assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "parse_error",
        None,
    )
    .await;
    assert_eq!(
        (
            body["error"]["line"].as_i64(),
            body["error"]["column"].as_i64()
        ),
        (Some(2), Some(12))
    );
    let errors = body["error"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[1]["line"], 3);
    assert!(
        errors[1]["reason"]
            .as_str()
            .unwrap()
            .contains("not a measurement")
    );

    let response = attach(&app, n, "option=Go&format=openmetrics", "up 1\n").await;
    let body = assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "parse_error",
        None,
    )
    .await;
    assert_eq!(body["error"]["line"], 2, "the missing # EOF");
    let response = attach(
        &app,
        n,
        "option=Go&format=gobench",
        "PASS\nok  example.com 1s\n",
    )
    .await;
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_results",
        None,
    )
    .await;
    // Undeclared, text with nothing to read holds no result: a -bench pattern that
    // matched nothing, an empty body, prose.
    for text in ["PASS\nok  example.com 1s\n", "", "nothing recognisable\n"] {
        let response = attach(&app, n, "option=Go", text).await;
        assert_error(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_results",
            None,
        )
        .await;
    }
    assert_invalid(
        attach(&app, n, "option=Go&format=csv", "a,b").await,
        "format",
    )
    .await;
    assert_invalid(
        attach(&app, n, "format=gobench", "BenchmarkX 1 1 ns/op").await,
        "option",
    )
    .await;
    // Under the default limit of 64 MiB, 10 MiB of text is read (and here holds nothing).
    let big = vec![b'#'; 10 * 1024 * 1024 + 1];
    assert_error(
        attach(&app, n, "option=Go", big).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_results",
        None,
    )
    .await;
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(listed["total"], 0);
    assert_eq!(
        app.adr(n).await["options"].as_array().unwrap().len(),
        2,
        "no option was created"
    );
}

#[tokio::test]
async fn multipart_uploads_are_read() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let form = reqwest::multipart::Form::new()
        .text("option", "Rust")
        .text("label", "ci box")
        .part(
            "file",
            reqwest::multipart::Part::bytes(fixture("new.txt").into_bytes()).file_name("new.txt"),
        );
    let response = attach_multipart(&app, n, form).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (body["option"].as_str(), body["label"].as_str()),
        (Some("Rust"), Some("ci box"))
    );
}

#[tokio::test]
async fn the_comparison_equals_benchstat_and_comes_as_json_text_and_csv() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    attach(&app, n, "option=Go", fixture("old.txt")).await;
    attach(&app, n, "option=Rust", fixture("new.txt")).await;
    let report: Value = app
        .get_json(&format!("/api/v1/adrs/{n}/comparison?base=Go&new=Rust"))
        .await;
    assert_eq!(
        (
            report["base"].as_str(),
            report["new"].as_str(),
            report["alpha"].as_f64()
        ),
        (Some("Go"), Some("Rust"), Some(0.05))
    );
    let first = &report["rows"][0];
    assert_eq!(
        (first["benchmark"].as_str(), first["unit"].as_str()),
        (Some("BenchmarkParse-8"), Some("ns/op"))
    );
    assert_eq!(
        (first["n_base"].as_i64(), first["n_new"].as_i64()),
        (Some(10), Some(10))
    );
    assert_eq!(
        format!("{:+.2}", first["delta_percent"].as_f64().unwrap()),
        "-16.56"
    );
    assert_eq!(first["significant"], true);
    assert_eq!(first["ci_base"].as_array().unwrap().len(), 2);
    assert_eq!(
        format!("{:.3}", first["p_value"].as_f64().unwrap()),
        "0.000"
    );
    assert_eq!(
        format!(
            "{:+.2}",
            report["geomean"][0]["delta_percent"].as_f64().unwrap()
        ),
        "-3.14"
    );
    // Both medians zero (Escape-8 allocates nothing on either side): no percentage, as
    // benchstat computes it, and "~" in its text.
    let escape = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["benchmark"] == "BenchmarkEscape-8" && r["unit"] == "B/op")
        .expect("the Escape-8 B/op row");
    assert_eq!(escape["median_base"], 0.0);
    assert_eq!(escape["delta_percent"], Value::Null);
    let text = app
        .get_text(&format!(
            "/api/v1/adrs/{n}/comparison?base=Go&new=Rust&format=text"
        ))
        .await;
    assert!(
        text.contains("Parse-8")
            && text.contains("1.200µ ± 2%")
            && text.contains("-16.56% (p=0.000 n=10)"),
        "{text}"
    );
    assert!(text.contains("~ (p=0.063 n=10)"));
    let csv = app
        .get_text(&format!(
            "/api/v1/adrs/{n}/comparison?base=Go&new=Rust&format=csv"
        ))
        .await;
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("BenchmarkParse-8,ns/op,10,")
    );
    // A stricter alpha changes what is significant.
    let strict: Value = app
        .get_json(&format!(
            "/api/v1/adrs/{n}/comparison?base=Go&new=Rust&alpha=0.001"
        ))
        .await;
    let json_row = strict["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["benchmark"] == "BenchmarkParse/json-8" && r["unit"] == "ns/op")
        .unwrap();
    assert_eq!(json_row["significant"], false);
    assert_invalid(
        app.get(&format!("/api/v1/adrs/{n}/comparison?base=Java"))
            .await,
        "base",
    )
    .await;
    assert_invalid(
        app.get(&format!("/api/v1/adrs/{n}/comparison?alpha=2"))
            .await,
        "alpha",
    )
    .await;
}

#[tokio::test]
async fn names_map_across_tools() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    attach(&app, n, "option=Go", "BenchmarkParse-8 10 1000 ns/op\nBenchmarkParse-8 10 1010 ns/op\nBenchmarkParse-8 10 990 ns/op\nBenchmarkParse-8 10 1005 ns/op\n").await;
    attach(
        &app,
        n,
        "option=Rust",
        "{\"reason\":\"benchmark-complete\",\"id\":\"parse/json\",\"iteration_count\":[1,1,1,1],\"measured_values\":[500.0,510.0,490.0,505.0],\"unit\":\"ns\"}\n",
    )
    .await;
    let before: Value = app.get_json(&format!("/api/v1/adrs/{n}/comparison")).await;
    assert_eq!(before["rows"].as_array().unwrap().len(), 2);
    let put = app
        .client
        .put(app.url(&format!("/api/v1/adrs/{n}/benchmark-names")))
        .json(&json!({ "mappings": [{ "name": "parse/json", "same_as": "BenchmarkParse-8" }] }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::OK);
    let after: Value = app.get_json(&format!("/api/v1/adrs/{n}/comparison")).await;
    let rows = after["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["median_new"], 502.5);
}

#[tokio::test]
async fn metrics_get_quantiles_and_rule_verdicts() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let scrape = "# TYPE go_goroutines gauge\ngo_goroutines 120\n# TYPE go_gc_duration_seconds summary\ngo_gc_duration_seconds{quantile=\"0.5\"} 0.0001\ngo_gc_duration_seconds{quantile=\"1\"} 0.002\ngo_gc_duration_seconds_sum 1\ngo_gc_duration_seconds_count 10\n# TYPE http_request_duration_seconds histogram\nhttp_request_duration_seconds_bucket{le=\"0.1\"} 90\nhttp_request_duration_seconds_bucket{le=\"1\"} 100\nhttp_request_duration_seconds_bucket{le=\"+Inf\"} 100\nhttp_request_duration_seconds_sum 5\nhttp_request_duration_seconds_count 100\n";
    let body: Value = attach(&app, n, "option=Go", scrape)
        .await
        .json()
        .await
        .unwrap();
    let id = body["id"].as_i64().unwrap();
    let qs: Value = app
        .get_json(&format!("/api/v1/evidence/{id}/quantiles?q=0.5,0.99"))
        .await;
    assert_eq!(qs[0]["metric"], "http_request_duration_seconds");
    assert!((qs[0]["value"].as_f64().unwrap() - 0.05555555555555556).abs() < 1e-12);
    assert!((qs[1]["value"].as_f64().unwrap() - 0.91).abs() < 1e-9);
    let empty: Value = attach(&app, n, "option=Rust", "# TYPE http_request_duration_seconds histogram\nhttp_request_duration_seconds_bucket{le=\"1\"} 0\nhttp_request_duration_seconds_bucket{le=\"+Inf\"} 0\n").await.json().await.unwrap();
    let qs: Value = app
        .get_json(&format!("/api/v1/evidence/{}/quantiles?q=0.5", empty["id"]))
        .await;
    assert_eq!(qs[0]["value"], "NaN", "no observations: NaN as text");

    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/metrics")).await;
    let go = &report["options"][0];
    assert_eq!(go["option"], "Go");
    assert_eq!(
        go["verdicts"][0],
        json!({ "verdict": "pass", "value": 120.0 })
    );
    assert_eq!(go["verdicts"][1]["verdict"], "not_evaluable");
    assert!(
        go["verdicts"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("without a 0.99 quantile")
    );
    assert_eq!(
        go["verdicts"][3]["verdict"], "fail",
        "p99 0.91 s is over 500 ms"
    );
    let put = app
        .client
        .put(app.url(&format!("/api/v1/adrs/{n}/metric-rules")))
        .json(&json!({ "rules": [{ "id": "p50", "metric": "http_request_duration_seconds", "measure": { "kind": "quantile", "quantile": 0.5 }, "aggregation": "sum", "comparison": ">", "threshold": 0.2, "description": "median under 200 ms" }] }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::OK);
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/metrics")).await;
    assert_eq!(report["rules"].as_array().unwrap().len(), 5);
    assert_eq!(report["options"][0]["verdicts"][4]["verdict"], "pass");
    assert_eq!(
        report["deltas"].as_array().unwrap().len(),
        5,
        "two snapshots compare"
    );
}

#[tokio::test]
async fn the_adr_page_shows_evidence_and_its_forms_work_without_javascript() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let form = reqwest::multipart::Form::new()
        .text("option", "Go")
        .text("label", "laptop")
        .text("format", "auto")
        .text("text", fixture("old.txt"));
    let response = app
        .client
        .post(app.url(&format!("/adr/{n}/evidence")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .contains("#evidence-")
    );
    let form = reqwest::multipart::Form::new().text("option", "Rust").part(
        "file",
        reqwest::multipart::Part::bytes(fixture("new.txt").into_bytes()).file_name("new.txt"),
    );
    app.client
        .post(app.url(&format!("/adr/{n}/evidence")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let page = app
        .get_text(&format!("/adr/{n}-parser-engine?base=Go&new=Rust"))
        .await;
    assert!(page.contains("data-testid=\"comparison\""));
    assert!(
        page.contains("BenchmarkParse-8") && page.contains("-16.56%"),
        "significant change shown"
    );
    assert!(page.contains(">~<"), "insignificant change shown as ~");
    assert!(page.contains("class=\"significant better\""));
    assert!(page.contains("/api/v1/evidence/1/raw"));

    // A refused paste comes back with the text and the line at fault.
    let form = reqwest::multipart::Form::new()
        .text("option", "Go")
        .text("format", "gobench")
        .text("text", "BenchmarkX 10 five ns/op\n");
    let response = app
        .client
        .post(app.url(&format!("/adr/{n}/evidence")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("line 1, column 15"),
        "the line and column are named"
    );
    assert!(
        page.contains("BenchmarkX 10 five ns/op"),
        "the pasted text is kept"
    );

    // Justifications cite evidence, which then shows beside them.
    let version = app.adr(n).await["version"].clone();
    app.patch_json(
        &format!("/api/v1/adrs/{n}"),
        &json!({ "version": version, "justification": "Rust parses 16% faster (evidence #2)." }),
    )
    .await;
    let page = app.get_text(&format!("/adr/{n}-parser-engine")).await;
    assert!(page.contains("data-testid=\"cited-evidence\""));
    assert!(page.contains("evidence #2</a>"));

    let response = app
        .client
        .post(app.url(&format!("/adr/{n}/evidence/1/delete")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(listed["total"], 1);
    let response = app
        .post_form(
            &format!("/adr/{n}/benchmark-names"),
            &[("mappings", "parse/json = BenchmarkParse-8")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let names: Value = app
        .get_json(&format!("/api/v1/adrs/{n}/benchmark-names"))
        .await;
    assert_eq!(names["mappings"][0]["same_as"], "BenchmarkParse-8");
}

#[tokio::test]
async fn metric_rules_are_added_and_removed_from_the_page_without_javascript() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    attach(
        &app,
        n,
        "option=Go",
        "# TYPE queue_depth gauge\nqueue_depth{queue=\"a\"} 7\nqueue_depth{queue=\"b\"} 3\n",
    )
    .await;
    let response = app
        .post_form(
            &format!("/adr/{n}/metric-rules"),
            &[
                ("metric", "queue_depth"),
                ("matcher", "queue=a"),
                ("measure", "value"),
                ("aggregation", "max"),
                ("comparison", ">"),
                ("threshold", "5"),
                ("description", "queue a stays short"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/metrics")).await;
    let rules = report["rules"].as_array().unwrap();
    let added = rules.last().unwrap();
    assert_eq!(added["description"], "queue a stays short");
    assert_eq!(added["source"], "adr");
    let last = rules.len() - 1;
    assert_eq!(
        report["options"][0]["verdicts"][last],
        json!({ "verdict": "fail", "value": 7.0 }),
        "only queue a counts, and 7 is over 5"
    );
    let page = app.get_text(&format!("/adr/{n}-parser-engine")).await;
    assert!(page.contains("queue a stays short"));
    assert!(page.contains(&format!("/adr/{n}/metric-rules/rule-1/delete")));

    // A bad threshold is refused on the page, and no rule is stored.
    let response = app
        .post_form(
            &format!("/adr/{n}/metric-rules"),
            &[("metric", "queue_depth"), ("threshold", "lots")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("'lots' is not a number")
    );
    let settings: Value = app.get_json(&format!("/api/v1/adrs/{n}/metrics")).await;
    assert_eq!(settings["rules"].as_array().unwrap().len(), rules.len());

    let response = app
        .post_form(&format!("/adr/{n}/metric-rules/rule-1/delete"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let report: Value = app.get_json(&format!("/api/v1/adrs/{n}/metrics")).await;
    assert_eq!(report["rules"].as_array().unwrap().len(), rules.len() - 1);
}

#[tokio::test]
async fn unusable_rules_are_refused_with_the_field() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let put = app
        .client
        .put(app.url(&format!("/api/v1/adrs/{n}/metric-rules")))
        .json(&json!({ "rules": [{ "id": "p999", "metric": "http_request_duration_seconds", "measure": { "kind": "quantile", "quantile": 99.9 }, "aggregation": "sum", "comparison": ">", "threshold": 0.2, "description": "p99.9 written as a percentage" }] }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = put.json().await.unwrap();
    assert_eq!(body["error"]["field"], "rules[0].measure.quantile");
    let rules: Value = app
        .get_json(&format!("/api/v1/adrs/{n}/metric-rules"))
        .await;
    assert_eq!(rules["rules"], json!([]), "nothing is stored");
}

#[tokio::test]
async fn a_flood_of_skipped_lines_is_reported_compactly() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let junk = "PASS\nok  \texample.com/x\t1.0s\n".repeat(100_000) + "BenchmarkX 10 5 ns/op\n";
    let response = attach(&app, n, "option=Go&format=gobench", junk).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let skipped = body["skipped"].as_array().unwrap();
    assert_eq!(
        skipped.len(),
        1_001,
        "1,000 entries and one counting the rest"
    );
    assert_eq!(skipped[1_000]["line"], 1_001);
    assert_eq!(skipped[1_000]["last_line"], 200_000);
    assert!(
        skipped[1_000]["reason"]
            .as_str()
            .unwrap()
            .starts_with("199000 more skipped lines")
    );
}

#[tokio::test]
async fn attaches_at_once_to_one_new_option_all_land_on_it() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let one = |i: u32| attach(&app, n, "option=Zig", format!("BenchmarkX 10 {i} ns/op\n"));
    let responses = tokio::join!(one(1), one(2), one(3), one(4), one(5), one(6));
    for response in [
        responses.0,
        responses.1,
        responses.2,
        responses.3,
        responses.4,
        responses.5,
    ] {
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let adr = app.adr(n).await;
    let names: Vec<&str> = adr["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Go", "Rust", "Zig"],
        "one new option, not one per attach"
    );
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(listed["total"], 6);
}

#[tokio::test]
async fn evidence_is_numbered_within_its_adr_and_cited_by_either_number() {
    let app = spawn_app().await;
    let first = adr_with_options(&app).await;
    let second = adr_with_options(&app).await;
    for _ in 0..2 {
        let response = attach(&app, first, "option=Go", fixture("old.txt")).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let response = attach(&app, second, "option=Rust", fixture("new.txt")).await;
    let attached: Value = response.json().await.unwrap();
    assert_eq!(
        (attached["id"].as_i64(), attached["number"].as_i64()),
        (Some(3), Some(1))
    );
    let listed = app
        .get_json(&format!("/api/v1/adrs/{second}/evidence"))
        .await;
    assert_eq!(listed["items"][0]["id"], 3, "{listed}");
    assert_eq!(listed["items"][0]["number"], 1, "{listed}");

    let version = app.adr(second).await["version"].clone();
    app.patch_json(
        &format!("/api/v1/adrs/{second}"),
        &json!({ "version": version, "justification": "See evidence #1, evidence #3 and evidence #9." }),
    )
    .await;
    let page = app.get_text(&format!("/adr/{second}-parser-engine")).await;
    assert!(
        page.contains("<summary>evidence #1 "),
        "the page numbers it within the ADR"
    );
    let cited = &page[page
        .find("data-testid=\"cited-evidence\"")
        .expect("cited evidence")..];
    let cited = &cited[..cited.find("</aside>").unwrap()];
    assert_eq!(cited.matches("href=\"#evidence-3\"").count(), 2, "{cited}");
    assert!(cited.contains("evidence #1</a>"), "{cited}");
    assert!(cited.contains("evidence #3</a>"), "{cited}");
    assert!(cited.contains("<span>evidence #9</span>"), "{cited}");
    assert_eq!(
        cited.matches("is not attached to this ADR").count(),
        1,
        "{cited}"
    );
}

#[tokio::test]
async fn falling_bucket_counts_attach_with_a_warning() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let scrape = "# TYPE rpc_seconds histogram\nrpc_seconds_bucket{le=\"5\"} 30\nrpc_seconds_bucket{le=\"15\"} 28\nrpc_seconds_bucket{le=\"+Inf\"} 40\nrpc_seconds_sum 300\nrpc_seconds_count 40\n";
    let response = attach(&app, n, "option=Go&format=prometheus", scrape).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["warnings"][0]["line"], 3, "{report}");
    assert!(
        report["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("28 at le=15 is below 30"),
        "{report}"
    );
    let id = report["id"].as_i64().unwrap();
    let quantiles = app
        .get_json(&format!("/api/v1/evidence/{id}/quantiles?q=0.5"))
        .await;
    assert!(quantiles.to_string().contains("3.33"), "{quantiles}");
}

#[tokio::test]
async fn evidence_over_the_configured_limit_is_413_by_body_and_by_form() {
    let app = spawn_app_with(|config| config.evidence_limit = 1024 * 1024).await;
    let n = adr_with_options(&app).await;
    let line = "BenchmarkX 1 5 ns/op\n";
    let fits = line.repeat(1024 * 1024 / line.len());
    let response = attach(&app, n, "option=Go&format=gobench", fits).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let over = vec![b'#'; 1024 * 1024 + 1];
    let body = assert_error(
        attach(&app, n, "option=Go", over.clone()).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        None,
    )
    .await;
    assert_eq!(
        body["error"]["message"],
        "evidence is limited to 1048576 bytes (1.000 MiB)"
    );
    let part = reqwest::multipart::Part::bytes(over).file_name("big.txt");
    let form = reqwest::multipart::Form::new()
        .text("option", "Go")
        .part("file", part);
    let response = attach_multipart(&app, n, form).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let listed: Value = app.get_json(&format!("/api/v1/adrs/{n}/evidence")).await;
    assert_eq!(listed["total"], 1, "nothing over the limit was stored");
}

#[tokio::test]
async fn evidence_is_stored_packed_and_rows_stored_as_json_still_read() {
    let app = spawn_app().await;
    let n = adr_with_options(&app).await;
    let text = fixture("old.txt");
    let body: Value = attach(&app, n, "option=Go", text.clone())
        .await
        .json()
        .await
        .unwrap();
    let id = body["id"].as_i64().unwrap();
    let before: Value = app.get_json(&format!("/api/v1/evidence/{id}")).await;
    let (json, packed): (String, Vec<u8>) =
        sqlx::query_as("SELECT parsed, packed FROM evidence WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(json.is_empty() && packed.starts_with(b"TRP1"));
    // A row as releases before stored it: JSON, nothing packed.
    let mut parsed = before.clone();
    for key in [
        "id",
        "adr_number",
        "number",
        "option_id",
        "label",
        "created_at",
        "created_by",
        "option",
        "raw_url",
    ] {
        parsed.as_object_mut().unwrap().remove(key);
    }
    let old = serde_json::to_string(&parsed).unwrap();
    assert!(
        packed.len() < old.len() / 2,
        "{} packed bytes for {} of JSON",
        packed.len(),
        old.len()
    );
    sqlx::query("UPDATE evidence SET parsed = ?, packed = NULL WHERE id = ?")
        .bind(&old)
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let after: Value = app.get_json(&format!("/api/v1/evidence/{id}")).await;
    assert_eq!(after, before);
}
