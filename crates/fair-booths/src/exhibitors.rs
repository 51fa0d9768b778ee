//! Exhibitors and their booth pages.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use chrono::{Datelike, Utc};
use fair_api_types::{
    BoothPage, BoothPlacementInput, CreateExhibitor, ErrorBody, ExhibitorPage, ExhibitorProfileInput, ExhibitorView,
    PageQuery,
};
use fair_domain::text::fold;
use fair_domain::validate::BoothSlug;
use fair_domain::{OrganisationId, ValidationErrors};
use fair_http::{
    ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, AppState, ClientAddress, CurrentUser, MaybeUser, OrNotFound, Page,
    RequireOrganiser, hash_token,
};
use fair_store::directory::{ExhibitorRecord, RecordFilter};
use fair_store::entities::{I18n, StringList, booth, booth_visit, organisation};
use fair_store::{Exhibitor, StoreError};
use uuid::Uuid;

use crate::directory::note_exhibitor_changed;
use crate::input::{self, ExhibitorProfile};
use crate::views::{certification_view, exhibitor_view, media_view, product_view, staff_view};

/// Whether the viewer may see this exhibitor at all: published booths are public,
/// unpublished ones only to their staff and organisers (others get 404).
pub(crate) fn visible(exhibitor: &Exhibitor, viewer: &MaybeUser) -> bool {
    exhibitor.booth.published
        || viewer.principal().is_some_and(|p| p.can_see_private_exhibitor(OrganisationId(exhibitor.id())))
}

/// Loads an exhibitor the viewer may see, or 404.
pub(crate) async fn load_visible(state: &AppState, id: Uuid, viewer: &MaybeUser) -> ApiResult<Exhibitor> {
    match state.store.exhibitor(id).await {
        Ok(exhibitor) if visible(&exhibitor, viewer) => Ok(exhibitor),
        Ok(_) | Err(StoreError::NotFound) => Err(ApiError::NotFound("exhibitor")),
        Err(err) => Err(err.into()),
    }
}

/// Checks the user may edit this exhibitor (403 otherwise), then loads it (404).
pub(crate) async fn load_editable(state: &AppState, id: Uuid, user: &CurrentUser) -> ApiResult<Exhibitor> {
    if !user.principal.can_edit_exhibitor(OrganisationId(id)) {
        return Err(ApiError::Forbidden);
    }
    state.store.exhibitor(id).await.or_not_found("exhibitor")
}

pub(crate) async fn view_of(state: &AppState, id: Uuid) -> ApiResult<ExhibitorView> {
    let record = state
        .store
        .exhibitor_records(&RecordFilter::Ids(vec![id]))
        .await?
        .pop()
        .ok_or(ApiError::NotFound("exhibitor"))?;
    Ok(exhibitor_view(&record))
}

fn apply_profile(organisation: &mut organisation::Model, profile: ExhibitorProfile) {
    organisation.name = profile.name;
    organisation.name_en = profile.name_en;
    organisation.province = Some(profile.province);
    organisation.industrial_park = profile.industrial_park;
    organisation.address = profile.address;
    organisation.website = profile.website;
    organisation.contact_email = profile.contact_email;
    organisation.phone = profile.phone;
    organisation.employees = profile.employees;
    organisation.founded_year = profile.founded_year;
    organisation.vsic = profile.vsic;
    organisation.business_type = profile.business_type;
    organisation.export_markets = StringList(profile.export_markets);
    organisation.languages = StringList(profile.languages);
    organisation.headline = I18n(profile.headline);
    organisation.about = I18n(profile.about);
}

