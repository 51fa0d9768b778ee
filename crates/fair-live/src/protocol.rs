//! The live protocol, version 1 (`docs/protocol.md`): closed enums of what a client
//! may send and what the server sends, as JSON text frames tagged by `type`.
//!
//! Every client message that expects an answer carries an `id` (the client's request
//! id); the server answers with `ack` or `error` carrying the same `id`.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const PROTOCOL_VERSION: u32 = 1;

/// Close codes the server uses (besides the standard 1000, 1001, 1003, 1009).
pub mod close {
    /// Normal closure.
    pub const NORMAL: u16 = 1000;
    /// The server is shutting down; reconnect (to any instance).
    pub const GOING_AWAY: u16 = 1001;
    /// A binary frame: the protocol is text only.
    pub const UNSUPPORTED_DATA: u16 = 1003;
    /// A message over the size limit.
    pub const TOO_BIG: u16 = 1009;
    /// Not authenticated in time (no session cookie, ticket or `hello` within the limit).
    pub const AUTH_TIMEOUT: u16 = 4001;
    /// The ticket was unknown, used or expired.
    pub const BAD_TICKET: u16 = 4002;
    /// No frame (not even a pong) within the heartbeat limit.
    pub const HEARTBEAT_TIMEOUT: u16 = 4003;
    /// Too many messages too fast, after warnings.
    pub const RATE_LIMITED: u16 = 4008;
    /// The session ended (signed out, expired) or the account was disabled.
    pub const SIGNED_OUT: u16 = 4010;
    /// The connection could not keep up with what was sent to it.
    pub const SLOW_CONSUMER: u16 = 4009;
    /// Too many malformed or unknown messages.
    pub const PROTOCOL_ABUSE: u16 = 4400;
}

/// What a client sends.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    /// Authenticate with a single-use ticket (`POST /api/v1/live/tickets`).
    Auth {
        id: Option<u64>,
        ticket: String,
    },
    /// Go on anonymously, as the visitor `visitor` (a random id the browser keeps, so
    /// one person in several tabs counts once).
    Hello {
        id: Option<u64>,
        visitor: String,
    },
    /// Enter a room; `after_seq` resumes the chat after the last message seen.
    JoinRoom {
        id: u64,
        room: Uuid,
        after_seq: Option<i64>,
    },
    LeaveRoom {
        id: u64,
        room: Uuid,
    },
    Chat {
        id: u64,
        room: Uuid,
        text: String,
    },
    /// WebRTC signalling to one member of a room.
    Signal {
        id: u64,
        room: Uuid,
        to: String,
        data: SignalData,
    },
    /// A host lets a waiting member in, or turns them away.
    Admit {
        id: u64,
        room: Uuid,
        member: String,
    },
    Reject {
        id: u64,
        room: Uuid,
        member: String,
    },
    /// Be counted at a booth (a visitor on its page).
    EnterBooth {
        id: u64,
        booth: Uuid,
    },
    LeaveBooth {
        id: u64,
        booth: Uuid,
    },
    /// Exhibitor's staff: open a chat room with a signed-in visitor at the booth.
    StartChat {
        id: u64,
        booth: Uuid,
        visitor: Uuid,
    },
    /// Receive live updates of a target until `unwatch`.
    Watch {
        id: u64,
        target: WatchTarget,
    },
    Unwatch {
        id: u64,
        target: WatchTarget,
    },
    /// Round trip (answered with `pong`).
    Ping {
        id: u64,
        sent_at: Option<f64>,
    },
}

impl ClientMessage {
    pub fn request_id(&self) -> Option<u64> {
        match self {
            Self::Auth { id, .. } | Self::Hello { id, .. } => *id,
            Self::JoinRoom { id, .. }
            | Self::LeaveRoom { id, .. }
            | Self::Chat { id, .. }
            | Self::Signal { id, .. }
            | Self::Admit { id, .. }
            | Self::Reject { id, .. }
            | Self::EnterBooth { id, .. }
            | Self::LeaveBooth { id, .. }
            | Self::StartChat { id, .. }
            | Self::Watch { id, .. }
            | Self::Unwatch { id, .. }
            | Self::Ping { id, .. } => Some(*id),
        }
    }
}

/// What can be watched.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum WatchTarget {
    /// Who is at a booth now (its exhibitor's staff and organisers).
    Booth { booth: Uuid },
    /// A hall's booths with their live occupancy (anyone).
    Hall { hall: String },
    /// The organisers' live figures.
    Dashboard,
}

/// WebRTC signalling, relayed as is to one member.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SignalData {
    Offer {
        sdp: String,
    },
    Answer {
        sdp: String,
    },
    Candidate {
        candidate: String,
        sdp_mid: Option<String>,
        sdp_mline_index: Option<u16>,
    },
    /// The sender hung up the call (they may still be in the room).
    Hangup,
}

/// An ICE server for WebRTC (the browser's `RTCIceServer`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct IceServer {
    pub urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// Who someone is, as shown to others.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Person {
    pub user_id: Option<Uuid>,
    pub name: String,
    /// `organiser`, `exhibitor`, `buyer` or `visitor`.
    pub role: String,
    pub company: Option<String>,
    pub country: Option<String>,
}

/// A connection in a room (one person may be in with several tabs).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RoomMember {
    pub member: String,
    #[serde(flatten)]
    pub person: Person,
    pub host: bool,
}

/// A chat message as delivered.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct ChatLine {
    pub seq: i64,
    pub from: Option<Uuid>,
    pub name: String,
    pub text: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// A visitor at a booth as its staff see them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct BoothVisitor {
    pub key: String,
    pub name: Option<String>,
    pub company: Option<String>,
    pub country: Option<String>,
    pub user_id: Option<Uuid>,
}

