//! Several instances over one Redis: [`RedisBus`] carries publications between
//! instances over pub/sub, [`RedisPresence`] keeps who is where in keys that expire
//! unless the instance holding them refreshes them, so a dead instance's members
//! disappear.
//!
//! Every key and channel starts with the configured prefix (`FAIR_REDIS_PREFIX`):
//!
//! - `{prefix}:t:{topic}`: a topic's channel. Each instance also pattern-subscribes
//!   `{prefix}:t:conn:{instance}.*`, the direct messages to its connections.
//! - `{prefix}:p:{scope}`: hash, field `{key}\x1f{instance}` → the entry as JSON.
//! - `{prefix}:pe:{scope}`: sorted set of the same fields scored by their expiry
//!   (Redis's clock, ms); readers drop expired fields before reading.
//! - `{prefix}:pc:{scope}`: hash, key → how many instances hold it, so a person in
//!   tabs on two instances counts once and `enter`/`leave` know who was first and last.
//! - `{prefix}:scopes`: sorted set (every score 0) of the scopes with members, read
//!   by name prefix (`ZRANGEBYLEX`), so counting every booth reads no other key.
//!
//! Each change is one Lua script (atomic). The scripts derive the per-scope key
//! names from the prefix, so this layout suits one Redis (or a replicated pair), not
//! Redis Cluster.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context;
use bytes::Bytes;
use futures::StreamExt;
use futures::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig, PubSub, PubSubSink};
use tokio::sync::{Notify, RwLock, mpsc};
use tokio_util::sync::CancellationToken;

use crate::bus::{Bus, Delivery};
use crate::hub::Hub;
use crate::presence::{PresenceEntry, PresenceStore};

/// Publications waiting to go to Redis; beyond this they are dropped and counted,
/// never waited for.
const PUBLISH_QUEUE: usize = 16_384;
/// Publications sent in one pipeline.
const PUBLISH_BATCH: usize = 512;
/// Channels in one SUBSCRIBE or UNSUBSCRIBE.
const SUBSCRIBE_BATCH: usize = 256;
/// Longest wait for one Redis answer, and for a connection.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(3);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The pub/sub connection is pinged this often, so a dead one is noticed and replaced.
const PUBSUB_PING: Duration = Duration::from_secs(5);
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(5);
/// The same warning is logged at most this often (Redis down: every publish fails).
const WARN_EVERY: Duration = Duration::from_secs(10);
/// Separates a member's key from the instance in presence fields.
const FIELD_SEPARATOR: char = '\u{1f}';
/// Members refreshed by one script call, and scripts sent in one pipeline.
const REFRESH_MEMBERS: usize = 500;
const REFRESH_PIPELINE: usize = 64;

fn open_client(url: &str) -> anyhow::Result<redis::Client> {
    redis::Client::open(url).context("invalid Redis URL")
}

/// A multiplexed connection for commands that reconnects by itself.
async fn connection_manager(client: redis::Client) -> anyhow::Result<ConnectionManager> {
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(CONNECT_TIMEOUT))
        .set_response_timeout(Some(COMMAND_TIMEOUT))
        .set_max_delay(BACKOFF_MAX);
    tokio::time::timeout(CONNECT_TIMEOUT * 2, ConnectionManager::new_with_config(client, config))
        .await
        .map_err(|_| anyhow::anyhow!("no answer from Redis in time"))?
        .context("connecting to Redis")
}

/// Logs a warning unless the same one was logged in the last [`WARN_EVERY`].
#[derive(Default)]
struct Throttle(Option<Instant>);

impl Throttle {
    fn ready(&mut self) -> bool {
        let ready = self.0.is_none_or(|at| at.elapsed() >= WARN_EVERY);
        if ready {
            self.0 = Some(Instant::now());
        }
        ready
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

// ---------------------------------------------------------------------------
// The bus
// ---------------------------------------------------------------------------

/// Carries publications between instances over Redis pub/sub. Publishing queues the
/// message for a task and returns; (un)subscribing records the wish and a task
/// brings the pub/sub connection in line, after every reconnection too.
pub struct RedisBus {
    /// `{prefix}:t:`
    channel_prefix: String,
    instance: String,
    outgoing: mpsc::Sender<(String, Vec<u8>)>,
    subscriptions: Arc<Subscriptions>,
}

impl std::fmt::Debug for RedisBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBus")
            .field("channel_prefix", &self.channel_prefix)
            .field("instance", &self.instance)
            .finish_non_exhaustive()
    }
}

/// The tasks behind a [`RedisBus`]: run them with [`RedisBusDriver::run`] once the
/// hub exists (the hub owns the bus; the driver delivers to the hub).
pub struct RedisBusDriver {
    client: redis::Client,
    manager: ConnectionManager,
    first: Option<PubSub>,
    channel_prefix: String,
    instance: String,
    outgoing: mpsc::Receiver<(String, Vec<u8>)>,
    subscriptions: Arc<Subscriptions>,
}

