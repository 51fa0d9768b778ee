//! `RedisBus` and `RedisPresence` against a real Redis (`FAIR_TEST_REDIS_URL`; the
//! tests say so and return when it is unset). Each test uses its own key prefix.
//! Redis "going away" is a proxy between the instance and Redis that cuts every
//! connection, plus deleting the test's keys (a restart without persistence).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fair_live::bus::Delivery;
use fair_live::hub::{Hub, LiveConfig, Outbox, new_instance_id};
use fair_live::presence::{LocalPresence, PresenceEntry, PresenceStore};
use fair_live::protocol::Person;
use fair_live::redis::{RedisBus, RedisPresence};
use fair_live::socket::{Frame, Outbound};
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(10);

fn redis_url() -> Option<String> {
    match std::env::var("FAIR_TEST_REDIS_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            println!("FAIR_TEST_REDIS_URL is not set: skipping a Redis test");
            None
        }
    }
}

fn test_prefix() -> String {
    format!("test-{}", Uuid::new_v4().simple())
}

/// One instance: a hub on the Redis bus (presence in memory: only the bus is tested).
struct Instance {
    hub: Arc<Hub>,
    stop: CancellationToken,
}

impl Instance {
    async fn start(url: &str, prefix: &str) -> Self {
        let instance = new_instance_id();
        let (bus, driver) = RedisBus::connect(url, prefix, &instance).await.expect("the bus connects");
        let hub = Arc::new(Hub::with_instance(
            instance,
            Arc::new(bus),
            Arc::new(LocalPresence::default()),
            LiveConfig::default(),
        ));
        let stop = CancellationToken::new();
        tokio::spawn(driver.run(hub.clone(), stop.clone()));
        Self { hub, stop }
    }

    /// A connection over a real loopback socket: its number, public id and its
    /// client's end.
    async fn connect(&self) -> (u64, String, Received) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let client = TcpStream::connect(listener.local_addr().expect("address")).await.expect("connect");
        let (server, _) = listener.accept().await.expect("accept");
        let (_, write) = server.into_split();
        let outbox: Outbox = Arc::new(Outbound::new(write, CancellationToken::new(), self.hub.limits()));
        let (number, id) = self.hub.register(outbox.clone());
        (number, id, Received { client, outbox })
    }
}

/// What one test connection receives: frames on its socket, and the deliveries
/// left for its task.
struct Received {
    client: TcpStream,
    outbox: Outbox,
}

impl Received {
    /// The next text frame's payload.
    async fn next_text(&mut self) -> String {
        self.text_within(WAIT).await.expect("nothing arrived in time")
    }

    /// The next text frame's payload, if one starts arriving within `wait`.
    async fn text_within(&mut self, wait: Duration) -> Option<String> {
        let mut header = [0; 2];
        tokio::time::timeout(wait, self.client.read_exact(&mut header)).await.ok()?.expect("a frame header");
        let read = async {
            assert_eq!(header[0], 0x81, "a final text frame");
            let len = match header[1] {
                126 => usize::from(self.client.read_u16().await.expect("length")),
                127 => usize::try_from(self.client.read_u64().await.expect("length")).expect("fits"),
                short => usize::from(short),
            };
            let mut payload = vec![0; len];
            self.client.read_exact(&mut payload).await.expect("the payload");
            String::from_utf8(payload).expect("UTF-8")
        };
        Some(tokio::time::timeout(WAIT, read).await.expect("the rest of the frame in time"))
    }

    /// The next delivery left for the connection's task, which must be the only
    /// one (after it, as the task would, the inbox is emptied and direct writes resume).
    async fn next_for_task(&self) -> Delivery {
        let wait = async {
            loop {
                if let Some(delivery) = self.outbox.take_inbox() {
                    assert!(self.outbox.take_inbox().is_none(), "one delivery for the task");
                    return delivery;
                }
                self.outbox.notified().await;
            }
        };
        tokio::time::timeout(WAIT, wait).await.expect("nothing arrived in time")
    }

