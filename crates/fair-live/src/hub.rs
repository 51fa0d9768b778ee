//! One instance's switchboard: its connections, who subscribes to which topic, and
//! how many of its connections hold each presence. Publishing serializes nothing: a
//! frame is serialized and framed once by the caller, and its bytes are written to
//! every subscriber's socket (see [`crate::socket`]).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use serde::Serialize;

use crate::bus::{Bus, Delivery};
use crate::presence::{PresenceEntry, PresenceStore};
use crate::socket::{Frame, Limits, Outbound};

/// Limits, set on purpose (the library defaults are unsafe or memory-hungry).
#[derive(Clone, Debug)]
pub struct LiveConfig {
    /// Largest message (and frame) a client may send.
    pub max_message_bytes: usize,
    /// The websocket's read buffer: client messages are small (a longer one, a
    /// WebRTC offer, grows it for its length), and every idle connection keeps one.
    pub read_buffer_bytes: usize,
    /// Bytes accepted for one connection that its socket has not taken yet (beyond
    /// the kernel's buffer); a connection that falls this far behind is disconnected
    /// (close 4009), never waited for.
    pub max_write_buffer_bytes: usize,
    /// Deliveries waiting for one connection's task (while it runs a handler); as
    /// many more also disconnect it.
    pub outbound_queue: usize,
    /// A write that cannot complete in this time ends the connection (slow consumer).
    pub write_timeout: Duration,
    /// The server pings this often…
    pub heartbeat: Duration,
    /// …and closes a connection it has heard nothing from for this long.
    pub idle_timeout: Duration,
    /// An unauthenticated socket must send `auth` or `hello` within this time.
    pub auth_timeout: Duration,
    /// A signed-in connection's session is checked again this often (at a heartbeat):
    /// signing out ends the user's live connections too (close 4010).
    pub recheck_every: Duration,
    /// Messages per second a connection may send (sustained) and in a burst.
    pub rate_per_second: f64,
    pub rate_burst: f64,
    /// Connections this instance accepts; more get 503.
    pub max_connections: usize,
    /// Rooms, booths and watches one connection may hold.
    pub max_rooms: usize,
    pub max_booths: usize,
    pub max_watches: usize,
    /// Longest chat message, in characters.
    pub max_chat_chars: usize,
}

impl Default for LiveConfig {
    fn default() -> Self {
        Self {
            max_message_bytes: 64 * 1024,
            read_buffer_bytes: 512,
            max_write_buffer_bytes: 256 * 1024,
            outbound_queue: 256,
            write_timeout: Duration::from_secs(10),
            heartbeat: Duration::from_secs(20),
            idle_timeout: Duration::from_secs(60),
            auth_timeout: Duration::from_secs(10),
            recheck_every: Duration::from_secs(60),
            rate_per_second: 20.0,
            rate_burst: 40.0,
            max_connections: 100_000,
            max_rooms: 8,
            max_booths: 16,
            max_watches: 16,
            max_chat_chars: 2000,
        }
    }
}

/// How the hub reaches one local connection.
pub type Outbox = Arc<Outbound>;

type Subscribers = Vec<(u64, Outbox)>;

pub struct Hub {
    instance: String,
    next_connection: AtomicU64,
    bus: Arc<dyn Bus>,
    presence: Arc<dyn PresenceStore>,
    topics: RwLock<HashMap<String, Subscribers>>,
    connections: RwLock<HashMap<u64, Outbox>>,
    /// Local connections holding each (scope, key).
    held: Mutex<HashMap<(String, String), usize>>,
    connection_count: AtomicUsize,
    pub config: LiveConfig,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").field("instance", &self.instance).finish_non_exhaustive()
    }
}

impl Hub {
    pub fn new(bus: Arc<dyn Bus>, presence: Arc<dyn PresenceStore>, config: LiveConfig) -> Self {
        Self::with_instance(new_instance_id(), bus, presence, config)
    }