impl std::fmt::Debug for RedisBusDriver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBusDriver").field("instance", &self.instance).finish_non_exhaustive()
    }
}

impl RedisBus {
    /// Connects (failing when Redis cannot be reached now) and subscribes to this
    /// instance's direct messages. Nothing is received until the driver runs.
    pub async fn connect(url: &str, prefix: &str, instance: &str) -> anyhow::Result<(Self, RedisBusDriver)> {
        let client = open_client(url)?;
        let manager = connection_manager(client.clone()).await?;
        let channel_prefix = format!("{prefix}:t:");
        let first = open_pubsub(&client, &direct_pattern(&channel_prefix, instance)).await?;
        let (outgoing, queue) = mpsc::channel(PUBLISH_QUEUE);
        let subscriptions = Arc::new(Subscriptions::default());
        let bus = Self {
            channel_prefix: channel_prefix.clone(),
            instance: instance.to_owned(),
            outgoing,
            subscriptions: subscriptions.clone(),
        };
        let driver = RedisBusDriver {
            client,
            manager,
            first: Some(first),
            channel_prefix,
            instance: instance.to_owned(),
            outgoing: queue,
            subscriptions,
        };
        Ok((bus, driver))
    }
}

impl Bus for RedisBus {
    fn publish(&self, topic: &str, delivery: &Delivery) {
        let channel = format!("{}{topic}", self.channel_prefix);
        if self.outgoing.try_send((channel, delivery.encode(&self.instance))).is_err() {
            metrics::counter!("fair_live_bus_dropped_total").increment(1);
        }
    }

    fn subscribe(&self, topic: &str) {
        self.subscriptions.want(topic, true);
    }

    fn unsubscribe(&self, topic: &str) {
        self.subscriptions.want(topic, false);
    }

    fn subscribed(&self, topic: &str) -> BoxFuture<'static, ()> {
        let subscriptions = self.subscriptions.clone();
        let topic = topic.to_owned();
        Box::pin(async move { subscriptions.settled(&topic).await })
    }
}

impl RedisBusDriver {
    /// Publishes what the bus queued and delivers what arrives to `hub`, reconnecting
    /// (and subscribing again to every topic still wanted) after Redis goes away. On
    /// `stop`, sends what is still queued and returns.
    pub async fn run(self, hub: Arc<Hub>, stop: CancellationToken) {
        let Self { client, manager, first, channel_prefix, instance, outgoing, subscriptions } = self;
        let publisher = tokio::spawn(publish_loop(manager, outgoing, stop.clone()));
        let receiver = Receiver { channel_prefix, instance, subscriptions, hub };
        receiver.run(client, first, stop).await;
        let _ = publisher.await;
    }
}

/// `{prefix}:t:conn:{instance}.*`: the prefix and instance hold no glob characters
/// (the prefix is letters, digits, `-`, `_` and `.`; the instance is hexadecimal).
fn direct_pattern(channel_prefix: &str, instance: &str) -> String {
    format!("{channel_prefix}conn:{instance}.*")
}

async fn open_pubsub(client: &redis::Client, pattern: &str) -> anyhow::Result<PubSub> {
    let connect = async {
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.psubscribe(pattern).await?;
        Ok::<_, redis::RedisError>(pubsub)
    };
    tokio::time::timeout(CONNECT_TIMEOUT, connect)
        .await
        .map_err(|_| anyhow::anyhow!("no answer from Redis in time"))?
        .context("opening the Redis pub/sub connection")
}

async fn publish_loop(
    mut manager: ConnectionManager,
    mut queue: mpsc::Receiver<(String, Vec<u8>)>,
    stop: CancellationToken,
) {
    let mut batch = Vec::with_capacity(PUBLISH_BATCH);
    let mut throttle = Throttle::default();
    loop {
        tokio::select! {
            biased;
            received = queue.recv_many(&mut batch, PUBLISH_BATCH) => {
                if received == 0 {
                    return;
                }
                send_batch(&mut manager, &mut batch, &mut throttle).await;
            }
            () = stop.cancelled() => {
                // What the closing connections published (departures) still goes out.
                while let Ok(item) = queue.try_recv() {
                    batch.push(item);
                    if batch.len() == PUBLISH_BATCH {
                        send_batch(&mut manager, &mut batch, &mut throttle).await;
                    }
                }
                send_batch(&mut manager, &mut batch, &mut throttle).await;
                return;
            }
        }
    }
}

