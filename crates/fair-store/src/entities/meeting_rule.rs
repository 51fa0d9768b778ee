use sea_orm::entity::prelude::*;

/// Who may meet whom: `deny` rules exclude pairs; `allow` rules, once a buyer matches
/// any, limit that buyer to the suppliers they allow.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub effect: String,
    pub buyer_country: Option<String>,
    pub buyer_id: Option<Uuid>,
    pub supplier_sector: Option<String>,
    pub supplier_id: Option<Uuid>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
