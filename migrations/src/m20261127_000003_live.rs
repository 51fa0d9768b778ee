//! The live service: meeting and organiser rooms, their stored chat with a per-room
//! sequence number (so a client that reconnects resumes without a gap, on any
//! instance), who was in each room (meetings done or missed), and each user's consent
//! to be named in booth presence, and single-use tickets for opening a live
//! connection without the session cookie.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    PresenceVisible,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    Kind,
    MeetingId,
    Title,
    CreatedBy,
    LastSeq,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LiveTickets {
    Table,
    TokenHash,
    UserId,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum RoomInvitees {
    Table,
    RoomId,
    UserId,
}

#[derive(DeriveIden)]
enum RoomMessages {
    Table,
    RoomId,
    Seq,
    SenderId,
    SenderName,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoomAttendance {
    Table,
    RoomId,
    UserId,
    FirstJoinedAt,
    LastSeenAt,
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from_table, from_col).to(to_table, to_col).on_delete(on_delete).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Users::Table).add_column(boolean(Users::PresenceVisible).default(false)).take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LiveTickets::Table)
                    .col(string_len(LiveTickets::TokenHash, 64).primary_key())
                    .col(uuid(LiveTickets::UserId))
                    .col(timestamp_with_time_zone(LiveTickets::ExpiresAt))
                    .foreign_key(&mut fk(
                        LiveTickets::Table,
                        LiveTickets::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Rooms::Table)
                    .col(pk_uuid(Rooms::Id))
                    .col(string_len(Rooms::Kind, 20).check(Expr::col(Rooms::Kind).is_in([
                        "meeting",
                        "organiser",
                        "booth",
                    ])))
                    .col(uuid_null(Rooms::MeetingId).unique_key())
                    .col(string_len(Rooms::Title, 200))
                    .col(uuid_null(Rooms::CreatedBy))
                    .col(big_integer(Rooms::LastSeq).default(0))
                    .col(timestamp_with_time_zone(Rooms::CreatedAt))
                    .foreign_key(&mut fk(
                        Rooms::Table,
                        Rooms::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Rooms::Table,
                        Rooms::CreatedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RoomInvitees::Table)
                    .col(uuid(RoomInvitees::RoomId))
                    .col(uuid(RoomInvitees::UserId))
                    .primary_key(Index::create().col(RoomInvitees::RoomId).col(RoomInvitees::UserId))
                    .foreign_key(&mut fk(
                        RoomInvitees::Table,
                        RoomInvitees::RoomId,
                        Rooms::Table,
                        Rooms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoomInvitees::Table,
                        RoomInvitees::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RoomMessages::Table)
                    .col(uuid(RoomMessages::RoomId))
                    .col(big_integer(RoomMessages::Seq))
                    .col(uuid_null(RoomMessages::SenderId))
                    .col(string_len(RoomMessages::SenderName, 200))
                    .col(text(RoomMessages::Body))
                    .col(timestamp_with_time_zone(RoomMessages::CreatedAt))
                    .primary_key(Index::create().col(RoomMessages::RoomId).col(RoomMessages::Seq))
                    .foreign_key(&mut fk(
                        RoomMessages::Table,
                        RoomMessages::RoomId,
                        Rooms::Table,
                        Rooms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoomMessages::Table,
                        RoomMessages::SenderId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_room_messages_created_at")
                    .table(RoomMessages::Table)
                    .col(RoomMessages::CreatedAt)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RoomAttendance::Table)
                    .col(uuid(RoomAttendance::RoomId))
                    .col(uuid(RoomAttendance::UserId))
                    .col(timestamp_with_time_zone(RoomAttendance::FirstJoinedAt))
                    .col(timestamp_with_time_zone(RoomAttendance::LastSeenAt))
                    .primary_key(Index::create().col(RoomAttendance::RoomId).col(RoomAttendance::UserId))
                    .foreign_key(&mut fk(
                        RoomAttendance::Table,
                        RoomAttendance::RoomId,
                        Rooms::Table,
                        Rooms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoomAttendance::Table,
                        RoomAttendance::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RoomAttendance::Table.into_iden(),
            RoomMessages::Table.into_iden(),
            RoomInvitees::Table.into_iden(),
            Rooms::Table.into_iden(),
            LiveTickets::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).take()).await?;
        }
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::PresenceVisible).take()).await?;
        Ok(())
    }
}
