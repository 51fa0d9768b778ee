use sea_orm::{DbErr, RuntimeErr, SqlErr};

/// What can go wrong in the store, in terms callers can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write; `constraint` names it (backend wording).
    #[error("conflicts with existing data ({constraint})")]
    Conflict { constraint: String },
    /// A foreign key refused the write: the referenced row does not exist.
    #[error("refers to data that does not exist ({constraint})")]
    MissingReference { constraint: String },
    /// A condition of the write no longer held (e.g. an invitation already used).
    #[error("{0}")]
    Precondition(&'static str),
    #[error("database unavailable")]
    Unavailable(#[source] DbErr),
    #[error("database error")]
    Database(#[source] DbErr),
    #[error("file storage error")]
    Blob(#[source] std::io::Error),
    #[error("{0}")]
    Config(String),
}

impl StoreError {
    /// Whether this is a unique-constraint conflict whose name mentions `needle`
    /// (SQLite says `booths.slug`, PostgreSQL `booths_slug_key`: both contain `slug`).
    pub fn is_conflict_on(&self, needle: &str) -> bool {
        matches!(self, Self::Conflict { constraint } if constraint.contains(needle))
    }
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(constraint)) => return Self::Conflict { constraint },
            Some(SqlErr::ForeignKeyConstraintViolation(constraint)) => {
                return Self::MissingReference { constraint };
            }
            _ => {}
        }
        match err {
            DbErr::RecordNotFound(_) | DbErr::RecordNotUpdated => Self::NotFound,
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => Self::Unavailable(err),
            DbErr::Exec(RuntimeErr::SqlxError(ref sqlx)) | DbErr::Query(RuntimeErr::SqlxError(ref sqlx))
                if is_connection_error(sqlx) =>
            {
                Self::Unavailable(err)
            }
            other => Self::Database(other),
        }
    }
}

fn is_connection_error(err: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    matches!(err, Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed | Error::Tls(_))
}
