//! Configuration: compiled defaults, then an optional TOML file, then `FAIR_*`
//! environment variables, then command-line flags; later sources win. Every
//! subcommand reads the same settings.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// `sqlite://…` or `postgres://…`; default: a SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// Redis for running several instances; none by default.
    pub redis_url: Option<String>,
    /// Where the SQLite file and uploads live.
    pub data_dir: PathBuf,
    /// The built web app (`web/dist`).
    pub web_dir: PathBuf,
    /// Public origin, e.g. `https://fair.example.vn`: used in links sent to people, and
    /// `https` here marks the session cookie Secure.
    pub public_url: Option<String>,
    /// Apply pending migrations when the server starts.
    pub migrate_on_start: bool,
    pub log_format: LogFormat,
    /// A `tracing` filter, e.g. `info` or `info,fair_booths=debug`.
    pub log_filter: String,
    /// Trust `X-Forwarded-For` (only behind a reverse proxy that sets it).
    pub trust_forwarded_headers: bool,
    pub database_max_connections: u32,
    /// How often each instance checks whether another changed the directory.
    pub directory_poll_seconds: u64,
    /// How long in-flight requests get to finish at shutdown.
    pub shutdown_grace_seconds: u64,
    /// Prefix of every Redis key and channel (several fairs, or tests, share one Redis).
    pub redis_prefix: String,
    /// Live connections one instance accepts (more get 503).
    pub live_max_connections: usize,
    /// Messages per second one live connection may send, sustained and in a burst.
    pub live_rate_per_second: f64,
    pub live_rate_burst: f64,
    /// Seconds an unauthenticated live connection gets to send `auth` or `hello`.
    pub live_auth_timeout_seconds: u64,
    /// Seconds between the server's pings on a live connection; a connection silent
    /// for three of them is closed, and a signed-in one has its session checked every
    /// three (signing out ends it).
    pub live_heartbeat_seconds: u64,
    /// With Redis: seconds a dead instance's people stay in presence (each live
    /// instance refreshes its own every third of it).
    pub live_presence_ttl_seconds: u64,
    /// STUN servers for calls, comma-separated (`stun:stun.example.vn:3478`).
    pub live_stun_urls: String,
    /// TURN servers for calls, comma-separated (`turn:turn.example.vn:3478`,
    /// `turns:turn.example.vn:5349`); each signed-in user gets credentials of their
    /// own from `live_turn_secret`.
    pub live_turn_urls: String,
    /// The TURN server's shared secret (coturn: `use-auth-secret`, `static-auth-secret`).
    pub live_turn_secret: Option<String>,
    /// How long a user's TURN credentials work.
    pub live_turn_ttl_seconds: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            redis_url: None,
            data_dir: PathBuf::from("data"),
            web_dir: PathBuf::from("web/dist"),
            public_url: None,
            migrate_on_start: true,
            log_format: LogFormat::Text,
            log_filter: "info".to_owned(),
            trust_forwarded_headers: false,
            database_max_connections: 16,
            directory_poll_seconds: 2,
            shutdown_grace_seconds: 20,
            redis_prefix: "fair".to_owned(),
            live_max_connections: 100_000,
            live_rate_per_second: 20.0,
            live_rate_burst: 40.0,
            live_auth_timeout_seconds: 10,
            live_heartbeat_seconds: 20,
            live_presence_ttl_seconds: 15,
            live_stun_urls: String::new(),
            live_turn_urls: String::new(),
            live_turn_secret: None,
            live_turn_ttl_seconds: 12 * 3600,
        }
    }
}

/// The settings `FAIR_*` variables may set (others, like `FAIR_TEST_DATABASE_URL`, are
/// for other tools).
const SETTING_KEYS: &[&str] = &[
    "bind",
    "database_url",
    "redis_url",
    "data_dir",
    "web_dir",
    "public_url",
    "migrate_on_start",
    "log_format",
    "log_filter",
    "trust_forwarded_headers",
    "database_max_connections",
    "directory_poll_seconds",
    "shutdown_grace_seconds",
    "redis_prefix",
    "live_max_connections",
    "live_rate_per_second",
    "live_rate_burst",
    "live_auth_timeout_seconds",
    "live_heartbeat_seconds",
    "live_presence_ttl_seconds",
    "live_stun_urls",
    "live_turn_urls",
    "live_turn_secret",
    "live_turn_ttl_seconds",
];

