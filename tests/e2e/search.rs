use fair_tests::{Client, TestApp, exhibitor_profile, product_input, send};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

async fn supplier(
    app: &TestApp,
    organiser: &Client,
    name: &str,
    province: &str,
    products: &[(&str, &str, &[&str])],
) -> Uuid {
    let mut profile = exhibitor_profile(name);
    profile["province"] = json!(province);
    profile["industrial_park"] = Value::Null;
    let (status, created) =
        send(organiser.post(app.url("/api/v1/exhibitors")).json(&json!({"profile": profile}))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id: Uuid = created["id"].as_str().unwrap().parse().unwrap();
    for (product, group, processes) in products {
        let (status, body) = send(
            organiser
                .post(app.url(&format!("/api/v1/exhibitors/{id}/products")))
                .json(&product_input(product, group, processes)),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    id
}

fn names(result: &Value) -> Vec<String> {
    result["items"].as_array().unwrap().iter().map(|hit| hit["name"].as_str().unwrap().to_owned()).collect()
}

async fn search(app: &TestApp, query: &str) -> Value {
    let (status, body) = send(app.client().get(app.url(&format!("/api/v1/directory?{query}")))).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    body
}

#[tokio::test]
async fn vietnamese_without_diacritics_and_other_languages_find_the_suppliers() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    supplier(
        &app,
        &organiser,
        "Công ty TNHH Nhựa Kỹ thuật Thăng Long",
        "ha-noi",
        &[("Vỏ nhựa ép phun ABS", "EL5", &["P02"])],
    )
    .await;
    supplier(
        &app,
        &organiser,
        "Công ty Đúc Đông Anh",
        "ha-noi",
        &[("Vỏ hộp số đúc áp lực nhôm ADC12", "ME4", &["P03"])],
    )
    .await;
    supplier(&app, &organiser, "Cơ khí Bắc Ninh", "bac-ninh", &[("Trục gia công CNC", "ME5", &["P01"])]).await;

    let result = search(&app, "q=ep%20phun").await;
    assert_eq!(names(&result), ["Công ty TNHH Nhựa Kỹ thuật Thăng Long"]);
    assert_eq!(result["relaxed"], false);
    assert_eq!(result["items"][0]["matched_products"][0]["name"]["vi"], "Vỏ nhựa ép phun ABS");

    for query in
        ["q=%E5%B0%84%E5%87%BA%E6%88%90%E5%BD%A2", "q=injection%20moulding", "q=%EC%82%AC%EC%B6%9C%EC%84%B1%ED%98%95"]
    {
        assert_eq!(
            names(&search(&app, query).await).first().map(String::as_str),
            Some("Công ty TNHH Nhựa Kỹ thuật Thăng Long"),
            "{query}"
        );
    }
    assert_eq!(names(&search(&app, "q=duc%20ap%20luc").await), ["Công ty Đúc Đông Anh"]);
    assert_eq!(names(&search(&app, "q=%E3%83%80%E3%82%A4%E3%82%AB%E3%82%B9%E3%83%88").await), ["Công ty Đúc Đông Anh"]);
}

#[tokio::test]
async fn filters_facets_sorting_and_pages() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let a = supplier(&app, &organiser, "An Phát", "ha-noi", &[("Khuôn ép nhựa", "ME1", &["P07"])]).await;
    supplier(&app, &organiser, "Bình Minh", "ha-noi", &[("Bulông inox", "ME3", &[])]).await;
    supplier(&app, &organiser, "Cường Thịnh", "bac-ninh", &[("Khuôn dập", "ME1", &["P07", "P04"])]).await;
    let today = chrono::Utc::now().date_naive();
    let (status, _) = send(organiser.post(app.url(&format!("/api/v1/exhibitors/{a}/certifications"))).json(&json!({
        "standard": "ISO9001", "issuer": "TÜV", "certificate_number": "1", "valid_until": today + chrono::Duration::days(30)
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let all = search(&app, "").await;
    assert_eq!(all["total"], 3);
    assert_eq!(names(&all), ["An Phát", "Bình Minh", "Cường Thịnh"]);

    let moulds = search(&app, "group=ME1").await;
    assert_eq!(names(&moulds), ["An Phát", "Cường Thịnh"]);
    // The group facet still counts the other groups (every other filter applied).
    let group_facet: Vec<(String, u64)> = moulds["facets"]["group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap().to_owned(), f["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(group_facet, [("ME1".to_owned(), 2), ("ME3".to_owned(), 1)]);
    assert_eq!(
        moulds["facets"]["province"],
        json!([{"value": "bac-ninh", "count": 1}, {"value": "ha-noi", "count": 1}])
    );

    assert_eq!(names(&search(&app, "group=ME1&province=bac-ninh").await), ["Cường Thịnh"]);
    assert_eq!(names(&search(&app, "cert=ISO9001").await), ["An Phát"]);
    assert_eq!(names(&search(&app, "certified=true").await), ["An Phát"]);
    assert_eq!(names(&search(&app, "process=P04,P07&sort=name").await), ["An Phát", "Cường Thịnh"]);
    assert_eq!(search(&app, "size=small").await["total"], 3);

    let first = search(&app, "limit=2").await;
    assert_eq!(names(&first), ["An Phát", "Bình Minh"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = search(&app, &format!("limit=2&cursor={cursor}")).await;
    assert_eq!(names(&second), ["Cường Thịnh"]);
    assert!(second["next_cursor"].is_null());

    for bad in ["group=XX9", "sort=random", "limit=500", "cursor=zzz", "certified=maybe"] {
        let (status, body) = send(app.client().get(app.url(&format!("/api/v1/directory?{bad}")))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
}

#[tokio::test]
async fn a_write_shows_in_the_next_search() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let id = supplier(&app, &organiser, "Fresh Co", "ha-noi", &[]).await;
    assert_eq!(search(&app, "q=anod").await["total"], 0);
    let (status, _) = send(organiser.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&product_input(
        "Anod nhôm màu",
        "ME4",
        &["P08"],
    )))
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(names(&search(&app, "q=anod").await), ["Fresh Co"]);
}

#[tokio::test]
async fn another_instance_sees_writes_through_the_shared_database() {
    // Two instances on one database: the second learns of the first one's write by
    // polling the shared directory revision.
    let first = TestApp::spawn().await;
    let database_url = first.store_url();
    let second = TestApp::spawn_with(|settings| settings.database_url = Some(database_url)).await;
    let organiser = first.organiser().await;
    supplier(&first, &organiser, "Shared Co", "ha-noi", &[("Bó dây điện ô tô", "AU4", &["P13"])]).await;
    let found = second
        .eventually(std::time::Duration::from_secs(10), || async {
            let result = search(&second, "q=bo%20day").await;
            (result["total"] == 1).then_some(())
        })
        .await;
    assert!(found.is_ok(), "the second instance never saw the new exhibitor");
}

#[tokio::test]
async fn open_data_exports_the_published_directory() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let id =
        supplier(&app, &organiser, "Công ty Dữ liệu Mở", "ha-noi", &[("Linh kiện điện tử", "EL1", &["P12"])]).await;
    app.create_buyer(&organiser, "Seoul Motors", "KR").await;

    let (status, json_export) = send(app.client().get(app.url("/api/v1/open-data/exhibitors.json"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json_export["exhibitors"][0]["id"], id.to_string());
    assert_eq!(json_export["exhibitors"][0]["sectors"], json!(["EL"]));

    let response = app.client().get(app.url("/api/v1/open-data/exhibitors.csv")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a BOM so spreadsheets read UTF-8");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("id,name,name_en,province"));
    assert!(lines.next().unwrap().contains("Công ty Dữ liệu Mở"));

    let (status, summary) = send(app.client().get(app.url("/api/v1/open-data/summary"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(summary["exhibitors"], 1);
    assert_eq!(summary["registered_exhibitors"], 1);
    assert_eq!(summary["certified_exhibitors"], 0);
    assert_eq!(summary["products"], 1);
    assert_eq!(summary["buyers_by_country"], json!([{"value": "KR", "count": 1}]));
}

#[tokio::test]
async fn the_taxonomy_is_labelled_in_four_languages() {
    let app = TestApp::spawn().await;
    let (status, taxonomy) = send(app.client().get(app.url("/api/v1/taxonomy"))).await;
    assert_eq!(status, StatusCode::OK);
    let p02 = taxonomy["processes"].as_array().unwrap().iter().find(|p| p["code"] == "P02").unwrap();
    assert_eq!(p02["labels"]["vi"], "Ép phun nhựa");
    assert_eq!(p02["labels"]["ja"], "射出成形");
    assert_eq!(p02["labels"]["zh-Hant"], "射出成型");
    assert_eq!(taxonomy["product_groups"].as_array().unwrap().len(), 32);
}