    /// Whether nothing has arrived on the socket.
    fn nothing_arrived(&self) -> bool {
        let mut buf = [0; 1];
        matches!(self.client.try_read(&mut buf), Err(err) if err.kind() == std::io::ErrorKind::WouldBlock)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

fn frame(text: &str) -> Delivery {
    Delivery::Frame(Frame::text(text))
}

#[tokio::test]
async fn the_bus_carries_topics_and_direct_messages_between_instances() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let one = Instance::start(&url, &prefix).await;
    let two = Instance::start(&url, &prefix).await;
    // Another fair on the same Redis hears nothing of this one.
    let elsewhere = Instance::start(&url, &test_prefix()).await;

    let (n1, _, mut on_one) = one.connect().await;
    let (n2, id2, mut on_two) = two.connect().await;
    let (n3, _, on_elsewhere) = elsewhere.connect().await;
    one.hub.subscribe("room:x", n1);
    two.hub.subscribe("room:x", n2);
    elsewhere.hub.subscribe("room:x", n3);
    two.hub.subscribed("room:x").await;
    one.hub.subscribed("room:x").await;
    elsewhere.hub.subscribed("room:x").await;

    one.hub.publish("room:x", frame("hello"));
    assert_eq!(on_two.next_text().await, "hello", "carried to the other instance");
    assert_eq!(on_one.next_text().await, "hello", "delivered here");
    two.hub.publish("room:x", frame("marker"));
    assert_eq!(on_one.next_text().await, "marker", "its own publication did not come back from Redis");
    assert_eq!(on_two.next_text().await, "marker");

    // A direct message to one connection on another instance.
    let room = Uuid::now_v7();
    one.hub.send_to_connection(&id2, Delivery::Admitted { room });
    match on_two.next_for_task().await {
        Delivery::Admitted { room: r } => assert_eq!(r, room),
        other => panic!("expected the admission, got {other:?}"),
    }

    // After the last local subscriber leaves, the topic is no longer received.
    two.hub.unsubscribe("room:x", n2);
    two.hub.subscribe("room:y", n2);
    two.hub.subscribed("room:y").await;
    one.hub.publish("room:x", frame("not for two"));
    one.hub.publish("room:y", frame("for two"));
    assert_eq!(on_two.next_text().await, "for two");
    assert_eq!(on_one.next_text().await, "not for two");
    assert!(on_elsewhere.nothing_arrived(), "another prefix is another fair");
}

/// Forwards TCP connections to Redis until told to cut them all.
struct Proxy {
    address: SocketAddr,
    connections: Arc<Mutex<Vec<tokio::task::AbortHandle>>>,
    accept: tokio::task::JoinHandle<()>,
}

impl Proxy {
    async fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let connections: Arc<Mutex<Vec<tokio::task::AbortHandle>>> = Arc::default();
        let accept = tokio::spawn({
            let connections = connections.clone();
            async move {
                while let Ok((mut client, _)) = listener.accept().await {
                    let task = tokio::spawn(async move {
                        if let Ok(mut server) = TcpStream::connect(target).await {
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                        }
                    });
                    connections.lock().expect("lock").push(task.abort_handle());
                }
            }
        });
        Self { address, connections, accept }
    }

    /// Drops every connection (both ends see it closed).
    fn cut(&self) {
        for connection in self.connections.lock().expect("lock").drain(..) {
            connection.abort();
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
        self.cut();
    }
}

/// Host and port of a `redis://` URL, and the same URL through `proxy`.
async fn through_proxy(url: &str) -> (Proxy, String) {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let (credentials, host) = authority.rsplit_once('@').map_or(("", authority), |(c, h)| (c, h));
    let host = if host.contains(':') { host.to_owned() } else { format!("{host}:6379") };
    let target = tokio::net::lookup_host(&host).await.expect("resolve").next().expect("an address");
    let proxy = Proxy::start(target).await;
    let credentials = if credentials.is_empty() { String::new() } else { format!("{credentials}@") };
    let url = format!("{scheme}://{credentials}{}/{path}", proxy.address);
    (proxy, url)
}

async fn delete_keys(url: &str, prefix: &str) {
    let client = redis::Client::open(url).expect("client");
    let mut connection = client.get_multiplexed_async_connection().await.expect("connect");
    let keys: Vec<String> =
        redis::cmd("KEYS").arg(format!("{prefix}:*")).query_async(&mut connection).await.expect("keys");
    if !keys.is_empty() {
        let _: () = redis::cmd("DEL").arg(keys).query_async(&mut connection).await.expect("del");
    }
}

#[tokio::test]
async fn the_bus_subscribes_again_after_redis_comes_back() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let (proxy, proxied) = through_proxy(&url).await;
    let one = Instance::start(&url, &prefix).await;
    let two = Instance::start(&proxied, &prefix).await;
    let (n2, id2, mut on_two) = two.connect().await;
    two.hub.subscribe("booth:1", n2);
    two.hub.subscribed("booth:1").await;
    one.hub.publish("booth:1", frame("before"));
    assert_eq!(on_two.next_text().await, "before");

    proxy.cut();
    // Published until one arrives: those sent while two was away are lost (pub/sub).
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut n = 0;
    let arrived = loop {
        assert!(tokio::time::Instant::now() < deadline, "two never heard booth:1 again");
        n += 1;
        one.hub.publish("booth:1", frame(&format!("after {n}")));
        if let Some(text) = on_two.text_within(Duration::from_millis(200)).await {
            break text;
        }
    };
    assert!(arrived.starts_with("after "), "{arrived}");

