//! Logos, photos, brochures and documents. Uploads are checked by what the bytes are
//! (magic numbers), not by the file name or the declared type, and are limited in size
//! per kind; files are stored under keys we make, never the user's file name.

use std::str::FromStr;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use chrono::Utc;
use fair_api_types::{ErrorBody, MediaUpload, MediaView};
use fair_domain::{MediaKind, validate};
use fair_http::{ApiError, ApiPath, ApiResult, AppState, CurrentUser, MaybeUser, OrNotFound};
use fair_store::entities::{I18n, media};
use uuid::Uuid;

use crate::directory::note_exhibitor_changed;
use crate::exhibitors::{load_editable, load_visible};
use crate::views::media_view;

/// The largest upload of any kind, plus room for the multipart envelope.
pub const MAX_UPLOAD_BODY: usize = 20 * 1024 * 1024 + 64 * 1024;

fn multipart_error(err: MultipartError) -> ApiError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge("the upload is larger than 20 MiB".to_owned())
    } else {
        ApiError::InvalidBody(format!("malformed multipart body: {}", err.body_text()))
    }
}

struct Upload {
    kind: MediaKind,
    caption: I18n,
    file_name: Option<String>,
    bytes: Bytes,
}

/// The last component of an uploaded file's name, without control characters, at
/// most 200 characters; for display only.
fn clean_file_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then(|| cleaned.to_owned())
}

async fn read_upload(multipart: Result<Multipart, MultipartRejection>) -> ApiResult<Upload> {
    let mut multipart =
        multipart.map_err(|_| ApiError::UnsupportedMediaType("send the upload as multipart/form-data".to_owned()))?;
    let mut kind = None;
    let mut caption = None;
    let mut file: Option<Bytes> = None;
    let mut file_name = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("kind") => {
                let text = field.text().await.map_err(multipart_error)?;
                kind =
                    Some(MediaKind::from_str(text.trim()).map_err(|_| {
                        ApiError::field("kind", "unknown", "must be logo, photo, brochure or document")
                    })?);
            }
            Some("caption") => {
                let text = field.text().await.map_err(multipart_error)?;
                let entries: std::collections::BTreeMap<String, String> = serde_json::from_str(&text)
                    .map_err(|_| ApiError::field("caption", "invalid", "must be a JSON object of texts by language"))?;
                let parsed = validate::i18n_text("caption", &entries, false, 300)?;
                caption = Some(I18n(parsed.into_iter().map(|(l, t)| (l.tag().to_owned(), t)).collect()));
            }
            Some("file") => {
                file_name = field.file_name().and_then(clean_file_name);
                let mut buffer = BytesMut::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if buffer.len() + chunk.len() > MediaKind::Brochure.max_bytes() {
                        return Err(ApiError::PayloadTooLarge("the file is larger than 20 MiB".to_owned()));
                    }
                    buffer.extend_from_slice(&chunk);
                }
                file = Some(buffer.freeze());
            }
            Some(other) => return Err(ApiError::InvalidBody(format!("unknown form field `{other}`"))),
            None => return Err(ApiError::InvalidBody("a form field has no name".to_owned())),
        }
    }
    let kind = kind.ok_or_else(|| ApiError::field("kind", "required", "say what the file is"))?;
    let bytes = file.ok_or_else(|| ApiError::field("file", "required", "attach a file"))?;
    if bytes.is_empty() {
        return Err(ApiError::field("file", "required", "the file is empty"));
    }
    if bytes.len() > kind.max_bytes() {
        return Err(ApiError::PayloadTooLarge(format!(
            "a {} may be at most {} MiB",
            kind.as_str(),
            kind.max_bytes() / (1024 * 1024)
        )));
    }
    Ok(Upload { kind, caption: caption.unwrap_or_default(), file_name, bytes })
}

