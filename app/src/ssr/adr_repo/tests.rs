//! Repository tests on a fresh, migrated SQLite database per test.

use super::*;
use crate::model::adr::AdrOption;
use crate::model::query::ListQuery;
use crate::ssr::render::render;

fn doc(title: &str) -> AdrDocument {
    AdrDocument {
        title: title.into(),
        date: "2026-11-27".into(),
        ..AdrDocument::default()
    }
}

async fn add(pool: &SqlitePool, doc: &AdrDocument) -> i64 {
    insert(
        pool,
        &Actor::anonymous(),
        doc,
        &render(doc),
        "2026-11-27T10:00:00.000Z",
    )
    .await
    .unwrap()
}

fn query(pairs: &[(&str, &str)]) -> ListQuery {
    ListQuery::from_pairs(pairs.iter().copied()).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn numbers_are_sequential_and_never_reused(pool: SqlitePool) {
    let a = add(&pool, &doc("first")).await;
    let b = add(&pool, &doc("second")).await;
    assert_eq!((a, b), (1, 2));
    // Even if a row disappeared, the sequence would not hand its number out again.
    sqlx::query("DELETE FROM adr_revisions WHERE adr_number = 2")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM adr_search WHERE rowid = 2")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM adrs WHERE number = 2")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(add(&pool, &doc("third")).await, 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_creates_get_distinct_numbers(pool: SqlitePool) {
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let pool = pool.clone();
            tokio::spawn(async move { add(&pool, &doc(&format!("adr {i}"))).await })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap());
    }
    numbers.sort();
    assert_eq!(numbers, (1..=16).collect::<Vec<_>>());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_save_makes_a_revision_and_a_stale_save_writes_nothing(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let n = add(&pool, &doc("v1")).await;
    let mut next = doc("v2");
    next.context = "changed".into();
    let saved = update_document(
        &pool,
        &actor,
        n,
        1,
        &next,
        &render(&next),
        "2026-11-27T11:00:00.000Z",
    )
    .await
    .unwrap();
    assert_eq!(
        saved,
        Saved {
            version: 2,
            changed: true
        }
    );

    let stale = update_document(
        &pool,
        &actor,
        n,
        1,
        &doc("v3"),
        &render(&doc("v3")),
        "2026-11-27T12:00:00.000Z",
    )
    .await;
    assert!(matches!(
        stale,
        Err(AppError::StaleVersion {
            expected: 1,
            current: 2
        })
    ));
    let stored = get(&pool, n).await.unwrap();
    assert_eq!(stored.adr.document.title, "v2");
    assert_eq!(stored.adr.version, 2);

    // Saving the same document again is not a new revision.
    let same = update_document(
        &pool,
        &actor,
        n,
        2,
        &next,
        &render(&next),
        "2026-11-27T13:00:00.000Z",
    )
    .await
    .unwrap();
    assert_eq!(
        same,
        Saved {
            version: 2,
            changed: false
        }
    );
    let history = revisions(&pool, n).await.unwrap();
    let changes: Vec<_> = history
        .iter()
        .map(|r| (r.revision, r.change.as_str()))
        .collect();
    assert_eq!(changes, [(2, "edited"), (1, "created")]);
    let (_, first) = revision(&pool, n, 1).await.unwrap().unwrap();
    assert_eq!(first.title, "v1");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_lifecycle_is_enforced_and_recorded(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let n = add(&pool, &doc("decision")).await;
    let now = "2026-11-27T10:00:00.000Z";
    let illegal = transition(&pool, &actor, n, Status::Accepted, &[], now).await;
    assert!(matches!(
        illegal,
        Err(AppError::IllegalTransition {
            from: Status::Draft,
            to: Status::Accepted
        })
    ));
    transition(&pool, &actor, n, Status::Proposed, &[], now)
        .await
        .unwrap();
    let accepted = transition(&pool, &actor, n, Status::Accepted, &[], now)
        .await
        .unwrap();
    let stored = get(&pool, n).await.unwrap();
    assert_eq!(stored.adr.status, Status::Accepted);
    assert_eq!(stored.adr.accepted_version, Some(accepted));
    assert_eq!(stored.adr.amended_since_acceptance(), None);

    let moves: Vec<_> = revisions(&pool, n)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| Some((r.previous_status?, r.status, r.actor)))
        .collect();
    assert_eq!(
        moves,
        [
            (Status::Proposed, Status::Accepted, "anonymous".to_owned()),
            (Status::Draft, Status::Proposed, "anonymous".to_owned()),
        ]
    );

    // An edit after acceptance is allowed and marks the ADR as amended.
    let mut amended = stored.adr.document.clone();
    amended.context = "more".into();
    update_document(
        &pool,
        &actor,
        n,
        stored.adr.version,
        &amended,
        &render(&amended),
        now,
    )
    .await
    .unwrap();
    let stored = get(&pool, n).await.unwrap();
    assert_eq!(stored.adr.amended_since_acceptance(), Some(accepted));
}

#[sqlx::test(migrations = "../migrations")]
async fn superseding_links_successors_and_refuses_cycles(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let now = "2026-11-27T10:00:00.000Z";
    let old = add(&pool, &doc("old")).await;
    let new = add(&pool, &doc("new")).await;
    for to in [Status::Proposed, Status::Accepted] {
        transition(&pool, &actor, old, to, &[], now).await.unwrap();
        transition(&pool, &actor, new, to, &[], now).await.unwrap();
    }
    let missing = transition(&pool, &actor, old, Status::Superseded, &[99], now).await;
    assert!(matches!(missing, Err(AppError::Validation(ref e)) if e[0].field == "superseded_by"));
    let none = transition(&pool, &actor, old, Status::Superseded, &[], now).await;
    assert!(matches!(none, Err(AppError::Validation(_))));
    transition(&pool, &actor, old, Status::Superseded, &[new], now)
        .await
        .unwrap();

    let old_adr = get(&pool, old).await.unwrap().adr;
    assert_eq!(old_adr.relations[0].kind, RelationType::SupersededBy);
    assert_eq!(old_adr.relations[0].number, new);
    let new_adr = get(&pool, new).await.unwrap().adr;
    assert_eq!(new_adr.relations[0].kind, RelationType::Supersedes);

    // "old supersedes new" would close the loop.
    let cycle = link(&pool, &actor, old, RelationType::Supersedes, new, now).await;
    assert!(matches!(cycle, Err(AppError::Validation(ref e)) if e[0].message.contains("cycle")));
}

#[sqlx::test(migrations = "../migrations")]
async fn links_are_typed_symmetric_and_idempotent(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let now = "2026-11-27T10:00:00.000Z";
    let a = add(&pool, &doc("a")).await;
    let b = add(&pool, &doc("b")).await;
    assert!(
        link(&pool, &actor, a, RelationType::Relates, b, now)
            .await
            .unwrap()
    );
    assert!(
        !link(&pool, &actor, b, RelationType::Relates, a, now)
            .await
            .unwrap()
    );
    assert!(
        link(&pool, &actor, b, RelationType::AmendedBy, a, now)
            .await
            .unwrap()
    );
    let a_rel: Vec<_> = get(&pool, a)
        .await
        .unwrap()
        .adr
        .relations
        .iter()
        .map(|r| (r.kind, r.number))
        .collect();
    assert_eq!(
        a_rel,
        [(RelationType::Amends, b), (RelationType::Relates, b)]
    );
    assert!(matches!(
        link(&pool, &actor, a, RelationType::Relates, a, now).await,
        Err(AppError::Validation(_))
    ));
    assert!(matches!(
        link(&pool, &actor, a, RelationType::Relates, 42, now).await,
        Err(AppError::Validation(_))
    ));
    assert!(matches!(
        link(&pool, &actor, 42, RelationType::Relates, a, now).await,
        Err(AppError::NotFound(_))
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_list_filters_searches_and_pages(pool: SqlitePool) {
    let mut cache = doc("Cache layer for the catalogue");
    cache.tags = vec!["payments".into()];
    cache.tickets = vec!["PAY-12".into()];
    cache.decision_makers = vec!["Ana".into()];
    cache.context = "Reads dominate; p99 must stay under 20 ms.".into();
    cache.options = vec![AdrOption {
        id: "redis".into(),
        name: "Redis".into(),
        ..Default::default()
    }];
    let mut queue = doc("Queue for order events");
    queue.date = "2026-01-15".into();
    queue.tags = vec!["orders".into()];
    let c = add(&pool, &cache).await;
    let q = add(&pool, &queue).await;
    transition(
        &pool,
        &Actor::anonymous(),
        q,
        Status::Proposed,
        &[],
        "2026-11-27T10:00:00.000Z",
    )
    .await
    .unwrap();

    let numbers =
        |(items, _): (Vec<AdrSummary>, i64)| items.iter().map(|i| i.number).collect::<Vec<_>>();
    assert_eq!(numbers(list(&pool, &query(&[])).await.unwrap()), [q, c]);
    assert_eq!(
        numbers(list(&pool, &query(&[("q", "redis")])).await.unwrap()),
        [c]
    );
    assert_eq!(
        numbers(list(&pool, &query(&[("q", "catal")])).await.unwrap()),
        [c],
        "prefix search"
    );
    assert_eq!(
        numbers(
            list(&pool, &query(&[("status", "proposed")]))
                .await
                .unwrap()
        ),
        [q]
    );
    assert_eq!(
        numbers(list(&pool, &query(&[("tag", "Payments")])).await.unwrap()),
        [c]
    );
    assert_eq!(
        numbers(list(&pool, &query(&[("ticket", "PAY-12")])).await.unwrap()),
        [c]
    );
    assert_eq!(
        numbers(
            list(&pool, &query(&[("decision_maker", "Ana")]))
                .await
                .unwrap()
        ),
        [c]
    );
    assert_eq!(
        numbers(
            list(&pool, &query(&[("date_to", "2026-06-30")]))
                .await
                .unwrap()
        ),
        [q]
    );
    assert_eq!(
        numbers(
            list(&pool, &query(&[("date_from", "2026-06-30")]))
                .await
                .unwrap()
        ),
        [c]
    );
    assert_eq!(
        numbers(list(&pool, &query(&[("sort", "oldest")])).await.unwrap()),
        [c, q]
    );
    let (page, total) = list(&pool, &query(&[("limit", "1"), ("offset", "1")]))
        .await
        .unwrap();
    assert_eq!((page.len(), total), (1, 2));
    assert_eq!(page[0].number, c);
    for hostile in [
        "\"",
        "p99\"*",
        "NEAR(a b)",
        "-x",
        "a OR",
        "^",
        ":",
        "()",
        "' OR 1=1 --",
    ] {
        list(&pool, &query(&[("q", hostile)])).await.unwrap();
    }
    let counts = status_counts(&pool).await.unwrap();
    assert_eq!(counts[0], (Status::Draft, 1));
    assert_eq!(counts[1], (Status::Proposed, 1));
    // The kept counts equal a fresh count of the table.
    let counted: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM adrs GROUP BY status ORDER BY status")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        counted,
        [("draft".to_owned(), 1), ("proposed".to_owned(), 1)]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn relevance_puts_the_better_match_first(pool: SqlitePool) {
    let mut once = doc("Storage engine");
    once.context = "We looked at sharding once.".into();
    let mut often = doc("Sharding strategy");
    often.context = "Sharding by tenant; sharding keys; resharding later.".into();
    let mut none = doc("Unrelated");
    none.context = "Nothing here.".into();
    let once = add(&pool, &once).await;
    let often = add(&pool, &often).await;
    add(&pool, &none).await;
    let (items, total) = list(&pool, &query(&[("q", "sharding")])).await.unwrap();
    let numbers: Vec<_> = items.iter().map(|i| i.number).collect();
    assert_eq!((numbers, total), (vec![often, once], 2));
    let (items, _) = list(&pool, &query(&[("q", "shard")])).await.unwrap();
    assert_eq!(items.len(), 2, "the last word matches as a prefix");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deleted_draft_is_gone_from_every_read_and_its_number_stays_taken(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let now = "2026-12-03T10:00:00.000Z";
    let kept = add(&pool, &doc("kept searchable")).await;
    let draft = add(&pool, &doc("draft searchable")).await;
    link(&pool, &actor, kept, RelationType::Relates, draft, now)
        .await
        .unwrap();
    delete_draft(&pool, &actor, draft, now).await.unwrap();

    let gone = get(&pool, draft).await.unwrap_err();
    assert_eq!(gone.status(), axum::http::StatusCode::GONE, "{gone:?}");
    assert!(
        gone.to_string()
            .contains("deleted by anonymous at 2026-12-03T10:00:00.000Z")
    );
    assert_eq!(
        deletion(&pool, draft).await.unwrap(),
        Some(Deletion {
            deleted_at: now.into(),
            deleted_by: "anonymous".into()
        })
    );
    // A second delete, a save or a link finds it gone too.
    let again = delete_draft(&pool, &actor, draft, now).await.unwrap_err();
    assert_eq!(again.status(), axum::http::StatusCode::GONE);
    let linked = link(&pool, &actor, kept, RelationType::Amends, draft, now).await;
    assert!(linked.is_err());

    for q in [query(&[("q", "searchable")]), query(&[])] {
        let (items, total) = list(&pool, &q).await.unwrap();
        assert_eq!(items.iter().map(|i| i.number).collect::<Vec<_>>(), [kept]);
        assert_eq!(total, 1);
    }
    assert!(get(&pool, kept).await.unwrap().adr.relations.is_empty());
    assert_eq!(add(&pool, &doc("next")).await, draft + 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_a_draft_can_be_deleted(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let now = "2026-12-03T10:00:00.000Z";
    let n = add(&pool, &doc("proposed")).await;
    transition(&pool, &actor, n, Status::Proposed, &[], now)
        .await
        .unwrap();
    let refused = delete_draft(&pool, &actor, n, now).await.unwrap_err();
    assert_eq!(refused.status(), axum::http::StatusCode::CONFLICT);
    assert_eq!(get(&pool, n).await.unwrap().adr.status, Status::Proposed);
}

#[sqlx::test(migrations = "../migrations")]
async fn removing_a_relation_is_recorded_on_both_sides(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let now = "2026-12-03T10:00:00.000Z";
    let a = add(&pool, &doc("a")).await;
    let b = add(&pool, &doc("b")).await;
    link(&pool, &actor, a, RelationType::Amends, b, now)
        .await
        .unwrap();
    // Removed from the other end, by its reverse label.
    unlink(&pool, &actor, b, RelationType::AmendedBy, a, now)
        .await
        .unwrap();
    assert!(get(&pool, a).await.unwrap().adr.relations.is_empty());
    let changes = |n| {
        let pool = pool.clone();
        async move {
            revisions(&pool, n)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.change)
                .collect::<Vec<_>>()
        }
    };
    assert!(
        changes(a)
            .await
            .contains(&"relation removed: amends ADR-0002".to_owned())
    );
    assert!(
        changes(b)
            .await
            .contains(&"relation removed: amended by ADR-0001".to_owned())
    );
    let missing = unlink(&pool, &actor, a, RelationType::Amends, b, now)
        .await
        .unwrap_err();
    assert_eq!(missing.status(), axum::http::StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_superseded_adr_keeps_its_last_successor_link(pool: SqlitePool) {
    let actor = Actor::anonymous();
    let now = "2026-12-03T10:00:00.000Z";
    let old = add(&pool, &doc("old")).await;
    let new = add(&pool, &doc("new")).await;
    for to in [Status::Proposed, Status::Accepted] {
        transition(&pool, &actor, old, to, &[], now).await.unwrap();
    }
    transition(&pool, &actor, old, Status::Superseded, &[new], now)
        .await
        .unwrap();
    let refused = unlink(&pool, &actor, new, RelationType::Supersedes, old, now)
        .await
        .unwrap_err();
    assert_eq!(
        refused.status(),
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(get(&pool, old).await.unwrap().adr.relations.len(), 1);
}
