//! The live service under load, on loopback: memory per idle connection, room
//! fan-out latency and cost, booth-presence churn, and the cost of a second
//! instance behind Redis, each against a minimal Node.js `ws` broadcast server
//! measured the same way in the same run. Not a test: it prints figures.
//!
//! ```sh
//! cargo build --release -p fair-server -p fair-bench
//! target/release/bench-live            # about 8 minutes; --quick for a smoke run
//! ```
//!
//! The servers (`fair serve`, release build, next to this binary; `node
//! crates/fair-bench/ws-peer/server.js`) run as child processes pinned to core 0 with
//! `prlimit --nofile=N:N taskset -c 0 …`; the generator pins its own threads to
//! core 1 (`taskset -a -p -c 1 <pid>`, before its runtime starts) and raises its own
//! open-file limit to the hard limit (`prlimit --pid <pid>`); no `unsafe`, no libc
//! binding. Client sockets are bound to 127.0.0.2, 127.0.0.3, … before connecting,
//! so tens of thousands of connections do not run out of ephemeral ports. Every
//! child is killed when the benchmark returns, fails or is interrupted (Ctrl-C).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Parser;

/// Progress on standard error, with the time since the start.
macro_rules! progress {
    ($($arg:tt)*) => {
        eprintln!("[{:>6.1}s] {}", $crate::sys::epoch().elapsed().as_secs_f64(), format!($($arg)*))
    };
}

#[path = "bench-live/churn.rs"]
mod churn;
#[path = "bench-live/client.rs"]
mod client;
#[path = "bench-live/fanout.rs"]
mod fanout;
#[path = "bench-live/memory.rs"]
mod memory;
#[path = "bench-live/report.rs"]
mod report;
#[path = "bench-live/servers.rs"]
mod servers;
#[path = "bench-live/sys.rs"]
mod sys;

use client::{Sources, Target};
use servers::{Launcher, RedisSettings};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PriorityMode {
    Realtime,
    Nice,
    None,
}

