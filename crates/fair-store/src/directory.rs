//! Reads for the public directory and open data: whole exhibitors with their
//! catalogue and certificates, loaded in a few set-wise queries.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{booth, certification, invitation, organisation, product, sourcing_need, staff_member, user};
use crate::{Exhibitor, Store, StoreResult};

/// Which exhibitors to load.
#[derive(Clone, Debug)]
pub enum RecordFilter {
    /// Every published exhibitor (the directory).
    Published,
    /// These exhibitors, published or not.
    Ids(Vec<Uuid>),
}

/// An exhibitor with everything the directory indexes.
#[derive(Clone, Debug)]
pub struct ExhibitorRecord {
    pub exhibitor: Exhibitor,
    pub products: Vec<product::Model>,
    pub certifications: Vec<certification::Model>,
    pub staff: Vec<staff_member::Model>,
}

/// Rows to insert in one transaction (bulk loads such as the demo seed).
#[derive(Clone, Debug, Default)]
pub struct BulkInsert {
    pub organisations: Vec<organisation::Model>,
    pub booths: Vec<booth::Model>,
    pub users: Vec<user::Model>,
    pub staff: Vec<staff_member::Model>,
    pub products: Vec<product::Model>,
    pub certifications: Vec<certification::Model>,
    pub needs: Vec<sourcing_need::Model>,
    pub invitations: Vec<invitation::Model>,
}

impl BulkInsert {
    pub fn rows(&self) -> usize {
        self.organisations.len()
            + self.booths.len()
            + self.users.len()
            + self.staff.len()
            + self.products.len()
            + self.certifications.len()
            + self.needs.len()
            + self.invitations.len()
    }
}

/// Rows per INSERT statement: well under SQLite's and PostgreSQL's bind limits.
const CHUNK: usize = 200;

macro_rules! insert_chunks {
    ($tx:expr, $entity:path, $rows:expr) => {
        for chunk in $rows.chunks(CHUNK) {
            <$entity>::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec_without_returning($tx)
                .await?;
        }
    };
}

impl Store {
    /// Exhibitors with their products and certificates, in creation order.
    pub async fn exhibitor_records(&self, filter: &RecordFilter) -> StoreResult<Vec<ExhibitorRecord>> {
        let mut query = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq("supplier"))
            .find_also_related(booth::Entity)
            .order_by_asc(organisation::Column::Id);
        query = match filter {
            RecordFilter::Ids(ids) => query.filter(organisation::Column::Id.is_in(ids.iter().copied())),
            RecordFilter::Published => query.filter(booth::Column::Published.eq(true)),
        };
        let exhibitors: Vec<Exhibitor> = query
            .all(self.db())
            .await?
            .into_iter()
            .filter_map(|(organisation, booth)| booth.map(|booth| Exhibitor { organisation, booth }))
            .collect();

        let mut staff: HashMap<Uuid, Vec<staff_member::Model>> = HashMap::new();
        let mut staff_query = staff_member::Entity::find().order_by_asc(staff_member::Column::Id);
        if let RecordFilter::Ids(ids) = filter {
            staff_query = staff_query.filter(staff_member::Column::OrganisationId.is_in(ids.iter().copied()));
        }
        for member in staff_query.all(self.db()).await? {
            staff.entry(member.organisation_id).or_default().push(member);
        }
        let mut products: HashMap<Uuid, Vec<product::Model>> = HashMap::new();
        let mut certifications: HashMap<Uuid, Vec<certification::Model>> = HashMap::new();
        let mut product_query = product::Entity::find().order_by_asc(product::Column::Id);
        let mut certification_query = certification::Entity::find().order_by_asc(certification::Column::Id);
        if let RecordFilter::Ids(ids) = filter {
            product_query = product_query.filter(product::Column::OrganisationId.is_in(ids.iter().copied()));
            certification_query =
                certification_query.filter(certification::Column::OrganisationId.is_in(ids.iter().copied()));
        }
        for product in product_query.all(self.db()).await? {
            products.entry(product.organisation_id).or_default().push(product);
        }
        for certification in certification_query.all(self.db()).await? {
            certifications.entry(certification.organisation_id).or_default().push(certification);
        }
        Ok(exhibitors
            .into_iter()
            .map(|exhibitor| ExhibitorRecord {
                products: products.remove(&exhibitor.id()).unwrap_or_default(),
                certifications: certifications.remove(&exhibitor.id()).unwrap_or_default(),
                staff: staff.remove(&exhibitor.id()).unwrap_or_default(),
                exhibitor,
            })
            .collect())
    }

    /// Buyer companies per country code.
    pub async fn buyer_counts_by_country(&self) -> StoreResult<Vec<(String, i64)>> {
        Ok(organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Country)
            .column_as(organisation::Column::Id.count(), "count")
            .filter(organisation::Column::Kind.eq("buyer"))
            .group_by(organisation::Column::Country)
            .into_tuple()
            .all(self.db())
            .await?)
    }

    pub async fn count_organisations(&self, kind: &str) -> StoreResult<u64> {
        Ok(organisation::Entity::find().filter(organisation::Column::Kind.eq(kind)).count(self.db()).await?)
    }

    /// Inserts everything in one transaction, in foreign-key order.
    pub async fn insert_bulk(&self, batch: &BulkInsert) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        insert_chunks!(&tx, organisation::Entity, batch.organisations);
        insert_chunks!(&tx, booth::Entity, batch.booths);
        insert_chunks!(&tx, user::Entity, batch.users);
        insert_chunks!(&tx, staff_member::Entity, batch.staff);
        insert_chunks!(&tx, product::Entity, batch.products);
        insert_chunks!(&tx, certification::Entity, batch.certifications);
        insert_chunks!(&tx, sourcing_need::Entity, batch.needs);
        insert_chunks!(&tx, invitation::Entity, batch.invitations);
        tx.commit().await?;
        Ok(())
    }
}
