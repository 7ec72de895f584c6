//! The tags and names in use, offered with their counts where people type them: the
//! editor's inputs and the list's filters name a `<datalist>` that needs no JavaScript.

use crate::helpers::spawn_app;
use serde_json::json;

#[tokio::test]
async fn the_editor_and_the_filters_suggest_what_is_in_use_with_counts() {
    let app = spawn_app().await;
    for (title, tags) in [("One", ["platform", "go"]), ("Two", ["platform", "queues"])] {
        app.create(json!({ "title": title, "tags": tags, "decision_makers": ["Ana"], "consulted": ["Bo"] }))
            .await;
    }
    let gone = app.create_titled("Deleted draft").await;
    app.patch_json(
        &format!("/api/v1/adrs/{gone}"),
        &json!({ "version": 1, "tags": ["ghost"] }),
    )
    .await;
    app.client
        .delete(app.url(&format!("/api/v1/adrs/{gone}")))
        .send()
        .await
        .unwrap();

    let editor = app.get_text("/adr/new").await;
    assert!(editor.contains("name=\"tags\""));
    assert!(
        editor.contains("list=\"tag-suggestions\""),
        "the tags input names its list"
    );
    let list = editor
        .split("<datalist id=\"tag-suggestions\">")
        .nth(1)
        .and_then(|rest| rest.split("</datalist>").next())
        .expect("a datalist of tags");
    // Most used first, each with its count; a deleted draft's tags are not offered.
    assert!(
        list.starts_with("<option value=\"platform\" label=\"2 ADRs\">"),
        "{list}"
    );
    assert!(list.contains("<option value=\"go\" label=\"1 ADR\">"));
    assert!(!list.contains("ghost"));
    assert!(editor.contains("<option value=\"Bo\" label=\"2 ADRs\">"));

    let home = app.get_text("/").await;
    assert!(home.contains("list=\"decision-maker-suggestions\""));
    assert!(home.contains("<option value=\"Ana\" label=\"2 ADRs\">"));
}
