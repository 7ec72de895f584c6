//! Configuration from the command line and the environment, with defaults that run a
//! single-machine instance out of the box.

use app::model::ticket::{TemplateError, TicketLinks};
use app::ssr::export::Form;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The environment variables that name ticket URL templates: `TRADEOFF_TICKET_URL_PLAT` for
/// keys `PLAT-123`, and `TRADEOFF_TICKET_URL` alone for references without a prefix (`#45`).
pub const TICKET_URL_ENV: &str = "TRADEOFF_TICKET_URL";

const TICKET_HELP: &str = "\
Ticket links:
  TRADEOFF_TICKET_URL_<PREFIX>=<template>  links keys such as PLAT-123 (PREFIX=PLAT);
                                           {key} in the template stands for the key,
                                           e.g. https://tickets.example.com/browse/{key}
  TRADEOFF_TICKET_URL=<template>           links references without a prefix of their
                                           own, such as #45";

/// Tradeoff: record architecture decisions against the guide's matrices.
#[derive(Clone, Debug, Parser)]
#[command(name = "tradeoff", version, about, long_about = None, after_help = TICKET_HELP)]
pub struct Config {
    #[command(subcommand)]
    pub command: Option<Command>,

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

    /// A ticket URL template, `PREFIX=https://…/{key}` (repeatable; an empty PREFIX links
    /// references such as #45). The TRADEOFF_TICKET_URL_<PREFIX> variables add to these.
    #[arg(long = "ticket-url", value_name = "PREFIX=TEMPLATE")]
    pub ticket_urls: Vec<String>,
}

/// What the binary does; without a command it serves.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Write every ADR as markdown below DIR: `DIR/docs/decisions/NNNN-slug.md` and an index
    /// `DIR/docs/decisions/README.md`, the files `/export.zip` holds.
    Export {
        dir: PathBuf,
        /// `madr` (MADR 4), or `nygard` for adr-tools' form.
        #[arg(long, default_value = "madr", value_parser = export_form)]
        format: Form,
    },
    /// Import ADR files from DIR: an ADR folder, or a repository root in which the folder is
    /// found as the tools find it (.adr-dir, .log4brains.yml, docs/decisions, docs/adr,
    /// doc/adr). Prints the report as JSON and a summary line on stderr.
    Import { dir: PathBuf },
}

fn export_form(text: &str) -> Result<Form, String> {
    Form::parse(text)
        .ok_or_else(|| format!("unknown export format '{text}'; expected madr or nygard"))
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
            ticket_urls: Vec::new(),
            command: None,
        }
    }

    /// The ticket URL templates from `--ticket-url` and the environment's
    /// `TRADEOFF_TICKET_URL*` variables, checked.
    pub fn ticket_links(&self) -> Result<TicketLinks, TemplateError> {
        let from_env = std::env::vars().filter_map(|(name, value)| {
            let rest = name.strip_prefix(TICKET_URL_ENV)?;
            let prefix = match rest.strip_prefix('_') {
                Some(prefix) => prefix.to_owned(),
                None if rest.is_empty() => String::new(),
                None => return None,
            };
            Some((prefix, value))
        });
        let from_args = self.ticket_urls.iter().map(|pair| {
            let (prefix, template) = pair.split_once('=').unwrap_or(("", pair));
            (prefix.to_owned(), template.to_owned())
        });
        let pairs: Vec<(String, String)> = from_env.chain(from_args).collect();
        TicketLinks::new(pairs.iter().map(|(p, t)| (p.as_str(), t.as_str())))
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