#[derive(Clone, Debug, Parser)]
#[command(about = "Load generator for the live service (websocket), against a Node.js ws peer")]
pub struct Args {
    /// A short smoke run (small sizes, a few seconds each).
    #[arg(long)]
    quick: bool,
    /// Phases to run.
    #[arg(long, value_delimiter = ',', default_value = "memory,fanout,churn,cross")]
    phases: Vec<String>,
    /// Idle connections for the memory figures (capped by the open-file limit).
    #[arg(long, value_delimiter = ',', default_value = "10000,50000")]
    idle_sizes: Vec<usize>,
    /// Skip the breakdown of idle memory (HTTP keep-alive connections, no upgrade).
    #[arg(long)]
    no_breakdown: bool,
    /// Subscribers per room for the fan-out.
    #[arg(long, value_delimiter = ',', default_value = "100,1000,10000")]
    fanout_sizes: Vec<usize>,
    /// Sizes at which fair is also measured through a booth watch (organisers
    /// watching a booth, one new visitor entering it per message): a room's join
    /// answer lists every member, which caps rooms below these sizes.
    #[arg(long, value_delimiter = ',', default_value = "10000")]
    watch_sizes: Vec<usize>,
    /// Chat messages per second, one per fan-out size (or one for all)
    /// [default: min(100, 50,000 ÷ subscribers)].
    #[arg(long, value_delimiter = ',')]
    publish_rates: Vec<f64>,
    /// Measured seconds of each fan-out (after the warm-up).
    #[arg(long, default_value_t = 10.0)]
    fanout_seconds: f64,
    #[arg(long, default_value_t = 2.0)]
    warmup_seconds: f64,
    /// Length of each chat text.
    #[arg(long, default_value_t = 64)]
    chat_bytes: usize,
    /// Subscribers joining at once while a room fills.
    #[arg(long, default_value_t = 32)]
    join_concurrency: usize,
    /// Most seconds a room may take to fill.
    #[arg(long, default_value_t = 400)]
    fill_timeout: u64,
    /// Connections opened at once (idle and churn populations).
    #[arg(long, default_value_t = 128)]
    connect_concurrency: usize,
    /// Booths the churn spreads over.
    #[arg(long, default_value_t = 200)]
    churn_booths: usize,
    /// Visitors standing at the booths while the churn runs.
    #[arg(long, default_value_t = 1000)]
    churn_population: usize,
    /// Connects per second (and as many disconnects).
    #[arg(long, default_value_t = 200.0)]
    churn_rate: f64,
    #[arg(long, default_value_t = 10.0)]
    churn_seconds: f64,
    /// Subscribers for the cross-instance fan-out (split over two instances).
    #[arg(long, value_delimiter = ',', default_value = "100,1000")]
    cross_sizes: Vec<usize>,
    #[arg(long, default_value = "redis://127.0.0.1:6379")]
    redis_url: String,
    /// Do not run the Node.js ws peer.
    #[arg(long)]
    no_peer: bool,
    #[arg(long, default_value = "node")]
    node: String,
    /// The `fair` binary [default: next to this one].
    #[arg(long)]
    fair_bin: Option<PathBuf>,
    /// Loopback source addresses for client sockets (127.0.0.2 onwards).
    #[arg(long, default_value_t = 16)]
    source_addresses: usize,
    #[arg(long, default_value_t = 0)]
    server_core: usize,
    #[arg(long, default_value_t = 1)]
    generator_core: usize,
    /// Scheduling of the servers and the generator: on a shared machine other work
    /// otherwise takes their cores whenever it likes. `realtime`: SCHED_RR priority 1
    /// (`chrt`); `nice`: the nice value of `--nice`; `none`.
    #[arg(long, value_enum, default_value = "realtime")]
    priority: PriorityMode,
    /// The nice value for `--priority nice` (negative needs CAP_SYS_NICE).
    #[arg(long, default_value_t = -20, allow_negative_numbers = true)]
    nice: i32,
    /// Do not pin the generator (the servers are pinned regardless).
    #[arg(long)]
    no_pin: bool,
    /// Demo seed.
    #[arg(long, default_value_t = 35)]
    seed: u64,
}

impl Args {
    /// `--quick`: short sizes and durations for every flag left at its default.
    fn apply_quick(&mut self, matches: &clap::ArgMatches) {
        if !self.quick {
            return;
        }
        let default = |id: &str| matches.value_source(id) == Some(clap::parser::ValueSource::DefaultValue);
        if default("idle_sizes") {
            self.idle_sizes = vec![2000];
        }
        if default("fanout_sizes") {
            self.fanout_sizes = vec![100, 1000];
        }
        if default("watch_sizes") {
            self.watch_sizes = vec![1000];
        }
        if default("fanout_seconds") {
            self.fanout_seconds = 3.0;
        }
        if default("warmup_seconds") {
            self.warmup_seconds = 1.0;
        }
        if default("churn_population") {
            self.churn_population = 200;
        }
        if default("churn_rate") {
            self.churn_rate = 100.0;
        }
        if default("churn_seconds") {
            self.churn_seconds = 3.0;
        }
        if default("cross_sizes") {
            self.cross_sizes = vec![100];
        }
    }

    fn phase(&self, name: &str) -> bool {
        self.phases.iter().any(|p| p == name)
    }

    fn rate_for(&self, index: usize, subscribers: usize) -> f64 {
        match self.publish_rates.as_slice() {
            [] => (50_000.0 / subscribers.max(1) as f64).clamp(1.0, 100.0),
            [one] => *one,
            rates => rates.get(index).copied().unwrap_or(rates[rates.len() - 1]),
        }
    }

    fn fanout_spec(&self, subscribers: usize, rate: f64) -> fanout::Spec {
        fanout::Spec {
            subscribers,
            rate,
            warmup: Duration::from_secs_f64(self.warmup_seconds),
            duration: Duration::from_secs_f64(self.fanout_seconds),
            chat_bytes: self.chat_bytes,
            join_concurrency: self.join_concurrency,
            fill_timeout: Duration::from_secs(self.fill_timeout),
        }
    }
}

