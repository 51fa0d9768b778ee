use fair_seed::DemoOptions;
use fair_server::seed::seed_demo;
use fair_tests::{TestApp, send};
use reqwest::StatusCode;
use serde_json::json;

fn small(seed: u64) -> DemoOptions {
    let mut options = DemoOptions::plan_35(seed, chrono::Utc::now().date_naive());
    options.suppliers = 60;
    options.certified_suppliers = 20;
    options.buyers = 15;
    options
}

#[tokio::test]
async fn the_demo_seed_loads_once_and_its_accounts_sign_in() {
    let app = TestApp::spawn().await;
    let report = seed_demo(&app.store, &small(7), false, false).await.unwrap();
    assert_eq!(report.suppliers, 60);
    assert_eq!(report.certified_suppliers, 20);
    assert_eq!(report.buyers, 15);
    assert!(report.products > 60 * 5);

    let again = seed_demo(&app.store, &small(7), false, false).await.unwrap_err();
    assert!(again.to_string().contains("--force"), "{again}");
    assert_eq!(app.store.count_organisations("supplier").await.unwrap(), 60);

    // The directory reloads (another writer changed the revision) and counts certificates.
    let summary = app
        .eventually(std::time::Duration::from_secs(10), || async {
            let (_, summary) = send(app.client().get(app.url("/api/v1/open-data/summary"))).await;
            (summary["exhibitors"].as_u64().unwrap_or(0) > 50).then_some(summary)
        })
        .await
        .unwrap();
    let published = summary["exhibitors"].as_u64().unwrap();
    assert!(published <= 60);
    assert!(summary["certified_exhibitors"].as_u64().unwrap() <= 20);

    let exhibitor = report.credentials.iter().find(|c| c.email == "exhibitor1@demo.cnht.vn").unwrap();
    let client = app.client();
    let (status, me) = send(
        client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"email": exhibitor.email, "password": exhibitor.password})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["user"]["role"], "exhibitor");
    assert!(me["organisation"]["slug"].is_string());

    // --force replaces everything.
    let replaced = seed_demo(&app.store, &small(8), true, false).await.unwrap();
    assert_eq!(replaced.suppliers, 60);
    assert_eq!(app.store.count_organisations("supplier").await.unwrap(), 60);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_fair() {
    let first = TestApp::spawn().await;
    let second = TestApp::spawn().await;
    let options = small(11);
    seed_demo(&first.store, &options, false, false).await.unwrap();
    seed_demo(&second.store, &options, false, false).await.unwrap();
    let export = |app: &TestApp| {
        let client = app.client();
        let url = app.url("/api/v1/open-data/exhibitors.json");
        async move {
            let (_, body) = send(client.get(url)).await;
            body["exhibitors"].clone()
        }
    };
    let loaded = |app: &TestApp| {
        let client = app.client();
        let url = app.url("/api/v1/open-data/summary");
        async move {
            let (_, summary) = send(client.get(url)).await;
            (summary["exhibitors"].as_u64().unwrap_or(0) > 0).then_some(())
        }
    };
    first.eventually(std::time::Duration::from_secs(10), || loaded(&first)).await.unwrap();
    second.eventually(std::time::Duration::from_secs(10), || loaded(&second)).await.unwrap();
    let (a, b) = (export(&first).await, export(&second).await);
    assert!(a.as_array().unwrap().len() > 50);
    assert_eq!(a, b, "ids and content must match for the same seed");
}
