use sea_orm::entity::prelude::*;

use super::{I18n, StringList};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    #[sea_orm(column_type = "JsonBinary")]
    pub name: I18n,
    #[sea_orm(column_type = "JsonBinary")]
    pub description: I18n,
    pub product_group: String,
    pub hs_code: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub processes: StringList,
    #[sea_orm(column_type = "JsonBinary")]
    pub materials: StringList,
    pub moq: Option<i64>,
    pub monthly_capacity: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
    pub photo_media_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
