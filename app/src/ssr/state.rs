//! What every request handler and server-rendered page can reach: the database pool, the
//! Leptos options, the public base URL, the chart caches and the ticket links.

use crate::model::ticket::TicketLinks;
use crate::ssr::charts::benchmarks::BenchData;
use crate::ssr::charts::cache::Cache;
use crate::ssr::error::AppError;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Shared state of the running server. Cheap to clone.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    /// The base URL for absolute links, without a trailing slash.
    pub public_url: Arc<str>,
    /// The largest piece of evidence accepted, in bytes.
    pub evidence_limit: usize,
    /// Charts already rendered, by ETag.
    pub charts: Cache<Vec<u8>>,
    /// Benchmark comparisons as the charts draw them; `None` when there was nothing to draw.
    pub chart_data: Cache<Option<Vec<BenchData>>>,
    /// Where ticket references on ADRs lead.
    pub tickets: Arc<TicketLinks>,
}

impl AppState {
    /// The absolute URL of a site path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.public_url, path)
    }
}

/// The state, inside a server function or a page being rendered.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::Internal("AppState was not provided to the renderer".into()))
}