/// The non-empty items of a comma-separated list.
fn url_list(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|url| !url.is_empty())
}

impl Settings {
    /// The live service's limits from these settings (the rest are fixed on purpose).
    pub fn live_config(&self) -> fair_live::LiveConfig {
        fair_live::LiveConfig {
            max_connections: self.live_max_connections,
            rate_per_second: self.live_rate_per_second,
            rate_burst: self.live_rate_burst,
            auth_timeout: std::time::Duration::from_secs(self.live_auth_timeout_seconds.max(1)),
            heartbeat: std::time::Duration::from_secs(self.live_heartbeat_seconds),
            idle_timeout: std::time::Duration::from_secs(self.live_heartbeat_seconds * 3),
            recheck_every: std::time::Duration::from_secs(self.live_heartbeat_seconds * 3),
            ..fair_live::LiveConfig::default()
        }
    }
}

/// Replaces a URL's password with `***`, for logs and `Debug`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("database_url", &self.database_url.as_deref().map(redact_url))
            .field("redis_url", &self.redis_url.as_deref().map(redact_url))
            .field("data_dir", &self.data_dir)
            .field("web_dir", &self.web_dir)
            .field("public_url", &self.public_url)
            .field("migrate_on_start", &self.migrate_on_start)
            .field("log_format", &self.log_format)
            .field("log_filter", &self.log_filter)
            .field("trust_forwarded_headers", &self.trust_forwarded_headers)
            .field("database_max_connections", &self.database_max_connections)
            .field("redis_prefix", &self.redis_prefix)
            .field("live_max_connections", &self.live_max_connections)
            .field("live_stun_urls", &self.live_stun_urls)
            .field("live_turn_urls", &self.live_turn_urls)
            .field("live_turn_secret", &self.live_turn_secret.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

/// Values given on the command line (only those given override).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redis_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migrate_on_start: Option<bool>,
}

