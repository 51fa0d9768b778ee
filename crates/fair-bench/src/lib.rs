//! Shared pieces of the benchmark binaries: latency recording and reporting, the
//! demo fair as the matching engine reads it, and OR-Tools run from Python.

pub mod demo;
pub mod ortools;

use std::time::Duration;

use hdrhistogram::Histogram;

/// Latencies of one kind of request, in microseconds.
pub struct Latencies {
    pub name: String,
    histogram: Histogram<u64>,
    errors: u64,
    elapsed: Duration,
}

impl Latencies {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            histogram: Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid histogram bounds"),
            errors: 0,
            elapsed: Duration::ZERO,
        }
    }

    pub fn record(&mut self, latency: Duration) {
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX).clamp(1, 60_000_000);
        self.histogram.record(micros).ok();
    }

    pub fn error(&mut self) {
        self.errors += 1;
    }

    pub fn merge(&mut self, other: &Latencies) {
        self.histogram.add(&other.histogram).ok();
        self.errors += other.errors;
    }

    pub fn set_elapsed(&mut self, elapsed: Duration) {
        self.elapsed = elapsed;
    }

    pub fn count(&self) -> u64 {
        self.histogram.len()
    }

    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// Percentile in milliseconds.
    pub fn ms(&self, percentile: f64) -> f64 {
        self.histogram.value_at_quantile(percentile / 100.0) as f64 / 1000.0
    }

    pub fn throughput(&self) -> f64 {
        self.count() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn line(&self) -> String {
        format!(
            "{:<28} n={:>6} err={:>3}  p50={:>7.3} ms  p90={:>7.3} ms  p99={:>7.3} ms  max={:>8.3} ms  {:>8.0} req/s",
            self.name,
            self.count(),
            self.errors,
            self.ms(50.0),
            self.ms(90.0),
            self.ms(99.0),
            self.histogram.max() as f64 / 1000.0,
            self.throughput()
        )
    }
}

/// Resident memory of this process, from /proc (Linux), in MiB.
pub fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
