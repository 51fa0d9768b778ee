use fair_tests::{TestApp, send};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::json;

/// A valid 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn form(kind: &str, bytes: Vec<u8>, file_name: &str, declared: &str) -> Form {
    Form::new()
        .text("kind", kind.to_owned())
        .part("file", Part::bytes(bytes).file_name(file_name.to_owned()).mime_str(declared).unwrap())
}

async fn files_on_disk(app: &TestApp) -> usize {
    let uploads = app.data_dir.path().join("uploads");
    let mut count = 0;
    for kind in ["logo", "photo", "brochure", "document"] {
        if let Ok(entries) = std::fs::read_dir(uploads.join(kind)) {
            count += entries.count();
        }
    }
    count
}

#[tokio::test]
async fn uploads_are_typed_by_content_and_served_safely() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, slug) = app.create_exhibitor(&organiser, "Media Co").await;
    let staff = app.login(&app.create_user("exhibitor", Some(id), Some("rep")).await).await;
    let upload_url = app.url(&format!("/api/v1/exhibitors/{id}/media"));

    let (status, photo) = send(
        staff.post(&upload_url).multipart(
            form("photo", PNG.to_vec(), "../../etc/passwd", "application/octet-stream")
                .text("caption", r#"{"vi": "Xưởng CNC"}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{photo}");
    assert_eq!(photo["content_type"], "image/png");
    assert_eq!(photo["file_name"], "passwd", "the name is kept for display, without its path");
    assert_eq!(photo["caption"]["vi"], "Xưởng CNC");
    let (status, brochure) =
        send(staff.post(&upload_url).multipart(form("brochure", PDF.to_vec(), "catalogue.pdf", "application/pdf")))
            .await;
    assert_eq!(status, StatusCode::CREATED, "{brochure}");

    let response = app.client().get(app.url(photo["url"].as_str().unwrap())).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);

    // A logo shows in the booth; a second logo replaces the first.
    let (status, logo) =
        send(staff.post(&upload_url).multipart(form("logo", PNG.to_vec(), "logo.png", "image/png"))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, second_logo) =
        send(staff.post(&upload_url).multipart(form("logo", PNG.to_vec(), "logo2.png", "image/png"))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, page) = send(app.client().get(app.url(&format!("/api/v1/booths/{slug}")))).await;
    assert_eq!(page["exhibitor"]["logo_url"], second_logo["url"]);
    assert_eq!(page["media"].as_array().unwrap().iter().filter(|m| m["kind"] == "logo").count(), 1);
    assert_eq!(send(app.client().get(app.url(logo["url"].as_str().unwrap()))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(files_on_disk(&app).await, 3);

    // A product can show one of the exhibitor's photos, and nobody else's.
    let (status, product) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&json!({
        "name": {"vi": "Khuôn"}, "product_group": "ME1", "photo_id": photo["id"]
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{product}");
    assert_eq!(product["photo_url"], photo["url"]);
    let (status, body) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{id}/products"))).json(&json!({
        "name": {"vi": "Khuôn"}, "product_group": "ME1", "photo_id": brochure["id"]
    })))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "photo_id");

    // Deleting the photo clears the product's reference and the file.
    assert_eq!(
        send(staff.delete(app.url(&format!("/api/v1/media/{}", photo["id"].as_str().unwrap())))).await.0,
        StatusCode::NO_CONTENT
    );
    let (_, product) =
        send(app.client().get(app.url(&format!("/api/v1/products/{}", product["id"].as_str().unwrap())))).await;
    assert!(product["photo_url"].is_null());
    assert_eq!(files_on_disk(&app).await, 2);
}

#[tokio::test]
async fn refused_uploads_write_nothing() {
    let app = TestApp::spawn().await;
    let organiser = app.organiser().await;
    let (id, _) = app.create_exhibitor(&organiser, "Strict Co").await;
    let (other, _) = app.create_exhibitor(&organiser, "Other Co").await;
    let staff = app.login(&app.create_user("exhibitor", Some(id), Some("admin")).await).await;
    let upload_url = app.url(&format!("/api/v1/exhibitors/{id}/media"));

    let cases: Vec<(&str, Form, StatusCode, &str)> = vec![
        (
            "text named .png",
            form("photo", b"just some text, not an image".to_vec(), "photo.png", "image/png"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
        ),
        (
            "pdf as a photo",
            form("photo", PDF.to_vec(), "photo.jpg", "image/jpeg"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
        ),
        (
            "svg logo",
            form(
                "logo",
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
                "logo.svg",
                "image/svg+xml",
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
        ),
        (
            "png brochure",
            form("brochure", PNG.to_vec(), "b.pdf", "application/pdf"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
        ),
        (
            "logo over 2 MiB",
            form("logo", [PNG, &vec![0u8; 2 * 1024 * 1024]].concat(), "big.png", "image/png"),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "unknown kind",
            form("video", PNG.to_vec(), "v.png", "image/png"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        ("no file", Form::new().text("kind", "photo"), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        (
            "empty file",
            form("photo", Vec::new(), "e.png", "image/png"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            "unknown field",
            form("photo", PNG.to_vec(), "p.png", "image/png").text("owner", "me"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "bad caption",
            form("photo", PNG.to_vec(), "p.png", "image/png").text("caption", "not json"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
    ];
    for (name, body, expected, code) in cases {
        let (status, error) = send(staff.post(&upload_url).multipart(body)).await;
        assert_eq!(status, expected, "{name}: {error}");
        assert_eq!(error["code"], code, "{name}: {error}");
    }

    // Over the 20 MiB ceiling of any upload.
    let huge = form("brochure", [PDF, &vec![b' '; 21 * 1024 * 1024]].concat(), "huge.pdf", "application/pdf");
    let (status, error) = send(staff.post(&upload_url).multipart(huge)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{error}");

    // Not multipart at all.
    let (status, error) = send(staff.post(&upload_url).json(&json!({"kind": "photo"}))).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{error}");

    // Someone else's booth, and no session.
    let (status, _) = send(staff.post(app.url(&format!("/api/v1/exhibitors/{other}/media"))).multipart(form(
        "photo",
        PNG.to_vec(),
        "p.png",
        "image/png",
    )))
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) =
        send(app.client().post(&upload_url).multipart(form("photo", PNG.to_vec(), "p.png", "image/png"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    assert!(app.store.media_of(id).await.unwrap().is_empty());
    assert!(app.store.media_of(other).await.unwrap().is_empty());
    assert_eq!(files_on_disk(&app).await, 0);
}
