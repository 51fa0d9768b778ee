use sea_orm::entity::prelude::*;

/// A participant's own meeting targets, attendance and auto-accept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "participant_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    pub min_meetings: Option<i32>,
    pub max_meetings: Option<i32>,
    /// `onsite`, `online` or `either`.
    pub attendance: String,
    pub auto_accept: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