    pub fn with_instance(
        instance: String,
        bus: Arc<dyn Bus>,
        presence: Arc<dyn PresenceStore>,
        config: LiveConfig,
    ) -> Self {
        Self {
            instance,
            next_connection: AtomicU64::new(1),
            bus,
            presence,
            topics: RwLock::default(),
            connections: RwLock::default(),
            held: Mutex::default(),
            connection_count: AtomicUsize::new(0),
            config,
        }
    }

    /// How far one connection may fall behind before it is cut.
    pub fn limits(&self) -> Limits {
        Limits {
            max_unwritten_bytes: self.config.max_write_buffer_bytes,
            max_inbox: self.config.outbound_queue,
            write_timeout: self.config.write_timeout,
        }
    }

    /// This instance's name, the prefix of its connections' ids.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    pub fn presence(&self) -> &dyn PresenceStore {
        self.presence.as_ref()
    }

    /// Takes a place under the connection cap: `false` when the instance is full.
    /// Every `true` is matched by one `release_connection`.
    pub fn try_open_connection(&self) -> bool {
        let before = self.connection_count.fetch_add(1, Ordering::AcqRel);
        if before >= self.config.max_connections {
            self.connection_count.fetch_sub(1, Ordering::AcqRel);
            return false;
        }
        metrics::gauge!("fair_live_connections").increment(1.0);
        true
    }

    pub fn release_connection(&self) {
        self.connection_count.fetch_sub(1, Ordering::AcqRel);
        metrics::gauge!("fair_live_connections").decrement(1.0);
    }

    pub fn connection_count(&self) -> usize {
        self.connection_count.load(Ordering::Acquire)
    }

    /// Registers a connection: its number and public id (`<instance>.<n>`).
    pub fn register(&self, outbox: Outbox) -> (u64, String) {
        let number = self.next_connection.fetch_add(1, Ordering::Relaxed);
        write(&self.connections).insert(number, outbox);
        (number, format!("{}.{number}", self.instance))
    }

    pub fn unregister(&self, number: u64) {
        write(&self.connections).remove(&number);
    }

    pub fn subscribe(&self, topic: &str, number: u64) {
        let Some(outbox) = read(&self.connections).get(&number).cloned() else { return };
        let first = {
            let mut topics = write(&self.topics);
            let subscribers = topics.entry(topic.to_owned()).or_default();
            if subscribers.iter().any(|(n, _)| *n == number) {
                return;
            }
            subscribers.push((number, outbox));
            subscribers.len() == 1
        };
        if first {
            self.bus.subscribe(topic);
        }
    }

    pub fn unsubscribe(&self, topic: &str, number: u64) {
        let last = {
            let mut topics = write(&self.topics);
            let Some(subscribers) = topics.get_mut(topic) else { return };
            subscribers.retain(|(n, _)| *n != number);
            let empty = subscribers.is_empty();
            if empty {
                topics.remove(topic);
            }
            empty
        };
        if last {
            self.bus.unsubscribe(topic);
        }
    }

    /// Waits until publications on `topic` from the other instances reach this one
    /// (see [`Bus::subscribed`]), at most 3 s (then logs and goes on).
    pub async fn subscribed(&self, topic: &str) {
        if tokio::time::timeout(Duration::from_secs(3), self.bus.subscribed(topic)).await.is_err() {
            tracing::warn!(topic, "the bus did not confirm a subscription in time");
        }
    }

    /// Whether any local connection subscribes to `topic`.
    pub fn has_subscribers(&self, topic: &str) -> bool {
        read(&self.topics).contains_key(topic)
    }

    /// Topics with local subscribers that start with `prefix`.
    pub fn topics_with_prefix(&self, prefix: &str) -> Vec<String> {
        read(&self.topics).keys().filter(|t| t.starts_with(prefix)).cloned().collect()
    }

    /// To every subscriber of `topic`, here and on the other instances.
    pub fn publish(&self, topic: &str, delivery: Delivery) {
        self.bus.publish(topic, &delivery);
        self.deliver_local(topic, delivery);
    }

    /// Serializes `message` once and publishes the bytes.
    pub fn publish_message(&self, topic: &str, message: &impl Serialize) {
        if let Some(frame) = frame_of(message) {
            self.publish(topic, Delivery::Frame(frame));
        }
    }

    /// To this instance's subscribers of `topic` only (what arrives from the bus, and
    /// figures each instance computes for its own watchers).
    pub fn deliver_local(&self, topic: &str, delivery: Delivery) {
        if let Some(rest) = topic.strip_prefix("conn:") {
            if let Some(number) = rest.strip_prefix(&self.instance).and_then(|r| r.strip_prefix('.'))
                && let Ok(number) = number.parse::<u64>()
                && let Some(outbox) = read(&self.connections).get(&number)
            {
                outbox.offer(delivery);
            }
            return;
        }
        // The subscribers are copied out first: writing to thousands of sockets
        // holds no lock that a joining or leaving connection would wait for.
        let subscribers: Vec<Outbox> = {
            let topics = read(&self.topics);
            let Some(subscribers) = topics.get(topic) else { return };
            subscribers.iter().map(|(_, outbox)| outbox.clone()).collect()
        };
        metrics::counter!("fair_live_deliveries_total").increment(subscribers.len() as u64);
        for outbox in subscribers {
            outbox.offer(delivery.clone());
        }
    }

    /// To one connection (by its public id), on whichever instance it is.
    pub fn send_to_connection(&self, connection: &str, delivery: Delivery) {
        let topic = format!("conn:{connection}");
        if connection.starts_with(&format!("{}.", self.instance)) {
            self.deliver_local(&topic, delivery);
        } else {
            self.bus.publish(&topic, &delivery);
        }
    }

    /// A local connection holds `key` in `scope`. `Some(true)` when the member is new
    /// to the scope on every instance (announce them), `Some(false)` when they were
    /// already there, `None` when the presence store failed (logged).
    pub async fn enter(&self, scope: &str, key: &str, entry: &PresenceEntry) -> Option<bool> {
        let first_here = {
            let mut held = lock(&self.held);
            let count = held.entry((scope.to_owned(), key.to_owned())).or_insert(0);
            *count += 1;
            *count == 1
        };
        if !first_here {
            return Some(false);
        }
        match self.presence.enter(scope, key, entry).await {
            Ok(fresh) => Some(fresh),
            Err(err) => {
                tracing::warn!(error = %err, scope, "presence store failed on enter");
                None
            }
        }
    }

    /// A local connection no longer holds `key` in `scope`. `true` when the member
    /// has now left the scope everywhere (announce it).
    pub async fn leave(&self, scope: &str, key: &str) -> bool {
        let last_here = {
            let mut held = lock(&self.held);
            let id = (scope.to_owned(), key.to_owned());
            match held.get_mut(&id) {
                None => return false,
                Some(count) => {
                    *count -= 1;
                    if *count == 0 {
                        held.remove(&id);
                        true
                    } else {
                        false
                    }
                }
            }
        };
        if !last_here {
            return false;
        }
        match self.presence.leave(scope, key).await {
            Ok(gone) => gone,
            Err(err) => {
                tracing::warn!(error = %err, scope, "presence store failed on leave");
                false
            }
        }
    }

    /// Ends every local connection (shutdown): they close with 1001 and clients
    /// reconnect to another instance.
    pub fn close_all(&self, code: u16) {
        for outbox in read(&self.connections).values() {
            outbox.end_with(code);
        }
    }
}

