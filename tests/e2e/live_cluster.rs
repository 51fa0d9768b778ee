//! The live service across instances through Redis (`FAIR_TEST_REDIS_URL`; without
//! it these tests say so and return): rooms, chat and presence shared by instances
//! on one database, and instances that stop or die while their clients move on to
//! another one. Each test has its own Redis key prefix.

use std::collections::BTreeSet;
use std::time::Duration;

use fair_server::{App, Settings};
use fair_tests::ws::{Closed, Ws};
use fair_tests::{Client, TestApp, id_of, send};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

/// Presence entries of a dead instance live this long (the default is 15 s).
const PRESENCE_TTL_SECONDS: u64 = 5;

fn redis_url() -> Option<String> {
    match std::env::var("FAIR_TEST_REDIS_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            println!("FAIR_TEST_REDIS_URL is not set: skipping a live cluster test");
            None
        }
    }
}

/// Settings of one instance of the cluster: Redis under `prefix`, and the database
/// of the first instance (`None` for the first).
fn instance(redis: &str, prefix: &str, database: Option<String>) -> impl FnOnce(&mut Settings) + use<> {
    let (redis, prefix) = (redis.to_owned(), prefix.to_owned());
    move |settings| {
        settings.redis_url = Some(redis);
        settings.redis_prefix = prefix;
        settings.live_presence_ttl_seconds = PRESENCE_TTL_SECONDS;
        if let Some(database) = database {
            settings.database_url = Some(database);
        }
    }
}

/// An instance on a runtime of its own, so it can die without cleaning anything up
/// (as a crashed process does): shutting the runtime down drops its connections
/// and tasks at once. (Dropping a `TestApp` aborts only its server task; the
/// websocket and background tasks it spawned would live on.)
struct Doomed {
    base: String,
    runtime: Option<tokio::runtime::Runtime>,
    _data: tempfile::TempDir,
}

impl Doomed {
    async fn spawn(adjust: impl FnOnce(&mut Settings)) -> Self {
        let data = tempfile::tempdir().expect("temporary directory");
        let mut settings = Settings {
            bind: "127.0.0.1:0".parse().expect("address"),
            data_dir: data.path().to_path_buf(),
            web_dir: data.path().join("no-web"),
            database_max_connections: 4,
            directory_poll_seconds: 1,
            shutdown_grace_seconds: 5,
            ..Settings::default()
        };
        adjust(&mut settings);
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
        let app = runtime.spawn(App::build(settings)).await.expect("joins").expect("the app builds");
        let base = format!("http://{}", app.local_addr());
        runtime.spawn(app.run_until_stopped(std::future::pending()));
        Self { base, runtime: Some(runtime), _data: data }
    }

