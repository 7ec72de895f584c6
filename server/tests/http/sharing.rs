//! An ADR outside Tradeoff: ticket references as links through their templates, the way
//! back from a ticket (`/t?ref=`, the tickets API), the link preview that chat tools unfurl,
//! the status badge, and the text the copy buttons hand out.

use crate::helpers::{TestApp, assert_error, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;

async fn with_templates() -> TestApp {
    spawn_app_with(|c| {
        c.public_url = Some("https://adr.example.com".into());
        c.ticket_urls = vec![
            "PLAT=https://tickets.example.com/browse/{key}".into(),
            "=https://github.com/acme/api/issues/{key}".into(),
        ];
    })
    .await
}

#[tokio::test]
async fn ticket_references_become_links_through_their_templates() {
    let app = with_templates().await;
    let n = app
        .create(json!({ "title": "Gateway", "tickets": ["PLAT-123", "#45", "OPS-9", "https://x.example.com/1"] }))
        .await["number"]
        .as_i64()
        .unwrap();
    let page = app.get_text(&format!("/adr/{n}-gateway")).await;
    let html = scraper::Html::parse_document(&page);
    let links: Vec<(String, String)> = html
        .select(&scraper::Selector::parse("a[data-testid=ticket-link]").unwrap())
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "PLAT-123".to_owned(),
                "https://tickets.example.com/browse/PLAT-123".to_owned()
            ),
            (
                "#45".to_owned(),
                "https://github.com/acme/api/issues/45".to_owned()
            ),
            // No template of its own: the fallback takes it.
            (
                "OPS-9".to_owned(),
                "https://github.com/acme/api/issues/OPS-9".to_owned()
            ),
            (
                "https://x.example.com/1".to_owned(),
                "https://x.example.com/1".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn without_a_template_a_key_stays_text() {
    let app = spawn_app().await;
    let n = app
        .create(json!({ "title": "Gateway", "tickets": ["PLAT-123"] }))
        .await["number"]
        .as_i64()
        .unwrap();
    let page = app.get_text(&format!("/adr/{n}-gateway")).await;
    assert!(page.contains("<code>PLAT-123</code>"), "{page}");
    assert!(!page.contains("data-testid=\"ticket-link\""));
}

#[tokio::test]
async fn a_ticket_leads_to_the_adr_that_cites_it_or_to_the_filtered_list() {
    let app = with_templates().await;
    let one = app
        .create(json!({ "title": "Use Go", "tickets": ["PLAT-1"] }))
        .await["number"]
        .as_i64()
        .unwrap();
    app.create(json!({ "title": "Queue A", "tickets": ["PLAT-2"] }))
        .await;
    app.create(json!({ "title": "Queue B", "tickets": ["PLAT-2"] }))
        .await;

    let response = app.get("/t?ref=PLAT-1").await;
    assert!(response.status().is_redirection());
    assert_eq!(response.headers()["location"], format!("/adr/{one}-use-go"));
    let response = app.get("/t?ref=PLAT-2").await;
    assert_eq!(response.headers()["location"], "/?ticket=PLAT-2");
    let list = app.get_text("/?ticket=PLAT-2").await;
    assert!(list.contains("Queue A") && list.contains("Queue B") && !list.contains("Use Go"));
    let response = app.get("/t?ref=NONE-1").await;
    assert_eq!(response.headers()["location"], "/?ticket=NONE-1");
    assert_error(
        app.get("/t").await,
        StatusCode::BAD_REQUEST,
        "bad_parameter",
        Some("ref"),
    )
    .await;

    let body = app.get_json("/api/v1/tickets/PLAT-2").await;
    assert_eq!(body["ticket"], "PLAT-2");
    assert_eq!(body["url"], "https://tickets.example.com/browse/PLAT-2");
    let titles: Vec<&str> = body["adrs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Queue A", "Queue B"]);
    assert_eq!(
        body["adrs"][0]["url"],
        "https://adr.example.com/adr/2-queue-a"
    );
    let none = app.get_json("/api/v1/tickets/NONE-1").await;
    assert_eq!(none["adrs"], json!([]));
    // `#45` travels encoded.
    app.create(json!({ "title": "Issue", "tickets": ["#45"] }))
        .await;
    let hash = app.get_json("/api/v1/tickets/%2345").await;
    assert_eq!(hash["adrs"][0]["title"], "Issue");
    assert_eq!(hash["url"], "https://github.com/acme/api/issues/45");
}

#[tokio::test]
async fn the_page_carries_opengraph_and_twitter_cards() {
    let app = with_templates().await;
    let n = app
        .create(json!({ "title": "Use Go", "context": "Latency matters.", "options": [{ "name": "Go" }], "chosen_option": "Go" }))
        .await["number"]
        .as_i64()
        .unwrap();
    app.accept(n).await;
    let page = app.get_text(&format!("/adr/{n}-use-go")).await;
    let html = scraper::Html::parse_document(&page);
    let meta = |attr: &str, name: &str| {
        html.select(&scraper::Selector::parse(&format!("meta[{attr}=\"{name}\"]")).unwrap())
            .next()
            .and_then(|m| m.value().attr("content").map(str::to_owned))
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(meta("property", "og:title"), "ADR-0001: Use Go");
    assert_eq!(
        meta("property", "og:description"),
        "Accepted · Latency matters."
    );
    assert_eq!(
        meta("property", "og:image"),
        "https://adr.example.com/adr/1/preview.png"
    );
    assert_eq!(
        meta("property", "og:url"),
        "https://adr.example.com/adr/1-use-go"
    );
    assert_eq!(meta("name", "twitter:card"), "summary_large_image");
    assert_eq!(
        meta("name", "twitter:image"),
        "https://adr.example.com/adr/1/preview.png"
    );

    // The copy buttons: plain links without JavaScript, with the text they copy.
    let copy: Vec<(String, String)> = html
        .select(&scraper::Selector::parse(".adr-share a.copy").unwrap())
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        copy,
        [
            (
                "Copy link".to_owned(),
                "https://adr.example.com/adr/1-use-go".to_owned()
            ),
            ("Copy markdown link".to_owned(), "/adr/1/link.md".to_owned()),
        ]
    );
    assert_eq!(
        app.get_text("/adr/1/link.md").await,
        "[ADR-0001: Use Go](https://adr.example.com/adr/1-use-go)\n"
    );
}

#[tokio::test]
async fn the_preview_is_a_1200_by_630_png_that_follows_the_adr() {
    let app = spawn_app().await;
    let n = app.create_titled("Use Go").await;
    let response = app.get(&format!("/adr/{n}/preview.png")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let bytes = response.bytes().await.unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    assert_eq!((reader.info().width, reader.info().height), (1200, 630));
    let cached = app
        .client
        .get(app.url(&format!("/adr/{n}/preview.png")))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
    app.set_status(n, "proposed").await;
    let moved = app.get(&format!("/adr/{n}/preview.png")).await;
    assert_ne!(moved.headers()["etag"].to_str().unwrap(), tag);
    assert_error(
        app.get("/adr/9/preview.png").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
}

#[tokio::test]
async fn the_badge_shows_the_status_and_its_etag_follows_it() {
    let app = spawn_app().await;
    let n = app.create_titled("Use Go").await;
    let badge = |app: &TestApp| {
        let url = app.url(&format!("/adr/{n}/badge.svg"));
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap() }
    };
    let draft = badge(&app).await;
    assert_eq!(draft.headers()["content-type"], "image/svg+xml");
    let draft_tag = draft.headers()["etag"].to_str().unwrap().to_owned();
    let svg = draft.text().await.unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(texts, ["ADR-0001", "ADR-0001", "draft", "draft"]);

    // An edit that keeps the status keeps the badge.
    let edit = app
        .patch_json(
            &format!("/api/v1/adrs/{n}"),
            &json!({ "version": 1, "context": "More." }),
        )
        .await;
    assert_eq!(edit.status(), StatusCode::OK);
    assert_eq!(
        badge(&app).await.headers()["etag"].to_str().unwrap(),
        draft_tag
    );
    app.set_status(n, "proposed").await;
    let proposed = badge(&app).await;
    assert_ne!(proposed.headers()["etag"].to_str().unwrap(), draft_tag);
    assert!(proposed.text().await.unwrap().contains(">proposed</text>"));
}
