//! A live connection's socket, written from two sides.
//!
//! The connection's task reads the socket (through tungstenite) and answers; the
//! hub, on whatever thread publishes, delivers frames. A delivery is written
//! straight to the socket by the publisher when nothing is waiting to be written
//! before it: one non-blocking `write` system call, no queue, no task to wake
//! (what the `ws` peer does, and the reason a broadcast costs little more than its
//! system calls). What the kernel does not take at once (a slow reader), and
//! deliveries that need the connection's own state (admitted to a room, a chat
//! while the connection is joining), wait in order for the task. Every write
//! happens under one lock, in order, so frames never interleave.
//!
//! While the task runs a handler ([`Outbound::begin`]), deliveries wait in its
//! inbox instead of overtaking what the handler sends: a snapshot (a room's members,
//! a booth's visitors, a room's history) always precedes the changes that came after
//! it was read.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::io;
use std::pin::Pin;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU16, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{BufMut, Bytes, BytesMut};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::bus::Delivery;
use crate::protocol::close;

/// Chat messages a room may hold back behind a missing one before that one is
/// given up for lost.
const MAX_AHEAD: usize = 256;

/// Bytes the task's own answers may leave unwritten before it waits for the socket
/// (a room's history can be long; the task slows down rather than queueing it all).
const TASK_HIGH_WATER: usize = 64 * 1024;

/// A websocket text frame, header and payload, built once and shared by every
/// recipient (a broadcast is serialized and framed once, whatever its audience).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    bytes: Bytes,
    header: u8,
}

impl Frame {
    /// An unmasked (server to client) final text frame carrying `text`.
    pub fn text(text: &str) -> Self {
        let len = text.len();
        let mut out = BytesMut::with_capacity(len + 10);
        out.put_u8(0x81);
        if len < 126 {
            out.put_u8(len as u8);
        } else if let Ok(len) = u16::try_from(len) {
            out.put_u8(126);
            out.put_u16(len);
        } else {
            out.put_u8(127);
            out.put_u64(len as u64);
        }
        let header = out.len() as u8;
        out.put_slice(text.as_bytes());
        Self { bytes: out.freeze(), header }
    }

    /// The frame's text (the JSON message).
    pub fn payload(&self) -> &[u8] {
        &self.bytes[usize::from(self.header)..]
    }

    pub fn as_str(&self) -> &str {
        // Built from a `&str` in `text`: always UTF-8.
        std::str::from_utf8(self.payload()).unwrap_or_default()
    }

    /// The whole frame, as written to the socket.
    pub(crate) fn wire(&self) -> &Bytes {
        &self.bytes
    }
}

/// A ping with no payload (the server's heartbeat).
const PING: &[u8] = &[0x89, 0x00];

/// The chat sequence numbers a connection has sent in one room: every one up to
/// `through`, and those above it in `ahead`. Publications from several senders or
/// instances may arrive out of order: each number is sent once, and none is
/// skipped for arriving after a higher one.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    through: i64,
    ahead: BTreeSet<i64>,
}

impl Seen {
    pub(crate) fn after(seq: i64) -> Self {
        Self { through: seq, ahead: BTreeSet::new() }
    }

    /// `true` (and remembered) when `seq` has not been sent yet.
    pub(crate) fn first_time(&mut self, seq: i64) -> bool {
        if seq == self.through + 1 && self.ahead.is_empty() {
            // The usual case, in order: nothing to remember but the number.
            self.through = seq;
            return true;
        }
        if seq <= self.through || !self.ahead.insert(seq) {
            return false;
        }
        if self.ahead.len() > MAX_AHEAD {
            // A number that never came (lost while Redis was away) holds the window open no longer.
            if let Some(first) = self.ahead.pop_first() {
                self.through = first;
            }
        }
        while self.ahead.first() == Some(&(self.through + 1)) {
            self.through += 1;
            self.ahead.pop_first();
        }
        true
    }
}

/// Why the socket cannot take more.
#[derive(Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The client is gone (the write failed) or the connection has ended.
    Gone,
    /// Nothing could be written for the write timeout.
    Stalled,
}

/// How far a connection may fall behind before it is cut (close 4009).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bytes accepted for the socket that the kernel has not taken yet.
    pub max_unwritten_bytes: usize,
    /// Deliveries waiting for the connection's task.
    pub max_inbox: usize,
    pub write_timeout: Duration,
}

/// The writing side of one connection, shared by its task and the hub.
#[derive(Debug)]
pub struct Outbound {
    socket: OwnedWriteHalf,
    state: Mutex<State>,
    /// Wakes the task: something waits in the inbox or to be written.
    wake: Notify,
    /// Ends the connection (shutdown, slow consumer) with `close_code`.
    pub stop: CancellationToken,
    close_code: AtomicU16,
    limits: Limits,
}

