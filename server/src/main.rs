//! The `tradeoff` server binary: read the configuration, start logging, serve until a signal.

#![recursion_limit = "256"]

use clap::Parser;
use server::config::Config;
use server::startup::{Application, shutdown_signal};

// Rendering a page allocates many small strings; mimalloc serves them faster than glibc's
// allocator under concurrent load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    server::telemetry::init(&config.log);
    let app = Application::build(&config).await?;
    tracing::info!(
        address = %app.address(),
        database = %config.redacted_database_url(),
        public_url = %app.public_url(),
        "tradeoff is ready"
    );
    app.run_until(shutdown_signal()).await?;
    tracing::info!("tradeoff stopped");
    Ok(())
}
