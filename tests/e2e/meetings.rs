use std::collections::HashMap;

use fair_tests::{Client, TestApp, id_of, send};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

/// A fair with one supplier (admin signed in) and `buyers` buyer companies (one
/// signed-in buyer each).
struct Fair {
    app: TestApp,
    organiser: Client,
    slots: Vec<Uuid>,
    supplier: Uuid,
    supplier_staff: Client,
    buyers: Vec<(Uuid, Client)>,
}

async fn fair(buyers: usize, tables: u32) -> Fair {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let slots = app.setup_fair(&organiser, 6, tables).await;
    let (supplier, _) = app.create_exhibitor(&organiser, "Công ty Nhựa Thăng Long").await;
    let supplier_staff = app.session_for(&app.create_user("exhibitor", Some(supplier), Some("admin")).await).await;
    let mut list = Vec::new();
    for i in 0..buyers {
        let buyer = app.create_buyer(&organiser, &format!("Buyer {i}"), "JP").await;
        let client = app.session_for(&app.create_user("buyer", Some(buyer), None).await).await;
        list.push((buyer, client));
    }
    Fair { app, organiser, slots, supplier, supplier_staff, buyers: list }
}

async fn request(fair: &Fair, buyer: usize, slot: Option<Uuid>) -> (StatusCode, Value) {
    let (_, client) = &fair.buyers[buyer];
    send(client.post(fair.app.url("/api/v1/meetings")).json(&json!({
        "counterpart_id": fair.supplier, "slot_id": slot, "message": "Xin chào"
    })))
    .await
}

fn parse_ics(text: &str) -> Vec<ical::parser::ical::component::IcalCalendar> {
    ical::IcalParser::new(std::io::BufReader::new(text.as_bytes())).map(|c| c.expect("valid iCalendar")).collect()
}

fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Option<String> {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
}

