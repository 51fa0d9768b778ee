use sea_orm::entity::prelude::*;

/// One counted view of a booth page (repeat views by the same visitor within the
/// de-duplication window are not stored).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booth_visits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub booth_id: Uuid,
    pub viewer_user_id: Option<Uuid>,
    pub viewer_organisation_id: Option<Uuid>,
    pub visitor_key: String,
    pub viewed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
