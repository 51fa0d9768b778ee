use std::sync::Arc;

use arc_swap::ArcSwap;
use fair_search::DirectoryIndex;
use fair_store::Store;
use fair_store::blobs::BlobStore;
use fair_store::entities::booth_visit;
use tokio::sync::mpsc;

/// Shared by every handler; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub blobs: Arc<dyn BlobStore>,
    pub directory: Arc<DirectoryHandle>,
    pub config: Arc<HttpConfig>,
    pub visits: VisitSink,
    /// Held while the scheduler runs: one run at a time per instance (a second one
    /// would only discard the first's draft).
    pub scheduler: Arc<tokio::sync::Mutex<()>>,
}

/// Settings the HTTP layer needs.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// Public origin (e.g. `https://fair.hanoi.gov.vn`) for links sent to people;
    /// when absent, links are built from the request's Host.
    pub public_url: Option<String>,
    /// Mark the session cookie `Secure` (served over TLS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_headers: bool,
    pub session_ttl: chrono::Duration,
    pub invitation_ttl: chrono::Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            public_url: None,
            secure_cookies: false,
            trust_forwarded_headers: false,
            session_ttl: chrono::Duration::days(30),
            invitation_ttl: chrono::Duration::days(14),
        }
    }
}

/// The directory's current search index. Searches take a snapshot (an `Arc`) and
/// never wait; writers build a new index aside and swap it in.
#[derive(Debug)]
pub struct DirectoryHandle {
    index: ArcSwap<DirectoryIndex>,
    /// Held while an index is rebuilt, so two rebuilds never race.
    pub rebuild: tokio::sync::Mutex<()>,
}

impl DirectoryHandle {
    pub fn new(index: DirectoryIndex) -> Self {
        Self { index: ArcSwap::from_pointee(index), rebuild: tokio::sync::Mutex::new(()) }
    }

    pub fn current(&self) -> Arc<DirectoryIndex> {
        self.index.load_full()
    }

    pub fn replace(&self, index: DirectoryIndex) {
        self.index.store(Arc::new(index));
    }
}

/// Hands booth views to the background writer. Never blocks a request: when the
/// queue is full the view is dropped (and counted in the metrics).
#[derive(Clone, Debug)]
pub struct VisitSink(mpsc::Sender<booth_visit::Model>);

impl VisitSink {
    pub fn new(capacity: usize) -> (Self, mpsc::Receiver<booth_visit::Model>) {
        let (sender, receiver) = mpsc::channel(capacity);
        (Self(sender), receiver)
    }

    pub fn record(&self, visit: booth_visit::Model) {
        if self.0.try_send(visit).is_err() {
            metrics::counter!("fair_booth_visits_dropped_total").increment(1);
        }
    }
}