async fn send_batch(manager: &mut ConnectionManager, batch: &mut Vec<(String, Vec<u8>)>, throttle: &mut Throttle) {
    if batch.is_empty() {
        return;
    }
    let mut pipe = redis::pipe();
    for (channel, payload) in batch.iter() {
        pipe.cmd("PUBLISH").arg(channel).arg(payload).ignore();
    }
    let count = batch.len() as u64;
    let mut sent = pipe.query_async::<()>(manager).await;
    if sent.as_ref().is_err_and(redis::RedisError::is_connection_dropped) {
        // The connection died (Redis restarted, a network cut): the manager only
        // reconnects on such an error, so the first batch after it would be lost.
        // Sent again at once (a batch that did reach Redis may arrive twice: chat
        // is de-duplicated by sequence, presence events are idempotent).
        sent = pipe.query_async::<()>(manager).await;
    }
    match sent {
        Ok(()) => metrics::counter!("fair_live_bus_published_total").increment(count),
        Err(err) => {
            metrics::counter!("fair_live_bus_publish_failures_total").increment(count);
            if throttle.ready() {
                tracing::warn!(error = %err, lost = count, "publishing to Redis failed");
            }
        }
    }
    batch.clear();
}

/// The topics the hub wants and those the current pub/sub connection has.
#[derive(Default)]
struct Subscriptions {
    state: Mutex<SubscriptionState>,
    /// The wanted set changed.
    changed: Notify,
    /// The active set grew.
    settled: Notify,
}

#[derive(Debug, Default)]
struct SubscriptionState {
    wanted: HashSet<String>,
    active: HashSet<String>,
    /// Topics whose wish changed since the connection was last brought in line.
    pending: HashSet<String>,
}

impl SubscriptionState {
    /// What to subscribe and unsubscribe to match the wishes (sorted, for tests and logs).
    fn plan(&mut self) -> (Vec<String>, Vec<String>) {
        let mut subscribe = Vec::new();
        let mut unsubscribe = Vec::new();
        for topic in self.pending.drain() {
            match (self.wanted.contains(&topic), self.active.contains(&topic)) {
                (true, false) => subscribe.push(topic),
                (false, true) => unsubscribe.push(topic),
                _ => {}
            }
        }
        subscribe.sort();
        unsubscribe.sort();
        (subscribe, unsubscribe)
    }

    /// The connection is gone: everything wanted must be subscribed again.
    fn lost(&mut self) {
        self.active.clear();
        self.pending = self.wanted.clone();
    }
}

impl Subscriptions {
    fn want(&self, topic: &str, wanted: bool) {
        {
            let mut state = lock(&self.state);
            if wanted {
                state.wanted.insert(topic.to_owned());
            } else {
                state.wanted.remove(topic);
            }
            state.pending.insert(topic.to_owned());
        }
        self.changed.notify_one();
    }

    /// Resolves when `topic` is subscribed on the current connection, or no longer wanted.
    async fn settled(&self, topic: &str) {
        loop {
            let settled = self.settled.notified();
            tokio::pin!(settled);
            settled.as_mut().enable();
            {
                let state = lock(&self.state);
                if state.active.contains(topic) || !state.wanted.contains(topic) {
                    return;
                }
            }
            settled.await;
        }
    }
}

/// The pub/sub side: one connection, replaced when it fails.
struct Receiver {
    channel_prefix: String,
    instance: String,
    subscriptions: Arc<Subscriptions>,
    hub: Arc<Hub>,
}

impl Receiver {
    async fn run(&self, client: redis::Client, first: Option<PubSub>, stop: CancellationToken) {
        let pattern = direct_pattern(&self.channel_prefix, &self.instance);
        let mut next = first;
        let mut backoff = BACKOFF_MIN;
        let mut throttle = Throttle::default();
        loop {
            let pubsub = match next.take() {
                Some(pubsub) => pubsub,
                None => {
                    let attempt = tokio::select! {
                        attempt = open_pubsub(&client, &pattern) => attempt,
                        () = stop.cancelled() => return,
                    };
                    match attempt {
                        Ok(pubsub) => {
                            tracing::info!("Redis pub/sub connection back; subscribing again");
                            metrics::counter!("fair_live_bus_reconnects_total").increment(1);
                            pubsub
                        }
                        Err(err) => {
                            if throttle.ready() {
                                tracing::warn!(error = %format!("{err:#}"), "Redis pub/sub unreachable; retrying");
                            }
                            tokio::select! {
                                () = tokio::time::sleep(backoff) => {}
                                () = stop.cancelled() => return,
                            }
                            backoff = (backoff * 2).min(BACKOFF_MAX);
                            continue;
                        }
                    }
                }
            };
            backoff = BACKOFF_MIN;
            let lost = self.serve(pubsub, &stop).await;
            lock(&self.subscriptions.state).lost();
            match lost {
                None => return,
                Some(reason) => {
                    tracing::warn!(reason = %reason, "lost the Redis pub/sub connection; reconnecting");
                }
            }
        }
    }

