use sea_orm::entity::prelude::*;

/// What one participant said about another: `must`, `meet` or `no`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "preferences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub from_org: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub to_org: Uuid,
    pub level: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
