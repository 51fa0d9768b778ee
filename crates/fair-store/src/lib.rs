//! Persistence. The only crate that speaks SQL: sea-orm entities and the repository
//! methods on [`Store`], over SQLite (the embedded default) or PostgreSQL, with the
//! same schema from `fair-migrations`. Uploaded bytes go through [`blobs::BlobStore`].
//!
//! Errors are [`StoreError`]s: callers see "not found", "conflict on X" or
//! "unavailable", never a driver error.

pub mod accounts;
pub mod blobs;
pub mod buyers;
pub mod directory;
pub mod entities;
mod error;
pub mod exhibitors;
pub mod live;
pub mod meetings;
pub mod meta;

use std::path::Path;
use std::time::Duration;

use fair_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

pub use error::StoreError;
pub use exhibitors::Exhibitor;

pub type StoreResult<T> = Result<T, StoreError>;

/// Which database the store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Connection settings.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
    /// How long SQLite waits on a locked database before giving up.
    pub sqlite_busy_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
            sqlite_busy_timeout: Duration::from_secs(5),
        }
    }
}

/// The database, shared by every request (cheap to clone).
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    backend: Backend,
}

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`). SQLite runs in
    /// WAL mode with foreign keys on and a busy timeout, so readers never block the
    /// writer and concurrent writers wait instead of failing.
    pub async fn connect(url: &str, options: &StoreOptions) -> StoreResult<Self> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Config("database URL must start with sqlite: or postgres:".to_owned()));
        };
        let mut connect = ConnectOptions::new(url.to_owned());
        connect
            .max_connections(options.max_connections)
            .min_connections(1)
            .acquire_timeout(options.acquire_timeout)
            .connect_timeout(options.acquire_timeout)
            .sqlx_logging(false);
        if backend == Backend::Sqlite {
            let busy = options.sqlite_busy_timeout;
            connect.map_sqlx_sqlite_opts(move |opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(busy)
                    .create_if_missing(true)
            });
        }
        let db = Database::connect(connect).await.map_err(StoreError::from)?;
        Ok(Self { db, backend })
    }

    /// A SQLite store in a file, for tools and tests.
    pub async fn open_sqlite_file(path: &Path) -> StoreResult<Self> {
        Self::connect(&format!("sqlite://{}?mode=rwc", path.display()), &StoreOptions::default()).await
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> StoreResult<()> {
        Migrator::up(&self.db, None).await.map_err(StoreError::from)
    }

    /// Names of migrations not yet applied.
    pub async fn pending_migrations(&self) -> StoreResult<Vec<String>> {
        let pending = Migrator::get_pending_migrations(&self.db).await.map_err(StoreError::from)?;
        Ok(pending.iter().map(|m| m.name().to_owned()).collect())
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> StoreResult<()> {
        self.db.execute_unprepared("SELECT 1").await.map_err(StoreError::from)?;
        Ok(())
    }

    /// Closes the pool (at shutdown), so SQLite checkpoints its WAL.
    pub async fn close(self) -> StoreResult<()> {
        self.db.close().await.map_err(StoreError::from)
    }

    /// A transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred transaction that later upgrades can fail with
    /// "database is locked" instead of waiting its turn.
    pub(crate) async fn write_transaction(&self) -> StoreResult<DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend == Backend::Sqlite).then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        self.db.begin_with_options(options).await.map_err(StoreError::from)
    }

    pub(crate) fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub(crate) fn db_backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }
}
