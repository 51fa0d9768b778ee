use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A hall of the fair and how many published booths stand in it (the virtual
/// hall's list; the live occupancy comes over the websocket, `watch` a hall).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HallSummary {
    pub hall: String,
    pub booths: u32,
}

/// A single-use ticket for opening the live connection (`GET /api/v1/live?ticket=…`
/// or an `auth` message), for clients that cannot send the session cookie.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LiveTicket {
    pub ticket: String,
    pub expires_at: DateTime<Utc>,
}

/// A live room and what the viewer may do in it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RoomView {
    pub id: Uuid,
    /// `meeting`, `organiser` or `booth`.
    pub kind: String,
    pub title: String,
    pub meeting_id: Option<Uuid>,
    /// `enter` (straight in), `lobby` (wait for a host) or `not_open` (the meeting's
    /// room opens 15 minutes before its slot and closes 30 minutes after).
    pub access: String,
    pub host: bool,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Online meetings have a video call; on-site ones use the room for chat.
    pub mode: Option<String>,
    pub last_seq: i64,
}

/// An organiser's room.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRoom {
    pub title: String,
    /// Users invited in (organisers may always enter).
    #[serde(default)]
    pub invitees: Vec<Uuid>,
}
