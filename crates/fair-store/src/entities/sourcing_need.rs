use sea_orm::entity::prelude::*;

use super::StringList;

/// What a buyer company wants to source, written in the buyer's language.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sourcing_needs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub created_by: Option<Uuid>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub language: String,
    pub product_group: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub processes: StringList,
    pub hs_code: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub required_certifications: StringList,
    pub annual_volume: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
