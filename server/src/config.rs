//! Configuration from the command line and the environment, with defaults that run a
//! single-machine instance out of the box.

use clap::Parser;
use std::net::SocketAddr;

/// Tradeoff: record architecture decisions against the guide's matrices.
#[derive(Clone, Debug, Parser)]
#[command(name = "tradeoff", version, about, long_about = None)]
pub struct Config {
    /// Database to use; a SQLite file and its folder are created on first run.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/tradeoff.db"
    )]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    /// Base URL used in absolute links, exports and link previews
    /// [default: http:// followed by the site address].
    #[arg(long, env = "TRADEOFF_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The largest piece of evidence accepted, in bytes (64 MiB by default).
    #[arg(long, env = "TRADEOFF_EVIDENCE_LIMIT", default_value_t = app::ssr::attachments::DEFAULT_EVIDENCE_LIMIT)]
    pub evidence_limit: usize,

    /// Log filter, in tracing's EnvFilter syntax.
    #[arg(long = "log", env = "RUST_LOG", default_value = "info")]
    pub log: String,
}

impl Config {
    /// The configuration for a test or a tool: an explicit database, any free port.
    pub fn for_database(database_url: &str) -> Self {
        Config {
            database_url: database_url.to_owned(),
            site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: None,
            evidence_limit: app::ssr::attachments::DEFAULT_EVIDENCE_LIMIT,
            log: "warn".to_owned(),
        }
    }

    /// The public base URL without a trailing slash, for a server bound to `bound`.
    pub fn public_url_for(&self, bound: SocketAddr) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
            .trim_end_matches('/')
            .to_owned()
    }

    /// The database URL with any password removed, for logs.
    pub fn redacted_database_url(&self) -> String {
        redact(&self.database_url)
    }
}

fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{path}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/tradeoff"),
            "postgres://app:***@db:5432/tradeoff"
        );
        assert_eq!(
            redact("sqlite://data/tradeoff.db"),
            "sqlite://data/tradeoff.db"
        );
    }

    #[test]
    fn the_public_url_defaults_to_the_bound_address() {
        let mut config = Config::for_database("sqlite::memory:");
        let bound = SocketAddr::from(([127, 0, 0, 1], 3000));
        assert_eq!(config.public_url_for(bound), "http://127.0.0.1:3000");
        config.public_url = Some("https://adr.example.com/".into());
        assert_eq!(config.public_url_for(bound), "https://adr.example.com");
    }
}
