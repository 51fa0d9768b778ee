//! Scheduler quality and speed on generated fairs, from 40 suppliers × 40 buyers to
//! 1,000 × 3,000, through the real pipeline: fair-seed participants, the directory
//! index, every pair scored by `Scorer` in `build`, then `schedule` (exact selection
//! and placement in a loop). Not a test: it prints figures.
//!
//! Quality is measured against bounds and baselines computed in the same run: the
//! selection optimum of a relaxation (an upper bound on any schedule), a greedy
//! best-score-first schedule, and with `--ortools` Google OR-Tools: SimpleMinCostFlow
//! on the very selection network the engine solves (objectives must be equal) and
//! CP-SAT on the whole problem of the small fairs under a time limit.
//!
//! `cargo run --release -p fair-bench --bin bench-scheduler -- --ortools`

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use clap::Parser;
use fair_bench::demo::{self, SplitMix};
use fair_bench::ortools;
use fair_domain::Language;
use fair_matchmaking::build::{Attendance, BuyerEntry, FairInput, InterpreterEntry, SupplierEntry, build};
use fair_matchmaking::place::{check, idle_gaps};
use fair_matchmaking::schedule::{Progress, ScheduleOptions, schedule};
use fair_matchmaking::score::{Buyer, Preference, Preferences, Scorer};
use fair_matchmaking::select::{Breakdown, SelectOptions, breakdown, network, objective, priorities, select};
use fair_matchmaking::{Meeting, Mode, Problem, Slot, SlotSet};
use fair_search::{DirectoryDoc, DirectoryIndex};
use fair_seed::DemoOptions;
use serde_json::json;
use uuid::Uuid;

#[derive(Clone, Copy, Debug)]
struct Size {
    suppliers: usize,
    buyers: usize,
}

impl FromStr for Size {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let (s, b) = value.split_once(['x', 'X', '*']).ok_or_else(|| format!("{value}: expected SUPPLIERSxBUYERS"))?;
        let suppliers = s.trim().parse().map_err(|_| format!("{value}: bad supplier count"))?;
        let buyers = b.trim().parse().map_err(|_| format!("{value}: bad buyer count"))?;
        Ok(Self { suppliers, buyers })
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}×{}", self.suppliers, self.buyers)
    }
}

#[derive(Debug, Parser)]
struct Args {
    /// Fairs to generate, as SUPPLIERSxBUYERS.
    #[arg(long, value_delimiter = ',', default_value = "40x40,100x200,300x900,1000x3000")]
    sizes: Vec<Size>,
    /// Seed of the generated fairs.
    #[arg(long, default_value_t = 35)]
    seed: u64,
    /// Also run Google OR-Tools (min-cost flow on every size, CP-SAT on the small ones).
    #[arg(long)]
    ortools: bool,
    /// CP-SAT time limit per instance, in seconds.
    #[arg(long, default_value_t = 60.0)]
    cpsat_time_limit: f64,
    /// CP-SAT runs on fairs of at most this many buyers.
    #[arg(long, default_value_t = 200)]
    cpsat_max_buyers: usize,
    /// CP-SAT worker threads (the engine uses one).
    #[arg(long, default_value_t = 2)]
    cpsat_workers: u32,
    /// A Python that imports ortools; by default python3 if it does, else a virtual
    /// environment under the target directory, made on first use.
    #[arg(long, env = "FAIR_BENCH_PYTHON")]
    python: Option<PathBuf>,
    /// Where instance files for OR-Tools go (default: <target>/fair-bench).
    #[arg(long)]
    out: Option<PathBuf>,
    /// On-site tables per slot, as a multiple of the average on-site meetings per slot.
    #[arg(long, default_value_t = 1.25)]
    table_factor: f64,
    /// Interpreters per language, as a multiple of the average interpreted meetings per slot.
    #[arg(long, default_value_t = 1.5)]
    interpreter_factor: f64,
    /// Share of foreign buyers whose delegation also speaks English (the rest need an
    /// interpreter with suppliers who speak only Vietnamese).
    #[arg(long, default_value_t = 0.95)]
    english_share: f64,
}

const DAYS: u32 = 3;
const SLOTS_PER_DAY: u32 = 24;
const BUYER_MIN: u32 = 6;
const BUYER_MAX: u32 = 10;
const SUPPLIER_MIN: u32 = 3;
const SUPPLIER_MAX: u32 = 30;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

