//! One instance's switchboard: its connections, who subscribes to which topic, and
//! how many of its connections hold each presence. Publishing serializes nothing: a
//! frame is serialized once by the caller and its bytes are shared by every queue.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::extract::ws::Utf8Bytes;
use serde::Serialize;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::bus::{Bus, Delivery};
use crate::presence::{PresenceEntry, PresenceStore};

/// Limits, set on purpose (the library defaults are unsafe or memory-hungry).
#[derive(Clone, Debug)]
pub struct LiveConfig {
    /// Largest message (and frame) a client may send.
    pub max_message_bytes: usize,
    /// The websocket's read buffer.
    pub read_buffer_bytes: usize,
    /// Most bytes waiting in the websocket's write buffer before a write fails.
    pub max_write_buffer_bytes: usize,
    /// Deliveries queued for one connection; a connection that falls this far behind
    /// is disconnected (close 4009), never waited for.
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
            read_buffer_bytes: 1024,
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
#[derive(Clone, Debug)]
pub struct Outbox {
    queue: mpsc::Sender<Delivery>,
    signal: Arc<ConnectionSignal>,
}

/// Lets the hub end a connection (slow consumer, shutdown) with a close code.
#[derive(Debug)]
pub struct ConnectionSignal {
    pub stop: CancellationToken,
    pub close_code: AtomicU16,
}

impl Outbox {
    pub fn new(queue: mpsc::Sender<Delivery>, stop: CancellationToken) -> Self {
        Self { queue, signal: Arc::new(ConnectionSignal { stop, close_code: AtomicU16::new(0) }) }
    }

    pub fn signal(&self) -> &ConnectionSignal {
        &self.signal
    }

    /// Queues without waiting; a full queue disconnects the slow consumer.
    fn offer(&self, delivery: Delivery) {
        match self.queue.try_send(delivery) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(_)) => {
                if self
                    .signal
                    .close_code
                    .compare_exchange(0, crate::protocol::close::SLOW_CONSUMER, Ordering::Relaxed, Ordering::Relaxed)
                    .is_ok()
                {
                    metrics::counter!("fair_live_slow_consumers_total").increment(1);
                }
                self.signal.stop.cancel();
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }
}

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
        let topics = read(&self.topics);
        let Some(subscribers) = topics.get(topic) else { return };
        metrics::counter!("fair_live_deliveries_total").increment(subscribers.len() as u64);
        for (_, outbox) in subscribers {
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
            let _ = outbox.signal.close_code.compare_exchange(0, code, Ordering::Relaxed, Ordering::Relaxed);
            outbox.signal.stop.cancel();
        }
    }
}

/// A fresh instance name: 12 hexadecimal digits (no character a Redis channel
/// pattern would read as a wildcard).
pub fn new_instance_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// Serializes a server message into a shareable text frame.
pub fn frame_of(message: &impl Serialize) -> Option<Utf8Bytes> {
    match serde_json::to_string(message) {
        Ok(text) => Some(Utf8Bytes::from(text)),
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
    use super::*;
    use crate::bus::LocalBus;
    use crate::presence::LocalPresence;
    use crate::protocol::Person;

    fn hub(queue: usize) -> Hub {
        let config = LiveConfig { outbound_queue: queue, ..LiveConfig::default() };
        Hub::with_instance("t".to_owned(), Arc::new(LocalBus), Arc::new(LocalPresence::default()), config)
    }

    fn connection(hub: &Hub, queue: usize) -> (u64, String, mpsc::Receiver<Delivery>, Outbox) {
        let (tx, rx) = mpsc::channel(queue);
        let outbox = Outbox::new(tx, CancellationToken::new());
        let (n, id) = hub.register(outbox.clone());
        (n, id, rx, outbox)
    }

    #[test]
    fn a_full_queue_disconnects_only_the_slow_consumer() {
        let hub = hub(2);
        let (slow, _, _slow_rx, slow_box) = connection(&hub, 2);
        let (fast, _, mut fast_rx, fast_box) = connection(&hub, 2);
        hub.subscribe("room:x", slow);
        hub.subscribe("room:x", fast);
        for i in 0..3 {
            hub.publish("room:x", Delivery::Frame(Utf8Bytes::from(format!("{i}"))));
            while fast_rx.try_recv().is_ok() {}
        }
        assert!(slow_box.signal().stop.is_cancelled());
        assert_eq!(slow_box.signal().close_code.load(Ordering::Relaxed), crate::protocol::close::SLOW_CONSUMER);
        assert!(!fast_box.signal().stop.is_cancelled());
    }

    #[test]
    fn direct_deliveries_reach_one_connection() {
        let hub = hub(4);
        let (_, id, mut rx, _) = connection(&hub, 4);
        let (_, _, mut other, _) = connection(&hub, 4);
        hub.send_to_connection(&id, Delivery::Admitted { room: uuid::Uuid::nil() });
        assert!(matches!(rx.try_recv(), Ok(Delivery::Admitted { .. })));
        assert!(other.try_recv().is_err());
    }

    #[tokio::test]
    async fn three_tabs_count_once() {
        let hub = hub(4);
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
