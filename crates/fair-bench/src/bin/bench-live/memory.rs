//! Memory per idle connection: the server's resident memory before and after N
//! connections that each said `hello` and got `welcome` (or, for the breakdown, N
//! idle HTTP keep-alive connections that never upgraded).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;
use futures::StreamExt;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::client::{Sources, Target, open_http_idle, open_visitor};
use crate::sys::{Memory, memory};

/// Time for the server to come to rest before each reading.
const SETTLE: Duration = Duration::from_secs(3);

/// What the idle connections are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idle {
    /// `hello` answered by `welcome`, then nothing.
    Websocket,
    /// One `GET /healthz` on a keep-alive connection, then nothing.
    Http,
}

#[derive(Clone, Debug)]
pub struct IdleResult {
    pub connections: usize,
    pub before: Memory,
    pub after: Memory,
    pub open_seconds: f64,
}

impl IdleResult {
    /// Resident-memory growth per connection, in bytes.
    pub fn rss_per_connection(&self) -> f64 {
        self.after.rss_kib.saturating_sub(self.before.rss_kib) as f64 * 1024.0 / self.connections.max(1) as f64
    }

    pub fn pss_per_connection(&self) -> f64 {
        self.after.pss_kib.saturating_sub(self.before.pss_kib) as f64 * 1024.0 / self.connections.max(1) as f64
    }
}

/// Opens `n` idle connections to a server that was just started, measuring its
/// memory before and after (each after [`SETTLE`]). The server is killed while the
/// connections are still open (it need not tidy up after them).
pub async fn measure(
    sources: Arc<Sources>,
    target: &Target,
    server: crate::sys::Proc,
    n: usize,
    kind: Idle,
    concurrency: usize,
    run_id: &str,
) -> anyhow::Result<IdleResult> {
    let pid = server.pid();
    let settle = SETTLE;
    tokio::time::sleep(settle).await;
    let before = memory(pid)?;
    let stop = CancellationToken::new();
    let opened = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let gate = Arc::new(Semaphore::new(concurrency.max(1)));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        let (sources, target, stop, opened, failed, gate) =
            (sources.clone(), target.clone(), stop.clone(), opened.clone(), failed.clone(), gate.clone());
        let visitor = format!("idle-{run_id}-{i}");
        tasks.push(tokio::spawn(async move {
            let Ok(permit) = gate.acquire_owned().await else { return };
            match kind {
                Idle::Websocket => match open_visitor(&sources, &target, &visitor).await {
                    Ok(mut ws) => {
                        drop(permit);
                        opened.fetch_add(1, Ordering::Relaxed);
                        // Keep reading, so the server's pings are answered.
                        loop {
                            tokio::select! {
                                () = stop.cancelled() => break,
                                frame = ws.next() => if !matches!(frame, Some(Ok(_))) { break },
                            }
                        }
                    }
                    Err(err) => {
                        if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                            progress!("an idle connection failed: {err:#}");
                        }
                    }
                },
                Idle::Http => match open_http_idle(&sources, target.addr).await {
                    Ok(stream) => {
                        drop(permit);
                        opened.fetch_add(1, Ordering::Relaxed);
                        stop.cancelled().await;
                        drop(stream);
                    }
                    Err(err) => {
                        if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                            progress!("an idle connection failed: {err:#}");
                        }
                    }
                },
            }
        }));
    }
    let mut last_report = Instant::now();
    loop {
        let done = opened.load(Ordering::Relaxed) + failed.load(Ordering::Relaxed);
        if done >= n as u64 {
            break;
        }
        if last_report.elapsed() > Duration::from_secs(5) {
            progress!("  {} of {n} open", opened.load(Ordering::Relaxed));
            last_report = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let open_seconds = started.elapsed().as_secs_f64();
    let failures = failed.load(Ordering::Relaxed);
    if failures > 0 {
        stop.cancel();
        bail!("{failures} of {n} idle connections failed to open");
    }
    tokio::time::sleep(settle).await;
    let after = memory(pid)?;
    drop(server);
    stop.cancel();
    for task in tasks {
        let _ = task.await;
    }
    Ok(IdleResult { connections: n, before, after, open_seconds })
}