/// What the server sends.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    Welcome {
        protocol: u32,
        connection: String,
        user: Option<Person>,
        heartbeat_seconds: u64,
        max_message_bytes: usize,
        /// STUN and TURN servers for calls (TURN with credentials of this user's own,
        /// valid for some hours); none configured: empty.
        #[serde(default)]
        ice_servers: Vec<IceServer>,
    },
    Ack {
        id: u64,
    },
    Error {
        id: Option<u64>,
        code: ErrorCode,
        message: String,
    },
    Pong {
        id: u64,
        sent_at: Option<f64>,
    },
    /// You are in: who else is, the chat since `after_seq` (or the latest) follows as `chat`.
    RoomJoined {
        room: Uuid,
        you: String,
        host: bool,
        title: String,
        /// Who is in (all of them up to 200; past that the hosts and the first
        /// others, and arrivals are no longer announced).
        members: Vec<RoomMember>,
        members_total: usize,
        waiting: Vec<RoomMember>,
        last_seq: i64,
    },
    /// You wait in the lobby until a host admits you.
    LobbyWaiting {
        room: Uuid,
    },
    /// Who waits in the lobby now (to everyone in the room; hosts may admit).
    Lobby {
        room: Uuid,
        waiting: Vec<RoomMember>,
    },
    Rejected {
        room: Uuid,
    },
    MemberJoined {
        room: Uuid,
        member: RoomMember,
    },
    MemberLeft {
        room: Uuid,
        member: String,
    },
    Chat {
        room: Uuid,
        #[serde(flatten)]
        line: ChatLine,
    },
    Signal {
        room: Uuid,
        from: String,
        data: SignalData,
    },
    /// A booth's visitors now (answer to `watch` of a booth).
    BoothVisitors {
        booth: Uuid,
        visitors: Vec<BoothVisitor>,
        anonymous: usize,
    },
    VisitorJoined {
        booth: Uuid,
        visitor: BoothVisitor,
    },
    VisitorLeft {
        booth: Uuid,
        key: String,
    },
    /// A booth's staff opened a chat with you.
    ChatInvite {
        room: Uuid,
        booth: Uuid,
        from: String,
        company: String,
    },
    Hall {
        hall: String,
        at: chrono::DateTime<chrono::Utc>,
        booths: Vec<HallBooth>,
    },
    Dashboard {
        #[serde(flatten)]
        figures: DashboardFigures,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct HallBooth {
    pub booth: Uuid,
    pub slug: String,
    pub name: String,
    pub stand: Option<String>,
    pub visitors: usize,
}

/// The organisers' live figures at one instant.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct DashboardFigures {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Distinct people connected (signed-in users and anonymous visitors).
    pub online: usize,
    pub online_by_role: std::collections::BTreeMap<String, usize>,
    /// Signed-in buyers online, by their company's country.
    pub buyers_by_country: std::collections::BTreeMap<String, usize>,
    /// Visitors per booth (booths with at least one), most first.
    pub booths: Vec<HallBooth>,
    /// Visitors per hall (`online` for booths without a stand).
    pub halls: std::collections::BTreeMap<String, usize>,
    pub meetings: MeetingFigures,
    /// Chat messages stored in the last 60 seconds.
    pub messages_last_minute: u64,
}

/// Today's accepted meetings by state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct MeetingFigures {
    pub scheduled_today: usize,
    pub upcoming: usize,
    pub in_progress: usize,
    /// Online meetings whose room both sides entered.
    pub done: usize,
    /// Online meetings over whose room one side never entered.
    pub no_show: usize,
    /// On-site meetings over (attendance at tables is not recorded).
    pub ended_onsite: usize,
}

/// Why a message was refused. Stable strings (`snake_case`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not JSON, or not an object with a known `type`.
    Malformed,
    /// A known `type` with missing, extra or mistyped fields.
    InvalidMessage,
    /// Needs a signed-in user (or was sent before authenticating).
    Unauthenticated,
    AlreadyAuthenticated,
    Forbidden,
    NotFound,
    /// Sent for a room you have not joined (or are only waiting for).
    NotInRoom,
    /// The member addressed is not in the room.
    NoSuchMember,
    /// Not a host of this room.
    NotHost,
    /// The meeting is not accepted (no room yet), or over.
    MeetingNotOpen,
    TextTooLong,
    EmptyText,
    RateLimited,
    /// Too many rooms, booths or watches on one connection.
    TooMany,
    Unavailable,
}

impl ServerMessage {
    pub fn error(id: Option<u64>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Error { id, code, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_parse_and_unknown_fields_are_refused() {
        let join: ClientMessage =
            serde_json::from_str(r#"{"type":"join_room","id":1,"room":"0190d6a0-0000-7000-8000-000000000001"}"#)
                .expect("join");
        assert_eq!(join.request_id(), Some(1));
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"chat","id":1,"room":"x","text":"hi"}"#).is_err());
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"ping","id":1,"sent_at":1.0,"extra":true}"#).is_err());
        let watch: ClientMessage =
            serde_json::from_str(r#"{"type":"watch","id":3,"target":{"kind":"hall","hall":"A"}}"#).expect("watch");
        assert_eq!(watch, ClientMessage::Watch { id: 3, target: WatchTarget::Hall { hall: "A".to_owned() } });
    }

    #[test]
    fn server_messages_are_tagged_snake_case() {
        let text = serde_json::to_string(&ServerMessage::error(Some(2), ErrorCode::NotInRoom, "join first"))
            .expect("serialise");
        assert_eq!(text, r#"{"type":"error","id":2,"code":"not_in_room","message":"join first"}"#);
    }
}
