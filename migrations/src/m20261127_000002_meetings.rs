//! Fair set-up (days, slots, tables, interpreters, participant targets and
//! availability, rules), preferences, meetings with the constraints that make double
//! booking impossible, idempotency keys, calendar feeds, and scheduler runs.
//!
//! The invariant "nobody, no table and no interpreter is in two meetings in one slot"
//! is held by partial unique indexes over accepted meetings, which every state
//! change (insert, accept, move, cancel) hits on SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffMembers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FairSettings {
    Table,
    Id,
    Name,
    TimeZone,
    SlotMinutes,
    BuyerMinMeetings,
    BuyerMaxMeetings,
    SupplierMinMeetings,
    SupplierMaxMeetings,
    RequestTtlHours,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FairDays {
    Table,
    Id,
    Date,
    OpensAt,
    ClosesAt,
    Breaks,
}

#[derive(DeriveIden)]
enum Slots {
    Table,
    Id,
    DayId,
    StartsAt,
    EndsAt,
    Ordinal,
}

#[derive(DeriveIden)]
enum MeetingTables {
    Table,
    Id,
    Hall,
    Label,
    Active,
}

#[derive(DeriveIden)]
enum Interpreters {
    Table,
    Id,
    Name,
    Language,
    Email,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InterpreterSlots {
    Table,
    InterpreterId,
    SlotId,
}

#[derive(DeriveIden)]
enum ParticipantSettings {
    Table,
    OrganisationId,
    MinMeetings,
    MaxMeetings,
    Attendance,
    AutoAccept,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UnavailableSlots {
    Table,
    OrganisationId,
    SlotId,
}

#[derive(DeriveIden)]
enum MeetingRules {
    Table,
    Id,
    Effect,
    BuyerCountry,
    BuyerId,
    SupplierSector,
    SupplierId,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Preferences {
    Table,
    FromOrg,
    ToOrg,
    Level,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    BuyerId,
    SupplierId,
    RequestedBySide,
    RequestedBy,
    BuyerUserId,
    SupplierStaffId,
    Status,
    SlotId,
    ProposedSlotId,
    ProposedBy,
    Mode,
    TableId,
    InterpreterId,
    Message,
    ProductIds,
    Origin,
    Locked,
    Sequence,
    ExpiresAt,
    CancelReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    RequestHash,
    Status,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    UserId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScheduleRuns {
    Table,
    Id,
    State,
    CreatedBy,
    CreatedAt,
    PublishedAt,
    Stats,
}

#[derive(DeriveIden)]
enum ScheduleEntries {
    Table,
    Id,
    RunId,
    BuyerId,
    SupplierId,
    SlotId,
    TableId,
    InterpreterId,
    MeetingId,
    Locked,
    Score,
}

#[derive(DeriveIden)]
enum ScheduleUnplaced {
    Table,
    Id,
    RunId,
    BuyerId,
    SupplierId,
    Reason,
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
            .create_table(
                Table::create()
                    .table(FairSettings::Table)
                    .col(integer(FairSettings::Id).primary_key())
                    .col(string_len(FairSettings::Name, 200))
                    .col(string_len(FairSettings::TimeZone, 64))
                    .col(integer(FairSettings::SlotMinutes).check(Expr::col(FairSettings::SlotMinutes).between(5, 240)))
                    .col(integer(FairSettings::BuyerMinMeetings))
                    .col(integer(FairSettings::BuyerMaxMeetings))
                    .col(integer(FairSettings::SupplierMinMeetings))
                    .col(integer(FairSettings::SupplierMaxMeetings))
                    .col(integer(FairSettings::RequestTtlHours))
                    .col(timestamp_with_time_zone(FairSettings::UpdatedAt))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairDays::Table)
                    .col(pk_uuid(FairDays::Id))
                    .col(date(FairDays::Date).unique_key())
                    .col(string_len(FairDays::OpensAt, 5))
                    .col(string_len(FairDays::ClosesAt, 5))
                    .col(json_binary(FairDays::Breaks))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Slots::Table)
                    .col(pk_uuid(Slots::Id))
                    .col(uuid(Slots::DayId))
                    .col(timestamp_with_time_zone(Slots::StartsAt).unique_key())
                    .col(timestamp_with_time_zone(Slots::EndsAt))
                    .col(integer(Slots::Ordinal))
                    .foreign_key(&mut fk(
                        Slots::Table,
                        Slots::DayId,
                        FairDays::Table,
                        FairDays::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MeetingTables::Table)
                    .col(pk_uuid(MeetingTables::Id))
                    .col(string_len(MeetingTables::Hall, 20))
                    .col(string_len(MeetingTables::Label, 20).unique_key())
                    .col(boolean(MeetingTables::Active).default(true))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Interpreters::Table)
                    .col(pk_uuid(Interpreters::Id))
                    .col(string_len(Interpreters::Name, 120))
                    .col(string_len(Interpreters::Language, 8))
                    .col(string_len_null(Interpreters::Email, 254))
                    .col(timestamp_with_time_zone(Interpreters::CreatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InterpreterSlots::Table)
                    .col(uuid(InterpreterSlots::InterpreterId))
                    .col(uuid(InterpreterSlots::SlotId))
                    .primary_key(Index::create().col(InterpreterSlots::InterpreterId).col(InterpreterSlots::SlotId))
                    .foreign_key(&mut fk(
                        InterpreterSlots::Table,
                        InterpreterSlots::InterpreterId,
                        Interpreters::Table,
                        Interpreters::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        InterpreterSlots::Table,
                        InterpreterSlots::SlotId,
                        Slots::Table,
                        Slots::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ParticipantSettings::Table)
                    .col(uuid(ParticipantSettings::OrganisationId).primary_key())
                    .col(integer_null(ParticipantSettings::MinMeetings))
                    .col(integer_null(ParticipantSettings::MaxMeetings))
                    .col(
                        string_len(ParticipantSettings::Attendance, 8)
                            .check(Expr::col(ParticipantSettings::Attendance).is_in(["onsite", "online", "either"])),
                    )
                    .col(boolean(ParticipantSettings::AutoAccept).default(false))
                    .col(timestamp_with_time_zone(ParticipantSettings::UpdatedAt))
                    .foreign_key(&mut fk(
                        ParticipantSettings::Table,
                        ParticipantSettings::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UnavailableSlots::Table)
                    .col(uuid(UnavailableSlots::OrganisationId))
                    .col(uuid(UnavailableSlots::SlotId))
                    .primary_key(Index::create().col(UnavailableSlots::OrganisationId).col(UnavailableSlots::SlotId))
                    .foreign_key(&mut fk(
                        UnavailableSlots::Table,
                        UnavailableSlots::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        UnavailableSlots::Table,
                        UnavailableSlots::SlotId,
                        Slots::Table,
                        Slots::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MeetingRules::Table)
                    .col(pk_uuid(MeetingRules::Id))
                    .col(
                        string_len(MeetingRules::Effect, 8)
                            .check(Expr::col(MeetingRules::Effect).is_in(["allow", "deny"])),
                    )
                    .col(string_len_null(MeetingRules::BuyerCountry, 2))
                    .col(uuid_null(MeetingRules::BuyerId))
                    .col(string_len_null(MeetingRules::SupplierSector, 2))
                    .col(uuid_null(MeetingRules::SupplierId))
                    .col(string_len_null(MeetingRules::Note, 300))
                    .col(timestamp_with_time_zone(MeetingRules::CreatedAt))
                    .foreign_key(&mut fk(
                        MeetingRules::Table,
                        MeetingRules::BuyerId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingRules::Table,
                        MeetingRules::SupplierId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Preferences::Table)
                    .col(uuid(Preferences::FromOrg))
                    .col(uuid(Preferences::ToOrg))
                    .col(
                        string_len(Preferences::Level, 8)
                            .check(Expr::col(Preferences::Level).is_in(["must", "meet", "no"])),
                    )
                    .col(timestamp_with_time_zone(Preferences::UpdatedAt))
                    .primary_key(Index::create().col(Preferences::FromOrg).col(Preferences::ToOrg))
                    .foreign_key(&mut fk(
                        Preferences::Table,
                        Preferences::FromOrg,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Preferences::Table,
                        Preferences::ToOrg,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Meetings::Table)
                    .col(pk_uuid(Meetings::Id))
                    .col(uuid(Meetings::BuyerId))
                    .col(uuid(Meetings::SupplierId))
                    .col(string_len(Meetings::RequestedBySide, 10).check(Expr::col(Meetings::RequestedBySide).is_in([
                        "buyer",
                        "supplier",
                        "organiser",
                    ])))
                    .col(uuid_null(Meetings::RequestedBy))
                    .col(uuid_null(Meetings::BuyerUserId))
                    .col(uuid_null(Meetings::SupplierStaffId))
                    .col(string_len(Meetings::Status, 10).check(Expr::col(Meetings::Status).is_in([
                        "requested",
                        "accepted",
                        "declined",
                        "cancelled",
                        "expired",
                    ])))
                    .col(uuid_null(Meetings::SlotId))
                    .col(uuid_null(Meetings::ProposedSlotId))
                    .col(string_len_null(Meetings::ProposedBy, 10))
                    .col(string_len(Meetings::Mode, 8).check(Expr::col(Meetings::Mode).is_in(["onsite", "online"])))
                    .col(uuid_null(Meetings::TableId))
                    .col(uuid_null(Meetings::InterpreterId))
                    .col(string_len_null(Meetings::Message, 2000))
                    .col(json_binary(Meetings::ProductIds))
                    .col(string_len(Meetings::Origin, 10).check(Expr::col(Meetings::Origin).is_in([
                        "request",
                        "scheduler",
                        "organiser",
                    ])))
                    .col(boolean(Meetings::Locked).default(false))
                    .col(integer(Meetings::Sequence).default(0))
                    .col(timestamp_with_time_zone_null(Meetings::ExpiresAt))
                    .col(string_len_null(Meetings::CancelReason, 500))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                    // An accepted meeting has a slot; an online one has no table.
                    .check(Expr::col(Meetings::Status).ne("accepted").or(Expr::col(Meetings::SlotId).is_not_null()))
                    .check(Expr::col(Meetings::Mode).eq("onsite").or(Expr::col(Meetings::TableId).is_null()))
                    .check(Expr::col(Meetings::BuyerId).ne(Expr::col(Meetings::SupplierId)))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::BuyerId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::SupplierId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::RequestedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::BuyerUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::SupplierStaffId,
                        StaffMembers::Table,
                        StaffMembers::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::SlotId,
                        Slots::Table,
                        Slots::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::ProposedSlotId,
                        Slots::Table,
                        Slots::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::TableId,
                        MeetingTables::Table,
                        MeetingTables::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Meetings::Table,
                        Meetings::InterpreterId,
                        Interpreters::Table,
                        Interpreters::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        // The no-double-booking invariant, in the database. Partial unique indexes are
        // the same SQL on SQLite and PostgreSQL (sea-query cannot build them).
        let connection = manager.get_connection();
        for statement in [
            "CREATE UNIQUE INDEX uq_meetings_buyer_slot ON meetings (buyer_id, slot_id) WHERE status = 'accepted'",
            "CREATE UNIQUE INDEX uq_meetings_supplier_slot ON meetings (supplier_id, slot_id) WHERE status = 'accepted'",
            "CREATE UNIQUE INDEX uq_meetings_table_slot ON meetings (table_id, slot_id) \
             WHERE status = 'accepted' AND table_id IS NOT NULL",
            "CREATE UNIQUE INDEX uq_meetings_interpreter_slot ON meetings (interpreter_id, slot_id) \
             WHERE status = 'accepted' AND interpreter_id IS NOT NULL",
            // One open request or meeting per pair at a time.
            "CREATE UNIQUE INDEX uq_meetings_open_pair ON meetings (buyer_id, supplier_id) \
             WHERE status IN ('requested', 'accepted')",
            "CREATE INDEX idx_meetings_supplier ON meetings (supplier_id, status)",
            "CREATE INDEX idx_meetings_buyer ON meetings (buyer_id, status)",
        ] {
            connection.execute_unprepared(statement).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(uuid(IdempotencyKeys::UserId))
                    .col(string_len(IdempotencyKeys::Key, 100))
                    .col(string_len(IdempotencyKeys::RequestHash, 64))
                    .col(integer(IdempotencyKeys::Status))
                    .col(text(IdempotencyKeys::Body))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(Index::create().col(IdempotencyKeys::UserId).col(IdempotencyKeys::Key))
                    .foreign_key(&mut fk(
                        IdempotencyKeys::Table,
                        IdempotencyKeys::UserId,
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
                    .table(CalendarFeeds::Table)
                    .col(uuid(CalendarFeeds::UserId).primary_key())
                    .col(string_len(CalendarFeeds::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(&mut fk(
                        CalendarFeeds::Table,
                        CalendarFeeds::UserId,
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
                    .table(ScheduleRuns::Table)
                    .col(pk_uuid(ScheduleRuns::Id))
                    .col(string_len(ScheduleRuns::State, 12).check(Expr::col(ScheduleRuns::State).is_in([
                        "provisional",
                        "published",
                        "discarded",
                    ])))
                    .col(uuid_null(ScheduleRuns::CreatedBy))
                    .col(timestamp_with_time_zone(ScheduleRuns::CreatedAt))
                    .col(timestamp_with_time_zone_null(ScheduleRuns::PublishedAt))
                    .col(json_binary(ScheduleRuns::Stats))
                    .foreign_key(&mut fk(
                        ScheduleRuns::Table,
                        ScheduleRuns::CreatedBy,
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
                    .table(ScheduleEntries::Table)
                    .col(pk_uuid(ScheduleEntries::Id))
                    .col(uuid(ScheduleEntries::RunId))
                    .col(uuid(ScheduleEntries::BuyerId))
                    .col(uuid(ScheduleEntries::SupplierId))
                    .col(uuid(ScheduleEntries::SlotId))
                    .col(uuid_null(ScheduleEntries::TableId))
                    .col(uuid_null(ScheduleEntries::InterpreterId))
                    .col(uuid_null(ScheduleEntries::MeetingId))
                    .col(boolean(ScheduleEntries::Locked).default(false))
                    .col(integer(ScheduleEntries::Score))
                    .foreign_key(&mut fk(
                        ScheduleEntries::Table,
                        ScheduleEntries::RunId,
                        ScheduleRuns::Table,
                        ScheduleRuns::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ScheduleEntries::Table,
                        ScheduleEntries::BuyerId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ScheduleEntries::Table,
                        ScheduleEntries::SupplierId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ScheduleEntries::Table,
                        ScheduleEntries::SlotId,
                        Slots::Table,
                        Slots::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        // A draft is checked like the real thing: no double booking inside one run.
        for statement in [
            "CREATE UNIQUE INDEX uq_entries_buyer_slot ON schedule_entries (run_id, buyer_id, slot_id)",
            "CREATE UNIQUE INDEX uq_entries_supplier_slot ON schedule_entries (run_id, supplier_id, slot_id)",
            "CREATE UNIQUE INDEX uq_entries_table_slot ON schedule_entries (run_id, table_id, slot_id) \
             WHERE table_id IS NOT NULL",
            "CREATE UNIQUE INDEX uq_entries_interpreter_slot ON schedule_entries (run_id, interpreter_id, slot_id) \
             WHERE interpreter_id IS NOT NULL",
            "CREATE UNIQUE INDEX uq_entries_pair ON schedule_entries (run_id, buyer_id, supplier_id)",
        ] {
            connection.execute_unprepared(statement).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ScheduleUnplaced::Table)
                    .col(pk_uuid(ScheduleUnplaced::Id))
                    .col(uuid(ScheduleUnplaced::RunId))
                    .col(uuid(ScheduleUnplaced::BuyerId))
                    .col(uuid(ScheduleUnplaced::SupplierId))
                    .col(string_len(ScheduleUnplaced::Reason, 160))
                    .foreign_key(&mut fk(
                        ScheduleUnplaced::Table,
                        ScheduleUnplaced::RunId,
                        ScheduleRuns::Table,
                        ScheduleRuns::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ScheduleUnplaced::Table,
                        ScheduleUnplaced::BuyerId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ScheduleUnplaced::Table,
                        ScheduleUnplaced::SupplierId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ScheduleUnplaced::Table.into_iden(),
            ScheduleEntries::Table.into_iden(),
            ScheduleRuns::Table.into_iden(),
            CalendarFeeds::Table.into_iden(),
            IdempotencyKeys::Table.into_iden(),
            Meetings::Table.into_iden(),
            Preferences::Table.into_iden(),
            MeetingRules::Table.into_iden(),
            UnavailableSlots::Table.into_iden(),
            ParticipantSettings::Table.into_iden(),
            InterpreterSlots::Table.into_iden(),
            Interpreters::Table.into_iden(),
            MeetingTables::Table.into_iden(),
            Slots::Table.into_iden(),
            FairDays::Table.into_iden(),
            FairSettings::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
