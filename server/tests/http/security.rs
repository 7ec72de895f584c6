//! Hostile text and the security headers: stored markup stays text in the title, in every
//! textarea and in island props; every kind of response carries the headers; raw evidence
//! and CSV cannot turn into a page or a formula.

use crate::helpers::{TestApp, spawn_app};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::json;

const TITLE: &str = "x</title><script>window.pwned=1</script>";
const CONTEXT: &str = "</textarea><script>window.__xss=5</script>";
const OPTION: &str = "Go</script><!--<script>window.__xss=2</script>";

/// The value of `name` in `response`'s headers, or "" when it is missing.
fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Asserts the headers that every response carries, and returns its policy.
fn assert_common_headers(response: &reqwest::Response, what: &str) -> String {
    assert_eq!(
        header(response, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(
        header(response, "referrer-policy"),
        "strict-origin-when-cross-origin",
        "{what}"
    );
    let policy = header(response, "content-security-policy");
    for directive in ["object-src 'none'", "frame-ancestors 'none'"] {
        assert!(policy.contains(directive), "{what}: {policy}");
    }
    assert!(
        policy.contains("base-uri 'self'") || policy.contains("base-uri 'none'"),
        "{what}: {policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
    policy
}

/// What a browser would make of a page: its title, and every script element and event
/// handler attribute in it, read by a real HTML parser.
struct Parsed {
    document: Html,
}

impl Parsed {
    fn new(html: &str) -> Self {
        Parsed {
            document: Html::parse_document(html),
        }
    }

    fn text_of(&self, selector: &str) -> String {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.document
            .select(&selector)
            .next()
            .unwrap_or_else(|| panic!("no element matches {selector:?}"))
            .text()
            .collect()
    }

    /// The `nonce` of every `<script>` element (empty when it has none).
    fn script_nonces(&self) -> Vec<String> {
        let scripts = Selector::parse("script").unwrap();
        self.document
            .select(&scripts)
            .map(|s| s.value().attr("nonce").unwrap_or_default().to_owned())
            .collect()
    }

    /// Every element that carries an event handler attribute, or a URL that runs script.
    fn handlers(&self) -> Vec<String> {
        let all = Selector::parse("*").unwrap();
        let mut found = Vec::new();
        for element in self.document.select(&all) {
            for (name, value) in element.value().attrs() {
                let value = value.trim().to_ascii_lowercase();
                // A script URL runs only where a URL goes; as an input's value it is text.
                let url = matches!(
                    name,
                    "href" | "src" | "action" | "formaction" | "data" | "xlink:href" | "srcdoc"
                );
                if name.starts_with("on") || (url && value.starts_with("javascript:")) {
                    found.push(format!("<{} {name}={value:?}>", element.value().name()));
                }
            }
            if matches!(
                element.value().name(),
                "iframe" | "object" | "embed" | "base"
            ) {
                found.push(format!("<{}>", element.value().name()));
            }
        }
        found
    }
}

async fn hostile_adr(app: &TestApp) -> i64 {
    app.create(json!({
        "title": TITLE,
        "context": CONTEXT,
        "options": [{ "name": OPTION, "description": CONTEXT }, { "name": "Rust" }],
        "chosen_option": OPTION,
        "tags": ["</textarea><b>tag"],
    }))
    .await["number"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn hostile_text_never_becomes_markup_on_any_page() {
    let app = spawn_app().await;
    let n = hostile_adr(&app).await;
    let page = header(&app.get(&format!("/adr/{n}")).await, "location");
    let parsed = Parsed::new(&app.get_text(&page).await);
    assert!(
        parsed.text_of("title").contains(TITLE),
        "the tab reads the title as typed"
    );
    assert_eq!(parsed.text_of("h1"), TITLE);
    for path in [
        page,
        format!("/adr/{n}/edit"),
        format!("/adr/{n}/history"),
        format!("/adr/{n}/v/1"),
        format!("/adr/{n}/assess"),
        "/".to_owned(),
        "/?q=window".to_owned(),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let parsed = Parsed::new(&response.text().await.unwrap());
        assert_eq!(parsed.handlers(), Vec::<String>::new(), "{path}");
        for nonce in parsed.script_nonces() {
            assert!(!nonce.is_empty(), "{path} has a script without the nonce");
        }
    }
}

#[tokio::test]
async fn hostile_imported_files_stay_inert_on_every_page() {
    let app = spawn_app().await;
    let name = "0001-<img src=x onerror=alert(1)>.md";
    let text = format!(
        "---\nstatus: accepted\ntags: [\"</textarea><b>tag\"]\ntickets: [\"javascript:alert(1)\"]\n---\n# {TITLE}\n\n## Context and Problem Statement\n\n{CONTEXT}\n\n## Considered Options\n\n* {OPTION}\n\n## Decision Outcome\n\nChosen option: \"{OPTION}\"\n\n## More Information\n\n[click](javascript:alert(1)) ![x](x.png\" onerror=\"alert(1))\n"
    );
    let form = reqwest::multipart::Form::new().part(
        "files",
        reqwest::multipart::Part::bytes(text.into_bytes()).file_name(name),
    );
    let response = app
        .client
        .post(app.url("/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let report = Parsed::new(&response.text().await.unwrap());
    assert_eq!(report.handlers(), Vec::<String>::new(), "the report");
    let n = 1;
    let page = header(&app.get(&format!("/adr/{n}")).await, "location");
    for path in [
        page,
        format!("/adr/{n}/edit"),
        format!("/adr/{n}/history"),
        format!("/adr/{n}/v/1"),
        format!("/adr/{n}/assess"),
        "/".to_owned(),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = response.text().await.unwrap();
        let parsed = Parsed::new(&html);
        assert_eq!(parsed.handlers(), Vec::<String>::new(), "{path}");
        assert!(!html.contains("href=\"javascript:"), "{path}");
        for nonce in parsed.script_nonces() {
            assert!(!nonce.is_empty(), "{path} has a script without the nonce");
        }
    }
    // The export hands the text back as it came, as text.
    let md = app.get(&format!("/adr/{n}/export.md")).await;
    assert_eq!(md.headers()["content-type"], "text/markdown; charset=utf-8");
}

#[tokio::test]
async fn textareas_hold_stored_markup_as_text() {
    let app = spawn_app().await;
    let n = hostile_adr(&app).await;
    let page = Parsed::new(&app.get_text(&format!("/adr/{n}/edit")).await);
    assert_eq!(page.text_of("textarea[name=context]"), CONTEXT);
    assert_eq!(
        page.text_of("textarea[name='option.0.description']"),
        CONTEXT
    );
    assert!(page.script_nonces().iter().all(|n| !n.is_empty()));
    // Island props travel in an attribute: the option name cannot end a script or open a
    // comment there, and reads back whole.
    let island = Selector::parse("leptos-island[data-props]").unwrap();
    let props = page
        .document
        .select(&island)
        .next()
        .expect("the editor island has props")
        .value()
        .attr("data-props")
        .unwrap()
        .to_owned();
    let props: serde_json::Value = serde_json::from_str(&props).unwrap();
    assert!(
        props.to_string().contains("Go</script><!--<script>"),
        "{props}"
    );

    // The refused no-JavaScript form echoes the user's text back, escaped the same way, with
    // a first line feed and carriage returns kept (stored text is trimmed; an echo is not).
    let echoed = "\n</textarea><img src=x onerror=window.__xss=7>\r\n<second> & third";
    let response = app
        .post_form(
            &format!("/adr/{n}/edit"),
            &[("version", "1"), ("title", "   "), ("context", echoed)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Parsed::new(&response.text().await.unwrap());
    assert_eq!(page.text_of("textarea[name=context]"), echoed);
    assert_eq!(page.handlers(), Vec::<String>::new());
}

#[tokio::test]
async fn pages_allow_only_the_scripts_that_carry_their_nonce() {
    let app = spawn_app().await;
    let n = hostile_adr(&app).await;
    for path in [format!("/adr/{n}/edit"), "/adr/new".to_owned()] {
        let response = app.get(&path).await;
        let policy = assert_common_headers(&response, &path);
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("the page's policy names a nonce")
            .to_owned();
        assert!(nonce.len() >= 16, "{policy}");
        let nonces = Parsed::new(&response.text().await.unwrap()).script_nonces();
        assert!(!nonces.is_empty(), "{path} hydrates islands");
        assert!(nonces.iter().all(|n| *n == nonce), "{path}: {nonces:?}");
        // A fresh nonce for every response.
        let again = header(&app.get(&path).await, "content-security-policy");
        assert!(!again.contains(&nonce), "{path} reused its nonce");
    }
    // Reading pages carry the same policy; their only scripts are Leptos' inline resource
    // markers, which carry the nonce too.
    let location = header(&app.get(&format!("/adr/{n}")).await, "location");
    let response = app.get(&location).await;
    let policy = assert_common_headers(&response, &location);
    let page = Parsed::new(&response.text().await.unwrap());
    for nonce in page.script_nonces() {
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
    }
}

#[tokio::test]
async fn every_kind_of_response_carries_the_headers() {
    let app = spawn_app().await;
    let n = hostile_adr(&app).await;
    let pages = [
        ("/".to_owned(), StatusCode::OK),
        ("/guide".to_owned(), StatusCode::OK),
        ("/matrices".to_owned(), StatusCode::OK),
        ("/adr/999".to_owned(), StatusCode::NOT_FOUND),
        ("/no/such/page".to_owned(), StatusCode::NOT_FOUND),
        ("/favicon.svg".to_owned(), StatusCode::NOT_FOUND),
    ];
    let api = [
        (format!("/api/v1/adrs/{n}"), StatusCode::OK),
        ("/api/v1/adrs/999".to_owned(), StatusCode::NOT_FOUND),
        ("/api/v1/nothing".to_owned(), StatusCode::NOT_FOUND),
        ("/api/v1/openapi.json".to_owned(), StatusCode::OK),
        ("/healthz".to_owned(), StatusCode::OK),
    ];
    for (path, status) in pages.iter().chain(api.iter()) {
        let response = app.get(path).await;
        assert_eq!(response.status(), *status, "{path}");
        let policy = assert_common_headers(&response, path);
        let is_page = header(&response, "content-type").starts_with("text/html");
        if is_page {
            assert!(policy.contains("'nonce-"), "{path}: {policy}");
        } else {
            assert!(policy.starts_with("default-src 'none'"), "{path}: {policy}");
        }
    }
    // Refusals too: a JSON error and a form post that is not a form.
    let response = app
        .post_raw("/api/v1/adrs", "application/json", "{not json")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_common_headers(&response, "invalid JSON");
    let response = app
        .post_raw(&format!("/adr/{n}/edit"), "text/plain", "title=x")
        .await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_common_headers(&response, "a form post that is not a form");
}

#[tokio::test]
async fn raw_evidence_downloads_as_plain_text_and_csv_cells_are_not_formulas() {
    let app = spawn_app().await;
    let n = hostile_adr(&app).await;
    let attach = |option: &'static str, body: &'static str| {
        let url = app.url(&format!(
            "/api/v1/adrs/{n}/evidence?option={option}&label=%3Cscript%3E&format=gobench"
        ));
        let client = app.client.clone();
        async move {
            let response = client
                .post(url)
                .header("content-type", "text/plain")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<serde_json::Value>().await.unwrap()["id"]
                .as_i64()
                .unwrap()
        }
    };
    // Units are the one text a Go benchmark line may start any way it likes.
    let base = "<html><script>window.__xss=9</script></html>\n\
        BenchmarkX 1 5 =HYPERLINK(\"http://evil\")\n\
        BenchmarkX 1 6 =HYPERLINK(\"http://evil\")\n\
        BenchmarkX 1 5 =HYPERLINK(\"http://evil\")\n";
    let id = attach("Rust", base).await;
    attach("Go", base).await;

    let response = app.get(&format!("/api/v1/evidence/{id}/raw")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "content-type"),
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        header(&response, "content-disposition"),
        format!("attachment; filename=\"evidence-{id}.txt\"")
    );
    assert_common_headers(&response, "raw evidence");
    assert_eq!(response.text().await.unwrap(), base);

    let response = app
        .get(&format!(
            "/api/v1/adrs/{n}/comparison?base=Rust&new=Go&format=csv"
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "content-disposition"),
        format!("attachment; filename=\"adr-{n:04}-comparison.csv\"")
    );
    let csv = response.text().await.unwrap();
    let row = csv.lines().nth(1).expect("a row");
    assert!(
        row.starts_with("BenchmarkX,\"'=HYPERLINK(\"\"http://evil\"\")\",3,5,"),
        "{csv}"
    );
}
