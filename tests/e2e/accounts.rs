use fair_tests::{PASSWORD, TestApp, send};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn login_sets_an_http_only_cookie_and_logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let email = app.create_user("organiser", None, None).await;
    let client = app.client();

    let (status, body) = send(client.get(app.url("/api/v1/auth/me"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");

    let response = client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email.to_uppercase(), "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("fair_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP must not mark the cookie Secure: {cookie}");
    let token = cookie.split(';').next().unwrap().trim_start_matches("fair_session=").to_owned();

    let (status, me) = send(client.get(app.url("/api/v1/auth/me"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["email"], email);
    assert_eq!(me["user"]["role"], "organiser");

    let (status, _) = send(client.post(app.url("/api/v1/auth/logout"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // The old token no longer works, even if a client kept it.
    let replay = app.client();
    let (status, _) =
        send(replay.get(app.url("/api/v1/auth/me")).header("cookie", format!("fair_session={token}"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn secure_cookie_when_served_over_tls() {
    let app = TestApp::spawn_with(|s| s.public_url = Some("https://fair.example.vn".to_owned())).await;
    let email = app.create_user("organiser", None, None).await;
    let response = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = TestApp::spawn().await;
    let email = app.create_user("organiser", None, None).await;
    let client = app.client();
    for (email, password) in [(email.as_str(), "wrong password!"), ("nobody@test.example", PASSWORD)] {
        let (status, body) =
            send(client.post(app.url("/api/v1/auth/login")).json(&json!({"email": email, "password": password}))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "invalid_credentials");
    }
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account() {
    let app = TestApp::spawn().await;
    let email = app.create_user("organiser", None, None).await;
    let client = app.client();
    for _ in 0..5 {
        let (status, _) = send(
            client.post(app.url("/api/v1/auth/login")).json(&json!({"email": email, "password": "not the password"})),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused until the block ends.
    let response = client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "too_many_attempts");
    // Another account from the same address is not affected yet.
    let other = app.create_user("organiser", None, None).await;
    let (status, _) =
        send(client.post(app.url("/api/v1/auth/login")).json(&json!({"email": other, "password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn failed_logins_are_throttled_per_address() {
    let app = TestApp::spawn().await;
    let client = app.client();
    // 30 failures spread over many accounts (none reaches its own limit).
    for i in 0..30 {
        let (status, _) = send(
            client
                .post(app.url("/api/v1/auth/login"))
                .json(&json!({"email": format!("guess{i}@test.example"), "password": "guess guess"})),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let email = app.create_user("organiser", None, None).await;
    let (status, body) =
        send(client.post(app.url("/api/v1/auth/login")).json(&json!({"email": email, "password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
}

#[tokio::test]
async fn organisers_invite_exhibitor_admins_who_set_their_password_once() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (exhibitor, _) = app.create_exhibitor(&organiser, "Công ty TNHH Nhựa Thăng Long").await;

    let (status, invitation) = send(organiser.post(app.url("/api/v1/invitations")).json(&json!({
        "email": "Admin@Nhua-Thanglong.vn", "role": "exhibitor", "organisation_id": exhibitor, "staff_role": "admin"
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{invitation}");
    assert_eq!(invitation["email"], "admin@nhua-thanglong.vn");
    let token = invitation["token"].as_str().unwrap().to_owned();
    assert!(invitation["accept_url"].as_str().unwrap().ends_with(&format!("/invite/{token}")));

    let invitee = app.client();
    let (status, view) = send(invitee.get(app.url(&format!("/api/v1/invite/{token}")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["organisation_name"], "Công ty TNHH Nhựa Thăng Long");
    assert_eq!(view["staff_role"], "admin");

    let (status, body) = send(
        invitee
            .post(app.url(&format!("/api/v1/invite/{token}/accept")))
            .json(&json!({"display_name": "Nguyễn Văn An", "password": "short"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "password");

    let (status, me) = send(invitee.post(app.url(&format!("/api/v1/invite/{token}/accept"))).json(
        &json!({"display_name": "Nguyễn Văn An", "password": "a long enough password", "preferred_language": "ja"}),
    ))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{me}");
    assert_eq!(me["user"]["staff_role"], "admin");
    assert_eq!(me["user"]["preferred_language"], "ja");
    assert_eq!(me["organisation"]["id"], exhibitor.to_string());

    // Signed in straight away, and the new admin appears on the staff list.
    let (status, staff) = send(invitee.get(app.url(&format!("/api/v1/exhibitors/{exhibitor}/staff")))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        staff.as_array().unwrap().iter().any(|m| m["account_role"] == "admin" && m["full_name"] == "Nguyễn Văn An")
    );

    // The link works once.
    let (status, body) = send(
        app.client()
            .post(app.url(&format!("/api/v1/invite/{token}/accept")))
            .json(&json!({"display_name": "Someone", "password": "another long password"})),
    )
    .await;
    assert_eq!(status, StatusCode::GONE, "{body}");
    assert_eq!(send(app.client().get(app.url(&format!("/api/v1/invite/{token}")))).await.0, StatusCode::GONE);
    assert_eq!(send(app.client().get(app.url("/api/v1/invite/not-a-token"))).await.0, StatusCode::NOT_FOUND);

    // Inviting the same address again is a conflict.
    let (status, body) = send(organiser.post(app.url("/api/v1/invitations")).json(&json!({
        "email": "admin@nhua-thanglong.vn", "role": "exhibitor", "organisation_id": exhibitor
    })))
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "email_taken");
}

#[tokio::test]
async fn concurrent_acceptances_of_one_invitation_create_one_account() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let buyer = app.create_buyer(&organiser, "Hanoi Seimitsu", "JP").await;
    let (_, invitation) = send(organiser.post(app.url("/api/v1/invitations")).json(&json!({
        "email": "tanaka@seimitsu.example", "role": "buyer", "organisation_id": buyer
    })))
    .await;
    let token = invitation["token"].as_str().unwrap().to_owned();
    let attempts = (0..8).map(|i| {
        let client = app.client();
        let url = app.url(&format!("/api/v1/invite/{token}/accept"));
        async move {
            send(
                client
                    .post(url)
                    .json(&json!({"display_name": format!("Tanaka {i}"), "password": "a long enough password"})),
            )
            .await
            .0
        }
    });
    let statuses = futures_join_all(attempts).await;
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::GONE), "{statuses:?}");
}

async fn futures_join_all<F: Future<Output = StatusCode> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn who_may_invite_whom() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (own, _) = app.create_exhibitor(&organiser, "Own Co").await;
    let (other, _) = app.create_exhibitor(&organiser, "Other Co").await;
    let buyer_company = app.create_buyer(&organiser, "Buyer Co", "TW").await;
    let admin = app.login(&app.create_user("exhibitor", Some(own), Some("admin")).await).await;
    let rep = app.login(&app.create_user("exhibitor", Some(own), Some("rep")).await).await;
    let buyer = app.login(&app.create_user("buyer", Some(buyer_company), None).await).await;
    let invite = |organisation: uuid::Uuid, role: &str| json!({"email": format!("{}@x.example", uuid::Uuid::new_v4().simple()), "role": role, "organisation_id": organisation});

    assert_eq!(
        send(admin.post(app.url("/api/v1/invitations")).json(&invite(own, "exhibitor"))).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(admin.post(app.url("/api/v1/invitations")).json(&invite(other, "exhibitor"))).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(admin.post(app.url("/api/v1/invitations")).json(&invite(buyer_company, "buyer"))).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(rep.post(app.url("/api/v1/invitations")).json(&invite(own, "exhibitor"))).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(buyer.post(app.url("/api/v1/invitations")).json(&invite(buyer_company, "buyer"))).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(app.client().post(app.url("/api/v1/invitations")).json(&invite(own, "exhibitor"))).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) =
        send(admin.post(app.url("/api/v1/invitations")).json(&json!({"email": "o@x.example", "role": "organiser"})))
            .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(
        send(
            organiser.post(app.url("/api/v1/invitations")).json(&json!({"email": "o@x.example", "role": "organiser"}))
        )
        .await
        .0,
        StatusCode::CREATED
    );

    // Listing: organisers see all, the admin their own company's, reps nothing.
    let (status, all) = send(organiser.get(app.url("/api/v1/invitations"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let (status, own_list) = send(admin.get(app.url("/api/v1/invitations"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own_list["items"].as_array().unwrap().len(), 1);
    assert_eq!(send(rep.get(app.url("/api/v1/invitations"))).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions() {
    let app = TestApp::spawn().await;
    let email = app.create_user("organiser", None, None).await;
    let laptop = app.login(&email).await;
    let phone = app.login(&email).await;
    let (status, _) = send(
        laptop
            .post(app.url("/api/v1/auth/password"))
            .json(&json!({"current_password": "wrong wrong wrong", "new_password": "a brand new password"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = send(
        laptop
            .post(app.url("/api/v1/auth/password"))
            .json(&json!({"current_password": PASSWORD, "new_password": "a brand new password"})),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(send(laptop.get(app.url("/api/v1/auth/me"))).await.0, StatusCode::OK);
    assert_eq!(send(phone.get(app.url("/api/v1/auth/me"))).await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = send(
        app.client()
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": "a brand new password"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn profile_language_and_zone_are_checked() {
    let app = TestApp::spawn().await;
    let client = app.login(&app.create_user("organiser", None, None).await).await;
    let (status, body) = send(client.put(app.url("/api/v1/auth/me")).json(&json!({
        "display_name": "Trần Thị Bình", "preferred_language": "ko", "time_zone": "Mars/Olympus"
    })))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["preferred_language", "time_zone"]);
    let (status, me) = send(client.put(app.url("/api/v1/auth/me")).json(&json!({
        "display_name": "Trần Thị Bình", "preferred_language": "zh-Hant", "time_zone": "Asia/Taipei"
    })))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["time_zone"], "Asia/Taipei");
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (status, body) = send(
        organiser
            .post(app.url("/api/v1/buyers"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .json(&fair_tests::buyer_input("Evil Co", "JP")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "cross_site_request");
    assert_eq!(app.store.count_organisations("buyer").await.unwrap(), 0);
    // Same origin is fine.
    let (status, _) = send(
        organiser
            .post(app.url("/api/v1/buyers"))
            .header("origin", app.base.clone())
            .json(&fair_tests::buyer_input("Good Co", "JP")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn unused_invitations_can_be_revoked() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (exhibitor, _) = app.create_exhibitor(&organiser, "Revoke Co").await;
    let admin = app.login(&app.create_user("exhibitor", Some(exhibitor), Some("admin")).await).await;
    let rep = app.login(&app.create_user("exhibitor", Some(exhibitor), Some("rep")).await).await;
    let (_, invitation) = send(admin.post(app.url("/api/v1/invitations")).json(&json!({
        "email": "colleague@revoke.example", "role": "exhibitor", "organisation_id": exhibitor
    })))
    .await;
    let id = invitation["id"].as_str().unwrap().to_owned();
    let token = invitation["token"].as_str().unwrap().to_owned();

    let (_, listed) = send(admin.get(app.url("/api/v1/invitations"))).await;
    assert_eq!(listed["items"][0]["organisation_name"], "Revoke Co");

    assert_eq!(send(rep.delete(app.url(&format!("/api/v1/invitations/{id}")))).await.0, StatusCode::FORBIDDEN);
    assert_eq!(send(admin.delete(app.url(&format!("/api/v1/invitations/{id}")))).await.0, StatusCode::NO_CONTENT);
    assert_eq!(send(app.client().get(app.url(&format!("/api/v1/invite/{token}")))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(send(admin.delete(app.url(&format!("/api/v1/invitations/{id}")))).await.0, StatusCode::NOT_FOUND);

    // A used invitation stays, as the record of how the account came to be.
    let (_, used) = send(organiser.post(app.url("/api/v1/invitations")).json(&json!({
        "email": "used@revoke.example", "role": "exhibitor", "organisation_id": exhibitor
    })))
    .await;
    let used_token = used["token"].as_str().unwrap();
    let (status, _) = send(
        app.client()
            .post(app.url(&format!("/api/v1/invite/{used_token}/accept")))
            .json(&json!({"display_name": "Used", "password": "a long enough password"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) =
        send(organiser.delete(app.url(&format!("/api/v1/invitations/{}", used["id"].as_str().unwrap())))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "invitation_used");
}
