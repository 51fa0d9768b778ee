//! One websocket connection: a task that `select!`s over socket reads, its wake-up
//! (deliveries that need it, bytes the kernel did not take at once), a heartbeat
//! tick and its stop signal (shutdown or slow consumer). Most deliveries never reach
//! the task: the hub writes them to the socket itself ([`crate::socket`]). Handlers
//! run inside the task, and while one runs, deliveries wait: what a handler sends
//! (an answer, a room's state) always precedes what the hub delivered meanwhile.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use fair_http::CurrentUser;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};
use uuid::Uuid;

use crate::Live;
use crate::access::{self, Access};
use crate::bus::Delivery;
use crate::hub::frame_of;
use crate::presence::PresenceEntry;
use crate::protocol::{
    BoothVisitor, ChatLine, ClientMessage, ErrorCode, PROTOCOL_VERSION, Person, RoomMember, ServerMessage, SignalData,
    WatchTarget, close,
};
use crate::socket::{LiveIo, Outbound, Seen, WriteError};

/// Bad messages tolerated before the connection is closed (4400).
const MAX_BAD_MESSAGES: u32 = 20;
/// Rate-limited messages tolerated before the connection is closed (4008).
const MAX_RATE_LIMITED: u32 = 50;
/// History pages read on joining a room.
const HISTORY_PAGE: u64 = 500;
/// Messages shown on a first join (no `after_seq`).
const HISTORY_LATEST: u64 = 100;
/// Members listed in `room_joined`, and the size up to which arrivals are announced
/// to everyone: a bigger room (a briefing, a webinar) would cost every join a
/// message to each member, quadratic in the room's size.
const ANNOUNCED_MEMBERS: usize = 200;

/// Who is on the other end.
#[derive(Clone, Debug)]
pub(crate) enum Identity {
    Pending,
    User(Box<SignedIn>),
    Visitor(String),
}

#[derive(Clone, Debug)]
pub(crate) struct SignedIn {
    pub user: CurrentUser,
    pub person: Person,
}

struct RoomState {
    host: bool,
    admitted: bool,
}

pub(crate) struct Connection {
    live: Live,
    out: Arc<Outbound>,
    socket: Socket,
    number: u64,
    id: String,
    identity: Identity,
    rooms: HashMap<Uuid, RoomState>,
    booths: HashSet<Uuid>,
    watches: HashSet<WatchTarget>,
    topics: HashSet<String>,
    in_site: Option<String>,
    tokens: f64,
    refilled: Instant,
    bad_messages: u32,
    rate_limited: u32,
}

