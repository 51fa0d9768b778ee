//! Buyer companies and their sourcing needs.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{organisation, sourcing_need};
use crate::{Store, StoreError, StoreResult};

impl Store {
    pub async fn insert_buyer(&self, buyer: organisation::Model) -> StoreResult<organisation::Model> {
        organisation::Entity::insert(buyer.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(buyer)
    }

    pub async fn buyer(&self, id: Uuid) -> StoreResult<organisation::Model> {
        organisation::Entity::find_by_id(id)
            .filter(organisation::Column::Kind.eq("buyer"))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)
    }

    pub async fn buyers(
        &self,
        after: Option<Uuid>,
        limit: u64,
        country: Option<&str>,
    ) -> StoreResult<Vec<organisation::Model>> {
        let mut query = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq("buyer"))
            .order_by_asc(organisation::Column::Id)
            .limit(limit);
        if let Some(after) = after {
            query = query.filter(organisation::Column::Id.gt(after));
        }
        if let Some(country) = country {
            query = query.filter(organisation::Column::Country.eq(country));
        }
        Ok(query.all(self.db()).await?)
    }

    pub async fn update_buyer(&self, buyer: organisation::Model) -> StoreResult<organisation::Model> {
        use sea_orm::ActiveModelTrait;
        Ok(buyer.into_active_model().reset_all().update(self.db()).await?)
    }

    /// Open needs per buyer, for the given buyers.
    pub async fn open_need_counts(&self, buyer_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, i64>> {
        let rows: Vec<(Uuid, i64)> = sourcing_need::Entity::find()
            .select_only()
            .column(sourcing_need::Column::OrganisationId)
            .column_as(sourcing_need::Column::Id.count(), "open")
            .filter(sourcing_need::Column::OrganisationId.is_in(buyer_ids.iter().copied()))
            .filter(sourcing_need::Column::Status.eq("open"))
            .group_by(sourcing_need::Column::OrganisationId)
            .into_tuple()
            .all(self.db())
            .await?;
        Ok(rows.into_iter().collect())
    }

    pub async fn needs_of(
        &self,
        buyer_id: Uuid,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<sourcing_need::Model>> {
        let mut query = sourcing_need::Entity::find()
            .filter(sourcing_need::Column::OrganisationId.eq(buyer_id))
            .order_by_asc(sourcing_need::Column::Id)
            .limit(limit);
        if let Some(after) = after {
            query = query.filter(sourcing_need::Column::Id.gt(after));
        }
        Ok(query.all(self.db()).await?)
    }

    pub async fn count_needs(&self, buyer_id: Uuid) -> StoreResult<u64> {
        use sea_orm::PaginatorTrait;
        Ok(sourcing_need::Entity::find()
            .filter(sourcing_need::Column::OrganisationId.eq(buyer_id))
            .count(self.db())
            .await?)
    }

    pub async fn need(&self, id: Uuid) -> StoreResult<sourcing_need::Model> {
        sourcing_need::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn insert_need(&self, need: sourcing_need::Model) -> StoreResult<sourcing_need::Model> {
        sourcing_need::Entity::insert(need.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(need)
    }

    pub async fn update_need(&self, need: sourcing_need::Model) -> StoreResult<sourcing_need::Model> {
        use sea_orm::ActiveModelTrait;
        Ok(need.into_active_model().reset_all().update(self.db()).await?)
    }

    pub async fn delete_need(&self, id: Uuid) -> StoreResult<()> {
        let deleted = sourcing_need::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

impl Store {
    /// Every open need of every buyer.
    pub async fn all_open_needs(&self) -> StoreResult<Vec<sourcing_need::Model>> {
        Ok(sourcing_need::Entity::find()
            .filter(sourcing_need::Column::Status.eq("open"))
            .order_by_asc(sourcing_need::Column::Id)
            .all(self.db())
            .await?)
    }
}
