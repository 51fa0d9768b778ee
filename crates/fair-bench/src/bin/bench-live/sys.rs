//! The machine side: pinning to a core and raising the open-file limit with the
//! util-linux tools (`taskset`, `prlimit`: no `unsafe`, no libc binding), reading
//! memory and CPU time from `/proc`, and child processes that die with us.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The instant every timestamp of the run counts from.
pub fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Microseconds since [`epoch`].
pub fn now_us() -> u64 {
    micros_of(epoch().elapsed())
}

pub fn micros_of(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

/// Cores this process may run on (`Cpus_allowed_list` of `/proc/self/status`).
pub fn allowed_cores() -> String {
    status_field("self", "Cpus_allowed_list").unwrap_or_default()
}

/// Pins every thread of this process to `core` with `taskset -a -p` (called before
/// the async runtime starts, so the threads it makes inherit the mask).
pub fn pin_self(core: usize) -> anyhow::Result<()> {
    let pid = std::process::id().to_string();
    let status = Command::new("taskset")
        .args(["-a", "-p", "-c", &core.to_string(), &pid])
        .stdout(Stdio::null())
        .status()
        .context("running taskset (util-linux) to pin the generator")?;
    if !status.success() {
        bail!("taskset could not pin the generator to core {core}");
    }
    Ok(())
}

/// A raised scheduling priority, restored when dropped.
///
/// With autogroup scheduling (`/proc/sys/kernel/sched_autogroup_enabled`), a nice
/// value only ranks processes within their session's group: against the other
/// sessions of a shared machine what counts is the group's own nice, set in
/// `/proc/self/autogroup`; the servers, children in the same session, share it.
/// Without autogroup, this process is reniced (its threads, made later, inherit
/// it) and the servers start under `nice -n`. Negative values need CAP_SYS_NICE.
pub struct Priority {
    restore_autogroup: Option<i32>,
}

impl Priority {
    /// SCHED_RR priority 1 for every thread of this process (`chrt -a -r -p 1`),
    /// inherited by the threads and children made later. Real-time tasks run as soon
    /// as they are woken, ahead of any other work on their core; the kernel keeps 5%
    /// of each core for the rest (`sched_rt_runtime_us`). Needs CAP_SYS_NICE.
    pub fn realtime() -> anyhow::Result<Self> {
        let pid = std::process::id().to_string();
        let status = Command::new("chrt")
            .args(["-a", "-r", "-p", "1", &pid])
            .stdout(Stdio::null())
            .status()
            .context("running chrt (util-linux)")?;
        if !status.success() {
            bail!("chrt -r 1 failed (real-time scheduling needs CAP_SYS_NICE)");
        }
        Ok(Self { restore_autogroup: None })
    }

    pub fn raise(nice: i32) -> anyhow::Result<(Self, &'static str)> {
        let autogroup = std::fs::read_to_string("/proc/sys/kernel/sched_autogroup_enabled")
            .is_ok_and(|enabled| enabled.trim() == "1");
        if autogroup {
            let current = std::fs::read_to_string("/proc/self/autogroup").context("reading /proc/self/autogroup")?;
            let previous: i32 = current
                .split_whitespace()
                .last()
                .and_then(|n| n.parse().ok())
                .context("unexpected /proc/self/autogroup")?;
            std::fs::write("/proc/self/autogroup", nice.to_string())
                .with_context(|| format!("setting the session's autogroup nice to {nice} (needs CAP_SYS_NICE)"))?;
            return Ok((Self { restore_autogroup: Some(previous) }, "the session's autogroup"));
        }
        let pid = std::process::id().to_string();
        let status = Command::new("renice")
            .args(["-n", &nice.to_string(), "-p", &pid])
            .stdout(Stdio::null())
            .status()
            .context("running renice")?;
        if !status.success() {
            bail!("renice -n {nice} failed (a negative value needs CAP_SYS_NICE)");
        }
        Ok((Self { restore_autogroup: None }, "each process"))
    }
}

impl Drop for Priority {
    fn drop(&mut self) {
        if let Some(previous) = self.restore_autogroup {
            let _ = std::fs::write("/proc/self/autogroup", previous.to_string());
        }
    }
}

/// (soft, hard) open-file limits of a process, from `/proc/<pid>/limits`.
pub fn nofile_limits(pid: &str) -> Option<(u64, u64)> {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
    let line = limits.lines().find(|line| line.starts_with("Max open files"))?;
    let mut fields = line.split_whitespace().skip(3);
    let soft = fields.next()?.parse().ok()?;
    let hard = fields.next()?.parse().ok()?;
    Some((soft, hard))
}

/// Raises this process's soft open-file limit to its hard limit with
/// `prlimit --pid`; the hard limit itself needs CAP_SYS_RESOURCE. Returns the limit.
pub fn raise_nofile() -> anyhow::Result<u64> {
    let (soft, hard) = nofile_limits("self").context("reading /proc/self/limits")?;
    if soft < hard {
        let pid = std::process::id().to_string();
        let status = Command::new("prlimit")
            .args(["--pid", &pid, &format!("--nofile={hard}:{hard}")])
            .status()
            .context("running prlimit (util-linux) to raise the open-file limit")?;
        if !status.success() {
            bail!("prlimit could not raise the open-file limit to {hard}");
        }
    }
    let (soft, _) = nofile_limits("self").context("reading /proc/self/limits")?;
    Ok(soft)
}

fn status_field(pid: &str, field: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(field) && line[field.len()..].starts_with(':'))?;
    Some(line[field.len() + 1..].trim().to_owned())
}

