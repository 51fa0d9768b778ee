//! Directory search and booth-page latency on the seeded demo fair (SQLite), with
//! `/healthz` measured in the same run as the floor. Not a test: it prints figures.
//!
//! `cargo run --release -p fair-bench --bin bench-directory -- --requests 4000`

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use fair_bench::{Latencies, rss_mib};
use fair_seed::DemoOptions;
use fair_server::{App, Settings};
use tokio::sync::oneshot;

#[derive(Debug, Parser)]
struct Args {
    /// Requests per endpoint.
    #[arg(long, default_value_t = 4000)]
    requests: usize,
    /// Concurrent clients.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Demo seed.
    #[arg(long, default_value_t = 35)]
    seed: u64,
}

/// What a buyer types: Vietnamese without diacritics, Japanese, Chinese, Korean,
/// English, a half-typed word, filters alone and with text.
const SEARCHES: &[&str] = &[
    "q=ep%20phun",
    "q=ep%20phun%20nhua&province=ha-noi",
    "q=%E5%B0%84%E5%87%BA%E6%88%90%E5%BD%A2",
    "q=%E5%A3%93%E9%91%84",
    "q=%EC%82%AC%EC%B6%9C%EC%84%B1%ED%98%95",
    "q=die%20casting%20aluminium",
    "q=gia%20cong%20cn",
    "q=khuon%20mau&cert=ISO9001",
    "group=ME1,ME4&certified=true",
    "sector=EL&size=small,medium&sort=views",
    "q=iso%2014001&market=JP",
    "q=bo%20day%20dien",
];

async fn run_load(
    name: &str,
    base: &str,
    paths: Arc<Vec<String>>,
    requests: usize,
    concurrency: usize,
) -> anyhow::Result<Latencies> {
    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build()?;
    // Warm up connections and caches.
    for path in paths.iter().take(concurrency * 2) {
        client.get(format!("{base}{path}")).send().await?.bytes().await?;
    }
    let started = Instant::now();
    let per_worker = requests / concurrency;
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let client = client.clone();
        let paths = paths.clone();
        let base = base.to_owned();
        workers.push(tokio::spawn(async move {
            let mut latencies = Latencies::new("worker");
            for i in 0..per_worker {
                let path = &paths[(worker * per_worker + i) % paths.len()];
                let sent = Instant::now();
                match client.get(format!("{base}{path}")).send().await {
                    Ok(response) if response.status().is_success() => {
                        if response.bytes().await.is_ok() {
                            latencies.record(sent.elapsed());
                        } else {
                            latencies.error();
                        }
                    }
                    _ => latencies.error(),
                }
            }
            latencies
        }));
    }
    let mut total = Latencies::new(name);
    for worker in workers {
        total.merge(&worker.await?);
    }
    total.set_elapsed(started.elapsed());
    Ok(total)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let settings = Settings {
        bind: "127.0.0.1:0".parse()?,
        data_dir: dir.path().to_path_buf(),
        web_dir: dir.path().join("no-web"),
        log_filter: "warn".to_owned(),
        ..Settings::default()
    };

    // Seed the plan's fair (920 suppliers, 300 certified, 360 buyers) on SQLite.
    let seeded = Instant::now();
    let store = fair_server::app::open_store(&settings).await?;
    store.migrate().await?;
    let options = DemoOptions::plan_35(args.seed, chrono::Utc::now().date_naive());
    let report = fair_server::seed::seed_demo(&store, &options, false, false).await?;
    store.close().await.ok();
    println!(
        "seeded {} suppliers, {} products, {} buyers in {:.1} s",
        report.suppliers,
        report.products,
        report.buyers,
        seeded.elapsed().as_secs_f64()
    );

    let rss_before = rss_mib();
    let built = Instant::now();
    let app = App::build(settings).await.context("building the app")?;
    println!("app built (migrations checked, directory indexed) in {:.0} ms", built.elapsed().as_secs_f64() * 1000.0);
    let index = app.state().directory.current();
    let slugs: Vec<String> = index.docs().map(|doc| format!("/api/v1/booths/{}", doc.slug)).collect();
    let base = format!("http://{}", app.local_addr());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));

    // Index maintenance: a full build, and replacing one exhibitor (the write path).
    let docs: Vec<_> = index.docs().cloned().collect();
    let today = chrono::Utc::now().date_naive();
    let started = Instant::now();
    let rebuilt = fair_search::DirectoryIndex::build(docs.clone(), 0, today);
    let full_build = started.elapsed();
    let mut replace = Latencies::new("index: replace one exhibitor");
    let started = Instant::now();
    for doc in docs.iter().take(50) {
        let sent = Instant::now();
        let updated = rebuilt.with_doc(doc.id, Some(doc.clone()), 1, today);
        std::hint::black_box(updated.len());
        replace.record(sent.elapsed());
    }
    replace.set_elapsed(started.elapsed());
    drop(rebuilt);

    // In-process index search, no HTTP: the engine's own cost.
    let mut engine = Latencies::new("index search (in-process)");
    let filters = fair_search::Filters::default();
    let texts = ["ep phun", "射出成形", "die casting aluminium", "gia cong cn", "khuon mau", "bo day dien"];
    let started = Instant::now();
    for i in 0..args.requests {
        let sent = Instant::now();
        let results = index.search(&fair_search::SearchRequest {
            text: Some(texts[i % texts.len()]),
            filters: &filters,
            sort: fair_search::Sort::Relevance,
            offset: 0,
            limit: 20,
            today,
        });
        std::hint::black_box(results.total);
        engine.record(sent.elapsed());
    }
    engine.set_elapsed(started.elapsed());

    let health =
        run_load("GET /healthz (floor)", &base, Arc::new(vec!["/healthz".to_owned()]), args.requests, args.concurrency)
            .await?;
    let searches: Vec<String> = SEARCHES.iter().map(|q| format!("/api/v1/directory?{q}")).collect();
    let search = run_load("GET /api/v1/directory", &base, Arc::new(searches), args.requests, args.concurrency).await?;
    let booth = run_load("GET /api/v1/booths/{slug}", &base, Arc::new(slugs), args.requests, args.concurrency).await?;
    let rss_after = rss_mib();

    println!(
        "\nconcurrency {}, {} requests per endpoint, server and client in one process on this machine",
        args.concurrency, args.requests
    );
    println!("index: full build of {} exhibitors    {:.0} ms", docs.len(), full_build.as_secs_f64() * 1000.0);
    for latencies in [&replace, &engine, &health, &search, &booth] {
        println!("{}", latencies.line());
    }
    println!(
        "\nratios to the /healthz floor: search p50 ×{:.1}, p99 ×{:.1}; booth page p50 ×{:.1}, p99 ×{:.1}",
        search.ms(50.0) / health.ms(50.0),
        search.ms(99.0) / health.ms(99.0),
        booth.ms(50.0) / health.ms(50.0),
        booth.ms(99.0) / health.ms(99.0),
    );
    println!(
        "search p99 {:.3} ms against the 10 ms target: {}",
        search.ms(99.0),
        if search.ms(99.0) <= 10.0 { "met" } else { "NOT met" }
    );
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        println!("resident memory: {before:.0} MiB before the server started, {after:.0} MiB after the load");
    }
    let errors = health.errors() + search.errors() + booth.errors();
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(30), server).await.ok();
    anyhow::ensure!(errors == 0, "{errors} requests failed");
    Ok(())
}
