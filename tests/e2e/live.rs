//! The live service on one instance, over `tokio_tungstenite`: meeting rooms (join,
//! chat, presence, lobby, resume without gap or duplicate), booth presence (tabs
//! count once), who may enter, every kind of bad input, and slow consumers.

use std::time::Duration;

use chrono::{DateTime, Utc};
use fair_tests::ws::{Closed, Ws};
use fair_tests::{Client, TestApp, id_of, send};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

/// A fair running today (Hanoi), with one supplier, one buyer company and an
/// accepted online meeting between them in the slot under way.
struct LiveFair {
    app: TestApp,
    organiser: Client,
    supplier: Uuid,
    staff_token: String,
    buyer: Uuid,
    buyer_email: String,
    buyer_token: String,
    buyer_client: Client,
    staff_client: Client,
    slots: Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)>,
}

async fn live_fair(adjust: impl FnOnce(&mut fair_server::Settings)) -> LiveFair {
    let app = TestApp::spawn_with(adjust).await;
    let organiser = app.organiser().await;
    // Yesterday, today and tomorrow (in the fair's zone), five-minute slots round the
    // clock: some slot is always under way, and one began a quarter of an hour ago
    // even just after the fair's midnight (17:00 UTC).
    let today = fair_domain_date(Utc::now());
    let days: Vec<Value> = [today.pred_opt().expect("yesterday"), today, today.succ_opt().expect("tomorrow")]
        .iter()
        .map(|d| json!({"date": d.to_string(), "opens_at": "00:00", "closes_at": "23:55", "breaks": []}))
        .collect();
    let body = json!({
        "name": "Hội chợ trực tuyến", "time_zone": "Asia/Ho_Chi_Minh", "slot_minutes": 5,
        "buyer_min_meetings": 0, "buyer_max_meetings": 20, "supplier_min_meetings": 0, "supplier_max_meetings": 40,
        "request_ttl_hours": 48, "days": days
    });
    let (status, fair) = send(organiser.put(app.url("/api/v1/fair")).json(&body)).await;
    assert_eq!(status, StatusCode::OK, "{fair}");
    let slots = fair["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| {
            let at = |k: &str| s[k].as_str().and_then(|t| t.parse::<DateTime<Utc>>().ok()).expect("slot time");
            (id_of(s), at("starts_at"), at("ends_at"))
        })
        .collect();
    let (supplier, _) = app.create_exhibitor(&organiser, "Công ty Cơ khí Đông Anh").await;
    let staff_email = app.create_user("exhibitor", Some(supplier), Some("admin")).await;
    let buyer = app.create_buyer(&organiser, "Tokai Seimitsu K.K.", "JP").await;
    let buyer_email = app.create_user("buyer", Some(buyer), None).await;
    LiveFair {
        staff_token: app.session_token(&staff_email).await,
        buyer_token: app.session_token(&buyer_email).await,
        staff_client: app.session_for(&staff_email).await,
        buyer_client: app.session_for(&buyer_email).await,
        app,
        organiser,
        supplier,
        buyer,
        buyer_email,
        slots,
    }
}

fn fair_domain_date(at: DateTime<Utc>) -> chrono::NaiveDate {
    (at + chrono::Duration::hours(7)).date_naive()
}

impl LiveFair {
    /// The slot starting `offset` minutes from now (rounded down to a slot).
    fn slot_around(&self, offset_minutes: i64) -> Uuid {
        let at = Utc::now() + chrono::Duration::minutes(offset_minutes);
        self.slots
            .iter()
            .find(|(_, starts, ends)| *starts <= at && at < *ends)
            .or_else(|| self.slots.iter().find(|(_, starts, _)| *starts > at))
            .map(|(id, _, _)| *id)
            .expect("a slot")
    }