#[derive(Debug, Default)]
struct State {
    /// Frame bytes accepted but not yet taken by the kernel, in order.
    unwritten: VecDeque<Bytes>,
    unwritten_bytes: usize,
    /// Deliveries for the task, in arrival order. While any wait, or while the
    /// task is busy, new deliveries join them rather than overtake them.
    inbox: VecDeque<Delivery>,
    busy: bool,
    /// Rooms whose chat reaches this connection, with the numbers already sent.
    rooms: HashMap<Uuid, Seen>,
    /// The connection has ended (or its socket failed): nothing more is written.
    closed: bool,
    broken: bool,
    /// Cut as a slow consumer: no more deliveries; only the close frame is still
    /// written (after the rest of a frame already begun, see [`Outbound::discard_pending`]).
    cut: bool,
    /// Some of the first unwritten frame is already on the wire.
    front_started: bool,
}

impl Outbound {
    pub fn new(socket: OwnedWriteHalf, stop: CancellationToken, limits: Limits) -> Self {
        Self { socket, state: Mutex::default(), wake: Notify::new(), stop, close_code: AtomicU16::new(0), limits }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The close code the hub asked for (0: none).
    pub fn close_code(&self) -> u16 {
        self.close_code.load(Ordering::Relaxed)
    }

    /// Ends the connection with `code`, unless another code was set first.
    pub fn end_with(&self, code: u16) {
        if self.close_code.compare_exchange(0, code, Ordering::Relaxed, Ordering::Relaxed).is_ok()
            && code == close::SLOW_CONSUMER
        {
            metrics::counter!("fair_live_slow_consumers_total").increment(1);
        }
        self.stop.cancel();
    }

    /// From the hub, on any thread: writes the delivery now when it can, or leaves
    /// it for the task. Never waits; a connection too far behind is cut.
    pub fn offer(&self, delivery: Delivery) {
        let mut state = self.lock();
        if state.closed || state.cut {
            return;
        }
        if state.busy || !state.inbox.is_empty() {
            return self.to_inbox(&mut state, delivery);
        }
        match delivery {
            Delivery::Frame(frame) => self.write_locked(&mut state, frame.wire()),
            Delivery::Chat { room, seq, frame } => {
                // Not (or no longer) in the room, or sent already: nothing to do.
                if state.rooms.get_mut(&room).is_some_and(|seen| seen.first_time(seq)) {
                    self.write_locked(&mut state, frame.wire());
                }
            }
            other => self.to_inbox(&mut state, other),
        }
    }

    fn to_inbox(&self, state: &mut State, delivery: Delivery) {
        if state.inbox.len() >= self.limits.max_inbox {
            state.cut = true;
            self.end_with(close::SLOW_CONSUMER);
            return;
        }
        state.inbox.push_back(delivery);
        self.wake.notify_one();
    }

    /// Writes `bytes` after what is unwritten (at once when nothing is).
    fn write_locked(&self, state: &mut State, bytes: &Bytes) {
        // A failed socket is closed by `write_or_queue`; the task finds out by reading.
        let _ = self.write_or_queue(state, bytes);
        if state.unwritten_bytes > self.limits.max_unwritten_bytes {
            state.cut = true;
            self.end_with(close::SLOW_CONSUMER);
        }
    }

    /// Resolves when the task has something to do (see [`Self::take_inbox`] and
    /// [`Self::write_out`]); may resolve with nothing to do.
    pub async fn notified(&self) {
        self.wake.notified().await;
    }

    /// The task starts a handler: deliveries wait until it ends.
    pub fn begin(&self) {
        self.lock().busy = true;
    }

    /// The next delivery for the task (it stays busy while there is one), or
    /// `None`: the handler is done, and deliveries are written directly again.
    pub fn take_inbox(&self) -> Option<Delivery> {
        let mut state = self.lock();
        match state.inbox.pop_front() {
            Some(delivery) => {
                state.busy = true;
                Some(delivery)
            }
            None => {
                state.busy = false;
                None
            }
        }
    }

    /// The task's own frame (an answer, a snapshot): after what is unwritten and
    /// before what waits in the inbox. Waits for the socket when much is unwritten.
    pub async fn send(&self, frame: &Frame) -> Result<(), WriteError> {
        self.send_bytes(frame.wire()).await
    }

    pub async fn ping(&self) -> Result<(), WriteError> {
        self.send_bytes(&Bytes::from_static(PING)).await
    }

    async fn send_bytes(&self, bytes: &Bytes) -> Result<(), WriteError> {
        let backlog = {
            let mut state = self.lock();
            if state.closed || self.write_or_queue(&mut state, bytes).is_err() {
                return Err(WriteError::Gone);
            }
            state.unwritten_bytes
        };
        if backlog > TASK_HIGH_WATER { self.write_out().await } else { Ok(()) }
    }

    /// Accepts bytes tungstenite writes itself (pongs, the close frame) in order
    /// with the rest; written by [`Self::write_out`].
    fn accept_raw(&self, buf: &[u8]) -> io::Result<()> {
        let mut state = self.lock();
        if state.closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        self.write_or_queue(&mut state, &Bytes::copy_from_slice(buf))
    }

    /// Writes `bytes` at once when nothing unwritten comes before them, leaving
    /// what the kernel does not take for [`Self::write_out`] (the task is woken);
    /// otherwise queues them after the rest. A failed socket closes the state.
    fn write_or_queue(&self, state: &mut State, bytes: &Bytes) -> io::Result<()> {
        if !state.unwritten.is_empty() {
            state.push_unwritten(bytes.clone());
            return Ok(());
        }
        let written = match self.socket.try_write(bytes) {
            Ok(n) if n == bytes.len() => return Ok(()),
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => 0,
            Err(err) => {
                state.broken = true;
                state.closed = true;
                self.wake.notify_one();
                return Err(err);
            }
        };
        state.push_partly_written(bytes, written);
        self.wake.notify_one();
        Ok(())
    }

    /// Writes everything unwritten, waiting for the socket to take it; a socket
    /// that takes nothing for the write timeout is stalled.
    pub async fn write_out(&self) -> Result<(), WriteError> {
        loop {
            {
                let mut state = self.lock();
                if state.broken {
                    return Err(WriteError::Gone);
                }
                while let Some(front) = state.unwritten.front() {
                    match self.socket.try_write(front) {
                        Ok(n) if n == front.len() => {
                            state.unwritten_bytes -= n;
                            state.unwritten.pop_front();
                            state.front_started = false;
                        }
                        Ok(n) => {
                            let rest = front.slice(n..);
                            state.unwritten_bytes -= n;
                            state.unwritten[0] = rest;
                            state.front_started |= n > 0;
                            break;
                        }
                        Err(err) if err.kind() == io::ErrorKind::WouldBlock => break,
                        Err(_) => {
                            state.broken = true;
                            state.closed = true;
                            return Err(WriteError::Gone);
                        }
                    }
                }
                if state.unwritten.is_empty() {
                    return Ok(());
                }
            }
            match tokio::time::timeout(self.limits.write_timeout, self.socket.writable()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return Err(WriteError::Gone),
                Err(_) => return Err(WriteError::Stalled),
            }
        }
    }

    /// Whether bytes wait for the socket.
    pub fn has_unwritten(&self) -> bool {
        !self.lock().unwritten.is_empty()
    }

    /// Chat of `room` reaches this connection from now on, past `seen`.
    pub(crate) fn enter_room(&self, room: Uuid, seen: Seen) {
        self.lock().rooms.insert(room, seen);
    }

    pub(crate) fn leave_room(&self, room: Uuid) {
        self.lock().rooms.remove(&room);
    }

    /// `true` (and remembered) when chat number `seq` of `room` has not been sent.
    pub(crate) fn first_time(&self, room: Uuid, seq: i64) -> bool {
        self.lock().rooms.get_mut(&room).is_some_and(|seen| seen.first_time(seq))
    }

    /// Replaces what a room counts as sent (the latest messages only, on a first join).
    pub(crate) fn restart_room(&self, room: Uuid, seen: Seen) {
        if let Some(current) = self.lock().rooms.get_mut(&room) {
            *current = seen;
        }
    }

    /// Drops what waits to be written, but the rest of a frame already begun (a
    /// frame cut short would garble the close frame after it), and what waits for
    /// the task: a connection being closed as a slow consumer gets its close frame
    /// next, not after everything it fell behind on.
    pub fn discard_pending(&self) {
        let mut state = self.lock();
        let keep = if state.front_started { state.unwritten.pop_front() } else { None };
        state.unwritten.clear();
        state.unwritten_bytes = 0;
        if let Some(rest) = keep {
            state.push_unwritten(rest);
        }
        state.inbox.clear();
    }

    /// The connection has ended: nothing more is accepted or written.
    pub fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.unwritten.clear();
        state.unwritten_bytes = 0;
        state.inbox.clear();
        state.rooms.clear();
    }
}

