//! Buyer companies and their sourcing needs. Visible to organisers, to exhibitors
//! (who prepare for meetings) and to the buyer itself; never to other buyers or
//! anonymous visitors.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use fair_api_types::{BuyerInput, BuyerPage, BuyerView, ErrorBody, NeedInput, NeedPage, NeedView, PageQuery};
use fair_domain::{OrganisationId, Principal, Role};
use fair_http::{
    ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, AppState, CurrentUser, OrNotFound, Page, RequireOrganiser,
};
use fair_store::entities::{I18n, StringList, organisation, sourcing_need};
use serde::Deserialize;
use uuid::Uuid;

use crate::input::{self, MAX_NEEDS};
use crate::views::{buyer_view, need_view};

fn can_view_buyer(principal: &Principal, buyer: Uuid) -> bool {
    principal.is_organiser()
        || principal.role == Role::Exhibitor
        || (principal.role == Role::Buyer && principal.organisation_id == Some(OrganisationId(buyer)))
}

async fn load_viewable(state: &AppState, id: Uuid, user: &CurrentUser) -> ApiResult<organisation::Model> {
    if !can_view_buyer(&user.principal, id) {
        return Err(ApiError::Forbidden);
    }
    state.store.buyer(id).await.or_not_found("buyer")
}

async fn load_editable(state: &AppState, id: Uuid, user: &CurrentUser) -> ApiResult<organisation::Model> {
    if !user.principal.can_edit_buyer(OrganisationId(id)) {
        return Err(ApiError::Forbidden);
    }
    state.store.buyer(id).await.or_not_found("buyer")
}

fn apply(model: &mut organisation::Model, parsed: input::Buyer) {
    model.name = parsed.company_name;
    model.name_local = parsed.company_name_local;
    model.country = parsed.country;
    model.time_zone = parsed.time_zone;
    model.languages = StringList(parsed.languages);
    model.industry = parsed.industry;
    model.website = parsed.website;
    model.about = I18n(parsed.about);
}