fn main() -> ExitCode {
    let matches = <Args as clap::CommandFactory>::command().get_matches();
    let mut args = match <Args as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(args) => args,
        Err(err) => err.exit(),
    };
    args.apply_quick(&matches);
    sys::epoch();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if !args.no_pin {
        if cores > args.generator_core && cores > args.server_core && args.generator_core != args.server_core {
            if let Err(err) = sys::pin_self(args.generator_core) {
                eprintln!("error: {err:#}");
                return ExitCode::FAILURE;
            }
        } else {
            progress!("only {cores} core(s): the generator is not pinned apart from the servers");
        }
    }
    let priority = match args.priority {
        PriorityMode::None => None,
        PriorityMode::Realtime => match sys::Priority::realtime() {
            Ok(priority) => Some(priority),
            Err(err) => {
                eprintln!("error: {err:#} (or pass --priority nice or none)");
                return ExitCode::FAILURE;
            }
        },
        PriorityMode::Nice => match sys::Priority::raise(args.nice) {
            Ok((priority, how)) => {
                progress!("scheduling priority: nice {} for {how}", args.nice);
                Some(priority)
            }
            Err(err) => {
                eprintln!("error: {err:#} (or pass --priority none)");
                return ExitCode::FAILURE;
            }
        },
    };
    let nofile = match sys::raise_nofile() {
        Ok(limit) => limit,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        tokio::select! {
            result = run(args, cores, nofile) => result,
            _ = tokio::signal::ctrl_c() => Err(anyhow::anyhow!("interrupted; the servers were stopped")),
        }
    });
    // Dropping the runtime drops every task and with them every child process.
    drop(runtime);
    drop(priority);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Everything measured, for the report.
#[derive(Default)]
pub struct Results {
    pub idle: Vec<IdleRow>,
    pub fanout: Vec<FanoutRow>,
    pub churn: Option<churn::ChurnResult>,
    pub cross: Vec<CrossRow>,
    pub notes: Vec<String>,
}

pub struct IdleRow {
    pub server: &'static str,
    pub kind: memory::Idle,
    pub requested: usize,
    pub result: memory::IdleResult,
}

pub struct FanoutRow {
    pub server: &'static str,
    /// "room chat" or "booth watch".
    pub path: &'static str,
    pub result: fanout::FanoutResult,
}

pub enum CrossRow {
    Measured { single: Box<fanout::FanoutResult>, cross: Box<fanout::FanoutResult>, probe: Duration },
    Pending { subscribers: usize, reason: String },
}

/// The run's context, for the report's header.
pub struct RunInfo {
    pub cores: usize,
    pub cpu_model: String,
    pub nofile: u64,
    pub max_idle: usize,
    pub args: Args,
    pub node: String,
    pub ws: String,
    pub seed_seconds: f64,
    pub pinned: String,
}