    /// An accepted online meeting in `slot`; returns its room id.
    async fn meeting_room(&self, slot: Uuid) -> Uuid {
        let (status, meeting) = send(
            self.buyer_client
                .post(self.app.url("/api/v1/meetings"))
                .json(&json!({"counterpart_id": self.supplier, "slot_id": slot, "message": "Xin chào"})),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{meeting}");
        let meeting = id_of(&meeting);
        let (status, accepted) = send(
            self.staff_client
                .post(self.app.url(&format!("/api/v1/meetings/{meeting}/accept")))
                .json(&json!({"mode": "online"})),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{accepted}");
        let (status, room) =
            send(self.buyer_client.get(self.app.url(&format!("/api/v1/meetings/{meeting}/room")))).await;
        assert_eq!(status, StatusCode::OK, "{room}");
        id_of(&room)
    }

    async fn ws(&self, token: &str) -> Ws {
        Ws::open(&self.app.base, Some(token)).await.0
    }
}

fn chat_texts(messages: &[Value]) -> Vec<(i64, String)> {
    messages.iter().map(|m| (m["seq"].as_i64().expect("seq"), m["text"].as_str().expect("text").to_owned())).collect()
}

#[tokio::test]
async fn the_meetings_people_meet_in_its_room_and_chat() {
    let fair = live_fair(|_| {}).await;
    let room = fair.meeting_room(fair.slot_around(0)).await;

    let (mut staff, welcome) = Ws::open(&fair.app.base, Some(&fair.staff_token)).await;
    assert_eq!(welcome["protocol"], 1);
    assert_eq!(welcome["user"]["role"], "exhibitor");
    assert_eq!(welcome["user"]["company"], "Công ty Cơ khí Đông Anh");
    let ack = staff.call(json!({"type": "join_room", "room": room})).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let joined = staff.expect("room_joined").await;
    assert_eq!(joined["host"], true, "the supplier's staff host the meeting");
    assert_eq!(joined["title"], "Công ty Cơ khí Đông Anh — Tokai Seimitsu K.K.");
    let staff_id = joined["you"].as_str().expect("member id").to_owned();

    let mut buyer = fair.ws(&fair.buyer_token).await;
    assert_eq!(buyer.call(json!({"type": "join_room", "room": room})).await["type"], "ack");
    let joined = buyer.expect("room_joined").await;
    assert_eq!(joined["host"], false);
    let members: Vec<&str> =
        joined["members"].as_array().unwrap().iter().map(|m| m["member"].as_str().unwrap()).collect();
    assert!(members.contains(&staff_id.as_str()), "{joined}");
    let buyer_id = joined["you"].as_str().unwrap().to_owned();
    let arrived = staff.until(|m| m["type"] == "member_joined" && m["member"]["member"] == buyer_id).await;
    assert_eq!(arrived["member"]["company"], "Tokai Seimitsu K.K.");
    assert_eq!(arrived["member"]["country"], "JP");

    assert_eq!(buyer.call(json!({"type": "chat", "room": room, "text": "はじめまして"})).await["type"], "ack");
    let heard = staff.expect("chat").await;
    assert_eq!((heard["seq"].as_i64(), heard["text"].as_str()), (Some(1), Some("はじめまして")));
    assert_eq!(heard["from"], json!(fair.app.store.user_by_email(&fair.buyer_email).await.unwrap().unwrap().id));
    assert_eq!(
        staff.call(json!({"type": "chat", "room": room, "text": "  Xin chào quý khách  "})).await["type"],
        "ack"
    );
    let own = buyer.expect("chat").await;
    assert_eq!(own["seq"], 1, "the sender gets its own message too");
    let reply = buyer.expect("chat").await;
    assert_eq!((reply["seq"].as_i64(), reply["text"].as_str()), (Some(2), Some("Xin chào quý khách")));

    // WebRTC signalling goes to the one member addressed.
    let offer = json!({"kind": "offer", "sdp": "v=0\r\n"});
    let ack = staff.call(json!({"type": "signal", "room": room, "to": buyer_id, "data": offer})).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let signal = buyer.expect("signal").await;
    assert_eq!((signal["from"].as_str(), &signal["data"]), (Some(staff_id.as_str()), &offer));
    let nobody = staff.call(json!({"type": "signal", "room": room, "to": "x.1", "data": {"kind": "hangup"}})).await;
    assert_eq!(nobody["code"], "no_such_member");

    // Someone joining later reads the history.
    let mut later = fair.ws(&fair.buyer_token).await;
    later.call(json!({"type": "join_room", "room": room})).await;
    let joined = later.expect("room_joined").await;
    assert_eq!(joined["last_seq"], 2);
    let history = vec![later.expect("chat").await, later.expect("chat").await];
    assert_eq!(chat_texts(&history), vec![(1, "はじめまして".to_owned()), (2, "Xin chào quý khách".to_owned())]);

    // Leaving is announced.
    assert_eq!(buyer.call(json!({"type": "leave_room", "room": room})).await["type"], "ack");
    staff.until(|m| m["type"] == "member_left" && m["member"] == buyer_id).await;
    let after = buyer.call(json!({"type": "chat", "room": room, "text": "still here?"})).await;
    assert_eq!(after["code"], "not_in_room");

    // Both sides' attendance is recorded (the dashboard's done / no-show).
    let attendance = fair
        .app
        .store
        .meeting_room_attendees(&[fair.app.store.room(room).await.unwrap().meeting_id.unwrap()])
        .await
        .unwrap();
    let organisations: Vec<_> = attendance.iter().filter_map(|(_, _, org)| *org).collect();
    assert!(organisations.contains(&fair.supplier) && organisations.contains(&fair.buyer), "{attendance:?}");
}

#[tokio::test]
async fn outsiders_are_kept_out() {
    let fair = live_fair(|_| {}).await;
    let room = fair.meeting_room(fair.slot_around(0)).await;
    let app = &fair.app;

    // Another buyer company: no room over REST, refused over the socket.
    let stranger_company = app.create_buyer(&fair.organiser, "Other Trading Ltd", "HK").await;
    let stranger = app.create_user("buyer", Some(stranger_company), None).await;
    let stranger_client = app.session_for(&stranger).await;
    let (status, body) = send(stranger_client.get(app.url(&format!("/api/v1/rooms/{room}")))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let mut outsider = fair.ws(&app.session_token(&stranger).await).await;
    let refused = outsider.call(json!({"type": "join_room", "room": room})).await;
    assert_eq!(refused["code"], "forbidden", "{refused}");
    let refused = outsider.call(json!({"type": "chat", "room": room, "text": "hello?"})).await;
    assert_eq!(refused["code"], "not_in_room");
    let missing = outsider.call(json!({"type": "join_room", "room": Uuid::now_v7()})).await;
    assert_eq!(missing["code"], "not_found");

    // Anonymous visitors may walk the fair but not enter rooms.
    let (mut anonymous, _) = anonymous(&fair.app.base, "visitor-0001").await;
    let refused = anonymous.call(json!({"type": "join_room", "room": room})).await;
    assert_eq!(refused["code"], "unauthenticated");

    // An organiser's room: organisers and invitees only.
    let (status, created) = send(
        fair.organiser.post(app.url("/api/v1/rooms")).json(&json!({"title": "Họp báo", "invitees": [Uuid::now_v7()]})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "unknown invitees are refused: {created}");
    let buyer_id = app.store.user_by_email(&fair.buyer_email).await.unwrap().unwrap().id;
    let (status, created) =
        send(fair.organiser.post(app.url("/api/v1/rooms")).json(&json!({"title": "Họp báo", "invitees": [buyer_id]})))
            .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let press = id_of(&created);
    let (status, _) = send(fair.buyer_client.post(app.url("/api/v1/rooms")).json(&json!({"title": "x"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let refused = outsider.call(json!({"type": "join_room", "room": press})).await;
    assert_eq!(refused["code"], "forbidden");
    let mut invited = fair.ws(&fair.buyer_token).await;
    assert_eq!(invited.call(json!({"type": "join_room", "room": press})).await["type"], "ack");
    assert_eq!(invited.expect("room_joined").await["host"], false);

    // A meeting that is not accepted has no room.
    let (other_supplier, _) = app.create_exhibitor(&fair.organiser, "Công ty Nhựa Sóc Sơn").await;
    let (status, pending) = send(
        fair.buyer_client
            .post(app.url("/api/v1/meetings"))
            .json(&json!({"counterpart_id": other_supplier, "slot_id": fair.slot_around(30)})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{pending}");
    let (status, body) =
        send(fair.buyer_client.get(app.url(&format!("/api/v1/meetings/{}/room", id_of(&pending))))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("meeting_not_accepted")));
}

async fn anonymous(base: &str, visitor: &str) -> (Ws, Value) {
    let mut ws = Ws::connect(base, None, None, None).await.expect("connects");
    ws.send_text(json!({"type": "hello", "visitor": visitor}).to_string()).await;
    let welcome = ws.expect("welcome").await;
    (ws, welcome)
}

#[tokio::test]
async fn late_and_unexpected_people_wait_in_the_lobby_until_a_host_admits_them() {
    let fair = live_fair(|_| {}).await;
    let app = &fair.app;
    // A slot that began a quarter of an hour ago: the buyer's delegate is late.
    let room = fair.meeting_room(fair.slot_around(-16)).await;
    let mut host = fair.ws(&fair.staff_token).await;
    host.call(json!({"type": "join_room", "room": room})).await;
    assert_eq!(host.expect("room_joined").await["host"], true, "hosts are never held back");

    let mut late = fair.ws(&fair.buyer_token).await;
    assert_eq!(late.call(json!({"type": "join_room", "room": room})).await["type"], "ack");
    late.expect("lobby_waiting").await;
    let refused = late.call(json!({"type": "chat", "room": room, "text": "may I come in?"})).await;
    assert_eq!(refused["code"], "not_in_room", "waiting is not being in");
    let lobby = host.until(|m| m["type"] == "lobby" && !m["waiting"].as_array().unwrap().is_empty()).await;
    let waiting = lobby["waiting"][0]["member"].as_str().unwrap().to_owned();

    // A colleague from the buyer company also waits; nobody but a host may admit.
    let colleague = app.create_user("buyer", Some(fair.buyer), None).await;
    let mut colleague = fair.ws(&app.session_token(&colleague).await).await;
    colleague.call(json!({"type": "join_room", "room": room})).await;
    colleague.expect("lobby_waiting").await;
    let lobby = host.until(|m| m["type"] == "lobby" && m["waiting"].as_array().unwrap().len() == 2).await;
    let colleague_id = lobby["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["member"].as_str().unwrap().to_owned())
        .find(|m| *m != waiting)
        .unwrap();
    let not_host = late.call(json!({"type": "admit", "room": room, "member": colleague_id})).await;
    assert_eq!(not_host["code"], "not_in_room");

    assert_eq!(host.call(json!({"type": "admit", "room": room, "member": waiting})).await["type"], "ack");
    let joined = late.expect("room_joined").await;
    assert_eq!(joined["host"], false);
    host.until(|m| m["type"] == "member_joined" && m["member"]["member"] == waiting).await;
    let not_host = late.call(json!({"type": "admit", "room": room, "member": colleague_id})).await;
    assert_eq!(not_host["code"], "not_host");

    assert_eq!(host.call(json!({"type": "reject", "room": room, "member": colleague_id})).await["type"], "ack");
    colleague.expect("rejected").await;
    let again = host.call(json!({"type": "admit", "room": room, "member": colleague_id})).await;
    assert_eq!(again["code"], "no_such_member", "turned away is gone from the lobby");
}

#[tokio::test]
async fn a_reconnecting_client_resumes_the_chat_with_no_gap_and_no_duplicate() {
    let fair = live_fair(|_| {}).await;
    let room = fair.meeting_room(fair.slot_around(0)).await;
    let mut staff = fair.ws(&fair.staff_token).await;
    staff.call(json!({"type": "join_room", "room": room})).await;
    staff.expect("room_joined").await;
    let mut buyer = fair.ws(&fair.buyer_token).await;
    buyer.call(json!({"type": "join_room", "room": room})).await;
    buyer.expect("room_joined").await;

    for i in 1..=3 {
        staff.call(json!({"type": "chat", "room": room, "text": format!("m{i}")})).await;
    }
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(buyer.expect("chat").await);
    }
    let last_seq = seen.last().unwrap()["seq"].as_i64().unwrap();
    buyer.close().await;

    for i in 4..=6 {
        staff.call(json!({"type": "chat", "room": room, "text": format!("m{i}")})).await;
    }
    let mut back = fair.ws(&fair.buyer_token).await;
    back.call(json!({"type": "join_room", "room": room, "after_seq": last_seq})).await;
    back.expect("room_joined").await;
    // Messages keep coming while the history is read.
    staff.call(json!({"type": "chat", "room": room, "text": "m7"})).await;
    let mut resumed = Vec::new();
    for _ in 0..4 {
        resumed.push(back.expect("chat").await);
    }
    assert_eq!(
        chat_texts(&resumed),
        (4..=7).map(|i| (i, format!("m{i}"))).collect::<Vec<_>>(),
        "exactly the missed messages, in order, then the live one"
    );
    assert!(back.try_next(Duration::from_millis(300)).await.is_none_or(|m| m["type"] != "chat"), "no duplicate");
}

#[tokio::test]
async fn exhibitors_see_who_is_at_their_booth_and_tabs_count_once() {
    let fair = live_fair(|_| {}).await;
    let app = &fair.app;
    let booth = app.store.exhibitor(fair.supplier).await.unwrap().booth.id;
    let buyer_user = app.store.user_by_email(&fair.buyer_email).await.unwrap().unwrap();

    // Only the booth's staff (and organisers) watch it.
    let mut outsider = fair.ws(&fair.buyer_token).await;
    let refused = outsider.call(json!({"type": "watch", "target": {"kind": "booth", "booth": booth}})).await;
    assert_eq!(refused["code"], "forbidden");

    let mut staff = fair.ws(&fair.staff_token).await;
    assert_eq!(staff.call(json!({"type": "watch", "target": {"kind": "booth", "booth": booth}})).await["type"], "ack");
    let snapshot = staff.expect("booth_visitors").await;
    assert_eq!((snapshot["visitors"].as_array().unwrap().len(), snapshot["anonymous"].as_u64()), (0, Some(0)));
    // The staff's own presence on their page is no visit.
    assert_eq!(staff.call(json!({"type": "enter_booth", "booth": booth})).await["type"], "ack");

    // A buyer who agreed to be seen, in three tabs: one visitor, named.
    let (status, me) = send(fair.buyer_client.put(app.url("/api/v1/auth/me")).json(&json!({
        "display_name": "Sato Kenji", "preferred_language": "ja", "time_zone": "Asia/Tokyo", "presence_visible": true
    })))
    .await;
    assert_eq!((status, me["user"]["presence_visible"].as_bool()), (StatusCode::OK, Some(true)), "{me}");
    let mut tabs = Vec::new();
    for _ in 0..3 {
        let mut tab = fair.ws(&fair.buyer_token).await;
        assert_eq!(tab.call(json!({"type": "enter_booth", "booth": booth})).await["type"], "ack");
        tabs.push(tab);
    }
    let joined = staff.expect("visitor_joined").await;
    assert_eq!(joined["visitor"]["name"], "Sato Kenji");
    assert_eq!(joined["visitor"]["country"], "JP");
    assert_eq!(joined["visitor"]["user_id"], json!(buyer_user.id));
    let key = joined["visitor"]["key"].as_str().unwrap().to_owned();

    // An anonymous visitor is counted, not named.
    let (mut passer_by, _) = anonymous(&app.base, "anon-visitor-42").await;
    passer_by.call(json!({"type": "enter_booth", "booth": booth})).await;
    let anon = staff.expect("visitor_joined").await;
    assert_eq!(anon["visitor"]["name"], Value::Null);
    assert!(!anon["visitor"]["key"].as_str().unwrap().contains("anon-visitor-42"), "{anon}");

    // So is a signed-in buyer who did not agree to be seen: not even their user id shows.
    let shy_email = app.create_user("buyer", Some(fair.buyer), None).await;
    let shy_id = app.store.user_by_email(&shy_email).await.unwrap().unwrap().id;
    let mut shy = fair.ws(&app.session_token(&shy_email).await).await;
    shy.call(json!({"type": "enter_booth", "booth": booth})).await;
    let hidden = staff.expect("visitor_joined").await;
    assert_eq!((hidden["visitor"]["name"].clone(), hidden["visitor"]["user_id"].clone()), (Value::Null, Value::Null));
    assert!(!hidden["visitor"]["key"].as_str().unwrap().contains(&shy_id.to_string()), "{hidden}");
    shy.call(json!({"type": "leave_booth", "booth": booth})).await;
    assert_eq!(staff.expect("visitor_left").await["key"], hidden["visitor"]["key"]);

    // The staff start a chat with the named visitor: the visitor is invited to it.
    let started = staff.call(json!({"type": "start_chat", "booth": booth, "visitor": buyer_user.id})).await;
    assert_eq!(started["type"], "ack", "{started}");
    let chat_room = staff.expect("room_joined").await;
    let invite = tabs[0].expect("chat_invite").await;
    assert_eq!(invite["room"], chat_room["room"]);
    assert_eq!(invite["company"], "Công ty Cơ khí Đông Anh");
    let refused = staff.call(json!({"type": "start_chat", "booth": booth, "visitor": Uuid::now_v7()})).await;
    assert_eq!(refused["code"], "no_such_member");

    // Closing two tabs changes nothing; closing the third is leaving.
    let third = tabs.pop().unwrap();
    let second = tabs.pop().unwrap();
    second.close().await;
    third.close().await;
    passer_by.close().await;
    let left = staff.expect("visitor_left").await;
    assert_ne!(left["key"], key, "the anonymous visitor left first; the buyer is still in one tab");
    let first = tabs.pop().unwrap();
    first.close().await;
    let left = staff.expect("visitor_left").await;
    assert_eq!(left["key"], key);
}

#[tokio::test]
async fn bad_input_gets_the_documented_answer_and_harms_nobody() {
    let fair = live_fair(|settings| settings.live_auth_timeout_seconds = 1).await;
    let app = &fair.app;
    let room = fair.meeting_room(fair.slot_around(0)).await;
    // A bystander who must be unaffected by everything below.
    let mut bystander = fair.ws(&fair.staff_token).await;
    bystander.call(json!({"type": "join_room", "room": room})).await;
    bystander.expect("room_joined").await;

    let mut ws = fair.ws(&fair.buyer_token).await;
    ws.send_text("{not json").await;
    assert_eq!(ws.expect("error").await["code"], "malformed");
    ws.send_text(r#"{"type":"dance","id":7}"#).await;
    let error = ws.expect("error").await;
    assert_eq!((error["code"].as_str(), error["id"].as_u64()), (Some("malformed"), Some(7)));
    ws.send_text(r#"{"type":"chat","id":8,"room":"not-a-uuid","text":"x"}"#).await;
    let error = ws.expect("error").await;
    assert_eq!((error["code"].as_str(), error["id"].as_u64()), (Some("invalid_message"), Some(8)));
    ws.send_text(r#"{"type":"ping","id":9,"extra":1}"#).await;
    assert_eq!(ws.expect("error").await["code"], "invalid_message", "unknown fields are refused");
    assert_eq!(ws.call(json!({"type": "chat", "room": room, "text": "x"})).await["code"], "not_in_room");
    ws.call(json!({"type": "join_room", "room": room})).await;
    ws.expect("room_joined").await;
    assert_eq!(ws.call(json!({"type": "chat", "room": room, "text": "   "})).await["code"], "empty_text");
    let long = "á".repeat(2001);
    assert_eq!(ws.call(json!({"type": "chat", "room": room, "text": long})).await["code"], "text_too_long");
    let again = ws.call(json!({"type": "hello", "visitor": "visitor-0002"})).await;
    assert_eq!(again["code"], "already_authenticated");
    let id = ws.request(json!({"type": "ping", "sent_at": 1.5})).await;
    let pong = ws.expect("pong").await;
    assert_eq!((pong["id"].as_u64(), pong["sent_at"].as_f64()), (Some(id), Some(1.5)));

    // A frame over 64 KiB closes with 1009.
    let mut big = fair.ws(&fair.buyer_token).await;
    big.send_text(format!(r#"{{"type":"chat","id":1,"room":"{room}","text":"{}"}}"#, "x".repeat(70 * 1024))).await;
    assert_eq!(big.closed().await, Closed::Code(1009, "message over 64 KiB".to_owned()));

    // Binary frames close with 1003.
    let mut binary = fair.ws(&fair.buyer_token).await;
    binary.send_binary(vec![1, 2, 3]).await;
    assert!(matches!(binary.closed().await, Closed::Code(1003, _)));

    // Endless garbage closes with 4400.
    let mut garbage = fair.ws(&fair.buyer_token).await;
    for _ in 0..21 {
        garbage.send_text("]]").await;
    }
    let (answers, closed) = garbage.drain().await;
    assert_eq!(answers.iter().filter(|m| m["code"] == "malformed").count(), 20, "{answers:?}");
    assert_eq!(closed, Closed::Code(4400, "too many malformed messages".to_owned()));

    // A flood is refused (rate_limited), then closed (4008).
    let mut flood = fair.ws(&fair.buyer_token).await;
    for id in 0..120 {
        flood.send_text(json!({"type": "ping", "id": id}).to_string()).await;
    }
    let (answers, closed) = flood.drain().await;
    let pongs = answers.iter().filter(|m| m["type"] == "pong").count();
    assert!((40..=42).contains(&pongs), "a burst of 40 passes: {pongs}");
    assert!(answers.iter().any(|m| m["code"] == "rate_limited"), "then messages are refused");
    assert_eq!(closed, Closed::Code(4008, "too many messages".to_owned()));

    // Silence after connecting without credentials: 4001.
    let mut silent = Ws::connect(&app.base, None, None, None).await.expect("connects");
    let before = silent.call(json!({"type": "join_room", "room": room})).await;
    assert_eq!(before["code"], "unauthenticated");
    assert!(matches!(silent.closed().await, Closed::Code(4001, _)));
    let mut odd = Ws::connect(&app.base, None, None, None).await.expect("connects");
    assert_eq!(odd.call(json!({"type": "hello", "visitor": "x y"})).await["code"], "invalid_message");

    // Tickets: unknown ones are refused at the upgrade; a good one works once.
    let refused = Ws::connect(&app.base, None, None, Some("nonsense")).await;
    assert!(refused.is_err(), "an unknown ticket is refused");
    let (status, ticket) = send(fair.buyer_client.post(app.url("/api/v1/live/tickets"))).await;
    assert_eq!(status, StatusCode::CREATED, "{ticket}");
    let ticket = ticket["ticket"].as_str().unwrap().to_owned();
    let mut with_ticket = Ws::connect(&app.base, None, None, Some(&ticket)).await.expect("a fresh ticket works");
    assert_eq!(with_ticket.expect("welcome").await["user"]["role"], "buyer");
    assert!(Ws::connect(&app.base, None, None, Some(&ticket)).await.is_err(), "a ticket works once");
    let (status, ticket) = send(fair.buyer_client.post(app.url("/api/v1/live/tickets"))).await;
    assert_eq!(status, StatusCode::CREATED);
    let mut by_message = Ws::connect(&app.base, None, None, None).await.expect("connects");
    by_message.send_text(json!({"type": "auth", "ticket": ticket["ticket"]}).to_string()).await;
    assert_eq!(by_message.expect("welcome").await["user"]["role"], "buyer");
    let mut used = Ws::connect(&app.base, None, None, None).await.expect("connects");
    used.send_text(json!({"type": "auth", "ticket": ticket["ticket"]}).to_string()).await;
    assert!(matches!(used.closed().await, Closed::Code(4002, _)));
    let (status, _) = send(app.client().post(app.url("/api/v1/live/tickets"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The session cookie works only from our own pages.
    let foreign = Ws::connect(&app.base, Some(&fair.buyer_token), Some("https://evil.example"), None).await;
    assert!(foreign.is_err(), "a cross-site page cannot use the cookie");
    let own = Ws::connect(&app.base, Some(&fair.buyer_token), Some(&app.base), None).await;
    assert!(own.is_ok(), "our own origin can");

    // The bystander noticed nothing and still chats.
    assert_eq!(bystander.call(json!({"type": "chat", "room": room, "text": "still fine"})).await["type"], "ack");
    bystander.until(|m| m["type"] == "chat" && m["text"] == "still fine").await;
}

#[tokio::test]
async fn a_slow_consumer_is_cut_off_while_the_others_keep_up() {
    let fair = live_fair(|settings| {
        settings.live_rate_per_second = 10_000.0;
        settings.live_rate_burst = 10_000.0;
    })
    .await;
    let room = fair.meeting_room(fair.slot_around(0)).await;
    let mut publisher = fair.ws(&fair.staff_token).await;
    publisher.call(json!({"type": "join_room", "room": room})).await;
    publisher.expect("room_joined").await;
    let mut fast = fair.ws(&fair.buyer_token).await;
    fast.call(json!({"type": "join_room", "room": room})).await;
    fast.expect("room_joined").await;

    // The slow one joins with a tiny receive buffer and then never reads again.
    let mut slow = slow_socket(&fair.app.base, &fair.buyer_token).await;
    slow.call(json!({"type": "join_room", "room": room})).await;
    let slow_id = slow.expect("room_joined").await["you"].as_str().unwrap().to_owned();
    let slow = slow.into_inner();

    // About 6 KB a message: enough of them overflow any socket buffer and the queue.
    let text = "ổ".repeat(1990);
    let total = 1500;
    let mut latencies = Vec::new();
    let mut received = 0;
    let mut slow_left = false;
    for i in 0..total {
        let sent = std::time::Instant::now();
        let id = publisher.request(json!({"type": "chat", "room": room, "text": format!("{i} {text}")})).await;
        loop {
            let message = publisher.next().await;
            slow_left |= message["type"] == "member_left" && message["member"] == slow_id;
            if message["id"] == json!(id) {
                assert_eq!(message["type"], "ack", "{message}");
                break;
            }
        }
        let message = fast.expect("chat").await;
        assert!(message["text"].as_str().unwrap().starts_with(&format!("{i} ")), "in order");
        latencies.push(sent.elapsed());
        received += 1;
    }
    assert_eq!(received, total, "the fast consumer got every message");
    // The slow consumer was disconnected: the room saw it leave.
    if !slow_left {
        publisher.until(|m| m["type"] == "member_left" && m["member"] == slow_id).await;
    }
    latencies.sort();
    let p99 = latencies[latencies.len() * 99 / 100];
    assert!(p99 < Duration::from_secs(5), "the fast consumer kept its pace (p99 {p99:?})");
    drop(slow);
}

/// A client socket with a 4 KiB receive buffer (so the server's writes back up fast).
async fn slow_socket(base: &str, token: &str) -> Ws {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let address: std::net::SocketAddr = base.trim_start_matches("http://").parse().expect("address");
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4096).expect("receive buffer");
    let stream = socket.connect(address).await.expect("connect");
    let mut request = format!("ws://{address}/api/v1/live").into_client_request().expect("request");
    request.headers_mut().insert("cookie", format!("fair_session={token}").parse().expect("cookie"));
    let (stream, _) = tokio_tungstenite::client_async(request, tokio_tungstenite::MaybeTlsStream::Plain(stream))
        .await
        .expect("handshake");
    let mut ws = Ws::from_stream(stream);
    ws.expect("welcome").await;
    ws
}

#[tokio::test]
async fn the_dashboard_and_the_hall_move_with_the_fair() {
    let fair = live_fair(|_| {}).await;
    let app = &fair.app;
    let (status, placed) = send(
        fair.organiser
            .put(app.url(&format!("/api/v1/exhibitors/{}/placement", fair.supplier)))
            .json(&json!({"hall": "A", "stand": "A-12", "online_booth": true})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{placed}");
    let booth = app.store.exhibitor(fair.supplier).await.unwrap().booth.id;
    let room = fair.meeting_room(fair.slot_around(0)).await;

    // The halls anyone may walk: those with published booths, and how many.
    let (status, halls) = send(Client::new().get(app.url("/api/v1/halls"))).await;
    assert_eq!((status, halls), (StatusCode::OK, json!([{"hall": "A", "booths": 1}])));

    // Buyers and exhibitors may not watch the dashboard.
    let mut buyer = fair.ws(&fair.buyer_token).await;
    let refused = buyer.call(json!({"type": "watch", "target": {"kind": "dashboard"}})).await;
    assert_eq!(refused["code"], "forbidden");

    let organiser_email = app.create_user("organiser", None, None).await;
    let mut organiser = fair.ws(&app.session_token(&organiser_email).await).await;
    assert_eq!(organiser.call(json!({"type": "watch", "target": {"kind": "dashboard"}})).await["type"], "ack");
    let first = organiser.expect("dashboard").await;
    assert_eq!(first["online"], 2, "the organiser and the buyer are connected: {first}");
    assert_eq!(first["buyers_by_country"]["JP"], 1);
    assert_eq!(first["meetings"]["in_progress"], 1, "{first}");

    // Someone walks the hall while the buyer visits the booth and the meeting chats.
    let (mut walker, _) = anonymous(&app.base, "hall-walker-1").await;
    assert_eq!(walker.call(json!({"type": "watch", "target": {"kind": "hall", "hall": "A"}})).await["type"], "ack");
    let hall = walker.expect("hall").await;
    assert_eq!(hall["booths"][0]["stand"], "A-12");
    assert_eq!(hall["booths"][0]["visitors"], 0);

    assert_eq!(buyer.call(json!({"type": "enter_booth", "booth": booth})).await["type"], "ack");
    buyer.call(json!({"type": "join_room", "room": room})).await;
    buyer.expect("room_joined").await;
    buyer.call(json!({"type": "chat", "room": room, "text": "見積もりをお願いします"})).await;

    let busy = organiser
        .until(|m| {
            m["type"] == "dashboard"
                && m["halls"]["A"] == 1
                && m["booths"][0]["booth"] == json!(booth)
                && m["messages_last_minute"].as_u64() >= Some(1)
        })
        .await;
    assert_eq!(busy["online"], 3, "the anonymous walker counts too: {busy}");
    assert_eq!(busy["online_by_role"]["visitor"], 1);
    walker.until(|m| m["type"] == "hall" && m["booths"][0]["visitors"] == 1).await;

    assert_eq!(buyer.call(json!({"type": "leave_booth", "booth": booth})).await["type"], "ack");
    walker.until(|m| m["type"] == "hall" && m["booths"][0]["visitors"] == 0).await;
    organiser.until(|m| m["type"] == "dashboard" && m["halls"].get("A").is_none()).await;
    assert_eq!(walker.call(json!({"type": "unwatch", "target": {"kind": "hall", "hall": "A"}})).await["type"], "ack");

    // A server going down closes its connections with 1001: clients reconnect elsewhere.
    fair.app.stop().await;
    assert!(matches!(walker.closed().await, Closed::Code(1001, _)));
}

#[tokio::test]
async fn signing_out_ends_the_users_live_connections() {
    let fair = live_fair(|settings| settings.live_heartbeat_seconds = 1).await;
    let app = &fair.app;
    let client = app.login(&fair.buyer_email).await;
    let token = app.session_token(&fair.buyer_email).await;
    let mut ws = fair.ws(&token).await;
    let mut other_session = fair.ws(&fair.buyer_token).await;
    // Sign this session out over HTTP (with the token the socket uses).
    let response = client
        .post(app.url("/api/v1/auth/logout"))
        .header("cookie", format!("fair_session={token}"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    // (Reading the other socket meanwhile answers the server's pings.)
    let (closed, quiet) = tokio::join!(ws.closed(), other_session.try_next(Duration::from_secs(4)));
    assert_eq!(closed, Closed::Code(4010, "signed out".to_owned()));
    assert!(quiet.is_none(), "{quiet:?}");
    // Another session of the same user lives on.
    let id = other_session.request(json!({"type": "ping"})).await;
    assert_eq!(other_session.expect("pong").await["id"], id);
}

#[tokio::test]
async fn calls_get_stun_and_turn_with_credentials_of_the_users_own() {
    let fair = live_fair(|settings| {
        settings.live_stun_urls = "stun:stun.example.vn:3478".to_owned();
        settings.live_turn_urls = "turn:turn.example.vn:3478, turns:turn.example.vn:5349".to_owned();
        settings.live_turn_secret = Some("north-secret".to_owned());
    })
    .await;
    let before = Utc::now().timestamp();
    let (_buyer, welcome) = Ws::open(&fair.app.base, Some(&fair.buyer_token)).await;
    let servers = welcome["ice_servers"].as_array().expect("ice servers");
    assert_eq!(servers.len(), 2, "{welcome}");
    assert_eq!(servers[0], json!({"urls": ["stun:stun.example.vn:3478"]}));
    assert_eq!(servers[1]["urls"], json!(["turn:turn.example.vn:3478", "turns:turn.example.vn:5349"]));
    let username = servers[1]["username"].as_str().expect("a TURN username");
    let user = fair.app.store.user_by_email(&fair.buyer_email).await.unwrap().unwrap().id;
    let (expires, who) = username.split_once(':').expect("expiry:user");
    assert_eq!(who, user.to_string(), "the user's own");
    let expires: i64 = expires.parse().expect("a unix time");
    assert!((before + 12 * 3600..=Utc::now().timestamp() + 12 * 3600).contains(&expires), "12 hours from now");
    assert_eq!(servers[1]["credential"], json!(fair_live::ice::turn_credential("north-secret", username)));

    // Anonymous visitors join no calls: STUN only, no credentials.
    let (_visitor, welcome) = anonymous(&fair.app.base, "visitor-ice-01").await;
    assert_eq!(welcome["ice_servers"], json!([{"urls": ["stun:stun.example.vn:3478"]}]));
}

#[tokio::test]
async fn a_request_that_is_no_websocket_handshake_gets_a_clear_error() {
    let app = TestApp::spawn().await;
    let client = Client::new();
    let (status, body) = send(client.get(app.url("/api/v1/live"))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("not_a_websocket")), "{body}");

    let handshake = |version: &str| {
        client
            .get(app.url("/api/v1/live"))
            .header("connection", "Upgrade")
            .header("upgrade", "websocket")
            .header("sec-websocket-version", version)
    };
    let old = handshake("8").header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==").send().await.expect("sent");
    assert_eq!(old.status(), StatusCode::UPGRADE_REQUIRED);
    assert_eq!(old.headers()["sec-websocket-version"], "13", "the version we speak");
    assert_eq!(old.json::<Value>().await.expect("json")["code"], "websocket_version");
    let (status, body) = send(handshake("13")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("not_a_websocket")), "no key: {body}");

    // None of them took a place or broke anything: a real client connects.
    let (mut ws, welcome) = anonymous(&app.base, "after-bad-handshakes").await;
    assert_eq!(welcome["type"], "welcome");
    ws.request(json!({"type": "ping", "sent_at": 1})).await;
    assert_eq!(ws.expect("pong").await["sent_at"].as_f64(), Some(1.0));
}
