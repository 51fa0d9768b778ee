//! Meeting requests and their life cycle: request (with an idempotency key), accept,
//! decline, propose another time, cancel, route to a colleague; expiry. Every write
//! that books a slot goes through the database's unique indexes, so concurrent
//! bookings of one slot cannot both succeed.

use std::future::Future;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use fair_api_types::{
    AcceptInput, ErrorBody, MeetingPage, MeetingRequestInput, MeetingView, PageQuery, ProposeInput, ReasonInput,
    RouteInput,
};
use fair_domain::{Language, Role, validate};
use fair_http::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, AppState, CurrentUser, OrNotFound, Page};
use fair_store::StoreError;
use fair_store::entities::{IdList, idempotency_key, meeting, organisation, staff_member};
use fair_store::meetings::Clash;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::setup::settings_or_default;
use crate::views::{Party, ViewData, awaiting};

pub(crate) fn room_base(state: &AppState, headers: &HeaderMap) -> String {
    state.config.public_url.clone().unwrap_or_else(|| {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
        let scheme = if state.config.secure_cookies { "https" } else { "http" };
        format!("{scheme}://{host}")
    })
}

fn clash(err: StoreError) -> ApiError {
    match Clash::of(&err) {
        Some(Clash::BuyerBusy) => ApiError::conflict("buyer_busy", "the buyer already has a meeting in this slot"),
        Some(Clash::SupplierBusy) => {
            ApiError::conflict("supplier_busy", "the supplier already has a meeting in this slot")
        }
        Some(Clash::TableTaken) => ApiError::conflict("no_table_free", "every table is taken in this slot"),
        Some(Clash::InterpreterTaken) => {
            ApiError::conflict("interpreter_busy", "the interpreter is booked in this slot")
        }
        Some(Clash::AlreadyOpen) => {
            ApiError::conflict("already_requested", "these two already have an open request or meeting")
        }
        None => match err {
            StoreError::Precondition(_) => {
                ApiError::conflict("not_pending", "the meeting changed meanwhile; reload it")
            }
            other => other.into(),
        },
    }
}

/// Languages the supplier meets in: the company's and its staff's.
async fn supplier_languages(
    state: &AppState,
    supplier: &organisation::Model,
) -> ApiResult<(Vec<Language>, Vec<staff_member::Model>)> {
    let staff = state.store.staff_of(supplier.id).await?;
    let mut languages: Vec<Language> = supplier
        .languages
        .0
        .iter()
        .chain(staff.iter().flat_map(|m| m.languages.0.iter()))
        .filter_map(|tag| tag.parse().ok())
        .collect();
    languages.push(Language::Vietnamese);
    languages.sort();
    languages.dedup();
    Ok((languages, staff))
}

/// The interpreter language a pair needs, if they share none.
fn interpreter_language(buyer: &organisation::Model, supplier_languages: &[Language]) -> Option<Language> {
    let buyer_languages: Vec<Language> = buyer.languages.0.iter().filter_map(|t| t.parse().ok()).collect();
    if buyer_languages.iter().any(|l| supplier_languages.contains(l)) {
        None
    } else {
        buyer_languages.into_iter().find(|l| *l != Language::Vietnamese)
    }
}

/// The staff member who takes a buyer's meeting: one who speaks the buyer's first
/// language (then its next ones), else an admin, else anyone.
pub(crate) fn default_staff(staff: &[staff_member::Model], buyer_languages: &[String]) -> Option<Uuid> {
    buyer_languages
        .iter()
        .filter(|l| *l != "vi")
        .find_map(|language| staff.iter().find(|m| m.languages.0.contains(language)))
        .or_else(|| staff.iter().find(|m| m.user_id.is_some()))
        .or(staff.first())
        .map(|m| m.id)
}

async fn attendance(state: &AppState, organisation: Uuid) -> ApiResult<String> {
    Ok(state.store.participant_setting(organisation).await?.map_or_else(|| "either".to_owned(), |s| s.attendance))
}

