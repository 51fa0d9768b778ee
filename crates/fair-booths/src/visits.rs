//! Booth views, written in batches by one background task: a page view never waits
//! on a database write, and repeat views by the same visitor within 30 minutes count once.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use fair_store::Store;
use fair_store::entities::booth_visit;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const DEDUPLICATE_WITHIN: chrono::Duration = chrono::Duration::minutes(30);
const FLUSH_EVERY: Duration = Duration::from_secs(1);
const FLUSH_AT: usize = 500;

/// Runs until `shutdown`, then writes what is left.
pub async fn run_visit_writer(
    store: Store,
    mut visits: mpsc::Receiver<booth_visit::Model>,
    shutdown: CancellationToken,
) {
    let mut seen: HashMap<(Uuid, String), DateTime<Utc>> = HashMap::new();
    let mut batch: Vec<booth_visit::Model> = Vec::new();
    let mut tick = tokio::time::interval(FLUSH_EVERY);
    loop {
        tokio::select! {
            visit = visits.recv() => match visit {
                Some(visit) => {
                    let key = (visit.booth_id, visit.visitor_key.clone());
                    let repeat = seen.get(&key).is_some_and(|last| visit.viewed_at - *last < DEDUPLICATE_WITHIN);
                    if !repeat {
                        seen.insert(key, visit.viewed_at);
                        batch.push(visit);
                    }
                    if batch.len() >= FLUSH_AT {
                        flush(&store, &mut batch).await;
                    }
                }
                None => break,
            },
            _ = tick.tick() => {
                flush(&store, &mut batch).await;
                let cutoff = Utc::now() - DEDUPLICATE_WITHIN;
                seen.retain(|_, last| *last > cutoff);
            }
            () = shutdown.cancelled() => break,
        }
    }
    // Drain what is queued, then write it.
    while let Ok(visit) = visits.try_recv() {
        batch.push(visit);
    }
    flush(&store, &mut batch).await;
}

async fn flush(store: &Store, batch: &mut Vec<booth_visit::Model>) {
    if batch.is_empty() {
        return;
    }
    let count = batch.len();
    match store.record_booth_visits(std::mem::take(batch)).await {
        Ok(()) => metrics::counter!("fair_booth_visits_total").increment(count as u64),
        Err(err) => tracing::warn!(error = %err, count, "could not store booth visits"),
    }
}
