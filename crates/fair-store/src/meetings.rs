//! Fair set-up, preferences, meetings (with the database enforcing that nobody,
//! no table and no interpreter is double-booked), idempotency keys, calendar feeds
//! and scheduler runs.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::{
    calendar_feed, fair_day, fair_setting, idempotency_key, interpreter, interpreter_slot, meeting, meeting_rule,
    meeting_table, participant_setting, preference, schedule_entry, schedule_run, schedule_unplaced, slot,
    unavailable_slot,
};
use crate::{Store, StoreError, StoreResult};

/// What a refused meeting write collided with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clash {
    /// The buyer company already has a meeting in that slot.
    BuyerBusy,
    /// The supplier already has a meeting in that slot.
    SupplierBusy,
    TableTaken,
    InterpreterTaken,
    /// The pair already has an open request or meeting.
    AlreadyOpen,
}

impl Clash {
    /// Which unique index refused a meeting write (SQLite names the columns,
    /// PostgreSQL the index; both are recognised).
    pub fn of(err: &StoreError) -> Option<Clash> {
        let StoreError::Conflict { constraint } = err else { return None };
        let c = constraint.as_str();
        if c.contains("open_pair") || (c.contains("buyer_id") && c.contains("supplier_id")) {
            Some(Clash::AlreadyOpen)
        } else if c.contains("table") {
            Some(Clash::TableTaken)
        } else if c.contains("interpreter") {
            Some(Clash::InterpreterTaken)
        } else if c.contains("supplier") {
            Some(Clash::SupplierBusy)
        } else if c.contains("buyer") {
            Some(Clash::BuyerBusy)
        } else {
            None
        }
    }
}

/// A planned slot: id, start and end (UTC), position within its day.
pub type PlannedSlot = (Uuid, DateTime<Utc>, DateTime<Utc>, i32);

/// The set-up to write: settings and days, with the slots they make.
#[derive(Clone, Debug)]
pub struct FairPlan {
    pub settings: fair_setting::Model,
    pub days: Vec<fair_day::Model>,
    /// Every slot of the fair (for the days above), by start.
    pub slots: Vec<PlannedSlot>,
}

impl Store {
    // ---------------------------------------------------------------- set-up

    pub async fn fair_settings(&self) -> StoreResult<Option<fair_setting::Model>> {
        Ok(fair_setting::Entity::find_by_id(1).one(self.db()).await?)
    }

    pub async fn fair_days(&self) -> StoreResult<Vec<fair_day::Model>> {
        Ok(fair_day::Entity::find().order_by_asc(fair_day::Column::Date).all(self.db()).await?)
    }

    pub async fn slots(&self) -> StoreResult<Vec<slot::Model>> {
        Ok(slot::Entity::find().order_by_asc(slot::Column::StartsAt).all(self.db()).await?)
    }

