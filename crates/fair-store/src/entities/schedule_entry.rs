use sea_orm::entity::prelude::*;

/// A meeting in a scheduler run.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "schedule_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    pub buyer_id: Uuid,
    pub supplier_id: Uuid,
    pub slot_id: Uuid,
    pub table_id: Option<Uuid>,
    pub interpreter_id: Option<Uuid>,
    /// The accepted meeting this entry keeps, if it was one already.
    pub meeting_id: Option<Uuid>,
    pub locked: bool,
    pub score: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
