//! Fan-out: one publisher, N subscribers of one room. The publisher sends `chat` at
//! a fixed rate; each text carries the time the schedule meant it to be sent, so a
//! late send counts against the server and the generator alike (no coordinated
//! omission). Subscribers record receive time − intended send time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use serde_json::json;
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{Sources, Target, kind_of, open_booth_watcher, open_member, open_visitor};
use crate::sys::{Tasks, core_busy, cpu_of, cpu_seconds, micros_of, now_us};

/// The marker in a delivered chat frame before the intended send time (µs since
/// the epoch), which ends at `;`.
const MARK: &str = "\"text\":\"t=";
/// Where a `visitor_joined` frame names the visitor: an opaque key (a digest of
/// the visitor's id, `fair_live::anonymous_booth_key`) the generator looks the send
/// time up by.
const WATCH_MARK: &str = "\"key\":\"";

/// What the subscribers subscribe to and the publisher does.
#[derive(Clone, Debug)]
pub enum Mode {
    /// Members of a room; the publisher (a member) sends `chat` (one database insert each).
    Room(String),
    /// Organisers watching a booth; the "publisher" is a new anonymous visitor entering
    /// it for each message (`enter_booth`, one database read), announced to the
    /// watchers as `visitor_joined`.
    BoothWatch(String),
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub subscribers: usize,
    /// Chat messages per second.
    pub rate: f64,
    pub warmup: Duration,
    pub duration: Duration,
    pub chat_bytes: usize,
    pub join_concurrency: usize,
    /// Most time the room may take to fill.
    pub fill_timeout: Duration,
}

#[derive(Clone, Debug)]
pub struct Part {
    pub subscribers: usize,
    pub histogram: Histogram<u64>,
    pub delivered: u64,
}

#[derive(Clone, Debug)]
pub struct FanoutResult {
    pub subscribers: usize,
    pub rate: f64,
    pub messages: u64,
    pub expected: u64,
    pub delivered: u64,
    pub histogram: Histogram<u64>,
    /// Per server (target), in order.
    pub parts: Vec<Part>,
    pub duration: Duration,
    pub server_cpu: f64,
    pub generator_cpu: f64,
    pub fill: Duration,
    pub fill_cpu: f64,
    pub publisher_errors: u64,
    pub dropped: u64,
    /// Wall time from the window's start until the last delivery (or the drain timeout).
    pub wall: f64,
    /// Share of each core busy over `wall` (ours and everybody else's).
    pub cores: Vec<f64>,
    /// The publisher's requests: send → `ack` (a chat's includes its insert).
    pub acks: Histogram<u64>,
}

impl FanoutResult {
    pub fn ms(&self, quantile: f64) -> f64 {
        self.histogram.value_at_quantile(quantile) as f64 / 1000.0
    }

    pub fn deliveries_per_second(&self) -> f64 {
        self.delivered as f64 / self.duration.as_secs_f64()
    }

    pub fn deliveries_per_cpu_second(&self) -> f64 {
        self.delivered as f64 / self.server_cpu.max(1e-9)
    }
}

/// Shared by the subscriber tasks: one histogram per target, counters, and the
/// measurement window (intended send times, µs since the epoch).
struct Recorder {
    histograms: Vec<Mutex<Histogram<u64>>>,
    delivered: Vec<AtomicU64>,
    other_frames: AtomicU64,
    dropped: AtomicU64,
    largest_room_joined: AtomicU64,
    members_at_first_failure: AtomicU64,
    first_error: Mutex<String>,
    window_start: AtomicU64,
    window_end: AtomicU64,
    /// Booth watch: each visitor's booth key → its intended send time.
    watch_keys: std::sync::RwLock<std::collections::HashMap<String, u64>>,
}

impl Recorder {
    fn new(parts: usize) -> anyhow::Result<Self> {
        let mut histograms = Vec::new();
        for _ in 0..parts {
            histograms.push(Mutex::new(Histogram::new_with_bounds(1, 120_000_000, 3)?));
        }
        Ok(Self {
            histograms,
            delivered: (0..parts).map(|_| AtomicU64::new(0)).collect(),
            other_frames: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            largest_room_joined: AtomicU64::new(0),
            members_at_first_failure: AtomicU64::new(0),
            first_error: Mutex::new(String::new()),
            window_start: AtomicU64::new(u64::MAX),
            window_end: AtomicU64::new(0),
            watch_keys: std::sync::RwLock::default(),
        })
    }

    fn on_text(&self, part: usize, text: &str) {
        let now = now_us();
        let Some(intended) = self.intended_of(text) else {
            self.other_frames.fetch_add(1, Ordering::Relaxed);
            return;
        };
        if intended < self.window_start.load(Ordering::Relaxed) || intended >= self.window_end.load(Ordering::Relaxed) {
            return;
        }
        let latency = now.saturating_sub(intended).clamp(1, 120_000_000);
        if let Ok(mut histogram) = self.histograms[part].lock() {
            let _ = histogram.record(latency);
        }
        self.delivered[part].fetch_add(1, Ordering::Relaxed);
    }

