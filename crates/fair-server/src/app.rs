//! The assembled application: `App::build(settings)` → `local_addr()` →
//! `run_until_stopped(shutdown)`.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fair_api_types::HealthStatus;
use fair_http::{ApiError, AppState, DirectoryHandle, HttpConfig, VisitSink};
use fair_search::DirectoryIndex;
use fair_store::blobs::FsBlobStore;
use fair_store::{Store, StoreOptions};
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Instrument;

use crate::openapi;
use crate::settings::{Settings, redact_url};
use crate::telemetry::metrics_handle;

/// Everything `/readyz` checks and `/metrics` renders.
#[derive(Clone)]
struct Probes {
    state: AppState,
    redis: Option<redis::aio::ConnectionManager>,
    metrics: PrometheusHandle,
}

/// A built, bound, not yet running application.
pub struct App {
    listener: TcpListener,
    router: Router,
    state: AppState,
    visits: tokio::sync::mpsc::Receiver<fair_store::entities::booth_visit::Model>,
    live: fair_live::Live,
    /// Cancelled on shutdown: ends the live connections (close 1001) and tasks.
    stop: CancellationToken,
    settings: Settings,
    live_cluster: Option<LiveCluster>,
}

/// The live service's Redis side (with `FAIR_REDIS_URL`): its tasks run with the server.
struct LiveCluster {
    bus: fair_live::redis::RedisBusDriver,
    presence: Arc<fair_live::redis::RedisPresence>,
}

impl App {
    /// Opens the database (migrating it unless told not to), connects Redis when
    /// configured, loads the directory index and binds the listener. Fails with a
    /// message saying what to fix.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!("cannot create the data directory {} (set FAIR_DATA_DIR)", settings.data_dir.display())
        })?;
        let store = open_store(&settings).await?;
        if settings.migrate_on_start {
            store.migrate().await.context("applying database migrations")?;
        } else {
            let pending = store.pending_migrations().await.context("reading the migration state")?;
            if !pending.is_empty() {
                bail!("the database schema is behind ({} pending migrations): run `fair migrate` first", pending.len());
            }
        }
        let redis = match &settings.redis_url {
            None => None,
            Some(url) => Some(connect_redis(url).await?),
        };

        let (visits_sink, visits) = VisitSink::new(10_000);
        let state = AppState {
            store,
            blobs: Arc::new(FsBlobStore::new(settings.uploads_dir())),
            directory: Arc::new(DirectoryHandle::new(DirectoryIndex::empty(fair_domain::calendar::fair_date(
                chrono::Utc::now(),
            )))),
            config: Arc::new(HttpConfig {
                public_url: settings.public_url.clone(),
                secure_cookies: settings.secure_cookies(),
                trust_forwarded_headers: settings.trust_forwarded_headers,
                ..HttpConfig::default()
            }),
            visits: visits_sink,
            scheduler: Arc::default(),
        };
        fair_booths::directory::rebuild(&state).await.context("loading the directory")?;

        let (hub, live_cluster) = live_hub(&settings).await?;
        let live = fair_live::Live::new(
            state.clone(),
            hub,
            settings.public_url.iter().map(|url| url.trim_end_matches('/').to_owned()).collect(),
        )
        .with_ice(settings.ice_config());
        let stop = CancellationToken::new();
        let probes = Probes { state: state.clone(), redis, metrics: metrics_handle() };
        let router = router(state.clone(), probes, &settings, &live, &stop)?;
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("cannot listen on {} (set FAIR_BIND)", settings.bind))?;
        Ok(Self { listener, router, state, visits, live, stop, settings, live_cluster })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or(self.settings.bind)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, lets in-flight requests finish (up to the
    /// grace period), stops background tasks (flushing booth visits) and closes the pool.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let Self { listener, router, state, visits, live, stop, settings, live_cluster } = self;
        // The live service's Redis tasks stop last, after the live connections have
        // left their rooms and booths (departures reach the other instances).
        let live_stop = CancellationToken::new();
        let mut live_tasks: Vec<JoinHandle<()>> = Vec::new();
        if let Some(LiveCluster { bus, presence }) = live_cluster {
            live_tasks.push(tokio::spawn(
                bus.run(live.hub.clone(), live_stop.clone()).instrument(tracing::info_span!("live_bus")),
            ));
            live_tasks.push(tokio::spawn(
                presence.run_heartbeat(live_stop.clone()).instrument(tracing::info_span!("live_presence")),
            ));
        }
        let tasks: Vec<JoinHandle<()>> = vec![
            tokio::spawn(
                fair_booths::visits::run_visit_writer(state.store.clone(), visits, stop.clone())
                    .instrument(tracing::info_span!("visit_writer")),
            ),
            tokio::spawn(
                fair_booths::directory::watch(
                    state.clone(),
                    Duration::from_secs(settings.directory_poll_seconds.max(1)),
                    stop.clone(),
                )
                .instrument(tracing::info_span!("directory_watcher")),
            ),
            tokio::spawn(purge_sessions(state.store.clone(), stop.clone())),
            tokio::spawn(fair_meetings::run_expiry(state.store.clone(), stop.clone())),
            tokio::spawn(
                fair_live::run_tickers(live.clone(), stop.clone()).instrument(tracing::info_span!("live_figures")),
            ),
        ];

        let graceful = {
            let stop = stop.clone();
            async move {
                shutdown.await;
                tracing::info!("shutting down: finishing requests in flight");
                stop.cancel();
            }
        };
        let server = fair_http::serve(listener, router, graceful);
        let served = {
            let stop = stop.clone();
            let grace = Duration::from_secs(settings.shutdown_grace_seconds);
            async move {
                tokio::select! {
                    () = server => Ok(()),
                    () = async { stop.cancelled().await; tokio::time::sleep(grace).await } => {
                        tracing::warn!("requests still in flight after the grace period; stopping anyway");
                        Ok(())
                    }
                }
            }
        };
        let result = served.await;
        stop.cancel();
        let drained = tokio::time::Instant::now() + Duration::from_secs(5);
        while live.hub.connection_count() > 0 && tokio::time::Instant::now() < drained {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        live_stop.cancel();
        for task in live_tasks.into_iter().chain(tasks) {
            if tokio::time::timeout(Duration::from_secs(10), task).await.is_err() {
                tracing::warn!("a background task did not stop in time");
            }
        }
        if let Err(err) = state.store.close().await {
            tracing::warn!(error = %err, "closing the database");
        }
        tracing::info!("stopped");
        result
    }
}

pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let url = settings.effective_database_url();
    let options = StoreOptions { max_connections: settings.database_max_connections, ..StoreOptions::default() };
    Store::connect(&url, &options)
        .await
        .with_context(|| format!("cannot open the database {} (set FAIR_DATABASE_URL)", redact_url(&url)))
}

async fn connect_redis(url: &str) -> anyhow::Result<redis::aio::ConnectionManager> {
    let client = redis::Client::open(url).with_context(|| format!("invalid FAIR_REDIS_URL {}", redact_url(url)))?;
    let manager = tokio::time::timeout(Duration::from_secs(5), redis::aio::ConnectionManager::new(client))
        .await
        .map_err(|_| anyhow::anyhow!("timed out"))
        .and_then(|r| r.map_err(anyhow::Error::from))
        .with_context(|| format!("cannot reach Redis at {} (check FAIR_REDIS_URL)", redact_url(url)))?;
    Ok(manager)
}

/// The live hub: in-process for one instance, or over Redis (bus and presence under
/// `FAIR_REDIS_PREFIX`, with a fresh instance name) when `FAIR_REDIS_URL` is set.
async fn live_hub(settings: &Settings) -> anyhow::Result<(Arc<fair_live::Hub>, Option<LiveCluster>)> {
    let config = settings.live_config();
    let Some(url) = &settings.redis_url else {
        let hub = fair_live::Hub::new(
            Arc::new(fair_live::bus::LocalBus),
            Arc::new(fair_live::presence::LocalPresence::default()),
            config,
        );
        return Ok((Arc::new(hub), None));
    };
    let instance = fair_live::hub::new_instance_id();
    let prefix = &settings.redis_prefix;
    let unreachable = || format!("cannot reach Redis at {} (check FAIR_REDIS_URL)", redact_url(url));
    let (bus, driver) = fair_live::redis::RedisBus::connect(url, prefix, &instance).await.with_context(unreachable)?;
    let ttl = Duration::from_secs(settings.live_presence_ttl_seconds);
    let presence = Arc::new(
        fair_live::redis::RedisPresence::connect(url, prefix, &instance, ttl).await.with_context(unreachable)?,
    );
    tracing::info!(instance, prefix, "live service across instances through Redis");
    let hub = fair_live::Hub::with_instance(instance, Arc::new(bus), presence.clone(), config);
    Ok((Arc::new(hub), Some(LiveCluster { bus: driver, presence })))
}

async fn purge_sessions(store: Store, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = stop.cancelled() => return,
        }
        match store.purge_expired_sessions(chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "expired sessions removed"),
            Err(err) => tracing::warn!(error = %err, "could not remove expired sessions"),
        }
    }
}

