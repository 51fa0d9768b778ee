//! Explained recommendations across languages and the organisers' scheduler, over
//! the real server: run, inspect, edit, lock, rerun, publish.

use std::collections::HashSet;

use fair_tests::{Client, TestApp, id_of, product_input, send};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

struct Supplier {
    id: Uuid,
    staff: Client,
}

/// A small fair: Vietnamese makers of different things, Japanese and Taiwanese
/// buyers whose needs are written in their own languages.
struct Fair {
    app: TestApp,
    organiser: Client,
    slots: Vec<Uuid>,
    /// Die casting with a valid ISO 9001.
    die_caster: Supplier,
    /// Injection moulding with a valid ISO 9001.
    moulder: Supplier,
    /// Die casting too, but its ISO 9001 expired.
    lapsed_caster: Supplier,
    /// Japanese buyer: die-cast housings, ISO 9001 required.
    japanese: (Uuid, Client),
    /// Taiwanese buyer: injection-moulded parts.
    taiwanese: (Uuid, Client),
}

async fn supplier(app: &TestApp, organiser: &Client, name: &str, product: Value, iso_until: &str) -> Supplier {
    let (id, _) = app.create_exhibitor(organiser, name).await;
    let staff = app.session_for(&app.create_user("exhibitor", Some(id), Some("admin")).await).await;
    let (status, body) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&product)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/certifications"))).json(&json!({
        "standard": "ISO9001", "issuer": "Bureau Veritas", "certificate_number": format!("VN-{id}"),
        "valid_until": iso_until
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    Supplier { id, staff }
}