/// Slots a participant can attend: 30–50% of the fair is away, in blocks of 2–8 slots.
fn availability(rng: &mut SplitMix, slots: u32, away_low: f64, away_high: f64) -> SlotSet {
    let mut set = SlotSet::full(slots);
    let share = away_low + (away_high - away_low) * rng.unit();
    let away = (share * f64::from(slots)).round() as u32;
    while slots - set.count() < away {
        let start = rng.below(u64::from(slots)) as u32;
        let length = 2 + rng.below(7) as u32;
        let day_end = (start / SLOTS_PER_DAY + 1) * SLOTS_PER_DAY;
        for slot in start..(start + length).min(day_end) {
            if slots - set.count() >= away {
                break;
            }
            set.remove(slot);
        }
    }
    set
}

/// One generated fair: everything `build` takes.
struct Fair {
    docs: Vec<Arc<DirectoryDoc>>,
    buyers: Vec<Buyer>,
    buyer_available: Vec<SlotSet>,
    supplier_available: Vec<SlotSet>,
    buyer_attendance: Vec<Attendance>,
    supplier_attendance: Vec<Attendance>,
    interpreters: Vec<(Language, SlotSet)>,
    preferences: HashMap<(Uuid, Uuid), Preferences>,
    tables: u32,
    slots: Vec<Slot>,
}

fn generate(size: Size, args: &Args) -> Fair {
    let seed = args.seed.wrapping_mul(1_000_003).wrapping_add((size.suppliers * 7919 + size.buyers) as u64);
    let demo = fair_seed::generate(&DemoOptions {
        seed,
        suppliers: size.suppliers,
        certified_suppliers: (size.suppliers * 300 + 460) / 920,
        buyers: size.buyers,
        today: today(),
    });
    let mut rng = SplitMix::new(seed);
    let slot_count = DAYS * SLOTS_PER_DAY;
    let slots: Vec<Slot> =
        (0..slot_count).map(|s| Slot { day: s / SLOTS_PER_DAY, ordinal: s % SLOTS_PER_DAY }).collect();
    let docs: Vec<Arc<DirectoryDoc>> =
        demo.suppliers.iter().enumerate().map(|(i, s)| Arc::new(demo::supplier_doc(i, s))).collect();
    let mut buyers: Vec<Buyer> = demo.buyers.iter().enumerate().map(|(i, b)| demo::buyer(i, b)).collect();
    // Some foreign delegations speak only their own language.
    for buyer in &mut buyers {
        if buyer.country != "VN" && !rng.chance(args.english_share) {
            buyer.languages.retain(|l| *l != Language::English);
            if buyer.languages.is_empty() {
                buyer.languages.push(Language::English);
            }
        }
    }
    let buyer_available: Vec<SlotSet> = buyers.iter().map(|_| availability(&mut rng, slot_count, 0.3, 0.5)).collect();
    let supplier_available: Vec<SlotSet> = docs.iter().map(|_| availability(&mut rng, slot_count, 0.3, 0.5)).collect();
    let buyer_attendance: Vec<Attendance> = buyers
        .iter()
        .map(|_| match rng.below(10) {
            0..=2 => Attendance::Online,
            3..=5 => Attendance::Either,
            _ => Attendance::OnSite,
        })
        .collect();
    let supplier_attendance: Vec<Attendance> =
        docs.iter().map(|_| if rng.chance(0.1) { Attendance::Online } else { Attendance::OnSite }).collect();

    // Interpreters: per language, enough for `interpreter_factor` times the meetings
    // that would need one if buyers met suppliers at random.
    let mut demand: BTreeMap<Language, f64> = BTreeMap::new();
    for buyer in &buyers {
        let sample = docs.len().min(200);
        let lacking: Vec<Language> = (0..sample)
            .filter_map(|k| fair_matchmaking::build::needs_interpreter(buyer, &docs[k * docs.len() / sample]))
            .collect();
        if let Some(&language) = lacking.first() {
            *demand.entry(language).or_default() += f64::from(BUYER_MAX) * lacking.len() as f64 / sample as f64;
        }
    }
    let mut interpreters = Vec::new();
    for (&language, &meetings) in &demand {
        let per_slot = meetings / f64::from(slot_count) / 0.75;
        let count = (per_slot * args.interpreter_factor).ceil().max(1.0) as usize;
        for _ in 0..count {
            interpreters.push((language, availability(&mut rng, slot_count, 0.1, 0.4)));
        }
    }

    // Preferences among suppliers of the groups a buyer needs: some Must (half of
    // them mutual), some Meet, a few No thanks; suppliers ask for some buyers too.
    let mut by_group: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        for group in doc.product_groups() {
            by_group.entry(group).or_default().push(i);
        }
    }
    let mut preferences: HashMap<(Uuid, Uuid), Preferences> = HashMap::new();
    let mut interested: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (b, buyer) in buyers.iter().enumerate() {
        let mut matching: Vec<usize> = buyer
            .needs
            .iter()
            .filter_map(|n| n.product_group.as_deref())
            .flat_map(|g| by_group.get(g).cloned().unwrap_or_default())
            .collect();
        matching.sort_unstable();
        matching.dedup();
        for &s in &matching {
            interested[s].push(b);
        }
        let pick = |rng: &mut SplitMix| matching.get(rng.below(matching.len() as u64) as usize).copied();
        if rng.chance(0.25)
            && let Some(s) = pick(&mut rng)
        {
            let entry = preferences.entry((buyer.id, docs[s].id)).or_default();
            entry.buyer = Some(Preference::Must);
            if rng.chance(0.5) {
                entry.supplier = Some(Preference::Must);
            }
        }
        if rng.chance(0.4)
            && let Some(s) = pick(&mut rng)
        {
            preferences.entry((buyer.id, docs[s].id)).or_default().buyer.get_or_insert(Preference::Meet);
        }
        if rng.chance(0.1)
            && let Some(s) = pick(&mut rng)
        {
            preferences.entry((buyer.id, docs[s].id)).or_default().buyer.get_or_insert(Preference::NoThanks);
        }
    }
    for (s, doc) in docs.iter().enumerate() {
        if rng.chance(0.3) && !interested[s].is_empty() {
            let b = interested[s][rng.below(interested[s].len() as u64) as usize];
            preferences.entry((buyers[b].id, doc.id)).or_default().supplier.get_or_insert(Preference::Meet);
        }
    }

    // Tables: `table_factor` times the on-site meetings of an average slot.
    let meetings = (buyers.len() as f64 * f64::from(BUYER_MAX)).min(docs.len() as f64 * f64::from(SUPPLIER_MAX)) * 0.9;
    let onsite_buyers = buyer_attendance.iter().filter(|a| **a != Attendance::Online).count() as f64;
    let onsite_suppliers = supplier_attendance.iter().filter(|a| **a != Attendance::Online).count() as f64;
    let onsite = onsite_buyers / buyers.len().max(1) as f64 * onsite_suppliers / docs.len().max(1) as f64;
    let tables = (args.table_factor * meetings * onsite / f64::from(slot_count)).ceil().max(1.0) as u32;

    Fair {
        docs,
        buyers,
        buyer_available,
        supplier_available,
        buyer_attendance,
        supplier_attendance,
        interpreters,
        preferences,
        tables,
        slots,
    }
}

