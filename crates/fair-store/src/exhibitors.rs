//! Exhibitors (supplier organisations with their booth) and what hangs off them:
//! products, certifications, media, staff and booth visits.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::{booth, booth_visit, certification, media, organisation, product, staff_member};
use crate::{Store, StoreError, StoreResult};

/// A supplier organisation and its booth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exhibitor {
    pub organisation: organisation::Model,
    pub booth: booth::Model,
}

impl Exhibitor {
    pub fn id(&self) -> Uuid {
        self.organisation.id
    }
}

fn supplier(row: (organisation::Model, Option<booth::Model>)) -> StoreResult<Exhibitor> {
    match row {
        (organisation, Some(booth)) if organisation.kind == "supplier" => Ok(Exhibitor { organisation, booth }),
        _ => Err(StoreError::NotFound),
    }
}

/// Updates every column of a model that already exists; `NotFound` if it does not.
async fn update_all<A, C>(model: A, db: &C) -> StoreResult<<A::Entity as EntityTrait>::Model>
where
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: sea_orm::ConnectionTrait,
{
    Ok(model.reset_all().update(db).await?)
}

impl Store {
    /// Creates the organisation and its booth together.
    pub async fn insert_exhibitor(
        &self,
        organisation: organisation::Model,
        booth: booth::Model,
    ) -> StoreResult<Exhibitor> {
        let tx = self.write_transaction().await?;
        organisation::Entity::insert(organisation.clone().into_active_model()).exec_without_returning(&tx).await?;
        booth::Entity::insert(booth.clone().into_active_model()).exec_without_returning(&tx).await?;
        tx.commit().await?;
        Ok(Exhibitor { organisation, booth })
    }

    pub async fn exhibitor(&self, id: Uuid) -> StoreResult<Exhibitor> {
        let row = organisation::Entity::find_by_id(id)
            .find_also_related(booth::Entity)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        supplier(row)
    }

    pub async fn exhibitor_by_slug(&self, slug: &str) -> StoreResult<Exhibitor> {
        let row = booth::Entity::find()
            .filter(booth::Column::Slug.eq(slug))
            .find_also_related(organisation::Entity)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        match row {
            (booth, Some(organisation)) => supplier((organisation, Some(booth))),
            _ => Err(StoreError::NotFound),
        }
    }

    /// Exhibitors in creation order, after the cursor `after`.
    pub async fn exhibitors(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Exhibitor>> {
        let mut query = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq("supplier"))
            .find_also_related(booth::Entity)
            .order_by_asc(organisation::Column::Id)
            .limit(limit);
        if let Some(after) = after {
            query = query.filter(organisation::Column::Id.gt(after));
        }
        query.all(self.db()).await?.into_iter().map(supplier).collect()
    }

