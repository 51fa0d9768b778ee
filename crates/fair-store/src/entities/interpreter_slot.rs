use sea_orm::entity::prelude::*;

/// A slot an interpreter works in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interpreter_slots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub interpreter_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub slot_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
