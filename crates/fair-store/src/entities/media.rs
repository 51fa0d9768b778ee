use sea_orm::entity::prelude::*;

use super::I18n;

/// An uploaded file's record; the bytes live in the blob store under `storage_key`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "media")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub kind: String,
    pub content_type: String,
    pub byte_size: i64,
    /// The uploader's file name, cleaned, for display only: never part of a path.
    pub file_name: Option<String>,
    pub sha256: String,
    #[sea_orm(unique)]
    pub storage_key: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub caption: I18n,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
