//! Presence churn: visitors connect, enter one of B booths and later leave (close),
//! at a target rate of connects and disconnects per second, over a standing
//! population. Then the time until the server's hall figures (published each second
//! to `watch` {kind: "hall"}) equal what the generator knows to be true.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures::StreamExt;
use hdrhistogram::Histogram;
use serde_json::{Value, json};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;

use crate::client::{Rng, Sources, Target, call, open_visitor, until};
use crate::sys::cpu_of;

#[derive(Clone, Debug)]
pub struct Spec {
    pub booths: usize,
    pub population: usize,
    /// Connects per second, and as many disconnects.
    pub rate: f64,
    pub duration: Duration,
    pub concurrency: usize,
    pub max_in_flight: u64,
    pub convergence_timeout: Duration,
}

#[derive(Clone, Debug)]
pub struct ChurnResult {
    pub booths: usize,
    pub halls: Vec<String>,
    pub population: usize,
    pub target_rate: f64,
    pub connects: u64,
    pub disconnects: u64,
    pub failed: u64,
    pub skipped: u64,
    pub unexpected_drops: u64,
    pub churn_seconds: f64,
    /// From the scheduled connect to `enter_booth`'s ack.
    pub enter_latency: Histogram<u64>,
    pub server_cpu: f64,
    pub converged: Option<Duration>,
    /// Booths still wrong when giving up (if not converged).
    pub mismatched: usize,
    pub visitors_at_end: i64,
}

impl ChurnResult {
    pub fn connects_per_second(&self) -> f64 {
        self.connects as f64 / self.churn_seconds.max(1e-9)
    }

    pub fn disconnects_per_second(&self) -> f64 {
        self.disconnects as f64 / self.churn_seconds.max(1e-9)
    }
}

/// Who is where, as the generator knows it.
struct Pool {
    members: Vec<(usize, oneshot::Sender<()>)>,
    truth: Vec<i64>,
}

struct Shared {
    sources: Arc<Sources>,
    target: Target,
    booth_ids: Vec<String>,
    pool: Mutex<Pool>,
    connects: AtomicU64,
    failed: AtomicU64,
    in_flight: AtomicU64,
    unexpected_drops: AtomicU64,
    enter_latency: Mutex<Histogram<u64>>,
    stop: CancellationToken,
}

