//! An exhibitor's team as shown on the booth. Managing it (and inviting colleagues)
//! is for the exhibitor's admins and organisers.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use fair_api_types::{ErrorBody, StaffInput, StaffView};
use fair_domain::OrganisationId;
use fair_http::{ApiError, ApiJson, ApiPath, ApiResult, AppState, CurrentUser, MaybeUser, OrNotFound};
use fair_store::entities::{StringList, staff_member};
use uuid::Uuid;

use crate::exhibitors::load_visible;
use crate::input::{self, MAX_STAFF};
use crate::views::staff_view;

/// Sign-in roles (`admin`/`rep`) of an exhibitor's users, by user id.
pub(crate) async fn account_roles(state: &AppState, exhibitor: Uuid) -> ApiResult<HashMap<Uuid, String>> {
    Ok(state
        .store
        .users_of_organisation(exhibitor)
        .await?
        .into_iter()
        .filter_map(|user| user.staff_role.map(|role| (user.id, role)))
        .collect())
}

fn require_manager(user: &CurrentUser, exhibitor: Uuid) -> ApiResult<()> {
    if user.principal.can_manage_staff(OrganisationId(exhibitor)) { Ok(()) } else { Err(ApiError::Forbidden) }
}

async fn load_managed(state: &AppState, id: Uuid, user: &CurrentUser) -> ApiResult<staff_member::Model> {
    let member = state.store.staff_member(id).await.or_not_found("staff member")?;
    require_manager(user, member.organisation_id)?;
    Ok(member)
}

fn apply(model: &mut staff_member::Model, parsed: input::Staff) {
    model.full_name = parsed.full_name;
    model.job_title = parsed.job_title;
    model.email = parsed.email;
    model.phone = parsed.phone;
    model.languages = StringList(parsed.languages);
    model.shown_on_booth = parsed.shown_on_booth;
}

/// An exhibitor's staff. Visitors see those shown on the booth, without contact
/// details; the exhibitor's own staff and organisers see everyone.
#[utoipa::path(
    get, path = "/api/v1/exhibitors/{id}/staff", operation_id = "list_staff", tag = "staff",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<StaffView>), (status = 404, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<StaffView>>> {
    load_visible(&state, id, &viewer).await?;
    let private = viewer.principal().is_some_and(|p| p.can_see_private_exhibitor(OrganisationId(id)));
    let viewer_id = viewer.0.as_ref().map(|user| user.user.id);
    let roles = if private { account_roles(&state, id).await? } else { HashMap::new() };
    let members = state.store.staff_of(id).await?;
    Ok(Json(
        members
            .iter()
            .filter(|m| private || m.shown_on_booth)
            .map(|m| staff_view(m, m.user_id.and_then(|u| roles.get(&u).cloned()), private, viewer_id))
            .collect(),
    ))
}

/// Add a staff member (the exhibitor's admins, organisers).
#[utoipa::path(
    post, path = "/api/v1/exhibitors/{id}/staff", operation_id = "create_staff_member", tag = "staff",
    params(("id" = Uuid, Path)),
    request_body = StaffInput,
    responses(
        (status = 201, body = StaffView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<StaffInput>,
) -> ApiResult<(StatusCode, Json<StaffView>)> {
    require_manager(&user, id)?;
    state.store.exhibitor(id).await.or_not_found("exhibitor")?;
    let parsed = input::staff(&body)?;
    if state.store.count_staff(id).await? >= MAX_STAFF {
        return Err(ApiError::LimitReached(format!("an exhibitor lists at most {MAX_STAFF} staff")));
    }
    let now = Utc::now();
    let mut model = staff_member::Model {
        id: Uuid::now_v7(),
        organisation_id: id,
        user_id: None,
        full_name: String::new(),
        job_title: None,
        email: None,
        phone: None,
        languages: StringList::default(),
        shown_on_booth: true,
        created_at: now,
        updated_at: now,
    };
    apply(&mut model, parsed);
    let model = state.store.insert_staff_member(model).await?;
    Ok((StatusCode::CREATED, Json(staff_view(&model, None, true, Some(user.user.id)))))
}

/// Change a staff member's details.
#[utoipa::path(
    put, path = "/api/v1/staff/{id}", operation_id = "update_staff_member", tag = "staff",
    params(("id" = Uuid, Path)),
    request_body = StaffInput,
    responses(
        (status = 200, body = StaffView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<StaffInput>,
) -> ApiResult<Json<StaffView>> {
    let mut model = load_managed(&state, id, &user).await?;
    let parsed = input::staff(&body)?;
    apply(&mut model, parsed);
    model.updated_at = Utc::now();
    let model = state.store.update_staff_member(model).await?;
    let roles = account_roles(&state, model.organisation_id).await?;
    Ok(Json(staff_view(&model, model.user_id.and_then(|u| roles.get(&u).cloned()), true, Some(user.user.id))))
}

/// Remove a staff member. If they can sign in, their account is removed as well
/// (their sessions end). Nobody removes themselves.
#[utoipa::path(
    delete, path = "/api/v1/staff/{id}", operation_id = "delete_staff_member", tag = "staff",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "That is you (`cannot_remove_self`)", body = ErrorBody),
    )
)]
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    let model = load_managed(&state, id, &user).await?;
    if model.user_id == Some(user.user.id) {
        return Err(ApiError::conflict("cannot_remove_self", "you cannot remove yourself"));
    }
    state.store.delete_staff_member(id).await?;
    if let Some(account) = model.user_id {
        state.store.delete_user(account).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