async fn view(state: &AppState, buyer: &organisation::Model) -> ApiResult<BuyerView> {
    let counts = state.store.open_need_counts(&[buyer.id]).await?;
    Ok(buyer_view(buyer, counts.get(&buyer.id).copied().unwrap_or(0)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct BuyerFilter {
    /// Only buyers from this country (ISO 3166 alpha-2).
    country: Option<String>,
}

/// Buyer companies in registration order (organisers and exhibitors).
#[utoipa::path(
    get, path = "/api/v1/buyers", operation_id = "list_buyers", tag = "buyers",
    params(PageQuery, BuyerFilter),
    responses((status = 200, body = BuyerPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<BuyerFilter>,
) -> ApiResult<Json<BuyerPage>> {
    if !(user.principal.is_organiser() || user.principal.role == Role::Exhibitor) {
        return Err(ApiError::Forbidden);
    }
    let page = Page::from_query(&query)?;
    if let Some(country) = &filter.country
        && fair_domain::taxonomy::country(country).is_none()
    {
        return Err(ApiError::InvalidQuery(format!("country: `{country}` is not a known country code")));
    }
    let rows = state.store.buyers(page.after, page.fetch_limit(), filter.country.as_deref()).await?;
    let (rows, next_cursor) = page.finish(rows, |b| b.id);
    let ids: Vec<Uuid> = rows.iter().map(|b| b.id).collect();
    let counts = state.store.open_need_counts(&ids).await?;
    Ok(Json(BuyerPage {
        items: rows.iter().map(|b| buyer_view(b, counts.get(&b.id).copied().unwrap_or(0))).collect(),
        next_cursor,
    }))
}

/// Register a buyer company (organisers).
#[utoipa::path(
    post, path = "/api/v1/buyers", operation_id = "create_buyer", tag = "buyers",
    request_body = BuyerInput,
    responses(
        (status = 201, body = BuyerView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiJson(body): ApiJson<BuyerInput>,
) -> ApiResult<(StatusCode, Json<BuyerView>)> {
    let parsed = input::buyer(&body)?;
    let now = Utc::now();
    let mut model = organisation::Model {
        id: Uuid::now_v7(),
        kind: "buyer".to_owned(),
        name: String::new(),
        name_en: None,
        name_local: None,
        country: String::new(),
        province: None,
        industrial_park: None,
        address: None,
        website: None,
        contact_email: None,
        phone: None,
        employees: None,
        founded_year: None,
        vsic: None,
        business_type: "manufacturer".to_owned(),
        export_markets: StringList::default(),
        languages: StringList::default(),
        time_zone: String::new(),
        industry: None,
        headline: I18n::default(),
        about: I18n::default(),
        created_at: now,
        updated_at: now,
    };
    apply(&mut model, parsed);
    let model = state.store.insert_buyer(model).await?;
    Ok((StatusCode::CREATED, Json(buyer_view(&model, 0))))
}

/// A buyer company.
#[utoipa::path(
    get, path = "/api/v1/buyers/{id}", operation_id = "get_buyer", tag = "buyers",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = BuyerView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<BuyerView>> {
    let buyer = load_viewable(&state, id, &user).await?;
    Ok(Json(view(&state, &buyer).await?))
}

/// Edit a buyer company's profile (its buyers, organisers).
#[utoipa::path(
    put, path = "/api/v1/buyers/{id}", operation_id = "update_buyer", tag = "buyers",
    params(("id" = Uuid, Path)),
    request_body = BuyerInput,
    responses(
        (status = 200, body = BuyerView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<BuyerInput>,
) -> ApiResult<Json<BuyerView>> {
    let mut model = load_editable(&state, id, &user).await?;
    let parsed = input::buyer(&body)?;
    apply(&mut model, parsed);
    model.updated_at = Utc::now();
    let model = state.store.update_buyer(model).await?;
    Ok(Json(view(&state, &model).await?))
}

/// Remove a buyer company with its needs and accounts (organisers).
#[utoipa::path(
    delete, path = "/api/v1/buyers/{id}", operation_id = "delete_buyer", tag = "buyers",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn delete(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    state.store.buyer(id).await.or_not_found("buyer")?;
    state.store.delete_organisation(id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A buyer's sourcing needs.
#[utoipa::path(
    get, path = "/api/v1/buyers/{id}/needs", operation_id = "list_needs", tag = "buyers",
    params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = NeedPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub(crate) async fn list_needs(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<NeedPage>> {
    let page = Page::from_query(&query)?;
    load_viewable(&state, id, &user).await?;
    let rows = state.store.needs_of(id, page.after, page.fetch_limit()).await?;
    let (rows, next_cursor) = page.finish(rows, |n| n.id);
    Ok(Json(NeedPage { items: rows.iter().map(need_view).collect(), next_cursor }))
}

fn apply_need(model: &mut sourcing_need::Model, parsed: input::Need) {
    model.title = parsed.title;
    model.description = parsed.description;
    model.language = parsed.language;
    model.product_group = parsed.product_group;
    model.processes = StringList(parsed.processes);
    model.hs_code = parsed.hs_code;
    model.required_certifications = StringList(parsed.required_certifications);
    model.annual_volume = parsed.annual_volume;
    model.unit = parsed.unit;
    model.tolerance_um = parsed.tolerance_um;
    model.status = parsed.status;
}

/// Add a sourcing need, written in the buyer's own language.
#[utoipa::path(
    post, path = "/api/v1/buyers/{id}/needs", operation_id = "create_need", tag = "buyers",
    params(("id" = Uuid, Path)),
    request_body = NeedInput,
    responses(
        (status = 201, body = NeedView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create_need(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<NeedInput>,
) -> ApiResult<(StatusCode, Json<NeedView>)> {
    load_editable(&state, id, &user).await?;
    let parsed = input::need(&body)?;
    if state.store.count_needs(id).await? >= MAX_NEEDS {
        return Err(ApiError::LimitReached(format!("a buyer lists at most {MAX_NEEDS} needs")));
    }
    let now = Utc::now();
    let mut model = sourcing_need::Model {
        id: Uuid::now_v7(),
        organisation_id: id,
        created_by: Some(user.user.id),
        title: String::new(),
        description: String::new(),
        language: String::new(),
        product_group: None,
        processes: StringList::default(),
        hs_code: None,
        required_certifications: StringList::default(),
        annual_volume: None,
        unit: None,
        tolerance_um: None,
        status: "open".to_owned(),
        created_at: now,
        updated_at: now,
    };
    apply_need(&mut model, parsed);
    let model = state.store.insert_need(model).await?;
    Ok((StatusCode::CREATED, Json(need_view(&model))))
}

async fn load_editable_need(state: &AppState, id: Uuid, user: &CurrentUser) -> ApiResult<sourcing_need::Model> {
    let need = state.store.need(id).await.or_not_found("need")?;
    load_editable(state, need.organisation_id, user).await?;
    Ok(need)
}

/// Replace a sourcing need (or close it with `status: closed`).
#[utoipa::path(
    put, path = "/api/v1/needs/{id}", operation_id = "update_need", tag = "buyers",
    params(("id" = Uuid, Path)),
    request_body = NeedInput,
    responses(
        (status = 200, body = NeedView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update_need(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<NeedInput>,
) -> ApiResult<Json<NeedView>> {
    let mut model = load_editable_need(&state, id, &user).await?;
    let parsed = input::need(&body)?;
    apply_need(&mut model, parsed);
    model.updated_at = Utc::now();
    Ok(Json(need_view(&state.store.update_need(model).await?)))
}

/// Remove a sourcing need.
#[utoipa::path(
    delete, path = "/api/v1/needs/{id}", operation_id = "delete_need", tag = "buyers",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn delete_need(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    load_editable_need(&state, id, &user).await?;
    state.store.delete_need(id).await?;
    Ok(StatusCode::NO_CONTENT)
}