async fn run(args: Args, cores: usize, nofile: u64) -> anyhow::Result<()> {
    let fair_bin = match &args.fair_bin {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("fair"),
    };
    if !fair_bin.exists() {
        bail!(
            "{} not found: build it with `cargo build --release -p fair-server -p fair-bench` (or pass --fair-bin)",
            fair_bin.display()
        );
    }
    let work = tempfile::Builder::new().prefix("bench-live-").tempdir().context("making a work directory")?;
    let launcher = Launcher {
        fair_bin,
        node: args.node.clone(),
        peer_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ws-peer"),
        data_dir: work.path().join("data"),
        work_dir: work.path().to_path_buf(),
        core: args.server_core,
        nofile,
        nice: if args.priority == PriorityMode::Nice { args.nice } else { 0 },
    };
    let run_id = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    progress!(
        "generator on cores {} (open-file limit {nofile}); servers on core {}; work directory {}",
        sys::allowed_cores(),
        args.server_core,
        work.path().display()
    );
    let peer = !args.no_peer;
    if peer {
        launcher.prepare_peer()?;
    }
    progress!("seeding the demo fair (fair seed --demo)");
    let seed_seconds = launcher.seed(args.seed)?.as_secs_f64();
    progress!("seeded in {seed_seconds:.1} s");

    // Each side of a connection needs a descriptor: keep a margin under the limit.
    let max_idle = (nofile.saturating_sub(500) / 1000 * 1000) as usize;
    let sources = Arc::new(Sources::new(args.source_addresses));
    let mut results = Results::default();

    if args.phase("memory")
        && let Err(err) = memory_phase(&args, &launcher, &sources, max_idle, peer, &run_id, &mut results).await
    {
        progress!("memory phase failed: {err:#}");
        results.notes.push(format!("memory phase failed: {err:#}"));
    }
    if args.phase("fanout")
        && let Err(err) = fanout_phase(&args, &launcher, &sources, peer, &run_id, &mut results).await
    {
        progress!("fan-out phase failed: {err:#}");
        results.notes.push(format!("fan-out phase failed: {err:#}"));
    }
    if args.phase("churn") {
        match churn_phase(&args, &launcher, &sources, &run_id).await {
            Ok(result) => results.churn = Some(result),
            Err(err) => {
                progress!("churn phase failed: {err:#}");
                results.notes.push(format!("churn phase failed: {err:#}"));
            }
        }
    }
    if args.phase("cross")
        && let Err(err) = cross_phase(&args, &launcher, &sources, &run_id, &mut results).await
    {
        progress!("cross-instance phase failed: {err:#}");
        results.notes.push(format!("cross-instance phase failed: {err:#}"));
    }

    let info = RunInfo {
        cores,
        cpu_model: cpu_model(),
        nofile,
        max_idle,
        node: if peer { launcher.node_version() } else { String::new() },
        ws: if peer { launcher.ws_version() } else { String::new() },
        seed_seconds,
        pinned: sys::allowed_cores(),
        args,
    };
    report::print(&info, &results);
    Ok(())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_default()
}

async fn login(server: SocketAddr) -> anyhow::Result<String> {
    let http = reqwest::Client::new();
    client::login(&http, server, "organiser@demo.cnht.vn", fair_seed::DEMO_PASSWORD).await
}

async fn new_room(server: SocketAddr, session: &str, title: &str) -> anyhow::Result<String> {
    let http = reqwest::Client::new();
    client::create_room(&http, server, session, title).await
}

async fn memory_phase(
    args: &Args,
    launcher: &Launcher,
    sources: &Arc<Sources>,
    max_idle: usize,
    peer: bool,
    run_id: &str,
    results: &mut Results,
) -> anyhow::Result<()> {
    for (i, &requested) in args.idle_sizes.iter().enumerate() {
        let n = requested.min(max_idle);
        if n < requested {
            progress!("{requested} idle connections need {requested} descriptors on each side; the limit allows {n}");
        }
        progress!("memory: fair, {n} idle websocket connections");
        let server = launcher.start_fair("fair-idle", n + 1000, None).await?;
        let target = Target { addr: server.addr, session: None };
        let result = memory::measure(
            sources.clone(),
            &target,
            server,
            n,
            memory::Idle::Websocket,
            args.connect_concurrency,
            run_id,
        )
        .await?;
        progress!("  {:.0} bytes per connection", result.rss_per_connection());
        results.idle.push(IdleRow { server: "fair", kind: memory::Idle::Websocket, requested, result });

        if i == 0 && !args.no_breakdown {
            progress!("memory: fair, {n} idle HTTP keep-alive connections (no upgrade)");
            let server = launcher.start_fair("fair-idle-http", n + 1000, None).await?;
            let target = Target { addr: server.addr, session: None };
            let result = memory::measure(
                sources.clone(),
                &target,
                server,
                n,
                memory::Idle::Http,
                args.connect_concurrency,
                run_id,
            )
            .await?;
            progress!("  {:.0} bytes per connection", result.rss_per_connection());
            results.idle.push(IdleRow { server: "fair", kind: memory::Idle::Http, requested, result });
        }

        if peer {
            progress!("memory: ws peer, {n} idle websocket connections");
            let server = launcher.start_peer("peer-idle").await?;
            let target = Target { addr: server.addr, session: None };
            let result = memory::measure(
                sources.clone(),
                &target,
                server,
                n,
                memory::Idle::Websocket,
                args.connect_concurrency,
                run_id,
            )
            .await?;
            progress!("  {:.0} bytes per connection", result.rss_per_connection());
            results.idle.push(IdleRow { server: "ws", kind: memory::Idle::Websocket, requested, result });
        }
    }
    Ok(())
}