/// What the bytes are, if it is something we accept for this kind.
fn sniff(kind: MediaKind, bytes: &[u8]) -> ApiResult<&'static str> {
    let detected = infer::get(bytes).map(|t| t.mime_type());
    match detected {
        Some(mime) if kind.accepted_types().contains(&mime) => Ok(kind
            .accepted_types()
            .iter()
            .copied()
            .find(|accepted| *accepted == mime)
            .unwrap_or("application/octet-stream")),
        _ => Err(ApiError::UnsupportedFileType(format!(
            "a {} must be one of: {} (this file is {})",
            kind.as_str(),
            kind.accepted_types().join(", "),
            detected.unwrap_or("of unknown type")
        ))),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// An exhibitor's media.
#[utoipa::path(
    get, path = "/api/v1/exhibitors/{id}/media", operation_id = "list_media", tag = "media",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<MediaView>), (status = 404, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<MediaView>>> {
    load_visible(&state, id, &viewer).await?;
    Ok(Json(state.store.media_of(id).await?.iter().map(media_view).collect()))
}

/// Upload a logo (PNG, JPEG, WebP; ≤ 2 MiB), photo (same; ≤ 8 MiB), brochure (PDF;
/// ≤ 20 MiB) or document (PDF, PNG, JPEG; ≤ 20 MiB). A new logo replaces the old one.
#[utoipa::path(
    post, path = "/api/v1/exhibitors/{id}/media", operation_id = "upload_media", tag = "media",
    params(("id" = Uuid, Path)),
    request_body(content = MediaUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = MediaView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Too many of this kind (`limit_reached`)", body = ErrorBody),
        (status = 413, description = "Too large (`payload_too_large`)", body = ErrorBody),
        (status = 415, description = "Not multipart, or a file of a refused type (`unsupported_file_type`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<MediaView>)> {
    load_editable(&state, id, &user).await?;
    let upload = read_upload(multipart).await?;
    let content_type = sniff(upload.kind, &upload.bytes)?;
    let existing = state.store.count_media(id, upload.kind.as_str()).await?;
    let replaced_logo = if upload.kind == MediaKind::Logo {
        state.store.media_of(id).await?.into_iter().filter(|m| m.kind == "logo").map(|m| m.id).collect()
    } else {
        if existing >= upload.kind.max_per_exhibitor() as u64 {
            return Err(ApiError::LimitReached(format!(
                "an exhibitor keeps at most {} of kind {}",
                upload.kind.max_per_exhibitor(),
                upload.kind.as_str()
            )));
        }
        Vec::new()
    };

    let media_id = Uuid::now_v7();
    let storage_key = format!("{}/{}", upload.kind.as_str(), media_id);
    state.blobs.put(&storage_key, upload.bytes.clone()).await.map_err(ApiError::internal)?;
    let record = media::Model {
        id: media_id,
        organisation_id: id,
        kind: upload.kind.as_str().to_owned(),
        content_type: content_type.to_owned(),
        byte_size: upload.bytes.len() as i64,
        file_name: upload.file_name,
        sha256: sha256_hex(&upload.bytes),
        storage_key: storage_key.clone(),
        caption: upload.caption,
        uploaded_by: Some(user.user.id),
        created_at: Utc::now(),
    };
    let record = match state.store.insert_media(record).await {
        Ok(record) => record,
        Err(err) => {
            // Leave no file without a record.
            let _ = state.blobs.delete(&storage_key).await;
            return Err(err.into());
        }
    };
    if upload.kind == MediaKind::Logo {
        state.store.set_booth_logo(id, Some(media_id), Utc::now()).await?;
        for old in replaced_logo {
            if let Ok(key) = state.store.delete_media(old).await {
                let _ = state.blobs.delete(&key).await;
            }
        }
        note_exhibitor_changed(&state, id).await;
    }
    metrics::counter!("fair_uploads_total", "kind" => upload.kind.as_str()).increment(1);
    Ok((StatusCode::CREATED, Json(media_view(&record))))
}

/// Remove a file. Products and certificates that showed it lose the reference.
#[utoipa::path(
    delete, path = "/api/v1/media/{id}", operation_id = "delete_media", tag = "media",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    let record = state.store.media(id).await.or_not_found("media")?;
    load_editable(&state, record.organisation_id, &user).await?;
    let key = state.store.delete_media(id).await?;
    if let Err(err) = state.blobs.delete(&key).await {
        tracing::warn!(error = %err, %key, "could not delete an upload's file");
    }
    if record.kind == "logo" {
        note_exhibitor_changed(&state, record.organisation_id).await;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The file itself, with its detected type. Immutable: cached for a year.
#[utoipa::path(
    get, path = "/api/v1/media/{id}/content", operation_id = "get_media_content", tag = "media",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn content(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let record = state.store.media(id).await.or_not_found("media")?;
    load_visible(&state, record.organisation_id, &viewer).await.map_err(|err| err.not_found_as("media"))?;
    let bytes =
        state.blobs.get(&record.storage_key).await.map_err(ApiError::internal)?.ok_or(ApiError::NotFound("media"))?;
    let extension = match record.content_type.as_str() {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        _ => "bin",
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    let value = |v: &str| HeaderValue::from_str(v).map_err(ApiError::internal);
    headers.insert(header::CONTENT_TYPE, value(&record.content_type)?);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    headers.insert(
        header::CONTENT_DISPOSITION,
        value(&format!("inline; filename=\"{}-{}.{extension}\"", record.kind, record.id))?,
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(clean_file_name("C:\\Users\\an\\Catalogue 2026.pdf").as_deref(), Some("Catalogue 2026.pdf"));
        assert_eq!(clean_file_name("bad\u{0}name.png").as_deref(), Some("badname.png"));
        assert_eq!(clean_file_name("..").as_deref(), None);
        assert_eq!(clean_file_name("dir/").as_deref(), None);
    }
}
