//! The websocket upgrade (authentication, Origin check, limits) and the REST routes
//! around the live service: tickets and rooms.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use chrono::{Duration, Utc};
use fair_api_types::{CreateRoom, ErrorBody, HallSummary, LiveTicket, RoomView};
use fair_http::{
    ApiError, ApiJson, ApiPath, ApiResult, AppState, CurrentUser, MaybeUser, RequireOrganiser, hash_token, new_token,
};
use fair_store::entities::{live_ticket, room};
use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_util::sync::CancellationToken;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::Live;
use crate::access::{self, Access};
use crate::connection::{self, Identity, SignedIn};
use crate::protocol::Person;
use crate::socket::{LiveIo, Outbound};

/// Tickets are short-lived: fetched right before connecting.
const TICKET_TTL: Duration = Duration::seconds(30);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_ticket))
        .routes(routes!(meeting_room))
        .routes(routes!(create_room, list_rooms))
        .routes(routes!(show_room))
        .routes(routes!(list_halls))
}

/// The websocket endpoint (documented in `docs/protocol.md`, not in OpenAPI).
pub fn socket_router() -> Router<AppState> {
    Router::new().route("/api/v1/live", get(upgrade))
}

#[derive(Debug, Deserialize)]
struct UpgradeQuery {
    ticket: Option<String>,
}

async fn upgrade(
    Extension(live): Extension<Live>,
    Extension(shutdown): Extension<LiveShutdown>,
    headers: HeaderMap,
    Query(query): Query<UpgradeQuery>,
    user: MaybeUser,
    mut request: Request,
) -> Response {
    let accept = match websocket_accept(&headers) {
        Ok(accept) => accept,
        Err(response) => return *response,
    };
    let Some(on_upgrade) = request.extensions_mut().remove::<OnUpgrade>() else {
        return error(StatusCode::BAD_REQUEST, "not_a_websocket", "this connection cannot be upgraded");
    };
    let origin_ok = origin_allowed(&headers, &live);
    let identity = match query.ticket {
        Some(ticket) => match live.redeem_ticket(&ticket).await {
            Ok(Some(identity)) => identity,
            Ok(None) => {
                return error(StatusCode::UNAUTHORIZED, "bad_ticket", "unknown, used or expired ticket");
            }
            Err(err) => return ApiError::Unavailable(err.to_string()).into_response(),
        },
        None => match user.0 {
            // The cookie rides along with any page's request: only our own pages may use it.
            Some(_) if !origin_ok => return ApiError::CrossSite.into_response(),
            Some(user) => match live.identity_of(user).await {
                Ok(identity) => identity,
                Err(err) => return err.into_response(),
            },
            None => Identity::Pending,
        },
    };
    if !origin_ok && !matches!(identity, Identity::User(_)) && headers.contains_key(header::ORIGIN) {
        return ApiError::CrossSite.into_response();
    }
    if !live.hub.try_open_connection() {
        return error(StatusCode::SERVICE_UNAVAILABLE, "too_many_connections", "this server is full; try another");
    }
    let start = Box::new(Start { live, identity, on_upgrade, stop: shutdown.0.child_token() });
    tokio::spawn(serve_socket(start));
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    response
}

/// The `Sec-WebSocket-Accept` answering a valid websocket handshake (RFC 6455
/// §4.2.1), or the refusal: 400 `not_a_websocket`, or 426 with the version we speak.
fn websocket_accept(headers: &HeaderMap) -> Result<HeaderValue, Box<Response>> {
    let has_token = |name: header::HeaderName, token: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.split(',').any(|part| part.trim().eq_ignore_ascii_case(token)))
    };
    if !has_token(header::CONNECTION, "upgrade") || !has_token(header::UPGRADE, "websocket") {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "not_a_websocket",
            "a websocket upgrade is expected here",
        )));
    }
    if headers.get(header::SEC_WEBSOCKET_VERSION).map(HeaderValue::as_bytes) != Some(b"13") {
        let mut response =
            error(StatusCode::UPGRADE_REQUIRED, "websocket_version", "only websocket version 13 is spoken here");
        response.headers_mut().insert(header::SEC_WEBSOCKET_VERSION, HeaderValue::from_static("13"));
        return Err(Box::new(response));
    }
    let Some(key) = headers.get(header::SEC_WEBSOCKET_KEY) else {
        return Err(Box::new(error(StatusCode::BAD_REQUEST, "not_a_websocket", "Sec-WebSocket-Key is missing")));
    };
    HeaderValue::from_str(&derive_accept_key(key.as_bytes()))
        .map_err(|_| Box::new(error(StatusCode::BAD_REQUEST, "not_a_websocket", "bad Sec-WebSocket-Key")))
}