    // Its direct messages are back too, and it publishes again.
    let room = Uuid::now_v7();
    one.hub.send_to_connection(&id2, Delivery::Admitted { room });
    match on_two.next_for_task().await {
        Delivery::Admitted { room: admitted } => assert_eq!(admitted, room),
        other => panic!("unexpected {other:?}"),
    }
    let (n1, _, mut on_one) = one.connect().await;
    one.hub.subscribe("booth:2", n1);
    one.hub.subscribed("booth:2").await;
    two.hub.publish("booth:2", frame("from two"));
    assert_eq!(on_one.next_text().await, "from two");
}

fn entry(name: &str) -> PresenceEntry {
    PresenceEntry {
        person: Person {
            user_id: None,
            name: name.to_owned(),
            role: "buyer".to_owned(),
            company: None,
            country: Some("JP".to_owned()),
        },
        host: false,
    }
}

async fn presence(url: &str, prefix: &str, ttl: Duration) -> Arc<RedisPresence> {
    Arc::new(RedisPresence::connect(url, prefix, &new_instance_id(), ttl).await.expect("presence connects"))
}

async fn keys_of(store: &RedisPresence, scope: &str) -> Vec<String> {
    store.members(scope).await.expect("members").into_iter().map(|(key, _)| key).collect()
}

#[tokio::test]
async fn presence_counts_people_once_across_instances() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let one = presence(&url, &prefix, Duration::from_secs(15)).await;
    let two = presence(&url, &prefix, Duration::from_secs(15)).await;

    assert!(one.enter("booth:1", "user:a", &entry("A")).await.unwrap(), "new to the booth");
    assert!(!two.enter("booth:1", "user:a", &entry("A")).await.unwrap(), "already there on another instance");
    assert!(two.enter("booth:1", "user:b", &entry("B")).await.unwrap());
    assert!(one.enter("room:1", "x.1", &entry("A")).await.unwrap());
    assert_eq!(keys_of(&two, "booth:1").await, ["user:a", "user:b"]);
    assert_eq!(one.members("booth:1").await.unwrap()[1].1, entry("B"));
    assert!(one.contains("booth:1", "user:b").await.unwrap());
    assert!(!one.contains("booth:1", "user:z").await.unwrap());
    assert_eq!(
        one.counts("booth:").await.unwrap(),
        HashMap::from([("booth:1".to_owned(), 2)]),
        "one person on two instances counts once; rooms are not booths"
    );

    assert!(!one.leave("booth:1", "user:a").await.unwrap(), "still there on the other instance");
    assert!(two.leave("booth:1", "user:a").await.unwrap(), "gone everywhere");
    assert!(two.leave("booth:1", "user:b").await.unwrap());
    assert!(one.members("booth:1").await.unwrap().is_empty());
    assert!(one.counts("booth:").await.unwrap().is_empty());

    // Counting a thousand booths reads the index, not the keyspace.
    for booth in 0..1000 {
        let scope = format!("booth:{booth:04}");
        one.enter(&scope, "user:a", &entry("A")).await.unwrap();
        if booth % 2 == 0 {
            two.enter(&scope, "user:b", &entry("B")).await.unwrap();
        }
    }
    let counts = two.counts("booth:").await.unwrap();
    assert_eq!(counts.len(), 1000);
    assert_eq!((counts["booth:0000"], counts["booth:0001"]), (2, 1));
    assert_eq!(counts.values().sum::<usize>(), 1500);
}

