//! Starting a Tradeoff for one test and talking to it.

use reqwest::{Client, Response, StatusCode, redirect};
use serde_json::{Value, json};
use server::config::Config;
use server::startup::Application;
use sqlx::SqlitePool;
use tempfile::TempDir;

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub pool: SqlitePool,
    _dir: TempDir,
}

/// A server on a free port with a fresh database file.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A server on a free port with a fresh database file, configured by `configure`.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}/nested/tradeoff.db", dir.path().display());
    let mut config = Config::for_database(&url);
    configure(&mut config);
    let app = Application::build(&config)
        .await
        .expect("the application builds");
    let address = format!("http://{}", app.address());
    let pool = app.state().pool.clone();
    tokio::spawn(app.run_until(std::future::pending()));
    let client = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .expect("a client");
    TestApp {
        address,
        client,
        pool,
        _dir: dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// The JSON body of a GET.
    pub async fn get_json(&self, path: &str) -> Value {
        self.get(path).await.json().await.unwrap()
    }

    /// The text body of a GET (a page, raw evidence, CSV).
    pub async fn get_text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn patch_json(&self, path: &str, body: &Value) -> Response {
        self.client
            .patch(self.url(path))
            .json(body)
            .send()
            .await
            .expect("PATCH")
    }

    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        self.client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST form")
    }

    /// Creates an ADR through the API and returns its JSON.
    pub async fn create(&self, body: Value) -> Value {
        let response = self.post_json("/api/v1/adrs", &body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "create {body}");
        response.json().await.expect("JSON")
    }

    pub async fn create_titled(&self, title: &str) -> i64 {
        self.create(json!({ "title": title })).await["number"]
            .as_i64()
            .expect("number")
    }

    pub async fn set_status(&self, number: i64, status: &str) -> Response {
        self.post_json(
            &format!("/api/v1/adrs/{number}/status"),
            &json!({ "status": status }),
        )
        .await
    }

    /// Moves a draft to accepted.
    pub async fn accept(&self, number: i64) {
        for status in ["proposed", "accepted"] {
            assert_eq!(
                self.set_status(number, status).await.status(),
                StatusCode::OK
            );
        }
    }

    pub async fn adr(&self, number: i64) -> Value {
        self.get_json(&format!("/api/v1/adrs/{number}")).await
    }

    pub async fn count_adrs(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM adrs")
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }

    pub async fn count_revisions(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM adr_revisions")
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }
}

/// Asserts an API error: the status, the code, and the field when one is named.
pub async fn assert_error(
    response: Response,
    status: StatusCode,
    code: &str,
    field: Option<&str>,
) -> Value {
    assert_eq!(response.status(), status);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json")),
        "errors are JSON"
    );
    let body: Value = response.json().await.expect("JSON error body");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    if let Some(field) = field {
        assert_eq!(body["error"]["field"], field, "{body}");
    }
    body
}

/// Asserts a 422 `validation` error naming `field`.
pub async fn assert_invalid(response: Response, field: &str) -> Value {
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some(field),
    )
    .await
}
