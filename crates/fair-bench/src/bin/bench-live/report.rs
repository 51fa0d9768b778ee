//! The figures, as Markdown tables on standard output, with the targets beside them.

use crate::memory::Idle;
use crate::{CrossRow, Results, RunInfo};

/// ≤ 8 KB per idle connection (8,000 bytes).
const MEMORY_TARGET: f64 = 8000.0;
/// ≥ 50,000 deliveries per server CPU-second…
const DELIVERIES_TARGET: f64 = 50_000.0;
/// …at p99 ≤ 50 ms.
const P99_TARGET_MS: f64 = 50.0;
/// ≥ 2× the ws peer.
const PEER_FACTOR: f64 = 2.0;
/// Cross-instance hop: ≤ 2 ms added p99.
const HOP_TARGET_MS: f64 = 2.0;

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "**missed**" }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// "93% (41%)": how busy a core was over the window, and our process's share.
fn busy(r: &crate::fanout::FanoutResult, core: usize, process_cpu: f64) -> String {
    match r.cores.get(core) {
        Some(share) => format!("{:.0}% ({:.0}%)", share * 100.0, process_cpu / r.wall.max(1e-9) * 100.0),
        None => "—".to_owned(),
    }
}

pub fn print(info: &RunInfo, results: &Results) {
    let args = &info.args;
    println!();
    println!("## bench-live, {}", chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"));
    println!();
    println!(
        "{} cores ({}); servers pinned to core {} (`taskset`), the generator to cores {}; scheduling: {}; open-file limit {} \
         (both sides), so at most {} idle connections; {} loopback source addresses; demo fair seeded in {:.1} s; \
         peer: Node.js {} with ws {}.",
        info.cores,
        info.cpu_model,
        args.server_core,
        info.pinned,
        match args.priority {
            crate::PriorityMode::Realtime => "SCHED_RR priority 1 (`chrt`) for servers and generator".to_owned(),
            crate::PriorityMode::Nice => format!("nice {}", args.nice),
            crate::PriorityMode::None => "default".to_owned(),
        },
        thousands(info.nofile),
        thousands(info.max_idle as u64),
        args.source_addresses,
        info.seed_seconds,
        if info.node.is_empty() { "—" } else { &info.node },
        if info.ws.is_empty() { "—" } else { &info.ws },
    );

    if !results.idle.is_empty() {
        println!();
        println!("### Memory per idle connection (target ≤ 8 KB)");
        println!();
        println!(
            "| server | idle connections | RSS before | RSS after | growth per connection (RSS) | (Pss) | server fds after | target | ws ÷ fair |"
        );
        println!("|---|---|---|---|---|---|---|---|---|");
        for row in &results.idle {
            let r = &row.result;
            let n = if r.connections < row.requested {
                format!("{} ({} asked; fd limit)", thousands(r.connections as u64), thousands(row.requested as u64))
            } else {
                thousands(r.connections as u64)
            };
            let what = match (row.server, row.kind) {
                ("fair", Idle::Websocket) => "fair (hello → welcome)",
                ("fair", Idle::Http) => "fair, HTTP keep-alive only (no upgrade)",
                _ => "ws peer (hello → welcome)",
            };
            let target = match (row.server, row.kind) {
                ("fair", Idle::Websocket) => met(r.rss_per_connection() <= MEMORY_TARGET).to_owned(),
                _ => "—".to_owned(),
            };
            let ratio = if row.server == "fair" && row.kind == Idle::Websocket {
                results
                    .idle
                    .iter()
                    .find(|p| p.server == "ws" && p.result.connections == r.connections)
                    .map(|p| {
                        let ratio = p.result.rss_per_connection() / r.rss_per_connection().max(1.0);
                        format!("×{ratio:.2} ({} 2×)", if ratio >= PEER_FACTOR { "met" } else { "**missed**" })
                    })
                    .unwrap_or_else(|| "—".to_owned())
            } else {
                "—".to_owned()
            };
            println!(
                "| {what} | {n} | {} | {} | {:.0} B | {:.0} B | {} | {target} | {ratio} |",
                mib(r.before.rss_kib),
                mib(r.after.rss_kib),
                r.rss_per_connection(),
                r.pss_per_connection(),
                thousands(r.after.fds),
            );
        }
    }

    if !results.fanout.is_empty() {
        println!();
        println!(
            "### Fan-out: one publisher, N subscribers in one room ({} s measured after {} s warm-up; {}-byte texts)",
            args.fanout_seconds, args.warmup_seconds, args.chat_bytes
        );
        println!();
        println!(
            "| server | path | subscribers | publish rate | delivered / expected | p50 | p99 | p99.9 | max | deliveries/s | server CPU-s | deliveries per server CPU-s | publisher's ack p50 / p99 | server core busy (server process) | generator core busy (generator) | room filled in (server CPU-s) | target ≥ 50k/CPU-s at p99 ≤ 50 ms |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for row in &results.fanout {
            let r = &row.result;
            let target = if row.server == "fair" {
                met(r.deliveries_per_cpu_second() >= DELIVERIES_TARGET && r.ms(0.99) <= P99_TARGET_MS).to_owned()
            } else {
                "—".to_owned()
            };
            println!(
                "| {} | {} | {} | {} msg/s | {} / {} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {} | {:.2} | {} | {:.1} / {:.1} ms | {} | {} | {:.1} s ({:.1}) | {target} |",
                row.server,
                row.path,
                thousands(r.subscribers as u64),
                r.rate,
                thousands(r.delivered),
                thousands(r.expected),
                r.ms(0.5),
                r.ms(0.99),
                r.ms(0.999),
                r.histogram.max() as f64 / 1000.0,
                thousands(r.deliveries_per_second().round() as u64),
                r.server_cpu,
                thousands(r.deliveries_per_cpu_second().round() as u64),
                r.acks.value_at_quantile(0.5) as f64 / 1000.0,
                r.acks.value_at_quantile(0.99) as f64 / 1000.0,
                busy(r, args.server_core, r.server_cpu),
                busy(r, args.generator_core, r.generator_cpu),
                r.fill.as_secs_f64(),
                r.fill_cpu,
            );
        }
        println!();
        println!(
            "Each room chat is one database insert (SQLite) before it is fanned out: the publish rate is the insert rate. \
             A booth watch's message is one visitor entering the booth (one database read). The ack column is the \
             publisher's own request, sent → ack."
        );
        let any_errors = results.fanout.iter().any(|r| r.result.publisher_errors > 0 || r.result.dropped > 0);
        if any_errors {
            println!();
            for row in &results.fanout {
                let r = &row.result;
                if r.publisher_errors > 0 || r.dropped > 0 {
                    println!(
                        "- {} at {}: {} errors answered to the publisher, {} subscribers disconnected during the measurement",
                        row.server, r.subscribers, r.publisher_errors, r.dropped
                    );
                }
            }
        }
        let pairs: Vec<_> = results
            .fanout
            .iter()
            .filter(|row| row.server == "fair")
            .filter_map(|fair| {
                results
                    .fanout
                    .iter()
                    .find(|p| p.server == "ws" && p.result.subscribers == fair.result.subscribers)
                    .map(|peer| (fair.path, &fair.result, &peer.result))
            })
            .collect();
        if !pairs.is_empty() {
            println!();
            println!("Against the ws peer (target: fair ≥ 2× the peer):");
            println!();
            println!(
                "| subscribers | fair's path (ws: room chat) | deliveries per server CPU-s, fair ÷ ws | p99, ws ÷ fair | target (2× per CPU-s) |"
            );
            println!("|---|---|---|---|---|");
            for (path, fair, peer) in pairs {
                let cpu_ratio = fair.deliveries_per_cpu_second() / peer.deliveries_per_cpu_second().max(1e-9);
                let p99_ratio = peer.ms(0.99) / fair.ms(0.99).max(1e-9);
                println!(
                    "| {} | {path} | ×{cpu_ratio:.2} | ×{p99_ratio:.2} | {} |",
                    thousands(fair.subscribers as u64),
                    met(cpu_ratio >= PEER_FACTOR)
                );
            }
        }
    }

    if let Some(c) = &results.churn {
        println!();
        println!("### Presence churn");
        println!();
        println!(
            "| booths (halls) | standing visitors | target rate | connects/s achieved | disconnects/s achieved | connect → entered p50 / p99 | server CPU-s | failed / skipped / dropped | visitors at the end | halls agree after |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|");
        let converged = match c.converged {
            Some(d) => format!("{:.0} ms", d.as_secs_f64() * 1000.0),
            None => format!("**not within 30 s** ({} booths wrong)", c.mismatched),
        };
        println!(
            "| {} ({}) | {} | {} + {} /s | {:.0} | {:.0} | {:.1} / {:.1} ms | {:.2} over {:.1} s | {} / {} / {} | {} | {converged} |",
            c.booths,
            c.halls.join(", "),
            thousands(c.population as u64),
            c.target_rate,
            c.target_rate,
            c.connects_per_second(),
            c.disconnects_per_second(),
            c.enter_latency.value_at_quantile(0.5) as f64 / 1000.0,
            c.enter_latency.value_at_quantile(0.99) as f64 / 1000.0,
            c.server_cpu,
            c.churn_seconds,
            c.failed,
            c.skipped,
            c.unexpected_drops,
            c.visitors_at_end,
        );
        println!();
        println!(
            "Hall figures are published once a second, so convergence is measured to the next update after the churn stopped."
        );
    }

    if !results.cross.is_empty() {
        println!();
        println!(
            "### Cross-instance: subscribers split over two instances (both on core {}, sharing the SQLite file and Redis)",
            args.server_core
        );
        println!();
        println!(
            "| subscribers | publish rate | single p50 / p99 | two instances p50 / p99 | publisher's instance: half p50 / p99 | other instance: half p50 / p99 | added p99 (two − single) | other − publisher's half, p99 | deliveries per server CPU-s (single → two) | target ≤ 2 ms added |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|");
        for row in &results.cross {
            match row {
                CrossRow::Measured { single, cross, .. } => {
                    let part = |i: usize, q: f64| {
                        cross.parts.get(i).map(|p| p.histogram.value_at_quantile(q) as f64 / 1000.0).unwrap_or(0.0)
                    };
                    let added = cross.ms(0.99) - single.ms(0.99);
                    println!(
                        "| {} | {} msg/s | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {:+.2} ms | {:+.2} ms | {} → {} | {} |",
                        thousands(cross.subscribers as u64),
                        cross.rate,
                        single.ms(0.5),
                        single.ms(0.99),
                        cross.ms(0.5),
                        cross.ms(0.99),
                        part(0, 0.5),
                        part(0, 0.99),
                        part(1, 0.5),
                        part(1, 0.99),
                        added,
                        part(1, 0.99) - part(0, 0.99),
                        thousands(single.deliveries_per_cpu_second().round() as u64),
                        thousands(cross.deliveries_per_cpu_second().round() as u64),
                        met(added <= HOP_TARGET_MS),
                    );
                }
                CrossRow::Pending { subscribers, reason } => {
                    println!(
                        "| {} | — | — | — | — | — | — | — | — | pending: {reason} |",
                        thousands(*subscribers as u64)
                    );
                }
            }
        }
    }

    if !results.notes.is_empty() {
        println!();
        for note in &results.notes {
            println!("- {note}");
        }
    }
}
