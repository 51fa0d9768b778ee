use sea_orm::entity::prelude::*;

use super::Breaks;

/// A day of the fair with its opening hours and breaks (local times, "HH:MM").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_days")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub date: Date,
    pub opens_at: String,
    pub closes_at: String,
    /// Breaks as [["12:00", "13:30"], ...].
    #[sea_orm(column_type = "JsonBinary")]
    pub breaks: Breaks,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
