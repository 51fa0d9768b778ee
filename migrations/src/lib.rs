//! The database schema, as append-only migrations that run on SQLite and PostgreSQL.
//! Never edit a migration that has shipped: add a new file and list it last.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_foundation;
mod m20261127_000002_meetings;
mod m20261127_000003_live;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_foundation::Migration),
            Box::new(m20261127_000002_meetings::Migration),
            Box::new(m20261127_000003_live::Migration),
        ]
    }
}