    /// Receives on one connection until it fails (`Some(reason)`) or `stop` (`None`).
    async fn serve(&self, pubsub: PubSub, stop: &CancellationToken) -> Option<String> {
        let (mut sink, mut stream) = pubsub.split();
        let mut ping = tokio::time::interval(PUBSUB_PING);
        ping.reset();
        let mut dirty = true;
        loop {
            if dirty {
                dirty = false;
                if let Err(err) = self.bring_in_line(&mut sink).await {
                    return Some(err.to_string());
                }
            }
            tokio::select! {
                biased;
                () = stop.cancelled() => return None,
                message = stream.next() => match message {
                    Some(message) => self.deliver(&message),
                    None => return Some("the connection closed".to_owned()),
                },
                () = self.subscriptions.changed.notified() => dirty = true,
                _ = ping.tick() => {
                    match tokio::time::timeout(COMMAND_TIMEOUT, sink.ping::<redis::Value>()).await {
                        Ok(Ok(_)) => {}
                        Ok(Err(err)) => return Some(err.to_string()),
                        Err(_) => return Some("no answer to a ping".to_owned()),
                    }
                }
            }
        }
    }

    /// Unsubscribes first, so once a topic is confirmed every earlier wish is in effect.
    async fn bring_in_line(&self, sink: &mut PubSubSink) -> Result<(), redis::RedisError> {
        let (subscribe, unsubscribe) = lock(&self.subscriptions.state).plan();
        for topics in unsubscribe.chunks(SUBSCRIBE_BATCH) {
            let channels: Vec<String> = topics.iter().map(|t| format!("{}{t}", self.channel_prefix)).collect();
            timed(sink.unsubscribe(channels)).await?;
            let mut state = lock(&self.subscriptions.state);
            for topic in topics {
                state.active.remove(topic);
            }
        }
        for topics in subscribe.chunks(SUBSCRIBE_BATCH) {
            let channels: Vec<String> = topics.iter().map(|t| format!("{}{t}", self.channel_prefix)).collect();
            timed(sink.subscribe(channels)).await?;
            lock(&self.subscriptions.state).active.extend(topics.iter().cloned());
            self.subscriptions.settled.notify_waiters();
        }
        Ok(())
    }

    fn deliver(&self, message: &redis::Msg) {
        let Some(topic) = message.get_channel_name().strip_prefix(&self.channel_prefix) else { return };
        let Some((origin, delivery)) = Delivery::decode(Bytes::copy_from_slice(message.get_payload_bytes())) else {
            metrics::counter!("fair_live_bus_malformed_total").increment(1);
            return;
        };
        if origin == self.instance {
            return;
        }
        metrics::counter!("fair_live_bus_received_total").increment(1);
        self.hub.deliver_local(topic, delivery);
    }
}

async fn timed<T>(future: impl Future<Output = Result<T, redis::RedisError>>) -> Result<T, redis::RedisError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, future).await {
        Ok(result) => result,
        Err(_) => Err(redis::RedisError::from(std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer in time"))),
    }
}

// ---------------------------------------------------------------------------
// Presence
// ---------------------------------------------------------------------------

/// Shared by every script: Redis's clock, dropping expired fields, key expiry.
const PRELUDE: &str = r#"
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function num(n)
  return string.format('%.0f', n)
end
-- Drops the fields whose expiry passed, and their instances from the keys' counts.
-- A key no instance holds any more (its instance died) is queued on
-- `{prefix}:departed` as scope \031 key, for one instance to announce.
local function purge(p, pe, pc, now)
  local expired = redis.call('ZRANGEBYSCORE', pe, '-inf', num(now))
  if #expired == 0 then return end
  local prefix, scope = string.match(p, '^(.-):p:(.*)$')
  for _, field in ipairs(expired) do
    if redis.call('HDEL', p, field) == 1 then
      local key = string.match(field, '^(.*)\031')
      if key and redis.call('HINCRBY', pc, key, -1) <= 0 then
        redis.call('HDEL', pc, key)
        if prefix then
          redis.call('RPUSH', prefix .. ':departed', scope .. '\031' .. key)
          redis.call('PEXPIRE', prefix .. ':departed', 60000)
        end
      end
    end
  end
  redis.call('ZREMRANGEBYSCORE', pe, '-inf', num(now))
end
-- The keys outlive their newest entry; when every instance is gone, they go too.
local function keep(p, pe, pc, index, ttl)
  for _, k in ipairs({p, pe, pc, index}) do
    redis.call('PEXPIRE', k, num(2 * ttl))
  end
end
local function forget_if_empty(p, pe, pc, index, scope)
  if redis.call('HLEN', pc) == 0 then
    redis.call('DEL', p, pe, pc)
    redis.call('ZREM', index, scope)
  end
end
"#;

/// KEYS p, pe, pc, index; ARGV field, key, entry, ttl, scope. 1 when no instance had the key.
const ENTER: &str = r#"
local now = now_ms()
local ttl = tonumber(ARGV[4])
purge(KEYS[1], KEYS[2], KEYS[3], now)
local fresh = 0
if redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) == 1 then
  if redis.call('HINCRBY', KEYS[3], ARGV[2], 1) == 1 then fresh = 1 end