/// What a connection's task starts from. Boxed: a task's arguments stay in it for
/// the connection's whole life.
struct Start {
    live: Live,
    identity: Identity,
    on_upgrade: OnUpgrade,
    stop: CancellationToken,
}

async fn serve_socket(start: Box<Start>) {
    let hub = start.live.hub.clone();
    if let Some(connection) = Box::pin(take_over(start)).await {
        connection::run(connection).await;
    }
    hub.release_connection();
}

/// Takes the upgraded connection's TCP stream over: tungstenite reads the client's
/// frames from one half; the [`Outbound`] writes to the other, from the task and
/// straight from the hub.
async fn take_over(start: Box<Start>) -> Option<Box<connection::Connection>> {
    let Start { live, identity, on_upgrade, stop } = *start;
    let upgraded = match on_upgrade.await {
        Ok(upgraded) => upgraded,
        Err(err) => {
            tracing::debug!(error = %err, "websocket upgrade failed");
            return None;
        }
    };
    let Ok(parts) = upgraded.downcast::<TokioIo<TcpStream>>() else {
        tracing::error!("a websocket upgrade not over the server's own TCP stream (serve with fair_http::serve)");
        return None;
    };
    let (read, write) = parts.io.into_inner().into_split();
    let out = Arc::new(Outbound::new(write, stop, live.hub.limits()));
    let config = &live.hub.config;
    let ws_config = WebSocketConfig::default()
        .read_buffer_size(config.read_buffer_bytes)
        // Nothing is buffered in tungstenite: what it writes (pongs, the close) goes
        // straight to the Outbound, in order with everything else.
        .write_buffer_size(0)
        .max_write_buffer_size(config.max_write_buffer_bytes)
        .max_message_size(Some(config.max_message_bytes))
        .max_frame_size(Some(config.max_message_bytes));
    let io = LiveIo::new(read, out.clone());
    let socket = WebSocketStream::from_partially_read(io, parts.read_buf.to_vec(), Role::Server, Some(ws_config)).await;
    Some(connection::open(live, socket, out, identity))
}

/// Ends every live connection when the server stops.
#[derive(Clone, Debug)]
pub struct LiveShutdown(pub CancellationToken);

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(ErrorBody { code: code.to_owned(), message: message.to_owned(), fields: Vec::new() })).into_response()
}

/// A browser always sends `Origin` on a websocket: it must be this server's own
/// origin (scheme and host of the request) or the configured public one, exactly.
/// Non-browser clients send none.
fn origin_allowed(headers: &HeaderMap, live: &Live) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    if live.allowed_origins.iter().any(|allowed| allowed == origin) {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else { return false };
    origin == format!("http://{host}") || origin == format!("https://{host}")
}

impl Live {
    /// The identity a signed-in user connects with.
    pub(crate) async fn identity_of(&self, user: CurrentUser) -> ApiResult<Identity> {
        let person = self.person_of(&user).await?;
        Ok(Identity::User(Box::new(SignedIn { user, person })))
    }

