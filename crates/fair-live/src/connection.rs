//! One websocket connection: a task that `select!`s over socket reads, its bounded
//! queue of deliveries, a heartbeat tick and its stop signal (shutdown or slow
//! consumer). Handlers run inside the task, so what a handler sends directly (an
//! answer, a room's state) always precedes what the hub queued meanwhile.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use chrono::Utc;
use fair_http::CurrentUser;
use futures::SinkExt;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::Live;
use crate::access::{self, Access};
use crate::bus::Delivery;
use crate::hub::{Outbox, frame_of};
use crate::presence::PresenceEntry;
use crate::protocol::{
    BoothVisitor, ChatLine, ClientMessage, ErrorCode, PROTOCOL_VERSION, Person, RoomMember, ServerMessage, SignalData,
    WatchTarget, close,
};

/// Bad messages tolerated before the connection is closed (4400).
const MAX_BAD_MESSAGES: u32 = 20;
/// Rate-limited messages tolerated before the connection is closed (4008).
const MAX_RATE_LIMITED: u32 = 50;
/// History pages read on joining a room.
const HISTORY_PAGE: u64 = 500;
/// Messages shown on a first join (no `after_seq`).
const HISTORY_LATEST: u64 = 100;
/// Queued deliveries written before one flush.
const DELIVERY_BATCH: usize = 64;
/// Members listed in `room_joined`, and the size up to which arrivals are announced
/// to everyone: a bigger room (a briefing, a webinar) would cost every join a
/// message to each member, quadratic in the room's size.
const ANNOUNCED_MEMBERS: usize = 200;
/// Chat messages a room may hold back behind a missing one before that one is
/// given up for lost.
const MAX_AHEAD: usize = 256;

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
    seen: Seen,
}

/// The chat sequence numbers a connection has sent in one room: every one up to
/// `through`, and those above it in `ahead`. Publications from several senders or
/// instances may arrive out of order: each number is sent once, and none is
/// skipped for arriving after a higher one.
#[derive(Debug, Default)]
struct Seen {
    through: i64,
    ahead: BTreeSet<i64>,
}

impl Seen {
    fn after(seq: i64) -> Self {
        Self { through: seq, ahead: BTreeSet::new() }
    }

    /// `true` (and remembered) when `seq` has not been sent yet.
    fn first_time(&mut self, seq: i64) -> bool {
        if seq <= self.through || !self.ahead.insert(seq) {
            return false;
        }
        if self.ahead.len() > MAX_AHEAD {
            // A number that never came (lost while Redis was away) holds the window open no longer.
            if let Some(first) = self.ahead.pop_first() {
                self.through = first;
            }
        }
        while self.ahead.first() == Some(&(self.through + 1)) {
            self.through += 1;
            self.ahead.pop_first();
        }
        true
    }
}