end
redis.call('ZADD', KEYS[2], num(now + ttl), ARGV[1])
redis.call('ZADD', KEYS[4], 0, ARGV[5])
keep(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ttl)
return fresh
"#;

/// KEYS p, pe, pc, index; ARGV field, key, scope. 1 when no instance has the key now.
const LEAVE: &str = r#"
purge(KEYS[1], KEYS[2], KEYS[3], now_ms())
if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then
  if redis.call('HINCRBY', KEYS[3], ARGV[2], -1) <= 0 then redis.call('HDEL', KEYS[3], ARGV[2]) end
end
redis.call('ZREM', KEYS[2], ARGV[1])
local gone = 0
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then gone = 1 end
forget_if_empty(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[3])
return gone
"#;

/// KEYS p, pe, pc, index; ARGV scope. Every live field with its entry.
const MEMBERS: &str = r#"
purge(KEYS[1], KEYS[2], KEYS[3], now_ms())
forget_if_empty(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1])
return redis.call('HGETALL', KEYS[1])
"#;

/// KEYS p, pe, pc; ARGV key. 1 when some instance holds the key.
const CONTAINS: &str = r#"
purge(KEYS[1], KEYS[2], KEYS[3], now_ms())
return redis.call('HEXISTS', KEYS[3], ARGV[1])
"#;

/// KEYS index; ARGV key prefix, scope prefix. Scope, distinct keys, scope, …
const COUNTS: &str = r#"
local now = now_ms()
local out = {}
local scopes = redis.call('ZRANGEBYLEX', KEYS[1], '[' .. ARGV[2], '[' .. ARGV[2] .. '\255')
for _, scope in ipairs(scopes) do
  local p, pe, pc = ARGV[1] .. ':p:' .. scope, ARGV[1] .. ':pe:' .. scope, ARGV[1] .. ':pc:' .. scope
  purge(p, pe, pc, now)
  local n = redis.call('HLEN', pc)
  if n == 0 then
    forget_if_empty(p, pe, pc, KEYS[1], scope)
  else
    table.insert(out, scope)
    table.insert(out, n)
  end
end
return out
"#;

/// KEYS p, pe, pc, index; ARGV ttl, scope, then field, key, entry for each member
/// this instance holds. Rewrites them (they come back after Redis lost its data).
const REFRESH: &str = r#"
local now = now_ms()
local ttl = tonumber(ARGV[1])
purge(KEYS[1], KEYS[2], KEYS[3], now)
for i = 3, #ARGV, 3 do
  if redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2]) == 1 then
    redis.call('HINCRBY', KEYS[3], ARGV[i + 1], 1)
  end
  redis.call('ZADD', KEYS[2], num(now + ttl), ARGV[i])
end
redis.call('ZADD', KEYS[4], 0, ARGV[2])
keep(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ttl)
return 1
"#;

/// KEYS index, departed; ARGV key prefix, most. Drops expired fields in every scope,
/// then takes (once, for this instance to announce) up to `most` departures:
/// scope \x1f key, …
const SWEEP: &str = r#"
local now = now_ms()
for _, scope in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local p, pe, pc = ARGV[1] .. ':p:' .. scope, ARGV[1] .. ':pe:' .. scope, ARGV[1] .. ':pc:' .. scope
  purge(p, pe, pc, now)
  forget_if_empty(p, pe, pc, KEYS[1], scope)
end
return redis.call('LPOP', KEYS[2], tonumber(ARGV[2])) or {}
"#;

/// Departures taken by one sweep, at most.
const DEPARTURES_PER_SWEEP: usize = 1000;

/// A Lua script run by its SHA-1 (loaded again when Redis forgot it, e.g. restarted).
struct Script {
    source: String,
    sha: String,
}

impl Script {
    async fn load(manager: &mut ConnectionManager, body: &str) -> redis::RedisResult<Self> {
        let source = format!("{PRELUDE}{body}");
        let sha = redis::cmd("SCRIPT").arg("LOAD").arg(&source).query_async(manager).await?;
        Ok(Self { source, sha })
    }

    fn call(&self, keys: &[String]) -> redis::Cmd {
        let mut cmd = redis::cmd("EVALSHA");
        cmd.arg(&self.sha).arg(keys.len()).arg(keys);
        cmd
    }

    async fn reload(&self, manager: &mut ConnectionManager) -> redis::RedisResult<()> {
        redis::cmd("SCRIPT").arg("LOAD").arg(&self.source).query_async::<String>(manager).await.map(drop)
    }
}

struct Scripts {
    enter: Script,
    leave: Script,
    members: Script,
    contains: Script,
    counts: Script,
    refresh: Script,
    sweep: Script,
}