    async fn person_of(&self, user: &CurrentUser) -> ApiResult<Person> {
        let (company, country) = match (user.user.organisation_id, user.user.role.as_str()) {
            (Some(id), "exhibitor") => {
                let exhibitor = self.state.store.exhibitor(id).await?;
                (Some(exhibitor.organisation.name), Some(exhibitor.organisation.country))
            }
            (Some(id), _) => {
                let buyer = self.state.store.buyer(id).await?;
                (Some(buyer.name), Some(buyer.country))
            }
            (None, _) => (None, None),
        };
        Ok(Person {
            user_id: Some(user.user.id),
            name: user.user.display_name.clone(),
            role: user.user.role.clone(),
            company,
            country,
        })
    }

    /// The user of a ticket, using it up.
    pub(crate) async fn redeem_ticket(&self, ticket: &str) -> anyhow::Result<Option<Identity>> {
        if ticket.is_empty() || ticket.len() > 128 {
            return Ok(None);
        }
        let Some(user_id) = self.state.store.redeem_live_ticket(&hash_token(ticket), Utc::now()).await? else {
            return Ok(None);
        };
        let Some(user) = fair_http::current_user_by_id(&self.state, user_id).await.map_err(anyhow::Error::new)? else {
            return Ok(None);
        };
        Ok(Some(self.identity_of(user).await.map_err(anyhow::Error::new)?))
    }
}

/// A single-use ticket for the live connection, valid 30 seconds.
#[utoipa::path(
    post, path = "/api/v1/live/tickets", operation_id = "create_live_ticket", tag = "live",
    responses((status = 201, body = LiveTicket), (status = 401, body = ErrorBody))
)]
pub(crate) async fn create_ticket(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Response> {
    let ticket = new_token();
    let expires_at = Utc::now() + TICKET_TTL;
    state
        .store
        .insert_live_ticket(live_ticket::Model { token_hash: hash_token(&ticket), user_id: user.user.id, expires_at })
        .await?;
    Ok((StatusCode::CREATED, Json(LiveTicket { ticket, expires_at })).into_response())
}

/// The fair's halls with their published booths: what the virtual hall lets anyone
/// walk. Cached by browsers for 30 s.
#[utoipa::path(
    get, path = "/api/v1/halls", operation_id = "list_halls", tag = "live",
    responses((status = 200, body = Vec<HallSummary>))
)]
pub(crate) async fn list_halls(State(state): State<AppState>) -> ApiResult<Response> {
    let halls: Vec<HallSummary> = state
        .store
        .hall_sizes()
        .await?
        .into_iter()
        .map(|(hall, booths)| HallSummary { hall, booths: u32::try_from(booths).unwrap_or(u32::MAX) })
        .collect();
    Ok(([(header::CACHE_CONTROL, "public, max-age=30")], Json(halls)).into_response())
}

/// The room of a meeting (made on first use), for its participants and organisers.
#[utoipa::path(
    get, path = "/api/v1/meetings/{id}/room", operation_id = "get_meeting_room", tag = "live",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = RoomView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`meeting_not_accepted`: only accepted meetings have rooms", body = ErrorBody),
    )
)]
pub(crate) async fn meeting_room(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<RoomView>> {
    let meeting = state.store.meeting(id).await.map_err(|e| ApiError::from(e).not_found_as("meeting"))?;
    let facts = access::meeting_facts(&state.store, &meeting).await?;
    let who = access::Visitor { principal: &user.principal, email: &user.user.email };
    let now = Utc::now();
    let decision = access::meeting_access(&facts, &who, now);
    if decision == Access::Denied {
        return Err(ApiError::NotFound("meeting"));
    }
    if !facts.accepted {
        return Err(ApiError::conflict("meeting_not_accepted", "only accepted meetings have rooms"));
    }
    let title = meeting_title(&state, &meeting).await?;
    let room = state.store.ensure_meeting_room(meeting.id, title, now).await?;
    Ok(Json(room_view(&room, decision, facts.slot, Some(meeting.mode.clone()))))
}

/// "Supplier — Buyer", the room's title.
async fn meeting_title(state: &AppState, meeting: &fair_store::entities::meeting::Model) -> ApiResult<String> {
    let supplier = state.store.exhibitor(meeting.supplier_id).await?.organisation.name;
    let buyer = state.store.buyer(meeting.buyer_id).await?.name;
    Ok(format!("{supplier} — {buyer}"))
}

fn room_view(
    room: &room::Model,
    decision: Access,
    slot: Option<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)>,
    mode: Option<String>,
) -> RoomView {
    let (access, host) = match decision {
        Access::Enter { host } => ("enter", host),
        Access::Lobby => ("lobby", false),
        Access::NotOpen => ("not_open", false),
        Access::Denied => ("denied", false),
    };
    RoomView {
        id: room.id,
        kind: room.kind.clone(),
        title: room.title.clone(),
        meeting_id: room.meeting_id,
        access: access.to_owned(),
        host,
        starts_at: slot.map(|s| s.0),
        ends_at: slot.map(|s| s.1),
        mode,
        last_seq: room.last_seq,
    }
}

