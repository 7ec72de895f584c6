//! Speed of markdown in and out, against the targets of the export and import issue:
//! importing 1,000 ADR files in under 2 s, exporting 1,000 in under 1 s, and a link preview
//! PNG in under 50 ms. (log4brains takes about 3.5 minutes to build a site from as many.)
//!
//! Run: cargo bench -p app --features ssr --bench exchange
//! The files are generated here: MADR 4 with front matter, options with pros and cons, and a
//! supersedes chain. Each import runs on a fresh SQLite file; figures are medians.

use app::model::query::ListQuery;
use app::ssr::actor::Actor;
use app::ssr::cards;
use app::ssr::charts::raster;
use app::ssr::db;
use app::ssr::decisions;
use app::ssr::export::{Form, archive, files};
use app::ssr::import::{self, sources::Tree};
use std::time::{Duration, Instant};
#[path = "support/timing.rs"]
mod timing;
use timing::median_time;

const FILES: usize = 1000;

fn corpus() -> Tree {
    let mut tree = Tree::new();
    for i in 1..=FILES {
        let supersedes = if i > 1 && i % 10 == 0 {
            format!(
                "\n## More Information\n\nSupersedes [ADR-{:04}](./{:04}-decision-{}.md).\n",
                i - 1,
                i - 1,
                i - 1
            )
        } else {
            String::new()
        };
        let text = format!(
            "---\nstatus: accepted\ndate: 2024-{:02}-{:02}\ndecision-makers: [Ana, Bo]\nconsulted: [SRE]\n---\n\
             # Decision {i}\n\n## Context and Problem Statement\n\nService {i} needs a store for its events; \
             the team weighs latency against operations.\n\n## Decision Drivers\n\n* p99 latency\n* operations cost\n\n\
             ## Considered Options\n\n* PostgreSQL\n* Kafka\n* SQLite\n\n## Decision Outcome\n\n\
             Chosen option: \"PostgreSQL\", because the team runs it already.\n\n### Consequences\n\n\
             * Good, because one system to run\n* Bad, because a single writer\n\n## Pros and Cons of the Options\n\n\
             ### PostgreSQL\n\n* Good, because known\n* Bad, because vertical scaling\n\n### Kafka\n\n\
             * Good, because throughput\n* Bad, because operations\n{supersedes}",
            1 + i % 12,
            1 + i % 28
        );
        tree.insert(
            format!("docs/decisions/{i:04}-decision-{i}.md"),
            text.into_bytes(),
        );
    }
    tree
}

async fn fresh(dir: &std::path::Path, run: usize) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}/bench-{run}.db", dir.display());
    db::connect(&url).await.expect("a database")
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let dir = std::env::temp_dir().join(format!("tradeoff-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let tree = corpus();
    let actor = Actor::anonymous();

    // Import: three runs, each into a new database.
    let mut imports: Vec<Duration> = Vec::new();
    let mut last = None;
    for run in 0..3 {
        let pool = runtime.block_on(fresh(&dir, run));
        let start = Instant::now();
        let report = runtime
            .block_on(import::import(
                &pool,
                &actor,
                &tree,
                "2026-12-03",
                "2026-12-03T00:00:00Z",
            ))
            .expect("the import runs");
        imports.push(start.elapsed());
        assert_eq!(report.imported, FILES, "{}", report.summary());
        last = Some(pool);
    }
    imports.sort();
    let pool = last.expect("a database");

    // Export: every ADR as files and the zip.
    let numbers = runtime
        .block_on(files::selected(&pool, &ListQuery::default()))
        .expect("the numbers");
    let mut bytes = 0;
    let export = median_time(5, || {
        let written = runtime
            .block_on(files::many(
                &pool,
                "https://adr.example.com",
                &numbers,
                Form::Madr,
            ))
            .expect("the files");
        bytes = archive::zip(&written).expect("the zip").len();
    });

    // A link preview, drawn and rasterised as the route does.
    let adr = runtime
        .block_on(decisions::get(&pool, 500))
        .expect("ADR 500")
        .adr;
    let preview = median_time(20, || {
        let svg = cards::preview(&adr, "adr.example.com", true);
        std::hint::black_box(raster::png(&svg).expect("a PNG"));
    });
    let _ = std::fs::remove_dir_all(&dir);

    println!(
        "import of {FILES} MADR files:   {:.0} ms median of 3 (target < 2000 ms)",
        imports[1].as_secs_f64() * 1e3
    );
    println!(
        "export of {FILES} ADRs as a zip: {:.0} ms median of 5 (target < 1000 ms), {bytes} bytes",
        export.as_secs_f64() * 1e3
    );
    println!(
        "preview PNG (1200x630):        {:.1} ms median of 20 (target < 50 ms)",
        preview.as_secs_f64() * 1e3
    );
}
