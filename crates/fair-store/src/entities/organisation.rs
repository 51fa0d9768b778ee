use sea_orm::entity::prelude::*;

use super::{I18n, StringList};

/// A supplier (exhibitor) or buyer company.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `supplier` or `buyer`.
    pub kind: String,
    pub name: String,
    pub name_en: Option<String>,
    pub name_local: Option<String>,
    pub country: String,
    pub province: Option<String>,
    pub industrial_park: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    pub employees: Option<i32>,
    pub founded_year: Option<i32>,
    pub vsic: Option<String>,
    pub business_type: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub export_markets: StringList,
    #[sea_orm(column_type = "JsonBinary")]
    pub languages: StringList,
    pub time_zone: String,
    pub industry: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub headline: I18n,
    #[sea_orm(column_type = "JsonBinary")]
    pub about: I18n,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_one = "super::booth::Entity")]
    Booth,
}

impl Related<super::booth::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booth.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