#[tokio::test]
async fn a_request_is_accepted_moved_and_cancelled_with_calendars_following() {
    let fair = fair(1, 2).await;
    let app = &fair.app;
    let (status, requested) = request(&fair, 0, Some(fair.slots[0])).await;
    assert_eq!(status, StatusCode::CREATED, "{requested}");
    assert_eq!(requested["status"], "requested");
    assert_eq!(requested["actions"], json!(["propose", "cancel"]));
    let id = id_of(&requested);

    // Only the other side answers.
    let buyer = &fair.buyers[0].1;
    let (status, _) = send(buyer.post(app.url(&format!("/api/v1/meetings/{id}/accept"))).json(&json!({}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, accepted) =
        send(fair.supplier_staff.post(app.url(&format!("/api/v1/meetings/{id}/accept"))).json(&json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["mode"], "onsite");
    assert_eq!(accepted["table"]["label"], "A-01");
    assert_eq!(accepted["slot"]["id"], fair.slots[0].to_string());
    assert_eq!(accepted["fair_time_zone"], "Asia/Ho_Chi_Minh");

    let ics = buyer.get(app.url(&format!("/api/v1/meetings/{id}/invite.ics"))).send().await.unwrap();
    assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
    let calendars = parse_ics(&ics.text().await.unwrap());
    let event = &calendars[0].events[0];
    assert_eq!(property(event, "UID").unwrap(), format!("{id}@cnht-fair"));
    assert_eq!(property(event, "SEQUENCE").unwrap(), "1");
    assert_eq!(property(event, "DTSTART").unwrap(), "20261208T020000Z", "09:00 in Hanoi is 02:00 UTC");
    assert_eq!(property(event, "STATUS").unwrap(), "CONFIRMED");
    assert!(
        property(event, "SUMMARY").unwrap().starts_with("Gặp Công ty Nhựa Thăng Long"),
        "in the buyer's language (vi)"
    );
    assert_eq!(
        calendars[0].properties.iter().find(|p| p.name == "METHOD").and_then(|p| p.value.clone()).unwrap(),
        "REQUEST"
    );

    // Propose another time: the meeting stays booked until the other side agrees.
    let (status, proposed) = send(
        fair.supplier_staff
            .post(app.url(&format!("/api/v1/meetings/{id}/propose")))
            .json(&json!({"slot_id": fair.slots[2]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    assert_eq!(proposed["status"], "accepted");
    assert_eq!(proposed["proposed_slot"]["id"], fair.slots[2].to_string());
    assert_eq!(proposed["slot"]["id"], fair.slots[0].to_string());
    let (status, moved) = send(buyer.post(app.url(&format!("/api/v1/meetings/{id}/accept"))).json(&json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["slot"]["id"], fair.slots[2].to_string());
    assert!(moved["proposed_slot"].is_null());
    let calendars = parse_ics(
        &buyer.get(app.url(&format!("/api/v1/meetings/{id}/invite.ics"))).send().await.unwrap().text().await.unwrap(),
    );
    assert_eq!(property(&calendars[0].events[0], "UID").unwrap(), format!("{id}@cnht-fair"), "the UID never changes");
    assert_eq!(property(&calendars[0].events[0], "SEQUENCE").unwrap(), "2");
    assert_eq!(property(&calendars[0].events[0], "DTSTART").unwrap(), "20261208T030000Z");

    // A feed for the supplier follows along, then the cancellation.
    let (_, feed) = send(fair.supplier_staff.post(app.url("/api/v1/calendar/feed"))).await;
    let feed_url = feed["url"].as_str().unwrap().to_owned();
    let (status, cancelled) =
        send(buyer.post(app.url(&format!("/api/v1/meetings/{id}/cancel"))).json(&json!({"reason": "đổi kế hoạch"})))
            .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled["status"], "cancelled");
    let calendars = parse_ics(
        &buyer.get(app.url(&format!("/api/v1/meetings/{id}/invite.ics"))).send().await.unwrap().text().await.unwrap(),
    );
    assert_eq!(
        calendars[0].properties.iter().find(|p| p.name == "METHOD").and_then(|p| p.value.clone()).unwrap(),
        "CANCEL"
    );
    assert_eq!(property(&calendars[0].events[0], "STATUS").unwrap(), "CANCELLED");
    assert_eq!(property(&calendars[0].events[0], "SEQUENCE").unwrap(), "3");
    let feed_text = reqwest::get(&feed_url).await.unwrap().text().await.unwrap();
    let feed_calendars = parse_ics(&feed_text);
    let feed_event =
        feed_calendars[0].events.iter().find(|e| property(e, "UID").unwrap() == format!("{id}@cnht-fair")).unwrap();
    assert_eq!(property(feed_event, "STATUS").unwrap(), "CANCELLED");
    // The slot is free again.
    let (status, again) = request(&fair, 0, Some(fair.slots[2])).await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    // A wrong token shows nothing.
    assert_eq!(reqwest::get(app.url("/api/v1/calendar/nope.ics")).await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn two_hundred_buyers_racing_for_one_slot_get_one_meeting() {
    let fair = fair(200, 1).await;
    let app = &fair.app;
    let (status, _) =
        send(fair.supplier_staff.put(app.url(&format!("/api/v1/participants/{}", fair.supplier))).json(&json!({
            "attendance": "either", "auto_accept": true, "unavailable_slots": []
        })))
        .await;
    assert_eq!(status, StatusCode::OK);
    let slot = fair.slots[1];
    let url = app.url("/api/v1/meetings");
    let attempts = fair.buyers.iter().map(|(_, client)| {
        let request = client.post(&url).json(&json!({"counterpart_id": fair.supplier, "slot_id": slot}));
        async move { send(request).await }
    });
    let results = futures::future::join_all(attempts).await;
    let mut by_status: HashMap<u16, usize> = HashMap::new();
    for (status, body) in &results {
        *by_status.entry(status.as_u16()).or_default() += 1;
        assert!(!status.is_server_error(), "{status}: {body}");
        if *status == StatusCode::CONFLICT {
            assert_eq!(body["code"], "supplier_busy", "{body}");
        }
    }
    assert_eq!(by_status.get(&201), Some(&1), "{by_status:?}");
    assert_eq!(by_status.get(&409), Some(&199), "{by_status:?}");
    let winner = &results.iter().find(|(s, _)| *s == StatusCode::CREATED).unwrap().1;
    assert_eq!(winner["status"], "accepted");
    let (_, list) = send(fair.supplier_staff.get(app.url("/api/v1/meetings?status=accepted"))).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn concurrent_acceptance_of_two_requests_for_one_slot_books_one() {
    let fair = fair(2, 2).await;
    let app = &fair.app;
    let slot = fair.slots[3];
    let (_, first) = request(&fair, 0, Some(slot)).await;
    let (_, second) = request(&fair, 1, Some(slot)).await;
    let accepts = [id_of(&first), id_of(&second)].map(|id| {
        let request = fair.supplier_staff.post(app.url(&format!("/api/v1/meetings/{id}/accept"))).json(&json!({}));
        async move { send(request).await }
    });
    let results = futures::future::join_all(accepts).await;
    let statuses: Vec<u16> = results.iter().map(|(s, _)| s.as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{results:?}");
    let loser = results.iter().find(|(s, _)| *s == StatusCode::CONFLICT).map(|(_, b)| b).expect("one conflict");
    assert_eq!(loser["code"], "supplier_busy");
    // The loser can still be accepted at another time.
    let loser_id = if results[0].0 == StatusCode::CONFLICT { id_of(&first) } else { id_of(&second) };
    let (status, _) = send(
        fair.supplier_staff
            .post(app.url(&format!("/api/v1/meetings/{loser_id}/accept")))
            .json(&json!({"slot_id": fair.slots[4]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn an_idempotency_key_makes_retries_safe() {
    let fair = fair(1, 1).await;
    let app = &fair.app;
    let buyer = &fair.buyers[0].1;
    let body = json!({"counterpart_id": fair.supplier, "slot_id": fair.slots[0], "message": "retry me"});
    let send_with = |key: &'static str, body: Value| {
        let request = buyer.post(app.url("/api/v1/meetings")).header("Idempotency-Key", key).json(&body);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            let replay = response.headers().contains_key("idempotent-replay");
            (status, replay, response.json::<Value>().await.unwrap())
        }
    };
    let (status, replay, first) = send_with("key-1", body.clone()).await;
    assert_eq!((status, replay), (StatusCode::CREATED, false));
    let (status, replay, second) = send_with("key-1", body.clone()).await;
    assert_eq!((status, replay), (StatusCode::CREATED, true));
    assert_eq!(first["id"], second["id"]);
    // Concurrent retries of one new key still make one meeting (the pair's first
    // request is cancelled so a new one may be made).
    let first_id = first["id"].as_str().unwrap();
    send(buyer.post(app.url(&format!("/api/v1/meetings/{first_id}/cancel"))).json(&json!({}))).await;
    let other = json!({"counterpart_id": fair.supplier, "slot_id": fair.slots[1]});
    let retries = futures::future::join_all((0..10).map(|_| send_with("key-2", other.clone()))).await;
    let ids: std::collections::HashSet<String> =
        retries.iter().map(|(_, _, b)| b["id"].as_str().unwrap_or("").to_owned()).collect();
    assert!(retries.iter().all(|(s, _, _)| *s == StatusCode::CREATED), "{retries:?}");
    assert_eq!(ids.len(), 1, "{ids:?}");
    // The same key with another body is refused, and nothing is written.
    let (status, _, refused) =
        send_with("key-1", json!({"counterpart_id": fair.supplier, "slot_id": fair.slots[5]})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(refused["code"], "idempotency_key_reused");
    let (_, list) = send(buyer.get(app.url("/api/v1/meetings"))).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2, "one cancelled, one open: nothing else was made");
}

#[tokio::test]
async fn expired_and_declined_requests_can_no_longer_be_accepted() {
    let fair = fair(2, 1).await;
    let app = &fair.app;
    let (_, first) = request(&fair, 0, Some(fair.slots[0])).await;
    let (status, declined) = send(
        fair.supplier_staff
            .post(app.url(&format!("/api/v1/meetings/{}/decline", id_of(&first))))
            .json(&json!({"reason": "hết lịch"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(declined["status"], "declined");
    let (status, body) =
        send(fair.supplier_staff.post(app.url(&format!("/api/v1/meetings/{}/accept", id_of(&first)))).json(&json!({})))
            .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    let (_, second) = request(&fair, 1, Some(fair.slots[1])).await;
    let id = id_of(&second);
    let mut stored = app.store.meeting(id).await.unwrap();
    stored.expires_at = Some(chrono::Utc::now() - chrono::Duration::minutes(1));
    app.store.update_meeting_if(stored, &["requested"]).await.unwrap();
    let (status, body) =
        send(fair.supplier_staff.post(app.url(&format!("/api/v1/meetings/{id}/accept"))).json(&json!({}))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "expired");
    let (_, list) = send(fair.buyers[1].1.get(app.url("/api/v1/meetings"))).await;
    assert_eq!(list["items"][0]["status"], "expired");
}

#[tokio::test]
async fn outsiders_see_nothing_and_no_thanks_closes_the_door() {
    let fair = fair(2, 1).await;
    let app = &fair.app;
    let (_, requested) = request(&fair, 0, None).await;
    let id = id_of(&requested);
    let outsider = &fair.buyers[1].1;
    assert_eq!(send(outsider.get(app.url(&format!("/api/v1/meetings/{id}")))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        send(outsider.post(app.url(&format!("/api/v1/meetings/{id}/cancel"))).json(&json!({}))).await.0,
        StatusCode::NOT_FOUND
    );
    // Accepting needs a slot when the request named none.
    let (status, body) =
        send(fair.supplier_staff.post(app.url(&format!("/api/v1/meetings/{id}/accept"))).json(&json!({}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    let (status, _) = send(
        fair.supplier_staff
            .put(app.url(&format!("/api/v1/organisations/{}/preferences/{}", fair.supplier, fair.buyers[1].0)))
            .json(&json!({"level": "no"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = request(&fair, 1, None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "declined_by_counterpart");
    // A second open request for the same pair is refused.
    let (status, body) = request(&fair, 0, None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "already_requested");
    let _ = &fair.organiser;
}

#[tokio::test]
async fn fair_set_up_is_checked_and_keeps_slots_that_hold_meetings() {
    let fair = fair(1, 1).await;
    let app = &fair.app;
    let (status, body) = send(fair.organiser.put(app.url("/api/v1/fair")).json(&json!({
        "name": "x", "time_zone": "Mars/Base", "slot_minutes": 2, "buyer_min_meetings": 9, "buyer_max_meetings": 3,
        "supplier_min_meetings": 0, "supplier_max_meetings": 10, "request_ttl_hours": 48,
        "days": [{"date": "2026-12-08", "opens_at": "9am", "closes_at": "12:00"}]
    })))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(
        fields.contains(&"time_zone") && fields.contains(&"slot_minutes") && fields.contains(&"buyer_min_meetings"),
        "{fields:?}"
    );

    let (status, _) = request(&fair, 0, Some(fair.slots[5])).await;
    assert_eq!(status, StatusCode::CREATED);
    // Shortening the day would drop the last slot, which holds a request.
    let (status, body) = send(fair.organiser.put(app.url("/api/v1/fair")).json(&json!({
        "name": "x", "time_zone": "Asia/Ho_Chi_Minh", "slot_minutes": 30, "buyer_min_meetings": 2, "buyer_max_meetings": 6,
        "supplier_min_meetings": 0, "supplier_max_meetings": 12, "request_ttl_hours": 48,
        "days": [{"date": "2026-12-08", "opens_at": "09:00", "closes_at": "11:00"}]
    })))
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "slot_in_use");
    let (_, view) = send(app.client().get(app.url("/api/v1/fair"))).await;
    assert_eq!(view["slots"].as_array().unwrap().len(), 6, "nothing changed");
    // Lengthening keeps every slot's id.
    let (status, view) = send(fair.organiser.put(app.url("/api/v1/fair")).json(&json!({
        "name": "x", "time_zone": "Asia/Ho_Chi_Minh", "slot_minutes": 30, "buyer_min_meetings": 2, "buyer_max_meetings": 6,
        "supplier_min_meetings": 0, "supplier_max_meetings": 12, "request_ttl_hours": 48,
        "days": [{"date": "2026-12-08", "opens_at": "09:00", "closes_at": "13:00"}]
    })))
    .await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<Uuid> = view["slots"].as_array().unwrap().iter().map(id_of).collect();
    assert_eq!(ids.len(), 8);
    assert_eq!(&ids[..6], &fair.slots[..]);
}

#[tokio::test]
async fn when_every_table_is_taken_the_meeting_can_go_online() {
    let fair = fair(2, 1).await;
    let app = &fair.app;
    // Two meetings in one slot with one table: the first takes it.
    let (_, first) = request(&fair, 0, Some(fair.slots[1])).await;
    let (status, body) =
        send(fair.supplier_staff.post(app.url(&format!("/api/v1/meetings/{}/accept", id_of(&first)))).json(&json!({})))
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A second supplier for the second buyer, same slot.
    let (other, _) = app.create_exhibitor(&fair.organiser, "Công ty Cơ khí Đông Anh").await;
    let other_staff = app.session_for(&app.create_user("exhibitor", Some(other), Some("admin")).await).await;
    let (status, second) = send(fair.buyers[1].1.post(app.url("/api/v1/meetings")).json(&json!({
        "counterpart_id": other, "slot_id": fair.slots[1]
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    let accept = app.url(&format!("/api/v1/meetings/{}/accept", id_of(&second)));
    let (status, body) = send(other_staff.post(&accept).json(&json!({}))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "no_table_free");
    let (status, body) = send(other_staff.post(&accept).json(&json!({"mode": "by pigeon"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, online) = send(other_staff.post(&accept).json(&json!({"mode": "online"}))).await;
    assert_eq!(status, StatusCode::OK, "{online}");
    assert_eq!(online["mode"], "online");
    assert!(online["table"].is_null());
    assert!(online["room_url"].as_str().unwrap().contains("/rooms/"));
    // Organisers cancel or accept; they do not propose.
    let (_, seen) = send(fair.organiser.get(app.url(&format!("/api/v1/meetings/{}", id_of(&online))))).await;
    assert!(!seen["actions"].as_array().unwrap().iter().any(|a| a == "propose"), "{seen}");
}