/// A room and what the viewer may do in it.
#[utoipa::path(
    get, path = "/api/v1/rooms/{id}", operation_id = "get_room", tag = "live",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = RoomView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub(crate) async fn show_room(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<RoomView>> {
    let room = state.store.room(id).await.map_err(|e| ApiError::from(e).not_found_as("room"))?;
    let who = access::Visitor { principal: &user.principal, email: &user.user.email };
    let decision = access::room_access(&state.store, &room, &who, Utc::now()).await?;
    if decision == Access::Denied {
        return Err(ApiError::NotFound("room"));
    }
    let (slot, mode) = match room.meeting_id {
        Some(meeting_id) => {
            let meeting = state.store.meeting(meeting_id).await?;
            (access::meeting_facts(&state.store, &meeting).await?.slot, Some(meeting.mode))
        }
        None => (None, Some("online".to_owned())),
    };
    Ok(Json(room_view(&room, decision, slot, mode)))
}

/// An organiser's room (briefings, a buyers' delegation, a press call).
#[utoipa::path(
    post, path = "/api/v1/rooms", operation_id = "create_room", tag = "live",
    request_body = CreateRoom,
    responses(
        (status = 201, body = RoomView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create_room(
    State(state): State<AppState>,
    RequireOrganiser(user): RequireOrganiser,
    ApiJson(body): ApiJson<CreateRoom>,
) -> ApiResult<Response> {
    let title = fair_domain::validate::text("title", &body.title, 1, 200)?;
    if body.invitees.len() > 200 {
        return Err(ApiError::field("invitees", "too_many", "at most 200 invitees"));
    }
    let mut invitees = body.invitees.clone();
    invitees.sort_unstable();
    invitees.dedup();
    let known = state.store.users_by_ids(&invitees).await?;
    if known.len() != invitees.len() {
        return Err(ApiError::field("invitees", "unknown_user", "every invitee must be a user"));
    }
    let room = room::Model {
        id: Uuid::now_v7(),
        kind: "organiser".to_owned(),
        meeting_id: None,
        title,
        created_by: Some(user.user.id),
        last_seq: 0,
        created_at: Utc::now(),
    };
    let room = state.store.create_room(room, &invitees).await?;
    Ok((StatusCode::CREATED, Json(room_view(&room, Access::Enter { host: true }, None, Some("online".to_owned()))))
        .into_response())
}

/// Organisers' rooms, newest first.
#[utoipa::path(
    get, path = "/api/v1/rooms", operation_id = "list_rooms", tag = "live",
    responses((status = 200, body = [RoomView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list_rooms(
    State(state): State<AppState>,
    RequireOrganiser(_organiser): RequireOrganiser,
) -> ApiResult<Json<Vec<RoomView>>> {
    let rooms = state.store.rooms_created_by_organisers().await?;
    Ok(Json(
        rooms
            .iter()
            .map(|room| room_view(room, Access::Enter { host: true }, None, Some("online".to_owned())))
            .collect(),
    ))
}