/// Why the loop ended.
enum End {
    Close(u16, &'static str),
    Gone,
}

pub(crate) type Socket = WebSocketStream<LiveIo>;

/// A connection, registered with the hub, ready to run.
///
/// Boxed: an async function's arguments stay in its future for the task's whole
/// life, so the task takes one pointer rather than the connection by value.
pub(crate) fn open(live: Live, socket: Socket, out: Arc<Outbound>, identity: Identity) -> Box<Connection> {
    let (number, id) = live.hub.register(out.clone());
    let tokens = live.hub.config.rate_burst;
    Box::new(Connection {
        live,
        out,
        socket,
        number,
        id,
        identity,
        rooms: HashMap::new(),
        booths: HashSet::new(),
        watches: HashSet::new(),
        topics: HashSet::new(),
        in_site: None,
        tokens,
        refilled: Instant::now(),
        bad_messages: 0,
        rate_limited: 0,
    })
}

/// Serves the connection until it ends, then closes it and leaves everything it held.
pub(crate) async fn run(mut conn: Box<Connection>) {
    let end = Box::pin(conn.serve()).await;
    // Boxed, like every handler below: the idle connection's task holds none of
    // their state, only the loop's.
    Box::pin(finish(conn, end)).await;
}

impl Connection {
    async fn serve(&mut self) -> Step {
        let config = &self.live.hub.config;
        let (idle_timeout, recheck_every) = (config.idle_timeout, config.recheck_every);
        let mut heartbeat = tokio::time::interval(config.heartbeat);
        heartbeat.reset();
        // Boxed, and dropped once the connection is authenticated.
        let mut auth_deadline = Some(Box::pin(tokio::time::sleep(config.auth_timeout)));
        if !matches!(self.identity, Identity::Pending) {
            auth_deadline = None;
            Box::pin(self.handle(|conn| Box::pin(conn.on_authenticated()))).await?;
        }
        let out = self.out.clone();
        let mut last_heard = Instant::now();
        let mut last_checked = Instant::now();
        loop {
            if auth_deadline.is_some() && !matches!(self.identity, Identity::Pending) {
                auth_deadline = None;
            }
            tokio::select! {
                biased;
                () = out.stop.cancelled() => return Err(stopped(out.close_code())),
                () = async { auth_deadline.as_mut().expect("checked").await }, if auth_deadline.is_some() => {
                    return Err(End::Close(close::AUTH_TIMEOUT, "not authenticated in time"));
                }
                () = out.notified() => {
                    // Deliveries that need this connection's state, then what the socket
                    // did not take at once. A write blocked on a clogged socket yields to
                    // the stop signal: the hub cuts a slow consumer without waiting for it.
                    tokio::select! {
                        step = Box::pin(self.handle(|_| Box::pin(std::future::ready(Ok(()))))) => step?,
                        () = out.stop.cancelled() => return Err(stopped(out.close_code())),
                    }
                }
                frame = self.socket.next() => {
                    last_heard = Instant::now();
                    match frame {
                        None => return Err(End::Gone),
                        Some(Err(err)) => return Err(read_failed(&err)),
                        Some(Ok(Message::Text(text))) => {
                            Box::pin(self.handle(|conn| Box::pin(conn.on_text(text)))).await?;
                        }
                        Some(Ok(Message::Binary(_))) => {
                            return Err(End::Close(close::UNSUPPORTED_DATA, "binary frames are not part of the protocol"));
                        }
                        Some(Ok(Message::Close(_))) => return Err(End::Gone),
                        Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
                    }
                }
                _ = heartbeat.tick() => {
                    if last_heard.elapsed() > idle_timeout {
                        return Err(End::Close(close::HEARTBEAT_TIMEOUT, "no answer to pings"));
                    }
                    if last_checked.elapsed() >= recheck_every {
                        last_checked = Instant::now();
                        if !Box::pin(self.still_signed_in()).await {
                            return Err(End::Close(close::SIGNED_OUT, "signed out"));
                        }
                    }
                    self.written(Box::pin(out.ping()).await)?;
                }
            }
        }
    }
}

/// Closes with the code `end` asks for (briefly: a clogged socket will not take
/// it anyway), then leaves everything the connection held.
async fn finish(mut conn: Box<Connection>, end: Step) {
    let out = conn.out.clone();
    if let Err(End::Close(code, reason)) = end {
        if code == close::SLOW_CONSUMER {
            out.discard_pending();
        }
        let frame = CloseFrame { code: CloseCode::from(code), reason: reason.into() };
        let deadline = tokio::time::Instant::now() + CLOSE_TIMEOUT;
        let sent = conn.socket.close(Some(frame)).await.is_ok()
            && matches!(tokio::time::timeout_at(deadline, out.write_out()).await, Ok(Ok(())));
        if sent {
            // The closing handshake: read (and drop) what the client still sends until
            // its close, so unread input does not turn our close into a reset.
            while let Ok(Some(Ok(message))) = tokio::time::timeout_at(deadline, conn.socket.next()).await {
                if matches!(message, Message::Close(_)) {
                    break;
                }
            }
        }
    }
    out.close();
    conn.clean_up().await;
    conn.live.hub.unregister(conn.number);
}

type Step = Result<(), End>;

/// How long the close frame gets to go out.
const CLOSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// A failed read: a message over the size limit is told so (1009, as documented);
/// anything else means the client is gone.
fn read_failed(err: &tokio_tungstenite::tungstenite::Error) -> End {
    use tokio_tungstenite::tungstenite::Error;
    match err {
        Error::Capacity(_) => End::Close(close::TOO_BIG, "message over 64 KiB"),
        _ => End::Gone,
    }
}

/// Why the hub stopped this connection, as a close.
fn stopped(code: u16) -> End {
    match code {
        close::SLOW_CONSUMER => End::Close(code, "too slow: messages were piling up"),
        0 | close::GOING_AWAY => End::Close(close::GOING_AWAY, "server shutting down"),
        other => End::Close(other, "closed by the server"),
    }
}

impl Connection {
    /// Runs a handler while deliveries wait, then the deliveries that came meanwhile
    /// (or that need this connection), then writes out what the socket did not take.
    async fn handle<F>(&mut self, handler: F) -> Step
    where
        F: for<'a> FnOnce(&'a mut Self) -> futures::future::BoxFuture<'a, Step>,
    {
        self.out.begin();
        handler(self).await?;
        while let Some(delivery) = self.out.take_inbox() {
            Box::pin(self.deliver(delivery)).await?;
        }
        if self.out.has_unwritten() {
            self.written(self.out.write_out().await)?;
        }
        Ok(())
    }

    /// A write's outcome: a socket that took nothing for the write timeout is a slow
    /// consumer; a failed one means the client is gone.
    fn written(&self, result: Result<(), WriteError>) -> Step {
        match result {
            Ok(()) => Ok(()),
            Err(WriteError::Gone) => Err(End::Gone),
            Err(WriteError::Stalled) => Err(End::Close(close::SLOW_CONSUMER, "too slow: a write did not complete")),
        }
    }

    async fn send(&mut self, message: &ServerMessage) -> Step {
        match frame_of(message) {
            Some(frame) => self.written(self.out.send(&frame).await),
            None => Ok(()),
        }
    }

    async fn error(&mut self, id: Option<u64>, code: ErrorCode, message: &str) -> Step {
        self.send(&ServerMessage::error(id, code, message)).await
    }

    /// A delivery that waited for the task (it came while a handler ran, or needs
    /// this connection's state).
    async fn deliver(&mut self, delivery: Delivery) -> Step {
        match delivery {
            Delivery::Frame(frame) => self.written(self.out.send(&frame).await),
            Delivery::Chat { room, seq, frame } => {
                if !self.out.first_time(room, seq) {
                    return Ok(());
                }
                self.written(self.out.send(&frame).await)
            }
            Delivery::Admitted { room } => {
                let waiting = self.rooms.get(&room).is_some_and(|s| !s.admitted);
                if waiting {
                    self.leave_lobby(room).await;
                    let host = false;
                    self.enter_room(None, room, host, None).await?;
                }
                Ok(())
            }
            Delivery::Rejected { room } => {
                if self.rooms.get(&room).is_some_and(|s| !s.admitted) {
                    self.leave_lobby(room).await;
                    self.rooms.remove(&room);
                    self.send(&ServerMessage::Rejected { room }).await?;
                }
                Ok(())
            }
        }
    }

