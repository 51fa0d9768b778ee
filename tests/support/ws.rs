//! A websocket client for the live protocol, over `tokio_tungstenite`.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Bytes, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for the next message before failing.
pub const WAIT: Duration = Duration::from_secs(10);

pub struct Ws {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

/// What ended a connection.
#[derive(Debug, PartialEq, Eq)]
pub enum Closed {
    /// A close frame with its code and reason.
    Code(u16, String),
    /// The connection dropped without a close frame.
    Dropped,
}

impl Ws {
    /// Connects to `base` (`http://host:port`) with optional session token, Origin and ticket.
    pub async fn connect(
        base: &str,
        session: Option<&str>,
        origin: Option<&str>,
        ticket: Option<&str>,
    ) -> Result<Self, tokio_tungstenite::tungstenite::Error> {
        let mut url = format!("{}/api/v1/live", base.replacen("http", "ws", 1));
        if let Some(ticket) = ticket {
            url.push_str(&format!("?ticket={ticket}"));
        }
        let mut request = url.into_client_request()?;
        if let Some(token) = session {
            request
                .headers_mut()
                .insert("cookie", HeaderValue::from_str(&format!("fair_session={token}")).expect("cookie header"));
        }
        if let Some(origin) = origin {
            request.headers_mut().insert("origin", HeaderValue::from_str(origin).expect("origin header"));
        }
        let (stream, _) = tokio_tungstenite::connect_async(request).await?;
        Ok(Self { stream, next_id: 1 })
    }

    /// Wraps a connected stream.
    pub fn from_stream(stream: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Self { stream, next_id: 1 }
    }

    /// Connects and reads the `welcome`.
    pub async fn open(base: &str, session: Option<&str>) -> (Self, Value) {
        let mut ws = Self::connect(base, session, None, None).await.expect("websocket connects");
        let welcome = ws.expect("welcome").await;
        (ws, welcome)
    }

    pub async fn send_text(&mut self, text: impl Into<String>) {
        self.stream.send(Message::text(text.into())).await.expect("send");
    }

    pub async fn send_binary(&mut self, bytes: Vec<u8>) {
        self.stream.send(Message::binary(Bytes::from(bytes))).await.expect("send");
    }

    /// Sends a message with a fresh request id (set as `id`), returning the id.
    pub async fn request(&mut self, mut message: Value) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        message["id"] = json!(id);
        self.send_text(message.to_string()).await;
        id
    }

    /// Sends and waits for the `ack` or `error` with its id (other messages are kept
    /// out of the way: they are returned in order after).
    pub async fn call(&mut self, message: Value) -> Value {
        let id = self.request(message).await;
        self.until(|m| m["id"] == json!(id) && (m["type"] == "ack" || m["type"] == "error")).await
    }

    /// The next text message, as JSON. Fails the test after [`WAIT`].
    pub async fn next(&mut self) -> Value {
        self.try_next(WAIT).await.expect("a message in time")
    }

    /// The next text message within `timeout`, or `None`.
    pub async fn try_next(&mut self, timeout: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.stream.next()).await.ok()??;
            match frame {
                Ok(Message::Text(text)) => {
                    return Some(serde_json::from_str(text.as_str()).expect("server sends JSON"));
                }
                Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_)) => {}
                Ok(Message::Binary(_)) => panic!("the server sent a binary frame"),
                Ok(Message::Close(frame)) => panic!("closed while waiting for a message: {frame:?}"),
                Err(err) => panic!("websocket error while waiting for a message: {err}"),
            }
        }
    }

    /// Reads until a message of `kind`.
    pub async fn expect(&mut self, kind: &str) -> Value {
        self.until(|m| m["type"] == kind).await
    }

    /// Reads until a message matches, dropping the others.
    pub async fn until(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let message = self.try_next(left).await.expect("the awaited message in time");
            if matches(&message) {
                return message;
            }
        }
    }

    /// Reads until the server closes; text messages on the way are dropped.
    pub async fn closed(&mut self) -> Closed {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Err(_) => panic!("the server did not close the connection in time"),
                Ok(None) => return Closed::Dropped,
                Ok(Some(Err(_))) => return Closed::Dropped,
                Ok(Some(Ok(Message::Close(Some(frame))))) => {
                    return Closed::Code(u16::from(frame.code), frame.reason.to_string());
                }
                Ok(Some(Ok(Message::Close(None)))) => return Closed::Code(u16::from(CloseCode::Status), String::new()),
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    /// Reads every text message until the connection ends, and how it ended (a reset
    /// counts as dropped).
    pub async fn drain(&mut self) -> (Vec<Value>, Closed) {
        let deadline = tokio::time::Instant::now() + WAIT;
        let mut messages = Vec::new();
        loop {
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Err(_) => panic!("the server did not close the connection in time"),
                Ok(None | Some(Err(_))) => return (messages, Closed::Dropped),
                Ok(Some(Ok(Message::Close(Some(frame))))) => {
                    return (messages, Closed::Code(u16::from(frame.code), frame.reason.to_string()));
                }
                Ok(Some(Ok(Message::Close(None)))) => {
                    return (messages, Closed::Code(u16::from(CloseCode::Status), String::new()));
                }
                Ok(Some(Ok(Message::Text(text)))) => {
                    messages.push(serde_json::from_str(text.as_str()).expect("server sends JSON"));
                }
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    /// Closes from this side.
    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
    }

    /// The raw stream (for tests that must stop reading: slow consumers).
    pub fn into_inner(self) -> WebSocketStream<MaybeTlsStream<TcpStream>> {
        self.stream
    }
}
