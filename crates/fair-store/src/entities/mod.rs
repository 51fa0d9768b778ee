//! sea-orm entities, one per table. Column types match `fair-migrations`.

pub mod booth;
pub mod booth_visit;
pub mod calendar_feed;
pub mod certification;
pub mod counter;
pub mod fair_day;
pub mod fair_meta;
pub mod fair_setting;
pub mod idempotency_key;
pub mod interpreter;
pub mod interpreter_slot;
pub mod invitation;
pub mod live_ticket;
pub mod login_throttle;
pub mod media;
pub mod meeting;
pub mod meeting_rule;
pub mod meeting_table;
pub mod organisation;
pub mod participant_setting;
pub mod preference;
pub mod product;
pub mod room;
pub mod room_attendance;
pub mod room_invitee;
pub mod room_message;
pub mod schedule_entry;
pub mod schedule_run;
pub mod schedule_unplaced;
pub mod session;
pub mod slot;
pub mod sourcing_need;
pub mod staff_member;
pub mod unavailable_slot;
pub mod user;

use std::collections::BTreeMap;

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// A text in several languages, keyed by BCP 47 tag, stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct I18n(pub BTreeMap<String, String>);

/// Breaks of a fair day: pairs of local "HH:MM" times.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Breaks(pub Vec<(String, String)>);

/// A list of ids, stored as a JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct IdList(pub Vec<uuid::Uuid>);

/// A list of short strings (codes, names), stored as a JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct StringList(pub Vec<String>);