impl Shared {
    fn pool(&self) -> std::sync::MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One visitor: connect, `hello`, `enter_booth`; then stay until told to leave.
async fn visit(
    shared: Arc<Shared>,
    visitor: String,
    booth: usize,
    scheduled: Option<Instant>,
    permit: Option<OwnedSemaphorePermit>,
) {
    let entered = async {
        let mut ws = open_visitor(&shared.sources, &shared.target, &visitor).await?;
        call(&mut ws, 1, json!({"type": "enter_booth", "booth": shared.booth_ids[booth]})).await?;
        anyhow::Ok(ws)
    };
    let entered = entered.await;
    drop(permit);
    let mut ws = match entered {
        Ok(ws) => ws,
        Err(err) => {
            shared.in_flight.fetch_sub(1, Ordering::Relaxed);
            if shared.failed.fetch_add(1, Ordering::Relaxed) == 0 {
                progress!("  a visitor failed to enter a booth: {err:#}");
            }
            return;
        }
    };
    if let Some(scheduled) = scheduled
        && let Ok(mut histogram) = shared.enter_latency.lock()
    {
        let _ = histogram.record(crate::sys::micros_of(scheduled.elapsed()).max(1));
    }
    let (leave, mut told) = oneshot::channel();
    {
        let mut pool = shared.pool();
        pool.members.push((booth, leave));
        pool.truth[booth] += 1;
    }
    shared.connects.fetch_add(1, Ordering::Relaxed);
    shared.in_flight.fetch_sub(1, Ordering::Relaxed);
    loop {
        tokio::select! {
            _ = &mut told => {
                // A clean close; the server leaves the booth when it reads it.
                let _ = tokio::time::timeout(Duration::from_secs(5), ws.close(None)).await;
                let _ = tokio::time::timeout(Duration::from_secs(5), async { while ws.next().await.is_some() {} }).await;
                return;
            }
            () = shared.stop.cancelled() => return,
            frame = ws.next() => {
                if !matches!(frame, Some(Ok(Message::Text(_) | Message::Ping(_) | Message::Pong(_) | Message::Frame(_)))) {
                    shared.unexpected_drops.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
        }
    }
}

/// (booth id → visitors) of one `hall` message.
fn hall_counts(message: &Value) -> Option<(String, HashMap<String, i64>)> {
    let hall = message["hall"].as_str()?.to_owned();
    let booths = message["booths"].as_array()?;
    let counts =
        booths.iter().filter_map(|b| Some((b["booth"].as_str()?.to_owned(), b["visitors"].as_i64()?))).collect();
    Some((hall, counts))
}

pub async fn run(
    sources: Arc<Sources>,
    target: &Target,
    pid: u32,
    spec: &Spec,
    run_id: &str,
) -> anyhow::Result<ChurnResult> {
    // Halls from the directory, booths from the halls' own snapshots.
    let http = reqwest::Client::new();
    let directory: Value = http
        .get(format!("http://{}/api/v1/directory?limit=100", target.addr))
        .send()
        .await
        .context("GET /api/v1/directory")?
        .json()
        .await
        .context("the directory's JSON")?;
    let mut halls: Vec<String> = directory["items"]
        .as_array()
        .context("directory items")?
        .iter()
        .filter_map(|hit| hit["hall"].as_str().map(str::to_owned))
        .collect();
    halls.sort();
    halls.dedup();
    if halls.is_empty() {
        bail!("the directory lists no booth in a hall");
    }
    let mut watcher = open_visitor(&sources, target, &format!("watcher-{run_id}")).await?;
    let mut by_hall: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, hall) in halls.iter().enumerate() {
        call(&mut watcher, 10 + i as u64, json!({"type": "watch", "target": {"kind": "hall", "hall": hall}})).await?;
        let snapshot = until(&mut watcher, &["hall"], |m| m["hall"] == *hall).await?;
        let (_, counts) = hall_counts(&snapshot).context("a hall message without booths")?;
        let mut ids: Vec<String> = counts.into_keys().collect();
        ids.sort();
        by_hall.insert(hall.clone(), ids);
    }
    // Booths taken from each hall in turn.
    let mut booth_ids = Vec::new();
    let mut hall_of: HashMap<String, String> = HashMap::new();
    let mut round = 0;
    while booth_ids.len() < spec.booths {
        let mut added = false;
        for (hall, ids) in &by_hall {
            if let Some(id) = ids.get(round)
                && booth_ids.len() < spec.booths
            {
                booth_ids.push(id.clone());
                hall_of.insert(id.clone(), hall.clone());
                added = true;
            }
        }
        if !added {
            break;
        }
        round += 1;
    }
    if booth_ids.len() < spec.booths {
        progress!("  only {} booths in halls {halls:?}; churning over those", booth_ids.len());
    }
    let booths = booth_ids.len();
    let watched: Vec<String> = by_hall.keys().filter(|h| hall_of.values().any(|v| v == *h)).cloned().collect();

    // Hall messages from now on, with their arrival times.
    let (updates_tx, mut updates) = mpsc::unbounded_channel::<(Instant, String, HashMap<String, i64>)>();
    let stop = CancellationToken::new();
    let watcher_task = {
        let stop = stop.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = stop.cancelled() => break,
                    frame = watcher.next() => match frame {
                        Some(Ok(Message::Text(text))) => {
                            if crate::client::kind_of(text.as_str()) == "hall"
                                && let Ok(message) = serde_json::from_str::<Value>(text.as_str())
                                && let Some((hall, counts)) = hall_counts(&message)
                            {
                                let _ = updates_tx.send((Instant::now(), hall, counts));
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => break,
                    },
                }
            }
        })
    };

    let shared = Arc::new(Shared {
        sources,
        target: target.clone(),
        booth_ids: booth_ids.clone(),
        pool: Mutex::new(Pool { members: Vec::new(), truth: vec![0; booths] }),
        connects: AtomicU64::new(0),
        failed: AtomicU64::new(0),
        in_flight: AtomicU64::new(0),
        unexpected_drops: AtomicU64::new(0),
        enter_latency: Mutex::new(Histogram::new_with_bounds(1, 120_000_000, 3)?),
        stop: stop.clone(),
    });

