//! Bookkeeping: key/value facts and monotonic counters.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ConnectionTrait, EntityTrait, IntoActiveModel, QueryTrait, Set, StatementBuilder};

use crate::entities::{counter, fair_meta};
use crate::{Store, StoreError, StoreResult};

/// The counter every write that changes the public directory raises.
pub const DIRECTORY_REVISION: &str = "directory_revision";

impl Store {
    pub async fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(fair_meta::Entity::find_by_id(key.to_owned()).one(self.db()).await?.map(|row| row.value))
    }

    pub async fn set_meta(&self, key: &str, value: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let row = fair_meta::Model { key: key.to_owned(), value: value.to_owned(), updated_at: now };
        fair_meta::Entity::insert(row.into_active_model())
            .on_conflict(
                OnConflict::column(fair_meta::Column::Key)
                    .update_columns([fair_meta::Column::Value, fair_meta::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec_without_returning(self.db())
            .await?;
        Ok(())
    }

    /// The counter's value (0 if never raised).
    pub async fn counter(&self, name: &str) -> StoreResult<i64> {
        Ok(counter::Entity::find_by_id(name.to_owned()).one(self.db()).await?.map_or(0, |row| row.value))
    }

    /// Raises the counter by one and returns the new value, atomically on both backends.
    pub async fn bump_counter(&self, name: &str) -> StoreResult<i64> {
        let mut insert = counter::Entity::insert(counter::ActiveModel { name: Set(name.to_owned()), value: Set(1) })
            .on_conflict(
                OnConflict::column(counter::Column::Name)
                    .value(counter::Column::Value, Expr::col((counter::Entity, counter::Column::Value)).add(1))
                    .to_owned(),
            )
            .into_query();
        insert.returning_col(counter::Column::Value);
        let statement = StatementBuilder::build(&insert, &self.db_backend());
        let row = self.db().query_one_raw(statement).await?.ok_or(StoreError::NotFound)?;
        Ok(row.try_get::<i64>("", "value")?)
    }
}

impl Store {
    /// Deletes every row of every table (keeps the schema). For `fair seed --force`.
    pub async fn wipe_all(&self) -> StoreResult<()> {
        use crate::entities::*;
        let tx = self.write_transaction().await?;
        // Meetings and the fair's set-up first: they point at organisations and slots.
        schedule_unplaced::Entity::delete_many().exec(&tx).await?;
        schedule_entry::Entity::delete_many().exec(&tx).await?;
        schedule_run::Entity::delete_many().exec(&tx).await?;
        idempotency_key::Entity::delete_many().exec(&tx).await?;
        calendar_feed::Entity::delete_many().exec(&tx).await?;
        meeting::Entity::delete_many().exec(&tx).await?;
        preference::Entity::delete_many().exec(&tx).await?;
        unavailable_slot::Entity::delete_many().exec(&tx).await?;
        participant_setting::Entity::delete_many().exec(&tx).await?;
        meeting_rule::Entity::delete_many().exec(&tx).await?;
        interpreter_slot::Entity::delete_many().exec(&tx).await?;
        interpreter::Entity::delete_many().exec(&tx).await?;
        meeting_table::Entity::delete_many().exec(&tx).await?;
        slot::Entity::delete_many().exec(&tx).await?;
        fair_day::Entity::delete_many().exec(&tx).await?;
        fair_setting::Entity::delete_many().exec(&tx).await?;
        booth_visit::Entity::delete_many().exec(&tx).await?;
        session::Entity::delete_many().exec(&tx).await?;
        invitation::Entity::delete_many().exec(&tx).await?;
        login_throttle::Entity::delete_many().exec(&tx).await?;
        staff_member::Entity::delete_many().exec(&tx).await?;
        sourcing_need::Entity::delete_many().exec(&tx).await?;
        certification::Entity::delete_many().exec(&tx).await?;
        product::Entity::delete_many().exec(&tx).await?;
        booth::Entity::delete_many().exec(&tx).await?;
        media::Entity::delete_many().exec(&tx).await?;
        user::Entity::delete_many().exec(&tx).await?;
        organisation::Entity::delete_many().exec(&tx).await?;
        fair_meta::Entity::delete_many().exec(&tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