    /// Saves the organisation's profile and the booth's publication state.
    pub async fn update_exhibitor_profile(
        &self,
        organisation: organisation::Model,
        published: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<Exhibitor> {
        let tx = self.write_transaction().await?;
        let organisation = update_all(organisation.into_active_model(), &tx).await?;
        booth::Entity::update_many()
            .col_expr(booth::Column::Published, Expr::value(published))
            .col_expr(booth::Column::UpdatedAt, Expr::value(now))
            .filter(booth::Column::OrganisationId.eq(organisation.id))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        self.exhibitor(organisation.id).await
    }

    /// Moves the booth to a hall and stand (`Conflict` on `stand` if taken).
    pub async fn update_booth_placement(
        &self,
        organisation_id: Uuid,
        hall: Option<String>,
        stand: Option<String>,
        online_booth: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<Exhibitor> {
        let result = booth::Entity::update_many()
            .col_expr(booth::Column::Hall, Expr::value(hall))
            .col_expr(booth::Column::Stand, Expr::value(stand))
            .col_expr(booth::Column::OnlineBooth, Expr::value(online_booth))
            .col_expr(booth::Column::UpdatedAt, Expr::value(now))
            .filter(booth::Column::OrganisationId.eq(organisation_id))
            .exec(self.db())
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        self.exhibitor(organisation_id).await
    }

    pub async fn set_booth_logo(
        &self,
        organisation_id: Uuid,
        logo: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        booth::Entity::update_many()
            .col_expr(booth::Column::LogoMediaId, Expr::value(logo))
            .col_expr(booth::Column::UpdatedAt, Expr::value(now))
            .filter(booth::Column::OrganisationId.eq(organisation_id))
            .exec(self.db())
            .await?;
        Ok(())
    }

    /// Deletes an organisation and, by cascade, everything it owns. Returns the
    /// storage keys of its media so the caller can remove the files.
    pub async fn delete_organisation(&self, id: Uuid) -> StoreResult<Vec<String>> {
        let tx = self.write_transaction().await?;
        let keys: Vec<String> = media::Entity::find()
            .select_only()
            .column(media::Column::StorageKey)
            .filter(media::Column::OrganisationId.eq(id))
            .into_tuple()
            .all(&tx)
            .await?;
        let deleted = organisation::Entity::delete_by_id(id).exec(&tx).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(keys)
    }

    // Products

    pub async fn products_of(
        &self,
        organisation_id: Uuid,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<product::Model>> {
        let mut query = product::Entity::find()
            .filter(product::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(product::Column::Id)
            .limit(limit);
        if let Some(after) = after {
            query = query.filter(product::Column::Id.gt(after));
        }
        Ok(query.all(self.db()).await?)
    }

    pub async fn count_products(&self, organisation_id: Uuid) -> StoreResult<u64> {
        Ok(product::Entity::find().filter(product::Column::OrganisationId.eq(organisation_id)).count(self.db()).await?)
    }

    pub async fn product(&self, id: Uuid) -> StoreResult<product::Model> {
        product::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn insert_product(&self, product: product::Model) -> StoreResult<product::Model> {
        product::Entity::insert(product.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(product)
    }

    pub async fn update_product(&self, product: product::Model) -> StoreResult<product::Model> {
        update_all(product.into_active_model(), self.db()).await
    }

    pub async fn delete_product(&self, id: Uuid) -> StoreResult<()> {
        let deleted = product::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // Certifications

    pub async fn certifications_of(&self, organisation_id: Uuid) -> StoreResult<Vec<certification::Model>> {
        Ok(certification::Entity::find()
            .filter(certification::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(certification::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn count_certifications(&self, organisation_id: Uuid) -> StoreResult<u64> {
        Ok(certification::Entity::find()
            .filter(certification::Column::OrganisationId.eq(organisation_id))
            .count(self.db())
            .await?)
    }

    pub async fn certification(&self, id: Uuid) -> StoreResult<certification::Model> {
        certification::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn insert_certification(&self, certification: certification::Model) -> StoreResult<certification::Model> {
        certification::Entity::insert(certification.clone().into_active_model())
            .exec_without_returning(self.db())
            .await?;
        Ok(certification)
    }

    pub async fn update_certification(&self, certification: certification::Model) -> StoreResult<certification::Model> {
        update_all(certification.into_active_model(), self.db()).await
    }

    pub async fn delete_certification(&self, id: Uuid) -> StoreResult<()> {
        let deleted = certification::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // Media

    pub async fn media_of(&self, organisation_id: Uuid) -> StoreResult<Vec<media::Model>> {
        Ok(media::Entity::find()
            .filter(media::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(media::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn count_media(&self, organisation_id: Uuid, kind: &str) -> StoreResult<u64> {
        Ok(media::Entity::find()
            .filter(media::Column::OrganisationId.eq(organisation_id))
            .filter(media::Column::Kind.eq(kind))
            .count(self.db())
            .await?)
    }

    pub async fn media(&self, id: Uuid) -> StoreResult<media::Model> {
        media::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn insert_media(&self, media: media::Model) -> StoreResult<media::Model> {
        media::Entity::insert(media.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(media)
    }

    /// Deletes the record (references to it become null); returns its storage key.
    pub async fn delete_media(&self, id: Uuid) -> StoreResult<String> {
        let found = self.media(id).await?;
        media::Entity::delete_by_id(id).exec(self.db()).await?;
        Ok(found.storage_key)
    }

    // Staff

    pub async fn staff_of(&self, organisation_id: Uuid) -> StoreResult<Vec<staff_member::Model>> {
        Ok(staff_member::Entity::find()
            .filter(staff_member::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(staff_member::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn count_staff(&self, organisation_id: Uuid) -> StoreResult<u64> {
        Ok(staff_member::Entity::find()
            .filter(staff_member::Column::OrganisationId.eq(organisation_id))
            .count(self.db())
            .await?)
    }

    pub async fn staff_member(&self, id: Uuid) -> StoreResult<staff_member::Model> {
        staff_member::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn insert_staff_member(&self, member: staff_member::Model) -> StoreResult<staff_member::Model> {
        staff_member::Entity::insert(member.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(member)
    }

    pub async fn update_staff_member(&self, member: staff_member::Model) -> StoreResult<staff_member::Model> {
        update_all(member.into_active_model(), self.db()).await
    }

    pub async fn delete_staff_member(&self, id: Uuid) -> StoreResult<()> {
        let deleted = staff_member::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // Visits

    /// Stores a batch of booth visits and raises each booth's view count, in one
    /// transaction (visits arrive batched from an in-memory buffer).
    pub async fn record_booth_visits(&self, visits: Vec<booth_visit::Model>) -> StoreResult<()> {
        if visits.is_empty() {
            return Ok(());
        }
        let mut per_booth: HashMap<Uuid, i64> = HashMap::new();
        for visit in &visits {
            *per_booth.entry(visit.booth_id).or_default() += 1;
        }
        let tx = self.write_transaction().await?;
        for chunk in visits.chunks(500) {
            booth_visit::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec_without_returning(&tx)
                .await?;
        }
        for (booth_id, count) in per_booth {
            booth::Entity::update_many()
                .col_expr(booth::Column::ViewCount, Expr::col(booth::Column::ViewCount).add(count))
                .filter(booth::Column::Id.eq(booth_id))
                .exec(&tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Id, name and English name of every supplier, in creation order.
    pub async fn supplier_names(&self) -> StoreResult<Vec<(Uuid, String, Option<String>)>> {
        Ok(organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Id)
            .column(organisation::Column::Name)
            .column(organisation::Column::NameEn)
            .filter(organisation::Column::Kind.eq("supplier"))
            .order_by_asc(organisation::Column::Id)
            .into_tuple()
            .all(self.db())
            .await?)
    }
}