    // The standing population.
    let gate = Arc::new(Semaphore::new(spec.concurrency.max(1)));
    for i in 0..spec.population {
        let (shared, gate) = (shared.clone(), gate.clone());
        shared.in_flight.fetch_add(1, Ordering::Relaxed);
        let visitor = format!("stay-{run_id}-{i}");
        tokio::spawn(async move {
            let Ok(permit) = gate.acquire_owned().await else { return };
            visit(shared, visitor, i % booths, None, Some(permit)).await;
        });
    }
    let deadline = Instant::now() + Duration::from_secs(300);
    while shared.connects.load(Ordering::Relaxed) + shared.failed.load(Ordering::Relaxed) < spec.population as u64 {
        if Instant::now() > deadline {
            stop.cancel();
            bail!("the standing population did not come in within 300 s");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if shared.failed.load(Ordering::Relaxed) > 0 {
        stop.cancel();
        bail!("{} visitors of the standing population failed", shared.failed.load(Ordering::Relaxed));
    }
    progress!("  {} visitors at {booths} booths in halls {watched:?}; churning", spec.population);
    shared.connects.store(0, Ordering::Relaxed);
    if let Ok(mut histogram) = shared.enter_latency.lock() {
        histogram.reset();
    }

    // Churn: each tick one visitor comes and one leaves.
    let mut rng = Rng::new(0x5eed_0fc4_u64);
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / spec.rate));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let churn_started = Instant::now();
    let cpu_start = cpu_of(&[pid]);
    let churn_end = churn_started + spec.duration;
    let mut disconnects = 0u64;
    let mut skipped = 0u64;
    let mut n = 0usize;
    loop {
        let scheduled = tick.tick().await.into_std();
        if scheduled >= churn_end {
            break;
        }
        if shared.in_flight.load(Ordering::Relaxed) >= spec.max_in_flight {
            skipped += 1;
        } else {
            shared.in_flight.fetch_add(1, Ordering::Relaxed);
            let booth = rng.below(booths);
            tokio::spawn(visit(shared.clone(), format!("churn-{run_id}-{n}"), booth, Some(scheduled), None));
            n += 1;
        }
        let leaving = {
            let mut pool = shared.pool();
            if pool.members.is_empty() {
                None
            } else {
                let index = rng.below(pool.members.len());
                let (booth, leave) = pool.members.swap_remove(index);
                pool.truth[booth] -= 1;
                Some(leave)
            }
        };
        if let Some(leave) = leaving {
            let _ = leave.send(());
            disconnects += 1;
        }
    }
    // Let the connects in flight finish: the churn has stopped when they have.
    let drain_deadline = Instant::now() + Duration::from_secs(30);
    while shared.in_flight.load(Ordering::Relaxed) > 0 && Instant::now() < drain_deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let stopped = Instant::now();
    let churn_seconds = (stopped - churn_started).as_secs_f64();
    let server_cpu = cpu_of(&[pid]) - cpu_start;
    let connects = shared.connects.load(Ordering::Relaxed);
    let truth: HashMap<String, i64> = {
        let pool = shared.pool();
        booth_ids.iter().cloned().zip(pool.truth.iter().copied()).collect()
    };
    let visitors_at_end = truth.values().sum();
    progress!(
        "  churn stopped after {churn_seconds:.1} s: {connects} connects, {disconnects} disconnects; waiting for the halls to agree"
    );

    // Convergence: every watched hall updated after the stop, all booths right.
    let mut latest: HashMap<String, HashMap<String, i64>> = HashMap::new();
    let mut converged = None;
    let mut mismatched = booths;
    let give_up = tokio::time::Instant::now() + spec.convergence_timeout;
    while let Ok(Some((arrived, hall, counts))) = tokio::time::timeout_at(give_up, updates.recv()).await {
        if arrived < stopped {
            continue;
        }
        latest.insert(hall, counts);
        if watched.iter().all(|h| latest.contains_key(h)) {
            mismatched = booth_ids
                .iter()
                .filter(|id| {
                    let hall = &hall_of[*id];
                    latest[hall].get(*id).copied().unwrap_or(0) != truth[*id]
                })
                .count();
            if mismatched == 0 {
                converged = Some(arrived - stopped);
                break;
            }
        }
    }
    stop.cancel();
    let _ = watcher_task.await;
    let enter_latency = shared.enter_latency.lock().map(|h| h.clone()).unwrap_or_else(|p| p.into_inner().clone());
    Ok(ChurnResult {
        booths,
        halls: watched,
        population: spec.population,
        target_rate: spec.rate,
        connects,
        disconnects,
        failed: shared.failed.load(Ordering::Relaxed),
        skipped,
        unexpected_drops: shared.unexpected_drops.load(Ordering::Relaxed),
        churn_seconds,
        enter_latency,
        server_cpu,
        converged,
        mismatched,
        visitors_at_end,
    })
}