fn parse_profile(input: &ExhibitorProfileInput) -> Result<ExhibitorProfile, ValidationErrors> {
    input::exhibitor_profile(input, Utc::now().year())
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExhibitorFilter {
    /// Part of the name (Vietnamese or English), diacritics optional.
    q: Option<String>,
}

/// All exhibitors, published or not, in creation order, optionally those whose name
/// contains `q` (organisers).
#[utoipa::path(
    get, path = "/api/v1/exhibitors", operation_id = "list_exhibitors", tag = "exhibitors",
    params(PageQuery, ExhibitorFilter),
    responses(
        (status = 200, body = ExhibitorPage),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    )
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<ExhibitorFilter>,
) -> ApiResult<Json<ExhibitorPage>> {
    let page = Page::from_query(&query)?;
    let (ids, next_cursor) = match filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) if q.chars().count() > 200 => {
            return Err(ApiError::InvalidQuery("q: at most 200 characters".to_owned()));
        }
        Some(q) => {
            // A thousand names: matching them here beats diacritic-folding in SQL.
            let needle = fold(q);
            let matching: Vec<Uuid> = state
                .store
                .supplier_names()
                .await?
                .into_iter()
                .filter(|(id, name, name_en)| {
                    page.after.is_none_or(|after| *id > after)
                        && (fold(name).contains(&needle)
                            || name_en.as_deref().is_some_and(|n| fold(n).contains(&needle)))
                })
                .map(|(id, _, _)| id)
                .take(page.fetch_limit() as usize)
                .collect();
            page.finish(matching, |id| *id)
        }
        None => {
            let exhibitors = state.store.exhibitors(page.after, page.fetch_limit()).await?;
            let (exhibitors, next_cursor) = page.finish(exhibitors, Exhibitor::id);
            (exhibitors.iter().map(Exhibitor::id).collect(), next_cursor)
        }
    };
    let records: Vec<ExhibitorRecord> = state.store.exhibitor_records(&RecordFilter::Ids(ids)).await?;
    Ok(Json(ExhibitorPage { items: records.iter().map(exhibitor_view).collect(), next_cursor }))
}

/// Register an exhibitor (organisers). The slug is made from the name when not given.
#[utoipa::path(
    post, path = "/api/v1/exhibitors", operation_id = "create_exhibitor", tag = "exhibitors",
    request_body = CreateExhibitor,
    responses(
        (status = 201, body = ExhibitorView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "Slug taken (`slug_taken`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiJson(body): ApiJson<CreateExhibitor>,
) -> ApiResult<(StatusCode, Json<ExhibitorView>)> {
    let mut errors = ValidationErrors::default();
    let slug = match body.slug.as_deref() {
        Some(slug) => errors.check(BoothSlug::parse("slug", slug)),
        None => None,
    };
    let profile = match parse_profile(&body.profile) {
        Ok(profile) => Some(profile),
        Err(more) => {
            errors.0.extend(more.0.into_iter().map(|mut e| {
                e.field = format!("profile.{}", e.field);
                e
            }));
            None
        }
    };
    let (slug, profile) = errors.finish(|| (slug, profile))?;
    let Some(profile) = profile else {
        return Err(ApiError::InvalidBody("invalid profile".to_owned()));
    };
    let chosen = slug.is_some();
    let base = slug.unwrap_or_else(|| BoothSlug::from_name(profile.name_en.as_deref().unwrap_or(&profile.name)));

    let now = Utc::now();
    let id = Uuid::now_v7();
    let published = profile.published;
    let mut organisation = organisation::Model {
        id,
        kind: "supplier".to_owned(),
        name: String::new(),
        name_en: None,
        name_local: None,
        country: "VN".to_owned(),
        province: None,
        industrial_park: None,
        address: None,
        website: None,
        contact_email: None,
        phone: None,
        employees: None,
        founded_year: None,
        vsic: None,
        business_type: String::new(),
        export_markets: StringList::default(),
        languages: StringList::default(),
        time_zone: "Asia/Ho_Chi_Minh".to_owned(),
        industry: None,
        headline: I18n::default(),
        about: I18n::default(),
        created_at: now,
        updated_at: now,
    };
    apply_profile(&mut organisation, profile);

    // A derived slug gets a number when taken; a chosen one is refused.
    for attempt in 1..=20 {
        let slug = if attempt == 1 { base.as_str().to_owned() } else { format!("{}-{attempt}", base.as_str()) };
        let booth = booth::Model {
            id: Uuid::now_v7(),
            organisation_id: id,
            slug,
            hall: None,
            stand: None,
            online_booth: false,
            published,
            logo_media_id: None,
            view_count: 0,
            created_at: now,
            updated_at: now,
        };
        match state.store.insert_exhibitor(organisation.clone(), booth).await {
            Ok(_) => {
                tracing::info!(exhibitor_id = %id, "exhibitor created");
                note_exhibitor_changed(&state, id).await;
                return Ok((StatusCode::CREATED, Json(view_of(&state, id).await?)));
            }
            Err(err) if err.is_conflict_on("slug") && !chosen => continue,
            Err(err) if err.is_conflict_on("slug") => {
                return Err(ApiError::conflict("slug_taken", "another booth already has this slug"));
            }
            Err(err) => return Err(err.into()),
        }
    }
    Err(ApiError::conflict("slug_taken", "choose a slug: the name's slug is taken"))
}

/// An exhibitor's profile. Unpublished exhibitors are visible to their staff and organisers only.
#[utoipa::path(
    get, path = "/api/v1/exhibitors/{id}", operation_id = "get_exhibitor", tag = "exhibitors",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ExhibitorView), (status = 404, body = ErrorBody))
)]
pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ExhibitorView>> {
    load_visible(&state, id, &viewer).await?;
    Ok(Json(view_of(&state, id).await?))
}

