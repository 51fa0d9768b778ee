//! Organisations (suppliers and buyers), booths, products, certifications, media,
//! staff, sourcing needs, accounts (users, sessions, invitations, login throttling),
//! booth visits and small bookkeeping tables.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Kind,
    Name,
    NameEn,
    NameLocal,
    Country,
    Province,
    IndustrialPark,
    Address,
    Website,
    ContactEmail,
    Phone,
    Employees,
    FoundedYear,
    Vsic,
    BusinessType,
    ExportMarkets,
    Languages,
    TimeZone,
    Industry,
    Headline,
    About,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Booths {
    Table,
    Id,
    OrganisationId,
    Slug,
    Hall,
    Stand,
    OnlineBooth,
    Published,
    LogoMediaId,
    ViewCount,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    OrganisationId,
    StaffRole,
    PreferredLanguage,
    TimeZone,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
    UserAgent,
    Ip,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    TokenHash,
    Email,
    Role,
    OrganisationId,
    StaffRole,
    DisplayName,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedUserId,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    WindowStartedAt,
    BlockedUntil,
}

#[derive(DeriveIden)]
enum Media {
    Table,
    Id,
    OrganisationId,
    Kind,
    ContentType,
    ByteSize,
    FileName,
    Sha256,
    StorageKey,
    Caption,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    OrganisationId,
    Name,
    Description,
    ProductGroup,
    HsCode,
    Processes,
    Materials,
    Moq,
    MonthlyCapacity,
    Unit,
    ToleranceUm,
    PhotoMediaId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Certifications {
    Table,
    Id,
    OrganisationId,
    Standard,
    Issuer,
    CertificateNumber,
    ValidFrom,
    ValidUntil,
    Scope,
    DocumentMediaId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StaffMembers {
    Table,
    Id,
    OrganisationId,
    UserId,
    FullName,
    JobTitle,
    Email,
    Phone,
    Languages,
    ShownOnBooth,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SourcingNeeds {
    Table,
    Id,
    OrganisationId,
    CreatedBy,
    Title,
    Description,
    Language,
    ProductGroup,
    Processes,
    HsCode,
    RequiredCertifications,
    AnnualVolume,
    Unit,
    ToleranceUm,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BoothVisits {
    Table,
    Id,
    BoothId,
    ViewerUserId,
    ViewerOrganisationId,
    VisitorKey,
    ViewedAt,
}

#[derive(DeriveIden)]
enum Counters {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum FairMeta {
    Table,
    Key,
    Value,
    UpdatedAt,
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

fn created_updated(table: &mut TableCreateStatement, created: impl IntoIden, updated: impl IntoIden) {
    table.col(timestamp_with_time_zone(created)).col(timestamp_with_time_zone(updated));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut organisations = Table::create()
            .table(Organisations::Table)
            .col(pk_uuid(Organisations::Id))
            .col(string_len(Organisations::Kind, 16).check(Expr::col(Organisations::Kind).is_in(["supplier", "buyer"])))
            .col(string_len(Organisations::Name, 200))
            .col(string_len_null(Organisations::NameEn, 200))
            .col(string_len_null(Organisations::NameLocal, 200))
            .col(string_len(Organisations::Country, 2))
            .col(string_len_null(Organisations::Province, 40))
            .col(string_len_null(Organisations::IndustrialPark, 40))
            .col(string_len_null(Organisations::Address, 300))
            .col(string_len_null(Organisations::Website, 300))
            .col(string_len_null(Organisations::ContactEmail, 254))
            .col(string_len_null(Organisations::Phone, 40))
            .col(integer_null(Organisations::Employees))
            .col(integer_null(Organisations::FoundedYear))
            .col(string_len_null(Organisations::Vsic, 8))
            .col(string_len(Organisations::BusinessType, 16).check(Expr::col(Organisations::BusinessType).is_in([
                "manufacturer",
                "trading",
                "service",
            ])))
            .col(json_binary(Organisations::ExportMarkets))
            .col(json_binary(Organisations::Languages))
            .col(string_len(Organisations::TimeZone, 64))
            .col(string_len_null(Organisations::Industry, 200))
            .col(json_binary(Organisations::Headline))
            .col(json_binary(Organisations::About))
            .take();
        created_updated(&mut organisations, Organisations::CreatedAt, Organisations::UpdatedAt);
        manager.create_table(organisations).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organisations_kind_name")
                    .table(Organisations::Table)
                    .col(Organisations::Kind)
                    .col(Organisations::Name)
                    .take(),
            )
            .await?;

        let mut users = Table::create()
            .table(Users::Table)
            .col(pk_uuid(Users::Id))
            .col(string_len_uniq(Users::Email, 254))
            .col(string_len(Users::DisplayName, 120))
            .col(text(Users::PasswordHash))
            .col(string_len(Users::Role, 16).check(Expr::col(Users::Role).is_in(["organiser", "exhibitor", "buyer"])))
            .col(uuid_null(Users::OrganisationId))
            .col(string_len_null(Users::StaffRole, 8))
            .col(string_len(Users::PreferredLanguage, 8))
            .col(string_len(Users::TimeZone, 64))
            .col(boolean(Users::Disabled).default(false))
            // Organisers belong to no company; everyone else to exactly one. Exhibitor
            // staff are admins or reps; nobody else has a staff role.
            .check(
                Expr::col(Users::Role)
                    .eq("organiser")
                    .and(Expr::col(Users::OrganisationId).is_null())
                    .and(Expr::col(Users::StaffRole).is_null())
                    .or(Expr::col(Users::Role)
                        .eq("exhibitor")
                        .and(Expr::col(Users::OrganisationId).is_not_null())
                        .and(Expr::col(Users::StaffRole).is_in(["admin", "rep"])))
                    .or(Expr::col(Users::Role)
                        .eq("buyer")
                        .and(Expr::col(Users::OrganisationId).is_not_null())
                        .and(Expr::col(Users::StaffRole).is_null())),
            )
            .foreign_key(&mut fk(
                Users::Table,
                Users::OrganisationId,
                Organisations::Table,
                Organisations::Id,
                ForeignKeyAction::Cascade,
            ))
            .take();
        created_updated(&mut users, Users::CreatedAt, Users::UpdatedAt);
        manager.create_table(users).await?;
        manager
            .create_index(
                Index::create().name("idx_users_organisation").table(Users::Table).col(Users::OrganisationId).take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::TokenHash, 64).primary_key())
                    .col(uuid(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(string_len_null(Sessions::UserAgent, 300))
                    .col(string_len_null(Sessions::Ip, 64))
                    .foreign_key(&mut fk(
                        Sessions::Table,
                        Sessions::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_sessions_user").table(Sessions::Table).col(Sessions::UserId).take())
            .await?;
        manager
            .create_index(
                Index::create().name("idx_sessions_expires").table(Sessions::Table).col(Sessions::ExpiresAt).take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(pk_uuid(Invitations::Id))
                    .col(string_len_uniq(Invitations::TokenHash, 64))
                    .col(string_len(Invitations::Email, 254))
                    .col(string_len(Invitations::Role, 16))
                    .col(uuid_null(Invitations::OrganisationId))
                    .col(string_len_null(Invitations::StaffRole, 8))
                    .col(string_len_null(Invitations::DisplayName, 120))
                    .col(uuid_null(Invitations::InvitedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(uuid_null(Invitations::AcceptedUserId))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::InvitedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::AcceptedUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_invitations_email").table(Invitations::Table).col(Invitations::Email).take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string_len(LoginThrottle::Key, 300).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone(LoginThrottle::WindowStartedAt))
                    .col(timestamp_with_time_zone_null(LoginThrottle::BlockedUntil))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Media::Table)
                    .col(pk_uuid(Media::Id))
                    .col(uuid(Media::OrganisationId))
                    .col(
                        string_len(Media::Kind, 16)
                            .check(Expr::col(Media::Kind).is_in(["logo", "photo", "brochure", "document"])),
                    )
                    .col(string_len(Media::ContentType, 100))
                    .col(big_integer(Media::ByteSize).check(Expr::col(Media::ByteSize).gt(0)))
                    .col(string_len_null(Media::FileName, 200))
                    .col(string_len(Media::Sha256, 64))
                    .col(string_len_uniq(Media::StorageKey, 100))
                    .col(json_binary(Media::Caption))
                    .col(uuid_null(Media::UploadedBy))
                    .col(timestamp_with_time_zone(Media::CreatedAt))
                    .foreign_key(&mut fk(
                        Media::Table,
                        Media::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Media::Table,
                        Media::UploadedBy,
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
                    .name("idx_media_organisation_kind")
                    .table(Media::Table)
                    .col(Media::OrganisationId)
                    .col(Media::Kind)
                    .take(),
            )
            .await?;

        let mut booths = Table::create()
            .table(Booths::Table)
            .col(pk_uuid(Booths::Id))
            .col(uuid_uniq(Booths::OrganisationId))
            .col(string_len_uniq(Booths::Slug, 60))
            .col(string_len_null(Booths::Hall, 20))
            .col(string_len_null(Booths::Stand, 20))
            .col(boolean(Booths::OnlineBooth).default(false))
            .col(boolean(Booths::Published).default(false))
            .col(uuid_null(Booths::LogoMediaId))
            .col(big_integer(Booths::ViewCount).default(0))
            // One stand, one booth.
            .index(Index::create().name("uq_booths_stand").unique().col(Booths::Hall).col(Booths::Stand))
            .foreign_key(&mut fk(
                Booths::Table,
                Booths::OrganisationId,
                Organisations::Table,
                Organisations::Id,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                Booths::Table,
                Booths::LogoMediaId,
                Media::Table,
                Media::Id,
                ForeignKeyAction::SetNull,
            ))
            .take();
        created_updated(&mut booths, Booths::CreatedAt, Booths::UpdatedAt);
        manager.create_table(booths).await?;

        let mut products = Table::create()
            .table(Products::Table)
            .col(pk_uuid(Products::Id))
            .col(uuid(Products::OrganisationId))
            .col(json_binary(Products::Name))
            .col(json_binary(Products::Description))
            .col(string_len(Products::ProductGroup, 8))
            .col(string_len_null(Products::HsCode, 10))
            .col(json_binary(Products::Processes))
            .col(json_binary(Products::Materials))
            .col(big_integer_null(Products::Moq).check(Expr::col(Products::Moq).gt(0)))
            .col(big_integer_null(Products::MonthlyCapacity).check(Expr::col(Products::MonthlyCapacity).gt(0)))
            .col(string_len_null(Products::Unit, 8))
            .col(integer_null(Products::ToleranceUm).check(Expr::col(Products::ToleranceUm).gt(0)))
            .col(uuid_null(Products::PhotoMediaId))
            .foreign_key(&mut fk(
                Products::Table,
                Products::OrganisationId,
                Organisations::Table,
                Organisations::Id,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                Products::Table,
                Products::PhotoMediaId,
                Media::Table,
                Media::Id,
                ForeignKeyAction::SetNull,
            ))
            .take();
        created_updated(&mut products, Products::CreatedAt, Products::UpdatedAt);
        manager.create_table(products).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_organisation")
                    .table(Products::Table)
                    .col(Products::OrganisationId)
                    .col(Products::Id)
                    .take(),
            )
            .await?;

        let mut certifications = Table::create()
            .table(Certifications::Table)
            .col(pk_uuid(Certifications::Id))
            .col(uuid(Certifications::OrganisationId))
            .col(string_len(Certifications::Standard, 32))
            .col(string_len(Certifications::Issuer, 120))
            .col(string_len(Certifications::CertificateNumber, 80))
            .col(date_null(Certifications::ValidFrom))
            .col(date(Certifications::ValidUntil))
            .col(string_len_null(Certifications::Scope, 500))
            .col(uuid_null(Certifications::DocumentMediaId))
            .index(
                Index::create()
                    .name("uq_certifications_number")
                    .unique()
                    .col(Certifications::OrganisationId)
                    .col(Certifications::Standard)
                    .col(Certifications::CertificateNumber),
            )
            .foreign_key(&mut fk(
                Certifications::Table,
                Certifications::OrganisationId,
                Organisations::Table,
                Organisations::Id,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                Certifications::Table,
                Certifications::DocumentMediaId,
                Media::Table,
                Media::Id,
                ForeignKeyAction::SetNull,
            ))
            .take();
        created_updated(&mut certifications, Certifications::CreatedAt, Certifications::UpdatedAt);
        manager.create_table(certifications).await?;

        let mut staff = Table::create()
            .table(StaffMembers::Table)
            .col(pk_uuid(StaffMembers::Id))
            .col(uuid(StaffMembers::OrganisationId))
            .col(uuid_null(StaffMembers::UserId).unique_key())
            .col(string_len(StaffMembers::FullName, 120))
            .col(string_len_null(StaffMembers::JobTitle, 120))
            .col(string_len_null(StaffMembers::Email, 254))
            .col(string_len_null(StaffMembers::Phone, 40))
            .col(json_binary(StaffMembers::Languages))
            .col(boolean(StaffMembers::ShownOnBooth).default(true))
            .foreign_key(&mut fk(
                StaffMembers::Table,
                StaffMembers::OrganisationId,
                Organisations::Table,
                Organisations::Id,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                StaffMembers::Table,
                StaffMembers::UserId,
                Users::Table,
                Users::Id,
                ForeignKeyAction::SetNull,
            ))
            .take();
        created_updated(&mut staff, StaffMembers::CreatedAt, StaffMembers::UpdatedAt);
        manager.create_table(staff).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_staff_organisation")
                    .table(StaffMembers::Table)
                    .col(StaffMembers::OrganisationId)
                    .take(),
            )
            .await?;

        let mut needs = Table::create()
            .table(SourcingNeeds::Table)
            .col(pk_uuid(SourcingNeeds::Id))
            .col(uuid(SourcingNeeds::OrganisationId))
            .col(uuid_null(SourcingNeeds::CreatedBy))
            .col(string_len(SourcingNeeds::Title, 200))
            .col(text(SourcingNeeds::Description))
            .col(string_len(SourcingNeeds::Language, 8))
            .col(string_len_null(SourcingNeeds::ProductGroup, 8))
            .col(json_binary(SourcingNeeds::Processes))
            .col(string_len_null(SourcingNeeds::HsCode, 10))
            .col(json_binary(SourcingNeeds::RequiredCertifications))
            .col(big_integer_null(SourcingNeeds::AnnualVolume))
            .col(string_len_null(SourcingNeeds::Unit, 8))
            .col(integer_null(SourcingNeeds::ToleranceUm))
            .col(string_len(SourcingNeeds::Status, 8).check(Expr::col(SourcingNeeds::Status).is_in(["open", "closed"])))
            .foreign_key(&mut fk(
                SourcingNeeds::Table,
                SourcingNeeds::OrganisationId,
                Organisations::Table,
                Organisations::Id,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                SourcingNeeds::Table,
                SourcingNeeds::CreatedBy,
                Users::Table,
                Users::Id,
                ForeignKeyAction::SetNull,
            ))
            .take();
        created_updated(&mut needs, SourcingNeeds::CreatedAt, SourcingNeeds::UpdatedAt);
        manager.create_table(needs).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_needs_organisation")
                    .table(SourcingNeeds::Table)
                    .col(SourcingNeeds::OrganisationId)
                    .col(SourcingNeeds::Id)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BoothVisits::Table)
                    .col(pk_uuid(BoothVisits::Id))
                    .col(uuid(BoothVisits::BoothId))
                    .col(uuid_null(BoothVisits::ViewerUserId))
                    .col(uuid_null(BoothVisits::ViewerOrganisationId))
                    .col(string_len(BoothVisits::VisitorKey, 64))
                    .col(timestamp_with_time_zone(BoothVisits::ViewedAt))
                    .foreign_key(&mut fk(
                        BoothVisits::Table,
                        BoothVisits::BoothId,
                        Booths::Table,
                        Booths::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        BoothVisits::Table,
                        BoothVisits::ViewerUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        BoothVisits::Table,
                        BoothVisits::ViewerOrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booth_visits_booth")
                    .table(BoothVisits::Table)
                    .col(BoothVisits::BoothId)
                    .col(BoothVisits::ViewedAt)
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booth_visits_viewer_org")
                    .table(BoothVisits::Table)
                    .col(BoothVisits::ViewerOrganisationId)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairMeta::Table)
                    .col(string_len(FairMeta::Key, 64).primary_key())
                    .col(text(FairMeta::Value))
                    .col(timestamp_with_time_zone(FairMeta::UpdatedAt))
                    .take(),
            )
            .await?;
        // Monotonic counters, e.g. the directory revision every instance polls to know
        // when its in-memory search index is stale.
        manager
            .create_table(
                Table::create()
                    .table(Counters::Table)
                    .col(string_len(Counters::Name, 64).primary_key())
                    .col(big_integer(Counters::Value))
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Counters::Table.into_iden(),
            FairMeta::Table.into_iden(),
            BoothVisits::Table.into_iden(),
            SourcingNeeds::Table.into_iden(),
            StaffMembers::Table.into_iden(),
            Certifications::Table.into_iden(),
            Products::Table.into_iden(),
            Booths::Table.into_iden(),
            Media::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            Invitations::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