#[tokio::test]
async fn a_dead_instances_members_expire_and_a_live_ones_are_kept() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let ttl = Duration::from_secs(2);
    let alive = presence(&url, &prefix, ttl).await;
    let dead = presence(&url, &prefix, ttl).await;
    let stop = CancellationToken::new();
    let heartbeat = tokio::spawn(alive.clone().run_heartbeat(stop.clone()));

    let started = tokio::time::Instant::now();
    assert!(alive.enter("booth:1", "user:a", &entry("A")).await.unwrap());
    assert!(dead.enter("booth:1", "user:b", &entry("B")).await.unwrap());
    assert!(!dead.enter("booth:1", "user:a", &entry("A")).await.unwrap());
    assert_eq!(alive.counts("booth:").await.unwrap()["booth:1"], 2);

    // The dead instance never refreshes: its members go after the expiry, the live
    // instance's stay (refreshed well past their first expiry).
    let deadline = started + ttl + WAIT;
    loop {
        let keys = keys_of(&alive, "booth:1").await;
        if keys == ["user:a"] {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "still {keys:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(started.elapsed() >= ttl, "expired early");
    assert_eq!(alive.counts("booth:").await.unwrap()["booth:1"], 1);
    tokio::time::sleep(ttl).await; // past user:a's first expiry: only the heartbeat keeps it
    assert_eq!(keys_of(&alive, "booth:1").await, ["user:a"]);
    assert!(alive.contains("booth:1", "user:a").await.unwrap());

    // Redis loses everything (a restart without persistence): the heartbeat writes back.
    delete_keys(&url, &prefix).await;
    let deadline = tokio::time::Instant::now() + WAIT;
    while keys_of(&alive, "booth:1").await != ["user:a"] {
        assert!(tokio::time::Instant::now() < deadline, "never written back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A graceful stop removes what the instance held.
    stop.cancel();
    tokio::time::timeout(WAIT, heartbeat).await.expect("stops").expect("joins");
    assert!(alive.members("booth:1").await.unwrap().is_empty());
    assert!(alive.counts("booth:").await.unwrap().is_empty());
}

#[tokio::test]
async fn presence_works_again_after_redis_comes_back() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let (proxy, proxied) = through_proxy(&url).await;
    let store = presence(&proxied, &prefix, Duration::from_secs(15)).await;
    assert!(store.enter("site", "user:a", &entry("A")).await.unwrap());
    proxy.cut();
    delete_keys(&url, &prefix).await;
    // Scripts are forgotten too, as after a restart: they are loaded again on NOSCRIPT.
    let mut connection =
        redis::Client::open(url.as_str()).expect("client").get_multiplexed_async_connection().await.expect("connect");
    let _: () = redis::cmd("SCRIPT").arg("FLUSH").query_async(&mut connection).await.expect("script flush");
    let deadline = tokio::time::Instant::now() + WAIT;
    let fresh = loop {
        match store.enter("site", "user:b", &entry("B")).await {
            Ok(fresh) => break fresh,
            Err(_) if tokio::time::Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(err) => panic!("presence never came back: {err:#}"),
        }
    };
    assert!(fresh);
    assert_eq!(keys_of(&store, "site").await, ["user:b"], "what Redis lost stays lost until a heartbeat");
}

#[tokio::test]
async fn a_dead_instances_people_are_given_out_as_departed_once() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let ttl = Duration::from_secs(1);
    let one = presence(&url, &prefix, ttl).await;
    let two = presence(&url, &prefix, ttl).await;
    let dead = presence(&url, &prefix, ttl).await;
    let stop = CancellationToken::new();
    let heartbeat = tokio::spawn(one.clone().run_heartbeat(stop.clone()));

    assert!(one.enter("booth:1", "user:a", &entry("A")).await.unwrap());
    assert!(!dead.enter("booth:1", "user:a", &entry("A")).await.unwrap());
    assert!(dead.enter("booth:1", "user:b", &entry("B")).await.unwrap());
    assert!(dead.enter("room:r", "i.7", &entry("C")).await.unwrap());
    assert!(one.departures().await.unwrap().is_empty(), "nobody expired yet");

    // Both live instances sweep; each departure goes to one of them, once. user:a
    // is still held by the live instance: not departed.
    let mut departed = Vec::new();
    let deadline = tokio::time::Instant::now() + ttl + WAIT;
    while departed.len() < 2 {
        assert!(tokio::time::Instant::now() < deadline, "only {departed:?}");
        departed.extend(one.departures().await.unwrap());
        departed.extend(two.departures().await.unwrap());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    departed.extend(one.departures().await.unwrap());
    departed.extend(two.departures().await.unwrap());
    departed.sort();
    let expected = [("booth:1".to_owned(), "user:b".to_owned()), ("room:r".to_owned(), "i.7".to_owned())];
    assert_eq!(departed, expected, "each once");
    assert_eq!(keys_of(&one, "booth:1").await, ["user:a"]);

    // Leaving is announced by the one who leaves, not as a departure.
    assert!(one.leave("booth:1", "user:a").await.unwrap());
    assert!(one.departures().await.unwrap().iter().all(|(_, key)| key != "user:a"));

    // Had it only been late (Redis away), it writes its people back within the grace
    // a departure waits before it is announced, and the announcer finds them back.
    let grace = one.departure_grace();
    let back = tokio::time::Instant::now() + grace;
    let late = tokio::spawn(dead.clone().run_heartbeat(stop.clone()));
    while !two.contains("booth:1", "user:b").await.unwrap() {
        assert!(tokio::time::Instant::now() < back, "not back within the grace of {grace:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    stop.cancel();
    tokio::time::timeout(WAIT, heartbeat).await.expect("stops").expect("joins");
    tokio::time::timeout(WAIT, late).await.expect("stops").expect("joins");
}
