//! Must meet / Meet / No thanks, said by a buyer about a supplier or the other way.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use fair_api_types::{ErrorBody, PreferenceInput, PreferenceView};
use fair_domain::{OrganisationId, Role};
use fair_http::{ApiError, ApiJson, ApiPath, ApiResult, AppState, CurrentUser, OrNotFound};
use fair_store::StoreError;
use uuid::Uuid;

/// Whether the user speaks for `organisation` (its buyers or exhibitor staff, organisers).
fn speaks_for(user: &CurrentUser, organisation: Uuid) -> bool {
    user.principal.is_organiser()
        || (user.principal.role != Role::Organiser
            && user.principal.organisation_id == Some(OrganisationId(organisation)))
}

/// The preferences a company stated and those stated about it.
#[utoipa::path(
    get, path = "/api/v1/organisations/{id}/preferences", operation_id = "list_preferences", tag = "matchmaking",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PreferenceView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<PreferenceView>>> {
    if !speaks_for(&user, id) {
        return Err(ApiError::Forbidden);
    }
    let rows = state.store.preferences_involving(id).await?;
    Ok(Json(rows.into_iter().map(|p| PreferenceView { from: p.from_org, to: p.to_org, level: p.level }).collect()))
}

/// Mark another company Must meet, Meet or No thanks (or clear with `null`). Buyers
/// mark suppliers and exhibitors mark buyers.
#[utoipa::path(
    put, path = "/api/v1/organisations/{id}/preferences/{target}", operation_id = "set_preference", tag = "matchmaking",
    params(("id" = Uuid, Path, description = "The company stating it"), ("target" = Uuid, Path, description = "The company it is about")),
    request_body = PreferenceInput,
    responses(
        (status = 200, body = Vec<PreferenceView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn set(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, target)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<PreferenceInput>,
) -> ApiResult<Json<Vec<PreferenceView>>> {
    if !speaks_for(&user, id) {
        return Err(ApiError::Forbidden);
    }
    if let Some(level) = &body.level
        && !["must", "meet", "no"].contains(&level.as_str())
    {
        return Err(ApiError::field("level", "unknown", "must be must, meet, no or null"));
    }
    // A buyer speaks about suppliers, an exhibitor about buyers.
    let from_is_buyer = match state.store.buyer(id).await {
        Ok(_) => true,
        Err(StoreError::NotFound) => {
            state.store.exhibitor(id).await.or_not_found("organisation")?;
            false
        }
        Err(err) => return Err(err.into()),
    };
    let target_ok = if from_is_buyer {
        state.store.exhibitor(target).await.is_ok()
    } else {
        state.store.buyer(target).await.is_ok()
    };
    if !target_ok {
        return Err(ApiError::NotFound("counterpart"));
    }
    state.store.set_preference(id, target, body.level.as_deref(), Utc::now()).await?;
    let rows = state.store.preferences_involving(id).await?;
    Ok(Json(rows.into_iter().map(|p| PreferenceView { from: p.from_org, to: p.to_org, level: p.level }).collect()))
}