fn kib_field(pid: &str, file: &str, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
    let line = text.lines().find(|line| line.starts_with(field) && line[field.len()..].starts_with(':'))?;
    line[field.len() + 1..].split_whitespace().next()?.parse().ok()
}

/// A process's memory at one instant, in KiB, and its open descriptors.
#[derive(Clone, Copy, Debug, Default)]
pub struct Memory {
    pub rss_kib: u64,
    pub anon_kib: u64,
    pub pss_kib: u64,
    pub fds: u64,
}

pub fn memory(pid: u32) -> anyhow::Result<Memory> {
    let pid = pid.to_string();
    Ok(Memory {
        rss_kib: kib_field(&pid, "status", "VmRSS").context("reading VmRSS")?,
        anon_kib: kib_field(&pid, "status", "RssAnon").unwrap_or(0),
        pss_kib: kib_field(&pid, "smaps_rollup", "Pss").unwrap_or(0),
        fds: std::fs::read_dir(format!("/proc/{pid}/fd")).map(|dir| dir.count() as u64).unwrap_or(0),
    })
}

/// User plus system CPU time of a process (all its threads), in seconds.
pub fn cpu_seconds(pid: &str) -> anyhow::Result<f64> {
    let stat =
        std::fs::read_to_string(format!("/proc/{pid}/stat")).with_context(|| format!("reading /proc/{pid}/stat"))?;
    // Fields after the command name (in parentheses, which may contain spaces):
    // state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map(|(_, rest)| rest).context("malformed /proc stat")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| -> anyhow::Result<f64> {
        Ok(fields.get(i).context("short /proc stat")?.parse::<u64>().context("bad /proc stat field")? as f64)
    };
    Ok((ticks(11)? + ticks(12)?) / clock_ticks())
}

/// CPU seconds of several processes together.
pub fn cpu_of(pids: &[u32]) -> f64 {
    pids.iter().map(|pid| cpu_seconds(&pid.to_string()).unwrap_or(0.0)).sum()
}

fn clock_ticks() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// Busy time of each core since boot (everything but idle and iowait), in seconds:
/// other users of the machine show up here and not in our processes' times.
pub fn core_busy() -> Vec<f64> {
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else { return Vec::new() };
    stat.lines()
        .filter(|line| line.starts_with("cpu") && line.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .map(|line| {
            let fields: Vec<f64> = line.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
            let total: f64 = fields.iter().take(8).sum();
            let idle = fields.get(3).copied().unwrap_or(0.0) + fields.get(4).copied().unwrap_or(0.0);
            (total - idle) / clock_ticks()
        })
        .collect()
}

/// Aborts its tasks when dropped (on every way out of a phase).
pub struct Tasks(pub Vec<tokio::task::JoinHandle<()>>);

impl Tasks {
    pub async fn abort_and_wait(mut self) {
        let tasks = std::mem::take(&mut self.0);
        for task in &tasks {
            task.abort();
        }
        for task in tasks {
            let _ = task.await;
        }
    }
}

impl Drop for Tasks {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// A loopback port nobody listens on now.
pub fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// A child process that is killed (SIGKILL) when dropped: on return, on error and
/// when Ctrl-C drops the benchmark's future.
pub struct Proc {
    pub name: String,
    pub addr: SocketAddr,
    pub log: PathBuf,
    child: Child,
}

impl Proc {
    pub fn spawn(name: &str, mut command: Command, addr: SocketAddr, log: &Path) -> anyhow::Result<Self> {
        let out = std::fs::File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let err = out.try_clone()?;
        command.stdin(Stdio::null()).stdout(out).stderr(err);
        let child = command.spawn().with_context(|| format!("starting {name}"))?;
        Ok(Self { name: name.to_owned(), addr, log: log.to_path_buf(), child })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `Some(description)` once the process has exited.
    pub fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(status.to_string()),
            Ok(None) => None,
            Err(err) => Some(err.to_string()),
        }
    }

    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }

    /// Waits until the process accepts TCP connections on its address.
    pub async fn wait_listening(&mut self, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.exited() {
                bail!("{} exited ({status}) before listening; its log:\n{}", self.name, self.log_tail());
            }
            if tokio::net::TcpStream::connect(self.addr).await.is_ok() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "{} did not listen on {} within {timeout:?}; its log:\n{}",
                    self.name,
                    self.addr,
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `prlimit --nofile=N:N nice -n NICE taskset -c CORE program …`: the child's
/// open-file limit, priority and core, set before it runs.
pub fn pinned_command(program: &Path, core: usize, nofile: u64, nice: i32) -> Command {
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--nofile={nofile}:{nofile}"))
        .args(["nice", "-n", &nice.to_string()])
        .args(["taskset", "-c", &core.to_string()])
        .arg(program);
    command
}
