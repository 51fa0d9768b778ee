//! The servers under test, as child processes: `fair serve` (release build, settings
//! through `FAIR_*`) and the `ws` peer (`node ws-peer/server.js`), each pinned to the
//! server core with its open-file limit raised.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::sys::{Proc, free_port, pinned_command};

/// What every server start shares.
#[derive(Clone, Debug)]
pub struct Launcher {
    pub fair_bin: PathBuf,
    pub node: String,
    pub peer_dir: PathBuf,
    /// Seeded data directory (SQLite file and uploads), shared by every `fair` start.
    pub data_dir: PathBuf,
    /// Where logs go.
    pub work_dir: PathBuf,
    pub core: usize,
    pub nofile: u64,
    pub nice: i32,
}

/// Redis for several instances: URL and this run's key prefix.
#[derive(Clone, Debug)]
pub struct RedisSettings {
    pub url: String,
    pub prefix: String,
}

impl Launcher {
    /// `FAIR_*` for a child, and nothing inherited that could change its settings.
    fn fair_command(&self, program_args: &[&str]) -> Command {
        let mut command = pinned_command(&self.fair_bin, self.core, self.nofile, self.nice);
        command.args(program_args);
        for (key, _) in std::env::vars() {
            if key.starts_with("FAIR_") {
                command.env_remove(key);
            }
        }
        command
            .current_dir(&self.work_dir)
            .env("FAIR_DATA_DIR", &self.data_dir)
            .env("FAIR_WEB_DIR", self.work_dir.join("no-web"))
            .env("FAIR_LOG_FILTER", "warn");
        command
    }

    /// `fair seed --demo` into the data directory.
    pub fn seed(&self, seed: u64) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let output = self
            .fair_command(&["seed", "--demo", "--quiet", "--seed", &seed.to_string()])
            .stdin(Stdio::null())
            .output()
            .context("running fair seed --demo")?;
        if !output.status.success() {
            bail!(
                "fair seed --demo failed ({}):\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(started.elapsed())
    }

    /// `fair serve` on a free loopback port; ready once `/healthz` answers.
    pub async fn start_fair(
        &self,
        name: &str,
        max_connections: usize,
        redis: Option<&RedisSettings>,
    ) -> anyhow::Result<Proc> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, free_port()?));
        let mut command = self.fair_command(&["serve"]);
        command
            .env("FAIR_BIND", addr.to_string())
            .env("FAIR_LIVE_MAX_CONNECTIONS", max_connections.to_string())
            // The publisher sends far above a person's 20 messages a second.
            .env("FAIR_LIVE_RATE_PER_SECOND", "100000")
            .env("FAIR_LIVE_RATE_BURST", "100000");
        if let Some(redis) = redis {
            command.env("FAIR_REDIS_URL", &redis.url).env("FAIR_REDIS_PREFIX", &redis.prefix);
        }
        let log = self.work_dir.join(format!("{name}.log"));
        let mut proc = Proc::spawn(name, command, addr, &log)?;
        proc.wait_listening(Duration::from_secs(120)).await?;
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(response) = http.get(format!("http://{addr}/healthz")).send().await
                && response.status().is_success()
            {
                return Ok(proc);
            }
            if let Some(status) = proc.exited() {
                bail!("{name} exited ({status}); its log:\n{}", proc.log_tail());
            }
            if Instant::now() > deadline {
                bail!("{name} did not answer /healthz; its log:\n{}", proc.log_tail());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Installs the peer's dependencies (`npm ci`) when `node_modules` is missing.
    pub fn prepare_peer(&self) -> anyhow::Result<()> {
        if self.peer_dir.join("node_modules").join("ws").exists() {
            return Ok(());
        }
        progress!("installing the ws peer's dependencies (npm ci in {})", self.peer_dir.display());
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&self.peer_dir)
            .stdout(Stdio::null())
            .status()
            .context("running npm ci for the ws peer")?;
        if !status.success() {
            bail!("npm ci failed in {}", self.peer_dir.display());
        }
        Ok(())
    }

    /// `node server.js` on a free loopback port.
    pub async fn start_peer(&self, name: &str) -> anyhow::Result<Proc> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, free_port()?));
        let node = which(&self.node).with_context(|| format!("{} not found on PATH", self.node))?;
        let mut command = pinned_command(&node, self.core, self.nofile, self.nice);
        command.arg("server.js").current_dir(&self.peer_dir).env("PORT", addr.port().to_string());
        let log = self.work_dir.join(format!("{name}.log"));
        let mut proc = Proc::spawn(name, command, addr, &log)?;
        proc.wait_listening(Duration::from_secs(30)).await?;
        Ok(proc)
    }

    /// `node --version`, for the report.
    pub fn node_version(&self) -> String {
        Command::new(&self.node)
            .arg("--version")
            .output()
            .ok()
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// The `ws` version the peer runs, from its lock file.
    pub fn ws_version(&self) -> String {
        let lock = std::fs::read_to_string(self.peer_dir.join("node_modules/ws/package.json")).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&lock)
            .ok()
            .and_then(|v| v["version"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// A program on PATH (or a path as given).
fn which(program: &str) -> Option<PathBuf> {
    let path = Path::new(program);
    if path.components().count() > 1 {
        return path.exists().then(|| path.to_path_buf());
    }
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(program)).find(|p| p.is_file())
}