/// One fan-out against a fresh single `fair` instance: room chat, or a booth watch.
async fn fair_fanout(
    launcher: &Launcher,
    sources: &Arc<Sources>,
    spec: &fanout::Spec,
    watch: bool,
    run_id: &str,
) -> anyhow::Result<fanout::FanoutResult> {
    let server = launcher.start_fair("fair-fanout", spec.subscribers + 1000, None).await?;
    let session = login(server.addr).await?;
    let target = Target { addr: server.addr, session: Some(session.clone()) };
    let mode = if watch {
        fanout::Mode::BoothWatch(client::some_booth(sources, &target).await?)
    } else {
        fanout::Mode::Room(new_room(server.addr, &session, &format!("bench {} subscribers", spec.subscribers)).await?)
    };
    let result = fanout::run(sources.clone(), &[target], &[server.pid()], &mode, spec, run_id).await;
    // SIGKILL before the subscribers go: 10,000 departures would each be announced
    // to everyone left.
    drop(server);
    result
}

fn fanout_line(name: &str, result: &fanout::FanoutResult) {
    progress!(
        "  {name}: {} of {} delivered, p50 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms; {:.0} deliveries/s, {:.0} per server CPU-s",
        result.delivered,
        result.expected,
        result.ms(0.5),
        result.ms(0.99),
        result.ms(0.999),
        result.deliveries_per_second(),
        result.deliveries_per_cpu_second()
    );
}

async fn fanout_phase(
    args: &Args,
    launcher: &Launcher,
    sources: &Arc<Sources>,
    peer: bool,
    run_id: &str,
    results: &mut Results,
) -> anyhow::Result<()> {
    for (i, &n) in args.fanout_sizes.iter().enumerate() {
        let spec = args.fanout_spec(n, args.rate_for(i, n));
        let mut paths = vec![(false, "room chat")];
        if args.watch_sizes.contains(&n) {
            paths.push((true, "booth watch"));
        }
        for (watch, path) in paths {
            progress!("fan-out: fair, {path}, {n} subscribers, {} messages/s", spec.rate);
            match fair_fanout(launcher, sources, &spec, watch, run_id).await {
                Ok(result) => {
                    fanout_line("fair", &result);
                    results.fanout.push(FanoutRow { server: "fair", path, result });
                }
                Err(err) => {
                    progress!("  failed: {err:#}");
                    results.notes.push(format!("fan-out to {n} on fair ({path}) failed: {err:#}"));
                }
            }
        }
        if peer {
            progress!("fan-out: ws peer, {n} subscribers, {} messages/s", spec.rate);
            let server = launcher.start_peer("peer-fanout").await?;
            let target = Target { addr: server.addr, session: None };
            let mode = fanout::Mode::Room(uuid::Uuid::new_v4().to_string());
            let result = fanout::run(sources.clone(), &[target], &[server.pid()], &mode, &spec, run_id).await;
            drop(server);
            match result {
                Ok(result) => {
                    fanout_line("ws", &result);
                    results.fanout.push(FanoutRow { server: "ws", path: "room chat", result });
                }
                Err(err) => {
                    progress!("  failed: {err:#}");
                    results.notes.push(format!("fan-out to {n} on the ws peer failed: {err:#}"));
                }
            }
        }
    }
    Ok(())
}