/// A fresh instance name: 12 hexadecimal digits (no character a Redis channel
/// pattern would read as a wildcard).
pub fn new_instance_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// Serializes a server message into a shareable text frame.
pub fn frame_of(message: &impl Serialize) -> Option<Frame> {
    match serde_json::to_string(message) {
        Ok(text) => Some(Frame::text(&text)),
        Err(err) => {
            tracing::error!(error = %err, "a server message did not serialize");
            None
        }
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lock<T>(lock: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;
    use tokio::net::{TcpListener, TcpStream};
    use tokio_util::sync::CancellationToken;

    use super::*;
    use crate::bus::LocalBus;
    use crate::presence::LocalPresence;
    use crate::protocol::Person;

    fn hub() -> Hub {
        let config = LiveConfig { max_write_buffer_bytes: 64 * 1024, ..LiveConfig::default() };
        Hub::with_instance("t".to_owned(), Arc::new(LocalBus), Arc::new(LocalPresence::default()), config)
    }

    /// A registered connection over a real loopback socket, and its client end.
    async fn connection(hub: &Hub) -> (u64, String, Outbox, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let client = TcpStream::connect(listener.local_addr().expect("address")).await.expect("connect");
        let (server, _) = listener.accept().await.expect("accept");
        let (_, write) = server.into_split();
        let outbox = Arc::new(Outbound::new(write, CancellationToken::new(), hub.limits()));
        let (n, id) = hub.register(outbox.clone());
        (n, id, outbox, client)
    }

    #[tokio::test]
    async fn a_clogged_socket_disconnects_only_the_slow_consumer() {
        let hub = hub();
        let (slow, _, slow_box, _slow_client) = connection(&hub).await;
        let (fast, _, fast_box, mut fast_client) = connection(&hub).await;
        hub.subscribe("room:x", slow);
        hub.subscribe("room:x", fast);
        let text = "x".repeat(32 * 1024);
        let mut received = 0;
        let mut buf = vec![0; 256 * 1024];
        let mut published = 0;
        // The slow client never reads: the kernel's buffers fill, then 64 KiB more.
        while !slow_box.stop.is_cancelled() && published < 2_000 {
            hub.publish("room:x", Delivery::Frame(Frame::text(&text)));
            published += 1;
            while received < published * (text.len() + 4) {
                received += fast_client.read(&mut buf).await.expect("fast reads");
            }
        }
        assert!(slow_box.stop.is_cancelled(), "cut after {published} frames");
        assert_eq!(slow_box.close_code(), crate::protocol::close::SLOW_CONSUMER);
        assert!(!fast_box.stop.is_cancelled());
        assert_eq!(received, published * (text.len() + 4), "the fast reader got every frame, whole");
    }

    #[tokio::test]
    async fn deliveries_reach_the_socket_in_order_or_wait_for_the_task() {
        let hub = hub();
        let (n, id, outbox, mut client) = connection(&hub).await;
        let (_, _, other, _other_client) = connection(&hub).await;
        hub.subscribe("booth:1", n);
        hub.publish("booth:1", Delivery::Frame(Frame::text("one")));
        // While the task runs a handler, deliveries wait for it, in order.
        outbox.begin();
        hub.publish("booth:1", Delivery::Frame(Frame::text("three")));
        hub.send_to_connection(&id, Delivery::Admitted { room: uuid::Uuid::nil() });
        outbox.send(&Frame::text("two")).await.expect("written");
        assert!(matches!(outbox.take_inbox(), Some(Delivery::Frame(f)) if f.as_str() == "three"));
        assert!(matches!(outbox.take_inbox(), Some(Delivery::Admitted { .. })));
        assert!(outbox.take_inbox().is_none());
        assert!(other.take_inbox().is_none(), "a direct delivery reaches one connection");
        hub.publish("booth:1", Delivery::Frame(Frame::text("four")));
        let expected: Vec<u8> = ["one", "two", "four"].iter().flat_map(|t| Frame::text(t).wire().to_vec()).collect();
        let mut got = vec![0; expected.len()];
        client.read_exact(&mut got).await.expect("read");
        assert_eq!(got, expected);
    }

    #[tokio::test]
    async fn three_tabs_count_once() {
        let hub = hub();
        let entry = PresenceEntry {
            person: Person { user_id: None, name: "A".into(), role: "buyer".into(), company: None, country: None },
            host: false,
        };
        assert_eq!(hub.enter("booth:1", "user:a", &entry).await, Some(true));
        assert_eq!(hub.enter("booth:1", "user:a", &entry).await, Some(false));
        assert_eq!(hub.enter("booth:1", "user:a", &entry).await, Some(false));
        assert_eq!(hub.presence().counts("booth:").await.expect("counts").get("booth:1"), Some(&1));
        assert!(!hub.leave("booth:1", "user:a").await);
        assert!(!hub.leave("booth:1", "user:a").await);
        assert!(hub.leave("booth:1", "user:a").await);
        assert!(hub.presence().counts("booth:").await.expect("counts").is_empty());
    }
}