    pub async fn slot(&self, id: Uuid) -> StoreResult<slot::Model> {
        slot::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    /// Writes the set-up. Slots that keep their start keep their id; slots that go
    /// away must not hold a meeting (`Conflict` on `slot` otherwise, nothing written).
    pub async fn save_fair(&self, plan: FairPlan) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        let zone = chrono_tz_of(&plan.settings.time_zone);
        fair_setting::Entity::insert(plan.settings.clone().into_active_model())
            .on_conflict(
                OnConflict::column(fair_setting::Column::Id)
                    .update_columns([
                        fair_setting::Column::Name,
                        fair_setting::Column::TimeZone,
                        fair_setting::Column::SlotMinutes,
                        fair_setting::Column::BuyerMinMeetings,
                        fair_setting::Column::BuyerMaxMeetings,
                        fair_setting::Column::SupplierMinMeetings,
                        fair_setting::Column::SupplierMaxMeetings,
                        fair_setting::Column::RequestTtlHours,
                        fair_setting::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&tx)
            .await?;

        let existing_days = fair_day::Entity::find().all(&tx).await?;
        let mut day_ids: HashMap<chrono::NaiveDate, Uuid> = HashMap::new();
        for day in &plan.days {
            match existing_days.iter().find(|d| d.date == day.date) {
                Some(old) => {
                    let mut kept = day.clone();
                    kept.id = old.id;
                    kept.into_active_model().reset_all().update(&tx).await?;
                    day_ids.insert(day.date, old.id);
                }
                None => {
                    fair_day::Entity::insert(day.clone().into_active_model()).exec_without_returning(&tx).await?;
                    day_ids.insert(day.date, day.id);
                }
            }
        }

        let existing_slots = slot::Entity::find().all(&tx).await?;
        let wanted: HashMap<DateTime<Utc>, &PlannedSlot> = plan.slots.iter().map(|s| (s.1, s)).collect();
        for old in &existing_slots {
            if !wanted.contains_key(&old.starts_at) {
                let used = meeting::Entity::find()
                    .filter(
                        Condition::any()
                            .add(meeting::Column::SlotId.eq(old.id))
                            .add(meeting::Column::ProposedSlotId.eq(old.id)),
                    )
                    .filter(meeting::Column::Status.is_in(["requested", "accepted"]))
                    .one(&tx)
                    .await?;
                if used.is_some() {
                    return Err(StoreError::Conflict { constraint: "slot_in_use".to_owned() });
                }
                slot::Entity::delete_by_id(old.id).exec(&tx).await?;
            }
        }
        for (id, starts_at, ends_at, ordinal) in &plan.slots {
            let day = plan
                .days
                .iter()
                .find(|d| starts_at.with_timezone(&zone).date_naive() == d.date)
                .and_then(|d| day_ids.get(&d.date).copied())
                .ok_or_else(|| StoreError::Config("a slot falls outside the fair days".to_owned()))?;
            match existing_slots.iter().find(|s| s.starts_at == *starts_at) {
                Some(old) => {
                    let mut kept = old.clone();
                    kept.day_id = day;
                    kept.ends_at = *ends_at;
                    kept.ordinal = *ordinal;
                    kept.into_active_model().reset_all().update(&tx).await?;
                }
                None => {
                    let row = slot::Model {
                        id: *id,
                        day_id: day,
                        starts_at: *starts_at,
                        ends_at: *ends_at,
                        ordinal: *ordinal,
                    };
                    slot::Entity::insert(row.into_active_model()).exec_without_returning(&tx).await?;
                }
            }
        }
        for old in existing_days {
            if !plan.days.iter().any(|d| d.date == old.date) {
                fair_day::Entity::delete_by_id(old.id).exec(&tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn meeting_tables(&self) -> StoreResult<Vec<meeting_table::Model>> {
        Ok(meeting_table::Entity::find().order_by_asc(meeting_table::Column::Label).all(self.db()).await?)
    }

    pub async fn meeting_table(&self, id: Uuid) -> StoreResult<meeting_table::Model> {
        meeting_table::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn save_meeting_table(
        &self,
        table: meeting_table::Model,
        new: bool,
    ) -> StoreResult<meeting_table::Model> {
        if new {
            meeting_table::Entity::insert(table.clone().into_active_model()).exec_without_returning(self.db()).await?;
            Ok(table)
        } else {
            Ok(table.into_active_model().reset_all().update(self.db()).await?)
        }
    }

    pub async fn delete_meeting_table(&self, id: Uuid) -> StoreResult<()> {
        let deleted = meeting_table::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn interpreters(&self) -> StoreResult<Vec<(interpreter::Model, Vec<Uuid>)>> {
        let interpreters = interpreter::Entity::find().order_by_asc(interpreter::Column::Name).all(self.db()).await?;
        let mut slots: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for row in interpreter_slot::Entity::find().all(self.db()).await? {
            slots.entry(row.interpreter_id).or_default().push(row.slot_id);
        }
        Ok(interpreters
            .into_iter()
            .map(|i| (slots.remove(&i.id).unwrap_or_default(), i))
            .map(|(s, i)| (i, s))
            .collect())
    }

    pub async fn interpreter(&self, id: Uuid) -> StoreResult<interpreter::Model> {
        interpreter::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    /// Creates or replaces an interpreter with the slots they work in.
    pub async fn save_interpreter(&self, person: interpreter::Model, slots: &[Uuid], new: bool) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        if new {
            interpreter::Entity::insert(person.clone().into_active_model()).exec_without_returning(&tx).await?;
        } else {
            person.clone().into_active_model().reset_all().update(&tx).await?;
        }
        interpreter_slot::Entity::delete_many()
            .filter(interpreter_slot::Column::InterpreterId.eq(person.id))
            .exec(&tx)
            .await?;
        for chunk in slots.chunks(200) {
            interpreter_slot::Entity::insert_many(chunk.iter().map(|slot_id| {
                interpreter_slot::Model { interpreter_id: person.id, slot_id: *slot_id }.into_active_model()
            }))
            .exec_without_returning(&tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn delete_interpreter(&self, id: Uuid) -> StoreResult<()> {
        let deleted = interpreter::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn participant_settings(&self) -> StoreResult<Vec<participant_setting::Model>> {
        Ok(participant_setting::Entity::find().all(self.db()).await?)
    }

    pub async fn participant_setting(&self, organisation: Uuid) -> StoreResult<Option<participant_setting::Model>> {
        Ok(participant_setting::Entity::find_by_id(organisation).one(self.db()).await?)
    }

    pub async fn unavailable_slots(&self) -> StoreResult<Vec<unavailable_slot::Model>> {
        Ok(unavailable_slot::Entity::find().all(self.db()).await?)
    }

    pub async fn unavailable_slots_of(&self, organisation: Uuid) -> StoreResult<Vec<Uuid>> {
        Ok(unavailable_slot::Entity::find()
            .filter(unavailable_slot::Column::OrganisationId.eq(organisation))
            .all(self.db())
            .await?
            .into_iter()
            .map(|row| row.slot_id)
            .collect())
    }

    /// Replaces a participant's settings and unavailable slots.
    pub async fn save_participant_setting(
        &self,
        setting: participant_setting::Model,
        unavailable: &[Uuid],
    ) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        let organisation = setting.organisation_id;
        participant_setting::Entity::insert(setting.into_active_model())
            .on_conflict(
                OnConflict::column(participant_setting::Column::OrganisationId)
                    .update_columns([
                        participant_setting::Column::MinMeetings,
                        participant_setting::Column::MaxMeetings,
                        participant_setting::Column::Attendance,
                        participant_setting::Column::AutoAccept,
                        participant_setting::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&tx)
            .await?;
        unavailable_slot::Entity::delete_many()
            .filter(unavailable_slot::Column::OrganisationId.eq(organisation))
            .exec(&tx)
            .await?;
        for chunk in unavailable.chunks(200) {
            unavailable_slot::Entity::insert_many(chunk.iter().map(|slot_id| {
                unavailable_slot::Model { organisation_id: organisation, slot_id: *slot_id }.into_active_model()
            }))
            .exec_without_returning(&tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn meeting_rules(&self) -> StoreResult<Vec<meeting_rule::Model>> {
        Ok(meeting_rule::Entity::find().order_by_asc(meeting_rule::Column::Id).all(self.db()).await?)
    }

    pub async fn insert_meeting_rule(&self, rule: meeting_rule::Model) -> StoreResult<meeting_rule::Model> {
        meeting_rule::Entity::insert(rule.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(rule)
    }

    pub async fn delete_meeting_rule(&self, id: Uuid) -> StoreResult<()> {
        let deleted = meeting_rule::Entity::delete_by_id(id).exec(self.db()).await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // ------------------------------------------------------------ preferences

    /// Sets (or with `None` clears) what `from` says about `to`.
    pub async fn set_preference(
        &self,
        from: Uuid,
        to: Uuid,
        level: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        match level {
            None => {
                preference::Entity::delete_many()
                    .filter(preference::Column::FromOrg.eq(from))
                    .filter(preference::Column::ToOrg.eq(to))
                    .exec(self.db())
                    .await?;
            }
            Some(level) => {
                let row = preference::Model { from_org: from, to_org: to, level: level.to_owned(), updated_at: now };
                preference::Entity::insert(row.into_active_model())
                    .on_conflict(
                        OnConflict::columns([preference::Column::FromOrg, preference::Column::ToOrg])
                            .update_columns([preference::Column::Level, preference::Column::UpdatedAt])
                            .to_owned(),
                    )
                    .exec_without_returning(self.db())
                    .await?;
            }
        }
        Ok(())
    }

    /// Preferences stated by or about `organisation`.
    pub async fn preferences_involving(&self, organisation: Uuid) -> StoreResult<Vec<preference::Model>> {
        Ok(preference::Entity::find()
            .filter(
                Condition::any()
                    .add(preference::Column::FromOrg.eq(organisation))
                    .add(preference::Column::ToOrg.eq(organisation)),
            )
            .all(self.db())
            .await?)
    }

    pub async fn all_preferences(&self) -> StoreResult<Vec<preference::Model>> {
        Ok(preference::Entity::find().all(self.db()).await?)
    }

    // --------------------------------------------------------------- meetings

    pub async fn meeting(&self, id: Uuid) -> StoreResult<meeting::Model> {
        meeting::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    /// Inserts a meeting. A clash with the uniqueness rules comes back as
    /// `Conflict` (see [`Clash::of`]) and writes nothing.
    pub async fn insert_meeting(&self, meeting: meeting::Model) -> StoreResult<meeting::Model> {
        meeting::Entity::insert(meeting.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(meeting)
    }

    /// Writes a changed meeting only if its status is still `expected` (another
    /// writer may have answered first); `Precondition` if not, `Conflict` on a clash.
    pub async fn update_meeting_if(&self, meeting: meeting::Model, expected: &[&str]) -> StoreResult<meeting::Model> {
        let mut active = meeting.clone().into_active_model().reset_all();
        active.id = sea_orm::ActiveValue::Unchanged(meeting.id);
        let result = meeting::Entity::update_many()
            .set(active)
            .filter(meeting::Column::Id.eq(meeting.id))
            .filter(meeting::Column::Status.is_in(expected.iter().copied()))
            .exec(self.db())
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::Precondition("the meeting changed meanwhile"));
        }
        Ok(meeting)
    }

    /// Meetings of an organisation (as buyer or supplier), newest first.
    pub async fn meetings_of(
        &self,
        organisation: Uuid,
        statuses: &[&str],
        before: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<meeting::Model>> {
        let mut query = meeting::Entity::find()
            .filter(
                Condition::any()
                    .add(meeting::Column::BuyerId.eq(organisation))
                    .add(meeting::Column::SupplierId.eq(organisation)),
            )
            .order_by_desc(meeting::Column::Id)
            .limit(limit);
        if !statuses.is_empty() {
            query = query.filter(meeting::Column::Status.is_in(statuses.iter().copied()));
        }
        if let Some(before) = before {
            query = query.filter(meeting::Column::Id.lt(before));
        }
        Ok(query.all(self.db()).await?)
    }

    /// All meetings with one of `statuses`.
    pub async fn meetings_with_status(&self, statuses: &[&str]) -> StoreResult<Vec<meeting::Model>> {
        Ok(meeting::Entity::find()
            .filter(meeting::Column::Status.is_in(statuses.iter().copied()))
            .order_by_asc(meeting::Column::Id)
            .all(self.db())
            .await?)
    }

    /// Accepted meetings in one slot.
    pub async fn accepted_in_slot(&self, slot: Uuid) -> StoreResult<Vec<meeting::Model>> {
        Ok(meeting::Entity::find()
            .filter(meeting::Column::SlotId.eq(slot))
            .filter(meeting::Column::Status.eq("accepted"))
            .all(self.db())
            .await?)
    }

    /// Interpreters of `language` who work in `slot`.
    pub async fn interpreters_in_slot(&self, language: &str, slot: Uuid) -> StoreResult<Vec<interpreter::Model>> {
        let working: Vec<Uuid> = interpreter_slot::Entity::find()
            .filter(interpreter_slot::Column::SlotId.eq(slot))
            .all(self.db())
            .await?
            .into_iter()
            .map(|row| row.interpreter_id)
            .collect();
        Ok(interpreter::Entity::find()
            .filter(interpreter::Column::Language.eq(language))
            .filter(interpreter::Column::Id.is_in(working))
            .order_by_asc(interpreter::Column::Name)
            .all(self.db())
            .await?)
    }

    /// Marks requests past their expiry as expired; returns how many.
    pub async fn expire_requests(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        Ok(meeting::Entity::update_many()
            .col_expr(meeting::Column::Status, Expr::value("expired"))
            .col_expr(meeting::Column::UpdatedAt, Expr::value(now))
            .filter(meeting::Column::Status.eq("requested"))
            .filter(meeting::Column::ExpiresAt.lt(now))
            .exec(self.db())
            .await?
            .rows_affected)
    }

    // ------------------------------------------------------------ idempotency

    pub async fn idempotent_answer(&self, user: Uuid, key: &str) -> StoreResult<Option<idempotency_key::Model>> {
        Ok(idempotency_key::Entity::find_by_id((user, key.to_owned())).one(self.db()).await?)
    }

    /// Records the first answer to a key; `Conflict` if another request with the
    /// same key got there first.
    pub async fn remember_answer(&self, answer: idempotency_key::Model) -> StoreResult<()> {
        idempotency_key::Entity::insert(answer.into_active_model()).exec_without_returning(self.db()).await?;
        Ok(())
    }

    // --------------------------------------------------------------- calendar

    pub async fn set_calendar_feed(&self, user: Uuid, token_hash: String, now: DateTime<Utc>) -> StoreResult<()> {
        let row = calendar_feed::Model { user_id: user, token_hash, created_at: now };
        calendar_feed::Entity::insert(row.into_active_model())
            .on_conflict(
                OnConflict::column(calendar_feed::Column::UserId)
                    .update_columns([calendar_feed::Column::TokenHash, calendar_feed::Column::CreatedAt])
                    .to_owned(),
            )
            .exec_without_returning(self.db())
            .await?;
        Ok(())
    }

    pub async fn calendar_feed_user(&self, token_hash: &str) -> StoreResult<Option<Uuid>> {
        Ok(calendar_feed::Entity::find()
            .filter(calendar_feed::Column::TokenHash.eq(token_hash))
            .one(self.db())
            .await?
            .map(|row| row.user_id))
    }

    pub async fn has_calendar_feed(&self, user: Uuid) -> StoreResult<bool> {
        Ok(calendar_feed::Entity::find_by_id(user).one(self.db()).await?.is_some())
    }

    // -------------------------------------------------------------- scheduler

    /// Stores a provisional run; earlier provisional runs are discarded.
    pub async fn insert_schedule_run(
        &self,
        run: schedule_run::Model,
        entries: Vec<schedule_entry::Model>,
        unplaced: Vec<schedule_unplaced::Model>,
    ) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        schedule_run::Entity::update_many()
            .col_expr(schedule_run::Column::State, Expr::value("discarded"))
            .filter(schedule_run::Column::State.eq("provisional"))
            .exec(&tx)
            .await?;
        schedule_run::Entity::insert(run.into_active_model()).exec_without_returning(&tx).await?;
        for chunk in entries.chunks(200) {
            schedule_entry::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec_without_returning(&tx)
                .await?;
        }
        for chunk in unplaced.chunks(200) {
            schedule_unplaced::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec_without_returning(&tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn latest_schedule_run(&self) -> StoreResult<Option<schedule_run::Model>> {
        Ok(schedule_run::Entity::find()
            .filter(schedule_run::Column::State.ne("discarded"))
            .order_by_desc(schedule_run::Column::Id)
            .one(self.db())
            .await?)
    }

    pub async fn schedule_run(&self, id: Uuid) -> StoreResult<schedule_run::Model> {
        schedule_run::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn schedule_entries(&self, run: Uuid) -> StoreResult<Vec<schedule_entry::Model>> {
        Ok(schedule_entry::Entity::find()
            .filter(schedule_entry::Column::RunId.eq(run))
            .order_by_asc(schedule_entry::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn schedule_entry(&self, id: Uuid) -> StoreResult<schedule_entry::Model> {
        schedule_entry::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn schedule_unplaced(&self, run: Uuid) -> StoreResult<Vec<schedule_unplaced::Model>> {
        Ok(schedule_unplaced::Entity::find()
            .filter(schedule_unplaced::Column::RunId.eq(run))
            .order_by_asc(schedule_unplaced::Column::Id)
            .all(self.db())
            .await?)
    }

    /// Changes an entry of a provisional run (the run's own unique indexes refuse a
    /// double booking within the draft).
    pub async fn update_schedule_entry(&self, entry: schedule_entry::Model) -> StoreResult<schedule_entry::Model> {
        Ok(entry.into_active_model().reset_all().update(self.db()).await?)
    }

    pub async fn delete_schedule_entry(&self, id: Uuid) -> StoreResult<()> {
        schedule_entry::Entity::delete_by_id(id).exec(self.db()).await?;
        Ok(())
    }

    /// Publishes a provisional run in one transaction: every new entry becomes an
    /// accepted meeting, moved ones move. A clash (someone booked meanwhile)
    /// aborts the whole publication.
    pub async fn publish_schedule_run(
        &self,
        run: Uuid,
        new_meetings: Vec<meeting::Model>,
        moved: Vec<meeting::Model>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        let marked = schedule_run::Entity::update_many()
            .col_expr(schedule_run::Column::State, Expr::value("published"))
            .col_expr(schedule_run::Column::PublishedAt, Expr::value(now))
            .filter(schedule_run::Column::Id.eq(run))
            .filter(schedule_run::Column::State.eq("provisional"))
            .exec(&tx)
            .await?;
        if marked.rows_affected != 1 {
            return Err(StoreError::Precondition("this run is no longer provisional"));
        }
        // Moves first, out of the way: park moved meetings as requested, then set
        // their new slots, so swaps between two meetings do not clash midway.
        for meeting in &moved {
            meeting::Entity::update_many()
                .col_expr(meeting::Column::Status, Expr::value("requested"))
                .filter(meeting::Column::Id.eq(meeting.id))
                .exec(&tx)
                .await?;
        }
        for meeting in moved {
            meeting.into_active_model().reset_all().update(&tx).await?;
        }
        for chunk in new_meetings.chunks(100) {
            meeting::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec_without_returning(&tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The fair's zone, defaulting to Vietnam's if the stored name is not a zone.
fn chrono_tz_of(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Ho_Chi_Minh)
}

impl Store {
    /// Completes a reserved idempotency key with its answer.
    pub async fn complete_answer(&self, user: Uuid, key: &str, status: i32, body: String) -> StoreResult<()> {
        idempotency_key::Entity::update_many()
            .col_expr(idempotency_key::Column::Status, Expr::value(status))
            .col_expr(idempotency_key::Column::Body, Expr::value(body))
            .filter(idempotency_key::Column::UserId.eq(user))
            .filter(idempotency_key::Column::Key.eq(key))
            .exec(self.db())
            .await?;
        Ok(())
    }

    /// Drops a reservation whose request failed on our side, so a retry runs again.
    pub async fn forget_answer(&self, user: Uuid, key: &str) -> StoreResult<()> {
        idempotency_key::Entity::delete_many()
            .filter(idempotency_key::Column::UserId.eq(user))
            .filter(idempotency_key::Column::Key.eq(key))
            .exec(self.db())
            .await?;
        Ok(())
    }
}

impl Store {
    /// Organisations with their booth (suppliers), by id.
    pub async fn organisations_with_booths(
        &self,
        ids: &[Uuid],
    ) -> StoreResult<Vec<(crate::entities::organisation::Model, Option<crate::entities::booth::Model>)>> {
        use crate::entities::{booth, organisation};
        let mut rows = Vec::new();
        for chunk in ids.chunks(500) {
            rows.extend(
                organisation::Entity::find()
                    .filter(organisation::Column::Id.is_in(chunk.iter().copied()))
                    .find_also_related(booth::Entity)
                    .all(self.db())
                    .await?,
            );
        }
        Ok(rows)
    }

    pub async fn products_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<crate::entities::product::Model>> {
        use crate::entities::product;
        let mut rows = Vec::new();
        for chunk in ids.chunks(500) {
            rows.extend(
                product::Entity::find().filter(product::Column::Id.is_in(chunk.iter().copied())).all(self.db()).await?,
            );
        }
        Ok(rows)
    }

    pub async fn users_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<crate::entities::user::Model>> {
        use crate::entities::user;
        let mut rows = Vec::new();
        for chunk in ids.chunks(500) {
            rows.extend(
                user::Entity::find().filter(user::Column::Id.is_in(chunk.iter().copied())).all(self.db()).await?,
            );
        }
        Ok(rows)
    }

    /// The staff of several exhibitors at once.
    pub async fn staff_of_organisations(
        &self,
        organisations: &[Uuid],
    ) -> StoreResult<Vec<crate::entities::staff_member::Model>> {
        use crate::entities::staff_member;
        let mut rows = Vec::new();
        for chunk in organisations.chunks(500) {
            rows.extend(
                staff_member::Entity::find()
                    .filter(staff_member::Column::OrganisationId.is_in(chunk.iter().copied()))
                    .order_by_asc(staff_member::Column::Id)
                    .all(self.db())
                    .await?,
            );
        }
        Ok(rows)
    }

    pub async fn staff_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<crate::entities::staff_member::Model>> {
        use crate::entities::staff_member;
        let mut rows = Vec::new();
        for chunk in ids.chunks(500) {
            rows.extend(
                staff_member::Entity::find()
                    .filter(staff_member::Column::Id.is_in(chunk.iter().copied()))
                    .all(self.db())
                    .await?,
            );
        }
        Ok(rows)
    }
}