fn is_noscript(err: &redis::RedisError) -> bool {
    err.code() == Some("NOSCRIPT")
}

/// Who is where, in Redis, with entries that expire unless refreshed: run
/// [`RedisPresence::run_heartbeat`] beside it.
pub struct RedisPresence {
    manager: ConnectionManager,
    prefix: String,
    instance: String,
    ttl: Duration,
    scripts: Scripts,
    /// What this instance holds (scope → key → entry as JSON); each heartbeat
    /// rewrites it all, so it survives Redis losing its data.
    held: Mutex<HashMap<String, HashMap<String, String>>>,
    /// `enter` and `leave` share it; a refresh takes it alone, so it never writes
    /// back a member that a `leave` has just removed.
    order: RwLock<()>,
}

impl std::fmt::Debug for RedisPresence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisPresence")
            .field("prefix", &self.prefix)
            .field("instance", &self.instance)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl RedisPresence {
    /// Connects and loads the scripts. Entries expire `ttl` after their last refresh.
    pub async fn connect(url: &str, prefix: &str, instance: &str, ttl: Duration) -> anyhow::Result<Self> {
        let mut manager = connection_manager(open_client(url)?).await?;
        let load = async {
            Ok::<_, redis::RedisError>(Scripts {
                enter: Script::load(&mut manager, ENTER).await?,
                leave: Script::load(&mut manager, LEAVE).await?,
                members: Script::load(&mut manager, MEMBERS).await?,
                contains: Script::load(&mut manager, CONTAINS).await?,
                counts: Script::load(&mut manager, COUNTS).await?,
                refresh: Script::load(&mut manager, REFRESH).await?,
                sweep: Script::load(&mut manager, SWEEP).await?,
            })
        };
        let scripts = load.await.context("loading the presence scripts into Redis")?;
        Ok(Self {
            manager,
            prefix: prefix.to_owned(),
            instance: instance.to_owned(),
            ttl,
            scripts,
            held: Mutex::default(),
            order: RwLock::new(()),
        })
    }

    /// How often the heartbeat refreshes: a third of the expiry, so one late beat
    /// loses nothing.
    pub fn heartbeat_interval(&self) -> Duration {
        (self.ttl / 3).max(Duration::from_millis(500))
    }

    /// Refreshes everything this instance holds every [`Self::heartbeat_interval`]
    /// until `stop`; then removes it all (a graceful stop leaves no ghosts behind).
    pub async fn run_heartbeat(self: Arc<Self>, stop: CancellationToken) {
        let mut tick = tokio::time::interval(self.heartbeat_interval());
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut throttle = Throttle::default();
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = stop.cancelled() => break,
            }
            if let Err(err) = self.refresh().await {
                metrics::counter!("fair_live_presence_refresh_failures_total").increment(1);
                if throttle.ready() {
                    tracing::warn!(error = %format!("{err:#}"), "refreshing presence in Redis failed");
                }
            }
        }
        if let Err(err) = self.release_all().await {
            tracing::warn!(error = %format!("{err:#}"), "removing this instance's presence from Redis failed");
        }
    }

    fn keys(&self, scope: &str) -> Vec<String> {
        let prefix = &self.prefix;
        vec![
            format!("{prefix}:p:{scope}"),
            format!("{prefix}:pe:{scope}"),
            format!("{prefix}:pc:{scope}"),
            format!("{prefix}:scopes"),
        ]
    }

    fn field(&self, key: &str) -> String {
        format!("{key}{FIELD_SEPARATOR}{}", self.instance)
    }

    fn ttl_ms(&self) -> u64 {
        u64::try_from(self.ttl.as_millis()).unwrap_or(u64::MAX).max(1)
    }

    /// Runs one script call, loading the script again if Redis forgot it.
    async fn run<T: redis::FromRedisValue>(&self, script: &Script, cmd: &redis::Cmd) -> anyhow::Result<T> {
        let mut manager = self.manager.clone();
        match cmd.query_async(&mut manager).await {
            Err(err) if is_noscript(&err) => {
                script.reload(&mut manager).await?;
                Ok(cmd.query_async(&mut manager).await?)
            }
            result => Ok(result?),
        }
    }

    /// Runs a pipeline of calls of one script, loading it again if Redis forgot it.
    async fn run_pipeline(&self, script: &Script, pipe: &redis::Pipeline) -> anyhow::Result<()> {
        let mut manager = self.manager.clone();
        match pipe.query_async::<()>(&mut manager).await {
            Err(err) if is_noscript(&err) => {
                script.reload(&mut manager).await?;
                Ok(pipe.query_async::<()>(&mut manager).await?)
            }
            result => Ok(result?),
        }
    }

    /// Rewrites everything this instance holds with a fresh expiry, a few scopes at a
    /// time (`enter` and `leave` wait only for the batch in flight).
    async fn refresh(&self) -> anyhow::Result<()> {
        let scopes: Vec<String> = lock(&self.held).keys().cloned().collect();
        let ttl = self.ttl_ms().to_string();
        for batch in scopes.chunks(REFRESH_PIPELINE) {
            let _alone = self.order.write().await;
            let mut pipe = redis::pipe();
            let mut calls = 0;
            {
                let held = lock(&self.held);
                for scope in batch {
                    let Some(members) = held.get(scope) else { continue };
                    let members: Vec<(&String, &String)> = members.iter().collect();
                    for chunk in members.chunks(REFRESH_MEMBERS) {
                        let mut cmd = self.scripts.refresh.call(&self.keys(scope));
                        cmd.arg(&ttl).arg(scope);
                        for (key, entry) in chunk {
                            cmd.arg(self.field(key)).arg(*key).arg(*entry);
                        }
                        pipe.add_command(cmd).ignore();
                        calls += 1;
                    }
                }
            }
            if calls > 0 {
                self.run_pipeline(&self.scripts.refresh, &pipe).await?;
            }
        }
        Ok(())
    }

    /// Removes everything this instance holds (graceful stop).
    async fn release_all(&self) -> anyhow::Result<()> {
        let _alone = self.order.write().await;
        let held = std::mem::take(&mut *lock(&self.held));
        let mut pipe = redis::pipe();
        let mut calls = 0;
        for (scope, members) in &held {
            for key in members.keys() {
                let mut cmd = self.scripts.leave.call(&self.keys(scope));
                cmd.arg(self.field(key)).arg(key).arg(scope);
                pipe.add_command(cmd).ignore();
                calls += 1;
                if calls % REFRESH_PIPELINE == 0 {
                    self.run_pipeline(&self.scripts.leave, &pipe).await?;
                    pipe = redis::pipe();
                }
            }
        }
        if calls % REFRESH_PIPELINE != 0 {
            self.run_pipeline(&self.scripts.leave, &pipe).await?;
        }
        Ok(())
    }
}

