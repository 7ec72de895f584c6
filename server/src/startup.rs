//! Building the application: open and migrate the database, assemble the router, bind the
//! listener. Tests call [`Application::build`] with their own database and port 0.

use crate::config::Config;
use crate::routes;
use app::ssr::charts::cache;
use app::ssr::db;
use app::ssr::state::AppState;
use axum::Router;
use leptos::config::get_configuration;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A bound, ready-to-serve Tradeoff.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Opens the database (creating and migrating it), binds the address and builds the router.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let guide = app::ssr::guide::check().map_err(anyhow::Error::msg)?;
        tracing::debug!(
            matrices = guide.matrices.len(),
            "the guide's data is loaded"
        );
        let tickets = config.ticket_links()?;
        let mut leptos_options = get_configuration(None)?.leptos_options;
        let pool = db::connect(&config.database_url).await?;
        let listener = TcpListener::bind(config.site_addr).await?;
        let bound = listener.local_addr()?;
        leptos_options.site_addr = bound;
        let state = AppState {
            leptos_options,
            pool,
            public_url: Arc::from(config.public_url_for(bound)),
            evidence_limit: config.evidence_limit,
            charts: cache::images(),
            chart_data: cache::comparisons(),
            tickets: Arc::new(tickets),
        };
        Ok(Application {
            listener,
            router: routes::router(state.clone()),
            state,
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn public_url(&self) -> &str {
        &self.state.public_url
    }

    /// The shared state, for tests that look into the database.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await?;
        self.state.pool.close().await;
        Ok(())
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
