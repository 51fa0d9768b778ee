//! Rooms, their chat (numbered without gaps per room), attendance, and the figures
//! the organisers' live dashboard reads from the database.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{
    booth, live_ticket, meeting, organisation, room, room_attendance, room_invitee, room_message, slot, user,
};
use crate::{Store, StoreError, StoreResult};

/// A meeting with its slot's times, for the live dashboard.
#[derive(Clone, Debug)]
pub struct TimedMeeting {
    pub meeting: meeting::Model,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Store {
    pub async fn insert_live_ticket(&self, ticket: live_ticket::Model) -> StoreResult<()> {
        live_ticket::Entity::insert(ticket.into_active_model()).exec_without_returning(self.db()).await?;
        Ok(())
    }

    /// Uses a ticket up: the user it was for, if it existed and had not expired. A
    /// ticket works once, even when two instances race for it (one DELETE wins).
    pub async fn redeem_live_ticket(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Uuid>> {
        let Some(ticket) = live_ticket::Entity::find_by_id(token_hash.to_owned()).one(self.db()).await? else {
            return Ok(None);
        };
        let deleted = live_ticket::Entity::delete_many()
            .filter(live_ticket::Column::TokenHash.eq(token_hash))
            .exec(self.db())
            .await?;
        if deleted.rows_affected == 0 || ticket.expires_at <= now {
            return Ok(None);
        }
        // Expired tickets of anyone go with it.
        live_ticket::Entity::delete_many().filter(live_ticket::Column::ExpiresAt.lte(now)).exec(self.db()).await?;
        Ok(Some(ticket.user_id))
    }

    pub async fn room(&self, id: Uuid) -> StoreResult<room::Model> {
        room::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn room_of_meeting(&self, meeting: Uuid) -> StoreResult<Option<room::Model>> {
        Ok(room::Entity::find().filter(room::Column::MeetingId.eq(meeting)).one(self.db()).await?)
    }

    /// The meeting's room, made on first use. Two callers racing both get the one room.
    pub async fn ensure_meeting_room(
        &self,
        meeting: Uuid,
        title: String,
        now: DateTime<Utc>,
    ) -> StoreResult<room::Model> {
        if let Some(existing) = self.room_of_meeting(meeting).await? {
            return Ok(existing);
        }
        let fresh = room::Model {
            id: Uuid::now_v7(),
            kind: "meeting".to_owned(),
            meeting_id: Some(meeting),
            title,
            created_by: None,
            last_seq: 0,
            created_at: now,
        };
        room::Entity::insert(fresh.into_active_model())
            .on_conflict(OnConflict::column(room::Column::MeetingId).do_nothing().to_owned())
            .exec_without_returning(self.db())
            .await?;
        self.room_of_meeting(meeting).await?.ok_or(StoreError::NotFound)
    }

    /// An organiser's room with the people invited into it.
    pub async fn create_room(&self, room: room::Model, invitees: &[Uuid]) -> StoreResult<room::Model> {
        let txn = self.write_transaction().await?;
        room::Entity::insert(room.clone().into_active_model()).exec_without_returning(&txn).await?;
        if !invitees.is_empty() {
            room_invitee::Entity::insert_many(
                invitees.iter().map(|&user_id| room_invitee::Model { room_id: room.id, user_id }.into_active_model()),
            )
            .on_conflict_do_nothing()
            .exec_without_returning(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(room)
    }

    pub async fn rooms_created_by_organisers(&self) -> StoreResult<Vec<room::Model>> {
        Ok(room::Entity::find()
            .filter(room::Column::Kind.eq("organiser"))
            .order_by_desc(room::Column::CreatedAt)
            .limit(500)
            .all(self.db())
            .await?)
    }

    pub async fn room_invitees(&self, room: Uuid) -> StoreResult<Vec<Uuid>> {
        Ok(room_invitee::Entity::find()
            .filter(room_invitee::Column::RoomId.eq(room))
            .all(self.db())
            .await?
            .into_iter()
            .map(|invitee| invitee.user_id)
            .collect())
    }

    pub async fn is_room_invitee(&self, room: Uuid, user: Uuid) -> StoreResult<bool> {
        Ok(room_invitee::Entity::find_by_id((room, user)).one(self.db()).await?.is_some())
    }

    /// Stores a chat message under the room's next sequence number. The counter is
    /// raised by an UPDATE in the same transaction, so concurrent senders (on any
    /// instance) queue on the room's row and numbers never repeat or skip.
    pub async fn append_room_message(
        &self,
        room_id: Uuid,
        sender_id: Option<Uuid>,
        sender_name: String,
        body: String,
        now: DateTime<Utc>,
    ) -> StoreResult<room_message::Model> {
        let txn = self.write_transaction().await?;
        let raised = room::Entity::update_many()
            .col_expr(room::Column::LastSeq, Expr::col(room::Column::LastSeq).add(1))
            .filter(room::Column::Id.eq(room_id))
            .exec(&txn)
            .await?;
        if raised.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        let seq = room::Entity::find_by_id(room_id)
            .select_only()
            .column(room::Column::LastSeq)
            .into_tuple::<i64>()
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let message = room_message::Model { room_id, seq, sender_id, sender_name, body, created_at: now };
        room_message::Entity::insert(message.clone().into_active_model()).exec_without_returning(&txn).await?;
        txn.commit().await?;
        Ok(message)
    }

    /// Messages after `after_seq`, oldest first, at most `limit`.
    pub async fn room_messages_after(
        &self,
        room_id: Uuid,
        after_seq: i64,
        limit: u64,
    ) -> StoreResult<Vec<room_message::Model>> {
        Ok(room_message::Entity::find()
            .filter(room_message::Column::RoomId.eq(room_id))
            .filter(room_message::Column::Seq.gt(after_seq))
            .order_by_asc(room_message::Column::Seq)
            .limit(limit)
            .all(self.db())
            .await?)
    }

    /// The latest `limit` messages, oldest first.
    pub async fn room_messages_latest(&self, room_id: Uuid, limit: u64) -> StoreResult<Vec<room_message::Model>> {
        let mut messages = room_message::Entity::find()
            .filter(room_message::Column::RoomId.eq(room_id))
            .order_by_desc(room_message::Column::Seq)
            .limit(limit)
            .all(self.db())
            .await?;
        messages.reverse();
        Ok(messages)
    }

    /// Notes that `user` is in the room now.
    pub async fn record_room_attendance(&self, room_id: Uuid, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        let row = room_attendance::Model { room_id, user_id, first_joined_at: now, last_seen_at: now };
        room_attendance::Entity::insert(row.into_active_model())
            .on_conflict(
                OnConflict::columns([room_attendance::Column::RoomId, room_attendance::Column::UserId])
                    .update_column(room_attendance::Column::LastSeenAt)
                    .to_owned(),
            )
            .exec_without_returning(self.db())
            .await?;
        Ok(())
    }

    /// Accepted meetings whose slot overlaps `[from, to)`, with the slot's times.
    pub async fn accepted_meetings_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<TimedMeeting>> {
        let slots = slot::Entity::find()
            .filter(slot::Column::StartsAt.lt(to))
            .filter(slot::Column::EndsAt.gt(from))
            .all(self.db())
            .await?;
        if slots.is_empty() {
            return Ok(Vec::new());
        }
        let by_id: std::collections::HashMap<Uuid, &slot::Model> = slots.iter().map(|s| (s.id, s)).collect();
        let meetings = meeting::Entity::find()
            .filter(meeting::Column::Status.eq("accepted"))
            .filter(meeting::Column::SlotId.is_in(by_id.keys().copied()))
            .all(self.db())
            .await?;
        Ok(meetings
            .into_iter()
            .filter_map(|meeting| {
                let slot = by_id.get(&meeting.slot_id?)?;
                Some(TimedMeeting { starts_at: slot.starts_at, ends_at: slot.ends_at, meeting })
            })
            .collect())
    }

    /// For each of `meetings`, the users who entered its room: (meeting, user, organisation).
    pub async fn meeting_room_attendees(&self, meetings: &[Uuid]) -> StoreResult<Vec<(Uuid, Uuid, Option<Uuid>)>> {
        if meetings.is_empty() {
            return Ok(Vec::new());
        }
        let rooms =
            room::Entity::find().filter(room::Column::MeetingId.is_in(meetings.iter().copied())).all(self.db()).await?;
        if rooms.is_empty() {
            return Ok(Vec::new());
        }
        let meeting_of: std::collections::HashMap<Uuid, Uuid> =
            rooms.iter().filter_map(|r| Some((r.id, r.meeting_id?))).collect();
        let attendance = room_attendance::Entity::find()
            .filter(room_attendance::Column::RoomId.is_in(meeting_of.keys().copied()))
            .all(self.db())
            .await?;
        let users: std::collections::HashMap<Uuid, Option<Uuid>> = user::Entity::find()
            .filter(user::Column::Id.is_in(attendance.iter().map(|a| a.user_id)))
            .all(self.db())
            .await?
            .into_iter()
            .map(|u| (u.id, u.organisation_id))
            .collect();
        Ok(attendance
            .into_iter()
            .filter_map(|a| Some((*meeting_of.get(&a.room_id)?, a.user_id, users.get(&a.user_id).copied().flatten())))
            .collect())
    }

    /// Chat messages stored since `since`, in every room.
    pub async fn room_messages_since(&self, since: DateTime<Utc>) -> StoreResult<u64> {
        Ok(room_message::Entity::find().filter(room_message::Column::CreatedAt.gte(since)).count(self.db()).await?)
    }

    /// Published booths with their hall and stand: (booth id, organisation, slug, name, hall, stand).
    /// Halls with published booths, by name, and how many booths each has.
    pub async fn hall_sizes(&self) -> StoreResult<Vec<(String, i64)>> {
        let mut halls: Vec<(String, i64)> = booth::Entity::find()
            .select_only()
            .column(booth::Column::Hall)
            .column_as(booth::Column::Id.count(), "booths")
            .filter(booth::Column::Published.eq(true))
            .filter(booth::Column::Hall.is_not_null())
            .group_by(booth::Column::Hall)
            .into_tuple::<(Option<String>, i64)>()
            .all(self.db())
            .await?
            .into_iter()
            .filter_map(|(hall, n)| hall.map(|h| (h, n)))
            .collect();
        halls.sort();
        Ok(halls)
    }

    pub async fn booth_places(&self) -> StoreResult<Vec<BoothPlace>> {
        let booths = booth::Entity::find().filter(booth::Column::Published.eq(true)).all(self.db()).await?;
        let names: std::collections::HashMap<Uuid, String> = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(booths.iter().map(|b| b.organisation_id)))
            .all(self.db())
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        Ok(booths
            .into_iter()
            .map(|b| BoothPlace {
                name: names.get(&b.organisation_id).cloned().unwrap_or_default(),
                booth_id: b.id,
                organisation_id: b.organisation_id,
                slug: b.slug,
                hall: b.hall,
                stand: b.stand,
            })
            .collect())
    }

    pub async fn booth_by_id(&self, id: Uuid) -> StoreResult<booth::Model> {
        booth::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    /// Countries of buyer companies, by organisation id.
    pub async fn organisation_countries(&self, ids: &[Uuid]) -> StoreResult<Vec<(Uuid, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(ids.iter().copied()))
            .all(self.db())
            .await?
            .into_iter()
            .map(|o| (o.id, o.country))
            .collect())
    }
}

/// Where a published booth stands.
#[derive(Clone, Debug)]
pub struct BoothPlace {
    pub booth_id: Uuid,
    pub organisation_id: Uuid,
    pub slug: String,
    pub name: String,
    pub hall: Option<String>,
    pub stand: Option<String>,
}