impl PresenceStore for RedisPresence {
    fn enter<'a>(
        &'a self,
        scope: &'a str,
        key: &'a str,
        entry: &'a PresenceEntry,
    ) -> BoxFuture<'a, anyhow::Result<bool>> {
        Box::pin(async move {
            let json = serde_json::to_string(entry)?;
            let _shared = self.order.read().await;
            lock(&self.held).entry(scope.to_owned()).or_default().insert(key.to_owned(), json.clone());
            let mut cmd = self.scripts.enter.call(&self.keys(scope));
            cmd.arg(self.field(key)).arg(key).arg(json).arg(self.ttl_ms()).arg(scope);
            let fresh: i64 = self.run(&self.scripts.enter, &cmd).await?;
            Ok(fresh == 1)
        })
    }

    fn leave<'a>(&'a self, scope: &'a str, key: &'a str) -> BoxFuture<'a, anyhow::Result<bool>> {
        Box::pin(async move {
            let _shared = self.order.read().await;
            {
                let mut held = lock(&self.held);
                if let Entry::Occupied(mut members) = held.entry(scope.to_owned()) {
                    members.get_mut().remove(key);
                    if members.get().is_empty() {
                        members.remove();
                    }
                }
            }
            let mut cmd = self.scripts.leave.call(&self.keys(scope));
            cmd.arg(self.field(key)).arg(key).arg(scope);
            let gone: i64 = self.run(&self.scripts.leave, &cmd).await?;
            Ok(gone == 1)
        })
    }

    fn members<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, anyhow::Result<Vec<(String, PresenceEntry)>>> {
        Box::pin(async move {
            let mut cmd = self.scripts.members.call(&self.keys(scope));
            cmd.arg(scope);
            let fields: HashMap<String, String> = self.run(&self.scripts.members, &cmd).await?;
            Ok(members_by_key(fields))
        })
    }

    fn contains<'a>(&'a self, scope: &'a str, key: &'a str) -> BoxFuture<'a, anyhow::Result<bool>> {
        Box::pin(async move {
            let keys = self.keys(scope);
            let mut cmd = self.scripts.contains.call(&keys[..3]);
            cmd.arg(key);
            let found: i64 = self.run(&self.scripts.contains, &cmd).await?;
            Ok(found == 1)
        })
    }

    fn departure_grace(&self) -> Duration {
        // One refresh of a late but live instance, and a second for it to land.
        self.heartbeat_interval() + Duration::from_secs(1)
    }

    fn departures(&self) -> BoxFuture<'_, anyhow::Result<Vec<(String, String)>>> {
        Box::pin(async move {
            let keys = [format!("{}:scopes", self.prefix), format!("{}:departed", self.prefix)];
            let mut cmd = self.scripts.sweep.call(&keys);
            cmd.arg(&self.prefix).arg(DEPARTURES_PER_SWEEP);
            let departed: Vec<String> = self.run(&self.scripts.sweep, &cmd).await?;
            Ok(departed
                .into_iter()
                .filter_map(|item| item.split_once(FIELD_SEPARATOR).map(|(s, k)| (s.to_owned(), k.to_owned())))
                .collect())
        })
    }

    fn counts<'a>(&'a self, prefix: &'a str) -> BoxFuture<'a, anyhow::Result<HashMap<String, usize>>> {
        Box::pin(async move {
            let mut cmd = self.scripts.counts.call(&[format!("{}:scopes", self.prefix)]);
            cmd.arg(&self.prefix).arg(prefix);
            self.run(&self.scripts.counts, &cmd).await
        })
    }
}