/// Books `meeting` into `slot`: checks both sides can meet then, picks a free table
/// (on site) and interpreter (if the pair shares no language), and writes it — as
/// a new row or as a change of a row still in one of `expected` statuses. The
/// database refuses any double booking; a taken table or interpreter is retried
/// with the next free one.
async fn book(
    state: &AppState,
    mut meeting: meeting::Model,
    slot: Uuid,
    expected: Option<&[&str]>,
) -> ApiResult<meeting::Model> {
    state.store.slot(slot).await.map_err(|_| ApiError::field("slot_id", "unknown", "not a slot of the fair"))?;
    for (organisation, code, message) in [
        (meeting.buyer_id, "buyer_unavailable", "the buyer cannot meet in this slot"),
        (meeting.supplier_id, "supplier_unavailable", "the supplier cannot meet in this slot"),
    ] {
        if state.store.unavailable_slots_of(organisation).await?.contains(&slot) {
            return Err(ApiError::conflict(code, message));
        }
    }
    let buyer = state.store.buyer(meeting.buyer_id).await.or_not_found("buyer")?;
    let supplier = state.store.exhibitor(meeting.supplier_id).await.or_not_found("exhibitor")?;
    let (languages, _) = supplier_languages(state, &supplier.organisation).await?;
    let in_slot = state.store.accepted_in_slot(slot).await?;
    let others: Vec<&meeting::Model> = in_slot.iter().filter(|m| m.id != meeting.id).collect();
    // Say who is busy before looking for a table (the database checks this again).
    if others.iter().any(|m| m.supplier_id == meeting.supplier_id) {
        return Err(clash(StoreError::Conflict { constraint: "supplier_slot".to_owned() }));
    }
    if others.iter().any(|m| m.buyer_id == meeting.buyer_id) {
        return Err(clash(StoreError::Conflict { constraint: "buyer_slot".to_owned() }));
    }

    let mut tables: Vec<Option<Uuid>> = vec![None];
    if meeting.mode == "onsite" {
        let busy: Vec<Uuid> = others.iter().filter_map(|m| m.table_id).collect();
        tables = state
            .store
            .meeting_tables()
            .await?
            .into_iter()
            .filter(|t| t.active && !busy.contains(&t.id))
            .map(|t| Some(t.id))
            .collect();
        if tables.is_empty() {
            return Err(ApiError::conflict("no_table_free", "every table is taken in this slot; meet online instead"));
        }
    }
    let mut interpreters: Vec<Option<Uuid>> = vec![None];
    if let Some(language) = interpreter_language(&buyer, &languages) {
        let busy: Vec<Uuid> = others.iter().filter_map(|m| m.interpreter_id).collect();
        let free: Vec<Option<Uuid>> = state
            .store
            .interpreters_in_slot(language.tag(), slot)
            .await?
            .into_iter()
            .filter(|i| !busy.contains(&i.id))
            .map(|i| Some(i.id))
            .collect();
        if !free.is_empty() {
            interpreters = free;
        }
    }

    meeting.slot_id = Some(slot);
    meeting.status = "accepted".to_owned();
    meeting.proposed_slot_id = None;
    meeting.proposed_by = None;
    meeting.updated_at = Utc::now();
    let (mut table_index, mut interpreter_index) = (0, 0);
    loop {
        meeting.table_id = tables[table_index];
        meeting.interpreter_id = interpreters[interpreter_index];
        let written = match expected {
            None => state.store.insert_meeting(meeting.clone()).await,
            Some(statuses) => state.store.update_meeting_if(meeting.clone(), statuses).await,
        };
        match written {
            Ok(saved) => return Ok(saved),
            Err(err) => match Clash::of(&err) {
                // Someone booked this slot meanwhile: if it was one of these two,
                // that is the answer, whatever index fired first.
                Some(Clash::TableTaken | Clash::InterpreterTaken)
                    if let Some(busy) = busy_party(state, &meeting, slot).await? =>
                {
                    return Err(busy);
                }
                Some(Clash::TableTaken) if table_index + 1 < tables.len() => table_index += 1,
                Some(Clash::InterpreterTaken) if interpreter_index + 1 < interpreters.len() => interpreter_index += 1,
                // The last interpreter went meanwhile: meet without one (flagged).
                Some(Clash::InterpreterTaken) => interpreters = vec![None],
                _ => return Err(clash(err)),
            },
        }
    }
}