    fn delivered(&self) -> u64 {
        self.delivered.iter().map(|d| d.load(Ordering::Relaxed)).sum()
    }

    fn frames(&self) -> u64 {
        self.delivered() + self.other_frames.load(Ordering::Relaxed)
    }
}

impl Recorder {
    fn intended_of(&self, text: &str) -> Option<u64> {
        if let Some(at) = text.find(MARK) {
            let rest = &text[at + MARK.len()..];
            return rest[..rest.find(';')?].parse().ok();
        }
        if !text.contains("\"visitor_joined\"") {
            return None;
        }
        let rest = &text[text.find(WATCH_MARK)? + WATCH_MARK.len()..];
        let key = &rest[..rest.find('"')?];
        self.watch_keys.read().ok()?.get(key).copied()
    }
}

/// Waits until the servers are idle (under 6% of a core over half a second) and no
/// frames arrive; returns how long that took.
pub async fn settle(pids: &[u32], frames: impl Fn() -> u64, max: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let (cpu, seen) = (cpu_of(pids), frames());
        tokio::time::sleep(Duration::from_millis(500)).await;
        if cpu_of(pids) - cpu < 0.03 && frames() == seen {
            return started.elapsed();
        }
        if started.elapsed() > max {
            progress!("  (servers still busy after {max:?}; going on)");
            return started.elapsed();
        }
    }
}

