use sea_orm::entity::prelude::*;

use super::IdList;

/// A 1:1 meeting between a buyer company and a supplier, from request to accepted
/// (with a slot, a table or an online room, maybe an interpreter) or ended.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub buyer_id: Uuid,
    pub supplier_id: Uuid,
    pub requested_by_side: String,
    pub requested_by: Option<Uuid>,
    pub buyer_user_id: Option<Uuid>,
    pub supplier_staff_id: Option<Uuid>,
    /// `requested`, `accepted`, `declined`, `cancelled` or `expired`.
    pub status: String,
    pub slot_id: Option<Uuid>,
    pub proposed_slot_id: Option<Uuid>,
    pub proposed_by: Option<String>,
    /// `onsite` or `online`.
    pub mode: String,
    pub table_id: Option<Uuid>,
    pub interpreter_id: Option<Uuid>,
    pub message: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub product_ids: IdList,
    /// `request`, `scheduler` or `organiser`.
    pub origin: String,
    pub locked: bool,
    /// Raised on every change: the calendar's SEQUENCE.
    pub sequence: i32,
    pub expires_at: Option<DateTimeUtc>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