async fn buyer(
    app: &TestApp,
    organiser: &Client,
    name: &str,
    country: &str,
    languages: &[&str],
    need: Value,
) -> (Uuid, Client) {
    let id = app.create_buyer(organiser, name, country).await;
    let (status, body) = send(organiser.put(app.url(&format!("/api/v1/buyers/{id}"))).json(&json!({
        "company_name": name, "country": country, "time_zone": "Asia/Tokyo", "languages": languages,
        "industry": "electronics and motorcycles"
    })))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let client = app.session_for(&app.create_user("buyer", Some(id), None).await).await;
    let (status, body) = send(client.post(app.url(&format!("/api/v1/buyers/{id}/needs"))).json(&need)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (id, client)
}

async fn fair() -> Fair {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let slots = app.setup_fair(&organiser, 6, 2).await;
    let die_caster = supplier(
        &app,
        &organiser,
        "Công ty Đúc Nhôm Sóc Sơn",
        json!({"name": {"vi": "Vỏ hộp số nhôm đúc áp lực"}, "description": {"vi": "Đúc áp lực nhôm ADC12 cho xe máy"},
               "product_group": "ME4", "processes": ["P03"], "materials": ["ADC12"], "moq": 500, "unit": "pcs"}),
        "2028-06-30",
    )
    .await;
    let moulder = supplier(
        &app,
        &organiser,
        "Công ty Nhựa Kỹ thuật Thăng Long",
        product_input("Vỏ nhựa ABS ép phun cho thiết bị điện tử", "EL5", &["P02"]),
        "2028-06-30",
    )
    .await;
    let lapsed_caster = supplier(
        &app,
        &organiser,
        "Xưởng Đúc Đông Anh",
        json!({"name": {"vi": "Chi tiết nhôm đúc áp lực"}, "product_group": "ME4", "processes": ["P03"],
               "materials": ["ADC12"], "unit": "pcs"}),
        "2025-01-31",
    )
    .await;
    let japanese = buyer(
        &app,
        &organiser,
        "Hamamatsu Motor Parts",
        "JP",
        &["ja"],
        json!({"title": "アルミダイカスト製ハウジング", "description": "二輪車用のアルミダイカスト部品。ISO 9001 必須。",
               "language": "ja", "product_group": "ME4", "processes": ["P03"], "required_certifications": ["ISO9001"],
               "annual_volume": 20000, "unit": "pcs"}),
    )
    .await;
    let taiwanese = buyer(
        &app,
        &organiser,
        "Hsinchu Electronics",
        "TW",
        &["zh-Hant", "en"],
        json!({"title": "塑膠射出成型外殼", "description": "電子產品用 ABS 塑膠射出外殼", "language": "zh-Hant"}),
    )
    .await;
    Fair { app, organiser, slots, die_caster, moulder, lapsed_caster, japanese, taiwanese }
}

fn names(list: &Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|i| i["organisation_id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn needs_in_japanese_and_chinese_find_the_right_vietnamese_makers_with_reasons() {
    let fair = fair().await;
    let app = &fair.app;
    let (japanese, jp_client) = &fair.japanese;
    let (status, list) =
        send(jp_client.get(app.url(&format!("/api/v1/buyers/{japanese}/recommendations?lang=ja")))).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let ids = names(&list);
    assert_eq!(
        ids.first(),
        Some(&fair.die_caster.id.to_string()),
        "the die caster with a valid ISO 9001 first: {list}"
    );
    // The lapsed caster is vetoed (expired required certificate): never recommended.
    assert!(!ids.contains(&fair.lapsed_caster.id.to_string()), "{list}");
    let top = &list["items"][0];
    let reasons: Vec<&str> = top["reasons"].as_array().unwrap().iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert!(reasons.iter().any(|r| r.contains("ダイカスト")), "a reason in Japanese names the process: {reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("ISO 9001")), "the certificate is a reason: {reasons:?}");

    let (taiwanese, tw_client) = &fair.taiwanese;
    let (status, list) =
        send(tw_client.get(app.url(&format!("/api/v1/buyers/{taiwanese}/recommendations?lang=zh-Hant")))).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(names(&list).first(), Some(&fair.moulder.id.to_string()), "the injection moulder first: {list}");

    // The exhibitor's side: the Japanese buyer is recommended to the die caster.
    let (status, list) = send(
        fair.die_caster
            .staff
            .get(app.url(&format!("/api/v1/exhibitors/{}/recommendations?lang=vi", fair.die_caster.id))),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(names(&list).first(), Some(&japanese.to_string()), "{list}");

    // A buyer sees only their own recommendations.
    let (status, _) = send(tw_client.get(app.url(&format!("/api/v1/buyers/{japanese}/recommendations")))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Per slot, nobody (and no table) twice.
fn assert_no_double_booking(run: &Value) {
    let mut seen = HashSet::new();
    for entry in run["entries"].as_array().unwrap() {
        let slot = entry["slot"]["id"].as_str().unwrap();
        for key in [&entry["buyer"]["id"], &entry["supplier"]["id"], &entry["table"]["id"], &entry["interpreter"]["id"]]
        {
            if let Some(key) = key.as_str() {
                assert!(seen.insert((slot.to_owned(), key.to_owned())), "{key} twice in slot {slot}");
            }
        }
    }
}

fn entry_of(run: &Value, buyer: Uuid, supplier: Uuid) -> Option<&Value> {
    run["entries"].as_array().unwrap().iter().find(|e| {
        e["buyer"]["id"].as_str() == Some(&buyer.to_string())
            && e["supplier"]["id"].as_str() == Some(&supplier.to_string())
    })
}

#[tokio::test]
async fn the_scheduler_runs_is_edited_locked_rerun_and_published() {
    let fair = fair().await;
    let app = &fair.app;
    let org = &fair.organiser;
    let (japanese, jp_client) = &fair.japanese;
    let (taiwanese, tw_client) = &fair.taiwanese;

    // Not for participants.
    let (status, _) = send(jp_client.post(app.url("/api/v1/schedule/runs"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = send(org.get(app.url("/api/v1/schedule/runs/latest"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Mutual Must meet between the Japanese buyer and the die caster; the Japanese
    // buyer also asks for the lapsed caster (vetoed: expired ISO 9001); the
    // Taiwanese buyer has an accepted meeting with the moulder in slot 2.
    for (client, from, to) in
        [(jp_client, *japanese, fair.die_caster.id), (&fair.die_caster.staff, fair.die_caster.id, *japanese)]
    {
        let (status, body) = send(
            client
                .put(app.url(&format!("/api/v1/organisations/{from}/preferences/{to}")))
                .json(&json!({"level": "must"})),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = send(
        jp_client
            .put(app.url(&format!("/api/v1/organisations/{japanese}/preferences/{}", fair.lapsed_caster.id)))
            .json(&json!({"level": "must"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, accepted) = send(tw_client.post(app.url("/api/v1/meetings")).json(&json!({
        "counterpart_id": fair.moulder.id, "slot_id": fair.slots[2]
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{accepted}");
    let accepted_id = id_of(&accepted);
    let (status, body) =
        send(fair.moulder.staff.post(app.url(&format!("/api/v1/meetings/{accepted_id}/accept"))).json(&json!({})))
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, run) = send(org.post(app.url("/api/v1/schedule/runs?lang=ja"))).await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    assert_eq!(run["state"], "provisional");
    assert_no_double_booking(&run);
    let must = entry_of(&run, *japanese, fair.die_caster.id).expect("the mutual Must-meet pair is scheduled");
    assert!(must["score"].as_i64().unwrap() > 0);
    assert_eq!(run["stats"]["mutual_must"], 1);
    assert_eq!(run["stats"]["mutual_must_met"], 1);
    let kept = entry_of(&run, *taiwanese, fair.moulder.id).expect("the accepted meeting is in the run");
    assert_eq!(kept["meeting_id"], accepted_id.to_string());
    assert_eq!(kept["slot"]["id"], fair.slots[2].to_string(), "accepted meetings stay where they are");
    assert_eq!(kept["locked"], true);
    assert!(entry_of(&run, *japanese, fair.lapsed_caster.id).is_none());
    let vetoed = run["unscheduled"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["supplier"]["id"] == fair.lapsed_caster.id.to_string())
        .expect("the vetoed pair is listed with why");
    assert_eq!(vetoed["reason"], "expired_certificate");
    assert!(vetoed["text"].as_str().unwrap().contains("ISO 9001"), "{vetoed}");
    assert!(vetoed["text"].as_str().unwrap().contains("失効"), "in Japanese: {vetoed}");

    // Edit: moving the Must pair onto the Taiwanese meeting's slot is fine (other
    // people), but not onto a slot where the buyer already meets someone.
    let run_id = id_of(&run);
    let must_id = must["id"].as_str().unwrap().to_owned();
    let buyer_slots: Vec<String> = run["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["buyer"]["id"] == japanese.to_string() && e["id"] != must_id)
        .map(|e| e["slot"]["id"].as_str().unwrap().to_owned())
        .collect();
    if let Some(busy) = buyer_slots.first() {
        let (status, body) = send(
            org.put(app.url(&format!("/api/v1/schedule/runs/{run_id}/entries/{must_id}")))
                .json(&json!({"slot_id": busy, "locked": false})),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["code"], "buyer_busy");
    }
    let free =
        fair.slots
            .iter()
            .find(|s| {
                !buyer_slots.contains(&s.to_string())
                    && !run["entries"].as_array().unwrap().iter().any(|e| {
                        e["supplier"]["id"] == fair.die_caster.id.to_string() && e["slot"]["id"] == s.to_string()
                    })
            })
            .unwrap();
    let (status, body) = send(
        org.put(app.url(&format!("/api/v1/schedule/runs/{run_id}/entries/{must_id}")))
            .json(&json!({"slot_id": free, "locked": true})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["locked"], true);
    // An accepted meeting is not removed from a draft.
    let kept_id = kept["id"].as_str().unwrap();
    let (status, body) = send(org.delete(app.url(&format!("/api/v1/schedule/runs/{run_id}/entries/{kept_id}")))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "accepted_meeting");
    // Bad input.
    let (status, body) = send(
        org.put(app.url(&format!("/api/v1/schedule/runs/{run_id}/entries/{must_id}")))
            .json(&json!({"slot_id": Uuid::now_v7(), "locked": true})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // A rerun keeps the locked entry where the organiser put it, replaces the draft,
    // and moves nothing else (nothing changed).
    let (status, rerun) = send(org.post(app.url("/api/v1/schedule/runs"))).await;
    assert_eq!(status, StatusCode::CREATED, "{rerun}");
    assert_no_double_booking(&rerun);
    let locked = entry_of(&rerun, *japanese, fair.die_caster.id).unwrap();
    assert_eq!(locked["slot"]["id"], free.to_string());
    assert_eq!(locked["locked"], true);
    assert_eq!(rerun["stats"]["moved"], 0, "{}", rerun["stats"]);
    let (status, _) = send(org.post(app.url(&format!("/api/v1/schedule/runs/{run_id}/publish")))).await;
    assert_eq!(status, StatusCode::CONFLICT, "the replaced draft cannot be published");

    // Publish: every entry becomes an accepted meeting both sides see.
    let rerun_id = id_of(&rerun);
    let (status, published) = send(org.post(app.url(&format!("/api/v1/schedule/runs/{rerun_id}/publish")))).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    assert_eq!(published["state"], "published");
    let (status, mine) = send(jp_client.get(app.url("/api/v1/meetings?status=accepted"))).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    let meeting = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["supplier"]["id"] == fair.die_caster.id.to_string())
        .expect("the buyer sees the scheduled meeting");
    assert_eq!(meeting["slot"]["id"], free.to_string());
    assert_eq!(meeting["locked"], true);
    let expected_meetings = rerun["entries"].as_array().unwrap().len();
    let mut total = 0;
    for client in [jp_client, tw_client] {
        let (_, list) = send(client.get(app.url("/api/v1/meetings?status=accepted"))).await;
        total += list["items"].as_array().unwrap().len();
    }
    assert_eq!(total, expected_meetings, "every entry is one accepted meeting");
    let (status, body) = send(org.post(app.url(&format!("/api/v1/schedule/runs/{rerun_id}/publish")))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "run_not_provisional");
}

#[tokio::test]
async fn a_draft_that_clashes_with_a_later_booking_is_not_published() {
    let fair = fair().await;
    let app = &fair.app;
    let org = &fair.organiser;
    let (japanese, jp_client) = &fair.japanese;
    let (status, run) = send(org.post(app.url("/api/v1/schedule/runs"))).await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    let entry = entry_of(&run, *japanese, fair.die_caster.id).expect("the best pair is scheduled").clone();
    // Meanwhile the Japanese buyer books the moulder in the very slot of its draft entry.
    let slot = entry["slot"]["id"].as_str().unwrap();
    let (status, request) = send(jp_client.post(app.url("/api/v1/meetings")).json(&json!({
        "counterpart_id": fair.moulder.id, "slot_id": slot
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    let (status, body) = send(
        fair.moulder.staff.post(app.url(&format!("/api/v1/meetings/{}/accept", id_of(&request)))).json(&json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, before) = send(jp_client.get(app.url("/api/v1/meetings?status=accepted"))).await;

    let (status, body) = send(org.post(app.url(&format!("/api/v1/schedule/runs/{}/publish", id_of(&run))))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "schedule_stale");
    let (_, after) = send(jp_client.get(app.url("/api/v1/meetings?status=accepted"))).await;
    assert_eq!(before["items"], after["items"], "nothing was published");
    let (_, latest) = send(org.get(app.url("/api/v1/schedule/runs/latest"))).await;
    assert_eq!(latest["state"], "provisional");

    // A fresh run sees the new meeting and publishes.
    let (status, run) = send(org.post(app.url("/api/v1/schedule/runs"))).await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    let (status, body) = send(org.post(app.url(&format!("/api/v1/schedule/runs/{}/publish", id_of(&run))))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn the_scheduler_needs_slots() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (status, body) = send(organiser.post(app.url("/api/v1/schedule/runs"))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "no_slots");
}

/// The demo fair end to end: needs written in Japanese and Chinese find Vietnamese
/// makers of the right products, then the organiser schedules everyone and publishes.
#[tokio::test]
async fn the_demo_fair_is_matched_across_languages_and_scheduled() {
    let app = TestApp::spawn().await;
    let mut options = fair_seed::DemoOptions::plan_35(35, chrono::Utc::now().date_naive());
    options.suppliers = 150;
    options.certified_suppliers = 50;
    options.buyers = 40;
    let report = fair_server::seed::seed_demo(&app.store, &options, false, false).await.unwrap();
    assert!(report.slots >= 30 && report.tables >= 20 && report.interpreters >= 4, "{report:?}");
    let organiser = app.session_for("organiser@demo.cnht.vn").await;
    app.eventually(std::time::Duration::from_secs(10), || async {
        let (_, summary) = send(app.client().get(app.url("/api/v1/open-data/summary"))).await;
        (summary["exhibitors"].as_u64().unwrap_or(0) > 100).then_some(())
    })
    .await
    .unwrap();

    // Every Japanese or Chinese need that names a product group gets, as its top
    // recommendation, a supplier making that group (and the reason says so).
    let (_, buyers) = send(organiser.get(app.url("/api/v1/buyers?limit=100"))).await;
    let mut checked = 0;
    for buyer in buyers["items"].as_array().unwrap() {
        let id = buyer["id"].as_str().unwrap();
        let (_, needs) = send(organiser.get(app.url(&format!("/api/v1/buyers/{id}/needs")))).await;
        let needs = needs["items"].as_array().unwrap();
        let Some(language) = needs.first().and_then(|n| n["language"].as_str()) else { continue };
        if !["ja", "zh-Hant", "zh-Hans"].contains(&language) {
            continue;
        }
        let ui = if language == "ja" { "ja" } else { "zh-Hant" };
        let (status, list) =
            send(organiser.get(app.url(&format!("/api/v1/buyers/{id}/recommendations?lang={ui}&limit=3")))).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let top = &list["items"][0];
        // The need the top supplier answers, as the recommendation names it.
        let need_id = top["need"]["id"].as_str().expect("the recommendation names the need it answers");
        let need = needs.iter().find(|n| n["id"] == need_id).unwrap();
        let Some(group) = need["product_group"].as_str() else { continue };
        let slug = top["slug"].as_str().expect("a recommendation");
        let (_, booth) = send(app.client().get(app.url(&format!("/api/v1/booths/{slug}")))).await;
        let groups: Vec<&str> =
            booth["products"].as_array().unwrap().iter().filter_map(|p| p["product_group"].as_str()).collect();
        assert!(groups.contains(&group), "need {} ({group}) → {} makes {groups:?}", need["title"], top["name"]);
        assert!(!top["reasons"].as_array().unwrap().is_empty());
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} Japanese or Chinese needs checked");

    let (status, run) = send(organiser.post(app.url("/api/v1/schedule/runs"))).await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    assert_no_double_booking(&run);
    let stats = &run["stats"];
    assert!(stats["meetings"].as_u64().unwrap() >= 40 * 3, "{stats}");
    assert_eq!(stats["buyers"], 40);
    let (status, published) =
        send(organiser.post(app.url(&format!("/api/v1/schedule/runs/{}/publish", id_of(&run))))).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    let buyer1 = app.session_for("buyer1@demo.cnht.vn").await;
    let (_, mine) = send(buyer1.get(app.url("/api/v1/meetings?status=accepted"))).await;
    assert!(!mine["items"].as_array().unwrap().is_empty(), "buyer1 has meetings: {mine}");
}
