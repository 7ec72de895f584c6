//! Opening the database: the file and its folder are created on first run, and migrations
//! are applied before the server accepts a request.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// Opens (creating if needed) the database at `url` and migrates it.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let file = options.get_filename();
    if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty())
        && file.as_os_str() != ":memory:"
    {
        std::fs::create_dir_all(folder)?;
    }
    // SQLite runs each connection on a worker thread; on a small machine a few connections
    // serve more requests than many, which only add thread switches and page caches
    // (measured with server/benches/load.sh on 2 cores).
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .min_connections(1)
        // An embedded database cannot drop a connection the way a network can; pinging it
        // before every query would only add a round trip to its worker thread.
        .test_before_acquire(false)
        .connect_with(options)
        .await?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Applies the migrations in `migrations/` that this database has not seen.
pub async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("../migrations").run(pool).await
}

/// Starts a transaction that holds the write lock from its first statement, so that a
/// read-then-write inside it can never fail with a stale snapshot under concurrent writers.
/// (On PostgreSQL this is a plain `BEGIN` with row locks.)
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