    fn subscribe(&mut self, topic: String) {
        self.live.hub.subscribe(&topic, self.number);
        self.topics.insert(topic);
    }

    fn unsubscribe(&mut self, topic: &str) {
        self.live.hub.unsubscribe(topic, self.number);
        self.topics.remove(topic);
    }

    fn signed_in(&self) -> Option<&SignedIn> {
        match &self.identity {
            Identity::User(user) => Some(user),
            _ => None,
        }
    }

    /// The presence key of this person (a user, or an anonymous visitor's hashed id).
    fn person_key(&self) -> Option<String> {
        match &self.identity {
            Identity::Pending => None,
            Identity::User(user) => Some(format!("user:{}", user.user.user.id)),
            Identity::Visitor(visitor) => Some(format!("anon:{visitor}")),
        }
    }

    fn person(&self) -> Person {
        match &self.identity {
            Identity::User(user) => user.person.clone(),
            _ => {
                Person { user_id: None, name: String::new(), role: "visitor".to_owned(), company: None, country: None }
            }
        }
    }

    async fn on_authenticated(&mut self) -> Step {
        let welcome = ServerMessage::Welcome {
            protocol: PROTOCOL_VERSION,
            connection: self.id.clone(),
            user: self.signed_in().map(|s| s.person.clone()),
            heartbeat_seconds: self.live.hub.config.heartbeat.as_secs(),
            max_message_bytes: self.live.hub.config.max_message_bytes,
            ice_servers: self.live.ice.servers_for(self.signed_in().map(|s| s.user.user.id), Utc::now()),
        };
        self.send(&welcome).await?;
        if let Some(user) = self.signed_in() {
            let topic = format!("user:{}", user.user.user.id);
            self.subscribe(topic);
        }
        if let Some(key) = self.person_key() {
            let entry = PresenceEntry { person: self.person(), host: false };
            self.live.hub.enter("site", &key, &entry).await;
            self.in_site = Some(key);
        }
        Ok(())
    }

