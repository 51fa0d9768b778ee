//! Calendars: an `.ics` invitation per meeting and a private subscribed feed per
//! user. UIDs are stable (the meeting id), SEQUENCE rises on every change,
//! cancellations go out as cancellations, times are UTC (correct in every zone),
//! titles are in the participant's language with the table or the room link.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use fair_api_types::{CalendarFeedView, ErrorBody};
use fair_domain::UiLanguage;
use fair_http::{ApiError, ApiPath, ApiResult, AppState, CurrentUser, OrNotFound, hash_token, new_token};
use fair_store::entities::meeting;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

use crate::meetings::room_base;
use crate::views::{Party, ViewData};

fn title(other: &str, language: UiLanguage) -> String {
    match language {
        UiLanguage::Vietnamese => format!("Gặp {other} – Hội chợ CNHT"),
        UiLanguage::English => format!("Meeting with {other} – CNHT fair"),
        UiLanguage::Japanese => format!("{other}との商談（CNHT見本市）"),
        UiLanguage::ChineseTraditional => format!("與{other}會面（CNHT展會）"),
    }
}

fn place(hall: &str, table: &str, language: UiLanguage) -> String {
    match language {
        UiLanguage::Vietnamese => format!("Khu {hall} · Bàn {table}"),
        UiLanguage::English => format!("Hall {hall} · Table {table}"),
        UiLanguage::Japanese => format!("ホール{hall}・テーブル{table}"),
        UiLanguage::ChineseTraditional => format!("{hall}館・{table}號桌"),
    }
}

fn online(language: UiLanguage) -> &'static str {
    match language {
        UiLanguage::Vietnamese => "Trực tuyến",
        UiLanguage::English => "Online",
        UiLanguage::Japanese => "オンライン",
        UiLanguage::ChineseTraditional => "線上",
    }
}

/// The calendar event of a meeting as `party` sees it, or `None` if it never had a time.
fn event(meeting: &meeting::Model, data: &ViewData, party: Party, language: UiLanguage) -> Option<Event> {
    let slot = meeting.slot_id.and_then(|id| data.slots.get(&id))?;
    let other = match party {
        Party::Supplier => data.party(meeting.buyer_id).name,
        Party::Buyer => data.party(meeting.supplier_id).name,
        Party::Organiser => {
            format!("{} – {}", data.party(meeting.buyer_id).name, data.party(meeting.supplier_id).name)
        }
    };
    let location = match data.table(meeting.table_id) {
        Some(table) => place(&table.hall, &table.label, language),
        None => online(language).to_owned(),
    };
    let mut event = Event::new();
    event
        .uid(&format!("{}@cnht-fair", meeting.id))
        .sequence(u32::try_from(meeting.sequence).unwrap_or(0))
        .timestamp(meeting.updated_at)
        .last_modified(meeting.updated_at)
        .created(meeting.created_at)
        .starts(slot.starts_at)
        .ends(slot.ends_at)
        .summary(&title(&other, language))
        .location(&location)
        .status(if meeting.status == "accepted" { EventStatus::Confirmed } else { EventStatus::Cancelled });
    if let Some(url) = data.room_url(meeting) {
        event.url(&url);
    }
    let mut description = Vec::new();
    if let Some(url) = data.room_url(meeting) {
        description.push(url);
    }
    if let Some(message) = &meeting.message {
        description.push(message.clone());
    }
    if let Some(interpreter) = meeting.interpreter_id.and_then(|id| data.interpreters.get(&id)) {
        description.push(format!("{} ({}⇔vi)", interpreter.name, interpreter.language));
    }
    if !description.is_empty() {
        event.description(&description.join("\n"));
    }
    Some(event.done())
}

fn calendar(method: &str, events: Vec<Event>, name: &str) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Hanoi CNHT fair//meetings//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", method))
        .name(name);
    for event in events {
        calendar.push(event);
    }
    calendar.done().to_string()
}