struct Connection {
    live: Live,
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

pub(crate) async fn run(live: Live, mut socket: WebSocket, identity: Identity, stop: CancellationToken) {
    let config = live.hub.config.clone();
    let (queue, mut deliveries) = mpsc::channel(config.outbound_queue);
    let outbox = Outbox::new(queue, stop.clone());
    let signal_code = {
        let outbox = outbox.clone();
        move || outbox.signal().close_code.load(Ordering::Relaxed)
    };
    let (number, id) = live.hub.register(outbox);
    let mut conn = Connection {
        live: live.clone(),
        number,
        id,
        identity,
        rooms: HashMap::new(),
        booths: HashSet::new(),
        watches: HashSet::new(),
        topics: HashSet::new(),
        in_site: None,
        tokens: config.rate_burst,
        refilled: Instant::now(),
        bad_messages: 0,
        rate_limited: 0,
    };

    let end = async {
        if !matches!(conn.identity, Identity::Pending) {
            Box::pin(conn.on_authenticated(&mut socket)).await?;
        }
        let mut heartbeat = tokio::time::interval(config.heartbeat);
        heartbeat.reset();
        let auth_deadline = tokio::time::sleep(config.auth_timeout);
        tokio::pin!(auth_deadline);
        let mut last_heard = Instant::now();
        let mut last_checked = Instant::now();
        loop {
            tokio::select! {
                biased;
                () = stop.cancelled() => return Err(stopped(signal_code())),
                () = &mut auth_deadline, if matches!(conn.identity, Identity::Pending) => {
                    return Err(End::Close(close::AUTH_TIMEOUT, "not authenticated in time"));
                }
                delivery = deliveries.recv() => {
                    let Some(delivery) = delivery else { return Err(End::Gone) };
                    // Write what is queued (up to a batch) and flush once: one system
                    // call for many frames. Boxed, like every handler below, so the
                    // idle connection's task holds none of their state.
                    // A write blocked on a clogged socket yields to the stop signal: the hub
                    // cuts a slow consumer whose queue overflowed without waiting for it.
                    tokio::select! {
                        step = Box::pin(conn.deliver_batch(&mut socket, delivery, &mut deliveries)) => step?,
                        () = stop.cancelled() => return Err(stopped(signal_code())),
                    }
                }
                frame = socket.recv() => {
                    last_heard = Instant::now();
                    match frame {
                        None => return Err(End::Gone),
                        Some(Err(err)) => return Err(read_failed(err)),
                        Some(Ok(Message::Text(text))) => Box::pin(conn.on_text(&mut socket, text)).await?,
                        Some(Ok(Message::Binary(_))) => {
                            return Err(End::Close(close::UNSUPPORTED_DATA, "binary frames are not part of the protocol"));
                        }
                        Some(Ok(Message::Close(_))) => return Err(End::Gone),
                        Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                    }
                }
                _ = heartbeat.tick() => {
                    if last_heard.elapsed() > config.idle_timeout {
                        return Err(End::Close(close::HEARTBEAT_TIMEOUT, "no answer to pings"));
                    }
                    if last_checked.elapsed() >= config.recheck_every {
                        last_checked = Instant::now();
                        if !Box::pin(conn.still_signed_in()).await {
                            return Err(End::Close(close::SIGNED_OUT, "signed out"));
                        }
                    }
                    Box::pin(conn.send_raw(&mut socket, Message::Ping(bytes::Bytes::new()))).await?;
                }
            }
        }
    };
    let end: Result<(), End> = end.await;
    if let Err(End::Close(code, reason)) = end {
        // Briefly: a socket that is clogged (the slow consumer) will not take it anyway.
        let frame = CloseFrame { code, reason: Utf8Bytes::from_static(reason) };
        let deadline = tokio::time::Instant::now() + CLOSE_TIMEOUT;
        if let Ok(Ok(())) = tokio::time::timeout_at(deadline, socket.send(Message::Close(Some(frame)))).await {
            // The closing handshake: read (and drop) what the client still sends until
            // its close, so unread input does not turn our close into a reset.
            while let Ok(Some(Ok(message))) = tokio::time::timeout_at(deadline, socket.recv()).await {
                if matches!(message, Message::Close(_)) {
                    break;
                }
            }
        }
    }
    conn.clean_up().await;
    live.hub.unregister(number);
}

type Step = Result<(), End>;

/// How long the close frame gets to go out.
const CLOSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// A failed read: a message over the size limit is told so (1009, as documented);
/// anything else means the client is gone.
fn read_failed(err: axum::Error) -> End {
    use tokio_tungstenite::tungstenite::Error;
    match err.into_inner().downcast_ref::<Error>() {
        Some(Error::Capacity(_)) => End::Close(close::TOO_BIG, "message over 64 KiB"),
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
    async fn send_raw(&mut self, socket: &mut WebSocket, message: Message) -> Step {
        self.written(socket.send(message)).await
    }

    /// Writes without flushing (the batch is flushed once at its end).
    async fn feed_raw(&mut self, socket: &mut WebSocket, message: Message) -> Step {
        self.written(socket.feed(message)).await
    }

    async fn flush(&mut self, socket: &mut WebSocket) -> Step {
        self.written(socket.flush()).await
    }

    /// A write under the write timeout: one that cannot complete in time is a slow
    /// consumer; a failed one means the client is gone.
    async fn written(&self, write: impl Future<Output = Result<(), axum::Error>>) -> Step {
        match tokio::time::timeout(self.live.hub.config.write_timeout, write).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(End::Gone),
            Err(_) => Err(End::Close(close::SLOW_CONSUMER, "too slow: a write did not complete")),
        }
    }

    /// Delivers `first` and whatever else is already queued (at most a batch), then
    /// flushes once.
    async fn deliver_batch(
        &mut self,
        socket: &mut WebSocket,
        first: Delivery,
        queue: &mut mpsc::Receiver<Delivery>,
    ) -> Step {
        self.deliver(socket, first).await?;
        for _ in 1..DELIVERY_BATCH {
            let Ok(next) = queue.try_recv() else { break };
            self.deliver(socket, next).await?;
        }
        self.flush(socket).await
    }

    async fn send(&mut self, socket: &mut WebSocket, message: &ServerMessage) -> Step {
        match frame_of(message) {
            Some(frame) => self.send_raw(socket, Message::Text(frame)).await,
            None => Ok(()),
        }
    }

    async fn error(&mut self, socket: &mut WebSocket, id: Option<u64>, code: ErrorCode, message: &str) -> Step {
        self.send(socket, &ServerMessage::error(id, code, message)).await
    }

    async fn deliver(&mut self, socket: &mut WebSocket, delivery: Delivery) -> Step {
        match delivery {
            Delivery::Frame(frame) => self.feed_raw(socket, Message::Text(frame)).await,
            Delivery::Chat { room, seq, frame } => {
                let Some(state) = self.rooms.get_mut(&room) else { return Ok(()) };
                if !state.admitted || !state.seen.first_time(seq) {
                    return Ok(());
                }
                self.feed_raw(socket, Message::Text(frame)).await
            }
            Delivery::Admitted { room } => {
                let waiting = self.rooms.get(&room).is_some_and(|s| !s.admitted);
                if waiting {
                    self.leave_lobby(room).await;
                    let host = false;
                    self.enter_room(socket, None, room, host, None).await?;
                }
                Ok(())
            }
            Delivery::Rejected { room } => {
                if self.rooms.get(&room).is_some_and(|s| !s.admitted) {
                    self.leave_lobby(room).await;
                    self.rooms.remove(&room);
                    self.send(socket, &ServerMessage::Rejected { room }).await?;
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

    async fn on_authenticated(&mut self, socket: &mut WebSocket) -> Step {
        let welcome = ServerMessage::Welcome {
            protocol: PROTOCOL_VERSION,
            connection: self.id.clone(),
            user: self.signed_in().map(|s| s.person.clone()),
            heartbeat_seconds: self.live.hub.config.heartbeat.as_secs(),
            max_message_bytes: self.live.hub.config.max_message_bytes,
        };
        self.send(socket, &welcome).await?;
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

    async fn on_text(&mut self, socket: &mut WebSocket, text: Utf8Bytes) -> Step {
        metrics::counter!("fair_live_messages_in_total").increment(1);
        if !self.take_token() {
            self.rate_limited += 1;
            if self.rate_limited > MAX_RATE_LIMITED {
                return Err(End::Close(close::RATE_LIMITED, "too many messages"));
            }
            let id = request_id_of(text.as_str());
            return self.error(socket, id, ErrorCode::RateLimited, "slow down: too many messages").await;
        }
        let message = match serde_json::from_str::<ClientMessage>(text.as_str()) {
            Ok(message) => message,
            Err(err) => {
                self.bad_messages += 1;
                if self.bad_messages > MAX_BAD_MESSAGES {
                    return Err(End::Close(close::PROTOCOL_ABUSE, "too many malformed messages"));
                }
                let (code, detail) = classify(text.as_str(), &err);
                let id = request_id_of(text.as_str());
                return self.error(socket, id, code, &detail).await;
            }
        };
        let id = message.request_id();
        match (&self.identity, &message) {
            (Identity::Pending, ClientMessage::Auth { ticket, .. }) => {
                let ticket = ticket.clone();
                return self.authenticate(socket, id, &ticket).await;
            }
            (Identity::Pending, ClientMessage::Hello { visitor, .. }) => {
                let Some(visitor) = visitor_key(visitor) else {
                    return self
                        .error(socket, id, ErrorCode::InvalidMessage, "visitor must be 8–64 letters, digits, - or _")
                        .await;
                };
                self.identity = Identity::Visitor(visitor);
                return self.on_authenticated(socket).await;
            }
            (Identity::Pending, _) => {
                return self.error(socket, id, ErrorCode::Unauthenticated, "send auth or hello first").await;
            }
            (_, ClientMessage::Auth { .. } | ClientMessage::Hello { .. }) => {
                return self.error(socket, id, ErrorCode::AlreadyAuthenticated, "already authenticated").await;
            }
            _ => {}
        }
        match message {
            ClientMessage::Auth { .. } | ClientMessage::Hello { .. } => Ok(()),
            ClientMessage::Ping { id, sent_at } => self.send(socket, &ServerMessage::Pong { id, sent_at }).await,
            ClientMessage::JoinRoom { id, room, after_seq } => self.join_room(socket, id, room, after_seq).await,
            ClientMessage::LeaveRoom { id, room } => {
                if !self.rooms.contains_key(&room) {
                    return self.error(socket, Some(id), ErrorCode::NotInRoom, "not in this room").await;
                }
                self.leave_room(room).await;
                self.send(socket, &ServerMessage::Ack { id }).await
            }
            ClientMessage::Chat { id, room, text } => self.chat(socket, id, room, text).await,
            ClientMessage::Signal { id, room, to, data } => self.signal(socket, id, room, to, data).await,
            ClientMessage::Admit { id, room, member } => self.admit(socket, id, room, member, true).await,
            ClientMessage::Reject { id, room, member } => self.admit(socket, id, room, member, false).await,
            ClientMessage::EnterBooth { id, booth } => self.enter_booth(socket, id, booth).await,
            ClientMessage::LeaveBooth { id, booth } => {
                if !self.booths.contains(&booth) {
                    return self.error(socket, Some(id), ErrorCode::NotFound, "not at this booth").await;
                }
                self.leave_booth(booth).await;
                self.send(socket, &ServerMessage::Ack { id }).await
            }
            ClientMessage::StartChat { id, booth, visitor } => self.start_chat(socket, id, booth, visitor).await,
            ClientMessage::Watch { id, target } => self.watch(socket, id, target).await,
            ClientMessage::Unwatch { id, target } => {
                if !self.watches.remove(&target) {
                    return self.error(socket, Some(id), ErrorCode::NotFound, "not watching this").await;
                }
                self.unsubscribe(&watch_topic(&target));
                self.send(socket, &ServerMessage::Ack { id }).await
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

    async fn authenticate(&mut self, socket: &mut WebSocket, id: Option<u64>, ticket: &str) -> Step {
        match self.live.redeem_ticket(ticket).await {
            Ok(Some(identity)) => {
                self.identity = identity;
                self.on_authenticated(socket).await
            }
            Ok(None) => Err(End::Close(close::BAD_TICKET, "unknown, used or expired ticket")),
            Err(err) => {
                tracing::warn!(error = %err, "redeeming a live ticket failed");
                self.error(socket, id, ErrorCode::Unavailable, "try again").await
            }
        }
    }

    async fn join_room(&mut self, socket: &mut WebSocket, id: u64, room: Uuid, after_seq: Option<i64>) -> Step {
        if self.rooms.contains_key(&room) {
            return self.send(socket, &ServerMessage::Ack { id }).await;
        }
        let Some(user) = self.signed_in().cloned() else {
            return self.error(socket, Some(id), ErrorCode::Unauthenticated, "sign in to enter rooms").await;
        };
        if self.rooms.len() >= self.live.hub.config.max_rooms {
            return self.error(socket, Some(id), ErrorCode::TooMany, "in too many rooms at once").await;
        }
        let store = &self.live.state.store;
        let model = match store.room(room).await {
            Ok(model) => model,
            Err(fair_store::StoreError::NotFound) => {
                return self.error(socket, Some(id), ErrorCode::NotFound, "no such room").await;
            }
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        };
        let who = access::Visitor { principal: &user.user.principal, email: &user.user.user.email };
        let decision = match access::room_access(store, &model, &who, Utc::now()).await {
            Ok(decision) => decision,
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        };
        match decision {
            Access::Denied => self.error(socket, Some(id), ErrorCode::Forbidden, "this room is not yours").await,
            Access::NotOpen => {
                self.error(socket, Some(id), ErrorCode::MeetingNotOpen, "the meeting's room is not open now").await
            }
            Access::Lobby => {
                self.rooms.insert(room, RoomState { host: false, admitted: false, seen: Seen::default() });
                let entry = PresenceEntry { person: user.person.clone(), host: false };
                self.live.hub.enter(&lobby_scope(room), &self.id, &entry).await;
                self.announce_lobby(room).await;
                self.send(socket, &ServerMessage::Ack { id }).await?;
                self.send(socket, &ServerMessage::LobbyWaiting { room }).await
            }
            Access::Enter { host } => {
                self.send(socket, &ServerMessage::Ack { id }).await?;
                self.enter_room(socket, Some(model), room, host, after_seq).await
            }
        }
    }

    /// Enters a room one may enter: presence, subscription, state, then the chat
    /// since `after_seq`. Subscribing (on every instance) before reading the
    /// history, and skipping sequence numbers already sent, leaves no gap and no
    /// duplicate.
    async fn enter_room(
        &mut self,
        socket: &mut WebSocket,
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
                Err(err) => return self.unavailable(socket, None, err).await,
            },
        };
        self.rooms.insert(room, RoomState { host, admitted: true, seen: Seen::after(after_seq.unwrap_or(0)) });
        self.subscribe(room_topic(room));
        self.live.hub.subscribed(&room_topic(room)).await;
        let member = RoomMember { member: self.id.clone(), person: user.person.clone(), host };
        let entry = PresenceEntry { person: user.person.clone(), host };
        self.live.hub.enter(&room_scope(room), &self.id, &entry).await;
        let mut members = self.room_members(&room_scope(room)).await;
        let members_total = members.len();
        if members_total <= ANNOUNCED_MEMBERS {
            self.live.hub.publish_message(&room_topic(room), &ServerMessage::MemberJoined { room, member });
        } else {
            // A big room lists its hosts and the first others, and announces nobody.
            members.sort_by_key(|m| !m.host);
            members.truncate(ANNOUNCED_MEMBERS);
        }
        if let Err(err) = store.record_room_attendance(room, user.user.user.id, Utc::now()).await {
            tracing::warn!(error = %err, "recording room attendance failed");
        }
        let mut waiting = self.room_members(&lobby_scope(room)).await;
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
        self.send(socket, &joined).await?;
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
                        Err(err) => return self.unavailable(socket, None, err).await,
                    }
                }
                all
            }
            None => match store.room_messages_latest(room, HISTORY_LATEST).await {
                Ok(messages) => messages,
                Err(err) => return self.unavailable(socket, None, err).await,
            },
        };
        if after_seq.is_none()
            && let (Some(first), Some(state)) = (history.first(), self.rooms.get_mut(&room))
        {
            // The latest messages only: what came before them is not wanted.
            state.seen = Seen::after(first.seq - 1);
        }
        for message in history {
            let Some(state) = self.rooms.get_mut(&room) else { break };
            if !state.seen.first_time(message.seq) {
                continue;
            }
            let line = ChatLine {
                seq: message.seq,
                from: message.sender_id,
                name: message.sender_name,
                text: message.body,
                at: message.created_at,
            };
            self.send(socket, &ServerMessage::Chat { room, line }).await?;
        }
        Ok(())
    }

    async fn room_members(&self, scope: &str) -> Vec<RoomMember> {
        match self.live.hub.presence().members(scope).await {
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

    async fn announce_lobby(&self, room: Uuid) {
        let waiting = self.room_members(&lobby_scope(room)).await;
        self.live.hub.publish_message(&room_topic(room), &ServerMessage::Lobby { room, waiting });
    }

    async fn leave_lobby(&mut self, room: Uuid) {
        if self.live.hub.leave(&lobby_scope(room), &self.id).await {
            self.announce_lobby(room).await;
        }
    }

    async fn leave_room(&mut self, room: Uuid) {
        let Some(state) = self.rooms.remove(&room) else { return };
        if !state.admitted {
            self.leave_lobby(room).await;
            return;
        }
        self.unsubscribe(&room_topic(room));
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

    async fn chat(&mut self, socket: &mut WebSocket, id: u64, room: Uuid, text: String) -> Step {
        if self.admitted_in(room).is_none() {
            return self.error(socket, Some(id), ErrorCode::NotInRoom, "join the room first").await;
        }
        let text = text.trim().to_owned();
        if text.is_empty() {
            return self.error(socket, Some(id), ErrorCode::EmptyText, "write something").await;
        }
        let max = self.live.hub.config.max_chat_chars;
        if text.chars().count() > max {
            return self.error(socket, Some(id), ErrorCode::TextTooLong, &format!("at most {max} characters")).await;
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
            Err(err) => return self.unavailable(socket, Some(id), err).await,
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
        self.send(socket, &ServerMessage::Ack { id }).await?;
        if let Some(frame) = frame_of(&ServerMessage::Chat { room, line }) {
            self.live.hub.publish(&room_topic(room), Delivery::Chat { room, seq, frame });
        }
        Ok(())
    }

    async fn signal(&mut self, socket: &mut WebSocket, id: u64, room: Uuid, to: String, data: SignalData) -> Step {
        if self.admitted_in(room).is_none() {
            return self.error(socket, Some(id), ErrorCode::NotInRoom, "join the room first").await;
        }
        match self.live.hub.presence().contains(&room_scope(room), &to).await {
            Ok(true) => {}
            Ok(false) => return self.error(socket, Some(id), ErrorCode::NoSuchMember, "not in this room").await,
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        }
        let message = ServerMessage::Signal { room, from: self.id.clone(), data };
        if let Some(frame) = frame_of(&message) {
            self.live.hub.send_to_connection(&to, Delivery::Frame(frame));
        }
        self.send(socket, &ServerMessage::Ack { id }).await
    }

    async fn admit(&mut self, socket: &mut WebSocket, id: u64, room: Uuid, member: String, admit: bool) -> Step {
        match self.admitted_in(room) {
            None => return self.error(socket, Some(id), ErrorCode::NotInRoom, "join the room first").await,
            Some(state) if !state.host => {
                return self.error(socket, Some(id), ErrorCode::NotHost, "only a host admits people").await;
            }
            Some(_) => {}
        }
        match self.live.hub.presence().contains(&lobby_scope(room), &member).await {
            Ok(true) => {}
            Ok(false) => return self.error(socket, Some(id), ErrorCode::NoSuchMember, "nobody waits by that id").await,
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        }
        let delivery = if admit { Delivery::Admitted { room } } else { Delivery::Rejected { room } };
        self.live.hub.send_to_connection(&member, delivery);
        self.send(socket, &ServerMessage::Ack { id }).await
    }

    async fn enter_booth(&mut self, socket: &mut WebSocket, id: u64, booth: Uuid) -> Step {
        if self.booths.contains(&booth) {
            return self.send(socket, &ServerMessage::Ack { id }).await;
        }
        if self.booths.len() >= self.live.hub.config.max_booths {
            return self.error(socket, Some(id), ErrorCode::TooMany, "at too many booths at once").await;
        }
        let model = match self.live.state.store.booth_by_id(booth).await {
            Ok(model) if model.published => model,
            Ok(_) | Err(fair_store::StoreError::NotFound) => {
                return self.error(socket, Some(id), ErrorCode::NotFound, "no such booth").await;
            }
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        };
        let own_staff = self
            .signed_in()
            .is_some_and(|user| user.user.principal.organisation_id.map(|o| o.0) == Some(model.organisation_id));
        self.booths.insert(booth);
        self.send(socket, &ServerMessage::Ack { id }).await?;
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
        let digest = |text: &str| hex::encode(&Sha256::digest(text.as_bytes())[..8]);
        match &self.identity {
            Identity::Pending => None,
            Identity::User(user) if user.user.user.presence_visible => Some(format!("user:{}", user.user.user.id)),
            Identity::User(user) => Some(format!("hidden:{}", digest(&user.user.user.id.to_string()))),
            Identity::Visitor(visitor) => Some(format!("anon:{}", digest(visitor))),
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

    async fn start_chat(&mut self, socket: &mut WebSocket, id: u64, booth: Uuid, visitor: Uuid) -> Step {
        let Some(user) = self.signed_in().cloned() else {
            return self.error(socket, Some(id), ErrorCode::Unauthenticated, "sign in first").await;
        };
        let store = self.live.state.store.clone();
        let model = match store.booth_by_id(booth).await {
            Ok(model) => model,
            Err(fair_store::StoreError::NotFound) => {
                return self.error(socket, Some(id), ErrorCode::NotFound, "no such booth").await;
            }
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        };
        let principal = &user.user.principal;
        let staff = principal.organisation_id.map(|o| o.0) == Some(model.organisation_id);
        if !staff && !principal.is_organiser() {
            return self.error(socket, Some(id), ErrorCode::Forbidden, "only the booth's staff start chats").await;
        }
        let key = format!("user:{visitor}");
        let visible = match self.live.hub.presence().members(&booth_scope(booth)).await {
            Ok(members) => {
                members.into_iter().find(|(k, _)| *k == key).is_some_and(|(_, e)| e.person.user_id.is_some())
            }
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        };
        if !visible {
            return self
                .error(socket, Some(id), ErrorCode::NoSuchMember, "that visitor is not at the booth (or not named)")
                .await;
        }
        let company = match store.exhibitor(model.organisation_id).await {
            Ok(exhibitor) => exhibitor.organisation.name,
            Err(err) => return self.unavailable(socket, Some(id), err).await,
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
            Err(err) => return self.unavailable(socket, Some(id), err).await,
        };
        let invite = ServerMessage::ChatInvite { room: room.id, booth, from: user.person.name.clone(), company };
        self.live.hub.publish_message(&format!("user:{visitor}"), &invite);
        self.join_room(socket, id, room.id, None).await
    }

    async fn watch(&mut self, socket: &mut WebSocket, id: u64, target: WatchTarget) -> Step {
        if self.watches.contains(&target) {
            return self.send(socket, &ServerMessage::Ack { id }).await;
        }
        if self.watches.len() >= self.live.hub.config.max_watches {
            return self.error(socket, Some(id), ErrorCode::TooMany, "watching too many things").await;
        }
        let principal = self.signed_in().map(|user| user.user.principal.clone());
        let snapshot = match &target {
            WatchTarget::Dashboard => {
                if !principal.as_ref().is_some_and(fair_domain::Principal::is_organiser) {
                    return self.error(socket, Some(id), ErrorCode::Forbidden, "for organisers").await;
                }
                match crate::dashboard::figures(&self.live).await {
                    Ok(figures) => ServerMessage::Dashboard { figures },
                    Err(err) => return self.unavailable(socket, Some(id), err).await,
                }
            }
            WatchTarget::Hall { hall } => {
                if hall.is_empty() || hall.chars().count() > 20 {
                    return self.error(socket, Some(id), ErrorCode::InvalidMessage, "a hall is 1–20 characters").await;
                }
                match crate::dashboard::hall(&self.live, hall).await {
                    Ok(message) => message,
                    Err(err) => return self.unavailable(socket, Some(id), err).await,
                }
            }
            WatchTarget::Booth { booth } => {
                let model = match self.live.state.store.booth_by_id(*booth).await {
                    Ok(model) => model,
                    Err(fair_store::StoreError::NotFound) => {
                        return self.error(socket, Some(id), ErrorCode::NotFound, "no such booth").await;
                    }
                    Err(err) => return self.unavailable(socket, Some(id), err).await,
                };
                let allowed = principal
                    .as_ref()
                    .is_some_and(|p| p.is_organiser() || p.organisation_id.map(|o| o.0) == Some(model.organisation_id));
                if !allowed {
                    return self.error(socket, Some(id), ErrorCode::Forbidden, "for the booth's staff").await;
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
                        return self.unavailable(socket, Some(id), err).await;
                    }
                }
            }
        };
        self.subscribe(watch_topic(&target));
        self.watches.insert(target);
        self.send(socket, &ServerMessage::Ack { id }).await?;
        self.send(socket, &snapshot).await
    }

    async fn unavailable(&mut self, socket: &mut WebSocket, id: Option<u64>, err: impl std::fmt::Display) -> Step {
        tracing::warn!(error = %err, "live request failed");
        self.error(socket, id, ErrorCode::Unavailable, "temporarily unavailable; try again").await
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

fn booth_topic(booth: Uuid) -> String {
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
    fn chat_numbers_are_sent_once_in_whatever_order_they_arrive() {
        let mut seen = Seen::after(3);
        assert!(!seen.first_time(2), "before the resume point");
        assert!(!seen.first_time(3));
        assert!(seen.first_time(5), "ahead of a missing one");
        assert!(seen.first_time(4), "the missing one, late, is not skipped");
        assert!(!seen.first_time(5) && !seen.first_time(4), "each once");
        assert_eq!((seen.through, seen.ahead.len()), (5, 0));
        assert!(seen.first_time(7));
        assert!(!seen.first_time(7));
        assert_eq!((seen.through, seen.ahead.len()), (5, 1));

        // A number that never comes is given up once too many wait behind it.
        let mut seen = Seen::after(0);
        for seq in 2..=(MAX_AHEAD as i64 + 2) {
            assert!(seen.first_time(seq));
        }
        assert_eq!((seen.through, seen.ahead.len()), (MAX_AHEAD as i64 + 2, 0));
        assert!(!seen.first_time(1), "given up for lost");
    }

    #[test]
    fn visitor_ids_are_checked() {
        assert!(visitor_key("a1b2c3d4").is_some());
        assert!(visitor_key("short").is_none());
        assert!(visitor_key("has space in it").is_none());
    }
}
