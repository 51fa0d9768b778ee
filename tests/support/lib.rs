//! Test harness: the real `fair` app on port 0 with a fresh database per test (a
//! temporary SQLite file, or a fresh PostgreSQL database named by UUID when
//! `FAIR_TEST_DATABASE_URL` is set), driven over HTTP with `reqwest`.
//!
//! Silent unless `TEST_LOG=1`.

use std::net::SocketAddr;
use std::sync::{Once, OnceLock};
use std::time::Duration;

use anyhow::Context;
use fair_server::{App, Settings};
use fair_store::Store;
use fair_store::entities::user;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

pub mod ws;

pub use reqwest::Client;

/// The password every test user gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// One Argon2id hash of [`PASSWORD`] for every test user (hashing is slow on purpose).
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| fair_accounts::passwords::hash_blocking(PASSWORD).expect("hash")).clone()
}

fn init_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            let _ = tracing_subscriber::fmt().with_env_filter("info,fair=debug").with_test_writer().try_init();
        }
    });
}

/// A PostgreSQL database that exists for one test and is dropped after it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs outside any runtime we may block: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(db) = Database::connect(admin_url).await {
                    let _ = db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                    let _ = db.close().await;
                }
            });
        })
        .join();
    }
}

/// Replaces the database name of a postgres URL.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match base.rfind('/') {
        Some(slash) if base[..slash].contains("://") && slash > base.find("://").unwrap_or(0) + 2 => &base[..slash],
        _ => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