/// The members of a scope from its fields (`{key}\x1f{instance}` → entry): one per
/// key however many instances hold it (the entry of the first instance by name),
/// sorted by key. Entries that do not parse are skipped.
fn members_by_key(fields: HashMap<String, String>) -> Vec<(String, PresenceEntry)> {
    let mut by_key: BTreeMap<String, (String, PresenceEntry)> = BTreeMap::new();
    for (field, json) in fields {
        let Some((key, instance)) = field.rsplit_once(FIELD_SEPARATOR) else { continue };
        let Ok(entry) = serde_json::from_str::<PresenceEntry>(&json) else {
            tracing::warn!(field, "a presence entry in Redis did not parse");
            continue;
        };
        match by_key.get(key) {
            Some((first, _)) if first.as_str() <= instance => {}
            _ => {
                by_key.insert(key.to_owned(), (instance.to_owned(), entry));
            }
        }
    }
    by_key.into_iter().map(|(key, (_, entry))| (key, entry)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Person;

    fn entry(name: &str) -> PresenceEntry {
        PresenceEntry {
            person: Person {
                user_id: None,
                name: name.to_owned(),
                role: "buyer".to_owned(),
                company: None,
                country: None,
            },
            host: false,
        }
    }

    #[test]
    fn members_count_once_per_key_whatever_the_instances() {
        let json = |name: &str| serde_json::to_string(&entry(name)).expect("json");
        let fields = HashMap::from([
            ("user:b\u{1f}i2".to_owned(), json("B on i2")),
            ("user:b\u{1f}i1".to_owned(), json("B on i1")),
            ("user:a\u{1f}i2".to_owned(), json("A")),
            ("i1.7\u{1f}i1".to_owned(), json("a connection")),
            ("no separator".to_owned(), json("skipped")),
            ("user:c\u{1f}i1".to_owned(), "{not json".to_owned()),
        ]);
        let members = members_by_key(fields);
        let names: Vec<(&str, &str)> = members.iter().map(|(k, e)| (k.as_str(), e.person.name.as_str())).collect();
        assert_eq!(names, [("i1.7", "a connection"), ("user:a", "A"), ("user:b", "B on i1")]);
    }

    #[test]
    fn the_connection_is_brought_in_line_with_the_wishes() {
        let subscriptions = Subscriptions::default();
        subscriptions.want("room:1", true);
        subscriptions.want("room:2", true);
        subscriptions.want("room:2", false);
        subscriptions.want("booth:9", true);
        let mut state = lock(&subscriptions.state);
        assert_eq!(state.plan(), (vec!["booth:9".to_owned(), "room:1".to_owned()], vec![]));
        state.active.extend(["booth:9".to_owned(), "room:1".to_owned()]);
        assert_eq!(state.plan(), (vec![], vec![]), "nothing changed since");
        drop(state);

        // Unwanted while its SUBSCRIBE was in flight: undone next time.
        subscriptions.want("room:1", false);
        let mut state = lock(&subscriptions.state);
        assert_eq!(state.plan(), (vec![], vec!["room:1".to_owned()]));
        state.active.remove("room:1");

        // A new connection subscribes everything still wanted, and only that.
        state.lost();
        assert!(state.active.is_empty());
        assert_eq!(state.plan(), (vec!["booth:9".to_owned()], vec![]));
    }

    #[tokio::test]
    async fn waiting_for_a_subscription_ends_when_it_is_active_or_unwanted() {
        let subscriptions = Arc::new(Subscriptions::default());
        subscriptions.want("room:1", true);
        let waiter = tokio::spawn({
            let subscriptions = subscriptions.clone();
            async move { subscriptions.settled("room:1").await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        lock(&subscriptions.state).active.insert("room:1".to_owned());
        subscriptions.settled.notify_waiters();
        tokio::time::timeout(Duration::from_secs(5), waiter).await.expect("settles").expect("joins");
        // Never wanted: nothing to wait for.
        tokio::time::timeout(Duration::from_secs(5), subscriptions.settled("room:2")).await.expect("settles");
    }

    #[test]
    fn direct_messages_have_one_pattern_per_instance() {
        assert_eq!(direct_pattern("fair:t:", "ab12"), "fair:t:conn:ab12.*");
    }
}
