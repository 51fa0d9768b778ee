//! The generator's connections: sockets bound to several loopback source addresses
//! before connecting (each source has its own ~28,000 ephemeral ports), websockets
//! with small buffers, and the few protocol steps the benchmark takes.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

pub type Ws = WebSocketStream<TcpStream>;

/// How long one protocol step may take before the benchmark gives up on it.
pub const STEP: Duration = Duration::from_secs(60);

/// Loopback source addresses 127.0.0.2, 127.0.0.3, …, used in turn.
#[derive(Debug)]
pub struct Sources {
    addresses: Vec<Ipv4Addr>,
    next: AtomicUsize,
}

impl Sources {
    pub fn new(count: usize) -> Self {
        let addresses = (0..count.clamp(1, 250)).map(|i| Ipv4Addr::new(127, 0, 0, 2 + i as u8)).collect();
        Self { addresses, next: AtomicUsize::new(0) }
    }

    fn next(&self) -> Ipv4Addr {
        self.addresses[self.next.fetch_add(1, Ordering::Relaxed) % self.addresses.len()]
    }

    /// A TCP connection to `server` from the next source address (bound before connecting).
    pub async fn tcp(&self, server: SocketAddr) -> anyhow::Result<TcpStream> {
        let socket = TcpSocket::new_v4()?;
        let source = self.next();
        socket.bind(SocketAddr::new(IpAddr::V4(source), 0)).with_context(|| format!("binding to {source}"))?;
        let stream = socket.connect(server).await.with_context(|| format!("connecting {source} → {server}"))?;
        stream.set_nodelay(true)?;
        Ok(stream)
    }
}

/// A server under test: its address and the session cookie its members connect with
/// (none for the `ws` peer, which takes `hello` instead).
#[derive(Clone, Debug)]
pub struct Target {
    pub addr: SocketAddr,
    pub session: Option<String>,
}

/// Small buffers: the generator holds tens of thousands of sockets.
fn ws_config() -> WebSocketConfig {
    WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(0).max_message_size(Some(64 << 20))
}

/// Opens the websocket (`GET /api/v1/live`), with the session cookie when given and
/// no Origin header (not a browser).
pub async fn connect(sources: &Sources, target: &Target, with_session: bool) -> anyhow::Result<Ws> {
    let stream = sources.tcp(target.addr).await?;
    let mut request = format!("ws://{}/api/v1/live", target.addr).into_client_request()?;
    if with_session && let Some(token) = &target.session {
        request.headers_mut().insert("cookie", HeaderValue::from_str(&format!("fair_session={token}"))?);
    }
    let (ws, _) =
        tokio::time::timeout(STEP, tokio_tungstenite::client_async_with_config(request, stream, Some(ws_config())))
            .await
            .context("websocket handshake timed out")?
            .context("websocket handshake")?;
    Ok(ws)
}

pub async fn send(ws: &mut Ws, message: &Value) -> anyhow::Result<()> {
    ws.send(Message::text(message.to_string())).await.context("sending")
}

/// The `type` of a server frame, read from its start without parsing the rest (both
/// servers write `type` first; a `room_joined` of a full room is megabytes).
pub fn kind_of(text: &str) -> &str {
    text.strip_prefix("{\"type\":\"").and_then(|rest| rest.split('"').next()).unwrap_or("")
}

/// Reads until a frame of type `kind` (others dropped); returns its text. Fails on
/// close.
pub async fn until_kind(ws: &mut Ws, kind: &str) -> anyhow::Result<String> {
    let deadline = tokio::time::Instant::now() + STEP;
    loop {
        let frame =
            tokio::time::timeout_at(deadline, ws.next()).await.with_context(|| format!("waiting for {kind}"))?;
        match frame {
            Some(Ok(Message::Text(text))) => {
                if kind_of(text.as_str()) == kind {
                    return Ok(text.as_str().to_owned());
                }
            }
            Some(Ok(Message::Close(frame))) => bail!("closed while waiting for {kind}: {frame:?}"),
            Some(Ok(_)) => {}
            Some(Err(err)) => bail!("websocket error while waiting for {kind}: {err}"),
            None => bail!("connection ended while waiting for {kind}"),
        }
    }
}

/// Reads until a message satisfies `matches` (others dropped), parsing only frames
/// of the given types.
pub async fn until(ws: &mut Ws, kinds: &[&str], matches: impl Fn(&Value) -> bool) -> anyhow::Result<Value> {
    let deadline = tokio::time::Instant::now() + STEP;
    loop {
        let frame =
            tokio::time::timeout_at(deadline, ws.next()).await.with_context(|| format!("waiting for {kinds:?}"))?;
        match frame {
            Some(Ok(Message::Text(text))) => {
                if !kinds.contains(&kind_of(text.as_str())) {
                    continue;
                }
                let value: Value = serde_json::from_str(text.as_str()).context("the server sent non-JSON")?;
                if matches(&value) {
                    return Ok(value);
                }
            }
            Some(Ok(Message::Close(frame))) => bail!("closed while waiting for {kinds:?}: {frame:?}"),
            Some(Ok(_)) => {}
            Some(Err(err)) => bail!("websocket error while waiting for {kinds:?}: {err}"),
            None => bail!("connection ended while waiting for {kinds:?}"),
        }
    }
}