pub struct TestApp {
    pub address: SocketAddr,
    pub base: String,
    pub store: Store,
    pub data_dir: TempDir,
    database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
    _pg: Option<PgDatabase>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns the app after letting the test adjust its settings.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> Self {
        init_logs();
        let data_dir = tempfile::tempdir().expect("temporary directory");
        let (database_url, pg) = match std::env::var("FAIR_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("fair_test_{}", Uuid::new_v4().simple());
                let admin =
                    Database::connect(admin_url.clone()).await.expect("FAIR_TEST_DATABASE_URL must be reachable");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create the test database");
                admin.close().await.ok();
                (with_database(&admin_url, &name), Some(PgDatabase { admin_url, name }))
            }
            _ => (format!("sqlite://{}?mode=rwc", data_dir.path().join("fair.db").display()), None),
        };
        let mut settings = Settings {
            bind: "127.0.0.1:0".parse().expect("address"),
            database_url: Some(database_url.clone()),
            data_dir: data_dir.path().to_path_buf(),
            web_dir: data_dir.path().join("no-web"),
            database_max_connections: 4,
            directory_poll_seconds: 1,
            shutdown_grace_seconds: 5,
            ..Settings::default()
        };
        adjust(&mut settings);
        let database_url = settings.effective_database_url();
        let app = App::build(settings).await.expect("the app builds");
        let address = app.local_addr();
        let store = app.state().store.clone();
        let (shutdown, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until_stopped(async move {
            let _ = stopped.await;
        }));
        Self {
            address,
            base: format!("http://{address}"),
            store,
            data_dir,
            database_url,
            shutdown: Some(shutdown),
            server: Some(server),
            _pg: pg,
        }
    }

    /// The database URL this app runs on (for a second instance on the same database).
    pub fn store_url(&self) -> String {
        self.database_url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client with its own cookie jar (one browser).
    pub fn client(&self) -> Client {
        Client::builder().cookie_store(true).build().expect("http client")
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(Duration::from_secs(20), server).await;
        }
    }

    /// Creates a user straight in the database.
    pub async fn create_user(&self, role: &str, organisation: Option<Uuid>, staff_role: Option<&str>) -> String {
        let email = format!("{role}-{}@test.example", Uuid::new_v4().simple());
        let now = chrono::Utc::now();
        self.store
            .insert_user(user::Model {
                id: Uuid::now_v7(),
                email: email.clone(),
                display_name: format!("Test {role}"),
                password_hash: password_hash(),
                role: role.to_owned(),
                organisation_id: organisation,
                staff_role: staff_role.map(str::to_owned),
                preferred_language: "vi".to_owned(),
                time_zone: "Asia/Ho_Chi_Minh".to_owned(),
                disabled: false,
                presence_visible: false,
                created_at: now,
                updated_at: now,
            })
            .await
            .expect("insert user");
        email
    }

    /// A signed-in client.
    pub async fn login(&self, email: &str) -> Client {
        let client = self.client();
        let response = client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .expect("login request");
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "login of {email}: {}",
            response.text().await.unwrap_or_default()
        );
        client
    }

    /// A session token for `email`, written straight into the database (for
    /// websocket clients, which send it as the cookie).
    pub async fn session_token(&self, email: &str) -> String {
        let user = self.store.user_by_email(email).await.expect("lookup").expect("user exists");
        let token = fair_http::new_token();
        let now = chrono::Utc::now();
        self.store
            .insert_session(fair_store::entities::session::Model {
                token_hash: fair_http::hash_token(&token),
                user_id: user.id,
                created_at: now,
                expires_at: now + chrono::Duration::days(1),
                last_seen_at: now,
                user_agent: None,
                ip: None,
            })
            .await
            .expect("insert session");
        token
    }

    /// A signed-in client without the cost of a password check: a session is
    /// written straight into the database (for tests that need hundreds of users).
    pub async fn session_for(&self, email: &str) -> Client {
        let user = self.store.user_by_email(email).await.expect("lookup").expect("user exists");
        let token = fair_http::new_token();
        let now = chrono::Utc::now();
        self.store
            .insert_session(fair_store::entities::session::Model {
                token_hash: fair_http::hash_token(&token),
                user_id: user.id,
                created_at: now,
                expires_at: now + chrono::Duration::days(1),
                last_seen_at: now,
                user_agent: None,
                ip: None,
            })
            .await
            .expect("insert session");
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::COOKIE,
            reqwest::header::HeaderValue::from_str(&format!("fair_session={token}")).expect("header"),
        );
        Client::builder().default_headers(headers).build().expect("http client")
    }

    /// Sets the fair up: one day of `slots` 30-minute slots from 09:00 Hanoi time and
    /// `tables` tables; returns the slot ids in order.
    pub async fn setup_fair(&self, organiser: &Client, slots: u32, tables: u32) -> Vec<Uuid> {
        let closes = 9 * 60 + 30 * slots;
        let body = json!({
            "name": "Hội chợ thử nghiệm", "time_zone": "Asia/Ho_Chi_Minh", "slot_minutes": 30,
            "buyer_min_meetings": 2, "buyer_max_meetings": 6, "supplier_min_meetings": 0, "supplier_max_meetings": 12,
            "request_ttl_hours": 48,
            "days": [{"date": "2026-12-08", "opens_at": "09:00", "closes_at": format!("{:02}:{:02}", closes / 60, closes % 60), "breaks": []}]
        });
        let (status, fair) = send(organiser.put(self.url("/api/v1/fair")).json(&body)).await;
        assert_eq!(status, StatusCode::OK, "{fair}");
        for table in 0..tables {
            let (status, body) = send(
                organiser
                    .post(self.url("/api/v1/fair/tables"))
                    .json(&json!({"hall": "A", "label": format!("A-{:02}", table + 1)})),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
        fair["slots"].as_array().expect("slots").iter().map(id_of).collect()
    }

    pub async fn organiser(&self) -> Client {
        let email = self.create_user("organiser", None, None).await;
        self.login(&email).await
    }

    /// Creates a published exhibitor through the API; returns its id and slug.
    pub async fn create_exhibitor(&self, organiser: &Client, name: &str) -> (Uuid, String) {
        let body = json!({"profile": exhibitor_profile(name)});
        let response = organiser.post(self.url("/api/v1/exhibitors")).json(&body).send().await.expect("request");
        let status = response.status();
        let value: Value = response.json().await.expect("json");
        assert_eq!(status, StatusCode::CREATED, "{value}");
        (
            value["id"].as_str().and_then(|s| s.parse().ok()).expect("id"),
            value["slug"].as_str().expect("slug").to_owned(),
        )
    }

    /// Creates a buyer company through the API; returns its id.
    pub async fn create_buyer(&self, organiser: &Client, name: &str, country: &str) -> Uuid {
        let response =
            organiser.post(self.url("/api/v1/buyers")).json(&buyer_input(name, country)).send().await.expect("request");
        let status = response.status();
        let value: Value = response.json().await.expect("json");
        assert_eq!(status, StatusCode::CREATED, "{value}");
        value["id"].as_str().and_then(|s| s.parse().ok()).expect("id")
    }

    /// Polls `check` until it returns `Some`, up to `timeout`.
    pub async fn eventually<T, F, Fut>(&self, timeout: Duration, mut check: F) -> anyhow::Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(value) = check().await {
                return Ok(value);
            }
            if tokio::time::Instant::now() > deadline {
                return Err(anyhow::anyhow!("condition not met within {timeout:?}"));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// A valid exhibitor profile body.
pub fn exhibitor_profile(name: &str) -> Value {
    json!({
        "name": name,
        "name_en": format!("{name} Co., Ltd"),
        "province": "ha-noi",
        "industrial_park": "thang-long",
        "business_type": "manufacturer",
        "employees": 80,
        "export_markets": ["JP"],
        "languages": ["vi", "en"],
        "headline": {"vi": "Nhà sản xuất linh kiện"},
        "about": {"vi": "Giới thiệu công ty"},
        "published": true
    })
}

pub fn buyer_input(name: &str, country: &str) -> Value {
    json!({
        "company_name": name,
        "country": country,
        "time_zone": "Asia/Tokyo",
        "languages": ["ja", "en"],
        "industry": "motorcycle assembly"
    })
}

pub fn product_input(name_vi: &str, group: &str, processes: &[&str]) -> Value {
    json!({
        "name": {"vi": name_vi},
        "product_group": group,
        "processes": processes,
        "materials": ["ABS"],
        "moq": 1000,
        "unit": "pcs",
        "tolerance_um": 20
    })
}

/// Sends a request and returns status and JSON body (Null if none).
pub async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request");
    let status = response.status();
    let text = response.text().await.expect("body");
    let value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, value)
}

pub fn id_of(value: &Value) -> Uuid {
    value["id"].as_str().and_then(|s| s.parse().ok()).with_context(|| format!("no id in {value}")).expect("id")
}