fn router(
    state: AppState,
    probes: Probes,
    settings: &Settings,
    live: &fair_live::Live,
    stop: &CancellationToken,
) -> anyhow::Result<Router> {
    let (api, document) = openapi::api_router().split_for_parts();
    let document = Arc::new(document);
    let docs_html = Html(openapi::docs_page());

    let mut csrf = CsrfLayer::new();
    if let Some(origin) = &settings.public_url {
        csrf = csrf
            .add_trusted_origin(origin.trim_end_matches('/'))
            .map_err(|err| anyhow::anyhow!("FAIR_PUBLIC_URL is not a valid origin: {err}"))?;
    }
    let csrf = csrf.with_rejection_response(|_| ApiError::CrossSite.into_response());

    let web_dir = settings.web_dir.clone();
    let app = Router::new()
        .merge(api.with_state(state.clone()))
        .merge(
            fair_live::socket_router()
                .with_state(state)
                .layer(axum::Extension(live.clone()))
                .layer(axum::Extension(fair_live::LiveShutdown(stop.clone()))),
        )
        .route("/api/openapi.json", get(move || async move { Json(document.as_ref().clone()) }))
        .route(
            "/api/docs",
            get(move || async move {
                // Everything the reference page needs comes from this server.
                let policy = HeaderValue::from_static(
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                     img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
                );
                ([(header::CONTENT_SECURITY_POLICY, policy)], docs_html.clone())
            }),
        )
        .merge(
            Router::new()
                .route("/healthz", get(healthz))
                .route("/readyz", get(readyz))
                .route("/metrics", get(metrics))
                .with_state(probes),
        )
        .fallback(move |request: Request| serve_web(web_dir.clone(), request))
        .layer(csrf)
        .layer(middleware::from_fn(record_metrics))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(middleware::from_fn(timeout_body))
        .layer(CatchPanicLayer::custom(|_| ApiError::Internal("a handler panicked".into()).into_response()))
        .layer(middleware::from_fn(security_headers))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let path = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or_else(|| request.uri().path().to_owned(), |p| p.as_str().to_owned());
                    let request_id =
                        request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path,
                        request_id,
                        user_id = tracing::field::Empty,
                    )
                })
                .on_response(|response: &Response, latency: Duration, _span: &tracing::Span| {
                    if response.status().is_server_error() {
                        tracing::warn!(
                            status = response.status().as_u16(),
                            latency_ms = latency.as_millis() as u64,
                            "request failed"
                        );
                    } else {
                        tracing::debug!(
                            status = response.status().as_u16(),
                            latency_us = latency.as_micros() as u64,
                            "request done"
                        );
                    }
                }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    Ok(app)
}

/// Process is up.
async fn healthz() -> Json<HealthStatus> {
    Json(HealthStatus { status: "ok".to_owned(), checks: Default::default() })
}

/// Ready to serve: the database (and Redis, when configured) answer within 2 s.
async fn readyz(State(probes): State<Probes>) -> Response {
    let mut checks = std::collections::BTreeMap::new();
    let mut ready = true;
    let database = tokio::time::timeout(Duration::from_secs(2), probes.state.store.ping()).await;
    match database {
        Ok(Ok(())) => {
            checks.insert("database".to_owned(), "ok".to_owned());
        }
        Ok(Err(err)) => {
            ready = false;
            checks.insert("database".to_owned(), format!("unreachable: {err}"));
        }
        Err(_) => {
            ready = false;
            checks.insert("database".to_owned(), "no answer within 2 s".to_owned());
        }
    }
    if let Some(mut redis) = probes.redis.clone() {
        let ping =
            tokio::time::timeout(Duration::from_secs(2), redis::cmd("PING").query_async::<String>(&mut redis)).await;
        let status = match ping {
            Ok(Ok(_)) => "ok".to_owned(),
            Ok(Err(err)) => format!("unreachable: {err}"),
            Err(_) => "no answer within 2 s".to_owned(),
        };
        ready &= status == "ok";
        checks.insert("redis".to_owned(), status);
    }
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = HealthStatus { status: if ready { "ok" } else { "unavailable" }.to_owned(), checks };
    (status, Json(body)).into_response()
}

/// Prometheus text format.
async fn metrics(State(probes): State<Probes>) -> Response {
    metrics::gauge!("fair_directory_exhibitors").set(probes.state.directory.current().len() as f64);
    let mut response = probes.metrics.render().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    response
}

async fn record_metrics(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let path = request.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_owned();
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("fair_http_requests_total", "method" => method.clone(), "path" => path.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("fair_http_request_duration_seconds", "method" => method, "path" => path)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The timeout layer answers 408 with an empty body: give it the API's error shape.
async fn timeout_body(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::REQUEST_TIMEOUT || response.headers().contains_key(header::CONTENT_TYPE) {
        return response;
    }
    let body = fair_api_types::ErrorBody {
        code: "timeout".to_owned(),
        message: "the request took longer than 30 s; work already started may still complete".to_owned(),
        fields: Vec::new(),
    };
    (StatusCode::REQUEST_TIMEOUT, Json(body)).into_response()
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.entry(header::X_CONTENT_TYPE_OPTIONS).or_insert(HeaderValue::from_static("nosniff"));
    headers.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.entry(header::X_FRAME_OPTIONS).or_insert(HeaderValue::from_static("DENY"));
    response
}

/// The single-page app: files from `web_dir`, `index.html` for every other path
/// (client-side routes); JSON 404s under `/api`.
async fn serve_web(web_dir: PathBuf, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::NotFound("route").into_response();
    }
    let index = web_dir.join("index.html");
    if !index.exists() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "The web app is not built. Run: npm --prefix web ci && npm --prefix web run build",
        )
            .into_response();
    }
    let service = ServeDir::new(&web_dir).fallback(ServeFile::new(&index));
    let mut response = match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(err) => return ApiError::internal(err).into_response(),
    };
    let headers = response.headers_mut();
    // Vite names built assets by content hash: cache them for good; never cache the shell.
    let cache = if path.starts_with("/assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; \
             script-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'",
        ),
    );
    response
}
