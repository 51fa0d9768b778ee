//! Certificates held by an exhibitor. A certificate past its `valid_until` stays on
//! record but no longer counts (in the directory, its filters and the reports).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use fair_api_types::{CertificationInput, CertificationView, ErrorBody};
use fair_http::{ApiError, ApiJson, ApiPath, ApiResult, AppState, CurrentUser, MaybeUser, OrNotFound};
use fair_store::StoreError;
use fair_store::entities::certification;
use uuid::Uuid;

use crate::directory::note_exhibitor_changed;
use crate::exhibitors::{load_editable, load_visible};
use crate::input::{self, MAX_CERTIFICATIONS};
use crate::views::certification_view;

async fn check_document(state: &AppState, exhibitor: Uuid, document: Option<Uuid>) -> ApiResult<()> {
    if let Some(id) = document {
        match state.store.media(id).await {
            Ok(media)
                if media.organisation_id == exhibitor && (media.kind == "document" || media.kind == "brochure") => {}
            Ok(_) | Err(StoreError::NotFound) => {
                return Err(ApiError::field("document_id", "unknown", "not a document of this exhibitor"));
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

fn apply(model: &mut certification::Model, parsed: input::Certification) {
    model.standard = parsed.standard;
    model.issuer = parsed.issuer;
    model.certificate_number = parsed.certificate_number;
    model.valid_from = parsed.valid_from;
    model.valid_until = parsed.valid_until;
    model.scope = parsed.scope;
    model.document_media_id = parsed.document_id;
}

fn duplicate(err: StoreError) -> ApiError {
    if matches!(err, StoreError::Conflict { .. }) {
        ApiError::conflict("certificate_exists", "this certificate number of this standard is already listed")
    } else {
        err.into()
    }
}

async fn load_editable_certification(
    state: &AppState,
    id: Uuid,
    user: &CurrentUser,
) -> ApiResult<certification::Model> {
    let model = state.store.certification(id).await.or_not_found("certification")?;
    load_editable(state, model.organisation_id, user).await?;
    Ok(model)
}

/// An exhibitor's certificates, each marked valid or not as of today.
#[utoipa::path(
    get, path = "/api/v1/exhibitors/{id}/certifications", operation_id = "list_certifications", tag = "certifications",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<CertificationView>), (status = 404, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<CertificationView>>> {
    load_visible(&state, id, &viewer).await?;
    let rows = state.store.certifications_of(id).await?;
    Ok(Json(rows.iter().map(certification_view).collect()))
}

/// Add a certificate.
#[utoipa::path(
    post, path = "/api/v1/exhibitors/{id}/certifications", operation_id = "create_certification", tag = "certifications",
    params(("id" = Uuid, Path)),
    request_body = CertificationInput,
    responses(
        (status = 201, body = CertificationView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Already listed (`certificate_exists`) or too many (`limit_reached`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CertificationInput>,
) -> ApiResult<(StatusCode, Json<CertificationView>)> {
    load_editable(&state, id, &user).await?;
    let parsed = input::certification(&body)?;
    check_document(&state, id, parsed.document_id).await?;
    if state.store.count_certifications(id).await? >= MAX_CERTIFICATIONS {
        return Err(ApiError::LimitReached(format!("an exhibitor lists at most {MAX_CERTIFICATIONS} certificates")));
    }
    let now = Utc::now();
    let mut model = certification::Model {
        id: Uuid::now_v7(),
        organisation_id: id,
        standard: String::new(),
        issuer: String::new(),
        certificate_number: String::new(),
        valid_from: None,
        valid_until: now.date_naive(),
        scope: None,
        document_media_id: None,
        created_at: now,
        updated_at: now,
    };
    apply(&mut model, parsed);
    let model = state.store.insert_certification(model).await.map_err(duplicate)?;
    note_exhibitor_changed(&state, id).await;
    Ok((StatusCode::CREATED, Json(certification_view(&model))))
}

/// Replace a certificate's details (e.g. after renewal).
#[utoipa::path(
    put, path = "/api/v1/certifications/{id}", operation_id = "update_certification", tag = "certifications",
    params(("id" = Uuid, Path)),
    request_body = CertificationInput,
    responses(
        (status = 200, body = CertificationView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CertificationInput>,
) -> ApiResult<Json<CertificationView>> {
    let mut model = load_editable_certification(&state, id, &user).await?;
    let parsed = input::certification(&body)?;
    check_document(&state, model.organisation_id, parsed.document_id).await?;
    apply(&mut model, parsed);
    model.updated_at = Utc::now();
    let model = state.store.update_certification(model).await.map_err(duplicate)?;
    note_exhibitor_changed(&state, model.organisation_id).await;
    Ok(Json(certification_view(&model)))
}

/// Remove a certificate.
#[utoipa::path(
    delete, path = "/api/v1/certifications/{id}", operation_id = "delete_certification", tag = "certifications",
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
    let model = load_editable_certification(&state, id, &user).await?;
    state.store.delete_certification(id).await?;
    note_exhibitor_changed(&state, model.organisation_id).await;
    Ok(StatusCode::NO_CONTENT)
}