/// Sends `message` with request id `id` and waits for its `ack` (an `error` fails).
pub async fn call(ws: &mut Ws, id: u64, mut message: Value) -> anyhow::Result<()> {
    message["id"] = json!(id);
    send(ws, &message).await?;
    let answer = until(ws, &["ack", "error"], |m| m["id"] == json!(id)).await?;
    if answer["type"] == "error" {
        bail!("{} refused: {} ({})", message["type"], answer["code"], answer["message"]);
    }
    Ok(())
}

/// An anonymous visitor: connect, `hello`, `welcome`.
pub async fn open_visitor(sources: &Sources, target: &Target, visitor: &str) -> anyhow::Result<Ws> {
    let mut ws = connect(sources, target, false).await?;
    send(&mut ws, &json!({"type": "hello", "visitor": visitor})).await?;
    until_kind(&mut ws, "welcome").await?;
    Ok(ws)
}

/// A member of `room`: connect with the session (or `hello` without one), then
/// `join_room` and its `room_joined` (whose size in bytes is returned: it lists
/// every member).
pub async fn open_member(sources: &Sources, target: &Target, room: &str, visitor: &str) -> anyhow::Result<(Ws, usize)> {
    let mut ws = connect(sources, target, true).await?;
    if target.session.is_none() {
        send(&mut ws, &json!({"type": "hello", "visitor": visitor})).await?;
    }
    until_kind(&mut ws, "welcome").await?;
    call(&mut ws, 1, json!({"type": "join_room", "room": room})).await?;
    let joined = until_kind(&mut ws, "room_joined").await?;
    Ok((ws, joined.len()))
}

/// An organiser's connection watching a booth (`watch` {kind: "booth"}): receives
/// `visitor_joined` whenever someone new enters it.
pub async fn open_booth_watcher(sources: &Sources, target: &Target, booth: &str) -> anyhow::Result<Ws> {
    let mut ws = connect(sources, target, true).await?;
    until_kind(&mut ws, "welcome").await?;
    call(&mut ws, 1, json!({"type": "watch", "target": {"kind": "booth", "booth": booth}})).await?;
    until_kind(&mut ws, "booth_visitors").await?;
    Ok(ws)
}

/// A published booth's id: the first booth of the first hall the directory names.
pub async fn some_booth(sources: &Sources, target: &Target) -> anyhow::Result<String> {
    let directory: Value = reqwest::get(format!("http://{}/api/v1/directory?limit=100", target.addr))
        .await
        .context("GET /api/v1/directory")?
        .json()
        .await
        .context("the directory's JSON")?;
    let hall = directory["items"]
        .as_array()
        .and_then(|items| items.iter().find_map(|hit| hit["hall"].as_str().map(str::to_owned)))
        .context("no booth in a hall in the directory")?;
    let mut ws = open_visitor(sources, target, "booth-finder").await?;
    call(&mut ws, 1, json!({"type": "watch", "target": {"kind": "hall", "hall": hall}})).await?;
    let snapshot = until(&mut ws, &["hall"], |_| true).await?;
    snapshot["booths"][0]["booth"].as_str().map(str::to_owned).context("the hall lists no booth")
}

/// An idle HTTP/1.1 keep-alive connection after one `GET /healthz` (what the server
/// holds per connection before any websocket upgrade).
pub async fn open_http_idle(sources: &Sources, server: SocketAddr) -> anyhow::Result<TcpStream> {
    let mut stream = sources.tcp(server).await?;
    stream.write_all(format!("GET /healthz HTTP/1.1\r\nHost: {server}\r\n\r\n").as_bytes()).await?;
    let mut response = Vec::new();
    let mut buffer = [0u8; 2048];
    let complete = |response: &[u8]| -> Option<bool> {
        let text = std::str::from_utf8(response).ok()?;
        let (head, body) = text.split_once("\r\n\r\n")?;
        let length: usize = head
            .lines()
            .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))?
            .parse()
            .ok()?;
        Some(body.len() >= length)
    };
    loop {
        let read = tokio::time::timeout(STEP, stream.read(&mut buffer)).await.context("reading /healthz")??;
        if read == 0 {
            bail!("the server closed the connection during /healthz");
        }
        response.extend_from_slice(&buffer[..read]);
        if complete(&response) == Some(true) {
            return Ok(stream);
        }
    }
}

/// Signs in over HTTP; returns the session token (the `fair_session` cookie).
pub async fn login(http: &reqwest::Client, server: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
    let response = http
        .post(format!("http://{server}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .context("POST /api/v1/auth/login")?;
    if !response.status().is_success() {
        bail!("login as {email} failed: {} {}", response.status(), response.text().await.unwrap_or_default());
    }
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| {
            cookie.strip_prefix("fair_session=").map(|rest| rest.split(';').next().unwrap_or("").to_owned())
        })
        .filter(|token| !token.is_empty())
        .context("the login answer set no fair_session cookie")
}

/// Creates an organiser room (`POST /api/v1/rooms`); returns its id.
pub async fn create_room(
    http: &reqwest::Client,
    server: SocketAddr,
    session: &str,
    title: &str,
) -> anyhow::Result<String> {
    let response = http
        .post(format!("http://{server}/api/v1/rooms"))
        .header(reqwest::header::COOKIE, format!("fair_session={session}"))
        .json(&json!({"title": title}))
        .send()
        .await
        .context("POST /api/v1/rooms")?;
    if !response.status().is_success() {
        bail!("creating a room failed: {} {}", response.status(), response.text().await.unwrap_or_default());
    }
    let room: Value = response.json().await.context("the room's JSON")?;
    room["id"].as_str().map(str::to_owned).context("the room has no id")
}

/// A small deterministic generator (xorshift64*), for picking booths and victims.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