/// Edit the profile and booth texts (the exhibitor's staff, organisers).
#[utoipa::path(
    put, path = "/api/v1/exhibitors/{id}", operation_id = "update_exhibitor", tag = "exhibitors",
    params(("id" = Uuid, Path)),
    request_body = ExhibitorProfileInput,
    responses(
        (status = 200, body = ExhibitorView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ExhibitorProfileInput>,
) -> ApiResult<Json<ExhibitorView>> {
    let exhibitor = load_editable(&state, id, &user).await?;
    let profile = parse_profile(&body)?;
    let published = profile.published;
    let mut organisation = exhibitor.organisation;
    apply_profile(&mut organisation, profile);
    let now = Utc::now();
    organisation.updated_at = now;
    state.store.update_exhibitor_profile(organisation, published, now).await?;
    note_exhibitor_changed(&state, id).await;
    Ok(Json(view_of(&state, id).await?))
}

/// Place the booth in a hall and stand, and open or close its online booth (organisers).
#[utoipa::path(
    put, path = "/api/v1/exhibitors/{id}/placement", operation_id = "place_booth", tag = "exhibitors",
    params(("id" = Uuid, Path)),
    request_body = BoothPlacementInput,
    responses(
        (status = 200, body = ExhibitorView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Stand taken (`stand_taken`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn place(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<BoothPlacementInput>,
) -> ApiResult<Json<ExhibitorView>> {
    let mut errors = ValidationErrors::default();
    let hall = input::placement_text(&mut errors, "hall", body.hall.as_deref());
    let stand = input::placement_text(&mut errors, "stand", body.stand.as_deref());
    errors.finish(|| ())?;
    match state.store.update_booth_placement(id, hall, stand, body.online_booth, Utc::now()).await {
        Ok(_) => {}
        Err(err) if err.is_conflict_on("stand") => {
            return Err(ApiError::conflict("stand_taken", "another booth is at this stand"));
        }
        Err(StoreError::NotFound) => return Err(ApiError::NotFound("exhibitor")),
        Err(err) => return Err(err.into()),
    }
    note_exhibitor_changed(&state, id).await;
    Ok(Json(view_of(&state, id).await?))
}

/// Remove an exhibitor with everything it owns (organisers).
#[utoipa::path(
    delete, path = "/api/v1/exhibitors/{id}", operation_id = "delete_exhibitor", tag = "exhibitors",
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
    state.store.exhibitor(id).await.or_not_found("exhibitor")?;
    let keys = state.store.delete_organisation(id).await?;
    for key in keys {
        if let Err(err) = state.blobs.delete(&key).await {
            tracing::warn!(error = %err, %key, "could not delete an upload of a deleted exhibitor");
        }
    }
    note_exhibitor_changed(&state, id).await;
    Ok(StatusCode::NO_CONTENT)
}

/// A booth page: profile, catalogue, certificates, media and staff. Counts a view.
#[utoipa::path(
    get, path = "/api/v1/booths/{slug}", operation_id = "get_booth_page", tag = "exhibitors",
    params(("slug" = String, Path)),
    responses((status = 200, body = BoothPage), (status = 404, body = ErrorBody))
)]
pub(crate) async fn booth_page(
    State(state): State<AppState>,
    viewer: MaybeUser,
    address: ClientAddress,
    headers: HeaderMap,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<BoothPage>> {
    if BoothSlug::parse("slug", &slug).is_err() {
        return Err(ApiError::NotFound("booth"));
    }
    let exhibitor = match state.store.exhibitor_by_slug(&slug).await {
        Ok(exhibitor) if visible(&exhibitor, &viewer) => exhibitor,
        Ok(_) | Err(StoreError::NotFound) => return Err(ApiError::NotFound("booth")),
        Err(err) => return Err(err.into()),
    };
    let id = exhibitor.id();
    let private = viewer.principal().is_some_and(|p| p.can_see_private_exhibitor(OrganisationId(id)));
    let (products, certifications, media, staff) = tokio::try_join!(
        state.store.products_of(id, None, 1000),
        state.store.certifications_of(id),
        state.store.media_of(id),
        state.store.staff_of(id),
    )?;
    let accounts = if private { crate::staff::account_roles(&state, id).await? } else { Default::default() };
    let record = ExhibitorRecord { exhibitor: exhibitor.clone(), products, certifications, staff };
    let viewer_id = viewer.0.as_ref().map(|user| user.user.id);
    let page = BoothPage {
        booth_id: exhibitor.booth.id,
        exhibitor: exhibitor_view(&record),
        viewer_can_edit: private,
        viewer_can_manage_staff: viewer.principal().is_some_and(|p| p.can_manage_staff(OrganisationId(id))),
        products: record.products.iter().map(product_view).collect(),
        certifications: record.certifications.iter().map(certification_view).collect(),
        media: media.iter().map(media_view).collect(),
        staff: record
            .staff
            .iter()
            .filter(|m| private || m.shown_on_booth)
            .map(|m| staff_view(m, m.user_id.and_then(|u| accounts.get(&u).cloned()), private, viewer_id))
            .collect(),
    };

    // Views by the exhibitor's own staff are not interest; everyone else's count.
    if exhibitor.booth.published && !private {
        let user = viewer.0.as_ref();
        let key = match user {
            Some(user) => format!("user:{}", user.user.id),
            None => visitor_key(&headers, address),
        };
        state.visits.record(booth_visit::Model {
            id: Uuid::now_v7(),
            booth_id: exhibitor.booth.id,
            viewer_user_id: user.map(|u| u.user.id),
            viewer_organisation_id: user.and_then(|u| u.user.organisation_id),
            visitor_key: key,
            viewed_at: Utc::now(),
        });
    }
    Ok(Json(page))
}

/// Anonymous visitors are told apart by a hash of their address and browser (never
/// stored in clear), per day.
fn visitor_key(headers: &HeaderMap, address: ClientAddress) -> String {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let address = address.0.map(|ip| ip.to_string()).unwrap_or_default();
    let day = Utc::now().date_naive();
    format!("anon:{}", &hash_token(&format!("{day}|{address}|{agent}"))[..32])
}
