use fair_tests::{TestApp, send};
use reqwest::StatusCode;

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let (status, body) = send(client.get(app.url("/healthz"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    let (status, body) = send(client.get(app.url("/readyz"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["checks"]["database"], "ok");

    let metrics = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(metrics.status(), StatusCode::OK);
    let text = metrics.text().await.unwrap();
    assert!(text.contains("fair_http_requests_total"), "{text}");
    assert!(text.contains("path=\"/healthz\""), "{text}");
}

#[tokio::test]
async fn readiness_reports_an_unreachable_database() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.store.clone().close().await.unwrap();
    let (status, body) = send(client.get(app.url("/readyz"))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], "unavailable");
    assert_ne!(body["checks"]["database"], "ok");
    // Liveness does not depend on the database.
    assert_eq!(send(client.get(app.url("/healthz"))).await.0, StatusCode::OK);
    // A lookup while the database is down is "unavailable", never "not found".
    let (status, body) = send(client.get(app.url(&format!("/api/v1/exhibitors/{}", uuid::Uuid::now_v7())))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["code"], "unavailable");
    let (status, _) = send(client.get(app.url("/api/v1/booths/some-booth"))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn openapi_is_served_and_the_committed_copy_is_fresh() {
    let app = TestApp::spawn().await;
    let (status, served) = send(app.client().get(app.url("/api/openapi.json"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(served["info"]["title"], "CNHT fair platform API");
    assert!(served["paths"]["/api/v1/directory"]["get"].is_object());

    let generated = fair_server::openapi::document().to_pretty_json().unwrap();
    let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../web/openapi.json");
    let committed = std::fs::read_to_string(committed_path).unwrap_or_default();
    assert!(
        committed.trim() == generated.trim(),
        "web/openapi.json is stale: run `cargo run -p fair-server -- openapi > web/openapi.json` \
         and `npm --prefix web run gen:api`"
    );

    let docs = app.client().get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("/api/openapi.json"));
}

#[tokio::test]
async fn unknown_api_routes_answer_json_404_and_errors_carry_request_ids() {
    let app = TestApp::spawn().await;
    let response = app.client().get(app.url("/api/v1/nope")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.headers().contains_key("x-request-id"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn graceful_shutdown_completes() {
    let app = TestApp::spawn().await;
    let client = app.client();
    assert_eq!(send(client.get(app.url("/healthz"))).await.0, StatusCode::OK);
    let address = app.address;
    tokio::time::timeout(std::time::Duration::from_secs(30), app.stop()).await.expect("stops in time");
    assert!(tokio::net::TcpStream::connect(address).await.is_err(), "still listening after shutdown");
}

#[tokio::test]
async fn readiness_checks_redis_when_configured() {
    let Some(url) = std::env::var("FAIR_TEST_REDIS_URL").ok().filter(|u| !u.is_empty()) else {
        eprintln!("FAIR_TEST_REDIS_URL is not set: Redis readiness not checked here");
        return;
    };
    let app = TestApp::spawn_with(|settings| settings.redis_url = Some(url)).await;
    let (status, body) = send(app.client().get(app.url("/readyz"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["checks"]["redis"], "ok");
}

#[tokio::test]
async fn start_up_fails_fast_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let settings = fair_server::Settings {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_path_buf(),
        redis_url: Some("redis://127.0.0.1:1".to_owned()),
        ..fair_server::Settings::default()
    };
    let error = fair_server::App::build(settings).await.err().expect("an unreachable Redis stops the start");
    assert!(format!("{error:#}").contains("FAIR_REDIS_URL"), "{error:#}");

    let settings = fair_server::Settings {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_path_buf(),
        database_url: Some("postgres://nobody:secret@127.0.0.1:1/none".to_owned()),
        ..fair_server::Settings::default()
    };
    let error = fair_server::App::build(settings).await.err().expect("an unreachable database stops the start");
    let message = format!("{error:#}");
    assert!(message.contains("FAIR_DATABASE_URL"), "{message}");
    assert!(!message.contains("secret"), "the password leaked: {message}");
}