async fn churn_phase(
    args: &Args,
    launcher: &Launcher,
    sources: &Arc<Sources>,
    run_id: &str,
) -> anyhow::Result<churn::ChurnResult> {
    progress!(
        "churn: {} visitors at {} booths, {} connects and disconnects per second for {} s",
        args.churn_population,
        args.churn_booths,
        args.churn_rate,
        args.churn_seconds
    );
    let server = launcher.start_fair("fair-churn", 100_000, None).await?;
    let target = Target { addr: server.addr, session: None };
    let spec = churn::Spec {
        booths: args.churn_booths,
        population: args.churn_population,
        rate: args.churn_rate,
        duration: Duration::from_secs_f64(args.churn_seconds),
        concurrency: args.connect_concurrency,
        max_in_flight: 2000,
        convergence_timeout: Duration::from_secs(30),
    };
    let result = churn::run(sources.clone(), &target, server.pid(), &spec, run_id).await?;
    drop(server);
    progress!(
        "  {:.0} connects/s and {:.0} disconnects/s achieved; converged: {:?}",
        result.connects_per_second(),
        result.disconnects_per_second(),
        result.converged
    );
    Ok(result)
}

async fn cross_phase(
    args: &Args,
    launcher: &Launcher,
    sources: &Arc<Sources>,
    run_id: &str,
    results: &mut Results,
) -> anyhow::Result<()> {
    let redis = RedisSettings { url: args.redis_url.clone(), prefix: format!("bench-live-{run_id}") };
    for &n in &args.cross_sizes {
        let index = args.fanout_sizes.iter().position(|&s| s == n).unwrap_or(0);
        let spec = args.fanout_spec(n, args.rate_for(index, n));
        // The single-instance figure to compare with: this run's, or measured now.
        let single = match results.fanout.iter().find(|row| {
            row.server == "fair"
                && row.path == "room chat"
                && row.result.subscribers == n
                && (row.result.rate - spec.rate).abs() < 1e-9
        }) {
            Some(row) => row.result.clone(),
            None => {
                progress!("cross-instance: first the single-instance fan-out to {n}");
                fair_fanout(launcher, sources, &spec, false, run_id).await?
            }
        };
        progress!("cross-instance: {n} subscribers over two instances sharing the SQLite file and Redis");
        let a = launcher.start_fair("fair-a", n + 1000, Some(&redis)).await?;
        let b = launcher.start_fair("fair-b", n + 1000, Some(&redis)).await?;
        let session = login(a.addr).await?;
        let room = new_room(a.addr, &session, &format!("bench cross {n}")).await?;
        let targets =
            [Target { addr: a.addr, session: Some(session.clone()) }, Target { addr: b.addr, session: Some(session) }];
        let probe = fanout::probe_bus(sources, &targets, &room, run_id, Duration::from_secs(3)).await?;
        let mode = fanout::Mode::Room(room);
        let Some(probe) = probe else {
            let reason = "a chat published on instance A never reached a member on instance B within 3 s: \
                          the server does not carry room messages over Redis yet (fair-live's RedisBus is not \
                          wired into fair-server's App)"
                .to_owned();
            progress!("  pending: {reason}");
            results.cross.push(CrossRow::Pending { subscribers: n, reason });
            continue;
        };
        progress!("  the bus works (probe delivered in {:.1} ms)", probe.as_secs_f64() * 1000.0);
        let result = fanout::run(sources.clone(), &targets, &[a.pid(), b.pid()], &mode, &spec, run_id).await;
        drop(a);
        drop(b);
        let cross = result?;
        fanout_line("fair ×2", &cross);
        results.cross.push(CrossRow::Measured { single: Box::new(single), cross: Box::new(cross), probe });
    }
    clean_redis(&redis);
    Ok(())
}

/// Removes this run's Redis keys (best effort; presence keys expire anyway).
fn clean_redis(redis: &RedisSettings) {
    let Ok(output) = std::process::Command::new("redis-cli")
        .args(["-u", &redis.url, "--scan", "--pattern", &format!("{}*", redis.prefix)])
        .output()
    else {
        return;
    };
    let keys: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
    for chunk in keys.chunks(500) {
        let _ = std::process::Command::new("redis-cli")
            .args(["-u", &redis.url, "DEL"])
            .args(chunk)
            .stdout(std::process::Stdio::null())
            .status();
    }
}
