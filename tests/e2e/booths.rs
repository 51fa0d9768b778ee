use std::time::Duration;

use fair_tests::{TestApp, exhibitor_profile, id_of, product_input, send};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_exhibitor_edits_its_booth_and_visitors_see_it() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Công ty Cổ phần Cơ khí Đông Anh").await;
    assert_eq!(slug, "cong-ty-co-phan-co-khi-dong-anh-co-ltd");
    let staff = app.login(&app.create_user("exhibitor", Some(id), Some("rep")).await).await;

    let mut profile = exhibitor_profile("Công ty Cổ phần Cơ khí Đông Anh");
    profile["headline"] = json!({"vi": "Gia công CNC chính xác", "ja": "精密切削加工"});
    profile["employees"] = json!(150);
    let (status, view) = send(staff.put(app.url(&format!("/api/v1/exhibitors/{id}"))).json(&profile)).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["company_size"], "medium");
    assert_eq!(view["headline"]["ja"], "精密切削加工");

    let (status, product) =
        send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&product_input(
            "Trục gia công CNC thép S45C",
            "ME5",
            &["P01", "P09"],
        )))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{product}");
    let product_id = id_of(&product);

    let today = chrono::Utc::now().date_naive();
    let (status, valid) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/certifications"))).json(&json!({
        "standard": "ISO9001", "issuer": "Bureau Veritas", "certificate_number": "VN-1234",
        "valid_from": today - chrono::Duration::days(400), "valid_until": today + chrono::Duration::days(300)
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{valid}");
    assert_eq!(valid["valid"], true);
    let (status, expired) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/certifications"))).json(&json!({
        "standard": "ISO14001", "issuer": "SGS", "certificate_number": "E-77", "valid_until": today - chrono::Duration::days(1)
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(expired["valid"], false);
    // The same certificate twice is a conflict.
    let (status, body) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/certifications"))).json(&json!({
        "standard": "ISO9001", "issuer": "BV", "certificate_number": "VN-1234", "valid_until": today
    })))
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "certificate_exists");

    let visitor = app.client();
    let (status, page) = send(visitor.get(app.url(&format!("/api/v1/booths/{slug}")))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["exhibitor"]["certified"], true);
    assert_eq!(page["exhibitor"]["sectors"], json!(["ME"]));
    assert_eq!(page["exhibitor"]["processes"], json!(["P01", "P09"]));
    assert_eq!(page["products"][0]["id"], product_id.to_string());
    assert_eq!(page["certifications"].as_array().unwrap().len(), 2);

    // Edit and delete the product.
    let (status, updated) = send(staff.put(app.url(&format!("/api/v1/products/{product_id}"))).json(&product_input(
        "Trục truyền động CNC",
        "ME5",
        &["P01"],
    )))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["name"]["vi"], "Trục truyền động CNC");
    assert_eq!(send(staff.delete(app.url(&format!("/api/v1/products/{product_id}")))).await.0, StatusCode::NO_CONTENT);
    assert_eq!(send(visitor.get(app.url(&format!("/api/v1/products/{product_id}")))).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unpublished_booths_are_hidden_from_everyone_but_their_staff_and_organisers() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Hidden Co").await;
    let staff = app.login(&app.create_user("exhibitor", Some(id), Some("admin")).await).await;
    let mut profile = exhibitor_profile("Hidden Co");
    profile["published"] = json!(false);
    assert_eq!(send(staff.put(app.url(&format!("/api/v1/exhibitors/{id}"))).json(&profile)).await.0, StatusCode::OK);

    assert_eq!(send(app.client().get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(send(app.client().get(app.url(&format!("/api/v1/exhibitors/{id}")))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(send(staff.get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::OK);
    assert_eq!(send(organiser.get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::OK);
    let (_, results) = send(app.client().get(app.url("/api/v1/directory?q=hidden"))).await;
    assert_eq!(results["total"], 0);
}

#[tokio::test]
async fn placement_is_for_organisers_and_one_stand_holds_one_booth() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (first, _) = app.create_exhibitor(&organiser, "First Co").await;
    let (second, _) = app.create_exhibitor(&organiser, "Second Co").await;
    let staff = app.login(&app.create_user("exhibitor", Some(first), Some("admin")).await).await;
    let place = json!({"hall": "A", "stand": "A-101", "online_booth": true});
    assert_eq!(
        send(staff.put(app.url(&format!("/api/v1/exhibitors/{first}/placement"))).json(&place)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, view) =
        send(organiser.put(app.url(&format!("/api/v1/exhibitors/{first}/placement"))).json(&place)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["stand"], "A-101");
    assert_eq!(view["online_booth"], true);
    let (status, body) =
        send(organiser.put(app.url(&format!("/api/v1/exhibitors/{second}/placement"))).json(&place)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "stand_taken");
    let (status, body) = send(
        organiser
            .put(app.url(&format!("/api/v1/exhibitors/{second}/placement")))
            .json(&json!({"hall": "A", "stand": "A 102; drop", "online_booth": false})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "stand");
}

#[tokio::test]
async fn slugs_are_unique_and_chosen_ones_are_checked() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (_, first) = app.create_exhibitor(&organiser, "Same Name").await;
    let (_, second) = app.create_exhibitor(&organiser, "Same Name").await;
    assert_ne!(first, second);
    assert_eq!(second, format!("{first}-2"));
    let (status, body) = send(
        organiser
            .post(app.url("/api/v1/exhibitors"))
            .json(&json!({"slug": first, "profile": exhibitor_profile("Third")})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "slug_taken");
    let (status, body) = send(
        organiser
            .post(app.url("/api/v1/exhibitors"))
            .json(&json!({"slug": "Bad Slug!", "profile": exhibitor_profile("Third")})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "slug");
}

#[tokio::test]
async fn staff_contact_details_are_private_and_admins_manage_the_team() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Team Co").await;
    let admin_email = app.create_user("exhibitor", Some(id), Some("admin")).await;
    let admin = app.login(&admin_email).await;
    let rep = app.login(&app.create_user("exhibitor", Some(id), Some("rep")).await).await;

    let member = json!({"full_name": "Lê Thị Hoa", "job_title": "Sales", "email": "hoa@team.example",
                        "phone": "+84 24 3826 1234", "languages": ["vi", "ja"], "shown_on_booth": true});
    let (status, created) = send(admin.post(app.url(&format!("/api/v1/exhibitors/{id}/staff"))).json(&member)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        send(rep.post(app.url(&format!("/api/v1/exhibitors/{id}/staff"))).json(&member)).await.0,
        StatusCode::FORBIDDEN
    );
    let hidden = json!({"full_name": "Phạm Văn Nam", "shown_on_booth": false});
    assert_eq!(
        send(admin.post(app.url(&format!("/api/v1/exhibitors/{id}/staff"))).json(&hidden)).await.0,
        StatusCode::CREATED
    );

    let (_, page) = send(app.client().get(app.url(&format!("/api/v1/booths/{slug}")))).await;
    let public = page["staff"].as_array().unwrap();
    assert_eq!(public.len(), 1, "{public:?}");
    assert_eq!(public[0]["full_name"], "Lê Thị Hoa");
    assert!(public[0]["email"].is_null() && public[0]["phone"].is_null());

    let (_, own) = send(rep.get(app.url(&format!("/api/v1/exhibitors/{id}/staff")))).await;
    assert_eq!(own.as_array().unwrap().len(), 2);
    assert!(own.as_array().unwrap().iter().any(|m| m["email"] == "hoa@team.example"));

    let staff_id = id_of(&created);
    let (status, _) = send(rep.delete(app.url(&format!("/api/v1/staff/{staff_id}")))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(send(admin.delete(app.url(&format!("/api/v1/staff/{staff_id}")))).await.0, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn booth_views_are_counted_once_per_visitor() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Viewed Co").await;
    let visitor = app.client();
    for _ in 0..3 {
        assert_eq!(send(visitor.get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::OK);
    }
    // A second visitor (different browser) counts again.
    let other = reqwest::Client::builder().user_agent("another browser").build().unwrap();
    assert_eq!(send(other.get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::OK);
    // The exhibitor's own staff are not visitors.
    let staff = app.login(&app.create_user("exhibitor", Some(id), Some("rep")).await).await;
    assert_eq!(send(staff.get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::OK);

    let count = app
        .eventually(Duration::from_secs(10), || {
            let organiser = organiser.clone();
            let url = app.url(&format!("/api/v1/exhibitors/{id}"));
            async move {
                let (_, view) = send(organiser.get(url)).await;
                let count = view["view_count"].as_i64().unwrap_or(0);
                (count >= 2).then_some(count)
            }
        })
        .await
        .expect("views are written within seconds");
    assert_eq!(count, 2);
}

#[tokio::test]
async fn buyers_keep_their_needs_and_only_the_right_people_see_them() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let company = app.create_buyer(&organiser, "Hanoi Seimitsu Kogyo", "JP").await;
    let other_company = app.create_buyer(&organiser, "Taipei Precision", "TW").await;
    let buyer = app.login(&app.create_user("buyer", Some(company), None).await).await;
    let other_buyer = app.login(&app.create_user("buyer", Some(other_company), None).await).await;
    let (exhibitor_id, _) = app.create_exhibitor(&organiser, "Supplier Co").await;
    let exhibitor = app.login(&app.create_user("exhibitor", Some(exhibitor_id), Some("rep")).await).await;

    let need = json!({
        "title": "射出成形によるABS樹脂カバーの調達",
        "description": "月産2万個、公差±0.05mm、ISO 9001必須",
        "language": "ja", "product_group": "EL5", "processes": ["P02"],
        "required_certifications": ["ISO9001"], "annual_volume": 240000, "unit": "pcs", "tolerance_um": 50
    });
    let (status, created) = send(buyer.post(app.url(&format!("/api/v1/buyers/{company}/needs"))).json(&need)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        send(other_buyer.post(app.url(&format!("/api/v1/buyers/{company}/needs"))).json(&need)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(exhibitor.post(app.url(&format!("/api/v1/buyers/{company}/needs"))).json(&need)).await.0,
        StatusCode::FORBIDDEN
    );

    let (status, list) = send(exhibitor.get(app.url(&format!("/api/v1/buyers/{company}/needs")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"][0]["title"], "射出成形によるABS樹脂カバーの調達");
    assert_eq!(
        send(other_buyer.get(app.url(&format!("/api/v1/buyers/{company}/needs")))).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(send(app.client().get(app.url(&format!("/api/v1/buyers/{company}")))).await.0, StatusCode::UNAUTHORIZED);
    let (status, view) = send(buyer.get(app.url(&format!("/api/v1/buyers/{company}")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["open_needs"], 1);

    let mut closed = need.clone();
    closed["status"] = json!("closed");
    let need_id = id_of(&created);
    let (status, updated) = send(buyer.put(app.url(&format!("/api/v1/needs/{need_id}"))).json(&closed)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["status"], "closed");
    let (_, view) = send(organiser.get(app.url(&format!("/api/v1/buyers/{company}")))).await;
    assert_eq!(view["open_needs"], 0);

    let (status, page) = send(exhibitor.get(app.url("/api/v1/buyers?country=JP"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(send(buyer.get(app.url("/api/v1/buyers"))).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn lists_page_with_cursors() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, _) = app.create_exhibitor(&organiser, "Catalogue Co").await;
    for i in 0..5 {
        let (status, _) =
            send(organiser.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&product_input(
                &format!("Sản phẩm {i}"),
                "ME3",
                &[],
            )))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = app.url(&format!("/api/v1/exhibitors/{id}/products?limit=2"));
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let (status, page) = send(app.client().get(url)).await;
        assert_eq!(status, StatusCode::OK);
        names.extend(page["items"].as_array().unwrap().iter().map(|p| p["name"]["vi"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(names, (0..5).map(|i| format!("Sản phẩm {i}")).collect::<Vec<_>>());
    let (status, body) =
        send(app.client().get(app.url(&format!("/api/v1/exhibitors/{id}/products?cursor=garbage")))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "invalid_cursor");
    assert_eq!(
        send(app.client().get(app.url(&format!("/api/v1/exhibitors/{id}/products?limit=0")))).await.0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn deleting_an_exhibitor_removes_everything_it_owns() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Gone Co").await;
    let staff_email = app.create_user("exhibitor", Some(id), Some("admin")).await;
    let staff = app.login(&staff_email).await;
    send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&product_input(
        "Khuôn ép",
        "ME1",
        &["P07"],
    )))
    .await;
    assert_eq!(send(staff.delete(app.url(&format!("/api/v1/exhibitors/{id}")))).await.0, StatusCode::FORBIDDEN);
    assert_eq!(send(organiser.delete(app.url(&format!("/api/v1/exhibitors/{id}")))).await.0, StatusCode::NO_CONTENT);
    assert_eq!(send(app.client().get(app.url(&format!("/api/v1/booths/{slug}")))).await.0, StatusCode::NOT_FOUND);
    // The staff account went with it.
    assert_eq!(send(staff.get(app.url("/api/v1/auth/me"))).await.0, StatusCode::UNAUTHORIZED);
    assert!(app.store.user_by_email(&staff_email).await.unwrap().is_none());
    assert_eq!(send(organiser.delete(app.url(&format!("/api/v1/exhibitors/{id}")))).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn booth_pages_tell_the_viewer_what_they_may_do() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Flags Co").await;
    let admin_email = app.create_user("exhibitor", Some(id), Some("admin")).await;
    let admin = app.login(&admin_email).await;
    let rep = app.login(&app.create_user("exhibitor", Some(id), Some("rep")).await).await;
    let today = chrono::Utc::now().date_naive();
    for (number, from, until) in [("1", -400, 300), ("2", -800, -1), ("3", 10, 900)] {
        let (status, _) = send(admin.post(app.url(&format!("/api/v1/exhibitors/{id}/certifications"))).json(&json!({
            "standard": "ISO9001", "issuer": "BV", "certificate_number": number,
            "valid_from": today + chrono::Duration::days(from), "valid_until": today + chrono::Duration::days(until)
        })))
        .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let page_for = |client: &fair_tests::Client| {
        let request = client.get(app.url(&format!("/api/v1/booths/{slug}")));
        async move { send(request).await.1 }
    };
    let visitor = page_for(&app.client()).await;
    assert_eq!(visitor["viewer_can_edit"], false);
    assert_eq!(visitor["viewer_can_manage_staff"], false);
    let statuses: Vec<&str> =
        visitor["certifications"].as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["valid", "expired", "not_yet_valid"]);
    let own_rep = page_for(&rep).await;
    assert_eq!(
        (own_rep["viewer_can_edit"].as_bool(), own_rep["viewer_can_manage_staff"].as_bool()),
        (Some(true), Some(false))
    );
    let own_admin = page_for(&admin).await;
    assert_eq!(own_admin["viewer_can_manage_staff"], true);
    // The admin sees themselves marked in the team (their staff record came with the account).
    let member = json!({"full_name": "Admin Person", "email": admin_email, "shown_on_booth": true});
    send(admin.post(app.url(&format!("/api/v1/exhibitors/{id}/staff"))).json(&member)).await;
    let (_, staff) = send(admin.get(app.url(&format!("/api/v1/exhibitors/{id}/staff")))).await;
    assert!(
        staff.as_array().unwrap().iter().all(|m| m["is_viewer"] == false),
        "no staff record is linked to the admin yet"
    );
}

#[tokio::test]
async fn organisers_find_exhibitors_by_name() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    app.create_exhibitor(&organiser, "Công ty Cơ khí Đông Anh").await;
    app.create_exhibitor(&organiser, "Nhựa Thăng Long").await;
    app.create_exhibitor(&organiser, "Đông Á Plastics").await;
    let names = |value: &serde_json::Value| -> Vec<String> {
        value["items"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_owned()).collect()
    };
    let (status, found) = send(organiser.get(app.url("/api/v1/exhibitors?q=dong"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&found), ["Công ty Cơ khí Đông Anh", "Đông Á Plastics"]);
    let (_, first) = send(organiser.get(app.url("/api/v1/exhibitors?q=dong&limit=1"))).await;
    assert_eq!(names(&first), ["Công ty Cơ khí Đông Anh"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = send(organiser.get(app.url(&format!("/api/v1/exhibitors?q=dong&limit=1&cursor={cursor}")))).await;
    assert_eq!(names(&second), ["Đông Á Plastics"]);
    assert!(second["next_cursor"].is_null());
    let (_, english) = send(organiser.get(app.url("/api/v1/exhibitors?q=thang%20long%20co"))).await;
    assert_eq!(names(&english), ["Nhựa Thăng Long"]);
}