/// Peak resident memory since the last reset, in MiB (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Resets the peak (Linux: writing 5 to clear_refs); false if that is not allowed.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Pairs that cannot meet in any schedule: no slot both attend (with an interpreter
/// of their pair available, if they need one; with tables, if on site).
fn impossible(problem: &Problem) -> Vec<bool> {
    let pairs = problem.interpreters.iter().map(|i| i.pair as usize + 1).max().unwrap_or(0);
    let mut covered: Vec<SlotSet> = vec![SlotSet::empty(problem.slots.len() as u32); pairs];
    for interpreter in &problem.interpreters {
        for slot in interpreter.available.iter() {
            covered[interpreter.pair as usize].insert(slot);
        }
    }
    problem
        .candidates
        .iter()
        .map(|c| {
            let mut common = problem.buyers[c.buyer as usize]
                .available
                .intersection(&problem.suppliers[c.supplier as usize].available);
            if let Some(pair) = c.interpreter {
                common = match covered.get(pair as usize) {
                    Some(set) => common.intersection(set),
                    None => SlotSet::empty(problem.slots.len() as u32),
                };
            }
            common.is_empty() || (c.mode == Mode::OnSite && problem.tables == 0)
        })
        .collect()
}

/// Pairs never free together (what `schedule` excludes before its first selection).
fn never_together(problem: &Problem) -> Vec<bool> {
    problem
        .candidates
        .iter()
        .map(|c| {
            problem.buyers[c.buyer as usize]
                .available
                .intersection_count(&problem.suppliers[c.supplier as usize].available)
                == 0
        })
        .collect()
}

/// An upper bound on any schedule's objective: the exact selection optimum of a
/// relaxation (no pair that cannot meet; nobody above as many meetings as it has
/// free slots). Priorities depend on neither change, so objectives compare.
fn selection_bound(problem: &Problem) -> (i128, Breakdown) {
    let mut relaxed = problem.clone();
    for participant in relaxed.buyers.iter_mut().chain(relaxed.suppliers.iter_mut()) {
        participant.max_meetings = participant.max_meetings.min(participant.available.count());
    }
    let options = SelectOptions::default();
    debug_assert_eq!(priorities(&relaxed, &options), priorities(problem, &options));
    let selection = select(&relaxed, &impossible(problem), &options);
    (selection.objective, breakdown(problem, &selection.chosen, &options))
}

