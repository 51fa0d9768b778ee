//! Fair set-up: days, slots, tables, interpreters, rules, and each participant's
//! targets, attendance and availability.

use std::collections::{BTreeSet, HashMap};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use fair_api_types::{
    ErrorBody, FairDayInput, FairSetupInput, FairView, InterpreterInput, InterpreterView, ParticipantSettingsInput,
    ParticipantSettingsView, RuleInput, RuleView, SlotView, TableInput, TableView,
};
use fair_domain::taxonomy;
use fair_domain::{Language, OrganisationId, Role, ValidationError, ValidationErrors, validate};
use fair_http::{ApiError, ApiJson, ApiPath, ApiResult, AppState, CurrentUser, OrNotFound, RequireOrganiser};
use fair_store::StoreError;
use fair_store::entities::{
    Breaks, fair_day, fair_setting, interpreter, meeting_rule, meeting_table, participant_setting, slot,
};
use fair_store::meetings::FairPlan;
use uuid::Uuid;

/// The set-up in force, with defaults before an organiser has saved one.
pub(crate) fn settings_or_default(settings: Option<fair_setting::Model>) -> fair_setting::Model {
    settings.unwrap_or_else(|| fair_setting::Model {
        id: 1,
        name: "Hội chợ Công nghiệp hỗ trợ Hà Nội".to_owned(),
        time_zone: "Asia/Ho_Chi_Minh".to_owned(),
        slot_minutes: 30,
        buyer_min_meetings: 6,
        buyer_max_meetings: 10,
        supplier_min_meetings: 0,
        supplier_max_meetings: 24,
        request_ttl_hours: 48,
        updated_at: DateTime::<Utc>::UNIX_EPOCH,
    })
}

pub(crate) fn zone(settings: &fair_setting::Model) -> chrono_tz::Tz {
    settings.time_zone.parse().unwrap_or(chrono_tz::Asia::Ho_Chi_Minh)
}

pub(crate) fn slot_view(slot: &slot::Model, zone: chrono_tz::Tz) -> SlotView {
    SlotView {
        id: slot.id,
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        day: slot.starts_at.with_timezone(&zone).date_naive(),
        ordinal: slot.ordinal,
    }
}

pub(crate) fn table_view(table: &meeting_table::Model) -> TableView {
    TableView { id: table.id, hall: table.hall.clone(), label: table.label.clone(), active: table.active }
}

pub(crate) fn interpreter_view(person: &interpreter::Model, slots: Vec<Uuid>) -> InterpreterView {
    InterpreterView {
        id: person.id,
        name: person.name.clone(),
        language: person.language.clone(),
        email: person.email.clone(),
        slots,
    }
}

fn parse_time(field: &str, value: &str) -> Result<NaiveTime, ValidationError> {
    NaiveTime::parse_from_str(value, "%H:%M")
        .map_err(|_| ValidationError::new(field, "invalid", "must be a time as HH:MM"))
}

/// The slots of the fair: from each day's opening to closing, one every
/// `slot_minutes`, skipping any that would overlap a break; times converted from the
/// fair's zone to UTC.
/// A slot as planned: its day, start and end (UTC), position within the day.
pub(crate) type DaySlot = (NaiveDate, DateTime<Utc>, DateTime<Utc>, i32);

