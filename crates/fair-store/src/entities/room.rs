use sea_orm::entity::prelude::*;

/// A live room: one per meeting (made when someone first enters) or one an organiser
/// created. `last_seq` is the sequence number of its latest chat message.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rooms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `meeting` or `organiser`.
    pub kind: String,
    #[sea_orm(unique)]
    pub meeting_id: Option<Uuid>,
    pub title: String,
    pub created_by: Option<Uuid>,
    pub last_seq: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
