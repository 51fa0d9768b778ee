//! An exhibitor's product catalogue.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use fair_api_types::{ErrorBody, PageQuery, ProductInput, ProductPage, ProductView};
use fair_http::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, AppState, CurrentUser, MaybeUser, OrNotFound, Page};
use fair_store::StoreError;
use fair_store::entities::{I18n, StringList, product};
use uuid::Uuid;

use crate::directory::note_exhibitor_changed;
use crate::exhibitors::{load_editable, load_visible};
use crate::input::{self, MAX_PRODUCTS};
use crate::views::product_view;

/// The photo must be one of this exhibitor's photos.
async fn check_photo(state: &AppState, exhibitor: Uuid, photo: Option<Uuid>) -> ApiResult<()> {
    if let Some(id) = photo {
        match state.store.media(id).await {
            Ok(media) if media.organisation_id == exhibitor && media.kind == "photo" => {}
            Ok(_) | Err(StoreError::NotFound) => {
                return Err(ApiError::field("photo_id", "unknown", "not a photo of this exhibitor"));
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

fn apply(model: &mut product::Model, parsed: input::Product) {
    model.name = I18n(parsed.name);
    model.description = I18n(parsed.description);
    model.product_group = parsed.product_group;
    model.hs_code = parsed.hs_code;
    model.processes = StringList(parsed.processes);
    model.materials = StringList(parsed.materials);
    model.moq = parsed.moq;
    model.monthly_capacity = parsed.monthly_capacity;
    model.unit = parsed.unit;
    model.tolerance_um = parsed.tolerance_um;
    model.photo_media_id = parsed.photo_id;
}

/// Load a product the user may edit: 404 if it does not exist, 403 if it is another
/// exhibitor's.
async fn load_editable_product(state: &AppState, id: Uuid, user: &CurrentUser) -> ApiResult<product::Model> {
    let product = state.store.product(id).await.or_not_found("product")?;
    load_editable(state, product.organisation_id, user).await?;
    Ok(product)
}

/// An exhibitor's products, in the order they were added.
#[utoipa::path(
    get, path = "/api/v1/exhibitors/{id}/products", operation_id = "list_products", tag = "products",
    params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = ProductPage), (status = 404, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<ProductPage>> {
    let page = Page::from_query(&query)?;
    load_visible(&state, id, &viewer).await?;
    let rows = state.store.products_of(id, page.after, page.fetch_limit()).await?;
    let (rows, next_cursor) = page.finish(rows, |p| p.id);
    Ok(Json(ProductPage { items: rows.iter().map(product_view).collect(), next_cursor }))
}

/// Add a product (the exhibitor's staff, organisers).
#[utoipa::path(
    post, path = "/api/v1/exhibitors/{id}/products", operation_id = "create_product", tag = "products",
    params(("id" = Uuid, Path)),
    request_body = ProductInput,
    responses(
        (status = 201, body = ProductView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Catalogue full (`limit_reached`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ProductInput>,
) -> ApiResult<(StatusCode, Json<ProductView>)> {
    load_editable(&state, id, &user).await?;
    let parsed = input::product(&body)?;
    check_photo(&state, id, parsed.photo_id).await?;
    if state.store.count_products(id).await? >= MAX_PRODUCTS {
        return Err(ApiError::LimitReached(format!("an exhibitor lists at most {MAX_PRODUCTS} products")));
    }
    let now = Utc::now();
    let mut model = product::Model {
        id: Uuid::now_v7(),
        organisation_id: id,
        name: I18n::default(),
        description: I18n::default(),
        product_group: String::new(),
        hs_code: None,
        processes: StringList::default(),
        materials: StringList::default(),
        moq: None,
        monthly_capacity: None,
        unit: None,
        tolerance_um: None,
        photo_media_id: None,
        created_at: now,
        updated_at: now,
    };
    apply(&mut model, parsed);
    let model = state.store.insert_product(model).await?;
    note_exhibitor_changed(&state, id).await;
    Ok((StatusCode::CREATED, Json(product_view(&model))))
}

/// One product.
#[utoipa::path(
    get, path = "/api/v1/products/{id}", operation_id = "get_product", tag = "products",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ProductView), (status = 404, body = ErrorBody))
)]
pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ProductView>> {
    let product = state.store.product(id).await.or_not_found("product")?;
    load_visible(&state, product.organisation_id, &viewer).await.map_err(|err| err.not_found_as("product"))?;
    Ok(Json(product_view(&product)))
}

/// Replace a product's details.
#[utoipa::path(
    put, path = "/api/v1/products/{id}", operation_id = "update_product", tag = "products",
    params(("id" = Uuid, Path)),
    request_body = ProductInput,
    responses(
        (status = 200, body = ProductView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ProductInput>,
) -> ApiResult<Json<ProductView>> {
    let mut model = load_editable_product(&state, id, &user).await?;
    let parsed = input::product(&body)?;
    check_photo(&state, model.organisation_id, parsed.photo_id).await?;
    apply(&mut model, parsed);
    model.updated_at = Utc::now();
    let model = state.store.update_product(model).await?;
    note_exhibitor_changed(&state, model.organisation_id).await;
    Ok(Json(product_view(&model)))
}

/// Remove a product.
#[utoipa::path(
    delete, path = "/api/v1/products/{id}", operation_id = "delete_product", tag = "products",
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
    let model = load_editable_product(&state, id, &user).await?;
    state.store.delete_product(id).await?;
    note_exhibitor_changed(&state, model.organisation_id).await;
    Ok(StatusCode::NO_CONTENT)
}