pub(crate) fn plan_slots(
    days: &[FairDayInput],
    slot_minutes: i32,
    zone: chrono_tz::Tz,
) -> Result<Vec<DaySlot>, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut slots = Vec::new();
    let length = Duration::minutes(i64::from(slot_minutes));
    for (index, day) in days.iter().enumerate() {
        let field = |name: &str| format!("days[{index}].{name}");
        let opens = errors.check(parse_time(&field("opens_at"), &day.opens_at));
        let closes = errors.check(parse_time(&field("closes_at"), &day.closes_at));
        let mut breaks = Vec::new();
        for (b, [from, to]) in day.breaks.iter().enumerate() {
            let from = errors.check(parse_time(&format!("days[{index}].breaks[{b}][0]"), from));
            let to = errors.check(parse_time(&format!("days[{index}].breaks[{b}][1]"), to));
            if let (Some(from), Some(to)) = (from, to) {
                if to <= from {
                    errors.push(ValidationError::new(
                        format!("days[{index}].breaks[{b}]"),
                        "invalid",
                        "a break must end after it starts",
                    ));
                }
                breaks.push((from, to));
            }
        }
        let (Some(opens), Some(closes)) = (opens, closes) else { continue };
        if closes <= opens {
            errors.push(ValidationError::new(field("closes_at"), "invalid", "must be after opens_at"));
            continue;
        }
        let mut start = day.date.and_time(opens);
        let end = day.date.and_time(closes);
        let mut ordinal = 0;
        while start + length <= end {
            let stop = start + length;
            if let Some(&(_, break_end)) = breaks.iter().find(|(from, to)| start.time() < *to && stop.time() > *from) {
                start = day.date.and_time(break_end);
                continue;
            }
            let (Some(utc_start), Some(utc_end)) = (
                zone.from_local_datetime(&start).single().map(|t| t.with_timezone(&Utc)),
                zone.from_local_datetime(&stop).single().map(|t| t.with_timezone(&Utc)),
            ) else {
                errors.push(ValidationError::new(field("opens_at"), "invalid", "falls in a daylight-saving gap"));
                break;
            };
            slots.push((day.date, utc_start, utc_end, ordinal));
            ordinal += 1;
            start = stop;
        }
    }
    errors.finish(|| slots)
}

fn check_setup(input: &FairSetupInput) -> Result<(String, String, chrono_tz::Tz), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let name = errors.check(validate::text("name", &input.name, 1, 200)).unwrap_or_default();
    let time_zone = errors.check(validate::time_zone("time_zone", &input.time_zone)).unwrap_or_default();
    let zone: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let range = |errors: &mut ValidationErrors, field: &str, value: i32, min: i32, max: i32| {
        if !(min..=max).contains(&value) {
            errors.push(ValidationError::new(field, "invalid", format!("must be {min} to {max}")));
        }
    };
    range(&mut errors, "slot_minutes", input.slot_minutes, 5, 240);
    range(&mut errors, "buyer_min_meetings", input.buyer_min_meetings, 0, 100);
    range(&mut errors, "buyer_max_meetings", input.buyer_max_meetings, 1, 100);
    range(&mut errors, "supplier_min_meetings", input.supplier_min_meetings, 0, 200);
    range(&mut errors, "supplier_max_meetings", input.supplier_max_meetings, 1, 200);
    range(&mut errors, "request_ttl_hours", input.request_ttl_hours, 1, 24 * 30);
    if input.buyer_min_meetings > input.buyer_max_meetings {
        errors.push(ValidationError::new("buyer_min_meetings", "invalid", "must not exceed buyer_max_meetings"));
    }
    if input.supplier_min_meetings > input.supplier_max_meetings {
        errors.push(ValidationError::new("supplier_min_meetings", "invalid", "must not exceed supplier_max_meetings"));
    }
    if input.days.is_empty() || input.days.len() > 14 {
        errors.push(ValidationError::new("days", "invalid", "a fair has 1 to 14 days"));
    }
    let dates: BTreeSet<NaiveDate> = input.days.iter().map(|d| d.date).collect();
    if dates.len() != input.days.len() {
        errors.push(ValidationError::new("days", "invalid", "each date may appear once"));
    }
    errors.finish(|| (name, time_zone, zone))
}