    /// Dies on the spot: no close frames, no departures, no presence removed.
    fn kill(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Drop for Doomed {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The people of a fair: an organiser, an exhibitor's staff member, a buyer.
struct People {
    organiser: Client,
    organiser_token: String,
    staff_token: String,
    staff_id: Uuid,
    buyer_token: String,
    buyer_id: Uuid,
    buyer_client: Client,
    booth: Uuid,
}

async fn people(app: &TestApp) -> People {
    let organiser_email = app.create_user("organiser", None, None).await;
    let organiser = app.login(&organiser_email).await;
    let (exhibitor, _) = app.create_exhibitor(&organiser, "Công ty Cơ khí Đông Anh").await;
    let staff_email = app.create_user("exhibitor", Some(exhibitor), Some("admin")).await;
    let buyer_company = app.create_buyer(&organiser, "Tokai Seimitsu K.K.", "JP").await;
    let buyer_email = app.create_user("buyer", Some(buyer_company), None).await;
    let user_id = |email: String| async move { app.store.user_by_email(&email).await.unwrap().unwrap().id };
    People {
        organiser_token: app.session_token(&organiser_email).await,
        staff_token: app.session_token(&staff_email).await,
        buyer_token: app.session_token(&buyer_email).await,
        buyer_client: app.session_for(&buyer_email).await,
        staff_id: user_id(staff_email).await,
        buyer_id: user_id(buyer_email).await,
        booth: app.store.exhibitor(exhibitor).await.unwrap().booth.id,
        organiser,
    }
}

impl People {
    /// An organiser's room with the staff member and the buyer invited.
    async fn room(&self, app: &TestApp) -> Uuid {
        let body = json!({"title": "Họp báo", "invitees": [self.staff_id, self.buyer_id]});
        let (status, room) = send(self.organiser.post(app.url("/api/v1/rooms")).json(&body)).await;
        assert_eq!(status, StatusCode::CREATED, "{room}");
        id_of(&room)
    }
}

/// A signed-in socket that keeps the chat lines it reads past while waiting for
/// something else, and fails on any chat line it receives twice.
struct Member {
    ws: Ws,
    /// The connection id (`<instance>.<n>`).
    id: String,
    unread: Vec<(i64, String)>,
    seen: BTreeSet<i64>,
}

impl Member {
    async fn open(base: &str, token: &str) -> Self {
        let (ws, welcome) = Ws::open(base, Some(token)).await;
        let id = welcome["connection"].as_str().expect("a connection id").to_owned();
        Self { ws, id, unread: Vec::new(), seen: BTreeSet::new() }
    }

    async fn read(&mut self, deadline: tokio::time::Instant) -> Value {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(message) = self.ws.try_next(left).await else {
            panic!("{}: nothing more in time (unread chat: {:?})", self.id, self.unread)
        };
        if message["type"] == "chat" {
            let seq = message["seq"].as_i64().expect("seq");
            assert!(self.seen.insert(seq), "{}: chat seq {seq} arrived twice", self.id);
            self.unread.push((seq, message["text"].as_str().expect("text").to_owned()));
        }
        message
    }

    async fn until(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + fair_tests::ws::WAIT;
        loop {
            let message = self.read(deadline).await;
            if matches(&message) {
                return message;
            }
        }
    }

    async fn expect(&mut self, kind: &str) -> Value {
        self.until(|m| m["type"] == kind).await
    }

    /// Sends and waits for its `ack`.
    async fn call(&mut self, message: Value) -> Value {
        let id = self.ws.request(message).await;
        let answer = self.until(|m| m["id"] == json!(id) && (m["type"] == "ack" || m["type"] == "error")).await;
        assert_eq!(answer["type"], "ack", "{answer}");
        answer
    }

    /// Joins `room` (resuming after `after_seq`); returns `room_joined`.
    async fn join(&mut self, room: Uuid, after_seq: Option<i64>) -> Value {
        self.call(json!({"type": "join_room", "room": room, "after_seq": after_seq})).await;
        self.expect("room_joined").await
    }

    async fn say(&mut self, room: Uuid, text: &str) {
        self.call(json!({"type": "chat", "room": room, "text": text})).await;
    }

    /// The next `count` chat lines (seq, text) sorted by seq (lines from several
    /// instances may arrive in any order).
    async fn chat_lines(&mut self, count: usize) -> Vec<(i64, String)> {
        let deadline = tokio::time::Instant::now() + fair_tests::ws::WAIT;
        while self.unread.len() < count {
            self.read(deadline).await;
        }
        let mut lines: Vec<(i64, String)> = self.unread.drain(..count).collect();
        lines.sort();
        lines
    }

    async fn watch_booth(&mut self, booth: Uuid) -> Value {
        self.call(json!({"type": "watch", "target": {"kind": "booth", "booth": booth}})).await;
        self.expect("booth_visitors").await
    }
}

fn member_ids(joined: &Value) -> BTreeSet<String> {
    joined["members"].as_array().expect("members").iter().map(|m| m["member"].as_str().unwrap().to_owned()).collect()
}

fn texts(lines: &[(i64, String)]) -> Vec<&str> {
    lines.iter().map(|(_, text)| text.as_str()).collect()
}

fn line(seq: i64, text: &str) -> (i64, String) {
    (seq, text.to_owned())
}

/// An anonymous visitor's socket on `base`.
async fn anonymous(base: &str, visitor: &str) -> Member {
    let mut ws = Ws::connect(base, None, None, None).await.expect("connects");
    ws.send_text(json!({"type": "hello", "visitor": visitor}).to_string()).await;
    let welcome = ws.expect("welcome").await;
    let id = welcome["connection"].as_str().expect("a connection id").to_owned();
    Member { ws, id, unread: Vec::new(), seen: BTreeSet::new() }
}

#[tokio::test]
async fn two_instances_share_rooms_chat_and_booth_presence() {
    let Some(redis) = redis_url() else { return };
    let prefix = format!("test-{}", Uuid::new_v4().simple());
    let a = TestApp::spawn_with(instance(&redis, &prefix, None)).await;
    let b = TestApp::spawn_with(instance(&redis, &prefix, Some(a.store_url()))).await;
    let people = people(&a).await;
    let room = people.room(&b).await; // created through B, on the shared database

    // The organiser on A, the buyer on B: one room.
    let mut organiser = Member::open(&a.base, &people.organiser_token).await;
    let mut buyer = Member::open(&b.base, &people.buyer_token).await;
    assert_ne!(organiser.id.split('.').next(), buyer.id.split('.').next(), "two instances");
    let joined = organiser.join(room, None).await;
    assert_eq!(member_ids(&joined), BTreeSet::from([organiser.id.clone()]));
    let joined = buyer.join(room, None).await;
    assert_eq!(member_ids(&joined), BTreeSet::from([organiser.id.clone(), buyer.id.clone()]), "{joined}");
    let buyer_id = buyer.id.clone();
    let arrived = organiser.until(|m| m["type"] == "member_joined" && m["member"]["member"] == buyer_id.as_str()).await;
    assert_eq!(arrived["member"]["company"], "Tokai Seimitsu K.K.");

    // The staff member on A too: both see them arrive.
    let mut staff = Member::open(&a.base, &people.staff_token).await;
    let joined = staff.join(room, None).await;
    assert_eq!(member_ids(&joined).len(), 3, "{joined}");
    let staff_id = staff.id.clone();
    for member in [&mut organiser, &mut buyer] {
        member.until(|m| m["type"] == "member_joined" && m["member"]["member"] == staff_id.as_str()).await;
    }

    // Chat both ways.
    organiser.say(room, "Xin chào từ A").await;
    buyer.say(room, "こんにちは from B").await;
    for member in [&mut organiser, &mut buyer, &mut staff] {
        assert_eq!(member.chat_lines(2).await, [line(1, "Xin chào từ A"), line(2, "こんにちは from B")]);
    }

    // WebRTC signalling reaches one connection on the other instance, and only it.
    let offer = json!({"kind": "offer", "sdp": "v=0\r\n"});
    let ack = organiser.call(json!({"type": "signal", "room": room, "to": buyer_id, "data": offer})).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let signal = buyer.expect("signal").await;
    assert_eq!((signal["from"].as_str(), &signal["data"]), (Some(organiser.id.as_str()), &offer));
    let answer = json!({"kind": "answer", "sdp": "v=0\r\n"});
    assert_eq!(
        buyer.call(json!({"type": "signal", "room": room, "to": organiser.id, "data": answer})).await["type"],
        "ack"
    );
    assert_eq!(organiser.expect("signal").await["data"], answer);

    // Leaving on B is seen on A.
    buyer.call(json!({"type": "leave_room", "room": room})).await;
    assert_eq!(organiser.expect("member_left").await["member"], buyer_id.as_str());

    // Booth presence: the staff watch on A; the buyer, who agreed to be seen, visits on B.
    let (status, me) = send(people.buyer_client.put(b.url("/api/v1/auth/me")).json(&json!({
        "display_name": "Sato Kenji", "preferred_language": "ja", "time_zone": "Asia/Tokyo", "presence_visible": true
    })))
    .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    let booth = people.booth;
    let snapshot = staff.watch_booth(booth).await;
    assert_eq!((snapshot["visitors"].as_array().unwrap().len(), snapshot["anonymous"].as_u64()), (0, Some(0)));
    let mut tab_b = Member::open(&b.base, &people.buyer_token).await;
    tab_b.call(json!({"type": "enter_booth", "booth": booth})).await;
    let visitor = staff.expect("visitor_joined").await;
    assert_eq!(visitor["visitor"]["name"], "Sato Kenji");
    assert_eq!(visitor["visitor"]["user_id"], json!(people.buyer_id));
    let buyer_key = visitor["visitor"]["key"].as_str().unwrap().to_owned();

    // The same person in a tab on A: still one visitor, seen from either instance.
    let mut tab_a = Member::open(&a.base, &people.buyer_token).await;
    tab_a.call(json!({"type": "enter_booth", "booth": booth})).await;
    for app in [&a, &b] {
        let mut observer = Member::open(&app.base, &people.organiser_token).await;
        let snapshot = observer.watch_booth(booth).await;
        assert_eq!(snapshot["visitors"].as_array().unwrap().len(), 1, "{snapshot}");
        observer.call(json!({"type": "watch", "target": {"kind": "dashboard"}})).await;
        let figures = observer.expect("dashboard").await;
        let counted: Vec<&Value> =
            figures["booths"].as_array().unwrap().iter().filter(|b| b["booth"] == json!(booth)).collect();
        assert_eq!(counted.len(), 1, "{figures}");
        assert_eq!(counted[0]["visitors"], 1, "one person in two tabs on two instances counts once: {figures}");
    }
    // An anonymous visitor on B comes after that tab: the staff hear of them, of no one before.
    let mut passer_by = anonymous(&b.base, "anon-visitor-cluster").await;
    passer_by.call(json!({"type": "enter_booth", "booth": booth})).await;
    let next = staff.until(|m| m["type"] == "visitor_joined" || m["type"] == "visitor_left").await;
    assert_eq!(next["type"], "visitor_joined");
    assert_eq!(next["visitor"]["name"], Value::Null, "the anonymous visitor, not the buyer's second tab: {next}");
    let anonymous_key = next["visitor"]["key"].as_str().unwrap().to_owned();

    // The tab on B leaves: the buyer is still there (on A). Then the anonymous visitor leaves (on B).
    tab_b.call(json!({"type": "leave_booth", "booth": booth})).await;
    passer_by.call(json!({"type": "leave_booth", "booth": booth})).await;
    let left = staff.until(|m| m["type"] == "visitor_left" || m["type"] == "visitor_joined").await;
    assert_eq!(left["key"], anonymous_key.as_str(), "{left}");
    // The last tab, on A, leaves: now the buyer has gone.
    tab_a.call(json!({"type": "leave_booth", "booth": booth})).await;
    let left = staff.until(|m| m["type"] == "visitor_left" || m["type"] == "visitor_joined").await;
    assert_eq!(left["key"], buyer_key.as_str(), "{left}");
}

/// A room's members as a newcomer on `base` sees them.
async fn members_seen_from(base: &str, token: &str, room: Uuid) -> BTreeSet<String> {
    let mut probe = Member::open(base, token).await;
    let mut members = member_ids(&probe.join(room, None).await);
    members.remove(&probe.id);
    probe.ws.close().await;
    members
}

/// How many anonymous visitors a booth has, as its watchers on `base` see it.
async fn anonymous_at(base: &str, token: &str, booth: Uuid) -> u64 {
    let mut probe = Member::open(base, token).await;
    let snapshot = probe.watch_booth(booth).await;
    probe.ws.close().await;
    snapshot["anonymous"].as_u64().expect("a count")
}

#[tokio::test]
async fn clients_of_a_stopped_or_dead_instance_resume_on_another_with_no_gap() {
    let Some(redis) = redis_url() else { return };
    let prefix = format!("test-{}", Uuid::new_v4().simple());
    let a = TestApp::spawn_with(instance(&redis, &prefix, None)).await;
    let b = TestApp::spawn_with(instance(&redis, &prefix, Some(a.store_url()))).await;
    let mut c = Doomed::spawn(instance(&redis, &prefix, Some(a.store_url()))).await;
    let people = people(&a).await;
    let room = people.room(&a).await;
    let booth = people.booth;

    // The organiser on A, the buyer on B, the staff member on C; a visitor at the booth on C.
    let mut organiser = Member::open(&a.base, &people.organiser_token).await;
    let mut buyer = Member::open(&b.base, &people.buyer_token).await;
    let mut staff = Member::open(&c.base, &people.staff_token).await;
    organiser.join(room, None).await;
    buyer.join(room, None).await;
    let joined = staff.join(room, None).await;
    let (buyer_on_b, staff_on_c) = (buyer.id.clone(), staff.id.clone());
    assert_eq!(member_ids(&joined), BTreeSet::from([organiser.id.clone(), buyer_on_b.clone(), staff_on_c.clone()]));
    let mut visitor_on_c = anonymous(&c.base, "anon-visitor-doomed").await;
    visitor_on_c.call(json!({"type": "enter_booth", "booth": booth})).await;
    assert_eq!(anonymous_at(&a.base, &people.organiser_token, booth).await, 1);
    organiser.say(room, "m1").await;
    buyer.say(room, "m2").await;
    staff.say(room, "m3").await;
    for member in [&mut organiser, &mut buyer, &mut staff] {
        assert_eq!(member.chat_lines(3).await, [line(1, "m1"), line(2, "m2"), line(3, "m3")]);
    }

    // B stops gracefully: its client is told to go (1001), and its departure is announced.
    b.stop().await;
    assert!(matches!(buyer.ws.closed().await, Closed::Code(1001, _)));
    for member in [&mut organiser, &mut staff] {
        let left = member.until(|m| m["type"] == "member_left" && m["member"] == buyer_on_b.as_str()).await;
        assert_eq!(left["room"], json!(room));
    }

    // The chat goes on; the buyer comes back on A and resumes after m3.
    organiser.say(room, "m4").await;
    staff.say(room, "m5").await;
    let mut buyer = Member::open(&a.base, &people.buyer_token).await;
    let joined = buyer.join(room, Some(3)).await;
    assert!(!member_ids(&joined).contains(&buyer_on_b), "the stopped instance left no ghost: {joined}");
    assert_eq!(buyer.chat_lines(2).await, [line(4, "m4"), line(5, "m5")], "exactly what was missed");
    staff.say(room, "m6").await;
    assert_eq!(buyer.chat_lines(1).await, [line(6, "m6")], "then live");
    for member in [&mut organiser, &mut staff] {
        assert_eq!(texts(&member.chat_lines(3).await), ["m4", "m5", "m6"]);
    }

    // C dies: its clients lose their connection; nobody announces anything.
    c.kill();
    assert_eq!(staff.ws.closed().await, Closed::Dropped);
    assert_eq!(visitor_on_c.ws.closed().await, Closed::Dropped);
    buyer.say(room, "m7").await;
    let mut staff = Member::open(&a.base, &people.staff_token).await;
    staff.join(room, Some(6)).await;
    assert_eq!(staff.chat_lines(1).await, [line(7, "m7")]);
    staff.say(room, "m8").await;
    assert_eq!(staff.chat_lines(1).await, [line(8, "m8")]);
    for member in [&mut organiser, &mut buyer] {
        assert_eq!(member.chat_lines(2).await, [line(7, "m7"), line(8, "m8")]);
    }

    // Once its presence expires (and the grace for a late instance passed), a
    // surviving instance tells the room its member left.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(PRESENCE_TTL_SECONDS + 15);
    loop {
        let message = organiser.read(deadline).await;
        if message["type"] == "member_left" && message["member"] == staff_on_c.as_str() {
            assert_eq!(message["room"], json!(room));
            break;
        }
    }

    // Its people disappear from presence once their entries expire.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(PRESENCE_TTL_SECONDS + 10);
    loop {
        let members = members_seen_from(&a.base, &people.organiser_token, room).await;
        let visitors = anonymous_at(&a.base, &people.organiser_token, booth).await;
        if !members.contains(&staff_on_c) && visitors == 0 {
            assert_eq!(members, BTreeSet::from([organiser.id.clone(), buyer.id.clone(), staff.id.clone()]));
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the dead instance's people linger: {members:?}, {visitors}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
