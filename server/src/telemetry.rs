//! Logging through tracing, filtered by `RUST_LOG`.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. An invalid filter falls back to `info` and says so.
pub fn init(filter: &str) {
    let (filter, problem) = match EnvFilter::try_new(filter) {
        Ok(filter) => (filter, None),
        Err(e) => (EnvFilter::new("info"), Some(e.to_string())),
    };
    tracing_subscriber::fmt().with_env_filter(filter).init();
    if let Some(problem) = problem {
        tracing::warn!(%problem, "RUST_LOG is not a valid filter; logging at info");
    }
}