/// The contrast: candidates best first (mutual Must, then score), each in the first
/// slot where both, a table and an interpreter are free, while quotas allow.
fn greedy(problem: &Problem) -> Vec<Meeting> {
    let slot_count = problem.slots.len() as u32;
    let mut order: Vec<usize> = (0..problem.candidates.len()).collect();
    order.sort_by_key(|&c| (Reverse(problem.candidates[c].mutual_must), Reverse(problem.candidates[c].score), c));
    let mut buyer_busy = vec![SlotSet::empty(slot_count); problem.buyers.len()];
    let mut supplier_busy = vec![SlotSet::empty(slot_count); problem.suppliers.len()];
    let mut interpreter_busy = vec![SlotSet::empty(slot_count); problem.interpreters.len()];
    let mut buyer_count = vec![0u32; problem.buyers.len()];
    let mut supplier_count = vec![0u32; problem.suppliers.len()];
    let mut tables_used = vec![0u32; slot_count as usize];
    let mut meetings = Vec::new();
    for c in order {
        let candidate = &problem.candidates[c];
        let (b, s) = (candidate.buyer as usize, candidate.supplier as usize);
        if buyer_count[b] >= problem.buyers[b].max_meetings || supplier_count[s] >= problem.suppliers[s].max_meetings {
            continue;
        }
        let common = problem.buyers[b].available.intersection(&problem.suppliers[s].available);
        for slot in common.iter() {
            if buyer_busy[b].contains(slot) || supplier_busy[s].contains(slot) {
                continue;
            }
            let onsite = candidate.mode == Mode::OnSite;
            if onsite && tables_used[slot as usize] >= problem.tables {
                continue;
            }
            let interpreter = match candidate.interpreter {
                None => None,
                Some(pair) => {
                    match (0..problem.interpreters.len()).find(|&i| {
                        problem.interpreters[i].pair == pair
                            && problem.interpreters[i].available.contains(slot)
                            && !interpreter_busy[i].contains(slot)
                    }) {
                        Some(i) => Some(i as u32),
                        None => continue,
                    }
                }
            };
            let table = onsite.then(|| {
                tables_used[slot as usize] += 1;
                tables_used[slot as usize] - 1
            });
            if let Some(i) = interpreter {
                interpreter_busy[i as usize].insert(slot);
            }
            buyer_busy[b].insert(slot);
            supplier_busy[s].insert(slot);
            buyer_count[b] += 1;
            supplier_count[s] += 1;
            meetings.push(Meeting { candidate: c as u32, slot, table, interpreter, locked: false });
            break;
        }
    }
    meetings.sort_by_key(|m| m.candidate);
    meetings
}

fn slots_json(set: &SlotSet) -> Vec<u32> {
    set.iter().collect()
}

/// The whole problem, for CP-SAT.
fn problem_json(problem: &Problem) -> serde_json::Value {
    let p = priorities(problem, &SelectOptions::default());
    json!({
        "slots": problem.slots.len(),
        "tables": problem.tables,
        "buyers": problem.buyers.iter().map(|b| json!({"min": b.min_meetings, "max": b.max_meetings, "available": slots_json(&b.available)})).collect::<Vec<_>>(),
        "suppliers": problem.suppliers.iter().map(|s| json!({"min": s.min_meetings, "max": s.max_meetings, "available": slots_json(&s.available)})).collect::<Vec<_>>(),
        "candidates": problem.candidates.iter().map(|c| json!({
            "buyer": c.buyer, "supplier": c.supplier, "score": c.score, "must": c.mutual_must,
            "interpreter": c.interpreter, "onsite": c.mode == Mode::OnSite,
        })).collect::<Vec<_>>(),
        "interpreters": problem.interpreters.iter().map(|i| json!({"pair": i.pair, "available": slots_json(&i.available)})).collect::<Vec<_>>(),
        "priorities": {"must": p.must, "buyer_minimum": p.buyer_minimum, "supplier_minimum": p.supplier_minimum},
    })
}

fn write_json(path: &Path, value: &serde_json::Value) -> anyhow::Result<()> {
    std::fs::write(path, serde_json::to_vec(value)?).with_context(|| format!("writing {}", path.display()))
}

/// What one fair gave.
#[derive(Default)]
struct Row {
    size: String,
    candidates: usize,
    meetings: usize,
    index_ms: f64,
    build_ms: f64,
    select_ms: f64,
    schedule_ms: f64,
    schedule_select_ms: f64,
    schedule_place_ms: f64,
    rounds: u32,
    total_ms: f64,
    peak_mib: Option<f64>,
    objective: i128,
    bound: i128,
    greedy: i128,
    flow: Option<String>,
    flow_ratio: Option<f64>,
    cpsat: Option<String>,
    cpsat_objective: Option<i128>,
    cpsat_bound: Option<i128>,
    must: (usize, usize),
    minimum: (usize, usize),
    without: usize,
    idle: u32,
    interpreted: f64,
}

