//! The command line: `fair [serve]`, `fair migrate`, `fair seed --demo`, `fair openapi`,
//! `fair schedule`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use fair_seed::DemoOptions;

use crate::app::{App, open_store};
use crate::schedule::ScheduleArgs;
use crate::seed::seed_demo;
use crate::settings::{LogFormat, Overrides, Settings, redact_url};
use crate::telemetry::init_tracing;

/// The CNHT fair platform: Hanoi's hybrid supporting-industry fair.
#[derive(Debug, Parser)]
#[command(name = "fair", version, about)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Settings every subcommand reads (each also from `FAIR_*` and the config file).
#[derive(Debug, Args)]
struct GlobalArgs {
    /// A TOML config file (default: ./fair.toml if present).
    #[arg(long, global = true, env = "FAIR_CONFIG")]
    config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, global = true)]
    bind: Option<SocketAddr>,
    /// sqlite://… or postgres://… [default: a SQLite file in the data directory].
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// redis://… to run several instances.
    #[arg(long, global = true)]
    redis_url: Option<String>,
    /// Where the SQLite file and uploads live [default: ./data].
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// The built web app [default: ./web/dist].
    #[arg(long, global = true)]
    web_dir: Option<PathBuf>,
    /// Public origin, e.g. https://fair.example.vn.
    #[arg(long, global = true)]
    public_url: Option<String>,
    #[arg(long, global = true, value_enum)]
    log_format: Option<LogFormat>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the platform (the default).
    Serve {
        /// Do not apply pending migrations at start (fail if any are pending).
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply pending database migrations.
    Migrate {
        /// Only list pending migrations.
        #[arg(long)]
        status: bool,
    },
    /// Fill the database with a realistic demo fair.
    Seed(SeedArgs),
    /// Print the OpenAPI document.
    Openapi,
    /// Schedule a fair offline: a self-contained JSON file in, a schedule out
    /// (the server's engine; no database needed).
    Schedule(ScheduleArgs),
}

#[derive(Debug, Args)]
struct SeedArgs {
    /// Generate the demo fair (the only kind of seed so far).
    #[arg(long, required = true)]
    demo: bool,
    /// Same seed, same fair.
    #[arg(long, default_value_t = 35)]
    seed: u64,
    /// Empty the database first, even if it already holds data.
    #[arg(long, conflicts_with = "if_empty")]
    force: bool,
    /// Do nothing (and succeed) if demo data is already loaded.
    #[arg(long)]
    if_empty: bool,
    /// Number of suppliers [default: 920, as in Plan 35].
    #[arg(long)]
    suppliers: Option<usize>,
    /// Number of suppliers with a valid international certificate [default: 300].
    #[arg(long)]
    certified: Option<usize>,
    /// Number of buyer companies [default: 360].
    #[arg(long)]
    buyers: Option<usize>,
    /// Do not show the progress bar.
    #[arg(long)]
    quiet: bool,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // The offline scheduler needs no settings, database or async runtime.
    if let Some(Command::Schedule(args)) = &cli.command {
        return exit(crate::schedule::run(args));
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    exit(runtime.block_on(run(cli)))
}

fn exit(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let overrides = Overrides {
        bind: cli.global.bind,
        database_url: cli.global.database_url,
        redis_url: cli.global.redis_url,
        data_dir: cli.global.data_dir,
        web_dir: cli.global.web_dir,
        public_url: cli.global.public_url,
        log_format: cli.global.log_format,
        migrate_on_start: match &cli.command {
            Some(Command::Serve { no_migrate: true }) => Some(false),
            _ => None,
        },
    };
    let settings = Settings::load(cli.global.config.as_deref(), &overrides)?;
    match cli.command.unwrap_or(Command::Serve { no_migrate: false }) {
        Command::Serve { .. } => serve(settings).await,
        Command::Migrate { status } => migrate(settings, status).await,
        Command::Seed(args) => seed(settings, args).await,
        Command::Schedule(args) => crate::schedule::run(&args),
        Command::Openapi => {
            let document = crate::openapi::document().to_pretty_json().context("rendering the OpenAPI document")?;
            println!("{document}");
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    init_tracing(settings.log_format, &settings.log_filter);
    tracing::info!(?settings, "starting");
    let app = App::build(settings).await?;
    let address = app.local_addr();
    tracing::info!(%address, "listening on http://{address}");
    app.run_until_stopped(shutdown_signal()).await
}

async fn migrate(settings: Settings, status_only: bool) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir).context("creating the data directory")?;
    let store = open_store(&settings).await?;
    let pending = store.pending_migrations().await?;
    if status_only {
        if pending.is_empty() {
            println!("the database is up to date");
        }
        for name in pending {
            println!("pending: {name}");
        }
        return Ok(());
    }
    store.migrate().await.context("applying migrations")?;
    println!("applied {} migration(s) to {}", pending.len(), redact_url(&settings.effective_database_url()));
    Ok(())
}

async fn seed(settings: Settings, args: SeedArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir).context("creating the data directory")?;
    let store = open_store(&settings).await?;
    store.migrate().await.context("applying migrations")?;
    if args.if_empty
        && let Some(marker) = store.meta(crate::seed::SEED_MARKER).await?
    {
        println!("Demo data is already loaded ({marker}); the demo password is {}.", fair_seed::DEMO_PASSWORD);
        return Ok(());
    }
    let mut options = DemoOptions::plan_35(args.seed, fair_domain::calendar::fair_date(chrono::Utc::now()));
    if let Some(suppliers) = args.suppliers {
        options.suppliers = suppliers;
    }
    if let Some(certified) = args.certified {
        options.certified_suppliers = certified;
    }
    if let Some(buyers) = args.buyers {
        options.buyers = buyers;
    }
    options.certified_suppliers = options.certified_suppliers.min(options.suppliers);
    if args.force {
        let uploads = settings.uploads_dir();
        if uploads.exists() {
            std::fs::remove_dir_all(&uploads).with_context(|| format!("removing {}", uploads.display()))?;
        }
    }
    let started = std::time::Instant::now();
    let report = seed_demo(&store, &options, args.force, !args.quiet).await?;
    println!(
        "Seeded the demo fair (seed {}) in {:.1} s: {} suppliers ({} with a valid international certificate), \
         {} products, {} buyers with {} sourcing needs; the fair has {} meeting slots, {} tables and {} interpreters.",
        args.seed,
        started.elapsed().as_secs_f64(),
        report.suppliers,
        report.certified_suppliers,
        report.products,
        report.buyers,
        report.needs,
        report.slots,
        report.tables,
        report.interpreters
    );
    println!("\nDemo sign-ins:");
    for credential in &report.credentials {
        println!(
            "  {:<18} {:<28} {:<16} {}",
            credential.role,
            credential.email,
            credential.password,
            credential.organisation.as_deref().unwrap_or("")
        );
    }
    store.close().await.ok();
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