impl State {
    fn push_unwritten(&mut self, bytes: Bytes) {
        self.unwritten_bytes += bytes.len();
        self.unwritten.push_back(bytes);
    }

    /// The rest of a frame whose first `written` bytes went out (the queue was empty).
    fn push_partly_written(&mut self, bytes: &Bytes, written: usize) {
        self.push_unwritten(bytes.slice(written..));
        self.front_started = written > 0;
    }
}

/// The stream tungstenite reads the client's frames from. What tungstenite writes
/// (pongs, the close frame) goes through the connection's [`Outbound`], in order
/// with everything else; it never blocks.
#[derive(Debug)]
pub(crate) struct LiveIo {
    read: OwnedReadHalf,
    out: std::sync::Arc<Outbound>,
}

impl LiveIo {
    pub(crate) fn new(read: OwnedReadHalf, out: std::sync::Arc<Outbound>) -> Self {
        Self { read, out }
    }
}

impl AsyncRead for LiveIo {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.read).poll_read(cx, buf)
    }
}

impl AsyncWrite for LiveIo {
    fn poll_write(self: Pin<&mut Self>, _cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Poll::Ready(self.out.accept_raw(buf).map(|()| buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_their_length() {
        for len in [0, 1, 125, 126, 65_535, 65_536, 70_000] {
            let text = "a".repeat(len);
            let frame = Frame::text(&text);
            assert_eq!(frame.as_str(), text);
            let bytes = frame.wire();
            assert_eq!(bytes[0], 0x81, "final text frame");
            let (declared, header) = match bytes[1] {
                126 => (usize::from(u16::from_be_bytes([bytes[2], bytes[3]])), 4),
                127 => (u64::from_be_bytes(bytes[2..10].try_into().expect("8 bytes")) as usize, 10),
                short => (usize::from(short), 2),
            };
            assert!(bytes[1] & 0x80 == 0, "a server's frames are not masked");
            assert_eq!((declared, bytes.len() - header), (len, len), "{len}");
        }
    }

    #[tokio::test]
    async fn a_cut_consumer_gets_whole_frames_then_its_close() {
        use tokio::io::AsyncReadExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let mut client =
            tokio::net::TcpStream::connect(listener.local_addr().expect("address")).await.expect("connect");
        let (server, _) = listener.accept().await.expect("accept");
        let (_read, write) = server.into_split();
        let limits = Limits { max_unwritten_bytes: 64 * 1024, max_inbox: 4, write_timeout: Duration::from_secs(5) };
        let out = Outbound::new(write, CancellationToken::new(), limits);
        // The client reads nothing: the kernel's buffers fill, then 64 KiB more.
        let text = "x".repeat(10_000);
        let mut offered = 0;
        while !out.stop.is_cancelled() {
            out.offer(Delivery::Frame(Frame::text(&text)));
            offered += 1;
            assert!(offered < 10_000, "never cut");
        }
        assert_eq!(out.close_code(), close::SLOW_CONSUMER);
        let pending = out.lock().unwritten_bytes;
        out.offer(Delivery::Frame(Frame::text(&text)));
        assert_eq!(out.lock().unwritten_bytes, pending, "nothing more is taken once cut");

        out.discard_pending();
        assert!(out.lock().unwritten_bytes < text.len() + 4, "at most the rest of one frame");
        out.send(&Frame::text("bye")).await.expect("taken");
        let reader = async {
            let mut frames = Vec::new();
            loop {
                let mut header = [0; 2];
                client.read_exact(&mut header).await.expect("a header");
                assert_eq!(header[0], 0x81, "frame {} starts a frame", frames.len());
                let len = match header[1] {
                    126 => usize::from(client.read_u16().await.expect("length")),
                    short => usize::from(short),
                };
                let mut payload = vec![0; len];
                client.read_exact(&mut payload).await.expect("payload");
                let payload = String::from_utf8(payload).expect("text");
                if payload == "bye" {
                    return frames;
                }
                assert_eq!(payload, text);
                frames.push(payload);
            }
        };
        let (frames, written) = tokio::join!(reader, out.write_out());
        written.expect("written out");
        assert!(frames.len() < offered, "what it fell behind on was dropped ({} of {offered})", frames.len());
    }

    #[test]
    fn chat_numbers_are_sent_once_in_whatever_order_they_arrive() {
        let mut seen = Seen::after(3);
        assert!(!seen.first_time(2), "before the resume point");
        assert!(!seen.first_time(3));
        assert!(seen.first_time(5), "ahead of a missing one");
        assert!(seen.first_time(4), "the missing one, late, is not skipped");
        assert!(!seen.first_time(5) && !seen.first_time(4), "each once");
        assert_eq!((seen.through, seen.ahead.len()), (5, 0));
        assert!(seen.first_time(7));
        assert!(!seen.first_time(7));
        assert_eq!((seen.through, seen.ahead.len()), (5, 1));

        // A number that never comes is given up once too many wait behind it.
        let mut seen = Seen::after(0);
        for seq in 2..=(MAX_AHEAD as i64 + 2) {
            assert!(seen.first_time(seq));
        }
        assert_eq!((seen.through, seen.ahead.len()), (MAX_AHEAD as i64 + 2, 0));
        assert!(!seen.first_time(1), "given up for lost");
    }
}