/// Checks a set-up and plans its days and slots (new ids), ready for
/// [`fair_store::Store::save_fair`].
pub fn fair_plan(body: &FairSetupInput, now: DateTime<Utc>) -> ApiResult<FairPlan> {
    let (name, time_zone, zone) = check_setup(body)?;
    let planned = plan_slots(&body.days, body.slot_minutes, zone)?;
    if planned.len() > 2000 {
        return Err(ApiError::field("days", "invalid", "a fair has at most 2000 slots"));
    }
    let days: Vec<fair_day::Model> = body
        .days
        .iter()
        .map(|d| fair_day::Model {
            id: Uuid::now_v7(),
            date: d.date,
            opens_at: d.opens_at.clone(),
            closes_at: d.closes_at.clone(),
            breaks: Breaks(d.breaks.iter().map(|[a, b]| (a.clone(), b.clone())).collect()),
        })
        .collect();
    Ok(FairPlan {
        settings: fair_setting::Model {
            id: 1,
            name,
            time_zone,
            slot_minutes: body.slot_minutes,
            buyer_min_meetings: body.buyer_min_meetings,
            buyer_max_meetings: body.buyer_max_meetings,
            supplier_min_meetings: body.supplier_min_meetings,
            supplier_max_meetings: body.supplier_max_meetings,
            request_ttl_hours: body.request_ttl_hours,
            updated_at: now,
        },
        days,
        slots: planned.into_iter().map(|(_, start, end, ordinal)| (Uuid::now_v7(), start, end, ordinal)).collect(),
    })
}

pub(crate) async fn fair_view(state: &AppState) -> ApiResult<FairView> {
    let stored = state.store.fair_settings().await?;
    let configured = stored.is_some();
    let settings = settings_or_default(stored);
    let zone = zone(&settings);
    let days = state.store.fair_days().await?;
    let slots = state.store.slots().await?;
    Ok(FairView {
        configured,
        name: settings.name,
        time_zone: settings.time_zone.clone(),
        slot_minutes: settings.slot_minutes,
        buyer_min_meetings: settings.buyer_min_meetings,
        buyer_max_meetings: settings.buyer_max_meetings,
        supplier_min_meetings: settings.supplier_min_meetings,
        supplier_max_meetings: settings.supplier_max_meetings,
        request_ttl_hours: settings.request_ttl_hours,
        days: days
            .iter()
            .map(|d| FairDayInput {
                date: d.date,
                opens_at: d.opens_at.clone(),
                closes_at: d.closes_at.clone(),
                breaks: d.breaks.0.iter().map(|(a, b)| [a.clone(), b.clone()]).collect(),
            })
            .collect(),
        slots: slots.iter().map(|s| slot_view(s, zone)).collect(),
    })
}

/// The fair: its days, slots and meeting targets.
#[utoipa::path(get, path = "/api/v1/fair", operation_id = "get_fair", tag = "fair", responses((status = 200, body = FairView)))]
pub(crate) async fn get_fair(State(state): State<AppState>) -> ApiResult<Json<FairView>> {
    Ok(Json(fair_view(&state).await?))
}

/// Set the fair up (organisers). Slots keep their ids while their start stays; a
/// slot that would disappear must hold no meeting or request (`slot_in_use`).
#[utoipa::path(
    put, path = "/api/v1/fair", operation_id = "set_fair", tag = "fair",
    request_body = FairSetupInput,
    responses(
        (status = 200, body = FairView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "A slot to remove holds a meeting (`slot_in_use`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn set_fair(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiJson(body): ApiJson<FairSetupInput>,
) -> ApiResult<Json<FairView>> {
    let plan = fair_plan(&body, Utc::now())?;
    match state.store.save_fair(plan).await {
        Ok(()) => {}
        Err(err) if err.is_conflict_on("slot_in_use") || matches!(err, StoreError::MissingReference { .. }) => {
            return Err(ApiError::conflict(
                "slot_in_use",
                "a slot you removed holds a meeting or request; move it first",
            ));
        }
        Err(err) => return Err(err.into()),
    }
    tracing::info!("fair set-up saved");
    Ok(Json(fair_view(&state).await?))
}

fn check_table(body: &TableInput) -> Result<(String, String), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let hall = errors.check(validate::text("hall", &body.hall, 1, 20)).unwrap_or_default();
    let label = errors.check(validate::text("label", &body.label, 1, 20)).unwrap_or_default();
    errors.finish(|| (hall, label))
}

/// On-site meeting tables.
#[utoipa::path(
    get, path = "/api/v1/fair/tables", operation_id = "list_tables", tag = "fair",
    responses((status = 200, body = Vec<TableView>), (status = 401, body = ErrorBody))
)]
pub(crate) async fn list_tables(State(state): State<AppState>, _user: CurrentUser) -> ApiResult<Json<Vec<TableView>>> {
    Ok(Json(state.store.meeting_tables().await?.iter().map(table_view).collect()))
}