/// The busy side, if the buyer or the supplier already meets someone in `slot`.
async fn busy_party(state: &AppState, meeting: &meeting::Model, slot: Uuid) -> ApiResult<Option<ApiError>> {
    let in_slot = state.store.accepted_in_slot(slot).await?;
    let others = in_slot.iter().filter(|m| m.id != meeting.id);
    for other in others {
        if other.supplier_id == meeting.supplier_id {
            return Ok(Some(clash(StoreError::Conflict { constraint: "supplier_slot".to_owned() })));
        }
        if other.buyer_id == meeting.buyer_id {
            return Ok(Some(clash(StoreError::Conflict { constraint: "buyer_slot".to_owned() })));
        }
    }
    Ok(None)
}

async fn view_of(
    state: &AppState,
    headers: &HeaderMap,
    meeting: &meeting::Model,
    party: Party,
) -> ApiResult<MeetingView> {
    let data = ViewData::load(state, std::slice::from_ref(meeting), room_base(state, headers)).await?;
    let needs_interpreter = needs_interpreter(state, meeting).await?;
    Ok(data.view(meeting, party, needs_interpreter))
}

async fn needs_interpreter(state: &AppState, meeting: &meeting::Model) -> ApiResult<bool> {
    let (Ok(buyer), Ok(supplier)) =
        (state.store.buyer(meeting.buyer_id).await, state.store.exhibitor(meeting.supplier_id).await)
    else {
        return Ok(false);
    };
    let (languages, _) = supplier_languages(state, &supplier.organisation).await?;
    Ok(interpreter_language(&buyer, &languages).is_some())
}

fn request_hash(body: &MeetingRequestInput) -> String {
    let canonical = serde_json::to_string(body).unwrap_or_default();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Runs `work` at most once per (user, `Idempotency-Key`): a retry with the same key
/// and body gets the first answer again; the same key with another body is refused.
async fn idempotent<F, Fut>(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    hash: String,
    work: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ApiResult<(StatusCode, Json<MeetingView>)>>,
{
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => return work().await.into_response(),
        Some(Ok(key)) if (1..=100).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) => key.to_owned(),
        Some(_) => {
            return ApiError::InvalidBody("Idempotency-Key must be 1 to 100 visible ASCII characters".to_owned())
                .into_response();
        }
    };
    let user_id = user.user.id;
    let replay = |saved: idempotency_key::Model| -> Response {
        let status = StatusCode::from_u16(saved.status as u16).unwrap_or(StatusCode::OK);
        let mut response = Response::new(Body::from(saved.body));
        *response.status_mut() = status;
        response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/json"));
        response.headers_mut().insert("idempotent-replay", header::HeaderValue::from_static("true"));
        response
    };
    // Reserve the key; whoever reserves it first does the work.
    let reservation = idempotency_key::Model {
        user_id,
        key: key.clone(),
        request_hash: hash.clone(),
        status: 0,
        body: String::new(),
        created_at: Utc::now(),
    };
    if let Err(err) = state.store.remember_answer(reservation).await {
        if !matches!(err, StoreError::Conflict { .. }) {
            return ApiError::from(err).into_response();
        }
        // Someone holds the key: wait (bounded) for their answer.
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            match state.store.idempotent_answer(user_id, &key).await {
                Ok(Some(saved)) if saved.request_hash != hash => {
                    return ApiError::conflict(
                        "idempotency_key_reused",
                        "this Idempotency-Key was used with another request",
                    )
                    .into_response();
                }
                Ok(Some(saved)) if saved.status != 0 => return replay(saved),
                Ok(_) if tokio::time::Instant::now() > deadline => {
                    return ApiError::conflict(
                        "request_in_progress",
                        "the first request with this key is still running",
                    )
                    .into_response();
                }
                Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                Err(err) => return ApiError::from(err).into_response(),
            }
        }
    }
    let outcome = work().await;
    let (status, body) = match &outcome {
        Ok((status, Json(view))) => (*status, serde_json::to_string(view).unwrap_or_default()),
        Err(err) => {
            let (status, body) = err.to_body();
            (status, serde_json::to_string(&body).unwrap_or_default())
        }
    };
    let stored = if status.is_server_error() {
        state.store.forget_answer(user_id, &key).await
    } else {
        state.store.complete_answer(user_id, &key, i32::from(status.as_u16()), body).await
    };
    if let Err(err) = stored {
        tracing::warn!(error = %err, "could not record an idempotent answer");
    }
    outcome.into_response()
}

