//! `fair schedule`: the scheduler on a self-contained JSON file, offline. The format,
//! its checks and the run live in `fair_matchmaking::offline`; this is the file and
//! terminal side: reading, the progress bar, writing atomically, the summary.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use fair_domain::UiLanguage;
use fair_matchmaking::offline::{self, Options, ScheduleFile, Stage};
use fair_matchmaking::schedule::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The fair to schedule (see docs/schedule-format.md); `-` reads standard input.
    #[arg(long, short, value_name = "FILE", required_unless_present = "print_schema")]
    input: Option<PathBuf>,
    /// Where to write the schedule; `-` (the default) writes to standard output.
    #[arg(long, short, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// An earlier output of this command: its meetings become the input's
    /// `previous`, so this run moves as few of them as it can.
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    /// Language of the reasons and texts: vi, en, ja or zh-Hant.
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = parse_language)]
    lang: UiLanguage,
    /// Reasons given per meeting (0 for none).
    #[arg(long, value_name = "N", default_value_t = 3)]
    reasons: usize,
    /// Neither a progress bar nor a summary on standard error (errors still are).
    #[arg(long, short)]
    quiet: bool,
    /// Print the JSON Schema of the input (or of the output) and exit.
    #[arg(
        long,
        value_name = "WHICH",
        num_args = 0..=1,
        default_missing_value = "input",
        conflicts_with_all = ["input", "previous"],
    )]
    print_schema: Option<SchemaKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    Input,
    Output,
}

fn parse_language(value: &str) -> Result<UiLanguage, String> {
    value.parse().map_err(|_| format!("`{value}` is not one of vi, en, ja, zh-Hant"))
}

fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn read(path: &Path) -> anyhow::Result<String> {
    if is_stdio(path) {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
    }
}

fn name(path: &Path) -> String {
    if is_stdio(path) { "standard input".to_owned() } else { path.display().to_string() }
}

/// Writes next to the target and renames over it: the file is whole or not there.
fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    if is_stdio(path) {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush()).context("writing standard output")?;
        return Ok(());
    }
    let file_name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(file_name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .with_context(|| format!("writing {}", path.display()));
    if written.is_err() {
        std::fs::remove_file(&temporary).ok();
    }
    written
}

/// A spinner while indexing, a bar while scoring, then a spinner through the
/// scheduler's rounds; hidden when standard error is not a terminal.
struct Bar {
    bar: ProgressBar,
    scoring: bool,
    scheduling: bool,
}

impl Bar {
    fn new(visible: bool) -> Self {
        let bar = if visible && std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        Self { bar, scoring: false, scheduling: false }
    }

    fn spinner(&self) {
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn show(&mut self, stage: Stage) {
        match stage {
            Stage::Indexing { suppliers } => {
                self.spinner();
                self.bar.set_message(format!("indexing {suppliers} suppliers"));
            }
            Stage::Scoring { done, total } => {
                if !self.scoring {
                    self.scoring = true;
                    self.bar.disable_steady_tick();
                    self.bar.set_message("scoring");
                    self.bar.set_length(total as u64);
                    self.bar.set_style(
                        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} buyers {elapsed}")
                            .unwrap_or_else(|_| ProgressStyle::default_bar())
                            .progress_chars("=> "),
                    );
                }
                self.bar.set_position(done as u64);
            }
            Stage::Scheduling(progress) => {
                if !self.scheduling {
                    self.scheduling = true;
                    self.spinner();
                }
                self.bar.set_message(match progress {
                    Progress::Selecting { round } => format!("scheduling, round {round}: selecting"),
                    Progress::Placing { round, meetings } => {
                        format!("scheduling, round {round}: placing {meetings} meetings")
                    }
                    Progress::Done { meetings } => format!("scheduled {meetings} meetings"),
                });
            }
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn summary(schedule: &ScheduleFile, output: &Path, elapsed: Duration) -> String {
    let s = &schedule.stats;
    let mut text = format!(
        "{} meetings ({} on site, {} online, {} with an interpreter) for {} buyers and {} suppliers; \
         {}/{} buyers at their minimum, {} without a meeting; mutual Must-meet {}/{}, requested {}/{}; \
         {} pairs unscheduled; {} moved; {:.2} s",
        s.meetings,
        s.onsite,
        s.online,
        s.with_interpreter,
        s.buyers,
        s.suppliers,
        s.buyers_at_minimum,
        s.buyers,
        s.buyers_without_meeting,
        s.mutual_must.met,
        s.mutual_must.total,
        s.requested.met,
        s.requested.total,
        schedule.unscheduled.len(),
        s.moved,
        elapsed.as_secs_f64(),
    );
    if !is_stdio(output) {
        text.push_str(&format!(" → {}", output.display()));
    }
    for warning in &schedule.warnings {
        text.push_str(&format!("\nwarning: {}: {}", warning.path, warning.message));
    }
    text
}

/// Runs `fair schedule`.
pub fn run(args: &ScheduleArgs) -> anyhow::Result<()> {
    if let Some(kind) = args.print_schema {
        let schema = match kind {
            SchemaKind::Input => offline::input_schema(),
            SchemaKind::Output => offline::output_schema(),
        };
        let mut text = serde_json::to_string_pretty(&schema).context("rendering the schema")?;
        text.push('\n');
        return write(&args.output, &text);
    }
    let Some(input) = &args.input else { bail!("--input is required") };
    let started = Instant::now();
    let mut file = offline::parse(&read(input)?).map_err(|err| anyhow::anyhow!("{}: {err}", name(input)))?;
    if let Some(previous) = &args.previous {
        if !file.previous.is_empty() {
            bail!("{} already has `previous` entries: give them there or with --previous, not both", name(input));
        }
        file.previous = offline::parse_previous(&read(previous)?)
            .map_err(|err| anyhow::anyhow!("{}: {err}", previous.display()))?;
    }
    let options = Options { language: args.lang, reasons: args.reasons };
    let schedule = {
        let mut bar = Bar::new(!args.quiet);
        offline::run(&file, &options, &mut |stage| bar.show(stage))
            .map_err(|err| anyhow::anyhow!("{}: {err}", name(input)))?
    };
    let json = offline::to_json(&schedule).context("rendering the schedule")?;
    write(&args.output, &json)?;
    if !args.quiet {
        eprintln!("{}", summary(&schedule, &args.output, started.elapsed()));
    }
    Ok(())
}