/// Add a table (organisers).
#[utoipa::path(
    post, path = "/api/v1/fair/tables", operation_id = "create_table", tag = "fair",
    request_body = TableInput,
    responses(
        (status = 201, body = TableView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "Label taken (`label_taken`)", body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create_table(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiJson(body): ApiJson<TableInput>,
) -> ApiResult<(StatusCode, Json<TableView>)> {
    let (hall, label) = check_table(&body)?;
    let table = meeting_table::Model { id: Uuid::now_v7(), hall, label, active: body.active };
    let table = state.store.save_meeting_table(table, true).await.map_err(label_taken)?;
    Ok((StatusCode::CREATED, Json(table_view(&table))))
}

fn label_taken(err: StoreError) -> ApiError {
    if matches!(err, StoreError::Conflict { .. }) {
        ApiError::conflict("label_taken", "another table has this label")
    } else {
        err.into()
    }
}

/// Change a table (organisers).
#[utoipa::path(
    put, path = "/api/v1/fair/tables/{id}", operation_id = "update_table", tag = "fair",
    params(("id" = Uuid, Path)), request_body = TableInput,
    responses(
        (status = 200, body = TableView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update_table(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TableInput>,
) -> ApiResult<Json<TableView>> {
    let (hall, label) = check_table(&body)?;
    state.store.meeting_table(id).await.or_not_found("table")?;
    let table = meeting_table::Model { id, hall, label, active: body.active };
    let table = state.store.save_meeting_table(table, false).await.map_err(label_taken)?;
    Ok(Json(table_view(&table)))
}

/// Remove a table that holds no meeting (organisers).
#[utoipa::path(
    delete, path = "/api/v1/fair/tables/{id}", operation_id = "delete_table", tag = "fair",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Holds meetings (`in_use`)", body = ErrorBody),
    )
)]
pub(crate) async fn delete_table(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    match state.store.delete_meeting_table(id).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::NotFound) => Err(ApiError::NotFound("table")),
        Err(StoreError::MissingReference { .. } | StoreError::Conflict { .. }) => {
            Err(ApiError::conflict("in_use", "meetings are held at this table; deactivate it instead"))
        }
        Err(err) => Err(err.into()),
    }
}

fn interpreter_language(field: &str, value: &str) -> Result<String, ValidationError> {
    match value.parse::<Language>() {
        Ok(Language::Vietnamese) => {
            Err(ValidationError::new(field, "invalid", "name the language paired with Vietnamese"))
        }
        Ok(language) => Ok(language.tag().to_owned()),
        Err(_) => Err(ValidationError::new(field, "unknown", format!("`{value}` is not a known language"))),
    }
}

async fn check_interpreter(
    state: &AppState,
    body: &InterpreterInput,
) -> ApiResult<(String, String, Option<String>, Vec<Uuid>)> {
    let mut errors = ValidationErrors::default();
    let name = errors.check(validate::text("name", &body.name, 1, 120)).unwrap_or_default();
    let language = errors.check(interpreter_language("language", &body.language)).unwrap_or_default();
    let email = match body.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(email) => errors.check(validate::email("email", email)),
        None => None,
    };
    let (name, language, email) = errors.finish(|| (name, language, email))?;
    let known: Vec<Uuid> = state.store.slots().await?.into_iter().map(|s| s.id).collect();
    let slots = if body.slots.is_empty() {
        known
    } else {
        if let Some((index, _)) = body.slots.iter().enumerate().find(|(_, id)| !known.contains(id)) {
            return Err(ApiError::field(format!("slots[{index}]"), "unknown", "not a slot of the fair"));
        }
        let mut slots = body.slots.clone();
        slots.sort();
        slots.dedup();
        slots
    };
    Ok((name, language, email, slots))
}

