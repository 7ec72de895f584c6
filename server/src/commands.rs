//! The commands of the binary besides serving: each opens the database as the server does
//! (creating and migrating it) and calls the same code the web routes call.

use crate::config::Config;
use anyhow::Context;
use app::model::import::ImportReport;
use app::model::query::ListQuery;
use app::ssr::actor::Actor;
use app::ssr::clock;
use app::ssr::db;
use app::ssr::export::{Form, files};
use app::ssr::import::{self, sources};
use std::path::Path;

/// `tradeoff export DIR`: the files of `/export.zip`, written below `dir`. Returns how many.
pub async fn export(config: &Config, dir: &Path, form: Form) -> anyhow::Result<usize> {
    let pool = db::connect(&config.database_url).await?;
    let public_url = config.public_url_for(config.site_addr);
    let numbers = files::selected(&pool, &ListQuery::default()).await?;
    let files = files::many(&pool, &public_url, &numbers, form).await?;
    pool.close().await;
    for file in &files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(files.len())
}

/// `tradeoff import DIR`: the ADR files below `dir`, into the log.
pub async fn import(config: &Config, dir: &Path) -> anyhow::Result<ImportReport> {
    if !dir.is_dir() {
        anyhow::bail!("{} is not a folder", dir.display());
    }
    let tree = sources::read_dir(dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = db::connect(&config.database_url).await?;
    let report = import::import(
        &pool,
        &Actor::anonymous(),
        &tree,
        &clock::today(),
        &clock::now(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"));
    pool.close().await;
    report
}