/// Request a meeting with a supplier (as a buyer) or a buyer (as an exhibitor).
///
/// With a slot and a counterpart who auto-accepts, the meeting is booked at once.
/// Send an `Idempotency-Key` header: a retry with the same key and body returns the
/// first answer and creates nothing more.
#[utoipa::path(
    post, path = "/api/v1/meetings", operation_id = "request_meeting", tag = "meetings",
    request_body = MeetingRequestInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: same key, same answer")),
    responses(
        (status = 201, body = MeetingView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`supplier_busy`, `buyer_busy`, `already_requested`, `no_table_free`, `idempotency_key_reused`, ...", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn request(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<MeetingRequestInput>,
) -> Response {
    let hash = request_hash(&body);
    idempotent(&state, &user, &headers, hash, || create(&state, &user, &headers, body)).await
}

async fn create(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    body: MeetingRequestInput,
) -> ApiResult<(StatusCode, Json<MeetingView>)> {
    let own = user.principal.organisation_id.map(|o| o.0).ok_or(ApiError::Forbidden)?;
    let (side, buyer_id, supplier_id) = match user.principal.role {
        Role::Buyer => (Party::Buyer, own, body.counterpart_id),
        Role::Exhibitor => (Party::Supplier, body.counterpart_id, own),
        Role::Organiser => return Err(ApiError::Forbidden),
    };
    let message = validate::optional_text("message", body.message.as_deref(), 2000)?;
    if body.product_ids.len() > 20 {
        return Err(ApiError::field("product_ids", "too_long", "at most 20 products"));
    }
    let buyer = state.store.buyer(buyer_id).await.or_not_found("buyer")?;
    let supplier = state.store.exhibitor(supplier_id).await.or_not_found("exhibitor")?;
    if side == Party::Buyer && !supplier.booth.published {
        return Err(ApiError::NotFound("exhibitor"));
    }
    for (index, product_id) in body.product_ids.iter().enumerate() {
        match state.store.product(*product_id).await {
            Ok(product) if product.organisation_id == supplier_id => {}
            _ => {
                return Err(ApiError::field(
                    format!("product_ids[{index}]"),
                    "unknown",
                    "not a product of this supplier",
                ));
            }
        }
    }
    // "No thanks" from the other side, or the organisers' rules, close the door.
    let counterpart = if side == Party::Buyer { supplier_id } else { buyer_id };
    let refused = state
        .store
        .preferences_involving(counterpart)
        .await?
        .iter()
        .any(|p| p.from_org == counterpart && p.to_org == own && p.level == "no");
    if refused {
        return Err(ApiError::conflict("declined_by_counterpart", "they do not wish to meet"));
    }
    let rules = crate::context::Rules::new(state.store.meeting_rules().await?);
    let doc = crate::context::supplier_doc(state, supplier_id).await?;
    if !rules.allow(&crate::context::buyer_facts(&buyer, &[]), &doc) {
        return Err(ApiError::conflict("not_allowed", "the organisers' rules do not pair these two"));
    }
    let mode = match body.mode.as_deref() {
        Some(mode @ ("onsite" | "online")) => mode.to_owned(),
        Some(_) => return Err(ApiError::field("mode", "unknown", "must be onsite or online")),
        None => {
            let online =
                attendance(state, buyer_id).await? == "online" || attendance(state, supplier_id).await? == "online";
            if online || state.store.meeting_tables().await?.iter().all(|t| !t.active) { "online" } else { "onsite" }
                .to_owned()
        }
    };
    let settings = settings_or_default(state.store.fair_settings().await?);
    let (_, staff) = supplier_languages(state, &supplier.organisation).await?;
    let now = Utc::now();
    let meeting = meeting::Model {
        id: Uuid::now_v7(),
        buyer_id,
        supplier_id,
        requested_by_side: side.as_str().to_owned(),
        requested_by: Some(user.user.id),
        buyer_user_id: (side == Party::Buyer).then_some(user.user.id),
        supplier_staff_id: if side == Party::Supplier {
            staff
                .iter()
                .find(|m| m.user_id == Some(user.user.id))
                .map(|m| m.id)
                .or_else(|| default_staff(&staff, &buyer.languages.0))
        } else {
            default_staff(&staff, &buyer.languages.0)
        },
        status: "requested".to_owned(),
        slot_id: body.slot_id,
        proposed_slot_id: None,
        proposed_by: None,
        mode,
        table_id: None,
        interpreter_id: None,
        message,
        product_ids: IdList(body.product_ids.clone()),
        origin: "request".to_owned(),
        locked: false,
        sequence: 0,
        expires_at: Some(now + Duration::hours(i64::from(settings.request_ttl_hours))),
        cancel_reason: None,
        created_at: now,
        updated_at: now,
    };
    let auto_accept = state.store.participant_setting(counterpart).await?.is_some_and(|s| s.auto_accept);
    let saved = match body.slot_id {
        Some(slot) if auto_accept => {
            let mut booked = meeting;
            booked.expires_at = None;
            book(state, booked, slot, None).await?
        }
        Some(slot) => {
            state
                .store
                .slot(slot)
                .await
                .map_err(|_| ApiError::field("slot_id", "unknown", "not a slot of the fair"))?;
            state.store.insert_meeting(meeting).await.map_err(clash)?
        }
        None => state.store.insert_meeting(meeting).await.map_err(clash)?,
    };
    metrics::counter!("fair_meetings_requested_total", "booked" => (saved.status == "accepted").to_string())
        .increment(1);
    tracing::info!(meeting_id = %saved.id, status = %saved.status, "meeting requested");
    Ok((StatusCode::CREATED, Json(view_of(state, headers, &saved, side).await?)))
}

async fn load_for(state: &AppState, user: &CurrentUser, id: Uuid) -> ApiResult<(meeting::Model, Party)> {
    let meeting = state.store.meeting(id).await.or_not_found("meeting")?;
    let party = Party::of(user, &meeting).ok_or(ApiError::NotFound("meeting"))?;
    Ok((meeting, party))
}

fn expired(meeting: &meeting::Model) -> bool {
    meeting.status == "requested" && meeting.expires_at.is_some_and(|t| t <= Utc::now())
}

/// Accept a request (or the other side's proposed time). Books the slot: a table on
/// site, an interpreter if the pair shares no language.
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/accept", operation_id = "accept_meeting", tag = "meetings",
    params(("id" = Uuid, Path)), request_body = AcceptInput,
    responses(
        (status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`supplier_busy`, `buyer_busy`, `no_table_free`, `not_pending`, `expired`", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<AcceptInput>,
) -> ApiResult<Json<MeetingView>> {
    let (meeting, party) = load_for(&state, &user, id).await?;
    if expired(&meeting) {
        return Err(ApiError::conflict("expired", "this request has expired"));
    }
    let Some(waiting_for) = awaiting(&meeting) else {
        return Err(ApiError::conflict("not_pending", "nothing to accept"));
    };
    if party != waiting_for && party != Party::Organiser {
        return Err(ApiError::Forbidden);
    }
    let slot = body
        .slot_id
        .or(meeting.proposed_slot_id)
        .or(meeting.slot_id)
        .ok_or_else(|| ApiError::field("slot_id", "required", "choose a slot"))?;
    let was = meeting.status.clone();
    let mut changed = meeting;
    if let Some(mode) = body.mode {
        if mode != "onsite" && mode != "online" {
            return Err(ApiError::field("mode", "unknown", "must be onsite or online"));
        }
        changed.mode = mode;
    }
    changed.expires_at = None;
    changed.sequence += 1;
    let saved = book(&state, changed, slot, Some(&[was.as_str()])).await?;
    metrics::counter!("fair_meetings_accepted_total").increment(1);
    Ok(Json(view_of(&state, &headers, &saved, party).await?))
}

/// Decline a request, or the other side's proposal to move an accepted meeting
/// (the meeting then stays where it was).
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/decline", operation_id = "decline_meeting", tag = "meetings",
    params(("id" = Uuid, Path)), request_body = ReasonInput,
    responses(
        (status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn decline(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ReasonInput>,
) -> ApiResult<Json<MeetingView>> {
    let reason = validate::optional_text("reason", body.reason.as_deref(), 500)?;
    let (mut meeting, party) = load_for(&state, &user, id).await?;
    let Some(waiting_for) = awaiting(&meeting) else {
        return Err(ApiError::conflict("not_pending", "nothing to decline"));
    };
    if party != waiting_for && party != Party::Organiser {
        return Err(ApiError::Forbidden);
    }
    let was = meeting.status.clone();
    if was == "accepted" {
        meeting.proposed_slot_id = None;
        meeting.proposed_by = None;
    } else {
        meeting.status = "declined".to_owned();
        meeting.cancel_reason = reason;
    }
    meeting.updated_at = Utc::now();
    let saved = state.store.update_meeting_if(meeting, &[was.as_str()]).await.map_err(clash)?;
    Ok(Json(view_of(&state, &headers, &saved, party).await?))
}

/// Propose another time instead of cancelling and asking again. For an accepted
/// meeting it stays booked where it is until the other side accepts the new time.
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/propose", operation_id = "propose_time", tag = "meetings",
    params(("id" = Uuid, Path)), request_body = ProposeInput,
    responses(
        (status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn propose(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ProposeInput>,
) -> ApiResult<Json<MeetingView>> {
    let (mut meeting, party) = load_for(&state, &user, id).await?;
    if party == Party::Organiser {
        return Err(ApiError::Forbidden);
    }
    if !(meeting.status == "requested" || meeting.status == "accepted") || expired(&meeting) {
        return Err(ApiError::conflict("not_pending", "this meeting is closed"));
    }
    state
        .store
        .slot(body.slot_id)
        .await
        .map_err(|_| ApiError::field("slot_id", "unknown", "not a slot of the fair"))?;
    if meeting.slot_id == Some(body.slot_id) && meeting.status == "accepted" {
        return Err(ApiError::field("slot_id", "invalid", "the meeting is already in this slot"));
    }
    let was = meeting.status.clone();
    meeting.proposed_slot_id = Some(body.slot_id);
    meeting.proposed_by = Some(party.as_str().to_owned());
    meeting.updated_at = Utc::now();
    let saved = state.store.update_meeting_if(meeting, &[was.as_str()]).await.map_err(clash)?;
    Ok(Json(view_of(&state, &headers, &saved, party).await?))
}

/// Cancel a request or a meeting (either side, or organisers). Calendars receive a
/// cancellation.
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/cancel", operation_id = "cancel_meeting", tag = "meetings",
    params(("id" = Uuid, Path)), request_body = ReasonInput,
    responses(
        (status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ReasonInput>,
) -> ApiResult<Json<MeetingView>> {
    let reason = validate::optional_text("reason", body.reason.as_deref(), 500)?;
    let (mut meeting, party) = load_for(&state, &user, id).await?;
    if !(meeting.status == "requested" || meeting.status == "accepted") {
        return Err(ApiError::conflict("not_pending", "this meeting is already closed"));
    }
    let was = meeting.status.clone();
    meeting.status = "cancelled".to_owned();
    meeting.cancel_reason = reason;
    meeting.proposed_slot_id = None;
    meeting.proposed_by = None;
    meeting.sequence += 1;
    meeting.updated_at = Utc::now();
    let saved = state.store.update_meeting_if(meeting, &[was.as_str()]).await.map_err(clash)?;
    metrics::counter!("fair_meetings_cancelled_total").increment(1);
    Ok(Json(view_of(&state, &headers, &saved, party).await?))
}

/// Route a meeting to a colleague of the exhibitor.
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/route", operation_id = "route_meeting", tag = "meetings",
    params(("id" = Uuid, Path)), request_body = RouteInput,
    responses(
        (status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn route(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<RouteInput>,
) -> ApiResult<Json<MeetingView>> {
    let (mut meeting, party) = load_for(&state, &user, id).await?;
    if !matches!(party, Party::Supplier | Party::Organiser) {
        return Err(ApiError::Forbidden);
    }
    if !(meeting.status == "requested" || meeting.status == "accepted") {
        return Err(ApiError::conflict("not_pending", "this meeting is closed"));
    }
    match state.store.staff_member(body.staff_id).await {
        Ok(member) if member.organisation_id == meeting.supplier_id => {}
        Ok(_) | Err(StoreError::NotFound) => {
            return Err(ApiError::field("staff_id", "unknown", "not a staff member of this exhibitor"));
        }
        Err(err) => return Err(err.into()),
    }
    let was = meeting.status.clone();
    meeting.supplier_staff_id = Some(body.staff_id);
    meeting.sequence += 1;
    meeting.updated_at = Utc::now();
    let saved = state.store.update_meeting_if(meeting, &[was.as_str()]).await.map_err(clash)?;
    Ok(Json(view_of(&state, &headers, &saved, party).await?))
}

/// One meeting (its two sides and organisers).
#[utoipa::path(
    get, path = "/api/v1/meetings/{id}", operation_id = "get_meeting", tag = "meetings",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<MeetingView>> {
    let (meeting, party) = load_for(&state, &user, id).await?;
    Ok(Json(view_of(&state, &headers, &meeting, party).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct MeetingFilter {
    /// Comma-separated statuses, e.g. `requested,accepted`.
    status: Option<String>,
    /// Organisers: the company whose meetings to list.
    organisation_id: Option<Uuid>,
}

/// The signed-in user's company's meetings and requests, newest first.
#[utoipa::path(
    get, path = "/api/v1/meetings", operation_id = "list_meetings", tag = "meetings",
    params(PageQuery, MeetingFilter),
    responses((status = 200, body = MeetingPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<MeetingFilter>,
) -> ApiResult<Json<MeetingPage>> {
    let page = Page::from_query(&page)?;
    let organisation = match (user.principal.is_organiser(), filter.organisation_id, user.principal.organisation_id) {
        (true, Some(id), _) => id,
        (true, None, _) => return Err(ApiError::InvalidQuery("organisation_id is required for organisers".to_owned())),
        (false, Some(id), Some(own)) if id != own.0 => return Err(ApiError::Forbidden),
        (false, _, Some(own)) => own.0,
        (false, _, None) => return Err(ApiError::Forbidden),
    };
    let statuses: Vec<&str> = filter.status.as_deref().map(|s| s.split(',').collect()).unwrap_or_default();
    if let Some(bad) =
        statuses.iter().find(|s| !["requested", "accepted", "declined", "cancelled", "expired"].contains(s))
    {
        return Err(ApiError::InvalidQuery(format!("status: `{bad}` is not a meeting status")));
    }
    state.store.expire_requests(Utc::now()).await?;
    let rows = state.store.meetings_of(organisation, &statuses, page.after, page.fetch_limit()).await?;
    let (rows, next_cursor) = page.finish(rows, |m| m.id);
    let data = ViewData::load(&state, &rows, room_base(&state, &headers)).await?;
    let mut items = Vec::with_capacity(rows.len());
    for meeting in &rows {
        let party = Party::of(&user, meeting).unwrap_or(Party::Organiser);
        items.push(data.view(meeting, party, needs_interpreter(&state, meeting).await?));
    }
    Ok(Json(MeetingPage { items, next_cursor }))
}
