//! The `tradeoff` binary: read the configuration, start logging, then serve until a signal
//! or run the command given (`tradeoff export DIR`, `tradeoff import DIR`).

#![recursion_limit = "256"]

use clap::Parser;
use server::config::{Command, Config};
use server::startup::{Application, shutdown_signal};

// Rendering a page allocates many small strings; mimalloc serves them faster than glibc's
// allocator under concurrent load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    server::telemetry::init(&config.log);
    match &config.command {
        None | Some(Command::Serve) => serve(&config).await,
        Some(Command::Export { dir, format }) => {
            let written = server::commands::export(&config, dir, *format).await?;
            println!("wrote {written} files below {}", dir.display());
            Ok(())
        }
        Some(Command::Import { dir }) => {
            let report = server::commands::import(&config, dir).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            eprintln!("{}", report.summary());
            if report.failed > 0 {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}

async fn serve(config: &Config) -> anyhow::Result<()> {
    let app = Application::build(config).await?;
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