fn ics(body: String, file_name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn language_of(user: &fair_store::entities::user::Model) -> UiLanguage {
    user.preferred_language.parse().unwrap_or_default()
}

/// The meeting as an iCalendar invitation (a cancellation once cancelled).
#[utoipa::path(
    get, path = "/api/v1/meetings/{id}/invite.ics", operation_id = "meeting_invite", tag = "meetings",
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, description = "iCalendar", content_type = "text/calendar"),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "No time yet (`not_scheduled`)", body = ErrorBody),
    )
)]
pub(crate) async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<uuid::Uuid>,
) -> ApiResult<Response> {
    let meeting = state.store.meeting(id).await.or_not_found("meeting")?;
    let party = Party::of(&user, &meeting).ok_or(ApiError::NotFound("meeting"))?;
    if !(meeting.status == "accepted" || meeting.status == "cancelled") || meeting.slot_id.is_none() {
        return Err(ApiError::conflict("not_scheduled", "the meeting has no time yet"));
    }
    let data = ViewData::load(&state, std::slice::from_ref(&meeting), room_base(&state, &headers)).await?;
    let language = language_of(&user.user);
    let event = event(&meeting, &data, party, language)
        .ok_or(ApiError::conflict("not_scheduled", "the meeting has no time yet"))?;
    let method = if meeting.status == "cancelled" { "CANCEL" } else { "REQUEST" };
    Ok(ics(calendar(method, vec![event], &data.settings.name), &format!("meeting-{id}.ics")))
}

/// Whether the user has a calendar feed (its address is shown only when created).
#[utoipa::path(
    get, path = "/api/v1/calendar/feed", operation_id = "get_calendar_feed", tag = "meetings",
    responses((status = 200, body = CalendarFeedView), (status = 401, body = ErrorBody))
)]
pub(crate) async fn feed_status(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Json<CalendarFeedView>> {
    Ok(Json(CalendarFeedView { url: None, active: state.store.has_calendar_feed(user.user.id).await? }))
}

/// Create (or replace, ending the old one) the user's private calendar feed. Add the
/// address to a calendar app to follow every meeting as it changes.
#[utoipa::path(
    post, path = "/api/v1/calendar/feed", operation_id = "create_calendar_feed", tag = "meetings",
    responses((status = 200, body = CalendarFeedView), (status = 401, body = ErrorBody))
)]
pub(crate) async fn create_feed(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
) -> ApiResult<Json<CalendarFeedView>> {
    let token = new_token();
    state.store.set_calendar_feed(user.user.id, hash_token(&token), Utc::now()).await?;
    let url = format!("{}/api/v1/calendar/{token}.ics", room_base(&state, &headers).trim_end_matches('/'));
    Ok(Json(CalendarFeedView { url: Some(url), active: true }))
}

/// A private feed: every scheduled meeting of the user's company (cancelled ones
/// as cancelled). The token in the address is the only credential.
#[utoipa::path(
    get, path = "/api/v1/calendar/{file}", operation_id = "calendar_feed", tag = "meetings",
    params(("file" = String, Path, description = "`<token>.ics` from the feed address")),
    responses((status = 200, description = "iCalendar", content_type = "text/calendar"), (status = 404, body = ErrorBody))
)]
pub(crate) async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(file): ApiPath<String>,
) -> ApiResult<Response> {
    let token = file.strip_suffix(".ics").filter(|t| t.len() <= 128).ok_or(ApiError::NotFound("calendar"))?;
    let user_id = state.store.calendar_feed_user(&hash_token(token)).await?.ok_or(ApiError::NotFound("calendar"))?;
    let user = state.store.user(user_id).await.or_not_found("calendar")?;
    let language = language_of(&user);
    let meetings = match user.organisation_id {
        Some(organisation) => state.store.meetings_of(organisation, &["accepted", "cancelled"], None, 10_000).await?,
        None => state.store.meetings_with_status(&["accepted"]).await?,
    };
    let party = match user.role.as_str() {
        "buyer" => Party::Buyer,
        "exhibitor" => Party::Supplier,
        _ => Party::Organiser,
    };
    let data = ViewData::load(&state, &meetings, room_base(&state, &headers)).await?;
    let events = meetings.iter().filter_map(|m| event(m, &data, party, language)).collect();
    Ok(ics(calendar("PUBLISH", events, &data.settings.name), "cnht-fair.ics"))
}
