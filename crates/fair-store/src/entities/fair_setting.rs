use sea_orm::entity::prelude::*;

/// The fair's set-up (one row, id 1).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub name: String,
    /// IANA zone the fair runs in (Asia/Ho_Chi_Minh).
    pub time_zone: String,
    pub slot_minutes: i32,
    pub buyer_min_meetings: i32,
    pub buyer_max_meetings: i32,
    pub supplier_min_meetings: i32,
    pub supplier_max_meetings: i32,
    /// A request nobody answers expires after this long.
    pub request_ttl_hours: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
