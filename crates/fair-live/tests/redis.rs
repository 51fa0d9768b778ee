//! `RedisBus` and `RedisPresence` against a real Redis (`FAIR_TEST_REDIS_URL`; the
//! tests say so and return when it is unset). Each test uses its own key prefix.
//! Redis "going away" is a proxy between the instance and Redis that cuts every
//! connection, plus deleting the test's keys (a restart without persistence).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::Utf8Bytes;
use fair_live::bus::Delivery;
use fair_live::hub::{Hub, LiveConfig, Outbox, new_instance_id};
use fair_live::presence::{LocalPresence, PresenceEntry, PresenceStore};
use fair_live::protocol::Person;
use fair_live::redis::{RedisBus, RedisPresence};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
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

    /// A connection: its number, public id and what it receives.
    fn connect(&self) -> (u64, String, mpsc::Receiver<Delivery>) {
        let (queue, received) = mpsc::channel(64);
        let (number, id) = self.hub.register(Outbox::new(queue, CancellationToken::new()));
        (number, id, received)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

fn frame(text: &str) -> Delivery {
    Delivery::Frame(Utf8Bytes::from(text.to_owned()))
}

async fn next_text(received: &mut mpsc::Receiver<Delivery>) -> String {
    match tokio::time::timeout(WAIT, received.recv()).await {
        Ok(Some(Delivery::Frame(text))) => text.as_str().to_owned(),
        Ok(other) => panic!("expected a frame, got {other:?}"),
        Err(_) => panic!("nothing arrived in time"),
    }
}

#[tokio::test]
async fn the_bus_carries_topics_and_direct_messages_between_instances() {
    let Some(url) = redis_url() else { return };
    let prefix = test_prefix();
    let one = Instance::start(&url, &prefix).await;
    let two = Instance::start(&url, &prefix).await;
    // Another fair on the same Redis hears nothing of this one.
    let elsewhere = Instance::start(&url, &test_prefix()).await;

    let (n1, _, mut on_one) = one.connect();
    let (n2, id2, mut on_two) = two.connect();
    let (n3, _, mut on_elsewhere) = elsewhere.connect();
    one.hub.subscribe("room:x", n1);
    two.hub.subscribe("room:x", n2);
    elsewhere.hub.subscribe("room:x", n3);
    two.hub.subscribed("room:x").await;
    one.hub.subscribed("room:x").await;
    elsewhere.hub.subscribed("room:x").await;

    one.hub.publish("room:x", frame("hello"));
    assert_eq!(next_text(&mut on_two).await, "hello", "carried to the other instance");
    assert_eq!(next_text(&mut on_one).await, "hello", "delivered here");
    two.hub.publish("room:x", frame("marker"));
    assert_eq!(next_text(&mut on_one).await, "marker", "its own publication did not come back from Redis");
    assert_eq!(next_text(&mut on_two).await, "marker");

    // A direct message to one connection on another instance.
    let room = Uuid::now_v7();
    one.hub.send_to_connection(&id2, Delivery::Admitted { room });
    match tokio::time::timeout(WAIT, on_two.recv()).await {
        Ok(Some(Delivery::Admitted { room: r })) => assert_eq!(r, room),
        other => panic!("expected the admission, got {other:?}"),
    }

    // After the last local subscriber leaves, the topic is no longer received.
    two.hub.unsubscribe("room:x", n2);
    two.hub.subscribe("room:y", n2);
    two.hub.subscribed("room:y").await;
    one.hub.publish("room:x", frame("not for two"));
    one.hub.publish("room:y", frame("for two"));
    assert_eq!(next_text(&mut on_two).await, "for two");
    assert_eq!(next_text(&mut on_one).await, "not for two");
    assert!(on_elsewhere.try_recv().is_err(), "another prefix is another fair");
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
    let (n2, id2, mut on_two) = two.connect();
    two.hub.subscribe("booth:1", n2);
    two.hub.subscribed("booth:1").await;
    one.hub.publish("booth:1", frame("before"));
    assert_eq!(next_text(&mut on_two).await, "before");

    proxy.cut();
    // Published until one arrives: those sent while two was away are lost (pub/sub).
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut n = 0;
    let arrived = loop {
        assert!(tokio::time::Instant::now() < deadline, "two never heard booth:1 again");
        n += 1;
        one.hub.publish("booth:1", frame(&format!("after {n}")));
        match tokio::time::timeout(Duration::from_millis(200), on_two.recv()).await {
            Ok(Some(Delivery::Frame(text))) => break text.as_str().to_owned(),
            Ok(other) => panic!("unexpected {other:?}"),
            Err(_) => {}
        }
    };
    assert!(arrived.starts_with("after "), "{arrived}");

    // Its direct messages are back too, and it publishes again.
    let room = Uuid::now_v7();
    one.hub.send_to_connection(&id2, Delivery::Admitted { room });
    let admitted = loop {
        match tokio::time::timeout(WAIT, on_two.recv()).await.expect("in time") {
            Some(Delivery::Admitted { room }) => break room,
            Some(Delivery::Frame(_)) => {}
            other => panic!("unexpected {other:?}"),
        }
    };
    assert_eq!(admitted, room);
    let (n1, _, mut on_one) = one.connect();
    one.hub.subscribe("booth:2", n1);
    one.hub.subscribed("booth:2").await;
    two.hub.publish("booth:2", frame("from two"));
    assert_eq!(next_text(&mut on_one).await, "from two");
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