    /// Token bucket: `false` when the message must be refused.
    fn take_token(&mut self) -> bool {
        let config = &self.live.hub.config;
        let now = Instant::now();
        let elapsed = now.duration_since(self.refilled).as_secs_f64();
        self.refilled = now;
        self.tokens = (self.tokens + elapsed * config.rate_per_second).min(config.rate_burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    async fn on_text(&mut self, text: Utf8Bytes) -> Step {
        let text = text.as_str();
        metrics::counter!("fair_live_messages_in_total").increment(1);
        if !self.take_token() {
            self.rate_limited += 1;
            if self.rate_limited > MAX_RATE_LIMITED {
                return Err(End::Close(close::RATE_LIMITED, "too many messages"));
            }
            let id = request_id_of(text);
            return self.error(id, ErrorCode::RateLimited, "slow down: too many messages").await;
        }
        let message = match serde_json::from_str::<ClientMessage>(text) {
            Ok(message) => message,
            Err(err) => {
                self.bad_messages += 1;
                if self.bad_messages > MAX_BAD_MESSAGES {
                    return Err(End::Close(close::PROTOCOL_ABUSE, "too many malformed messages"));
                }
                let (code, detail) = classify(text, &err);
                let id = request_id_of(text);
                return self.error(id, code, &detail).await;
            }
        };
        let id = message.request_id();
        match (&self.identity, &message) {
            (Identity::Pending, ClientMessage::Auth { ticket, .. }) => {
                let ticket = ticket.clone();
                return self.authenticate(id, &ticket).await;
            }
            (Identity::Pending, ClientMessage::Hello { visitor, .. }) => {
                let Some(visitor) = visitor_key(visitor) else {
                    return self
                        .error(id, ErrorCode::InvalidMessage, "visitor must be 8–64 letters, digits, - or _")
                        .await;
                };
                self.identity = Identity::Visitor(visitor);
                return self.on_authenticated().await;
            }
            (Identity::Pending, _) => {
                return self.error(id, ErrorCode::Unauthenticated, "send auth or hello first").await;
            }
            (_, ClientMessage::Auth { .. } | ClientMessage::Hello { .. }) => {
                return self.error(id, ErrorCode::AlreadyAuthenticated, "already authenticated").await;
            }
            _ => {}
        }
        match message {
            ClientMessage::Auth { .. } | ClientMessage::Hello { .. } => Ok(()),
            ClientMessage::Ping { id, sent_at } => self.send(&ServerMessage::Pong { id, sent_at }).await,
            ClientMessage::JoinRoom { id, room, after_seq } => self.join_room(id, room, after_seq).await,
            ClientMessage::LeaveRoom { id, room } => {
                if !self.rooms.contains_key(&room) {
                    return self.error(Some(id), ErrorCode::NotInRoom, "not in this room").await;
                }
                self.leave_room(room).await;
                self.send(&ServerMessage::Ack { id }).await
            }
            ClientMessage::Chat { id, room, text } => self.chat(id, room, text).await,
            ClientMessage::Signal { id, room, to, data } => self.signal(id, room, to, data).await,
            ClientMessage::Admit { id, room, member } => self.admit(id, room, member, true).await,
            ClientMessage::Reject { id, room, member } => self.admit(id, room, member, false).await,
            ClientMessage::EnterBooth { id, booth } => self.enter_booth(id, booth).await,
            ClientMessage::LeaveBooth { id, booth } => {
                if !self.booths.contains(&booth) {
                    return self.error(Some(id), ErrorCode::NotFound, "not at this booth").await;
                }
                self.leave_booth(booth).await;
                self.send(&ServerMessage::Ack { id }).await
            }
            ClientMessage::StartChat { id, booth, visitor } => self.start_chat(id, booth, visitor).await,
            ClientMessage::Watch { id, target } => self.watch(id, target).await,
            ClientMessage::Unwatch { id, target } => {
                if !self.watches.remove(&target) {
                    return self.error(Some(id), ErrorCode::NotFound, "not watching this").await;
                }
                self.unsubscribe(&watch_topic(&target));
                self.send(&ServerMessage::Ack { id }).await
            }
        }
    }

    /// Whether the person behind this connection may still be here: the session it
    /// opened with is alive (not logged out, not expired), or for a ticket, the
    /// account is still enabled. A failing database keeps the connection (checked again
    /// next time).
    async fn still_signed_in(&self) -> bool {
        let Identity::User(user) = &self.identity else { return true };
        let store = &self.live.state.store;
        let answer = if user.user.session_hash.is_empty() {
            store.user(user.user.user.id).await.map(|u| !u.disabled)
        } else {
            store.session_user(&user.user.session_hash, Utc::now()).await.map(|found| found.is_some())
        };
        match answer {
            Ok(alive) => alive,
            Err(fair_store::StoreError::NotFound) => false,
            Err(err) => {
                tracing::warn!(error = %err, "checking a live connection's session failed");
                true
            }
        }
    }

    async fn authenticate(&mut self, id: Option<u64>, ticket: &str) -> Step {
        match self.live.redeem_ticket(ticket).await {
            Ok(Some(identity)) => {
                self.identity = identity;
                self.on_authenticated().await
            }
            Ok(None) => Err(End::Close(close::BAD_TICKET, "unknown, used or expired ticket")),
            Err(err) => {
                tracing::warn!(error = %err, "redeeming a live ticket failed");
                self.error(id, ErrorCode::Unavailable, "try again").await
            }
        }
    }

    async fn join_room(&mut self, id: u64, room: Uuid, after_seq: Option<i64>) -> Step {
        if self.rooms.contains_key(&room) {
            return self.send(&ServerMessage::Ack { id }).await;
        }
        let Some(user) = self.signed_in().cloned() else {
            return self.error(Some(id), ErrorCode::Unauthenticated, "sign in to enter rooms").await;
        };
        if self.rooms.len() >= self.live.hub.config.max_rooms {
            return self.error(Some(id), ErrorCode::TooMany, "in too many rooms at once").await;
        }
        let store = &self.live.state.store;
        let model = match store.room(room).await {
            Ok(model) => model,
            Err(fair_store::StoreError::NotFound) => {
                return self.error(Some(id), ErrorCode::NotFound, "no such room").await;
            }
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        let who = access::Visitor { principal: &user.user.principal, email: &user.user.user.email };
        let decision = match access::room_access(store, &model, &who, Utc::now()).await {
            Ok(decision) => decision,
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        match decision {
            Access::Denied => self.error(Some(id), ErrorCode::Forbidden, "this room is not yours").await,
            Access::NotOpen => {
                self.error(Some(id), ErrorCode::MeetingNotOpen, "the meeting's room is not open now").await
            }
            Access::Lobby => {
                self.rooms.insert(room, RoomState { host: false, admitted: false });
                let entry = PresenceEntry { person: user.person.clone(), host: false };
                self.live.hub.enter(&lobby_scope(room), &self.id, &entry).await;
                announce_lobby(&self.live, room).await;
                self.send(&ServerMessage::Ack { id }).await?;
                self.send(&ServerMessage::LobbyWaiting { room }).await
            }
            Access::Enter { host } => {
                self.send(&ServerMessage::Ack { id }).await?;
                self.enter_room(Some(model), room, host, after_seq).await
            }
        }
    }

    /// Enters a room one may enter: presence, subscription, state, then the chat
    /// since `after_seq`. Subscribing (on every instance) before reading the
    /// history, and skipping sequence numbers already sent, leaves no gap and no
    /// duplicate.
    async fn enter_room(
        &mut self,
        model: Option<fair_store::entities::room::Model>,
        room: Uuid,
        host: bool,
        after_seq: Option<i64>,
    ) -> Step {
        let Some(user) = self.signed_in().cloned() else { return Ok(()) };
        let store = self.live.state.store.clone();
        let model = match model {
            Some(model) => model,
            None => match store.room(room).await {
                Ok(model) => model,
                Err(err) => return self.unavailable(None, err).await,
            },
        };
        self.rooms.insert(room, RoomState { host, admitted: true });
        // Chat counts from the resume point (or from nothing): what arrives before the
        // history is read is not sent twice.
        self.out.enter_room(room, Seen::after(after_seq.unwrap_or(0)));
        self.subscribe(room_topic(room));
        self.live.hub.subscribed(&room_topic(room)).await;
        let member = RoomMember { member: self.id.clone(), person: user.person.clone(), host };
        let entry = PresenceEntry { person: user.person.clone(), host };
        self.live.hub.enter(&room_scope(room), &self.id, &entry).await;
        // A big room lists its hosts and the first others, and announces nobody.
        let (members, members_total) = self.room_sample(&room_scope(room)).await;
        if members_total <= ANNOUNCED_MEMBERS {
            self.live.hub.publish_message(&room_topic(room), &ServerMessage::MemberJoined { room, member });
        }
        if let Err(err) = store.record_room_attendance(room, user.user.user.id, Utc::now()).await {
            tracing::warn!(error = %err, "recording room attendance failed");
        }
        let mut waiting = room_members(&self.live, &lobby_scope(room)).await;
        waiting.truncate(ANNOUNCED_MEMBERS);
        let joined = ServerMessage::RoomJoined {
            room,
            you: self.id.clone(),
            host,
            title: model.title.clone(),
            members,
            members_total,
            waiting,
            last_seq: model.last_seq,
        };
        self.send(&joined).await?;
        let history = match after_seq {
            Some(after) => {
                let mut all = Vec::new();
                let mut cursor = after;
                loop {
                    match store.room_messages_after(room, cursor, HISTORY_PAGE).await {
                        Ok(page) => {
                            let full = page.len() as u64 == HISTORY_PAGE;
                            if let Some(last) = page.last() {
                                cursor = last.seq;
                            }
                            all.extend(page);
                            if !full {
                                break;
                            }
                        }
                        Err(err) => return self.unavailable(None, err).await,
                    }
                }
                all
            }
            None => match store.room_messages_latest(room, HISTORY_LATEST).await {
                Ok(messages) => messages,
                Err(err) => return self.unavailable(None, err).await,
            },
        };
        if after_seq.is_none()
            && let Some(first) = history.first()
        {
            // The latest messages only: what came before them is not wanted.
            self.out.restart_room(room, Seen::after(first.seq - 1));
        }
        for message in history {
            if !self.out.first_time(room, message.seq) {
                continue;
            }
            let line = ChatLine {
                seq: message.seq,
                from: message.sender_id,
                name: message.sender_name,
                text: message.body,
                at: message.created_at,
            };
            self.send(&ServerMessage::Chat { room, line }).await?;
        }
        Ok(())
    }

    /// Up to [`ANNOUNCED_MEMBERS`] members of a room (hosts first), and how many in all.
    async fn room_sample(&self, scope: &str) -> (Vec<RoomMember>, usize) {
        match self.live.hub.presence().sample(scope, ANNOUNCED_MEMBERS).await {
            Ok(sample) => (
                sample
                    .members
                    .into_iter()
                    .map(|(member, entry)| RoomMember { member, person: entry.person, host: entry.host })
                    .collect(),
                sample.total,
            ),
            Err(err) => {
                tracing::warn!(error = %err, "reading presence failed");
                (Vec::new(), 0)
            }
        }
    }

    async fn leave_lobby(&mut self, room: Uuid) {
        if self.live.hub.leave(&lobby_scope(room), &self.id).await {
            announce_lobby(&self.live, room).await;
        }
    }

    async fn leave_room(&mut self, room: Uuid) {
        let Some(state) = self.rooms.remove(&room) else { return };
        if !state.admitted {
            self.leave_lobby(room).await;
            return;
        }
        self.unsubscribe(&room_topic(room));
        self.out.leave_room(room);
        if self.live.hub.leave(&room_scope(room), &self.id).await {
            self.live
                .hub
                .publish_message(&room_topic(room), &ServerMessage::MemberLeft { room, member: self.id.clone() });
        }
        if let Some(user) = self.signed_in() {
            let user_id = user.user.user.id;
            if let Err(err) = self.live.state.store.record_room_attendance(room, user_id, Utc::now()).await {
                tracing::warn!(error = %err, "recording room attendance failed");
            }
        }
    }

    fn admitted_in(&self, room: Uuid) -> Option<&RoomState> {
        self.rooms.get(&room).filter(|state| state.admitted)
    }

    async fn chat(&mut self, id: u64, room: Uuid, text: String) -> Step {
        if self.admitted_in(room).is_none() {
            return self.error(Some(id), ErrorCode::NotInRoom, "join the room first").await;
        }
        let text = text.trim().to_owned();
        if text.is_empty() {
            return self.error(Some(id), ErrorCode::EmptyText, "write something").await;
        }
        let max = self.live.hub.config.max_chat_chars;
        if text.chars().count() > max {
            return self.error(Some(id), ErrorCode::TextTooLong, &format!("at most {max} characters")).await;
        }
        let Some(user) = self.signed_in().cloned() else { return Ok(()) };
        let stored = self
            .live
            .state
            .store
            .append_room_message(room, Some(user.user.user.id), user.person.name.clone(), text, Utc::now())
            .await;
        let message = match stored {
            Ok(message) => message,
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        metrics::counter!("fair_live_chat_messages_total").increment(1);
        let seq = message.seq;
        let line = ChatLine {
            seq,
            from: message.sender_id,
            name: message.sender_name,
            text: message.body,
            at: message.created_at,
        };
        self.send(&ServerMessage::Ack { id }).await?;
        if let Some(frame) = frame_of(&ServerMessage::Chat { room, line }) {
            self.live.hub.publish(&room_topic(room), Delivery::Chat { room, seq, frame });
        }
        Ok(())
    }

    async fn signal(&mut self, id: u64, room: Uuid, to: String, data: SignalData) -> Step {
        if self.admitted_in(room).is_none() {
            return self.error(Some(id), ErrorCode::NotInRoom, "join the room first").await;
        }
        match self.live.hub.presence().contains(&room_scope(room), &to).await {
            Ok(true) => {}
            Ok(false) => return self.error(Some(id), ErrorCode::NoSuchMember, "not in this room").await,
            Err(err) => return self.unavailable(Some(id), err).await,
        }
        let message = ServerMessage::Signal { room, from: self.id.clone(), data };
        if let Some(frame) = frame_of(&message) {
            self.live.hub.send_to_connection(&to, Delivery::Frame(frame));
        }
        self.send(&ServerMessage::Ack { id }).await
    }

    async fn admit(&mut self, id: u64, room: Uuid, member: String, admit: bool) -> Step {
        match self.admitted_in(room) {
            None => return self.error(Some(id), ErrorCode::NotInRoom, "join the room first").await,
            Some(state) if !state.host => {
                return self.error(Some(id), ErrorCode::NotHost, "only a host admits people").await;
            }
            Some(_) => {}
        }
        match self.live.hub.presence().contains(&lobby_scope(room), &member).await {
            Ok(true) => {}
            Ok(false) => return self.error(Some(id), ErrorCode::NoSuchMember, "nobody waits by that id").await,
            Err(err) => return self.unavailable(Some(id), err).await,
        }
        let delivery = if admit { Delivery::Admitted { room } } else { Delivery::Rejected { room } };
        self.live.hub.send_to_connection(&member, delivery);
        self.send(&ServerMessage::Ack { id }).await
    }

    async fn enter_booth(&mut self, id: u64, booth: Uuid) -> Step {
        if self.booths.contains(&booth) {
            return self.send(&ServerMessage::Ack { id }).await;
        }
        if self.booths.len() >= self.live.hub.config.max_booths {
            return self.error(Some(id), ErrorCode::TooMany, "at too many booths at once").await;
        }
        let model = match self.live.state.store.booth_by_id(booth).await {
            Ok(model) if model.published => model,
            Ok(_) | Err(fair_store::StoreError::NotFound) => {
                return self.error(Some(id), ErrorCode::NotFound, "no such booth").await;
            }
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        let own_staff = self
            .signed_in()
            .is_some_and(|user| user.user.principal.organisation_id.map(|o| o.0) == Some(model.organisation_id));
        self.booths.insert(booth);
        self.send(&ServerMessage::Ack { id }).await?;
        if own_staff {
            // The booth's own staff are not its visitors.
            return Ok(());
        }
        let (Some(key), visitor) = (self.booth_key(), self.booth_visitor()) else { return Ok(()) };
        let entry = PresenceEntry { person: self.person_for_booth(), host: false };
        if self.live.hub.enter(&booth_scope(booth), &key, &entry).await == Some(true) {
            self.live.hub.publish_message(&booth_topic(booth), &ServerMessage::VisitorJoined { booth, visitor });
        }
        metrics::counter!("fair_live_booth_entries_total").increment(1);
        Ok(())
    }

    /// How the booth's staff see this connection's person: named only when signed in
    /// and agreed to be seen.
    fn person_for_booth(&self) -> Person {
        match &self.identity {
            Identity::User(user) if user.user.user.presence_visible => user.person.clone(),
            Identity::User(user) => Person {
                user_id: None,
                name: String::new(),
                role: user.person.role.clone(),
                company: None,
                country: user.person.country.clone(),
            },
            _ => self.person(),
        }
    }

    /// This person's key at booths, which the booth's staff see: the user id only for
    /// those who agreed to be seen; otherwise a digest that counts them once (across
    /// tabs and instances) without telling who they are.
    fn booth_key(&self) -> Option<String> {
        match &self.identity {
            Identity::Pending => None,
            Identity::User(user) if user.user.user.presence_visible => Some(format!("user:{}", user.user.user.id)),
            Identity::User(user) => Some(format!("hidden:{}", key_digest(&user.user.user.id.to_string()))),
            Identity::Visitor(visitor) => Some(anonymous_booth_key(visitor)),
        }
    }

    fn booth_visitor(&self) -> BoothVisitor {
        let person = self.person_for_booth();
        BoothVisitor {
            key: self.booth_key().unwrap_or_default(),
            name: (!person.name.is_empty()).then_some(person.name),
            company: person.company,
            country: person.country,
            user_id: person.user_id,
        }
    }

    async fn leave_booth(&mut self, booth: Uuid) {
        if !self.booths.remove(&booth) {
            return;
        }
        let Some(key) = self.booth_key() else { return };
        if self.live.hub.leave(&booth_scope(booth), &key).await {
            self.live.hub.publish_message(&booth_topic(booth), &ServerMessage::VisitorLeft { booth, key });
        }
    }

    async fn start_chat(&mut self, id: u64, booth: Uuid, visitor: Uuid) -> Step {
        let Some(user) = self.signed_in().cloned() else {
            return self.error(Some(id), ErrorCode::Unauthenticated, "sign in first").await;
        };
        let store = self.live.state.store.clone();
        let model = match store.booth_by_id(booth).await {
            Ok(model) => model,
            Err(fair_store::StoreError::NotFound) => {
                return self.error(Some(id), ErrorCode::NotFound, "no such booth").await;
            }
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        let principal = &user.user.principal;
        let staff = principal.organisation_id.map(|o| o.0) == Some(model.organisation_id);
        if !staff && !principal.is_organiser() {
            return self.error(Some(id), ErrorCode::Forbidden, "only the booth's staff start chats").await;
        }
        let key = format!("user:{visitor}");
        let visible = match self.live.hub.presence().members(&booth_scope(booth)).await {
            Ok(members) => {
                members.into_iter().find(|(k, _)| *k == key).is_some_and(|(_, e)| e.person.user_id.is_some())
            }
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        if !visible {
            return self
                .error(Some(id), ErrorCode::NoSuchMember, "that visitor is not at the booth (or not named)")
                .await;
        }
        let company = match store.exhibitor(model.organisation_id).await {
            Ok(exhibitor) => exhibitor.organisation.name,
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        let now = Utc::now();
        let room = fair_store::entities::room::Model {
            id: Uuid::now_v7(),
            kind: "booth".to_owned(),
            meeting_id: None,
            title: company.clone(),
            created_by: Some(user.user.user.id),
            last_seq: 0,
            created_at: now,
        };
        let room = match store.create_room(room, &[user.user.user.id, visitor]).await {
            Ok(room) => room,
            Err(err) => return self.unavailable(Some(id), err).await,
        };
        let invite = ServerMessage::ChatInvite { room: room.id, booth, from: user.person.name.clone(), company };
        self.live.hub.publish_message(&format!("user:{visitor}"), &invite);
        self.join_room(id, room.id, None).await
    }

    async fn watch(&mut self, id: u64, target: WatchTarget) -> Step {
        if self.watches.contains(&target) {
            return self.send(&ServerMessage::Ack { id }).await;
        }
        if self.watches.len() >= self.live.hub.config.max_watches {
            return self.error(Some(id), ErrorCode::TooMany, "watching too many things").await;
        }
        let principal = self.signed_in().map(|user| user.user.principal.clone());
        let snapshot = match &target {
            WatchTarget::Dashboard => {
                if !principal.as_ref().is_some_and(fair_domain::Principal::is_organiser) {
                    return self.error(Some(id), ErrorCode::Forbidden, "for organisers").await;
                }
                match crate::dashboard::figures(&self.live).await {
                    Ok(figures) => ServerMessage::Dashboard { figures },
                    Err(err) => return self.unavailable(Some(id), err).await,
                }
            }
            WatchTarget::Hall { hall } => {
                if hall.is_empty() || hall.chars().count() > 20 {
                    return self.error(Some(id), ErrorCode::InvalidMessage, "a hall is 1–20 characters").await;
                }
                match crate::dashboard::hall(&self.live, hall).await {
                    Ok(message) => message,
                    Err(err) => return self.unavailable(Some(id), err).await,
                }
            }
            WatchTarget::Booth { booth } => {
                let model = match self.live.state.store.booth_by_id(*booth).await {
                    Ok(model) => model,
                    Err(fair_store::StoreError::NotFound) => {
                        return self.error(Some(id), ErrorCode::NotFound, "no such booth").await;
                    }
                    Err(err) => return self.unavailable(Some(id), err).await,
                };
                let allowed = principal
                    .as_ref()
                    .is_some_and(|p| p.is_organiser() || p.organisation_id.map(|o| o.0) == Some(model.organisation_id));
                if !allowed {
                    return self.error(Some(id), ErrorCode::Forbidden, "for the booth's staff").await;
                }
                // Listen (on every instance) before reading who is there: nobody who
                // arrives meanwhile is missed (at worst announced twice).
                let topic = watch_topic(&target);
                self.subscribe(topic.clone());
                self.live.hub.subscribed(&topic).await;
                match self.live.hub.presence().members(&booth_scope(*booth)).await {
                    Ok(members) => {
                        let (named, anonymous): (Vec<_>, Vec<_>) =
                            members.into_iter().partition(|(_, entry)| entry.person.user_id.is_some());
                        ServerMessage::BoothVisitors {
                            booth: *booth,
                            visitors: named
                                .into_iter()
                                .map(|(key, entry)| BoothVisitor {
                                    key,
                                    name: Some(entry.person.name),
                                    company: entry.person.company,
                                    country: entry.person.country,
                                    user_id: entry.person.user_id,
                                })
                                .collect(),
                            anonymous: anonymous.len(),
                        }
                    }
                    Err(err) => {
                        self.unsubscribe(&topic);
                        return self.unavailable(Some(id), err).await;
                    }
                }
            }
        };
        self.subscribe(watch_topic(&target));
        self.watches.insert(target);
        self.send(&ServerMessage::Ack { id }).await?;
        self.send(&snapshot).await
    }

    async fn unavailable(&mut self, id: Option<u64>, err: impl std::fmt::Display) -> Step {
        tracing::warn!(error = %err, "live request failed");
        self.error(id, ErrorCode::Unavailable, "temporarily unavailable; try again").await
    }

    /// Leaves everything this connection held, announcing departures.
    async fn clean_up(&mut self) {
        let rooms: Vec<Uuid> = self.rooms.keys().copied().collect();
        for room in rooms {
            self.leave_room(room).await;
        }
        let booths: Vec<Uuid> = self.booths.iter().copied().collect();
        for booth in booths {
            self.leave_booth(booth).await;
        }
        if let Some(key) = self.in_site.take() {
            self.live.hub.leave("site", &key).await;
        }
        for topic in std::mem::take(&mut self.topics) {
            self.live.hub.unsubscribe(&topic, self.number);
        }
    }
}

pub(crate) fn room_topic(room: Uuid) -> String {
    format!("room:{room}")
}

fn room_scope(room: Uuid) -> String {
    format!("room:{room}")
}

fn lobby_scope(room: Uuid) -> String {
    format!("lobby:{room}")
}

pub(crate) fn booth_scope(booth: Uuid) -> String {
    format!("booth:{booth}")
}

/// The key a booth's staff see for an anonymous visitor: counts them once (across
/// tabs and instances) without telling their browser's id. Public for the load
/// generator, which finds its visitors' arrivals by it.
pub fn anonymous_booth_key(visitor: &str) -> String {
    format!("anon:{}", key_digest(visitor))
}

fn key_digest(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..8])
}

/// A room's members in `scope` (the room or its lobby); none when presence fails (logged).
async fn room_members(live: &Live, scope: &str) -> Vec<RoomMember> {
    match live.hub.presence().members(scope).await {
        Ok(members) => members
            .into_iter()
            .map(|(member, entry)| RoomMember { member, person: entry.person, host: entry.host })
            .collect(),
        Err(err) => {
            tracing::warn!(error = %err, "reading presence failed");
            Vec::new()
        }
    }
}

/// Tells a room's members who waits in its lobby now.
pub(crate) async fn announce_lobby(live: &Live, room: Uuid) {
    let waiting = room_members(live, &lobby_scope(room)).await;
    live.hub.publish_message(&room_topic(room), &ServerMessage::Lobby { room, waiting });
}

pub(crate) fn booth_topic(booth: Uuid) -> String {
    format!("booth:{booth}")
}

pub(crate) fn watch_topic(target: &WatchTarget) -> String {
    match target {
        WatchTarget::Booth { booth } => booth_topic(*booth),
        WatchTarget::Hall { hall } => format!("hall:{hall}"),
        WatchTarget::Dashboard => "dashboard".to_owned(),
    }
}

/// A visitor id from the browser, kept only if it looks like one.
fn visitor_key(visitor: &str) -> Option<String> {
    let ok = (8..=64).contains(&visitor.len())
        && visitor.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| visitor.to_owned())
}

/// The request id of a message that did not parse, when it has one.
fn request_id_of(text: &str) -> Option<u64> {
    serde_json::from_str::<serde_json::Value>(text).ok()?.get("id")?.as_u64()
}

/// `malformed` (not an object with a known type) or `invalid_message` (a known
/// type with the wrong fields), with the parser's reason.
fn classify(text: &str, err: &serde_json::Error) -> (ErrorCode, String) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return (ErrorCode::Malformed, format!("not JSON: {err}"));
    };
    match value.get("type").and_then(serde_json::Value::as_str) {
        Some(kind) if KNOWN_TYPES.contains(&kind) => (ErrorCode::InvalidMessage, err.to_string()),
        Some(kind) => (ErrorCode::Malformed, format!("unknown message type {kind:?}")),
        None => (ErrorCode::Malformed, "a message is a JSON object with a \"type\"".to_owned()),
    }
}

const KNOWN_TYPES: &[&str] = &[
    "auth",
    "hello",
    "join_room",
    "leave_room",
    "chat",
    "signal",
    "admit",
    "reject",
    "enter_booth",
    "leave_booth",
    "start_chat",
    "watch",
    "unwatch",
    "ping",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_messages_are_told_apart() {
        let err = serde_json::from_str::<ClientMessage>("{").expect_err("bad");
        assert_eq!(classify("{", &err).0, ErrorCode::Malformed);
        let text = r#"{"type":"dance","id":1}"#;
        let err = serde_json::from_str::<ClientMessage>(text).expect_err("bad");
        assert_eq!(classify(text, &err).0, ErrorCode::Malformed);
        let text = r#"{"type":"chat","id":1}"#;
        let err = serde_json::from_str::<ClientMessage>(text).expect_err("bad");
        assert_eq!(classify(text, &err).0, ErrorCode::InvalidMessage);
        assert_eq!(request_id_of(text), Some(1));
        for kind in KNOWN_TYPES {
            assert!(
                serde_json::from_str::<ClientMessage>(&format!(r#"{{"type":"{kind}"}}"#))
                    .expect_err("fields missing")
                    .to_string()
                    .contains("missing field"),
                "{kind} is a message type"
            );
        }
    }

    #[test]
    fn visitor_ids_are_checked() {
        assert!(visitor_key("a1b2c3d4").is_some());
        assert!(visitor_key("short").is_none());
        assert!(visitor_key("has space in it").is_none());
    }
}