/// Runs one fan-out: subscriber `i` connects to `targets[i % targets.len()]`, the
/// publisher to `targets[0]`; `pids` are the servers' processes (CPU time).
pub async fn run(
    sources: Arc<Sources>,
    targets: &[Target],
    pids: &[u32],
    mode: &Mode,
    spec: &Spec,
    run_id: &str,
) -> anyhow::Result<FanoutResult> {
    let recorder = Arc::new(Recorder::new(targets.len())?);
    let joined = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let gate = Arc::new(Semaphore::new(spec.join_concurrency.max(1)));

    // Fill the room.
    let fill_started = Instant::now();
    let fill_cpu_start = cpu_of(pids);
    let mut tasks = Tasks(Vec::with_capacity(spec.subscribers));
    for i in 0..spec.subscribers {
        let part = i % targets.len();
        let target = targets[part].clone();
        let (sources, recorder, joined, failed, gate) =
            (sources.clone(), recorder.clone(), joined.clone(), failed.clone(), gate.clone());
        let mode = mode.clone();
        let visitor = format!("sub-{run_id}-{i}");
        tasks.0.push(tokio::spawn(async move {
            let Ok(permit) = gate.acquire_owned().await else { return };
            let opened = match &mode {
                Mode::Room(room) => open_member(&sources, &target, room, &visitor).await,
                Mode::BoothWatch(booth) => open_booth_watcher(&sources, &target, booth).await.map(|ws| (ws, 0)),
            };
            let mut ws = match opened {
                Ok((ws, bytes)) => {
                    recorder.largest_room_joined.fetch_max(bytes as u64, Ordering::Relaxed);
                    ws
                }
                Err(err) => {
                    if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                        recorder.members_at_first_failure.store(joined.load(Ordering::Relaxed), Ordering::Relaxed);
                        progress!("  a subscriber failed to join: {err:#}");
                        if let Ok(mut first) = recorder.first_error.lock() {
                            *first = format!("{err:#}");
                        }
                    }
                    return;
                }
            };
            drop(permit);
            joined.fetch_add(1, Ordering::Relaxed);
            // Lean: no cancellation branch per frame; the task is aborted at the end.
            while let Some(frame) = ws.next().await {
                match frame {
                    Ok(Message::Text(text)) => recorder.on_text(part, text.as_str()),
                    Ok(Message::Close(_)) | Err(_) => break,
                    Ok(_) => {}
                }
            }
            recorder.dropped.fetch_add(1, Ordering::Relaxed);
        }));
    }
    let mut last_report = Instant::now();
    loop {
        let done = joined.load(Ordering::Relaxed) + failed.load(Ordering::Relaxed);
        // Once one join is refused the room is full for good: stop there.
        if done >= spec.subscribers as u64 || failed.load(Ordering::Relaxed) > 0 {
            break;
        }
        if fill_started.elapsed() > spec.fill_timeout {
            bail!("the room did not fill within {:?} ({done} of {} joined)", spec.fill_timeout, spec.subscribers);
        }
        if last_report.elapsed() > Duration::from_secs(10) {
            progress!(
                "  {} of {} subscribers in the room ({:.0} s, {:.1} server CPU-s)",
                joined.load(Ordering::Relaxed),
                spec.subscribers,
                fill_started.elapsed().as_secs_f64(),
                cpu_of(pids) - fill_cpu_start
            );
            last_report = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    if failed.load(Ordering::Relaxed) > 0 {
        bail!(
            "a subscriber could not join when the room held {} members (of {} wanted); \
             the largest room_joined received was {} bytes; the error: {}",
            recorder.members_at_first_failure.load(Ordering::Relaxed),
            spec.subscribers,
            recorder.largest_room_joined.load(Ordering::Relaxed),
            recorder.first_error.lock().map(|e| e.clone()).unwrap_or_default()
        );
    }
    // The room's publisher joins last; then everything settles.
    let publisher = match mode {
        Mode::Room(room) => Some(open_member(&sources, &targets[0], room, &format!("pub-{run_id}")).await?.0),
        Mode::BoothWatch(_) => None,
    };
    let frames = {
        let recorder = recorder.clone();
        move || recorder.frames()
    };
    settle(pids, frames, Duration::from_secs(300)).await;
    let fill = fill_started.elapsed();
    let fill_cpu = cpu_of(pids) - fill_cpu_start;
    let dropped_in_fill = recorder.dropped.load(Ordering::Relaxed);
    if dropped_in_fill > 0 {
        progress!("  {dropped_in_fill} subscribers were disconnected while the room filled");
    }
    progress!(
        "  room filled: {} subscribers in {:.1} s ({:.1} server CPU-s)",
        spec.subscribers,
        fill.as_secs_f64(),
        fill_cpu
    );

    // Publish on a fixed schedule.
    let interval = Duration::from_secs_f64(1.0 / spec.rate);
    let total = ((spec.warmup + spec.duration).as_secs_f64() * spec.rate).ceil() as u64;
    let lead = match mode {
        Mode::Room(_) => Duration::from_millis(200),
        // Time to open one visitor connection per message first.
        Mode::BoothWatch(_) => Duration::from_millis(500) + Duration::from_millis(20) * total as u32,
    };
    let start = tokio::time::Instant::now() + lead;
    let window_start = start + spec.warmup;
    let window_end = window_start + spec.duration;
    let to_epoch = |instant: tokio::time::Instant| micros_of(instant.into_std().duration_since(crate::sys::epoch()));
    recorder.window_start.store(to_epoch(window_start), Ordering::Relaxed);
    recorder.window_end.store(to_epoch(window_end), Ordering::Relaxed);
    let publisher_errors = Arc::new(AtomicU64::new(0));
    let schedule: Vec<tokio::time::Instant> =
        (0..total).map(|k| start + interval.mul_f64(k as f64)).take_while(|at| *at < window_end).collect();
    // When each message was actually sent, and how long its `ack` took (for a chat
    // that includes the database insert).
    let sent_at: Arc<Vec<AtomicU64>> = Arc::new(schedule.iter().map(|_| AtomicU64::new(0)).collect());
    let acks = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(1, 120_000_000, 3)?));
    let mut readers = Tasks(Vec::new());
    // `fixed`: the message index of a one-message publisher; else the index is id − 10.
    let drain = |stream: futures::stream::SplitStream<crate::client::Ws>, fixed: Option<usize>| {
        let (errors, sent_at, acks) = (publisher_errors.clone(), sent_at.clone(), acks.clone());
        tokio::spawn(async move {
            let mut stream = stream;
            while let Some(Ok(frame)) = stream.next().await {
                let Message::Text(text) = frame else { continue };
                match kind_of(text.as_str()) {
                    "ack" => {
                        let now = now_us();
                        let id = serde_json::from_str::<serde_json::Value>(text.as_str())
                            .ok()
                            .and_then(|v| v["id"].as_u64())
                            .unwrap_or(0);
                        let index = fixed.unwrap_or(id.saturating_sub(10) as usize);
                        if let Some(sent) = sent_at.get(index).map(|s| s.load(Ordering::Relaxed))
                            && sent > 0
                            && let Ok(mut acks) = acks.lock()
                        {
                            let _ = acks.record(now.saturating_sub(sent).max(1));
                        }
                    }
                    "error" if errors.fetch_add(1, Ordering::Relaxed) == 0 => {
                        progress!("  the publisher got an error: {}", text.as_str());
                    }
                    _ => {}
                }
            }
        })
    };
    let mut sinks = Vec::new();
    match (mode, publisher) {
        (Mode::Room(_), Some(publisher)) => {
            let (sink, stream) = publisher.split();
            readers.0.push(drain(stream, None));
            sinks.push(sink);
        }
        _ => {
            // One visitor per message, named after its intended send time.
            for (k, at) in schedule.iter().enumerate() {
                let visitor = format!("t{}x{run_id}", to_epoch(*at));
                if let Ok(mut keys) = recorder.watch_keys.write() {
                    keys.insert(fair_live::anonymous_booth_key(&visitor), to_epoch(*at));
                }
                let ws = open_visitor(&sources, &targets[0], &visitor).await?;
                let (sink, stream) = ws.split();
                readers.0.push(drain(stream, Some(k)));
                sinks.push(sink);
            }
            if tokio::time::Instant::now() > start {
                progress!("  (opening the visitors took longer than the lead; the first messages start late)");
            }
        }
    }
    let padding = "x".repeat(spec.chat_bytes.saturating_sub(16));
    let mut measured = 0u64;
    let mut cpu_start = None;
    for (k, intended) in schedule.iter().copied().enumerate() {
        if cpu_start.is_none() && intended >= window_start {
            cpu_start = Some((cpu_of(pids), cpu_seconds("self").unwrap_or(0.0), Instant::now(), core_busy()));
        }
        tokio::time::sleep_until(intended).await;
        if intended >= window_start {
            measured += 1;
        }
        let (sink, message) = match mode {
            Mode::Room(room) => {
                let text = format!("t={};{padding}", to_epoch(intended));
                (&mut sinks[0], json!({"type": "chat", "id": k + 10, "room": room, "text": text}))
            }
            Mode::BoothWatch(booth) => (&mut sinks[k], json!({"type": "enter_booth", "id": 10, "booth": booth})),
        };
        sent_at[k].store(now_us(), Ordering::Relaxed);
        sink.send(Message::text(message.to_string())).await.context("the publisher could not send")?;
    }
    let (server_cpu_start, generator_cpu_start, window_started, busy_start) =
        cpu_start.context("no message in the measurement window")?;
    let expected = measured * spec.subscribers as u64;
    let drain_deadline = Instant::now() + Duration::from_secs(10);
    while recorder.delivered() < expected && Instant::now() < drain_deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let server_cpu = cpu_of(pids) - server_cpu_start;
    let generator_cpu = cpu_seconds("self").unwrap_or(0.0) - generator_cpu_start;
    let wall = window_started.elapsed().as_secs_f64();
    let cores: Vec<f64> = core_busy().iter().zip(&busy_start).map(|(end, start)| (end - start) / wall).collect();
    readers.abort_and_wait().await;
    drop(sinks);
    let acks = acks.lock().map(|h| h.clone()).unwrap_or_else(|p| p.into_inner().clone());
    let dropped = recorder.dropped.load(Ordering::Relaxed).saturating_sub(dropped_in_fill);
    tasks.abort_and_wait().await;

    let mut histogram = Histogram::new_with_bounds(1, 120_000_000, 3)?;
    let mut parts = Vec::new();
    for (i, part) in recorder.histograms.iter().enumerate() {
        let part_histogram = part.lock().map(|h| h.clone()).unwrap_or_else(|p| p.into_inner().clone());
        histogram.add(&part_histogram)?;
        parts.push(Part {
            subscribers: (0..spec.subscribers).filter(|s| s % targets.len() == i).count(),
            histogram: part_histogram,
            delivered: recorder.delivered[i].load(Ordering::Relaxed),
        });
    }
    Ok(FanoutResult {
        subscribers: spec.subscribers,
        rate: spec.rate,
        messages: measured,
        expected,
        delivered: recorder.delivered(),
        histogram,
        parts,
        duration: spec.duration,
        server_cpu,
        generator_cpu,
        fill,
        fill_cpu,
        publisher_errors: publisher_errors.load(Ordering::Relaxed),
        dropped,
        wall,
        cores,
        acks,
    })
}

/// Whether a chat published on `targets[0]` reaches a member on `targets[1]` (the
/// cross-instance bus): `Ok(Some(latency))` or `Ok(None)` if nothing arrived.
pub async fn probe_bus(
    sources: &Sources,
    targets: &[Target],
    room: &str,
    run_id: &str,
    wait: Duration,
) -> anyhow::Result<Option<Duration>> {
    let (mut listener, _) = open_member(sources, &targets[1], room, &format!("probe-l-{run_id}")).await?;
    let (mut publisher, _) = open_member(sources, &targets[0], room, &format!("probe-p-{run_id}")).await?;
    let sent = Instant::now();
    crate::client::call(&mut publisher, 2, json!({"type": "chat", "room": room, "text": "probe"})).await?;
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, listener.next()).await {
            Err(_) => return Ok(None),
            Ok(Some(Ok(Message::Text(text)))) if text.as_str().contains("\"text\":\"probe\"") => {
                return Ok(Some(sent.elapsed()));
            }
            Ok(Some(Ok(_))) => {}
            Ok(other) => bail!("the probe listener's connection ended: {other:?}"),
        }
    }
}