/// Interpreters and the slots they work (organisers).
#[utoipa::path(
    get, path = "/api/v1/fair/interpreters", operation_id = "list_interpreters", tag = "fair",
    responses((status = 200, body = Vec<InterpreterView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list_interpreters(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
) -> ApiResult<Json<Vec<InterpreterView>>> {
    let all = state.store.interpreters().await?;
    Ok(Json(all.into_iter().map(|(person, slots)| interpreter_view(&person, slots)).collect()))
}

/// Add an interpreter (organisers).
#[utoipa::path(
    post, path = "/api/v1/fair/interpreters", operation_id = "create_interpreter", tag = "fair",
    request_body = InterpreterInput,
    responses(
        (status = 201, body = InterpreterView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create_interpreter(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiJson(body): ApiJson<InterpreterInput>,
) -> ApiResult<(StatusCode, Json<InterpreterView>)> {
    let (name, language, email, slots) = check_interpreter(&state, &body).await?;
    let person = interpreter::Model { id: Uuid::now_v7(), name, language, email, created_at: Utc::now() };
    state.store.save_interpreter(person.clone(), &slots, true).await?;
    Ok((StatusCode::CREATED, Json(interpreter_view(&person, slots))))
}

/// Change an interpreter and their slots (organisers).
#[utoipa::path(
    put, path = "/api/v1/fair/interpreters/{id}", operation_id = "update_interpreter", tag = "fair",
    params(("id" = Uuid, Path)), request_body = InterpreterInput,
    responses(
        (status = 200, body = InterpreterView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn update_interpreter(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<InterpreterInput>,
) -> ApiResult<Json<InterpreterView>> {
    let old = state.store.interpreter(id).await.or_not_found("interpreter")?;
    let (name, language, email, slots) = check_interpreter(&state, &body).await?;
    let person = interpreter::Model { id, name, language, email, created_at: old.created_at };
    state.store.save_interpreter(person.clone(), &slots, false).await?;
    Ok(Json(interpreter_view(&person, slots)))
}

/// Remove an interpreter booked for no meeting (organisers).
#[utoipa::path(
    delete, path = "/api/v1/fair/interpreters/{id}", operation_id = "delete_interpreter", tag = "fair",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Booked for meetings (`in_use`)", body = ErrorBody),
    )
)]
pub(crate) async fn delete_interpreter(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    match state.store.delete_interpreter(id).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::NotFound) => Err(ApiError::NotFound("interpreter")),
        Err(StoreError::MissingReference { .. } | StoreError::Conflict { .. }) => {
            Err(ApiError::conflict("in_use", "this interpreter is booked for meetings"))
        }
        Err(err) => Err(err.into()),
    }
}

fn rule_view(rule: &meeting_rule::Model) -> RuleView {
    RuleView {
        id: rule.id,
        effect: rule.effect.clone(),
        buyer_country: rule.buyer_country.clone(),
        buyer_id: rule.buyer_id,
        supplier_sector: rule.supplier_sector.clone(),
        supplier_id: rule.supplier_id,
        note: rule.note.clone(),
    }
}

/// Who-may-meet-whom rules (organisers).
#[utoipa::path(
    get, path = "/api/v1/fair/rules", operation_id = "list_rules", tag = "fair",
    responses((status = 200, body = Vec<RuleView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list_rules(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
) -> ApiResult<Json<Vec<RuleView>>> {
    Ok(Json(state.store.meeting_rules().await?.iter().map(rule_view).collect()))
}

/// Add a rule (organisers): e.g. deny a buyer a competitor, or limit the buyers of
/// a country to one sector.
#[utoipa::path(
    post, path = "/api/v1/fair/rules", operation_id = "create_rule", tag = "fair",
    request_body = RuleInput,
    responses(
        (status = 201, body = RuleView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create_rule(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiJson(body): ApiJson<RuleInput>,
) -> ApiResult<(StatusCode, Json<RuleView>)> {
    let mut errors = ValidationErrors::default();
    if body.effect != "allow" && body.effect != "deny" {
        errors.push(ValidationError::new("effect", "unknown", "must be allow or deny"));
    }
    if let Some(country) = &body.buyer_country
        && taxonomy::country(country).is_none()
    {
        errors.push(ValidationError::new("buyer_country", "unknown", "not a known country code"));
    }
    if let Some(sector) = &body.supplier_sector
        && taxonomy::sector(sector).is_none()
    {
        errors.push(ValidationError::new("supplier_sector", "unknown", "not a known sector"));
    }
    if body.buyer_country.is_none()
        && body.buyer_id.is_none()
        && body.supplier_sector.is_none()
        && body.supplier_id.is_none()
    {
        errors.push(ValidationError::new("effect", "invalid", "a rule names at least one buyer or supplier side"));
    }
    let note = errors.check(validate::optional_text("note", body.note.as_deref(), 300)).flatten();
    errors.finish(|| ())?;
    if let Some(id) = body.buyer_id {
        state
            .store
            .buyer(id)
            .await
            .map_err(|_| ApiError::field("buyer_id", "unknown", "no buyer company has this id"))?;
    }
    if let Some(id) = body.supplier_id {
        state
            .store
            .exhibitor(id)
            .await
            .map_err(|_| ApiError::field("supplier_id", "unknown", "no exhibitor has this id"))?;
    }
    let rule = meeting_rule::Model {
        id: Uuid::now_v7(),
        effect: body.effect,
        buyer_country: body.buyer_country,
        buyer_id: body.buyer_id,
        supplier_sector: body.supplier_sector,
        supplier_id: body.supplier_id,
        note,
        created_at: Utc::now(),
    };
    let rule = state.store.insert_meeting_rule(rule).await?;
    Ok((StatusCode::CREATED, Json(rule_view(&rule))))
}

/// Remove a rule (organisers).
#[utoipa::path(
    delete, path = "/api/v1/fair/rules/{id}", operation_id = "delete_rule", tag = "fair",
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub(crate) async fn delete_rule(
    State(state): State<AppState>,
    _organiser: RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    state.store.delete_meeting_rule(id).await.or_not_found("rule")?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether the user may read or change this participant's settings.
fn may_edit_participant(user: &CurrentUser, organisation: Uuid) -> bool {
    let p = &user.principal;
    p.is_organiser() || (p.role != Role::Organiser && p.organisation_id == Some(OrganisationId(organisation)))
}

/// The settings in force for a participant (their own, else the fair's defaults).
pub(crate) fn effective_settings(
    organisation: Uuid,
    is_buyer: bool,
    own: Option<&participant_setting::Model>,
    fair: &fair_setting::Model,
    unavailable: Vec<Uuid>,
) -> ParticipantSettingsView {
    let (min, max) = if is_buyer {
        (fair.buyer_min_meetings, fair.buyer_max_meetings)
    } else {
        (fair.supplier_min_meetings, fair.supplier_max_meetings)
    };
    ParticipantSettingsView {
        organisation_id: organisation,
        min_meetings: own.and_then(|s| s.min_meetings).unwrap_or(min),
        max_meetings: own.and_then(|s| s.max_meetings).unwrap_or(max),
        attendance: own.map_or_else(|| "either".to_owned(), |s| s.attendance.clone()),
        auto_accept: own.is_some_and(|s| s.auto_accept),
        unavailable_slots: unavailable,
    }
}

async fn participant_kind(state: &AppState, organisation: Uuid) -> ApiResult<bool> {
    match state.store.buyer(organisation).await {
        Ok(_) => Ok(true),
        Err(StoreError::NotFound) => {
            state.store.exhibitor(organisation).await.or_not_found("participant")?;
            Ok(false)
        }
        Err(err) => Err(err.into()),
    }
}

/// A participant's meeting settings (the participant itself, organisers).
#[utoipa::path(
    get, path = "/api/v1/participants/{id}", operation_id = "get_participant_settings", tag = "fair",
    params(("id" = Uuid, Path, description = "Buyer company or exhibitor id")),
    responses(
        (status = 200, body = ParticipantSettingsView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn get_participant(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ParticipantSettingsView>> {
    if !may_edit_participant(&user, id) {
        return Err(ApiError::Forbidden);
    }
    let is_buyer = participant_kind(&state, id).await?;
    let fair = settings_or_default(state.store.fair_settings().await?);
    let own = state.store.participant_setting(id).await?;
    let unavailable = state.store.unavailable_slots_of(id).await?;
    Ok(Json(effective_settings(id, is_buyer, own.as_ref(), &fair, unavailable)))
}

/// Change a participant's attendance, auto-accept and unavailable slots; organisers
/// also set its own minimum and maximum.
#[utoipa::path(
    put, path = "/api/v1/participants/{id}", operation_id = "set_participant_settings", tag = "fair",
    params(("id" = Uuid, Path, description = "Buyer company or exhibitor id")),
    request_body = ParticipantSettingsInput,
    responses(
        (status = 200, body = ParticipantSettingsView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn set_participant(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ParticipantSettingsInput>,
) -> ApiResult<Json<ParticipantSettingsView>> {
    if !may_edit_participant(&user, id) {
        return Err(ApiError::Forbidden);
    }
    let is_buyer = participant_kind(&state, id).await?;
    let current = state.store.participant_setting(id).await?;
    let mut errors = ValidationErrors::default();
    if !["onsite", "online", "either"].contains(&body.attendance.as_str()) {
        errors.push(ValidationError::new("attendance", "unknown", "must be onsite, online or either"));
    }
    let organiser = user.principal.is_organiser();
    // Participants do not set their own targets; the fair's or the organiser's stand.
    let (min, max) = if organiser {
        (body.min_meetings, body.max_meetings)
    } else {
        (current.as_ref().and_then(|c| c.min_meetings), current.as_ref().and_then(|c| c.max_meetings))
    };
    if !organiser && (body.min_meetings.is_some() && body.min_meetings != min) {
        errors.push(ValidationError::new("min_meetings", "invalid", "set by the organisers"));
    }
    if !organiser && (body.max_meetings.is_some() && body.max_meetings != max) {
        errors.push(ValidationError::new("max_meetings", "invalid", "set by the organisers"));
    }
    for (field, value) in [("min_meetings", min), ("max_meetings", max)] {
        if let Some(value) = value
            && !(0..=200).contains(&value)
        {
            errors.push(ValidationError::new(field, "invalid", "must be 0 to 200"));
        }
    }
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        errors.push(ValidationError::new("min_meetings", "invalid", "must not exceed max_meetings"));
    }
    let known: HashMap<Uuid, ()> = state.store.slots().await?.into_iter().map(|s| (s.id, ())).collect();
    for (index, slot) in body.unavailable_slots.iter().enumerate() {
        if !known.contains_key(slot) {
            errors.push(ValidationError::new(
                format!("unavailable_slots[{index}]"),
                "unknown",
                "not a slot of the fair",
            ));
        }
    }
    errors.finish(|| ())?;
    let mut unavailable = body.unavailable_slots.clone();
    unavailable.sort();
    unavailable.dedup();
    let setting = participant_setting::Model {
        organisation_id: id,
        min_meetings: min,
        max_meetings: max,
        attendance: body.attendance,
        auto_accept: body.auto_accept,
        updated_at: Utc::now(),
    };
    state.store.save_participant_setting(setting.clone(), &unavailable).await?;
    let fair = settings_or_default(state.store.fair_settings().await?);
    Ok(Json(effective_settings(id, is_buyer, Some(&setting), &fair, unavailable)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_skip_breaks_and_convert_to_utc() {
        let days = vec![FairDayInput {
            date: NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
            opens_at: "09:00".to_owned(),
            closes_at: "12:00".to_owned(),
            breaks: vec![["10:15".to_owned(), "10:30".to_owned()]],
        }];
        let slots = plan_slots(&days, 30, chrono_tz::Asia::Ho_Chi_Minh).unwrap();
        let starts: Vec<String> = slots.iter().map(|s| s.1.format("%H:%M").to_string()).collect();
        // 09:00, 09:30, (10:00 would overlap the break), 10:30, 11:00, 11:30 local = UTC−7h.
        assert_eq!(starts, ["02:00", "02:30", "03:30", "04:00", "04:30"]);
        assert_eq!(slots.iter().map(|s| s.3).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        let bad = vec![FairDayInput { opens_at: "9am".to_owned(), ..days[0].clone() }];
        assert_eq!(plan_slots(&bad, 30, chrono_tz::Asia::Ho_Chi_Minh).unwrap_err().0[0].field, "days[0].opens_at");
    }
}