fn run(size: Size, args: &Args, python: Option<&Path>, out: &Path) -> anyhow::Result<Row> {
    let mut row = Row { size: size.to_string(), ..Row::default() };
    println!("\n=== fair {size}: {} slots ({DAYS} days × {SLOTS_PER_DAY}) ===", DAYS * SLOTS_PER_DAY);
    let reset = reset_peak();
    let started = Instant::now();
    let fair = generate(size, args);
    let generated = started.elapsed();
    println!(
        "generated in {:.0} ms: {} suppliers, {} buyers, {} needs, {} tables, {} interpreters ({}), {} preferences",
        ms(generated),
        fair.docs.len(),
        fair.buyers.len(),
        fair.buyers.iter().map(|b| b.needs.len()).sum::<usize>(),
        fair.tables,
        fair.interpreters.len(),
        {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for (language, _) in &fair.interpreters {
                *counts.entry(language.tag()).or_default() += 1;
            }
            counts.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(", ")
        },
        fair.preferences.len(),
    );

    // The pipeline: index, scoring and problem building, selection and placement.
    let t = Instant::now();
    let index = DirectoryIndex::build(fair.docs.clone(), 1, today());
    let index_time = t.elapsed();
    let mut languages: Vec<Language> = fair.interpreters.iter().map(|(l, _)| *l).collect();
    languages.sort();
    languages.dedup();
    let scorer = Scorer { index: &index, today: today(), interpreter_languages: &languages };
    let preferences = |b: Uuid, s: Uuid| fair.preferences.get(&(b, s)).copied().unwrap_or_default();
    let allowed = |_: &Buyer, _: &DirectoryDoc| true;
    let input = FairInput {
        slots: fair.slots.clone(),
        tables: fair.tables,
        suppliers: fair
            .docs
            .iter()
            .zip(&fair.supplier_available)
            .zip(&fair.supplier_attendance)
            .map(|((doc, available), attendance)| SupplierEntry {
                doc: doc.clone(),
                min_meetings: SUPPLIER_MIN,
                max_meetings: SUPPLIER_MAX,
                available: available.clone(),
                attendance: *attendance,
            })
            .collect(),
        buyers: fair
            .buyers
            .iter()
            .zip(&fair.buyer_available)
            .zip(&fair.buyer_attendance)
            .map(|((buyer, available), attendance)| BuyerEntry {
                buyer: buyer.clone(),
                min_meetings: BUYER_MIN,
                max_meetings: BUYER_MAX,
                available: available.clone(),
                attendance: *attendance,
            })
            .collect(),
        interpreters: fair
            .interpreters
            .iter()
            .enumerate()
            .map(|(i, (language, available))| InterpreterEntry {
                key: format!("i{i}"),
                language: *language,
                available: available.clone(),
            })
            .collect(),
        preferences: &preferences,
        allowed: &allowed,
        locks: Vec::new(),
        previous: Vec::new(),
    };
    let t = Instant::now();
    let built = build(&input, &scorer, &mut |_, _| {});
    let build_time = t.elapsed();
    let problem = &built.problem;

    let t = Instant::now();
    let options = ScheduleOptions::default();
    let mut marks: Vec<(Instant, bool)> = Vec::new();
    let result = schedule(problem, &options, &mut |progress| {
        marks.push((Instant::now(), matches!(progress, Progress::Selecting { .. })));
    });
    let schedule_time = t.elapsed();
    let end = Instant::now();
    let (mut in_select, mut in_place) = (Duration::ZERO, Duration::ZERO);
    for (k, (at, selecting)) in marks.iter().enumerate() {
        let next = marks.get(k + 1).map_or(end, |m| m.0);
        if *selecting {
            in_select += next - *at;
        } else {
            in_place += next - *at;
        }
    }
    let peak = if reset { peak_mib() } else { None };

    // One selection on its own, as schedule's first round solves it.
    let never = never_together(problem);
    let t = Instant::now();
    let selection = select(problem, &never, &SelectOptions::default());
    let select_time = t.elapsed();

    row.candidates = problem.candidates.len();
    row.meetings = result.meetings.len();
    row.index_ms = ms(index_time);
    row.build_ms = ms(build_time);
    row.select_ms = ms(select_time);
    row.schedule_ms = ms(schedule_time);
    row.schedule_select_ms = ms(in_select);
    row.schedule_place_ms = ms(in_place);
    row.rounds = result.rounds;
    row.total_ms = ms(build_time + schedule_time);
    row.peak_mib = peak;
    row.objective = result.objective;

    let interpreted_candidates = problem.candidates.iter().filter(|c| c.interpreter.is_some()).count();
    let onsite_candidates = problem.candidates.iter().filter(|c| c.mode == Mode::OnSite).count();
    println!(
        "problem: {} candidates ({:.1} per buyer; {:.1}% need an interpreter, {:.1}% on site), {} asked-for pairs vetoed",
        problem.candidates.len(),
        problem.candidates.len() as f64 / problem.buyers.len().max(1) as f64,
        100.0 * interpreted_candidates as f64 / problem.candidates.len().max(1) as f64,
        100.0 * onsite_candidates as f64 / problem.candidates.len().max(1) as f64,
        built.vetoed.len(),
    );
    println!("time (release, one thread):");
    println!("  index build                  {:>9.1} ms", ms(index_time));
    println!("  scoring + build              {:>9.1} ms", ms(build_time));
    println!(
        "  schedule                     {:>9.1} ms  ({} rounds: selection {:.1} ms, placement {:.1} ms)",
        ms(schedule_time),
        result.rounds,
        ms(in_select),
        ms(in_place)
    );
    println!("  one selection alone          {:>9.1} ms", ms(select_time));
    println!(
        "  total scored+selected+placed {:>9.1} ms   (with index {:.1} ms; target ≤ 5000 ms at 1,000×3,000)",
        row.total_ms,
        row.total_ms + row.index_ms
    );
    match peak {
        Some(mib) => println!("  peak memory (VmHWM)          {mib:>9.1} MiB (generation included)"),
        None => println!("  peak memory: not measured (cannot reset /proc/self/clear_refs)"),
    }

    // Soundness and the figures of the schedule.
    let valid = check(problem, &result.meetings);
    let placed: Vec<u32> = result.meetings.iter().map(|m| m.candidate).collect();
    let ours = breakdown(problem, &placed, &SelectOptions::default());
    let mut buyer_count = vec![0u32; problem.buyers.len()];
    for m in &result.meetings {
        buyer_count[problem.candidates[m.candidate as usize].buyer as usize] += 1;
    }
    let mut buyer_candidates = vec![0u32; problem.buyers.len()];
    for c in &problem.candidates {
        buyer_candidates[c.buyer as usize] += 1;
    }
    let must_total = problem.candidates.iter().filter(|c| c.mutual_must).count();
    let must_met = placed.iter().filter(|&&c| problem.candidates[c as usize].mutual_must).count();
    let reached = problem.buyers.iter().zip(&buyer_count).filter(|(b, n)| **n >= b.min_meetings).count();
    let short_of_candidates =
        problem.buyers.iter().zip(&buyer_candidates).filter(|(b, n)| **n < b.min_meetings).count();
    let without = buyer_count.iter().filter(|n| **n == 0).count();
    let without_candidates = buyer_candidates.iter().filter(|n| **n == 0).count();
    let idle = idle_gaps(problem, &result.meetings);
    let interpreted = result.meetings.iter().filter(|m| m.interpreter.is_some()).count();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, reason) in &result.left_out {
        *reasons.entry(reason.code()).or_default() += 1;
    }
    row.must = (must_met, must_total);
    row.minimum = (reached, problem.buyers.len());
    row.without = without;
    row.idle = idle;
    row.interpreted = 100.0 * interpreted as f64 / result.meetings.len().max(1) as f64;
    println!(
        "schedule: {} meetings, valid: {}",
        result.meetings.len(),
        valid.as_ref().map_or_else(|e| e.clone(), |_| "yes".to_owned())
    );
    println!("  mutual Must-meet met         {must_met} / {must_total}");
    println!(
        "  buyers at their minimum ({BUYER_MIN})  {reached} / {} ({short_of_candidates} have fewer candidates than that)",
        problem.buyers.len()
    );
    println!("  buyers with no meeting       {without} ({without_candidates} have no candidate at all)");
    println!(
        "  idle gaps                    {idle} slots ({:.2} per participant with meetings)",
        f64::from(idle)
            / (buyer_count.iter().filter(|n| **n > 0).count() + {
                let mut s = vec![false; problem.suppliers.len()];
                for m in &result.meetings {
                    s[problem.candidates[m.candidate as usize].supplier as usize] = true;
                }
                s.iter().filter(|x| **x).count()
            })
            .max(1) as f64
    );
    println!("  meetings with an interpreter {interpreted} ({:.1}%)", row.interpreted);
    println!(
        "  candidates left out, by reason: {}",
        reasons.iter().map(|(r, n)| format!("{r} {n}")).collect::<Vec<_>>().join(", ")
    );

    // Bounds and baselines.
    let t = Instant::now();
    let (bound, bound_parts) = selection_bound(problem);
    let bound_time = t.elapsed();
    let t = Instant::now();
    let greedy_meetings = greedy(problem);
    let greedy_time = t.elapsed();
    let greedy_valid = check(problem, &greedy_meetings).is_ok();
    let greedy_chosen: Vec<u32> = greedy_meetings.iter().map(|m| m.candidate).collect();
    let greedy_value = objective(problem, &greedy_chosen, &SelectOptions::default());
    let greedy_parts = breakdown(problem, &greedy_chosen, &SelectOptions::default());
    row.bound = bound;
    row.greedy = greedy_value;
    let show = |name: &str, value: i128, parts: &Breakdown| {
        println!(
            "  {name:<26} {value:>14}  must {:>4}  buyer minimums {:>6}  supplier minimums {:>5}  score {:>9}",
            parts.must_pairs, parts.buyer_minimums, parts.supplier_minimums, parts.plain_weight
        );
    };
    println!("objective (priorities {:?}):", priorities(problem, &SelectOptions::default()));
    show("schedule", result.objective, &ours);
    show("selection bound (upper)", bound, &bound_parts);
    show(if greedy_valid { "greedy baseline" } else { "greedy baseline (INVALID)" }, greedy_value, &greedy_parts);
    println!(
        "  schedule ÷ bound {:.5}; schedule ÷ greedy {:.4}; score sum ÷ bound's {:.4}  (bound {:.0} ms, greedy {:.1} ms)",
        result.objective as f64 / bound as f64,
        result.objective as f64 / greedy_value as f64,
        ours.plain_weight as f64 / bound_parts.plain_weight as f64,
        ms(bound_time),
        ms(greedy_time)
    );

    // OR-Tools.
    if let Some(python) = python {
        let stem = format!("scheduler-{}x{}", size.suppliers, size.buyers);
        let net = network(problem, &never, &SelectOptions::default());
        let flow = &net.flow;
        let supplies: Vec<(usize, i64)> =
            (0..flow.node_count()).filter(|&n| flow.supply(n) != 0).map(|n| (n, flow.supply(n))).collect();
        let arcs: Vec<(usize, usize, i64, i64)> = (0..flow.arc_count()).map(|a| flow.arc(a)).collect();
        let path = out.join(format!("{stem}-network.json"));
        write_json(
            &path,
            &json!({
                "nodes": flow.node_count(),
                "supplies": supplies,
                "tails": arcs.iter().map(|a| a.0).collect::<Vec<_>>(),
                "heads": arcs.iter().map(|a| a.1).collect::<Vec<_>>(),
                "capacities": arcs.iter().map(|a| a.2).collect::<Vec<_>>(),
                "costs": arcs.iter().map(|a| a.3).collect::<Vec<_>>(),
            }),
        )?;
        let mut ours_flow = flow.clone();
        let t = Instant::now();
        let solution = ours_flow.solve().map_err(|e| anyhow::anyhow!("our min-cost flow: {e}"))?;
        let our_flow_time = t.elapsed();
        match ortools::solve(python, &["flow", &path.to_string_lossy()]) {
            Ok(answer) => {
                let status = answer["status"].as_str().unwrap_or("?").to_owned();
                let theirs_time = answer["solve_seconds"].as_f64().unwrap_or(f64::NAN);
                match answer["optimal_cost"].as_i64() {
                    Some(cost) => {
                        let theirs = net.offset - i128::from(cost);
                        let equal = theirs == selection.objective && i128::from(cost) == solution.cost;
                        let ratio = our_flow_time.as_secs_f64() / theirs_time;
                        println!(
                            "OR-Tools SimpleMinCostFlow: {status}, objective {theirs} vs ours {} → {}; solve {:.1} ms vs ours {:.1} ms (ours ÷ theirs ×{ratio:.2}; our select() with network build {:.1} ms); {} nodes, {} arcs",
                            selection.objective,
                            if equal { "EQUAL" } else { "DIFFERENT" },
                            theirs_time * 1e3,
                            ms(our_flow_time),
                            row.select_ms,
                            flow.node_count(),
                            flow.arc_count()
                        );
                        row.flow = Some(if equal { "equal".to_owned() } else { format!("DIFFERENT ({theirs})") });
                        row.flow_ratio = Some(ratio);
                    }
                    None => {
                        println!("OR-Tools SimpleMinCostFlow: {status} (no optimum)");
                        row.flow = Some(status);
                    }
                }
            }
            Err(error) => {
                println!("OR-Tools SimpleMinCostFlow: not measured: {error:#}");
                row.flow = Some("not measured".to_owned());
            }
        }

        if size.buyers <= args.cpsat_max_buyers {
            let path = out.join(format!("{stem}-problem.json"));
            write_json(&path, &problem_json(problem))?;
            let limit = format!("{}", args.cpsat_time_limit);
            let workers = format!("{}", args.cpsat_workers);
            match ortools::solve(
                python,
                &["cpsat", &path.to_string_lossy(), "--time-limit", &limit, "--workers", &workers],
            ) {
                Ok(answer) => {
                    let status = answer["status"].as_str().unwrap_or("?").to_owned();
                    let objective = answer["objective"].as_i64().map(i128::from);
                    let bound = answer["bound"].as_i64().map(i128::from);
                    println!(
                        "OR-Tools CP-SAT (whole problem, {} booleans, {} workers, limit {} s): {status} in {:.1} s (+{:.1} s model build); objective {}, bound {}",
                        answer["variables"],
                        args.cpsat_workers,
                        args.cpsat_time_limit,
                        answer["solve_seconds"].as_f64().unwrap_or(f64::NAN),
                        answer["build_seconds"].as_f64().unwrap_or(f64::NAN),
                        objective.map_or("none".to_owned(), |v| v.to_string()),
                        bound.map_or("none".to_owned(), |v| v.to_string()),
                    );
                    if let Some(value) = objective {
                        println!(
                            "  {:<26} {value:>14}  must {:>4}  buyer minimums {:>6}  supplier minimums {:>5}  score {:>9}",
                            "CP-SAT best",
                            answer["must_pairs"],
                            answer["buyer_minimums"],
                            answer["supplier_minimums"],
                            answer["plain_weight"]
                        );
                        println!(
                            "  schedule ÷ CP-SAT objective {:.5}; schedule ÷ CP-SAT bound {:.5}",
                            result.objective as f64 / value as f64,
                            bound.map_or(f64::NAN, |b| result.objective as f64 / b as f64)
                        );
                    }
                    row.cpsat = Some(status);
                    row.cpsat_objective = objective;
                    row.cpsat_bound = bound;
                }
                Err(error) => {
                    println!("OR-Tools CP-SAT: not measured: {error:#}");
                    row.cpsat = Some("not measured".to_owned());
                }
            }
        } else {
            println!(
                "OR-Tools CP-SAT: not run ({} buyers > --cpsat-max-buyers {})",
                size.buyers, args.cpsat_max_buyers
            );
        }
    }
    Ok(row)
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let out = match &args.out {
        Some(out) => out.clone(),
        None => ortools::target_dir().context("finding the target directory")?.join("fair-bench"),
    };
    let python = if args.ortools {
        std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
        match ortools::python(args.python.as_deref()) {
            Ok((python, version)) => {
                println!("OR-Tools {version} via {}", python.display());
                Some(python)
            }
            Err(error) => {
                println!("OR-Tools unavailable, our figures only: {error:#}");
                None
            }
        }
    } else {
        None
    };
    let mut rows = Vec::new();
    for &size in &args.sizes {
        rows.push(run(size, &args, python.as_deref(), &out)?);
    }

    println!("\n=== summary (release build; times in ms, one thread) ===");
    println!(
        "| fair | candidates | meetings | index | scoring+build | selection (one) | schedule (rounds) | total | peak MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {:.0} | {:.0} | {:.0} | {:.0} ({}) | **{:.0}** | {} |",
            r.size,
            r.candidates,
            r.meetings,
            r.index_ms,
            r.build_ms,
            r.select_ms,
            r.schedule_ms,
            r.rounds,
            r.total_ms,
            r.peak_mib.map_or("n/a".to_owned(), |m| format!("{m:.0}"))
        );
    }
    println!();
    println!(
        "| fair | schedule ÷ bound | ÷ CP-SAT objective | ÷ CP-SAT bound | CP-SAT status | ÷ greedy | flow vs OR-Tools | our flow time ÷ OR-Tools' | Must met | buyers at min | buyers w/o meeting | idle gaps | interpreted |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {:.4} | {} | {} | {} | {:.3} | {} | {} | {}/{} | {}/{} | {} | {} | {:.1}% |",
            r.size,
            r.objective as f64 / r.bound as f64,
            r.cpsat_objective.map_or("—".to_owned(), |v| format!("{:.4}", r.objective as f64 / v as f64)),
            r.cpsat_bound.map_or("—".to_owned(), |v| format!("{:.4}", r.objective as f64 / v as f64)),
            r.cpsat.clone().unwrap_or_else(|| "—".to_owned()),
            r.objective as f64 / r.greedy as f64,
            r.flow.clone().unwrap_or_else(|| "—".to_owned()),
            r.flow_ratio.map_or("—".to_owned(), |v| format!("×{v:.2}")),
            r.must.0,
            r.must.1,
            r.minimum.0,
            r.minimum.1,
            r.without,
            r.idle,
            r.interpreted
        );
    }
    Ok(())
}