impl Settings {
    /// Defaults ← `config` file (or `fair.toml` if present) ← `FAIR_*` ← `overrides`.
    pub fn load(config: Option<&Path>, overrides: &Overrides) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match config {
            Some(path) => {
                if !path.exists() {
                    bail!("config file {} does not exist", path.display());
                }
                figment = figment.merge(Toml::file(path));
            }
            None if Path::new("fair.toml").exists() => figment = figment.merge(Toml::file("fair.toml")),
            None => {}
        }
        let settings: Settings = figment
            .merge(Env::prefixed("FAIR_").only(SETTING_KEYS))
            .merge(Serialized::defaults(overrides))
            .extract()
            .context("invalid configuration (check fair.toml and the FAIR_* environment variables)")?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> anyhow::Result<()> {
        if let Some(url) = &self.database_url
            && !(url.starts_with("sqlite:") || url.starts_with("postgres:") || url.starts_with("postgresql:"))
        {
            bail!("FAIR_DATABASE_URL must start with sqlite:// or postgres://, got {}", redact_url(url));
        }
        if let Some(url) = &self.redis_url
            && !(url.starts_with("redis://") || url.starts_with("rediss://"))
        {
            bail!("FAIR_REDIS_URL must start with redis://, got {}", redact_url(url));
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            bail!("FAIR_PUBLIC_URL must start with http:// or https://");
        }
        if self.database_max_connections == 0 {
            bail!("FAIR_DATABASE_MAX_CONNECTIONS must be at least 1");
        }
        if self.redis_prefix.is_empty()
            || !self.redis_prefix.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            bail!("FAIR_REDIS_PREFIX must be letters, digits, '-', '_' or '.'");
        }
        if self.live_max_connections == 0 {
            bail!("FAIR_LIVE_MAX_CONNECTIONS must be at least 1");
        }
        if !(self.live_rate_per_second > 0.0 && self.live_rate_burst >= 1.0) {
            bail!("FAIR_LIVE_RATE_PER_SECOND must be above 0 and FAIR_LIVE_RATE_BURST at least 1");
        }
        if !(1..=300).contains(&self.live_heartbeat_seconds) {
            bail!("FAIR_LIVE_HEARTBEAT_SECONDS must be between 1 and 300");
        }
        if !(3..=3600).contains(&self.live_presence_ttl_seconds) {
            bail!("FAIR_LIVE_PRESENCE_TTL_SECONDS must be 3 to 3600");
        }
        for url in url_list(&self.live_stun_urls) {
            if !fair_live::ice::valid_url(url, &["stun", "stuns"]) {
                bail!("FAIR_LIVE_STUN_URLS: {url:?} is not a stun: or stuns: URL");
            }
        }
        for url in url_list(&self.live_turn_urls) {
            if !fair_live::ice::valid_url(url, &["turn", "turns"]) {
                bail!("FAIR_LIVE_TURN_URLS: {url:?} is not a turn: or turns: URL");
            }
        }
        if url_list(&self.live_turn_urls).next().is_some()
            != self.live_turn_secret.as_deref().is_some_and(|s| !s.is_empty())
        {
            bail!("FAIR_LIVE_TURN_URLS and FAIR_LIVE_TURN_SECRET go together: set both or neither");
        }
        if !(60..=7 * 86_400).contains(&self.live_turn_ttl_seconds) {
            bail!("FAIR_LIVE_TURN_TTL_SECONDS must be 60 to 604800 (a week)");
        }
        Ok(())
    }

    /// The database URL in effect: the configured one or the SQLite file in `data_dir`.
    pub fn effective_database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("fair.db").display()))
    }

    pub fn uploads_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
    }

    /// STUN/TURN servers for the browsers' calls.
    pub fn ice_config(&self) -> fair_live::ice::IceConfig {
        fair_live::ice::IceConfig {
            stun_urls: url_list(&self.live_stun_urls).map(str::to_owned).collect(),
            turn_urls: url_list(&self.live_turn_urls).map(str::to_owned).collect(),
            turn_secret: self.live_turn_secret.clone().filter(|s| !s.is_empty()),
            turn_ttl: chrono::Duration::seconds(i64::try_from(self.live_turn_ttl_seconds).unwrap_or(i64::MAX)),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ice_servers_are_checked() {
        let turn = Settings {
            live_turn_urls: "turn:turn.example.vn:3478".to_owned(),
            live_turn_secret: Some("s3cret".to_owned()),
            ..Settings::default()
        };
        assert!(turn.check().is_ok());
        assert!(!format!("{turn:?}").contains("s3cret"), "the secret never shows");
        let no_secret = Settings { live_turn_secret: None, ..turn.clone() };
        assert!(no_secret.check().unwrap_err().to_string().contains("go together"));
        let bad = Settings { live_stun_urls: "https://stun.example.vn".to_owned(), ..Settings::default() };
        assert!(bad.check().unwrap_err().to_string().contains("FAIR_LIVE_STUN_URLS"));
        let ice = turn.ice_config();
        assert_eq!((ice.turn_urls.len(), ice.turn_ttl.num_hours()), (1, 12));
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(redact_url("postgres://fair:s3cret@db:5432/fair"), "postgres://fair:***@db:5432/fair");
        assert_eq!(redact_url("postgres://db/fair"), "postgres://db/fair");
        let settings = Settings { database_url: Some("postgres://u:pw@h/d".to_owned()), ..Settings::default() };
        assert!(!format!("{settings:?}").contains("pw"));
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API returns its own large error
    fn layers_apply_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("custom.toml", "bind = \"127.0.0.1:9000\"\nlog_filter = \"debug\"\n")?;
            jail.set_env("FAIR_BIND", "127.0.0.1:9100");
            let from_env = Settings::load(Some(Path::new("custom.toml")), &Overrides::default()).unwrap();
            assert_eq!(from_env.bind.port(), 9100);
            assert_eq!(from_env.log_filter, "debug");
            let flags = Overrides { bind: Some("127.0.0.1:9200".parse().unwrap()), ..Overrides::default() };
            assert_eq!(Settings::load(Some(Path::new("custom.toml")), &flags).unwrap().bind.port(), 9200);
            jail.set_env("FAIR_DATABASE_URL", "mysql://x");
            assert!(Settings::load(None, &Overrides::default()).is_err());
            Ok(())
        });
    }
}
